"""SeenPapers: duplicates by id or abstract are found whether their keys sit in the set or the sorted array."""
from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.seen import SeenPapers, SpilledRun

CASES = [
    ("new-paper", [("a", "x")], [True]),
    ("same-id-other-abstract", [("a", "x"), ("a", "y")], [True, False]),
    ("other-id-same-abstract", [("a", "x"), ("b", "x")], [True, False]),
    ("distinct", [("a", "x"), ("b", "y"), ("c", "z")], [True, True, True]),
    ("third-copy", [("a", "x"), ("a", "x"), ("a", "x")], [True, False, False]),
]


@pytest.mark.parametrize("recent_keys", [1, 2, 1 << 18], ids=["merge-every-key", "merge-every-paper", "no-merge"])
@pytest.mark.parametrize("papers, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_first_paper(papers, expected, recent_keys):
    seen = SeenPapers(recent_keys)
    assert [seen.first_paper(pid, abstract) for pid, abstract in papers] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdefgh"), st.sampled_from("stuvwxyz")), max_size=40),
       st.integers(min_value=1, max_value=8))
def test_same_answers_as_a_plain_set(papers, recent_keys):
    seen, ids, abstracts = SeenPapers(recent_keys), set(), set()
    for pid, abstract in papers:
        expected = pid not in ids and abstract not in abstracts
        ids.add(pid)
        abstracts.add(abstract)
        assert seen.first_paper(pid, abstract) == expected


@pytest.mark.parametrize("recent_keys", [1, 3, 1 << 16], ids=["merge-every-key", "merge-mid-batch", "no-merge"])
def test_a_batch_answers_as_one_paper_at_a_time(recent_keys):
    papers = [("a", "x"), ("b", "y"), ("a", "z"), ("c", "y"), ("d", "w"), ("d", "w")]
    one_by_one = SeenPapers(recent_keys)
    expected = [one_by_one.first_paper(pid, abstract) for pid, abstract in papers]
    batched = SeenPapers(recent_keys)
    assert batched.first_papers([p for p, _ in papers[:3]], [a for _, a in papers[:3]]) + \
        batched.first_papers([p for p, _ in papers[3:]], [a for _, a in papers[3:]]) == expected
    assert expected == [True, True, False, False, True, False]


def test_first_id_sees_ids_of_papers():
    seen = SeenPapers(recent_keys=2)
    assert seen.first_paper("a", "x") and not seen.first_id("a") and seen.first_id("b") and not seen.first_id("b")


def test_memory_is_sorted_runs_after_merging():
    seen = SeenPapers(recent_keys=1000, run_keys=5000)
    for i in range(10_000):
        assert seen.first_paper(f"id{i}", f"abstract {i}")
    assert len(seen) == 20_000
    runs = [getattr(r, "keys", r) for r in seen._runs]  # a spilled run's keys are a mapped file
    assert len(seen._recent) < 1000 and sum(r.nbytes for r in runs) <= 20_000 * 8
    assert len(runs) >= 3 and all(len(r) >= 5000 for r in runs[:-1]) and all((r[1:] >= r[:-1]).all() for r in runs)
    assert all(isinstance(r, SpilledRun) for r in seen._runs[:-1]) and isinstance(seen._runs[-1], np.ndarray)
    assert not seen.first_paper("id5", "new text") and not seen.first_paper("new id", "abstract 9999")
    assert not seen.first_paper("id17", "x") and not seen.first_id("id9998") and seen.first_id("id10000")


def test_without_spilling_every_run_stays_in_memory():
    seen = SeenPapers(recent_keys=100, run_keys=300, spill=False)
    assert all(seen.first_paper(f"id{i}", f"abstract {i}") for i in range(1000))
    assert all(isinstance(r, np.ndarray) for r in seen._runs) and len(seen._runs) >= 3
    assert not seen.first_paper("id3", "new")


def _resident_kb(address: int) -> int:
    """The resident size of the mapping that holds `address` (from /proc/self/smaps)."""
    inside = False
    with open("/proc/self/smaps") as f:
        for line in f:
            head = line.split()[0]
            if "-" in head and not head.endswith(":"):
                start, end = (int(x, 16) for x in head.split("-"))
                inside = start <= address < end
            elif inside and head == "Rss:":
                return int(line.split()[1])
    raise AssertionError("no mapping holds the address")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/smaps is Linux")
def test_a_spilled_run_leaves_no_pages_resident_after_a_search():
    keys = np.sort(np.random.default_rng(1).integers(-2**63, 2**63 - 1, size=1 << 18, dtype=np.int64))
    run = SpilledRun(keys)
    queries = np.concatenate([keys[::1000], np.array([5, 7], dtype=np.int64)])
    found = run.holds(queries)
    assert found[:-2].all() and len(run) == len(keys)
    assert _resident_kb(run.keys.ctypes.data) == 0
    assert run.keys[0] == keys[0] and _resident_kb(run.keys.ctypes.data) > 0  # reading faults a page back in


def test_a_run_stays_in_memory_where_no_file_can_be_written(monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("extractor.seen.tempfile.TemporaryFile", no_space)
    seen = SeenPapers(recent_keys=100, run_keys=300)
    assert all(seen.first_paper(f"id{i}", f"abstract {i}") for i in range(1000))
    assert all(isinstance(r, np.ndarray) for r in seen._runs) and len(seen._runs) >= 3
    assert not seen.first_paper("id3", "new") and not seen.first_paper("new", "abstract 999")
