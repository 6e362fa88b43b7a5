"""Extractions -> Arrow tables with the contract's schemas."""
from __future__ import annotations

from dataclasses import fields
from operator import attrgetter

import pyarrow as pa

from .records import SCHEMAS, Claim, Extraction, Paper, Result

_GETTERS = {
    cls: [(f.name, attrgetter(f.name)) for f in fields(cls)] for cls in (Paper, Result, Claim)
}


def as_row(obj) -> dict:
    """A value object as a plain dict (tuples become lists for Arrow list columns)."""
    row = {}
    for name, get in _GETTERS[type(obj)]:
        value = get(obj)
        row[name] = list(value) if isinstance(value, tuple) else value
    return row


def extraction_rows(extractions: list[Extraction]) -> dict[str, pa.Table]:
    """The papers, results and claims of a batch as Arrow tables."""
    papers = [as_row(e.paper) for e in extractions]
    results = [as_row(r) for e in extractions for r in e.results]
    claims = [as_row(c) for e in extractions for c in e.claims]
    return {
        "papers": _table(papers, "papers"),
        "results": _table(results, "results"),
        "claims": _table(claims, "claims"),
    }


def _table(rows: list[dict], name: str) -> pa.Table:
    schema = SCHEMAS[name]
    names = set(schema.names)
    return pa.Table.from_pylist([{k: v for k, v in r.items() if k in names} for r in rows], schema=schema)
