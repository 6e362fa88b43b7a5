"""The quality gate: for each expectation a table that breaks it and one that holds, the report, validate.

The tables are built here (`make_tables`) with records.SCHEMAS, so these tests
do not depend on what the extraction finds. great-expectations is imported
once per test session (the gate keeps its context for the process).
"""
from __future__ import annotations

import copy
import datetime
import json
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.quality import EXPECTATIONS, QualityGate, _GX, _as_checked, rule_units, validate_outdir
from extractor.records import SCHEMAS
from extractor.rules import load_rules

# ---------------------------------------------------------------- small tables, built by hand

ABSTRACT_A = ("Our PIPD model reaches 95.8% accuracy on CIFAR-10 and an FID of 21.5, improving accuracy "
              "by 3.2% over ResNet. It achieves state-of-the-art results with an SSIM of 0.91 (± 0.02) "
              "and an LPIPS of 0.12.")
ABSTRACT_B = "We train on 1,200 hours of speech and are 2-6x faster than Whisper."
ABSTRACT_C = "A position paper with no numbers."


def paper(paper_id: str, abstract: str, **fields) -> dict:
    return {"paper_id": paper_id, "abstract": abstract, "title": f"Title of {paper_id}", "source": "test.jsonl",
            "source_format": "jsonl", "doc_index": 0, "code_urls": [], **fields}


def _span(abstract: str, text: str) -> dict:
    start = abstract.index(text)
    return {"text": text, "char_start": start, "char_end": start + len(text), "sentence": abstract,
            "sentence_index": 0}


def result(result_id: str, paper_row: dict, text: str, kind: str, value: float | None, unit: str,
           low: float | None = None, high: float | None = None, **fields) -> dict:
    """A results row whose span is the first `text` in the paper's abstract."""
    low = value if low is None else low
    high = value if high is None else high
    return {"result_id": result_id, "paper_id": paper_row["paper_id"], "kind": kind, "value": value,
            "value_low": low, "value_high": high, "unit": unit, "qualifier": "=", "rule": "test",
            "confidence": 0.9, **_span(paper_row["abstract"], text), **fields}


def claim(claim_id: str, paper_row: dict, text: str, claim_type: str, **fields) -> dict:
    return {"claim_id": claim_id, "paper_id": paper_row["paper_id"], "claim_type": claim_type, "rule": "test",
            "confidence": 0.8, "datasets": [], "baselines": [], **_span(paper_row["abstract"], text), **fields}


def make_tables(papers: list[dict], results: list[dict] = (), claims: list[dict] = ()) -> dict[str, pa.Table]:
    """papers/results/claims as Arrow tables with the contract's schemas."""
    return {name: pa.Table.from_pylist(list(rows), schema=SCHEMAS[name])
            for name, rows in (("papers", papers), ("results", results), ("claims", claims))}


def base_rows() -> dict[str, list[dict]]:
    """Three papers, seven results of several kinds, two claims: every expectation holds."""
    a, b = paper("arXiv:2301.00001", ABSTRACT_A), paper("arXiv:2301.00002", ABSTRACT_B)
    c = paper("sha1:0c0c0c", ABSTRACT_C)
    return {
        "papers": [a, b, c],
        "results": [
            result("r-acc", a, "95.8%", "score", 95.8, "%", metric="accuracy", dataset="CIFAR-10", method="PIPD"),
            result("r-fid", a, "21.5", "score", 21.5, "", metric="FID", method="PIPD"),
            result("r-delta", a, "3.2%", "delta", 3.2, "%", metric="accuracy", direction="up", baseline="ResNet"),
            result("r-ssim", a, "0.91", "score", 0.91, "", metric="SSIM", uncertainty=0.02),
            result("r-hours", b, "1,200 hours", "data_size", 1200.0, "h"),
            result("r-ratio", b, "2-6x", "ratio", None, "x", low=2.0, high=6.0, direction="up", metric="speed"),
            result("r-lpips", a, "0.12", "score", 0.12, "", metric="LPIPS"),
        ],
        "claims": [
            claim("c-sota", a, "achieves state-of-the-art results", "sota", method="PIPD"),
            claim("c-faster", b, "faster than Whisper", "outperforms", baselines=["Whisper"]),
        ],
    }


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def gate_run(rules):
    """Run the gate on the base tables with one change: (kept, rejected, gate)."""
    def run(table: str | None = None, index: int = 0, changes: dict | None = None):
        rows = copy.deepcopy(base_rows())
        if table:
            rows[table][index].update(changes or {})
        gate = QualityGate(rules)
        kept, rejected = gate.check(make_tables(**rows))
        return kept, rejected, gate
    return run


# ---------------------------------------------------------------- each expectation, broken and holding

P, R, C = "papers", "results", "claims"
SPAN_A = ABSTRACT_A.index("95.8%")

#  id, expectation, table, row, changes, breaks
CASES = [
    ("paper-id-null", "papers.paper_id_not_null", P, 2, {"paper_id": None}, True),
    ("paper-id-other-spelling", "papers.paper_id_not_null", P, 2, {"paper_id": "sha1:0C0C0C"}, False),
    ("paper-id-repeated", "papers.paper_id_unique", P, 2, {"paper_id": "arXiv:2301.00002"}, True),
    ("paper-id-differs-in-case", "papers.paper_id_unique", P, 2, {"paper_id": "ARXIV:2301.00002"}, False),
    ("abstract-null", "papers.abstract_not_null", P, 2, {"abstract": None}, True),
    ("abstract-empty", "papers.abstract_not_null", P, 2, {"abstract": ""}, False),
    ("published-from-guessed", "papers.published_from_in_set", P, 2, {"published_from": "guessed"}, True),
    ("published-from-id", "papers.published_from_in_set", P, 2,
     {"published_from": "arxiv_id", "published": datetime.date(2023, 1, 1)}, False),

    ("result-id-null", "results.result_id_not_null", R, 1, {"result_id": None}, True),
    ("result-id-odd", "results.result_id_not_null", R, 1, {"result_id": "r-ü"}, False),
    ("result-id-repeated", "results.result_id_unique", R, 1, {"result_id": "r-acc"}, True),
    ("result-id-prefix", "results.result_id_unique", R, 1, {"result_id": "r-acc2"}, False),
    ("result-paper-null", "results.paper_id_not_null", R, 4, {"paper_id": None}, True),
    ("result-paper-moved", "results.paper_id_not_null", R, 4,
     {"paper_id": "arXiv:2301.00001", **_span(ABSTRACT_A, "0.91")}, False),
    ("result-paper-unknown", "results.paper_known", R, 4, {"paper_id": "arXiv:9999.99999"}, True),
    ("result-paper-other", "results.paper_known", R, 4,
     {"paper_id": "arXiv:2301.00001", **_span(ABSTRACT_A, "21.5")}, False),
    ("kind-null", "results.kind_not_null", R, 4, {"kind": None}, True),
    ("kind-model-size", "results.kind_not_null", R, 4, {"kind": "model_size"}, False),
    ("kind-typo", "results.kind_in_set", R, 4, {"kind": "data size"}, True),
    ("kind-capitalized", "results.kind_in_set", R, 4, {"kind": "Score"}, True),
    ("kind-efficiency", "results.kind_in_set", R, 4, {"kind": "efficiency"}, False),
    ("qualifier-null", "results.qualifier_not_null", R, 0, {"qualifier": None}, True),
    ("qualifier-about", "results.qualifier_not_null", R, 0, {"qualifier": "~"}, False),
    ("qualifier-unicode", "results.qualifier_in_set", R, 0, {"qualifier": "≥"}, True),
    ("qualifier-at-least", "results.qualifier_in_set", R, 0, {"qualifier": ">="}, False),
    ("direction-word", "results.direction_in_set", R, 2, {"direction": "increase"}, True),
    ("direction-null", "results.direction_in_set", R, 2, {"direction": None}, False),
    ("direction-down", "results.direction_in_set", R, 2, {"direction": "down"}, False),
    ("unit-null", "results.unit_not_null", R, 4, {"unit": None}, True),
    ("unit-empty", "results.unit_not_null", R, 4, {"unit": ""}, False),
    ("unit-unknown", "results.unit_known", R, 0, {"unit": "zorkmid"}, True),
    ("unit-symbol-of-no-unit", "results.unit_known", R, 0, {"unit": "%%"}, True),
    ("unit-physical", "results.unit_known", R, 0, {"unit": "ps"}, False),
    ("unit-data-noun", "results.unit_known", R, 4, {"unit": "annotated transaction"}, False),
    ("unit-data-noun-not-a-word", "results.unit_known", R, 4, {"unit": "<b>"}, True),
    ("unit-percent-points", "results.unit_known", R, 2, {"unit": "pp"}, False),
    ("unit-from-rules", "results.unit_known", R, 4, {"unit": "token"}, False),
    ("low-above-value", "results.value_low_le_value", R, 0, {"value_low": 96.0, "value_high": 97.0}, True),
    ("low-equals-value", "results.value_low_le_value", R, 0, {"value_low": 95.8, "value_high": 97.0}, False),
    ("high-below-value", "results.value_le_value_high", R, 0, {"value_low": 90.0, "value_high": 95.0}, True),
    ("high-above-value", "results.value_le_value_high", R, 0, {"value_low": 90.0, "value_high": 96.0}, False),
    ("range-reversed", "results.value_low_le_value_high", R, 5, {"value_low": 6.0, "value_high": 2.0}, True),
    ("range-point", "results.value_low_le_value_high", R, 5, {"value_low": 4.0, "value_high": 4.0}, False),
    ("low-null", "results.value_low_not_null", R, 4, {"value_low": None}, True),
    ("low-zero", "results.value_low_not_null", R, 4, {"value_low": 0.0}, False),
    ("high-null", "results.value_high_not_null", R, 5, {"value_high": None}, True),
    ("high-zero", "results.value_high_not_null", R, 5, {"value_low": 0.0, "value_high": 0.0}, False),
    ("accuracy-250-percent", "results.percent_score_in_range", R, 0,
     {"value": 250.0, "value_low": 250.0, "value_high": 250.0}, True),
    ("accuracy-negative", "results.percent_score_in_range", R, 0,
     {"value": -1.0, "value_low": -1.0, "value_high": -1.0}, True),
    ("accuracy-range-over", "results.percent_score_in_range", R, 0,
     {"value": None, "value_low": 95.0, "value_high": 101.0}, True),
    ("accuracy-100-percent", "results.percent_score_in_range", R, 0,
     {"value": 100.0, "value_low": 100.0, "value_high": 100.0}, False),
    ("delta-250-percent", "results.percent_score_in_range", R, 2,
     {"value": 250.0, "value_low": 250.0, "value_high": 250.0}, False),
    ("fid-250", "results.percent_score_in_range", R, 1,
     {"value": 250.0, "value_low": 250.0, "value_high": 250.0}, False),
    ("ssim-1.5", "results.fraction_score_in_range", R, 3, {"value": 1.5, "value_low": 1.5, "value_high": 1.5}, True),
    ("ssim-1.0", "results.fraction_score_in_range", R, 3, {"value": 1.0, "value_low": 1.0, "value_high": 1.0}, False),
    ("ssim-in-percent", "results.fraction_score_in_range", R, 3,
     {"value": 91.0, "value_low": 91.0, "value_high": 91.0, "unit": "%"}, False),
    ("method-is-a-data-set", "results.method_not_a_set_or_metric", R, 0, {"method": "CIFAR-10"}, True),
    ("method-is-a-metric", "results.method_not_a_set_or_metric", R, 0, {"method": "top-1 accuracy"}, True),
    ("method-is-a-model", "results.method_not_a_set_or_metric", R, 0, {"method": "ResNet-50"}, False),
    ("dataset-is-a-metric", "results.dataset_not_a_metric", R, 0, {"dataset": "mIoU"}, True),
    ("dataset-unknown-name", "results.dataset_not_a_metric", R, 0, {"dataset": "UniTalk"}, False),
    ("uncertainty-negative", "results.uncertainty_non_negative", R, 3, {"uncertainty": -0.02}, True),
    ("uncertainty-zero", "results.uncertainty_non_negative", R, 3, {"uncertainty": 0.0}, False),
    ("confidence-over-1", "results.confidence_in_0_1", R, 0, {"confidence": 1.2}, True),
    ("confidence-negative", "results.confidence_in_0_1", R, 0, {"confidence": -0.1}, True),
    ("confidence-1", "results.confidence_in_0_1", R, 0, {"confidence": 1.0}, False),
    ("span-shifted", "results.span_exact", R, 0, {"char_start": SPAN_A + 1, "char_end": SPAN_A + 6}, True),
    ("span-text-edited", "results.span_exact", R, 0, {"text": "95.9%"}, True),
    ("span-negative-offsets", "results.span_exact", R, 0,
     {"text": ABSTRACT_A[-5:], "char_start": -5, "char_end": len(ABSTRACT_A)}, True),
    ("span-past-end", "results.span_exact", R, 0,
     {"text": "", "char_start": len(ABSTRACT_A) + 3, "char_end": len(ABSTRACT_A) + 3}, True),
    ("span-other-place", "results.span_exact", R, 2, _span(ABSTRACT_A, "accuracy by 3.2%"), False),

    ("claim-id-null", "claims.claim_id_not_null", C, 1, {"claim_id": None}, True),
    ("claim-id-odd", "claims.claim_id_not_null", C, 1, {"claim_id": "c-ü"}, False),
    ("claim-id-repeated", "claims.claim_id_unique", C, 1, {"claim_id": "c-sota"}, True),
    ("claim-id-prefix", "claims.claim_id_unique", C, 1, {"claim_id": "c-sota2"}, False),
    ("claim-paper-null", "claims.paper_id_not_null", C, 1, {"paper_id": None}, True),
    ("claim-paper-moved", "claims.paper_id_not_null", C, 1,
     {"paper_id": "arXiv:2301.00001", **_span(ABSTRACT_A, "model")}, False),
    ("claim-paper-unknown", "claims.paper_known", C, 1, {"paper_id": "sha1:ffffff"}, True),
    ("claim-paper-other", "claims.paper_known", C, 1,
     {"paper_id": "arXiv:2301.00001", **_span(ABSTRACT_A, "PIPD")}, False),
    ("claim-type-null", "claims.claim_type_not_null", C, 0, {"claim_type": None}, True),
    ("claim-type-first", "claims.claim_type_not_null", C, 0, {"claim_type": "first"}, False),
    ("claim-type-unknown", "claims.claim_type_in_set", C, 0, {"claim_type": "sota-ish"}, True),
    ("claim-type-comparable", "claims.claim_type_in_set", C, 0, {"claim_type": "comparable"}, False),
    ("claim-confidence-over-1", "claims.confidence_in_0_1", C, 0, {"confidence": 2.0}, True),
    ("claim-confidence-0", "claims.confidence_in_0_1", C, 0, {"confidence": 0.0}, False),
    ("claim-span-shifted", "claims.span_exact", C, 0,
     {"char_start": ABSTRACT_A.index("achieves") - 1}, True),
    ("claim-span-other-place", "claims.span_exact", C, 0, _span(ABSTRACT_A, "Our PIPD model"), False),
]


def case_rows(case_id: str, table: str, index: int, changes: dict) -> dict[str, list[dict]]:
    """The base rows with one case's change, ids tagged with the case and each row marked with it."""
    rows = base_rows()
    rows[table][index].update(changes)
    for name, table_rows in rows.items():
        for row in table_rows:
            for key in ("paper_id", "result_id", "claim_id"):
                if row.get(key) is not None:
                    row[key] = f"{row[key]}#{case_id}"
            row["source" if name == "papers" else "rule"] = case_id
    return rows


@pytest.fixture(scope="session")
def all_cases(rules):
    """Every case side by side in one batch (one GX run instead of one per case): rejected rows by case."""
    rows: dict[str, list[dict]] = {"papers": [], "results": [], "claims": []}
    for case_id, _, table, index, changes, _ in CASES:
        for name, case_table in case_rows(case_id, table, index, changes).items():
            rows[name].extend(case_table)
    gate = QualityGate(rules)
    kept, rejected = gate.check(make_tables(**rows))
    by_case: dict[str, list[dict]] = {}
    for r in rejected:
        row = json.loads(r["row"])
        by_case.setdefault(row["source"] if r["table"] == "papers" else row["rule"], []).append(r)
    return by_case, gate


@pytest.mark.parametrize("case_id,name,table,index,changes,breaks", CASES, ids=[c[0] for c in CASES])
def test_expectation(all_cases, case_id, name, table, index, changes, breaks):
    by_case, _ = all_cases
    rejected = by_case.get(case_id, [])
    if breaks:
        expected = make_tables(**case_rows(case_id, table, index, changes))[table].slice(index, 1).to_pylist()[0]
        assert [(r["table"], json.loads(r["row"]), r["reasons"]) for r in rejected] == [(table, expected, [name])]
    else:
        assert rejected == []


def test_every_expectation_ran_on_the_cases(all_cases):
    _, gate = all_cases
    for name, tally in gate.tallies.items():
        assert tally.checked > 0 and tally.failed > 0, name


def test_every_expectation_has_a_breaking_and_a_holding_case():
    names = {c.name for c in EXPECTATIONS}
    assert len(names) == len(EXPECTATIONS), "expectation names must be unique"
    assert {c[1] for c in CASES if c[5]} == names
    assert {c[1] for c in CASES if not c[5]} == names


def test_base_tables_pass_and_keep_their_schemas(gate_run):
    kept, rejected, gate = gate_run()
    assert rejected == []
    for name, table in kept.items():
        assert table.schema == SCHEMAS[name]
        assert table.num_rows == len(base_rows()[name])
    assert gate.ok


def test_repeated_id_keeps_the_first(gate_run):
    kept, rejected, _ = gate_run(R, 1, {"result_id": "r-acc"})
    assert kept[R].column("result_id").to_pylist().count("r-acc") == 1
    assert kept[R].column("text").to_pylist()[0] == "95.8%"
    assert [r["row_id"] for r in rejected] == ["r-acc"]


def test_rows_of_a_rejected_paper_follow_it(gate_run):
    kept, rejected, _ = gate_run(P, 1, {"abstract": None})  # paper B: two results, one claim
    by_table = {(r["table"], r["row_id"]): r["reasons"] for r in rejected}
    assert by_table == {("papers", "arXiv:2301.00002"): ["papers.abstract_not_null"],
                        ("results", "r-hours"): ["results.paper_known"],
                        ("results", "r-ratio"): ["results.paper_known"],
                        ("claims", "c-faster"): ["claims.paper_known"]}
    assert set(kept[R].column("paper_id").to_pylist()) == {"arXiv:2301.00001"}


def test_rejected_rows_fit_the_rejected_schema(gate_run):
    _, rejected, _ = gate_run(R, 0, {"value": float("nan"), "value_low": 250.0, "value_high": 250.0})
    table = pa.Table.from_pylist(rejected, schema=SCHEMAS["rejected"])
    assert table.num_rows == 1
    row = json.loads(table.column("row")[0].as_py())  # valid JSON although value is NaN
    assert row["result_id"] == "r-acc" and row["value"] == "nan"
    assert table.column("paper_id")[0].as_py() == "arXiv:2301.00001"


def test_several_reasons_for_one_row(gate_run):
    _, rejected, _ = gate_run(R, 0, {"kind": "scroe", "confidence": 7.0, "char_start": 0})
    assert rejected[0]["reasons"] == ["results.kind_in_set", "results.confidence_in_0_1", "results.span_exact"]


def test_units_come_from_the_rules(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(load_rules().folder, folder)
    with open(folder / "unit_words.txt", "a", encoding="utf-8") as fh:
        fh.write("\nwidget | widgets | widget | kind=data_size, unit=widget\n")
    own = load_rules(str(folder))
    assert "widget" in rule_units(own) and "widget" not in rule_units(load_rules())
    rows = base_rows()
    rows["results"][0]["unit"] = "widget"  # on a score: a data size may carry any noun
    _, rejected = QualityGate(load_rules()).check(make_tables(**rows))
    assert [r["reasons"] for r in rejected] == [["results.unit_known"]]
    _, rejected = QualityGate(own).check(make_tables(**rows))
    assert rejected == []


def test_metric_scale_comes_from_the_rules():
    """A metric whose rules entry says scale=fraction is bounded by 1; no metric is named in the gate."""
    entries = {"accuracy": {"scale": "fraction"}}
    metrics = SimpleNamespace(entries=(), lookup=lambda name, cased=False: SimpleNamespace(get=entries[name].get)
                              if name in entries else None)
    units = SimpleNamespace(entries=[SimpleNamespace(get={"unit": "h"}.get)])
    datasets = SimpleNamespace(entries=(), lookup=lambda name, cased=False: None)
    fake = SimpleNamespace(units=units, metrics=metrics, datasets=datasets, hash="fake")
    rows = base_rows()
    rows["results"][0].update(value=0.958, value_low=0.958, value_high=0.958, unit="")
    assert QualityGate(fake).check(make_tables(**rows))[1] == []
    rows["results"][0].update(value=95.8, value_low=95.8, value_high=95.8)
    _, rejected = QualityGate(fake).check(make_tables(**rows))
    assert [(r["row_id"], r["reasons"]) for r in rejected] == [("r-acc", ["results.fraction_score_in_range"])]


def test_counts_add_up_over_batches(rules):
    gate = QualityGate(rules)
    rows = base_rows()
    gate.check(make_tables(**rows))
    rows["results"][0]["confidence"] = 3.0
    gate.check(make_tables(**rows))
    gate.check(make_tables(rows["papers"][:1]))  # a batch without results or claims
    tally = gate.tallies["results.confidence_in_0_1"]
    assert (tally.rows, tally.checked, tally.failed) == (14, 14, 1)
    assert gate.tallies["papers.paper_id_unique"].rows == 7
    assert tally.examples == [{"result_id": "r-acc", "paper_id": "arXiv:2301.00001", "confidence": 3.0}]
    assert not gate.ok


# ---------------------------------------------------------------- GX: ephemeral, quiet, once

def test_gx_context_is_ephemeral_and_quiet(tmp_path, monkeypatch, capfd, rules):
    monkeypatch.chdir(tmp_path)
    engine = _GX()
    assert type(engine.context).__name__ == "EphemeralDataContext"
    assert engine.context.config.analytics_enabled is False
    assert os.environ.get("GX_ANALYTICS_ENABLED") == "false"
    rows = base_rows()
    rows["results"][0]["kind"] = "bogus"
    tables = make_tables(**rows)
    frame = pa.table({"kind": tables["results"].column("kind").cast(pa.string())}).to_pandas()
    checks = tuple(c for c in EXPECTATIONS if c.name == "results.kind_in_set")
    outcome = engine.validate("results", frame, engine.suite("results", checks, ()))
    assert outcome["results.kind_in_set"]["unexpected_index_list"] == [0]
    assert list(tmp_path.iterdir()) == []  # nothing written
    out, err = capfd.readouterr()
    assert "Calculating Metrics" not in err + out  # no progress bars


def test_gx_is_imported_only_when_rows_are_checked():
    import subprocess
    import sys

    code = ("import sys\nfrom extractor.quality import QualityGate\nfrom extractor.rules import load_rules\n"
            "QualityGate(load_rules())\nprint('great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- the report

def _summary(outdir: Path, **kw):
    from extractor.pipeline import RunSummary
    from extractor.records import Problem

    problems = [Problem("bad.jsonl", "broken JSON line", 3),
                Problem("x.csv", "<script>alert(1)</script>", None, "warning")]
    return RunSummary(outdir, papers=3, results=6, claims=2, rejected=1, duplicates=4, problems=problems, seconds=1.5)


def test_report_json_and_html(tmp_path, rules):
    gate = QualityGate(rules)
    rows = base_rows()
    rows["results"][0]["confidence"] = 3.0
    gate.check(make_tables(**rows))
    gate.write_report(tmp_path, _summary(tmp_path), ["a.jsonl", "b/"], html=True)
    report = json.loads((tmp_path / "quality.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"papers": 3, "results": 6, "claims": 2, "rejected": 1, "duplicates": 4,
                                "input_errors": 1, "failed_papers": 0, "input_warnings": 1}
    assert report["input_errors"][0] == {"source": "bad.jsonl", "line": 3, "message": "broken JSON line",
                                         "severity": "error"}
    by_name = {x["name"]: x for x in report["expectations"]}
    assert set(by_name) == {c.name for c in EXPECTATIONS}
    assert (by_name["results.confidence_in_0_1"]["passed"], by_name["results.confidence_in_0_1"]["failed"]) == (6, 1)
    assert by_name["results.unit_known"]["arguments"] == {"column": "unit_known", "value_set": [True]}
    assert set(report["versions"]) == {"extractor", "rules_hash", "python", "pandas", "pyarrow",
                                       "great_expectations", "pint", "regex"}
    assert report["versions"]["great_expectations"].startswith("1.")
    assert report["timing"]["seconds"] == 1.5 and report["timing"]["gate_rows"] == 12
    assert report["rules_hash"] == rules.hash and report["ok"] is False
    page = (tmp_path / "quality.html").read_text(encoding="utf-8")
    assert "results.confidence_in_0_1" in page and "broken JSON line" in page
    assert "&lt;script&gt;" in page
    for online in ("<script", "<link", "src=", "http://", "https://", "@import"):
        assert online not in page


def test_report_without_html(tmp_path, rules):
    QualityGate(rules).write_report(tmp_path, _summary(tmp_path), [], html=False)
    assert (tmp_path / "quality.json").is_file() and not (tmp_path / "quality.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["quality.json"]  # no temporary files left


# ---------------------------------------------------------------- validate an output folder

def write_outdir(folder: Path, rows: dict[str, list[dict]], rules_hash: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in make_tables(**rows).items():
        pq.write_table(table.replace_schema_metadata({"rules_hash": rules_hash}), folder / f"{name}.parquet")
    return folder


def test_validate_good_folder(tmp_path, rules):
    ok, lines = validate_outdir(write_outdir(tmp_path / "out", base_rows(), rules.hash), rules)
    assert ok, lines
    assert lines[-1].startswith("ok: all")


def test_validate_after_editing(tmp_path, rules):
    out = write_outdir(tmp_path / "out", base_rows(), rules.hash)
    results = pq.read_table(out / "results.parquet").to_pandas()
    results.loc[results.result_id == "r-acc", ["value", "value_low", "value_high"]] = 250.0
    results.loc[results.result_id == "r-delta", ["char_start", "char_end"]] += 1
    pq.write_table(pa.Table.from_pandas(results, preserve_index=False), out / "results.parquet")  # as a user would
    ok, lines = validate_outdir(out, rules)
    assert not ok
    text = "\n".join(lines)
    assert "FAIL results.percent_score_in_range: 1 of" in text
    assert "FAIL results.span_exact: 1 of" in text
    assert "result_id='r-acc'" in text and "value=250.0" in text and "result_id='r-delta'" in text
    assert lines[-1].startswith("FAILED: 2 of")


@pytest.mark.parametrize("damage,message", [
    ("missing", "results.parquet: no such table"),
    ("corrupt", "results.parquet: not a readable Parquet file"),
    ("column", "results.parquet lacks the column(s) text"),
    ("type", "results.parquet: column value is"),
], ids=["missing", "corrupt", "missing-column", "wrong-type"])
def test_validate_damaged_folder(tmp_path, rules, damage, message):
    out = write_outdir(tmp_path / "out", base_rows(), rules.hash)
    path = out / "results.parquet"
    if damage == "missing":
        path.unlink()
    elif damage == "corrupt":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "column":
        pq.write_table(pq.read_table(path).drop_columns(["text"]), path)
    else:
        table = pq.read_table(path)
        index = table.schema.get_field_index("value")
        pq.write_table(table.set_column(index, "value", pa.array(["high"] * table.num_rows)), path)
    ok, lines = validate_outdir(out, rules)
    assert not ok
    assert any(message in line for line in lines), lines


def test_validate_notes_other_rules(tmp_path, rules):
    ok, lines = validate_outdir(write_outdir(tmp_path / "out", base_rows(), "0123456789abcdef"), rules)
    assert ok and lines[0].startswith("note: the tables were made with rules 0123456789abcdef")


def test_validate_command(tmp_path, rules, capsys):
    from extractor.cli import main

    out = write_outdir(tmp_path / "out", base_rows(), rules.hash)
    assert main(["validate", str(out)]) == 0
    (out / "papers.parquet").write_text("not parquet")
    assert main(["validate", str(out)]) == 1
    printed = capsys.readouterr()
    assert "papers.parquet: not a readable Parquet file" in printed.out
    assert "Traceback" not in printed.out + printed.err


@pytest.mark.shared
def test_a_run_validates(seeds_out):
    """What the gate lets through passes the suite again; quality.json counts every row once."""
    ok, lines = validate_outdir(seeds_out)
    assert ok, lines
    report = json.loads((seeds_out / "quality.json").read_text(encoding="utf-8"))
    papers = pq.read_table(seeds_out / "papers.parquet").num_rows
    by_name = {x["name"]: x for x in report["expectations"]}
    assert by_name["papers.paper_id_unique"]["rows"] == papers == report["counts"]["papers"]


def test_a_check_that_cannot_run_is_an_error_not_a_pass(rules):
    from extractor.quality import BETWEEN, Check

    broken = (Check("results.kind_between", "results", BETWEEN, {"column": "kind", "min_value": 0, "max_value": 1},
                    "a string column compared with numbers"),)
    with pytest.raises(RuntimeError, match="results.kind_between could not run"):
        QualityGate(rules, broken).check(make_tables(**base_rows()))


@pytest.mark.parametrize("name, goes_as_lengths", [("abstract", True), ("paper_id", False), ("kind", False)],
                         ids=["only-null-checked", "also-unique", "also-in-set"])
def test_a_column_only_checked_for_nulls_goes_as_lengths(name, goes_as_lengths):
    column = pa.chunked_array([pa.array(["a long text", None, ""], pa.string())]).dictionary_encode() \
        if name == "kind" else pa.chunked_array([pa.array(["a long text", None, ""], pa.string())])
    checked = _as_checked(column, name, EXPECTATIONS)
    assert checked.to_pylist() == ([11, None, 0] if goes_as_lengths else ["a long text", None, ""])
