"""Giving freed memory back to the system, so that a long run's footprint stays flat.

Two allocators keep what a run frees. Arrow's default pool (mimalloc in
pyarrow 26) held over 100 MB of pages in the parent while Arrow had under
10 MB allocated; jemalloc, which pyarrow also ships, releases freed pages after
a short decay. glibc's malloc keeps the holes that the quality gate's
short-lived strings leave between long-lived objects; `malloc_trim` hands
whole free pages back (Dask's workers do the same). Both are no-ops where the
platform lacks them.
"""
from __future__ import annotations

import ctypes
from functools import lru_cache

import pyarrow as pa

RELEASING_POOL = "jemalloc"  # Arrow's pool that returns freed pages to the system


def prefer_releasing_pool() -> str:
    """Make Arrow allocate from jemalloc where this pyarrow has it (for the application to call once,
    before it forks workers: they inherit the pool); returns the pool's name."""
    if RELEASING_POOL in pa.supported_memory_backends() and pa.default_memory_pool().backend_name != RELEASING_POOL:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    return pa.default_memory_pool().backend_name


def return_free_heap() -> bool:
    """Hand malloc's free pages back to the system (glibc); False where there is no malloc_trim."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, or None (macOS, Windows, musl)."""
    try:
        return ctypes.CDLL(None).malloc_trim  # the symbols the interpreter was linked with, libc's among them
    except (OSError, AttributeError, TypeError):
        return None
