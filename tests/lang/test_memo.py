"""The bounded memo keeps the words in use and drops the ones not met for longest."""

from krampe.lang.da import danish
from krampe.lang.da.memo import Lru


def test_a_hit_keeps_an_entry_that_would_otherwise_go_first() -> None:
    memo: Lru[str, int] = Lru(2)
    memo.put("læg", 1)
    memo.put("fod", 2)
    memo.move_to_end("læg")  # used again: now the most recent
    memo.put("knæ", 3)
    assert "læg" in memo and "knæ" in memo and "fod" not in memo
    assert len(memo) == 2


def test_new_entries_are_remembered_after_the_bound_is_reached() -> None:
    memo: Lru[str, int] = Lru(3)
    for i, word in enumerate(["ankel", "hæl", "tå", "lår", "hofte"]):
        memo.put(word, i)
    assert list(memo) == ["tå", "lår", "hofte"]
    assert memo.get("hofte") == 4


def test_the_tokenizer_reads_the_same_after_its_memo_is_full() -> None:
    tokenizer = danish().tokenizer
    text = "Min læg strammer hver aften efter cykelturen"
    first = [t.forms for t in tokenizer.tokenize(text)[0]]
    size = tokenizer._forms_memo.size
    try:
        tokenizer.clear_cache()
        tokenizer._forms_memo.size = 2  # every later word evicts an earlier one
        again = [t.forms for t in tokenizer.tokenize(text)[0]]
        assert len(tokenizer._forms_memo) <= 2
    finally:
        tokenizer._forms_memo.size = size
    assert again == first
