"""Papers seen before in a run, by id and by abstract, in memory that grows by 8 bytes a key.

A run over millions of abstracts must not keep millions of Python objects: a
set of ints costs about 60 bytes a key. Keys (64-bit hashes) go first into a
small set and, when it is full, are merged into the last of a few sorted NumPy
arrays (runs of at most RUN_KEYS keys, so that a merge never copies more than
one run), which are searched by bisection, a whole batch of keys at once.
"""
from __future__ import annotations

import numpy as np

RECENT_KEYS = 1 << 16  # keys held in the set before they join a sorted run
RUN_KEYS = 1 << 20     # keys of a full run (8 MB): a new run starts after it


class SeenPapers:
    """Remembers papers by id and by abstract: the same paper arriving twice is one row."""

    def __init__(self, recent_keys: int = RECENT_KEYS, run_keys: int = RUN_KEYS) -> None:
        self._recent: set[int] = set()
        self._runs: list[np.ndarray] = []  # sorted keys; all but the last are full
        self._limit, self._run_keys = recent_keys, run_keys

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
        return len(self._recent) + sum(len(run) for run in self._runs)

    def _archived(self, keys: np.ndarray) -> np.ndarray:
        """Which keys the sorted runs hold (same shape as `keys`)."""
        found = np.zeros(keys.shape, dtype=bool)
        for run in self._runs:
            at = np.minimum(run.searchsorted(keys), len(run) - 1)
            found |= run[at] == keys
        return found

    def _merge_if_full(self) -> None:
        """The set's keys into the last run (a stable sort of a sorted run and a short tail is
        nearly linear), or into a new one when the last is full."""
        if len(self._recent) >= self._limit:
            tail = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
            last = self._runs.pop() if self._runs and len(self._runs[-1]) < self._run_keys else tail[:0]
            merged = np.concatenate([last, tail])
            merged.sort(kind="stable")
            self._runs.append(merged)
            self._recent.clear()
