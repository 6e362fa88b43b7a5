"""Read documents from whatever a user has: files, folders, globs, standard input.

`read_documents` yields Documents and Problems in input order; a problem never
stops the rest of the run.
"""
from __future__ import annotations

from typing import Iterator

from ..records import Document, Problem
from .atom import read_atom
from .pages import read_page
from .source import Source, decode, expand_inputs, looks_binary, read_all
from .tables import read_csv, read_json, read_jsonl, read_parquet

FORMATS = ("jsonl", "json", "csv", "tsv", "parquet", "atom", "listing", "profile", "papers", "lines")

_BY_ENDING: dict[str, str] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
                              ".tsv": "tsv", ".parquet": "parquet", ".xml": "atom", ".atom": "atom"}


def read_documents(inputs: list[str], fmt: str | None = None,
                   abstract_column: str | None = None) -> Iterator[Document | Problem]:
    """Every document of every input; `fmt` forces one format for all of them."""
    for source in expand_inputs(inputs):
        if isinstance(source, Problem):
            yield source
            continue
        yield from read_source(source, fmt, abstract_column)


def read_source(source: Source, fmt: str | None = None,
                abstract_column: str | None = None) -> Iterator[Document | Problem]:
    """The documents of one file, its format taken from `fmt`, its ending or its content."""
    try:
        sniffed = _sniff(source)
        fmt = fmt or _BY_ENDING.get(source.ending) or sniffed
    except OSError as err:
        yield Problem(source.name, f"cannot open it ({err.strerror or err})")
        return
    if sniffed == "binary" and fmt != "parquet":
        yield Problem(source.name, "looks like a binary file, not text: skipped")
        return
    if sniffed == "empty":
        yield Problem(source.name, "the file is empty")
        return
    try:
        yield from _dispatch(source, fmt, abstract_column)
    except OSError as err:
        yield Problem(source.name, f"cannot read it ({err.strerror or err})")


def _dispatch(source: Source, fmt: str, abstract_column: str | None) -> Iterator[Document | Problem]:
    if fmt == "jsonl":
        yield from read_jsonl(source, abstract_column)
    elif fmt == "json":
        yield from read_json(source, abstract_column)
    elif fmt in ("csv", "tsv"):
        yield from read_csv(source, abstract_column, "\t" if fmt == "tsv" else ",")
    elif fmt == "parquet":
        yield from read_parquet(source, abstract_column)
    elif fmt == "atom":
        yield from read_atom(source, abstract_column)
    else:
        yield from _read_text(source, None if fmt == "text" else fmt)


def _read_text(source: Source, shape: str | None) -> Iterator[Document | Problem]:
    data, problem = read_all(source)
    if problem:
        yield problem
    if looks_binary(data):
        yield Problem(source.name, "looks like a binary file, not text: skipped")
        return
    text, warning = decode(data, source.name)
    if warning:
        yield warning
    if not text.strip():
        yield Problem(source.name, "no text in this file")
        return
    yield from read_page(text, source.name, shape)


def _sniff(source: Source) -> str:
    """Format from the first bytes: Parquet magic, JSON, XML, or text."""
    if source.name == "-":
        return "text"  # standard input cannot be peeked twice: read as text unless --format says otherwise
    from .source import open_binary
    try:
        with open_binary(source) as fh:
            head = fh.read(4096)
    except (EOFError, ValueError):
        head = b""
    if not head:
        return "empty"
    if head.startswith(b"PAR1"):
        return "parquet"
    if looks_binary(head):
        return "binary"
    start = head.lstrip()[:1]
    if start == b"[":
        return "json"
    if start == b"{":
        first = head.lstrip().split(b"\n", 1)[0]
        return "jsonl" if first.rstrip().endswith(b"}") else "json"
    if start == b"<" and (b"<feed" in head or b"<entry" in head):
        return "atom"
    return "text"
