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


# Crashes the fuzzing found (on main before issue 13), each as Hypothesis shrank it; they must stay fixed.
EXTRACT_REGRESSIONS = [
    ("lone-surrogate-in-id-hash", "\ud800"),           # UnicodeEncodeError hashing the paper id
    ("e-notation-overflow", "1e309 "),                 # OverflowError: int too large to convert to float
    ("latex-power-overflow", "10^{309} "),             # OverflowError: numerical result out of range
    ("mantissa-power-overflow", "4.5 x 10^309 "),      # OverflowError: int too large to convert to float
]


@pytest.mark.parametrize("text", [c[1] for c in EXTRACT_REGRESSIONS], ids=[c[0] for c in EXTRACT_REGRESSIONS])
def test_extract_regression(text):
    check_extract(text)


READ_REGRESSIONS = [
    ("surrogate-escape-in-jsonl", InputFile(b'{"abstract": "\\ud800"}\n', ".jsonl", None)),
    ("overflow-in-an-atom-summary", InputFile(b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/'
                                              b'abs/2301.00000v1</id><summary>1e309 </summary></entry></feed>',
                                              ".xml", None)),
]


@pytest.mark.parametrize("item", [c[1] for c in READ_REGRESSIONS], ids=[c[0] for c in READ_REGRESSIONS])
def test_read_regression(item):
    check_read(item)
