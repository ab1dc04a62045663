"""Weighting classes: how much a word weighs when search ranks and gates an answer.

The classes are exclusive (checked on load), so a word's class is one dictionary look-up.
"""

from __future__ import annotations

import re

from krampe.lang.da.data import WordsFile

# A letter held three times or more ("aaav", "nåååh"): a word drawn out in speech.
_DRAWN_OUT = re.compile(r"(\w)\1{2,}")
_RUN = re.compile(r"(\w)\1+")

STOP, QUESTION, WEAK, CONTENT = "stop", "question", "weak", "content"
DETAIL = "detail"  # story details (mor, måned): ranked like content, not required by the gate


class WordClasses:
    def __init__(self, words: WordsFile):
        # Filler words are dropped like stop words.
        self._kind = {
            **dict.fromkeys(words.stop_words, STOP),
            **dict.fromkeys(words.filler_words, STOP),
            **dict.fromkeys(words.question_words, QUESTION),
            **dict.fromkeys(words.weak_words, WEAK),
            **dict.fromkeys(words.detail_words, DETAIL),
        }
        self.stop_words = frozenset(words.stop_words)
        self.listed = frozenset(self._kind)

    def kind(self, word: str) -> str:
        if word.isdigit():
            return WEAK  # ages, dates, counts: details, not what a question is about
        found = self._kind.get(word)
        if found is None and _DRAWN_OUT.search(word):
            # "aaav", "avvvv", "nååå", "hmmm": the listed word drawn out ("av", "hmm").
            found = self._kind.get(_RUN.sub(r"\1", word)) or self._kind.get(
                _DRAWN_OUT.sub(r"\1\1", word))
        return found or CONTENT
