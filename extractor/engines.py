"""Where batches run: in this process, in worker processes, or on a Dask cluster.

Every engine maps one batch function over batches and yields the results in
input order, so the output is the same row for row whatever the engine. The
parallel engines keep a bounded number of batches in flight (twice the number
of workers), so memory stays flat however long the input is.
"""
from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "processes", "dask")
DASK_INSTALL_HINT = "pip install 'extractor[dask]'"
IN_FLIGHT_PER_WORKER = 2


class EngineError(ValueError):
    """An engine that cannot be made: an unknown name, or dask asked for but not installed."""


class LocalEngine:
    """Runs each batch in this process: no start-up cost, one core."""

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def map_batches(self, fn: Callable[..., R], batches: Iterable[T], *args) -> Iterator[R]:
        """`fn(batch, *args)` for each batch, in order."""
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
            self._pool = None

    def map_batches(self, fn: Callable[..., R], batches: Iterable[T], *args) -> Iterator[R]:
        """`fn(batch, *args)` for each batch on the pool, yielded in input order."""
        assert self._pool is not None, "use the engine in a with block"
        pool = self._pool
        return bounded_map(lambda batch: pool.submit(fn, batch, *args), batches,
                           self.jobs * IN_FLIGHT_PER_WORKER)


class DaskEngine:
    """Runs batches on a Dask cluster: the one at `scheduler`, or a local one of `jobs` worker processes.

    The workers import the batch function by name, so on a real cluster every
    worker needs the same `extractor` package installed as the client.
    """

    def __init__(self, jobs: int, scheduler: str | None = None):
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self._distributed = import_distributed()
        self._cluster: Any = None
        self._client: Any = None

    def __enter__(self) -> "DaskEngine":
        if self.scheduler:
            self._client = self._distributed.Client(self.scheduler)
        else:
            self._cluster = self._distributed.LocalCluster(
                n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            self._client = self._distributed.Client(self._cluster)
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def map_batches(self, fn: Callable[..., R], batches: Iterable[T], *args) -> Iterator[R]:
        """`fn(batch, *args)` for each batch on the cluster, yielded in input order."""
        assert self._client is not None, "use the engine in a with block"
        client = self._client
        return bounded_map(lambda batch: client.submit(fn, batch, *args, pure=False), batches,
                           self.workers() * IN_FLIGHT_PER_WORKER)

    def workers(self) -> int:
        """Worker threads on the cluster (what `jobs` means for a local one), at least one."""
        if self._cluster is not None:
            return self.jobs
        info = self._client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))


def bounded_map(submit: Callable[[T], Any], batches: Iterable[T], in_flight: int) -> Iterator[Any]:
    """Submit batches as futures, at most `in_flight` at once, and yield their results in input order.

    A future's result is taken (and the future dropped, which frees it on a
    Dask cluster) before the next batch past the window is read.
    """
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= max(1, in_flight):
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def import_distributed():
    """The `distributed` module, or an EngineError (a ValueError) saying how to install it."""
    try:
        import distributed
    except ImportError as err:
        raise EngineError(f"--engine dask needs dask and distributed, which are not installed "
                         f"({err}); install them with: {DASK_INSTALL_HINT}") from err
    return distributed


def default_jobs() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def make_engine(name: str, jobs: int | None, scheduler: str | None = None):
    """`local`; `processes` with `jobs` workers (one job means local); or `dask`.

    `dask` uses the cluster at `scheduler` (e.g. `tcp://host:8786`) when one is
    given, else a local cluster of `jobs` worker processes.
    """
    if name not in ENGINES:
        raise EngineError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})")
    jobs = jobs or default_jobs()
    if name == "dask":
        return DaskEngine(jobs, scheduler)
    if name == "local" or jobs <= 1:
        return LocalEngine()
    return ProcessEngine(jobs)
