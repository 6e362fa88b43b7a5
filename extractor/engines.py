"""Where batches run: in this process, in worker processes, or (later) on a Dask cluster.

Every engine maps one batch function over batches and yields the results in
input order, so the output is the same row for row whatever the engine.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "processes")


class LocalEngine:
    """Runs each batch in this process: no start-up cost, one core."""

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def map_batches(self, fn: Callable[..., R], batches: Iterable[T], *args) -> Iterator[R]:
        for batch in batches:
            yield fn(batch, *args)


class ProcessEngine:
    """Runs batches in worker processes, at most `jobs * 2` batches in flight (flat memory)."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "ProcessEngine":
        self._pool = ProcessPoolExecutor(max_workers=self.jobs)
        return self

    def __exit__(self, *exc) -> None:
        if self._pool:
            self._pool.shutdown(cancel_futures=True)

    def map_batches(self, fn: Callable[..., R], batches: Iterable[T], *args) -> Iterator[R]:
        assert self._pool is not None, "use the engine in a with block"
        pending = []
        for batch in batches:
            pending.append(self._pool.submit(fn, batch, *args))
            if len(pending) >= self.jobs * 2:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def make_engine(name: str, jobs: int | None, scheduler: str | None = None):
    """`local`, or `processes` with `jobs` workers (one job means local)."""
    jobs = jobs or default_jobs()
    if name == "local" or jobs <= 1:
        return LocalEngine()
    if name == "processes":
        return ProcessEngine(jobs)
    raise ValueError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})")
