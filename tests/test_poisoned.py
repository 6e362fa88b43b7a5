"""One poisoned paper stays that paper's: the root fixes (surrogates, overflowing numbers, record
numbers) and the per-paper catch (a paper that raises is rejected, the run goes on)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import extractor
from extractor import pipeline
from extractor.cli import main
from extractor.readers import read_documents
from extractor.records import Problem

from test_engines import abstract

# Texts that once stopped a run; each must now extract without raising.
POISONED_TEXTS = [
    ("lone-surrogate", "We reach 81.2% accuracy \ud800 on ImageNet."),
    ("low-surrogate-alone", "Our \udfff model gets 40.1 BLEU on WMT14."),
    ("e400", "It reaches 1e400 images and 81.2% accuracy on ImageNet."),
    ("e99999-percent", "Accuracy rises by 1e99999% on CIFAR-10."),
    ("latex-power-999999", "We train on 10^{999999} tokens, reaching 40.1 BLEU."),
    ("power-999", "It uses 10^999 FLOPs."),
    ("mantissa-power-999", "A model of 4.5 x 10^999 parameters."),
    ("four-hundred-nines", "It scores " + "9" * 400 + "% accuracy on ImageNet."),
    ("scaled-past-float", "It has 1" + "0" * 308 + "B parameters."),
    ("commas-20000", "Accuracy of " + "1," * 20_000 + " 81.2% on ImageNet."),
    ("brackets-5000", "We get " + "[" * 5000 + "81.2% accuracy" + "]" * 5000 + " on ImageNet."),
]


@pytest.mark.parametrize("text", [c[1] for c in POISONED_TEXTS], ids=[c[0] for c in POISONED_TEXTS])
def test_poisoned_text_extracts(text):
    results = extractor.extract(text)
    claims = extractor.extract_claims(text)
    abstract_text = pipeline.extract_paper(extractor.api._document(text, None), pipeline.load_rules()).paper.abstract
    assert "\ud800" not in abstract_text and "\udfff" not in abstract_text
    for row in [*results, *claims]:
        assert abstract_text[row.char_start:row.char_end] == row.text
    for r in results:
        assert math.isfinite(r.value_low) and math.isfinite(r.value_high), r


OVERFLOWING = [
    ("e400", "It reaches 1e400 accuracy on ImageNet."),
    ("latex-power-999999", "Accuracy of 10^{999999} on ImageNet."),
    ("four-hundred-nines", "It scores " + "9" * 400 + "% accuracy on ImageNet."),
]


@pytest.mark.parametrize("text", [c[1] for c in OVERFLOWING], ids=[c[0] for c in OVERFLOWING])
def test_an_overflowing_value_is_not_a_result(text):
    assert extractor.extract(text) == []


def test_a_surrogate_becomes_the_replacement_character():
    paper = pipeline.extract_paper(extractor.api._document("Gains \ud800 of 2.1 BLEU.", None),
                                   pipeline.load_rules()).paper
    assert paper.abstract == "Gains \ufffd of 2.1 BLEU." and paper.paper_id.startswith("sha1:")


def _problems(path: Path) -> list[Problem]:
    return [p for p in read_documents([str(path)]) if isinstance(p, Problem)]


READER_CASES = [
    ("non-string-abstracts", '{"abstract": 5}\n{"abstract": ["x"]}\n{"abstract": "A 81.2% score."}\n',
     [(1, "record 1 has no", "error"), (2, "record 2 has no", "error")]),
    ("not-an-object-then-missing", '[1]\n{"title": "t"}\n',
     [(1, "record 1: expected an object", "error"), (2, "record 2 has no", "error")]),
    ("after-a-broken-line", '{"abstract": "A 1% gain."}\n{broken\n{"abstract": 3}\n',
     [(2, "broken JSON line", "error"), (3, "record 3 has no", "error")]),
    ("surrogate-is-a-warning", '{"abstract": "A 81.2% score \\ud800."}\n',
     [(1, "record 1 holds a lone surrogate", "warning")]),
]


@pytest.mark.parametrize("content,expected", [c[1:] for c in READER_CASES], ids=[c[0] for c in READER_CASES])
def test_reader_problems_name_the_record(tmp_path, content, expected):
    path = tmp_path / "in.jsonl"
    path.write_text(content, encoding="utf-8")
    found = [(p.line, p.message, p.severity) for p in _problems(path)]
    assert [(line, severity) for line, _, severity in found] == [(line, sev) for line, _, sev in expected]
    for (_, message, _), (_, start, _) in zip(found, expected):
        assert message.startswith(start), message


# ---------------------------------------------------------------- the per-paper catch

BOOM = "BOOM-MARKER"


def _raise_on_marker(real):
    def wrapped(paper, *args):
        if BOOM in paper.abstract:
            raise ZeroDivisionError("poisoned for the test")
        return real(paper, *args)
    return wrapped


def _raise_on_marker_doc(real):
    def wrapped(doc, *args):
        if BOOM in doc.text:
            raise ValueError("cannot normalize this one")
        return real(doc, *args)
    return wrapped


CATCH_CASES = [
    # (id, module attribute patched, wrapper, paper still in papers.parquet)
    ("results-raise", "find_results", _raise_on_marker, True),
    ("claims-raise", "find_claims", _raise_on_marker, True),
    ("normalization-raises", "to_paper", _raise_on_marker_doc, False),
]


def _write_inputs(folder: Path) -> Path:
    records = [{"abstract": abstract(i), "arxiv_id": f"2402.{10000 + i}"} for i in range(6)]
    records.insert(3, {"abstract": f"{BOOM} reaches 81.2% accuracy on ImageNet.", "arxiv_id": "2402.99999"})
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("attribute,wrapper,kept", [c[1:] for c in CATCH_CASES], ids=[c[0] for c in CATCH_CASES])
def test_a_paper_that_raises_is_rejected_and_the_run_goes_on(tmp_path, monkeypatch, capsys, attribute,
                                                              wrapper, kept):
    path = _write_inputs(tmp_path)
    monkeypatch.setattr(pipeline, attribute, wrapper(getattr(pipeline, attribute)))
    code = main(["run", str(path), "-o", str(tmp_path / "out"), "-q", "--jobs", "1", "--engine", "local"])
    assert code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"extractor: {path}:4: record 4 could not be extracted")
    papers = pq.read_table(tmp_path / "out" / "papers.parquet").column("paper_id").to_pylist()
    assert len(papers) == 6 + kept and ("arXiv:2402.99999" in papers) == kept
    rejected = [r for r in pq.read_table(tmp_path / "out" / "rejected.parquet").to_pylist() if r["stage"] == "extract"]
    assert len(rejected) == 1
    row = json.loads(rejected[0]["row"])
    assert (row["source"], row["line"], row["record"]) == (str(path), 4, 4)
    assert row["error"] in ("ZeroDivisionError", "ValueError") and rejected[0]["reasons"][0].startswith("extract: ")
    quality = json.loads((tmp_path / "out" / "quality.json").read_text(encoding="utf-8"))
    assert quality["counts"]["failed_papers"] == 1 and quality["counts"]["input_errors"] == 1


# ---------------------------------------------------------------- the folder of poisoned papers

POISONED_RECORDS = [
    ("lone-surrogate", "We obtain 77.4% top-1 accuracy \ud800 on ImageNet with SurroNet."),
    ("e400", "OverNet reaches 1e400 FPS and 80.3% accuracy on CIFAR-10."),
    ("power-999999", "PowerNet is trained on 10^{999999} images and gets 41.2 BLEU on WMT14."),
    ("commas-20000", "CommaNet scores " + "1," * 20_000 + " 66.6% mIoU on ADE20K."),
    ("brackets-5000", "BracketNet gets " + "[" * 5000 + "55.5% box AP" + "]" * 5000 + " on COCO."),
]
GOOD = 300


def _good_records() -> list[dict]:
    return [{"title": f"Good {i}", "abstract": abstract(i), "arxiv_id": f"2403.{10000 + i}"} for i in range(GOOD)]


def _tables(outdir: Path) -> dict[str, list[dict]]:
    return {name: pq.read_table(outdir / f"{name}.parquet").to_pylist() for name in ("papers", "results", "claims")}


def test_a_folder_with_poisoned_papers_keeps_every_good_row(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _good_records()), encoding="utf-8")
    pipeline.run([str(folder)], tmp_path / "out-clean", engine="local")
    poison = [{"title": name, "abstract": text} for name, text in POISONED_RECORDS]
    (folder / "poison.jsonl").write_text("".join(json.dumps(r) + "\n" for r in poison), encoding="utf-8")
    summary = pipeline.run([str(folder)], tmp_path / "out-mixed", engine="local")
    reference, tables = _tables(tmp_path / "out-clean"), _tables(tmp_path / "out-mixed")
    good_ids = {p["paper_id"] for p in reference["papers"]}
    assert len(good_ids) == GOOD
    for name in reference:
        assert [r for r in tables[name] if r["paper_id"] in good_ids] == reference[name], name
    poisoned = [p for p in tables["papers"] if p["paper_id"] not in good_ids]
    assert len(poisoned) == len(POISONED_RECORDS)  # all cleaned, none lost
    assert all("\ud800" not in p["abstract"] for p in poisoned)
    assert [p.message.split(" ", 2)[:2] for p in summary.problems] == [["record", "1"]]  # the surrogate warning
    assert not summary.errors
    bad_values = [r for r in tables["results"] if r["paper_id"] not in good_ids
                  and not (math.isfinite(r["value_low"]) and math.isfinite(r["value_high"]))]
    assert bad_values == []
