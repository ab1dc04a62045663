"""A message told in short lines without punctuation: a line of one to three words runs
on into the next when that opens in lower case; a negation or a capital keeps the break."""

from __future__ import annotations

from krampe.lang.da import danish


def _sentences(text: str) -> list[str]:
    toks, sents = danish().tokenizer.tokenize(text)
    return [" ".join(t.forms[0] for t in toks[s.start:s.end]) for s in sents]


def test_fragments_run_on() -> None:
    assert _sentences("højre ben\nsvigter\nhele tiden nu") == ["højre ben svigter hele tiden nu"]


def test_a_long_line_ends_its_sentence() -> None:
    assert _sentences("jeg har haft ondt i læggen hele dagen\nmen nu er det bedre") == [
        "jeg har haft ondt i læggen hele dagen", "men nu er det bedre"]


def test_a_capital_or_punctuation_keeps_the_break() -> None:
    assert _sentences("min læg\nHævet siden i går") == ["min læg", "hævet siden i går"]
    assert _sentences("min læg.\nhævet") == ["min læg", "hævet"]


def test_a_negation_keeps_the_break() -> None:
    assert _sentences("ingen feber\nrød læg") == ["ingen feber", "rød læg"]
    assert _sentences("rød læg\nikke varm") == ["rød læg", "ikke varm"]
