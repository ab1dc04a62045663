"""A bounded memo that keeps the most recently used entries (least recently used out).

Per-word memos (a word's forms, its spelling fix, its analysis) live as long as a server
process. Stopping at a size kept the first words ever seen and recomputed every later new
word for ever; clearing at a size threw the common words away with the rare ones. Here a
hit moves its entry to the back (`hit`) and a new entry beyond the bound evicts the front
one (`put`).

An OrderedDict itself, so that the hot path's look-up is the C `get` and `move_to_end`
(no Python call per word): `value = memo.get(key)`, then `memo.move_to_end(key)` on a hit.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Lru(OrderedDict[K, V]):
    """At most `size` entries; `put` evicts the least recently used."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: K, value: V) -> None:
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
