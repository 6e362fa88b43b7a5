"""Parquet and CSV writing: explicit schemas, zstd, file metadata, atomic replace."""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pyarrow as pa
import pyarrow.parquet as pq


TABLES = ("papers", "results", "claims", "rejected")
LIST_SEPARATOR = "; "
UNCHANGED = "; the tables of any earlier run are unchanged"  # what a failed table write leaves
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableWriter:
    """Streams row groups of one table into a temporary file; `close` renames it into place.

    Until then the table of an earlier run stays as it was; `abort` (an error,
    Ctrl-C, TERM) removes the temporary file. A folder or disk that takes no
    more raises WriteError.
    """

    def __init__(self, path: Path, schema: pa.Schema, metadata: Mapping[str, str]):
        self.path = path
        self.schema = schema.with_metadata({k: str(v) for k, v in metadata.items()})
        with writing(path, UNCHANGED):
            self._tmp = _temporary(path)
            try:
                self._writer = pq.ParquetWriter(self._tmp, self.schema, compression="zstd")
            except BaseException:
                self._tmp.unlink(missing_ok=True)
                raise
        self.rows = 0

    def write(self, rows: list[dict]) -> None:
        if rows:
            self.write_table(pa.Table.from_pylist(rows, schema=self.schema))

    def write_table(self, table: pa.Table) -> None:
        if table.num_rows:
            with writing(self.path, UNCHANGED):
                self._writer.write_table(table.cast(self.schema) if table.schema != self.schema else table)
            self.rows += table.num_rows

    def finish(self) -> None:
        """The footer written, the file not yet in place (see `commit`)."""
        with writing(self.path, UNCHANGED):
            self._writer.close()
            os.chmod(self._tmp, 0o644)  # mkstemp makes files private; tables are for sharing

    def commit(self) -> None:
        with writing(self.path, UNCHANGED):
            os.replace(self._tmp, self.path)

    def close(self) -> None:
        self.finish()
        self.commit()

    def abort(self) -> None:
        """The temporary file removed, whatever state the writer is in (a full disk included)."""
        try:
            self._writer.close()
        except (OSError, ValueError):
            pass
        finally:
            self._tmp.unlink(missing_ok=True)


class OutputError(RuntimeError):
    """An output folder or table that cannot be used."""


class WriteError(OutputError):
    """An output that cannot be written: an unwritable folder, a full disk (exit status 2)."""


@contextmanager
def writing(path: Path, note: str = "") -> Iterator[None]:
    """An OSError while writing `path` as a WriteError that says where and why, in one line."""
    try:
        yield
    except OSError as err:
        raise WriteError(f"{path}: cannot write it ({err.strerror or err}){note}") from err


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed onto it when the block ends, removed if it fails."""
    with writing(path):
        tmp = _temporary(path)
        try:
            yield tmp
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for people to open
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


def _temporary(path: Path) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(tmp)


def write_json_atomic(path: Path, value: object) -> None:
    """JSON through a temporary file and a rename: never half-written."""
    with atomic_file(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        json.dump(value, fh, indent=2, default=str, ensure_ascii=False)
        fh.write("\n")


def write_text_atomic(path: Path, text: str) -> None:
    with atomic_file(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_table(path: Path, table: pa.Table) -> None:
    """A whole table, atomically (used by export and validate)."""
    with atomic_file(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


def read_table(outdir: Path, name: str) -> pa.Table:
    """One output table; a missing or unreadable file raises OutputError naming it."""
    path = Path(outdir) / f"{name}.parquet"
    if not path.is_file():
        raise OutputError(f"{path}: no such table (run `extractor run ... -o {outdir}` first)")
    try:
        return pq.read_table(path)
    except (OSError, pa.ArrowException) as err:
        raise OutputError(f"{path}: not a readable Parquet file ({err})") from err


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
        with atomic_file(path) as tmp:
            frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
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

