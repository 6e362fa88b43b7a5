"""Parquet and CSV writing: explicit schemas, zstd, file metadata, atomic replace."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

import pyarrow as pa
import pyarrow.parquet as pq


TABLES = ("papers", "results", "claims", "rejected")
LIST_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableWriter:
    """Streams row groups of one table into a temporary file; `close` renames it into place."""

    def __init__(self, path: Path, schema: pa.Schema, metadata: Mapping[str, str]):
        self.path = path
        self.schema = schema.with_metadata({k: str(v) for k, v in metadata.items()})
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        self._tmp = Path(tmp)
        self._writer = pq.ParquetWriter(self._tmp, self.schema, compression="zstd")
        self.rows = 0

    def write(self, rows: list[dict]) -> None:
        if rows:
            self.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def write_table(self, table: pa.Table) -> None:
        if table.num_rows:
            self._writer.write_table(table.cast(self.schema) if table.schema != self.schema else table)
            self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()
        os.chmod(self._tmp, 0o644)  # mkstemp makes files private; tables are for sharing
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        self._writer.close()
        self._tmp.unlink(missing_ok=True)


def write_json_atomic(path: Path, value: object) -> None:
    """JSON through a temporary file and a rename: never half-written."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(value, fh, indent=2, default=str, ensure_ascii=False)
        fh.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def write_table(path: Path, table: pa.Table) -> None:
    """A whole table, atomically (used by export and validate)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    pq.write_table(table, tmp, compression="zstd")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def read_table(outdir: Path, name: str) -> pa.Table:
    """One output table; a missing or unreadable file raises OutputError naming it."""
    path = Path(outdir) / f"{name}.parquet"
    if not path.is_file():
        raise OutputError(f"{path}: no such table (run `extractor run ... -o {outdir}` first)")
    try:
        return pq.read_table(path)
    except (OSError, pa.ArrowException) as err:
        raise OutputError(f"{path}: not a readable Parquet file ({err})") from err


class OutputError(RuntimeError):
    """An output folder or table that cannot be used."""


def csv_cell(value: object) -> object:
    """A text or list cell made flat and safe for a spreadsheet.

    Lists are joined with `; `; text that a spreadsheet would run as a formula
    (starting with = + - @, a tab or a carriage return) gets a leading `'`.
    Numbers, booleans and dates pass unchanged: a negative number stays a number.
    """
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        items = value.tolist() if hasattr(value, "tolist") else value
        value = LIST_SEPARATOR.join("" if v is None else str(v) for v in items)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# How qualifiers are written in CSV: words, because a cell `=` would be a formula to a spreadsheet
# (and guarded as `'=`); all six read as what they say and sort and filter as text.
CSV_QUALIFIERS = {"=": "exact", "~": "about", ">": "over", ">=": "at least", "<": "under", "<=": "at most"}


def csv_qualifier(value: object) -> object:
    """A results qualifier as CSV writes it (`=` -> `exact`, `>=` -> `at least`); other values unchanged."""
    return CSV_QUALIFIERS.get(value, value) if isinstance(value, str) else value


def export_csv(outdir: Path, tables: Iterable[str] = ("results", "papers", "claims")) -> list[Path]:
    """`<table>.csv` beside each Parquet table: UTF-8, a header row, one value per cell.

    Qualifiers are written as words (`CSV_QUALIFIERS`). Text and list columns
    go through `csv_cell`; numeric, boolean and date
    columns are written as they are, so the CSV reads back with the same rows
    and numbers (`pandas.read_csv`).
    """
    tables = list(tables)
    unknown = [t for t in tables if t not in TABLES]
    if unknown:
        raise OutputError(f"unknown table(s) {', '.join(unknown)} (known: {', '.join(TABLES)})")
    written = []
    for name in tables:
        frame = read_table(outdir, name).to_pandas()
        if "qualifier" in frame.columns:
            frame["qualifier"] = frame["qualifier"].astype(object).map(csv_qualifier, na_action="ignore")
        for column in frame.columns:
            if _is_text(frame[column]):
                frame[column] = frame[column].astype(object).map(csv_cell, na_action="ignore")
        path = Path(outdir) / f"{name}.csv"
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; a CSV is for people to open
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written


def _is_text(series) -> bool:
    """Text, categorical or list columns (object dtype may hold any of them); not numbers, bools or dates."""
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return True
    if pd.api.types.is_string_dtype(dtype):
        return True
    if dtype == object:
        sample = series.dropna()
        return not sample.empty and not all(isinstance(v, (bool, int, float)) or hasattr(v, "isoformat")
                                            for v in sample.head(100))
    return False

