"""Papers seen before in a run, by id and by abstract, in memory that grows by 8 bytes a key.

A run over millions of abstracts must not keep millions of Python objects: a
set of ints costs about 60 bytes a key. Keys (64-bit hashes) go first into a
small set and, when it is full, are merged into one sorted NumPy array, which
is searched by bisection.
"""
from __future__ import annotations

import numpy as np

RECENT_KEYS = 1 << 18  # keys held in the set before they are merged into the sorted array


class SeenPapers:
    """Remembers papers by id and by abstract: the same paper arriving twice is one row."""

    def __init__(self, recent_keys: int = RECENT_KEYS) -> None:
        self._recent: set[int] = set()
        self._archive = np.empty(0, dtype=np.int64)
        self._limit = recent_keys

    def first_id(self, paper_id: str) -> bool:
        """True the first time `paper_id` is seen."""
        key = hash(paper_id)
        fresh = not self._knows(key)
        self._add(key)
        return fresh

    def first_time(self, paper) -> bool:
        return self.first_paper(paper.paper_id, paper.abstract)

    def first_paper(self, paper_id: str, abstract: str) -> bool:
        """True the first time this id and this abstract are seen (either one seen makes a duplicate)."""
        keys = (hash(paper_id), hash(("abstract", abstract)))
        fresh = not (self._knows(keys[0]) or self._knows(keys[1]))
        self._add(keys[0])
        self._add(keys[1])
        return fresh

    def __len__(self) -> int:
        return len(self._recent) + len(self._archive)

    def _knows(self, key: int) -> bool:
        if key in self._recent:
            return True
        archive = self._archive
        i = int(archive.searchsorted(key))
        return i < len(archive) and int(archive[i]) == key

    def _add(self, key: int) -> None:
        self._recent.add(key)
        if len(self._recent) >= self._limit:
            merged = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
            self._archive = np.union1d(self._archive, merged)
            self._recent.clear()
