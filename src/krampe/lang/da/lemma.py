"""Lemmas and stems: the curated table (data/lemmas.yaml) for the domain's words first,
then simplemma's Danish data (lemmas) or the Snowball stemmer (search stems)."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from krampe.lang.da.data import LemmasFile

_EL_END = re.compile(r"[^aeiouyæøå]el$")


class Lemmatiser:
    def __init__(self, lemmas: LemmasFile):
        self.table = lemmas.lemmas
        self._stemmer = Stemmer.Stemmer("danish")

    def lemma(self, word: str) -> str:
        """The dictionary form ("kramperne" -> "krampe", "lægen" -> "læge")."""
        curated = self.table.get(word)
        return curated if curated is not None else _simplemma(word)

    def stem(self, word: str) -> str:
        """The search stem: the curated lemma, else Snowball's stem."""
        curated = self.table.get(word)
        if curated is not None:
            return curated
        stem = self._stemmer.stemWord(word)
        # muskel/muskler, artikel/artikler: the stemmer keeps the -el of the singular.
        if len(stem) >= 5 and _EL_END.search(stem):
            stem = stem[:-2] + "l"
        return stem


# simplemma ships its data in the wheel: nothing is downloaded. Its Danish dictionary
# takes half a second to load, so it is imported and loaded only on first use.
@lru_cache(maxsize=50_000)
def _simplemma(word: str) -> str:
    import simplemma

    return str(simplemma.lemmatize(word, lang="da"))
