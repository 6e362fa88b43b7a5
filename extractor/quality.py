"""The quality gate: one great-expectations suite per table, and the quarantine.

Every expectation is a row of `EXPECTATIONS` below, with a name: the name is
what `rejected.parquet` gives as a reason, what `quality.json` counts and what
`extractor validate` prints. A row that fails any expectation leaves its table
for `rejected.parquet` (nothing is dropped silently); the results and claims of
a rejected paper follow it (`*.paper_known`).

Checks that need more than one column or table are computed here as a boolean
column first (`DERIVED`: True = holds, False = broken, None = does not apply)
and then expected true, so that every check still runs through the suite.

great-expectations is imported only when a table with rows is checked (it
costs seconds to import); its context is ephemeral (nothing is written), with
progress bars and analytics off, and it is built once per process.
"""
from __future__ import annotations

import re

import html as _html
import json
import math
import os
import platform
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Mapping

import pyarrow as pa
import pyarrow.compute as pc

from . import __version__
from .io import OutputError, read_table, write_json_atomic, write_text_atomic
from .records import SCHEMAS

# ---------------------------------------------------------------- the allowed values

KINDS = ("score", "delta", "ratio", "relative", "model_size", "data_size", "efficiency")
QUALIFIERS = ("=", "~", ">", ">=", "<", "<=")
DIRECTIONS = ("up", "down")  # or null
CLAIM_TYPES = ("sota", "outperforms", "comparable", "first")
DATE_ORIGINS = ("source", "arxiv_id")  # or null: where papers.published came from
BASE_UNITS = ("%", "x", "pp", "")  # beside the units the rules' lexicons name

CHECKED_TABLES = ("papers", "results", "claims")
KEYS = {"papers": "paper_id", "results": "result_id", "claims": "claim_id"}


@dataclass(frozen=True)
class Check:
    """One expectation: its name, the table it guards, the GX expectation and its arguments."""

    name: str
    table: str
    expectation: str
    args: Mapping[str, object]
    says: str
    shows: tuple[str, ...] = ()  # columns worth showing beside a failing row

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.args[k] for k in ("column", "column_A", "column_B") if k in self.args)


NOT_NULL = "ExpectColumnValuesToNotBeNull"
UNIQUE = "ExpectColumnValuesToBeUnique"
IN_SET = "ExpectColumnValuesToBeInSet"
BETWEEN = "ExpectColumnValuesToBeBetween"
A_GE_B = "ExpectColumnPairValuesAToBeGreaterThanB"
TRUE = [True]

# fmt: off
EXPECTATIONS: tuple[Check, ...] = (
    #     name                               table      expectation  arguments
    Check("papers.paper_id_not_null",        "papers",  NOT_NULL, {"column": "paper_id"},
          "every paper has an id"),
    Check("papers.paper_id_unique",          "papers",  UNIQUE,   {"column": "paper_id"},
          "a paper appears once (a repeat is rejected, the first is kept)"),
    Check("papers.abstract_not_null",        "papers",  NOT_NULL, {"column": "abstract"},
          "every paper has the abstract its offsets point into"),
    Check("papers.published_from_in_set",    "papers",  IN_SET,   {"column": "published_from",
                                                                   "value_set": list(DATE_ORIGINS)},
          "published_from is source (the input's date), arxiv_id (the id's month) or null"),

    Check("results.result_id_not_null",      "results", NOT_NULL, {"column": "result_id"},
          "every result has an id"),
    Check("results.result_id_unique",        "results", UNIQUE,   {"column": "result_id"},
          "a result id appears once (a repeat is rejected, the first is kept)"),
    Check("results.paper_id_not_null",       "results", NOT_NULL, {"column": "paper_id"},
          "every result names its paper"),
    Check("results.paper_known",             "results", IN_SET,   {"column": "paper_known", "value_set": TRUE},
          "the result's paper_id is in papers", ("paper_id",)),
    Check("results.kind_not_null",           "results", NOT_NULL, {"column": "kind"},
          "every result has a kind"),
    Check("results.kind_in_set",             "results", IN_SET,   {"column": "kind", "value_set": list(KINDS)},
          f"kind is one of {', '.join(KINDS)}"),
    Check("results.qualifier_not_null",      "results", NOT_NULL, {"column": "qualifier"},
          "every result has a qualifier"),
    Check("results.qualifier_in_set",        "results", IN_SET,   {"column": "qualifier", "value_set": list(QUALIFIERS)},
          f"qualifier is one of {' '.join(QUALIFIERS)}"),
    Check("results.direction_in_set",        "results", IN_SET,   {"column": "direction", "value_set": list(DIRECTIONS)},
          "direction is up, down or null"),
    Check("results.unit_not_null",           "results", NOT_NULL, {"column": "unit"},
          "every result has a unit ('' for a plain number)"),
    Check("results.unit_known",              "results", IN_SET,   {"column": "unit_known", "value_set": TRUE},
          "unit is one the rules define (unit_words.txt, metrics.txt) or % x pp '', a physical unit pint "
          "reads (ps, mm), or for a data size the noun as written", ("kind", "unit")),
    Check("results.value_low_le_value",      "results", A_GE_B,   {"column_A": "value", "column_B": "value_low",
                                                                   "or_equal": True,
                                                                   "ignore_row_if": "either_value_is_missing"},
          "value_low <= value", ("value_low", "value", "value_high")),
    Check("results.value_le_value_high",     "results", A_GE_B,   {"column_A": "value_high", "column_B": "value",
                                                                   "or_equal": True,
                                                                   "ignore_row_if": "either_value_is_missing"},
          "value <= value_high", ("value_low", "value", "value_high")),
    Check("results.value_low_le_value_high", "results", A_GE_B,   {"column_A": "value_high", "column_B": "value_low",
                                                                   "or_equal": True,
                                                                   "ignore_row_if": "either_value_is_missing"},
          "value_low <= value_high (ranges too)", ("value_low", "value", "value_high")),
    Check("results.value_low_not_null",      "results", NOT_NULL, {"column": "value_low"},
          "every result has its bounds (value_low)"),
    Check("results.value_high_not_null",     "results", NOT_NULL, {"column": "value_high"},
          "every result has its bounds (value_high)"),
    Check("results.percent_score_in_range",  "results", IN_SET,   {"column": "percent_score_ok", "value_set": TRUE},
          "a score in % of a percent-scale metric lies within 0-100",
          ("metric", "value", "value_low", "value_high", "unit")),
    Check("results.fraction_score_in_range", "results", IN_SET,   {"column": "fraction_score_ok", "value_set": TRUE},
          "a plain-number score of a fraction-scale metric lies within 0-1",
          ("metric", "value", "value_low", "value_high", "unit")),
    Check("results.uncertainty_non_negative", "results", BETWEEN, {"column": "uncertainty", "min_value": 0},
          "the ± part is >= 0"),
    Check("results.confidence_in_0_1",       "results", BETWEEN,  {"column": "confidence", "min_value": 0, "max_value": 1},
          "confidence lies within 0-1"),
    Check("results.span_exact",              "results", IN_SET,   {"column": "span_exact", "value_set": TRUE},
          "abstract[char_start:char_end] == text", ("char_start", "char_end", "text")),
    Check("results.method_not_a_set_or_metric", "results", IN_SET, {"column": "method_role_ok", "value_set": TRUE},
          "a row's method is not a data set's or a metric's alias in the rules", ("method",)),
    Check("results.dataset_not_a_metric",    "results", IN_SET,   {"column": "dataset_role_ok", "value_set": TRUE},
          "a row's data set is not a metric's alias in the rules (unless it is a data set's too)", ("dataset",)),

    Check("claims.claim_id_not_null",        "claims",  NOT_NULL, {"column": "claim_id"},
          "every claim has an id"),
    Check("claims.claim_id_unique",          "claims",  UNIQUE,   {"column": "claim_id"},
          "a claim id appears once (a repeat is rejected, the first is kept)"),
    Check("claims.paper_id_not_null",        "claims",  NOT_NULL, {"column": "paper_id"},
          "every claim names its paper"),
    Check("claims.paper_known",              "claims",  IN_SET,   {"column": "paper_known", "value_set": TRUE},
          "the claim's paper_id is in papers", ("paper_id",)),
    Check("claims.claim_type_in_set",        "claims",  IN_SET,   {"column": "claim_type", "value_set": list(CLAIM_TYPES)},
          f"claim_type is one of {', '.join(CLAIM_TYPES)} (not null)"),
    Check("claims.claim_type_not_null",      "claims",  NOT_NULL, {"column": "claim_type"},
          "every claim has a type"),
    Check("claims.confidence_in_0_1",        "claims",  BETWEEN,  {"column": "confidence", "min_value": 0, "max_value": 1},
          "confidence lies within 0-1"),
    Check("claims.span_exact",               "claims",  IN_SET,   {"column": "span_exact", "value_set": TRUE},
          "abstract[char_start:char_end] == text", ("char_start", "char_end", "text")),
)
# fmt: on


def rule_units(rules) -> list[str]:
    """The units a result may carry: what the rules' unit words and metrics name, plus % x pp ''."""
    units = set(BASE_UNITS)
    for entry in rules.units.entries:
        if entry.get("unit") is not None:
            units.add(entry.get("unit"))
        if entry.get("kind") == "data_size":
            units.add(f"{entry.get('unit')}/s")  # a rate of it (images/s): a throughput
    for entry in rules.metrics.entries:  # a metric's own unit (dB, FPS) is a unit the rules define too
        if entry.get("unit") is not None:
            units.add(entry.get("unit"))
    return sorted(units)


# ---------------------------------------------------------------- derived columns

def _span_exact(table: pa.Table, abstracts: Mapping[str, str]) -> list[bool | None]:
    out: list[bool | None] = []
    cols = [table.column(c).to_pylist() for c in ("paper_id", "char_start", "char_end", "text")]
    for paper_id, start, end, text in zip(*cols):
        abstract = abstracts.get(paper_id)
        if abstract is None:
            out.append(None)  # no paper: paper_known says so
        elif start is None or end is None or text is None:
            out.append(False)
        else:
            out.append(0 <= start <= end <= len(abstract) and abstract[start:end] == text)
    return out


_DATA_NOUN = re.compile(r"""
    [a-z][a-z-]*(?:\ [a-z][a-z-]*){0,2}   # a data size's noun as written: task, data entry, annotated transaction
    """, re.VERBOSE)


def _unit_known(table: pa.Table, rule_units: set[str]) -> list[bool | None]:
    """Whether each row's unit is a rules unit, a physical unit pint reads, or a data size's noun;
    None where the unit is null (unit_not_null says so). Each distinct (kind, unit) is judged once."""
    from .physical import reads_as_unit

    pairs = list(zip(_plain(table.column("kind")).to_pylist(), _plain(table.column("unit")).to_pylist()))
    verdict = {}
    for kind, unit in set(pairs):
        if unit is not None:
            verdict[kind, unit] = unit in rule_units or reads_as_unit(unit) or \
                (kind == "data_size" and _DATA_NOUN.fullmatch(unit) is not None)
    return [verdict.get(pair) for pair in pairs]


def _role_ok(table: pa.Table, column: str, not_in: tuple, unless_in: tuple) -> list[bool | None]:
    """False where a row's name is an alias of a lexicon in `not_in` and of none in `unless_in`;
    None where the row has no name (each distinct name looked up once)."""
    names = _plain(table.column(column)).to_pylist()
    verdict = {}
    for name in set(names) - {None}:
        clash = any(lex.lookup(name, cased=True) for lex in not_in) and not any(lex.lookup(name) for lex in unless_in)
        verdict[name] = not clash
    return [None if n is None else verdict[n] for n in names]


def _paper_known(table: pa.Table, paper_ids: set) -> list[bool | None]:
    return [None if p is None else p in paper_ids for p in table.column("paper_id").to_pylist()]


def _score_in_range(table: pa.Table, scale_of: Callable[[str], str | None], unit: str, scale: str,
                    top: float) -> list[bool | None]:
    """True/False for kind=score rows in `unit` whose metric has `scale`; None for the others."""
    cols = [_plain(table.column(c)).to_pylist() for c in ("kind", "unit", "metric", "value", "value_low", "value_high")]
    out: list[bool | None] = []
    for kind, row_unit, metric, value, low, high in zip(*cols):
        if kind != "score" or row_unit != unit or metric is None or scale_of(metric) != scale:
            out.append(None)
            continue
        numbers = [v for v in (value, low, high) if v is not None]
        out.append(bool(numbers) and all(0 <= v <= top for v in numbers))  # NaN fails too
    return out


def _as_checked(column, name: str, checks: tuple[Check, ...]):
    """A column as its checks read it. One that is only checked for nulls (the abstract) goes as
    its lengths, null where it is null: GX would otherwise copy and hash every long string."""
    column = _plain(column)
    only_nulls = all(c.expectation == NOT_NULL for c in checks if name in c.columns)
    return pc.utf8_length(column) if only_nulls and pa.types.is_string(column.type) else column


def _plain(column):
    return column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column


# ---------------------------------------------------------------- great-expectations, once per process

class _GX:
    """An ephemeral GX context with one whole-dataframe batch definition per table."""

    def __init__(self) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        started = time.perf_counter()
        import great_expectations as gx
        import great_expectations.expectations as gxe
        from great_expectations.data_context.types.base import (DataContextConfig, InMemoryStoreBackendDefaults,
                                                                ProgressBarsConfig)

        self.gx, self.gxe = gx, gxe
        config = DataContextConfig(analytics_enabled=False,
                                   progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
                                   store_backend_defaults=InMemoryStoreBackendDefaults())
        self.context = gx.get_context(mode="ephemeral", project_config=config)
        source = self.context.data_sources.add_pandas("extractor")
        self.batches = {t: source.add_dataframe_asset(t).add_batch_definition_whole_dataframe(t)
                        for t in CHECKED_TABLES}
        self.suites: dict[tuple, object] = {}
        self.setup_seconds = time.perf_counter() - started

    def suite(self, table: str, checks: tuple[Check, ...], units: tuple[str, ...]):
        key = (table, tuple(c.name for c in checks), units)
        if key not in self.suites:
            suite = self.gx.ExpectationSuite(name=f"extractor.{table}.{len(self.suites)}")
            for check in checks:
                suite.add_expectation(getattr(self.gxe, check.expectation)(**check.args, meta={"name": check.name}))
            self.suites[key] = self.context.suites.add(suite)
        return self.suites[key]

    def validate(self, table: str, frame, suite) -> dict[str, dict]:
        """Each expectation's result dict by name (COMPLETE: with unexpected_index_list)."""
        batch = self.batches[table].get_batch(batch_parameters={"dataframe": frame})
        outcome = batch.validate(suite, result_format={"result_format": "COMPLETE"})
        results = {}
        for r in outcome.results:
            name = r.expectation_config.meta["name"]
            problem = _exception(r.exception_info)
            if problem or "element_count" not in r.result:
                raise RuntimeError(f"quality check {name} could not run: {problem or 'no result'}")
            results[name] = r.result
        return results


def _exception(info) -> str | None:
    """The message of an exception GX caught while checking, if any.

    GX reports it either flat ({"raised_exception": ...}) or per metric
    ({metric id: {"exception_message": ...}}).
    """
    if not info:
        return None
    if "raised_exception" in info:
        return info.get("exception_message") or "an exception" if info["raised_exception"] else None
    for value in info.values():
        if isinstance(value, dict) and (value.get("raised_exception") or value.get("exception_message")):
            return value.get("exception_message") or "an exception"
    return None


@lru_cache(maxsize=1)
def _engine() -> _GX:
    """The GX context and suites, built once per process (importing GX costs seconds)."""
    return _GX()


# ---------------------------------------------------------------- the gate

@dataclass
class Tally:
    """What one expectation saw over every batch of a run."""

    rows: int = 0       # rows of its table
    checked: int = 0    # rows it applied to (null values are skipped by the value checks)
    failed: int = 0     # rows that broke it
    examples: list[dict] = field(default_factory=list)  # a few failing rows (id and the relevant columns)


class QualityGate:
    """Checks each batch of tables; keeps the rows that pass and quarantines the others."""

    max_examples = 5

    def __init__(self, rules, checks: tuple[Check, ...] = EXPECTATIONS):
        self.rules = rules
        self.checks = checks
        self.units = tuple(rule_units(rules))
        self.tallies = {c.name: Tally() for c in checks}
        self.seconds = 0.0
        self.setup_seconds = 0.0
        self.rows = 0
        self._scales: dict[str, str | None] = {}

    def scale_of(self, metric: str) -> str | None:
        if metric not in self._scales:
            entry = self.rules.metrics.lookup(metric)
            self._scales[metric] = entry.get("scale") if entry else None
        return self._scales[metric]

    @property
    def ok(self) -> bool:
        return not any(t.failed for t in self.tallies.values())

    def check(self, tables: dict[str, pa.Table]) -> tuple[dict[str, pa.Table], list[dict]]:
        """The kept tables (same schemas) and the rejected rows (records.REJECTED_SCHEMA dicts)."""
        started = time.perf_counter()
        kept: dict[str, pa.Table] = dict(tables)
        rejected: list[dict] = []
        for name in CHECKED_TABLES:  # papers first: results and claims of a rejected paper follow it
            table = tables[name]
            derived = self._derive(name, table, kept["papers"])
            reasons = self._run(name, table, derived)
            if reasons:
                keep = [i not in reasons for i in range(table.num_rows)]
                kept[name] = table.filter(pa.array(keep, pa.bool_()))
                rejected.extend(self._rejected(name, table, reasons))
            self.rows += table.num_rows
        self.seconds += time.perf_counter() - started
        return kept, rejected

    def _derive(self, name: str, table: pa.Table, papers: pa.Table) -> dict[str, list]:
        """The derived columns of `table`, against the papers kept so far."""
        if name == "papers":
            return {}
        abstracts = dict(zip(papers.column("paper_id").to_pylist(), papers.column("abstract").to_pylist()))
        derived = {"paper_known": _paper_known(table, set(abstracts)),
                   "span_exact": _span_exact(table, abstracts)}
        if name == "results":
            derived["unit_known"] = _unit_known(table, set(self.units))
            derived["percent_score_ok"] = _score_in_range(table, self.scale_of, "%", "percent", 100.0)
            derived["fraction_score_ok"] = _score_in_range(table, self.scale_of, "", "fraction", 1.0)
            derived["method_role_ok"] = _role_ok(table, "method", (self.rules.datasets, self.rules.metrics), ())
            derived["dataset_role_ok"] = _role_ok(table, "dataset", (self.rules.metrics,), (self.rules.datasets,))
        return derived

    def _run(self, name: str, table: pa.Table, derived: dict[str, list]) -> dict[int, list[str]]:
        """Row index -> the names of the expectations it breaks."""
        checks = tuple(c for c in self.checks if c.table == name)
        for check in checks:
            self.tallies[check.name].rows += table.num_rows
        if not checks or table.num_rows == 0:
            return {}
        columns = sorted({c for check in checks for c in check.columns} - set(derived))
        arrays = {c: _as_checked(table.column(c), c, checks) for c in columns}
        arrays.update({c: pa.array(v, pa.bool_()) for c, v in derived.items()})
        frame = pa.table(arrays).to_pandas()
        fresh = _engine.cache_info().currsize == 0
        engine = _engine()
        if fresh:  # this gate paid for importing GX and building the context
            self.setup_seconds = engine.setup_seconds
        outcome = engine.validate(name, frame, engine.suite(name, checks, self.units))
        reasons: dict[int, list[str]] = {}
        for check in checks:
            result = outcome[check.name]
            tally = self.tallies[check.name]
            tally.checked += result.get("element_count", 0) - result.get("missing_count", 0)
            tally.failed += result.get("unexpected_count", 0)
            bad = [int(i) for i in result.get("unexpected_index_list") or []]
            if check.expectation == UNIQUE:  # keep the first of each repeated id
                bad = _repeats(frame[check.args["column"]], bad)
            for i in bad:
                reasons.setdefault(i, []).append(check.name)
            for i in bad[: self.max_examples - len(tally.examples)]:
                tally.examples.append(self._example(name, table, check, i))
        return reasons

    def _example(self, name: str, table: pa.Table, check: Check, i: int) -> dict:
        wanted = [KEYS[name], "paper_id", *check.columns, *check.shows]
        names = [c for c in dict.fromkeys(wanted) if c in table.column_names]
        row = table.select(names).slice(i, 1).to_pylist()[0]
        return {k: _jsonable(v) for k, v in row.items()}

    def _rejected(self, name: str, table: pa.Table, reasons: dict[int, list[str]]) -> list[dict]:
        order = sorted(reasons)
        rows = table.take(pa.array(order, pa.int64())).to_pylist()
        key = KEYS[name]
        return [{"table": name, "row_id": row.get(key), "paper_id": row.get("paper_id"), "reasons": reasons[i],
                 "row": json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False, default=str),
                 "stage": "quality"}
                for i, row in zip(order, rows)]

    # ------------------------------------------------------------ the report

    def expectations_report(self) -> list[dict]:
        out = []
        for check in self.checks:
            t = self.tallies[check.name]
            out.append({"name": check.name, "table": check.table, "expectation": check.expectation,
                        "arguments": dict(check.args), "description": check.says, "rows": t.rows, "checked": t.checked,
                        "passed": t.checked - t.failed, "failed": t.failed, "success": t.failed == 0,
                        "examples": t.examples})
        return out

    def timing(self) -> dict:
        per_10k = (self.seconds - self.setup_seconds) / self.rows * 10_000 if self.rows else None
        return {"gate_seconds": round(self.seconds, 4), "gate_setup_seconds": round(self.setup_seconds, 4),
                "gate_rows": self.rows,
                "gate_seconds_per_10k_rows": round(per_10k, 4) if per_10k is not None else None}

    def write_report(self, outdir: Path, summary, inputs: list[str], html: bool = False) -> None:
        """quality.json (and quality.html when asked) in `outdir`."""
        report = {
            "ok": self.ok and not summary.errors,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "inputs": list(inputs),
            "counts": {"papers": summary.papers, "results": summary.results, "claims": summary.claims,
                       "rejected": summary.rejected, "duplicates": summary.duplicates,
                       "input_errors": len(summary.errors), "failed_papers": summary.failed,
                       "input_warnings": len(summary.problems) - len(summary.errors)},
            "expectations": self.expectations_report(),
            "input_errors": [{"source": p.source, "line": p.line, "message": p.message, "severity": p.severity}
                             for p in summary.problems],
            "rules_hash": self.rules.hash,
            "versions": versions(self.rules),
            "timing": {"seconds": round(summary.seconds, 3), **self.timing()},
        }
        outdir = Path(outdir)
        write_json_atomic(outdir / "quality.json", report)
        if html:
            write_text_atomic(outdir / "quality.html", render_html(report))


def _repeats(values, bad: list[int]) -> list[int]:
    """Of the rows GX flags as not unique, all but the first of each value."""
    seen, out = set(), []
    for i in sorted(bad):
        v = values.iloc[i]
        if v in seen:
            out.append(i)
        seen.add(v)
    return out


def _jsonable(value):
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # NaN and inf are not JSON; keep them visible
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def versions(rules) -> dict:
    """The versions that made a table: extractor, rules and the libraries that shaped the values."""
    out = {"extractor": __version__, "rules_hash": rules.hash, "python": platform.python_version()}
    for dist in ("pandas", "pyarrow", "great_expectations", "pint", "regex"):
        try:
            out[dist] = metadata.version(dist.replace("_", "-"))
        except metadata.PackageNotFoundError:
            out[dist] = None
    return out


# ---------------------------------------------------------------- the offline HTML report

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#176117}.fail{color:#a01010;font-weight:bold}code{font-size:.9em}
.badge{display:inline-block;padding:.1em .6em;border-radius:.3em;color:#fff}
.badge.pass{background:#2b7a2b}.badge.fail{background:#b22}
"""


def render_html(report: dict) -> str:
    """A self-contained page (inline CSS, no scripts) from the quality.json content."""
    e = _html.escape
    ok = report["ok"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>extractor quality report</title>", f"<style>{_CSS}</style></head><body>",
           "<h1>extractor quality report "
           f'<span class="badge {"pass" if ok else "fail"}">{"pass" if ok else "attention"}</span></h1>',
           f"<p>Created {e(report['created'])}; rules {e(str(report['rules_hash']))}; "
           f"inputs: {e(', '.join(report['inputs']) or '-')}</p>"]
    out.append("<h2>Counts</h2><table><tr>" + "".join(f"<th>{e(k)}</th>" for k in report["counts"]) + "</tr><tr>"
               + "".join(f'<td class="n">{v}</td>' for v in report["counts"].values()) + "</tr></table>")
    out.append("<h2>Expectations</h2><table><tr><th>name</th><th>what it checks</th><th>expectation</th>"
               "<th>checked</th><th>passed</th><th>failed</th><th>failing rows (first few)</th></tr>")
    for x in report["expectations"]:
        cls = "pass" if x["success"] else "fail"
        examples = "<br>".join(e(", ".join(f"{k}={v!r}" for k, v in ex.items())) for ex in x["examples"])
        out.append(f'<tr><td class="{cls}"><code>{e(x["name"])}</code></td><td>{e(x["description"])}</td>'
                   f'<td><code>{e(x["expectation"])}</code></td><td class="n">{x["checked"]}</td>'
                   f'<td class="n">{x["passed"]}</td><td class="n {cls}">{x["failed"]}</td><td>{examples}</td></tr>')
    out.append("</table>")
    out.append("<h2>Input errors</h2>")
    if report["input_errors"]:
        out.append("<table><tr><th>source</th><th>line</th><th>severity</th><th>message</th></tr>")
        for p in report["input_errors"]:
            out.append(f"<tr><td>{e(str(p['source']))}</td><td class=\"n\">{p['line'] or ''}</td>"
                       f"<td>{e(p['severity'])}</td><td>{e(p['message'])}</td></tr>")
        out.append("</table>")
    else:
        out.append("<p>None: every input was read.</p>")
    for title, key in (("Timing", "timing"), ("Versions", "versions")):
        out.append(f"<h2>{title}</h2><table>" + "".join(
            f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in report[key].items()) + "</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- validate an output folder

def validate_outdir(outdir: Path, rules=None) -> tuple[bool, list[str]]:
    """Re-run the suite on the tables of `outdir`: (ok, lines naming each failing expectation)."""
    from .rules import load_rules

    outdir = Path(outdir)
    lines: list[str] = []
    tables: dict[str, pa.Table] = {}
    for name in CHECKED_TABLES:
        try:
            tables[name] = _conform(read_table(outdir, name), name)
        except OutputError as err:
            lines.append(f"error: {err}")
    if lines:
        return False, lines
    rules = rules or load_rules()
    made_with = (tables["results"].schema.metadata or {}).get(b"rules_hash", b"").decode()
    if made_with and made_with != rules.hash:
        lines.append(f"note: the tables were made with rules {made_with}; checking with rules {rules.hash}")
    gate = QualityGate(rules)
    gate.check(tables)
    failing = [x for x in gate.expectations_report() if x["failed"]]
    for x in failing:
        lines.append(f"FAIL {x['name']}: {x['failed']} of {x['checked']} {x['table']} rows ({x['description']})")
        for ex in x["examples"][:3]:
            lines.append("    " + ", ".join(f"{k}={_short(v)}" for k, v in ex.items()))
    rows = ", ".join(f"{t.num_rows} {n}" for n, t in tables.items())
    if failing:
        lines.append(f"FAILED: {len(failing)} of {len(gate.checks)} expectations fail on {outdir} ({rows})")
    else:
        lines.append(f"ok: all {len(gate.checks)} expectations pass on {outdir} ({rows})")
    return not failing, lines


def _conform(table: pa.Table, name: str) -> pa.Table:
    """The table in its contract schema (extra columns dropped), or OutputError saying what is off."""
    schema = SCHEMAS[name]
    missing = [f.name for f in schema if f.name not in table.column_names]
    if missing:
        raise OutputError(f"{name}.parquet lacks the column(s) {', '.join(missing)}")
    columns = []
    for f in schema:
        column = table.column(f.name)
        if column.type != f.type:
            try:
                column = pc.cast(column, f.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as err:
                raise OutputError(f"{name}.parquet: column {f.name} is {column.type}, "
                                  f"not {f.type} ({err})") from err
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=pa.schema([f.with_nullable(True) for f in schema],
                                                          metadata=table.schema.metadata))


def _short(value, width: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"
