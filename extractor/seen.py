"""Papers seen before in a run, by id and by abstract, in memory that does not grow with the run.

A run over millions of abstracts must not keep millions of Python objects: a
set of ints costs about 60 bytes a key. Keys (64-bit hashes) go first into a
small set and, when it is full, are merged into the last of a few sorted NumPy
arrays (runs of at most RUN_KEYS keys, so that a merge never copies more than
one run), which are searched by bisection, a whole batch of keys at once. A
full run is written to a temporary file and mapped: the system's page cache
holds it, and the pages a search touches are dropped from the process after
it, so that memory stays flat (two keys a paper would be 16 MB per million).
A search reads every run (0.2 ms a batch for a spilled run of 2^18 keys), so the
cost grows with the input: about 1.6 ms a batch after a million papers.
"""
from __future__ import annotations

import mmap
import tempfile

import numpy as np

RECENT_KEYS = 1 << 16  # keys held in the set before they join a sorted run
RUN_KEYS = 1 << 18     # keys of a full run (2 MB): then it goes to disk and a new run starts


class SeenPapers:
    """Remembers papers by id and by abstract: the same paper arriving twice is one row."""

    def __init__(self, recent_keys: int = RECENT_KEYS, run_keys: int = RUN_KEYS, spill: bool = True) -> None:
        self._recent: set[int] = set()
        self._runs: list[np.ndarray | SpilledRun] = []  # sorted keys; all but the last are full (and spilled)
        self._limit, self._run_keys, self._spill = recent_keys, run_keys, spill

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
            found |= run.holds(keys) if isinstance(run, SpilledRun) else _holds(run, keys)
        return found

    def _merge_if_full(self) -> None:
        """The set's keys into the last run (a stable sort of a sorted run and a short tail is
        nearly linear), or into a new one when the last is full (which then goes to disk)."""
        if len(self._recent) >= self._limit:
            tail = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
            if self._runs and len(self._runs[-1]) < self._run_keys:
                last = self._runs.pop()
            else:
                last = tail[:0]
                if self._spill and self._runs and isinstance(self._runs[-1], np.ndarray):
                    self._runs[-1] = _spilled(self._runs[-1])
            merged = np.concatenate([last, tail])
            merged.sort(kind="stable")
            self._runs.append(merged)
            self._recent.clear()


def _spilled(run: np.ndarray) -> "SpilledRun | np.ndarray":
    """The run in a temporary file, or still in memory where none can be written (no space)."""
    try:
        return SpilledRun(run)
    except OSError:
        return run


def _holds(run: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Which of `keys` the sorted array `run` holds."""
    at = np.minimum(run.searchsorted(keys), len(run) - 1)
    return run[at] == keys


class SpilledRun:
    """A full sorted run in a temporary file (deleted when closed), mapped read-only."""

    def __init__(self, run: np.ndarray) -> None:
        self._file = tempfile.TemporaryFile(prefix="extractor-seen-")
        run.tofile(self._file)
        self._file.flush()
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
        self.keys = np.frombuffer(self._map, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.keys)

    def holds(self, keys: np.ndarray) -> np.ndarray:
        """Which of `keys` the run holds; the pages read are then dropped from this process's memory
        (they stay in the page cache, so the next search faults them back in cheaply)."""
        found = _holds(self.keys, keys)
        if hasattr(mmap, "MADV_DONTNEED"):  # Linux and macOS
            self._map.madvise(mmap.MADV_DONTNEED)
        return found
