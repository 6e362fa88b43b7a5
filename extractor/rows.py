"""Extractions -> Arrow tables with the contract's schemas, built column by column."""
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
    return {
        "papers": _table([e.paper for e in extractions], "papers"),
        "results": _table([r for e in extractions for r in e.results], "results"),
        "claims": _table([c for e in extractions for c in e.claims], "claims"),
    }


def _table(objs: list, name: str) -> pa.Table:
    """One Arrow array per schema column, from the objects' attributes (five times faster than
    a dict per row; one attrgetter call per object reads all its columns at once)."""
    schema = SCHEMAS[name]
    read_row = attrgetter(*schema.names)
    columns = zip(*map(read_row, objs)) if objs else ([] for _ in schema.names)
    arrays = []
    for field, values in zip(schema, columns):
        values = list(values)
        if pa.types.is_list(field.type):
            values = [list(v) if isinstance(v, tuple) else v for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
