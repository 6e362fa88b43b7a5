"""Papers seen before in a run, by id and by abstract, in memory that grows by 8 bytes a key.

A run over millions of abstracts must not keep millions of Python objects: a
set of ints costs about 60 bytes a key. Keys (64-bit hashes) go first into a
small set and, when it is full, are appended to one sorted NumPy array (a
stable sort of a sorted array and a short tail is nearly linear), which is
searched by bisection, a whole batch of keys at once.
"""
from __future__ import annotations

import numpy as np

RECENT_KEYS = 1 << 16  # keys held in the set before they join the sorted array


class SeenPapers:
    """Remembers papers by id and by abstract: the same paper arriving twice is one row."""

    def __init__(self, recent_keys: int = RECENT_KEYS) -> None:
        self._recent: set[int] = set()
        self._archive = np.empty(0, dtype=np.int64)
        self._limit = recent_keys

    def first_papers(self, ids: list[str], abstracts: list[str]) -> list[bool]:
        """For each paper in order: True the first time its id and its abstract are seen
        (either one seen before, here or earlier in the list, makes it a duplicate)."""
        keys = [(hash(pid), hash(("abstract", abstract))) for pid, abstract in zip(ids, abstracts)]
        archived = self._archived(np.array(keys, dtype=np.int64).reshape(-1, 2)).any(axis=1).tolist()
        fresh = []
        for (id_key, abstract_key), old in zip(keys, archived):
            fresh.append(not (old or id_key in self._recent or abstract_key in self._recent))
            self._recent.add(id_key)
            self._recent.add(abstract_key)
        self._merge_if_full()
        return fresh

    def first_paper(self, paper_id: str, abstract: str) -> bool:
        return self.first_papers([paper_id], [abstract])[0]

    def first_time(self, paper) -> bool:
        return self.first_paper(paper.paper_id, paper.abstract)

    def first_id(self, paper_id: str) -> bool:
        """True the first time `paper_id` is seen."""
        key = hash(paper_id)
        fresh = key not in self._recent and not self._archived(np.array([key], dtype=np.int64))[0]
        self._recent.add(key)
        self._merge_if_full()
        return fresh

    def __len__(self) -> int:
        return len(self._recent) + len(self._archive)

    def _archived(self, keys: np.ndarray) -> np.ndarray:
        """Which keys the sorted array holds (same shape as `keys`)."""
        archive = self._archive
        if not len(archive):
            return np.zeros(keys.shape, dtype=bool)
        at = np.minimum(archive.searchsorted(keys), len(archive) - 1)
        return archive[at] == keys

    def _merge_if_full(self) -> None:
        if len(self._recent) >= self._limit:
            tail = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
            merged = np.concatenate([self._archive, tail])
            merged.sort(kind="stable")
            self._archive = merged
            self._recent.clear()
