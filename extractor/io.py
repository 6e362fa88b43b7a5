"""Parquet and CSV writing: explicit schemas, zstd, file metadata, atomic replace."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from .records import SCHEMAS

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
    os.replace(tmp, path)


def write_table(path: Path, table: pa.Table) -> None:
    """A whole table, atomically (used by export and validate)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    pq.write_table(table, tmp, compression="zstd")
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
    """A value made safe and flat for a spreadsheet: lists joined, formulas made inert."""
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    elif hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = LIST_SEPARATOR.join(str(v) for v in value.tolist())
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_csv(outdir: Path, tables: Iterable[str] = ("results", "papers", "claims")) -> list[Path]:
    """`<table>.csv` beside each Parquet table: UTF-8, a header row, one value per cell."""
    written = []
    for name in tables:
        frame = read_table(outdir, name).to_pandas()
        for column in frame.columns:
            if frame[column].dtype == object or str(frame[column].dtype) in ("str", "string", "category"):
                frame[column] = frame[column].map(csv_cell, na_action="ignore")
        path = Path(outdir) / f"{name}.csv"
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        frame.to_csv(tmp, index=False, encoding="utf-8")
        os.replace(tmp, path)
        written.append(path)
    return written


def schema_of(name: str) -> pa.Schema:
    return SCHEMAS[name]
