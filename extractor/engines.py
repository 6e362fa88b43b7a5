"""Where batches run: in this process, in worker processes, or on a Dask cluster.

Every engine maps one batch function over batches and yields the results in
input order, so the output is the same row for row whatever the engine. The
parallel engines keep a bounded number of batches in flight (four times the
number of workers), so memory stays flat however long the input is.

A worker that dies (a signal, out of memory) does not end the run: its batch
runs again on a fresh worker, up to `RETRIES` times, and then `on_lost(batch,
reason)` stands in for its result.
"""
from __future__ import annotations

import gc
import os
import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "processes", "dask")
DASK_INSTALL_HINT = "pip install 'extractor[dask]'"
IN_FLIGHT_PER_WORKER = 4  # batches per worker submitted ahead: while the parent checks a chunk (the first
#                          check imports great-expectations, about 2 s) the workers still have work queued
WORKER_GC_THRESHOLD = 10_000  # allocations between collections of a worker's young objects (Python's default: 700)
RETRIES = 2  # a batch whose worker died runs again at most this many times, each on a fresh worker


class EngineError(ValueError):
    """An engine that cannot be made: an unknown name, or dask asked for but not installed."""


class LocalEngine:
    """Runs each batch in this process: no start-up cost, one core."""

    def __enter__(self) -> "LocalEngine":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def map_batches(self, fn: Callable[..., R], batches: Iterable[T], *args,
                    on_lost: Callable[[T, str], R] | None = None) -> Iterator[R]:
        """`fn(batch, *args)` for each batch, in order (no worker to lose: `on_lost` is unused)."""
        for batch in batches:
            yield fn(batch, *args)


class ProcessEngine:
    """Runs batches in worker processes, at most `jobs * 4` batches in flight (flat memory).

    When a worker dies the pool breaks and every batch in flight fails with it;
    each such batch then runs alone on a pool of one fresh worker, so that a
    second death is that batch's own, up to `RETRIES` times.
    """

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "ProcessEngine":
        self._pool = _new_pool(self.jobs)
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self._pool:
            _stop(self._pool, now=exc_type is not None)  # interrupted: do not wait for the batches running
            self._pool = None

    def map_batches(self, fn: Callable[..., R], batches: Iterable[T], *args,
                    on_lost: Callable[[T, str], R] | None = None) -> Iterator[R]:
        """`fn(batch, *args)` for each batch on the pool, yielded in input order."""
        assert self._pool is not None, "use the engine in a with block"

        def submit(batch: T) -> tuple[T, ProcessPoolExecutor, Any]:
            try:
                return batch, self._pool, self._pool.submit(fn, batch, *args)
            except BrokenProcessPool:  # a worker died since the last batch was submitted
                self._replace(self._pool)
                return batch, self._pool, self._pool.submit(fn, batch, *args)

        def result(item: tuple[T, ProcessPoolExecutor, Any]) -> R:
            batch, pool, future = item
            try:
                return future.result()
            except BrokenProcessPool:
                self._replace(pool)
                return _rerun(fn, batch, args, on_lost)

        return bounded_map(submit, batches, self.jobs * IN_FLIGHT_PER_WORKER, result)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """A fresh pool for the batches to come, unless `broken` was replaced already."""
        if broken is self._pool:
            _stop(broken, now=True)
            self._pool = _new_pool(self.jobs)


def _rerun(fn: Callable[..., R], batch: T, args: tuple, on_lost: Callable[[T, str], R] | None) -> R:
    """A batch whose pool broke, alone on a fresh worker up to RETRIES times; then `on_lost`."""
    for _ in range(RETRIES):
        pool = _new_pool(1)
        try:
            return pool.submit(fn, batch, *args).result()
        except BrokenProcessPool:
            continue
        finally:
            _stop(pool, now=False)
    reason = f"its worker process died {RETRIES + 1} times (killed by a signal or out of memory)"
    if on_lost is None:
        raise BrokenProcessPool(reason)
    return on_lost(batch, reason)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)


def _worker_start() -> None:
    """Workers leave Ctrl-C and TERM to the parent, which stops them: no traceback from each.

    What a worker inherits from the parent (the compiled rules above all) lives as long as the worker:
    frozen out of the garbage collector's reach, it is not scanned again by each full collection. A
    worker makes many short-lived objects and few cycles, so it collects its young objects less often
    (about 2.5% of extraction time on 3,000 abstracts)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _stop(pool: ProcessPoolExecutor, now: bool) -> None:
    """Shut a pool down; `now`: its workers are terminated rather than waited for."""
    if now:
        for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public way before 3.14
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


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
        import dask

        if self.scheduler:
            self._client = self._distributed.Client(self.scheduler)
        else:
            with dask.config.set({"distributed.scheduler.allowed-failures": RETRIES}):  # Dask retries a lost task
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

    def map_batches(self, fn: Callable[..., R], batches: Iterable[T], *args,
                    on_lost: Callable[[T, str], R] | None = None) -> Iterator[R]:
        """`fn(batch, *args)` for each batch on the cluster, yielded in input order; the scheduler
        reruns a batch whose worker died, and gives up on it (KilledWorker) after its retries. A batch
        given up on may only have shared a worker with the one that killed it: it runs once more alone,
        in a fresh local process (up to RETRIES times), before `on_lost` stands in for it."""
        assert self._client is not None, "use the engine in a with block"
        client, killed = self._client, self._distributed.KilledWorker

        def result(item: tuple[T, Any]) -> R:
            batch, future = item
            try:
                return future.result()
            except killed:
                return _rerun(fn, batch, args, on_lost)

        return bounded_map(lambda batch: (batch, client.submit(fn, batch, *args, pure=False)), batches,
                           self.workers() * IN_FLIGHT_PER_WORKER, result)

    def workers(self) -> int:
        """Worker threads on the cluster (what `jobs` means for a local one), at least one."""
        if self._cluster is not None:
            return self.jobs
        info = self._client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))


def bounded_map(submit: Callable[[T], Any], batches: Iterable[T], in_flight: int,
                result: Callable[[Any], Any] = lambda future: future.result()) -> Iterator[Any]:
    """Submit batches as futures, at most `in_flight` at once, and yield their results in input order.

    A future's result is taken (and the future dropped, which frees it on a
    Dask cluster) before the next batch past the window is read; `result`
    takes it from what `submit` returned.
    """
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= max(1, in_flight):
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


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
