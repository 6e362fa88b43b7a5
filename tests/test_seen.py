"""SeenPapers: duplicates by id or abstract are found whether their keys sit in the set or the sorted array."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.seen import SeenPapers

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
    runs = seen._runs
    assert len(seen._recent) < 1000 and sum(r.nbytes for r in runs) <= 20_000 * 8
    assert len(runs) >= 3 and all(len(r) >= 5000 for r in runs[:-1]) and all((r[1:] >= r[:-1]).all() for r in runs)
    assert not seen.first_paper("id5", "new text") and not seen.first_paper("new id", "abstract 9999")
    assert not seen.first_paper("id17", "x") and not seen.first_id("id9998") and seen.first_id("id10000")
