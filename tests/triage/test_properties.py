"""Property tests: negation never raises, red flags never lower, case/space never matter."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from krampe.triage import triage
from tests.triage.helpers import RANK

# Pieces of ordinary descriptions (no red flags), combined at random.
BACKGROUND = [
    "Jeg får krampe i læggen",
    "jeg er 45 år",
    "om natten",
    "efter en lang løbetur",
    "jeg drikker meget kaffe",
    "min mand vågner af krampe",
    "jeg er gravid",
    "det går over når jeg strækker ud",
    "jeg står op hele dagen",
    "krampen kommer tit",
    "jeg tager statiner",
    "Min datter på 12 spiller fodbold",
    "i kulden",
    "læggen er lidt øm bagefter",
    "jeg sidder meget stille",
    "hvad kan jeg gøre",
]

# (present red-flag sentence, the same flag negated)
RED_FLAGS = [
    ("Læggen er hævet og rød.", "Læggen er ikke hævet og ikke rød."),
    ("Jeg har pludselig svært ved at trække vejret.",
     "Jeg har ingen problemer med vejrtrækningen."),
    ("Jeg har ondt i brystet.", "Jeg har ikke ondt i brystet."),
    ("Benet er koldt og blegt.", "Benet er hverken koldt eller blegt."),
    ("Jeg mærkede et smæld i læggen.", "Jeg mærkede intet smæld i læggen."),
    ("Krampen slipper ikke efter en halv time.", "Krampen varer ikke længe."),
    ("Jeg hoster blod.", "Jeg hoster ikke blod."),
    ("Benet er hævet, varmt og ømt.", "Benet er uden hævelse, varme og ømhed."),
]

background = st.lists(st.sampled_from(BACKGROUND), min_size=1, max_size=5).map(
    lambda parts: ", ".join(parts) + "."
)
flags = st.sampled_from(RED_FLAGS)


@settings(max_examples=150, deadline=None)
@given(background, flags, st.booleans())
def test_negating_a_present_red_flag_never_raises_the_level(text, flag, before):
    present, negated = flag
    join = (lambda f: f + " " + text) if before else (lambda f: text + " " + f)
    assert RANK[triage(join(negated)).level] <= RANK[triage(join(present)).level]


@settings(max_examples=150, deadline=None)
@given(background, flags)
def test_adding_a_red_flag_sentence_never_lowers_the_level(text, flag):
    present, _ = flag
    base = triage(text).level
    with_flag = triage(text + " " + present).level
    assert RANK[with_flag] >= RANK[base]
    assert RANK[with_flag] >= RANK["urgent"]


def _respace(text: str, widths: list[int]) -> str:
    words = text.split(" ")
    out = words[0]
    for i, w in enumerate(words[1:]):
        out += " " * (1 + widths[i % len(widths)]) + w
    return "  " + out + " \t "


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(BACKGROUND + [f for pair in RED_FLAGS for f in pair]),
             min_size=1, max_size=5).map(" ".join),
    st.lists(st.integers(0, 3), min_size=1, max_size=5),
    st.sampled_from(["upper", "lower", "title", "swap"]),
)
def test_level_does_not_depend_on_case_or_whitespace(text, widths, case):
    base = triage(text).level
    changed = getattr(text, case if case != "swap" else "swapcase")()
    assert triage(changed).level == base
    assert triage(_respace(text, widths)).level == base
    assert triage(re.sub(r" ", "\t", text)).level == base
