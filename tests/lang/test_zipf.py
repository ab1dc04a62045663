"""zipf: wordfreq's Zipf level of a Danish word, read from the shipped list for plain
words (without importing wordfreq), wordfreq's own answer for anything else."""

from __future__ import annotations

import subprocess
import sys

import pytest

from krampe.lang.da import spelling

wordfreq = pytest.importorskip("wordfreq")

WORDS = ["og", "ikke", "læggen", "kramper", "magnesium", "væskebalance", "sætte", "saette",
         "hjlæpe", "fodboldstøvler", "qxzv", "Krampe", "78", "p-piller", "bli'r", "é",
         "cafe", "café", "æbleskiver", "natten"]


@pytest.mark.parametrize("word", WORDS)
def test_zipf_is_wordfreqs_value(word):
    assert spelling.zipf(word) == float(wordfreq.zipf_frequency(word, "da", wordlist="small"))


def test_every_plain_word_of_the_list_has_wordfreqs_value():
    levels = spelling._zipf_levels()
    sample = [w for w in list(levels)[::97] if w.isalpha() and w == w.casefold()]
    assert len(sample) > 100
    for word in sample:
        assert spelling.zipf(word) == float(wordfreq.zipf_frequency(word, "da",
                                                                    wordlist="small")), word


def test_plain_words_do_not_import_wordfreq():
    code = ("import sys; from krampe.lang.da import spelling; "
            "spelling.zipf('læggen'); spelling.zipf('qxzv'); "
            "print('wordfreq' in sys.modules); spelling.warm_up(); "
            "print('wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True"]  # warm_up loads it for numbers, before a fork
