"""The command line end to end: the bundled samples, the seed pages, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from extractor.cli import main


def test_run_on_bundled_samples(tmp_path, capsys):
    assert main(["run", "-o", str(tmp_path), "-q", "--jobs", "1"]) == 0
    papers = pd.read_parquet(tmp_path / "papers.parquet")
    results = pd.read_parquet(tmp_path / "results.parquet")
    assert len(papers) >= 10 and papers["paper_id"].is_unique
    assert len(results) > 10
    for row in results.merge(papers[["paper_id", "abstract"]]).itertuples():
        assert row.abstract[row.char_start:row.char_end] == row.text
    assert (tmp_path / "quality.json").is_file()


def test_exit_1_when_an_input_is_missing(tmp_path, capsys):
    code = main(["run", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out"), "-q", "--jobs", "1"])
    assert code == 1
    assert "missing.jsonl" in capsys.readouterr().err


def test_exit_2_for_usage_errors():
    with pytest.raises(SystemExit) as err:
        main(["run", "--format", "nonsense"])
    assert err.value.code == 2


def test_every_command_has_help_with_an_example():
    for command in ("run", "validate", "export", "leaderboard"):
        done = subprocess.run([sys.executable, "-m", "extractor.cli", command, "--help"], capture_output=True, text=True)
        assert done.returncode == 0 and "example" in done.stdout


def test_seeds_papers_table(shared, tmp_path):
    assert main(["run", str(shared / "corpus" / "seeds"), "-o", str(tmp_path), "-q", "--jobs", "1"]) == 0
    papers = pd.read_parquet(tmp_path / "papers.parquet")
    assert len(papers) == 132
    assert papers["arxiv_id"].notna().sum() == 18
    assert papers["title"].notna().sum() == 93
    listed = papers[papers["arxiv_id"] == "2303.01742"].iloc[0]
    assert (listed["venue"], listed["year"], listed["paper_id"]) == ("ICASSP", 2023, "arXiv:2303.01742")
    assert str(listed["published"])[:10] == "2023-03-03"
    for furniture in ("Subscribe", "Get trending papers", "byAK", "Abstract:"):
        assert not papers["abstract"].str.contains(furniture, regex=False).any()


@pytest.mark.slow
def test_arxiv_corpus_reads_every_record(shared, tmp_path):
    assert main(["run", str(shared / "corpus" / "arxiv"), "-o", str(tmp_path), "-q"]) == 0
    quality = json.loads((tmp_path / "quality.json").read_text())
    papers = pd.read_parquet(tmp_path / "papers.parquet")
    assert len(papers) + _duplicates(quality) == 5164
    results, rejected = (pd.read_parquet(tmp_path / f"{name}.parquet") for name in ("results", "rejected"))
    assert len(rejected) <= 0.001 * len(results), rejected["reasons"].tolist()  # the gate quarantines strays only


def _duplicates(quality: dict) -> int:
    for key in ("duplicates", "duplicates_merged"):
        if key in quality:
            return int(quality[key])
        if key in quality.get("counts", {}):
            return int(quality["counts"][key])
    raise AssertionError(f"quality.json does not report duplicates: {sorted(quality)}")
