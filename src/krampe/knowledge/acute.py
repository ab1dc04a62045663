"""The one detector of an acute question: asked during a cramp happening now.

"krampe nu", "av av", "hjælp, den slipper ikke", "min læg låser stadig - hvad gør jeg?"
set the ask result's `acute` field (the contract), and pages lead with the acute steps
of the bundled guide. A question about cramps in general ("hvad gør jeg, hvis jeg får
krampe?", "hvorfor slipper krampen ikke om natten?") is not acute.

The words are the language layer's (cues.yaml `acute_*`, the lexicon's `cramp` concept);
the rules are here:

- a cry that opens the text, fills its clause or repeats ("Av!", "au au");
- a call for help that opens the text or fills its clause, when the text names the cramp
  or one that will not let go ("Hjælp, den slipper ikke");
- a cramp word with a now-word meaning right now in the same clause ("krampe nu",
  "låser stadig"), outside a clause about habits, conditions or before and after, or
  anywhere with "lige nu";
- a cramp that will not let go: a let-go word with a negation ("slipper ikke", "vil ikke
  give slip") in a text that names the cramp or cries, outside a sentence about habits
  or conditions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from krampe.lang.da import danish

_RUNS = re.compile(r"(.)\1{2,}")  # "hjææælp", "avvvv": a drawn-out cry


class _Words:
    def __init__(self) -> None:
        lang = danish()
        cues = lang.cues
        self.cry = frozenset(cues.words("acute_cry"))
        self.help = frozenset(cues.words("acute_help"))
        self.now = frozenset(cues.words("acute_now"))
        self.let_go = frozenset(cues.words("acute_let_go"))
        self.habit = frozenset(cues.words("acute_habit"))
        self.not_now = self.habit | frozenset(cues.words("acute_before_after"))
        self.since = frozenset(cues.words("acute_since"))
        self.past = frozenset(cues.words("acute_past"))
        self.relief = frozenset(cues.words("relief_verbs"))
        self.prevent = frozenset(w for w in lang.macro("prevent") if "*" not in w)
        self.negation = cues.negation
        self.cramp = frozenset(w for w in lang.macro("cramp") if "*" not in w)
        self.tokenizer = lang.tokenizer


@lru_cache(maxsize=1)
def _words() -> _Words:
    return _Words()


@lru_cache(maxsize=65536)  # per word: words repeat, the regular expression is slow
def _norm(word: str) -> str:
    return _RUNS.sub(r"\1", word)


def is_acute(text: str) -> bool:
    """True when the text asks for help with a cramp happening now."""
    w = _words()
    sentences = [[[_norm(x) for x in clause] for clause in w.tokenizer.clauses(sentence)]
                 for sentence in w.tokenizer.sentences(text)]
    clauses = [c for sentence in sentences for c in sentence if c]
    if not clauses:
        return False
    calls = w.cry | w.help
    cramp = any(x in w.cramp for c in clauses for x in c)
    # A habit or condition anywhere in a sentence governs it ("når jeg får krampe om
    # natten, slipper den ikke").
    stuck = any(_not_letting_go(c, w) for sentence in sentences
                if not any(x in w.habit for c in sentence for x in c) for c in sentence)
    called = any(x in calls for c in clauses for x in c)
    first = clauses[0]
    # A cry stands for itself ("av av"); a call for help needs the cramp ("hjælp, den
    # slipper ikke"), else it may be any emergency.
    if first[0] in w.cry and first[1:2] != ["og"]:  # not Norwegian "av og til"
        return True
    if first[0] in w.help and (cramp or stuck):
        return True
    if cramp and any(a == "lige" and b == "nu" for c in clauses for a, b in pairwise(c)):
        return True  # "hvad gør jeg lige nu? læggen er låst"
    for clause in clauses:
        cries = [x in w.cry for x in clause]
        if all(cries) or any(a and b for a, b in pairwise(cries)):
            return True  # "..., av av"
        if all(x in w.help for x in clause) and (cramp or stuck):
            return True  # "..., hjælp!"
        if any(x in w.cramp for x in clause) and _now(clause, w):
            return True  # "krampe nu", "læggen låser stadig"
    # A cramp that will not let go ("den slipper ikke", "vil ikke give slip").
    return stuck and (cramp or called)


def _now(clause: list[str], w: _Words) -> bool:
    """A now-word meaning right now: "lige nu" always; otherwise not after "og"/"men"
    ("og nu får jeg kramper": since then), not opening the clause, not in "nu og da",
    and not in a clause about habits, conditions or before and after."""
    for i, word in enumerate(clause):
        if word not in w.now:
            continue
        before = clause[i - 1] if i else ""
        if word == "nu" and before == "lige":
            return True
        if not i or before in w.since or clause[i + 1:i + 2] == ["og"]:
            continue
        if not any(x in w.not_now for x in clause):
            return True
    return False


def _not_letting_go(clause: list[str], w: _Words) -> bool:
    """A negation up to six words before a let-go word or two after it ("kan ikke få den
    til at give slip", "slipper ikke")."""
    if any(x in w.past for x in clause):
        return False  # "jeg kunne ikke få den til at slippe": then, not now
    for i, word in enumerate(clause):
        if word in w.let_go:
            window = clause[max(0, i - 6):i + 3]
            if any(x in w.negation for x in window):
                return True
    return False


def asks_relief(text: str, acute: bool | None = None) -> bool:
    """True when the text asks what to do about a cramp: acute, or a sentence with "hvad",
    a verb of doing ("gør", "gøre") and a cramp word, not about preventing it ("hvad gør
    jeg, når jeg vågner med krampe?"; not "hvad gør jeg for at undgå kramper?").
    `acute`: is_acute(text), when the caller has it already."""
    if is_acute(text) if acute is None else acute:
        return True
    w = _words()
    for sentence in w.tokenizer.sentences(text):
        words = [_norm(x) for x in w.tokenizer.words(sentence)]
        if ("hvad" in words and any(x in w.relief for x in words)
                and any(x in w.cramp for x in words) and not any(x in w.prevent for x in words)):
            return True
    return False
