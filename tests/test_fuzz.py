"""The bounded fuzz slice CI runs (a few hundred examples a property), and every crash the
fuzzing found, kept as a named regression case. The long session: `python -m tests.fuzz --minutes N`."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_cases import PROPERTIES, InputFile, check_extract, check_read

CI_EXAMPLES = {"extract-unicode": 300, "extract-number-text": 300, "read-any-input": 200}


@pytest.mark.parametrize("prop", PROPERTIES, ids=[p.name for p in PROPERTIES])
def test_property_holds(prop):
    examples = []

    @settings(max_examples=CI_EXAMPLES[prop.name], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(prop.strategy(prop.ci))
    def holds(value):
        examples.append(1)
        prop.check(value)

    holds()
    print(f"{prop.name}: {len(examples)} examples")  # shown with -s
    assert len(examples) >= CI_EXAMPLES[prop.name] // 2  # the slice ran (too few: the strategy is broken)


# Crashes the fuzzing found, each as it was shrunk; they must stay fixed.
EXTRACT_REGRESSIONS = [
    ("lone-surrogate-in-id-hash", "\ud800"),
    ("e400-overflow", "1e400"),
    ("power-overflow", "10^{999}"),
]


@pytest.mark.parametrize("text", [c[1] for c in EXTRACT_REGRESSIONS], ids=[c[0] for c in EXTRACT_REGRESSIONS])
def test_extract_regression(text):
    check_extract(text)


READ_REGRESSIONS = [
    ("surrogate-escape-in-jsonl", InputFile(b'{"abstract": "\\ud800 1e400"}\n', ".jsonl", None)),
]


@pytest.mark.parametrize("item", [c[1] for c in READ_REGRESSIONS], ids=[c[0] for c in READ_REGRESSIONS])
def test_read_regression(item):
    check_read(item)
