"""Pathological text is handled in time linear in its length: no pattern backtracks catastrophically."""
from __future__ import annotations

import time

import pytest

import extractor

PATHOLOGICAL = [
    ("one-megabyte", "We propose X. " + "word " * 200_000 + " It reaches 81.2% accuracy."),
    ("ten-thousand-digits", "It scores " + "9" * 10_000 + "% on it."),
    ("nested-parentheses", "We get " + "(" * 1000 + "81.2%" + ")" * 1000 + " accuracy."),
    ("five-thousand-numbers", "Scores are " + ", ".join(f"{i}.5%" for i in range(5000)) + " on CIFAR-10."),
    ("long-latex", r"\textbf{" * 500 + "x" + "}" * 500),
    ("many-dashes", "1" + "-1" * 20_000),
    ("many-commas", "1" + ",000" * 20_000),
]


@pytest.mark.parametrize("text", [c[1] for c in PATHOLOGICAL], ids=[c[0] for c in PATHOLOGICAL])
def test_pathological_inputs_finish(text):
    # Not a timing test of speed: a generous bound that only catastrophic backtracking would break.
    started = time.perf_counter()
    rows = extractor.extract(text)
    assert time.perf_counter() - started < 20
    assert all(0 <= r.char_start < r.char_end for r in rows)
