"""Frozen value objects that flow through the pipeline, and the Arrow schemas of the tables.

Every parsed value keeps the raw text it came from beside it, so that each row
can be traced back to a span of `Paper.abstract`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa


@dataclass(frozen=True)
class Problem:
    """Something in the input that could not be read: a value until the CLI reports it."""

    source: str
    message: str
    line: int | None = None
    severity: str = "error"  # "error": data was lost; "warning": read, but with a caveat

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Document:
    """One abstract as a reader found it, before normalization."""

    text: str
    source: str
    source_format: str
    doc_index: int
    title: str | None = None
    arxiv_id: str | None = None
    comments: str | None = None
    published: str | None = None
    journal_ref: str | None = None
    line: int | None = None  # the line of the input it was read from, where the format has lines


@dataclass(frozen=True)
class Paper:
    """A normalized paper: `abstract` is the text every offset points into."""

    paper_id: str
    abstract: str
    source: str
    source_format: str
    doc_index: int
    arxiv_id: str | None = None
    arxiv_version: str | None = None
    title: str | None = None
    comments: str | None = None
    venue: str | None = None
    year: int | None = None
    published: date | None = None
    code_urls: tuple[str, ...] = ()
    published_from: str | None = None  # "source" (the input's date) or "arxiv_id" (the id's month)
    task: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of an abstract: `text == abstract[start:end]`."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Number:
    """A number as written, with its parsed value, bounds and unit.

    `raw` is the exact span `text[start:end]`; `value` is None only for ranges.
    """

    raw: str
    start: int
    end: int
    value: float | None
    low: float
    high: float
    unit: str = ""
    qualifier: str = "="
    uncertainty: float | None = None
    sign: str = ""  # "+" or "-" when written with one
    unit_raw: str = ""
    is_percent_points: bool = False


@dataclass(frozen=True)
class Result:
    """One row of results.parquet (see CONTRACT.md)."""

    result_id: str
    paper_id: str
    kind: str
    value: float | None
    value_low: float
    value_high: float
    unit: str
    qualifier: str
    text: str
    char_start: int
    char_end: int
    sentence: str
    sentence_index: int
    rule: str
    confidence: float
    metric: str | None = None
    metric_raw: str | None = None
    metric_known: bool | None = None  # whether `metric` is a lexicon metric (else as the text names it)
    dataset: str | None = None
    dataset_raw: str | None = None
    dataset_known: bool | None = None
    method: str | None = None
    is_proposed: bool | None = None
    baseline: str | None = None
    task: str | None = None
    setting: str | None = None
    uncertainty: float | None = None
    direction: str | None = None
    value_norm: float | None = None
    unit_norm: str | None = None


@dataclass(frozen=True)
class Claim:
    """One row of claims.parquet."""

    claim_id: str
    paper_id: str
    claim_type: str
    text: str
    char_start: int
    char_end: int
    sentence: str
    sentence_index: int
    rule: str
    method: str | None = None
    datasets: tuple[str, ...] = ()
    baselines: tuple[str, ...] = ()
    confidence: float = 0.8


@dataclass(frozen=True)
class Extraction:
    """What the pipeline makes of one paper."""

    paper: Paper
    results: tuple[Result, ...] = ()
    claims: tuple[Claim, ...] = ()
    problems: tuple[Problem, ...] = field(default=())


_DICT = pa.dictionary(pa.int32(), pa.string())

PAPERS_SCHEMA = pa.schema([
    pa.field("paper_id", pa.string(), nullable=False),
    pa.field("arxiv_id", pa.string()),
    pa.field("arxiv_version", pa.string()),
    pa.field("title", pa.string()),
    pa.field("abstract", pa.string(), nullable=False),
    pa.field("comments", pa.string()),
    pa.field("venue", _DICT),
    pa.field("year", pa.int32()),
    pa.field("published", pa.date32()),
    pa.field("published_from", _DICT),
    pa.field("task", _DICT),
    pa.field("code_urls", pa.list_(pa.string())),
    pa.field("source", _DICT),
    pa.field("source_format", _DICT),
    pa.field("doc_index", pa.int64()),
])

RESULTS_SCHEMA = pa.schema([
    pa.field("result_id", pa.string(), nullable=False),
    pa.field("paper_id", pa.string(), nullable=False),
    pa.field("kind", _DICT, nullable=False),
    pa.field("metric", _DICT),
    pa.field("metric_raw", pa.string()),
    pa.field("metric_known", pa.bool_()),
    pa.field("dataset", _DICT),
    pa.field("dataset_raw", pa.string()),
    pa.field("dataset_known", pa.bool_()),
    pa.field("method", pa.string()),
    pa.field("is_proposed", pa.bool_()),
    pa.field("baseline", pa.string()),
    pa.field("task", _DICT),
    pa.field("setting", pa.string()),
    pa.field("value", pa.float64()),
    pa.field("value_low", pa.float64(), nullable=False),
    pa.field("value_high", pa.float64(), nullable=False),
    pa.field("uncertainty", pa.float64()),
    pa.field("qualifier", _DICT, nullable=False),
    pa.field("direction", _DICT),
    pa.field("unit", _DICT, nullable=False),
    pa.field("value_norm", pa.float64()),
    pa.field("unit_norm", _DICT),
    pa.field("text", pa.string(), nullable=False),
    pa.field("char_start", pa.int64(), nullable=False),
    pa.field("char_end", pa.int64(), nullable=False),
    pa.field("sentence", pa.string(), nullable=False),
    pa.field("sentence_index", pa.int32(), nullable=False),
    pa.field("rule", _DICT, nullable=False),
    pa.field("confidence", pa.float64(), nullable=False),
])

CLAIMS_SCHEMA = pa.schema([
    pa.field("claim_id", pa.string(), nullable=False),
    pa.field("paper_id", pa.string(), nullable=False),
    pa.field("claim_type", _DICT, nullable=False),
    pa.field("method", pa.string()),
    pa.field("datasets", pa.list_(pa.string())),
    pa.field("baselines", pa.list_(pa.string())),
    pa.field("text", pa.string(), nullable=False),
    pa.field("char_start", pa.int64(), nullable=False),
    pa.field("char_end", pa.int64(), nullable=False),
    pa.field("sentence", pa.string(), nullable=False),
    pa.field("sentence_index", pa.int32(), nullable=False),
    pa.field("rule", _DICT, nullable=False),
    pa.field("confidence", pa.float64(), nullable=False),
])

REJECTED_SCHEMA = pa.schema([
    pa.field("table", _DICT, nullable=False),
    pa.field("row_id", pa.string()),
    pa.field("paper_id", pa.string()),
    pa.field("reasons", pa.list_(pa.string()), nullable=False),
    pa.field("row", pa.string(), nullable=False),  # the rejected row as JSON
    pa.field("stage", _DICT),  # `quality` (a failed check), `extract` (the paper raised), `worker` (its worker died)
])

SCHEMAS = {
    "papers": PAPERS_SCHEMA,
    "results": RESULTS_SCHEMA,
    "claims": CLAIMS_SCHEMA,
    "rejected": REJECTED_SCHEMA,
}
