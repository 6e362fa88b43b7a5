"""Tables on disk: CSV export (lists joined, formulas inert, numbers kept) and Parquet read by other tools."""
from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.io import CSV_QUALIFIERS, TableWriter, csv_cell, csv_qualifier, export_csv
from extractor.quality import QUALIFIERS
from extractor.records import SCHEMAS
from test_quality import base_rows, make_tables, paper, result

CELLS = [
    ("list", ["CIFAR-10", "ImageNet"], "CIFAR-10; ImageNet"),
    ("tuple", ("a",), "a"),
    ("empty-list", [], ""),
    ("numpy-list", np.array(["x", "y"], dtype=object), "x; y"),
    ("list-with-formula", ["=1+1", "b"], "'=1+1; b"),
    ("equals", "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("plus", "+6.32", "'+6.32"),
    ("minus-text", "-8.5% FLOPs", "'-8.5% FLOPs"),
    ("at", "@SUM(A1)", "'@SUM(A1)"),
    ("tab", "\t=1", "'\t=1"),
    ("carriage-return", "\r=1", "'\r=1"),
    ("plain-text", "95.8% accuracy", "95.8% accuracy"),
    ("inner-equals", "a=b", "a=b"),
    ("negative-number", -3.5, -3.5),
    ("negative-int", -2, -2),
    ("numpy-float", np.float64(-1.25), np.float64(-1.25)),
    ("bool", True, True),
    ("date", datetime.date(2023, 3, 3), datetime.date(2023, 3, 3)),
]


@pytest.mark.parametrize("value,expected", [c[1:] for c in CELLS], ids=[c[0] for c in CELLS])
def test_csv_cell(value, expected):
    got = csv_cell(value)
    assert got == expected and type(got) is type(expected)


QUALIFIER_SPELLINGS = [
    ("exact", "=", "exact"),
    ("about", "~", "about"),
    ("over", ">", "over"),
    ("at-least", ">=", "at least"),
    ("under", "<", "under"),
    ("at-most", "<=", "at most"),
    ("unknown-kept", "?", "?"),
]


@pytest.mark.parametrize("qualifier,expected", [c[1:] for c in QUALIFIER_SPELLINGS],
                         ids=[c[0] for c in QUALIFIER_SPELLINGS])
def test_csv_qualifier_reads_well_and_is_inert(qualifier, expected):
    spelled = csv_qualifier(qualifier)
    assert spelled == expected and csv_cell(spelled) == spelled  # no formula guard needed


def test_every_qualifier_has_a_csv_spelling():
    assert set(CSV_QUALIFIERS) == set(QUALIFIERS)


def tricky_rows() -> dict[str, list[dict]]:
    """The base rows plus text a spreadsheet would misread: formulas, separators, quotes, newlines, signs."""
    rows = base_rows()
    odd = paper("sha1:0dd0dd", "-1.5 dB lower, =SUM(A1) \"quoted\", commas, ü and 3.2× faster.",
                title="=cmd|' /C calc'!A0\nsecond line", code_urls=["https://x.org/a,b", "+https://y.org"],
                published=datetime.date(2023, 3, 3), year=2023)
    rows["papers"].append(odd)
    rows["results"].append(result("r-neg", odd, "-1.5 dB", "score", -1.5, "dB", low=-1.5, high=-1.5,
                                  metric="PSNR", method="-Net", is_proposed=None, uncertainty=None))
    rows["claims"][0]["datasets"] = ["CIFAR-10", "ImageNet-1k"]
    rows["claims"][0]["baselines"] = ["=ResNet", "ViT"]
    return rows


def write_outdir(folder: Path, rows: dict[str, list[dict]], metadata: dict | None = None) -> Path:
    """The tables as the pipeline writes them (TableWriter: schema, zstd, file metadata)."""
    folder.mkdir(parents=True, exist_ok=True)
    metadata = metadata or {"extractor_version": "0.1.0", "rules_hash": "abc", "inputs": "x", "created": "now"}
    tables = make_tables(**rows)
    tables["rejected"] = pa.Table.from_pylist([], schema=SCHEMAS["rejected"])
    for name, table in tables.items():
        writer = TableWriter(folder / f"{name}.parquet", SCHEMAS[name], metadata)
        writer.write_table(table)
        writer.close()
    return folder


@pytest.fixture()
def outdir(tmp_path) -> Path:
    return write_outdir(tmp_path / "out", tricky_rows())


def test_export_reads_back(outdir):
    written = export_csv(outdir)
    assert [p.name for p in written] == ["results.csv", "papers.csv", "claims.csv"]
    for name in ("results", "papers", "claims"):
        parquet = pq.read_table(outdir / f"{name}.parquet").to_pandas()
        back = pd.read_csv(outdir / f"{name}.csv", encoding="utf-8")
        assert list(back.columns) == list(parquet.columns)
        assert len(back) == len(parquet)
        key = {"results": "result_id", "papers": "paper_id", "claims": "claim_id"}[name]
        assert list(back[key]) == list(parquet[key])


def test_export_keeps_numbers_numeric(outdir):
    export_csv(outdir, ["results"])
    back = pd.read_csv(outdir / "results.csv").set_index("result_id")
    for column in ("value", "value_low", "value_high", "confidence", "char_start", "char_end"):
        assert pd.api.types.is_numeric_dtype(back[column]), column
    assert back.loc["r-neg", "value"] == -1.5 and back.loc["r-neg", "value_low"] == -1.5
    assert back.loc["r-acc", "value"] == 95.8 and pd.isna(back.loc["r-ratio", "value"])
    assert back.loc["r-neg", "text"] == "'-1.5 dB" and back.loc["r-neg", "method"] == "'-Net"
    assert set(back["qualifier"]) == {"exact"}  # not `'=`
    assert back.loc["r-acc", "is_proposed"] in (False, "False") or pd.isna(back.loc["r-acc", "is_proposed"])


def test_export_flattens_lists_and_escapes_text(outdir):
    export_csv(outdir, ["papers", "claims"])
    papers = pd.read_csv(outdir / "papers.csv").set_index("paper_id")
    assert papers.loc["sha1:0dd0dd", "title"] == "'=cmd|' /C calc'!A0\nsecond line"
    assert papers.loc["sha1:0dd0dd", "code_urls"] == "https://x.org/a,b; +https://y.org"
    assert papers.loc["sha1:0dd0dd", "abstract"].startswith("'-1.5 dB lower, =SUM(A1) \"quoted\"")
    assert papers.loc["sha1:0dd0dd", "published"] == "2023-03-03" and papers.loc["sha1:0dd0dd", "year"] == 2023
    claims = pd.read_csv(outdir / "claims.csv").set_index("claim_id")
    assert claims.loc["c-sota", "datasets"] == "CIFAR-10; ImageNet-1k"
    assert claims.loc["c-sota", "baselines"] == "'=ResNet; ViT"


def test_export_command_selects_tables(outdir, capsys):
    from extractor.cli import main

    assert main(["export", str(outdir), "--csv", "--tables", "results, rejected"]) == 0
    assert sorted(p.name for p in outdir.glob("*.csv")) == ["rejected.csv", "results.csv"]
    assert capsys.readouterr().out.split() == [str(outdir / "results.csv"), str(outdir / "rejected.csv")]
    assert not list(outdir.glob(".*.tmp"))


@pytest.mark.parametrize("tables,message", [
    (["results", "scores"], "unknown table(s) scores"),
    (["claims"], "claims.parquet: no such table"),
], ids=["unknown-name", "missing-file"])
def test_export_errors_are_messages(outdir, capsys, tables, message):
    from extractor.cli import main

    if tables == ["claims"]:
        (outdir / "claims.parquet").unlink()
    assert main(["export", str(outdir), "--csv", "--tables", ",".join(tables)]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


# ---------------------------------------------------------------- Parquet for other tools

def _read_pandas(path: Path):
    frame = pd.read_parquet(path)
    return len(frame), list(frame.columns), frame


def _read_pyarrow(path: Path):
    table = pq.read_table(path)
    return table.num_rows, table.column_names, table


def _read_duckdb(path: Path):
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM read_parquet('{path}')")
    return len(relation.fetchall()), relation.columns, relation


def _read_polars(path: Path):
    pl = pytest.importorskip("polars")
    frame = pl.read_parquet(path)
    return frame.height, frame.columns, frame


READERS = [("pandas", _read_pandas), ("pyarrow", _read_pyarrow), ("duckdb", _read_duckdb), ("polars", _read_polars)]


@pytest.mark.parametrize("read", [r[1] for r in READERS], ids=[r[0] for r in READERS])
@pytest.mark.parametrize("name", ["papers", "results", "claims", "rejected"])
def test_tools_read_the_tables(outdir, read, name):
    rows, columns, _ = read(outdir / f"{name}.parquet")
    assert rows == len(tricky_rows().get(name, []))
    assert list(columns) == SCHEMAS[name].names


def test_tools_agree_on_values(outdir):
    duckdb = pytest.importorskip("duckdb")
    pl = pytest.importorskip("polars")
    path = outdir / "results.parquet"
    query = "SELECT result_id, kind, unit, value FROM read_parquet('{}') WHERE kind = 'score' ORDER BY result_id"
    from_duckdb = duckdb.connect().sql(query.format(path)).fetchall()
    frame = pl.read_parquet(path).filter(pl.col("kind") == "score").sort("result_id")
    from_polars = list(zip(*(frame[c].to_list() for c in ("result_id", "kind", "unit", "value"))))
    from_pandas = pd.read_parquet(path).query("kind == 'score'").sort_values("result_id")
    assert from_duckdb == from_polars
    assert [r[0] for r in from_duckdb] == list(from_pandas.result_id)
    assert ("r-neg", "score", "dB", -1.5) in from_duckdb
    assert str(frame.schema["kind"]) in ("Categorical", "Enum") or "Categorical" in str(frame.schema["kind"])


def test_file_carries_schema_and_metadata(outdir):
    meta = pq.read_metadata(outdir / "results.parquet")
    assert meta.row_group(0).column(0).compression == "ZSTD"
    schema = pq.read_schema(outdir / "results.parquet")
    assert schema.metadata[b"rules_hash"] == b"abc" and schema.metadata[b"extractor_version"] == b"0.1.0"
    assert pa.types.is_dictionary(schema.field("kind").type)
    assert pd.read_parquet(outdir / "results.parquet")["kind"].dtype == "category"


@pytest.mark.shared
def test_tools_read_a_run(seeds_out):
    duckdb = pytest.importorskip("duckdb")
    pl = pytest.importorskip("polars")
    for name in ("papers", "results"):
        path = seeds_out / f"{name}.parquet"
        n = pq.read_metadata(path).num_rows
        assert len(pd.read_parquet(path)) == n == pl.read_parquet(path).height
        assert duckdb.connect().sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()[0][0] == n
