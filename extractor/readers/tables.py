"""Records with an abstract field: JSON Lines, JSON arrays, CSV/TSV, Parquet.

The arXiv metadata snapshot is JSON Lines with `id`, `abstract`, `comments`,
`journal-ref`, `versions` and `update_date`; it needs nothing special beyond
the field names below.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterator, Mapping

import regex

from ..records import Document, Problem
from ..text import has_surrogates
from .source import Source, decode, read_all, text_lines

ABSTRACT_FIELDS = ("abstract", "summary", "text")
TITLE_FIELDS = ("title",)
ID_FIELDS = ("arxiv_id", "id", "paper_id", "arxiv", "url", "link")
COMMENT_FIELDS = ("comments", "comment", "arxiv_comment")
JOURNAL_FIELDS = ("journal-ref", "journal_ref", "journal")
DATE_FIELDS = ("published", "publication_date", "created", "date", "listing_date", "update_date")

_ARXIV_ID = regex.compile(r"""
    (?:arxiv\.org/(?:abs|pdf)/|arxiv:\s*)?   # an optional URL or arXiv: prefix
    (?P<id>\d{4}\.\d{4,5}                    # new-style id: 2303.01742
          |[a-z][a-z\-]+(?:\.[A-Z]{2})?/\d{7}) # old-style id: hep-th/9901001, math.GT/0309136
    (?P<version>v\d+)?                       # an optional version
    (?:\.pdf)?$                              # a file name ending
    """, regex.VERBOSE | regex.IGNORECASE)


def arxiv_id_of(value: Any) -> str | None:
    """`2303.01742v2` from `2303.01742v2`, `arXiv:2303.01742v2`, a URL or `2303.01742v2.pdf`."""
    if not isinstance(value, str):
        return None
    m = _ARXIV_ID.search(value.strip())
    return m.group("id") + (m.group("version") or "") if m else None


def document_from_record(record: Mapping[str, Any], source: str, index: int,
                         abstract_column: str | None, number: int | None = None,
                         fmt: str = "", line: int | None = None) -> Document | Problem:
    """A Document from one record (`fmt` and `line`: where it was read), or a Problem naming what is missing."""
    fields = {str(k).strip().lower(): v for k, v in record.items()}
    names = (abstract_column.lower(),) if abstract_column else ABSTRACT_FIELDS
    text = _first(fields, names)
    if not isinstance(text, str) or not text.strip():
        wanted = " or ".join(repr(n) for n in names)
        return Problem(source, f"record {number or index + 1} has no {wanted} text", None)
    return Document(
        text=text, source=source, source_format=fmt, doc_index=index, line=line,
        title=_text(_first(fields, TITLE_FIELDS)),
        arxiv_id=_arxiv_id(fields),
        comments=_text(_first(fields, COMMENT_FIELDS)),
        published=_date_of(fields),
        journal_ref=_text(_first(fields, JOURNAL_FIELDS)),
    )


def _first(fields: Mapping[str, Any], names) -> Any:
    """The first of the named fields that is neither missing, null nor empty (a plain loop: this
    runs five times per record, in the process that reads while the workers extract)."""
    for name in names:
        value = fields.get(name)
        if value is not None and value != "":
            return value
    return None


def _arxiv_id(fields: Mapping[str, Any]) -> str | None:
    """The arXiv id of the first id field that holds one."""
    for name in ID_FIELDS:
        found = arxiv_id_of(fields.get(name))
        if found:
            return found
    return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date_of(fields: Mapping[str, Any]) -> str | None:
    versions = fields.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        return _text(versions[0].get("created"))
    value = _first(fields, DATE_FIELDS)
    return str(value) if value is not None else None


def _documents(records: Iterator[tuple[int | None, Any]], source: str, fmt: str,
               abstract_column: str | None) -> Iterator[Document | Problem]:
    """Documents of the records in order; `number` counts every record (read or not), so a
    problem names the record it is about, `index` only the documents made."""
    index = number = 0
    for line, record in records:
        number += _is_record(record)
        if isinstance(record, Problem):
            yield record
            continue
        if not isinstance(record, dict):
            yield Problem(source, f"record {number}: expected an object, found {type(record).__name__}", line)
            continue
        doc = document_from_record(record, source, index, abstract_column, number, fmt, line)
        if isinstance(doc, Problem):
            yield Problem(doc.source, doc.message, line)
            continue
        if not _all_ascii(doc) and any(has_surrogates(v) for v in (doc.text, doc.title, doc.comments) if v):
            yield Problem(source, f"record {number} holds a lone surrogate (not Unicode text): "
                                  "replaced by U+FFFD", line, "warning")
        yield doc
        index += 1


def _all_ascii(doc: Document) -> bool:
    """Text, title and comments all ASCII (most records): no lone surrogate, tested without a generator."""
    return doc.text.isascii() and (doc.title or "").isascii() and (doc.comments or "").isascii()


def _is_record(item: Any) -> bool:
    """A record, or a problem in place of one (a broken line); not a warning or a read error."""
    return not isinstance(item, Problem) or (item.severity == "error" and item.line is not None)


def read_jsonl(source: Source, abstract_column: str | None = None) -> Iterator[Document | Problem]:
    """One JSON object per line, streamed; a broken line is reported and skipped."""
    def records():
        for item in text_lines(source):
            if isinstance(item, Problem):
                yield item.line, item
                continue
            number, line = item
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as err:
                yield number, Problem(source.name, f"broken JSON line ({err.msg}, column {err.colno})", number)
    yield from _documents(records(), source.name, "jsonl", abstract_column)


def read_json(source: Source, abstract_column: str | None = None) -> Iterator[Document | Problem]:
    """A JSON array of objects, or an object holding one (`{"papers": [...]}`)."""
    data, problem = read_all(source)
    text, warning = decode(data, source.name)
    for p in (problem, warning):
        if p:
            yield p
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        yield Problem(source.name, f"not valid JSON ({err.msg})", err.lineno)
        return
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, list)), [value])
    if not isinstance(value, list):
        yield Problem(source.name, "JSON holds neither a list nor an object of records")
        return
    yield from _documents(((None, r) for r in value), source.name, "json", abstract_column)


def read_csv(source: Source, abstract_column: str | None = None, delimiter: str | None = None
             ) -> Iterator[Document | Problem]:
    """CSV or TSV with a header row; the delimiter follows the ending or is sniffed."""
    data, problem = read_all(source)
    text, warning = decode(data, source.name)
    for p in (problem, warning):
        if p:
            yield p
    if delimiter is None:
        delimiter = "\t" if source.ending == ".tsv" or text.split("\n", 1)[0].count("\t") else ","
    csv.field_size_limit(1 << 24)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    wanted = [abstract_column.lower()] if abstract_column else list(ABSTRACT_FIELDS)
    if not any(w in header for w in wanted):
        yield Problem(source.name, f"no abstract column (looked for {', '.join(wanted)}; "
                                   f"found {', '.join(header) or 'no header'}); use --abstract-column", 1)
        return
    fmt = "tsv" if delimiter == "\t" else "csv"
    rows = ((reader.line_num, row) for row in _safe_rows(reader, source.name))
    yield from _documents(rows, source.name, fmt, abstract_column)


def _safe_rows(reader: csv.DictReader, name: str) -> Iterator[Any]:
    try:
        yield from reader
    except csv.Error as err:
        yield Problem(name, f"broken CSV ({err})", reader.line_num)


def read_parquet(source: Source, abstract_column: str | None = None) -> Iterator[Document | Problem]:
    """Parquet, read a row group at a time."""
    import pyarrow.parquet as pq

    try:
        data, problem = read_all(source) if source.compression or source.name == "-" else (None, None)
        handle = pq.ParquetFile(io.BytesIO(data) if data is not None else source.name)
        batches = handle.iter_batches(batch_size=4096)
        records = ((None, row) for batch in batches for row in batch.to_pylist())
        yield from _documents(records, source.name, "parquet", abstract_column)
    except (OSError, ValueError) as err:  # pyarrow raises ArrowInvalid (a ValueError) on a broken file
        yield Problem(source.name, f"not a readable Parquet file ({err})")
