"""Freed memory goes back to the system: Arrow's pool and malloc's heap."""
from __future__ import annotations

import os
import sys

import pyarrow as pa
import pytest

from extractor.memory import RELEASING_POOL, prefer_releasing_pool, return_free_heap

LINUX = sys.platform.startswith("linux")


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.fixture
def restore_pool():
    before = pa.default_memory_pool()
    yield
    pa.set_memory_pool(before)


def test_releasing_pool_is_taken_where_pyarrow_has_it(restore_pool, monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    name = prefer_releasing_pool()
    assert name == pa.default_memory_pool().backend_name
    if RELEASING_POOL in pa.supported_memory_backends():
        assert name == RELEASING_POOL
        assert pa.array(range(1000)).sum().as_py() == 499500  # Arrow still computes with it


def test_a_pool_the_user_chose_is_kept(restore_pool, monkeypatch):
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "system")
    pa.set_memory_pool(pa.system_memory_pool())
    assert prefer_releasing_pool() == "system"


def test_releasing_pool_twice_keeps_it(restore_pool):
    assert prefer_releasing_pool() == prefer_releasing_pool()


@pytest.mark.skipif(not LINUX, reason="malloc_trim and /proc are glibc and Linux")
def test_free_heap_pages_go_back_to_the_system():
    """Free every block but the last (which pins the heap's top, so free() alone cannot shrink it):
    the pages stay resident until they are trimmed."""
    blocks = [bytearray(8192) for _ in range(20_000)]  # about 160 MB of small blocks from malloc
    for block in blocks:
        block[::4096] = b"x" * len(block[::4096])  # touch every page
    last = blocks[-1]
    del blocks
    before = _rss_mb()
    assert return_free_heap()
    after = _rss_mb()
    assert before - after > 80, (before, after)
    assert last[0] == ord("x")
