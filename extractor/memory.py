"""Giving freed memory back to the system, so that a long run's footprint stays flat.

Two allocators keep what a run frees. Arrow's default pool (mimalloc in
pyarrow 26) held over 100 MB of pages in the parent while Arrow had under
10 MB allocated; jemalloc, which pyarrow also ships, releases freed pages after
a short decay. glibc's malloc keeps the holes that the quality gate's
short-lived strings leave between long-lived objects; `malloc_trim` hands
whole free pages back (Dask's workers do the same). And glibc raises its mmap
threshold each time a big block is freed, after which NumPy's and pandas'
buffers come from the heap and fragment it: a fixed threshold keeps them mapped
and unmapped whole (in the parent, the heap grew 105 -> 124 MB over the first
430,000 papers of a run instead of 135 -> 167 MB). All are no-ops where the platform lacks them.
"""
from __future__ import annotations

import ctypes
import os
from functools import lru_cache

import pyarrow as pa

RELEASING_POOL = "jemalloc"  # Arrow's pool that returns freed pages to the system
M_MMAP_THRESHOLD = -3        # mallopt's parameter number (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's initial threshold, kept: bigger blocks are mapped and unmapped whole


def prefer_releasing_pool() -> str:
    """Make Arrow allocate from jemalloc where this pyarrow has it (unless the user chose a pool
    with ARROW_DEFAULT_MEMORY_POOL), and glibc map big blocks (for the application to call once,
    before it forks workers: they inherit both); returns the name of Arrow's pool."""
    chosen = os.environ.get("ARROW_DEFAULT_MEMORY_POOL")
    if not chosen and RELEASING_POOL in pa.supported_memory_backends():
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    mallopt = _libc_function("mallopt")
    if mallopt is not None:
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    return pa.default_memory_pool().backend_name


def return_free_heap() -> bool:
    """Hand malloc's free pages back to the system (glibc); False where there is no malloc_trim."""
    trim = _libc_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True


@lru_cache(maxsize=None)
def _libc_function(name: str):
    """glibc's malloc_trim or mallopt, or None where there is none (macOS, Windows)."""
    try:
        return getattr(ctypes.CDLL(None), name)  # the symbols the interpreter was linked with, libc's among them
    except (OSError, AttributeError, TypeError):
        return None
