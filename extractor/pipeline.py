"""The data flow: read -> normalize -> sentences -> numbers -> rules -> attribution -> units -> checks -> write.

`extract_paper` is the whole per-paper path and is what every engine runs;
`run` adds reading, batching, the quality gate and writing around it.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc

from . import __version__
from .attribution import proposed_method
from .claims import find_claims
from .engines import make_engine
from .incremental import PreviousRun, skip_unchanged
from .io import TableWriter, export_csv
from .match import find_results
from .memory import return_free_heap
from .papers import to_paper
from .readers import read_documents
from .records import SCHEMAS, Document, Extraction, Problem
from .rules import Rules, load_rules
from .rows import extraction_rows
from .seen import SeenPapers
from .tasks import with_tasks
from .text import split_sentences
from .units import prepare as prepare_units

BATCH_SIZE = 1000    # papers a worker extracts at once (smaller: the last batches leave a core idle for less)
GATE_CHUNK = 10_000  # papers the quality gate checks at once: its cost is mostly per call


def extract_paper(doc: Document, rules: Rules) -> Extraction:
    """One paper: normalize, split, find numbers, apply the rules, attribute, convert units."""
    paper = to_paper(doc, rules.venues)                      # normalize
    sentences = split_sentences(paper.abstract)              # sentences
    own = proposed_method(paper, sentences, rules)           # whose method the paper is about
    results = find_results(paper, sentences, rules, own)     # numbers, rules, attribution, units
    paper, results = with_tasks(paper, sentences, results, rules)  # the paper's task and each row's
    claims = find_claims(paper, sentences, rules, own)
    return Extraction(paper, tuple(results), tuple(claims))


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back: the rows of a batch as Arrow tables (which travel between
    processes far cheaper than value objects), and how many papers came twice in the batch."""

    tables: dict[str, pa.Table]
    duplicates: int


def extract_batch(docs: list[Document], rules_dir: str | None = None) -> Extracted:
    """A batch of documents through `extract_paper`; a paper that comes twice is kept once."""
    rules = load_rules(rules_dir)
    extractions = [extract_paper(doc, rules) for doc in docs]
    fresh = SeenPapers().first_papers([e.paper.paper_id for e in extractions], [e.paper.abstract for e in extractions])
    kept = [e for e, first in zip(extractions, fresh) if first]  # one look-up for the batch, not one per paper
    return Extracted(extraction_rows(kept), len(docs) - len(kept))


@dataclass
class RunSummary:
    """What a run did, for the CLI's closing line and quality.json."""

    outdir: Path
    papers: int = 0
    duplicates: int = 0
    results: int = 0
    claims: int = 0
    rejected: int = 0
    reused: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def run(inputs: list[str], outdir: str | Path, *, fmt: str | None = None, abstract_column: str | None = None,
        jobs: int = 1, engine: str = "local", write_csv: bool = False, report: bool = False,
        rules_dir: str | None = None, scheduler: str | None = None, incremental: bool = False,
        on_problem: Callable[[Problem], None] | None = None,
        on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Read every input, extract, check and write the tables into `outdir`."""
    started = time.perf_counter()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    rules = load_rules(rules_dir)
    prepare_units(rules.folder)  # built before the workers fork, so they inherit it
    summary = RunSummary(outdir)
    previous = PreviousRun.load(outdir, rules.hash) if incremental else None
    output = Output(outdir, rules, inputs, summary, previous)
    try:
        docs = _collect_problems(read_documents(inputs, fmt, abstract_column), summary, on_problem)
        if previous is not None:
            docs = skip_unchanged(docs, previous, rules, output.reused)
        with make_engine(engine, jobs, scheduler) as pool:
            for batch in pool.map_batches(extract_batch, _batched(docs, BATCH_SIZE), rules_dir):
                output.add(batch)
                if on_progress:
                    on_progress(summary)
            output.flush()
    except BaseException:
        output.abort()
        raise
    output.close()
    summary.seconds = time.perf_counter() - started
    output.gate.write_report(outdir, summary, inputs, report)
    if write_csv:
        export_csv(outdir)
    return summary


class Output:
    """Where extracted batches go: papers seen before are dropped, the rest gathered into chunks,
    each chunk checked by the quality gate (cheaper per row on many rows at once) and written;
    the rows of unchanged papers of an incremental run are copied in between."""

    def __init__(self, outdir: Path, rules: Rules, inputs: list[str], summary: RunSummary,
                 previous: PreviousRun | None) -> None:
        from .quality import QualityGate  # GX is imported at the first check, while workers extract

        self.gate = QualityGate(rules)
        self.summary, self.previous = summary, previous
        self.reused: list[str] = []  # ids of unchanged papers, filled as the input is read
        self._seen = SeenPapers()
        self._writers = _open_writers(outdir, rules, inputs)
        self._parts: list[dict[str, pa.Table]] = []
        self._papers = 0

    def add(self, batch: Extracted) -> None:
        """A batch's tables, less the papers seen before; a full chunk is checked and written."""
        self.summary.duplicates += batch.duplicates
        tables = self._first_seen(batch.tables)
        self._parts.append(tables)
        self._papers += tables["papers"].num_rows
        if self._papers >= GATE_CHUNK:
            self.flush()

    def flush(self) -> None:
        """Check and write what has been gathered (rows the gate rejects are quarantined), then
        copy the rows of unchanged papers read since (checked when they were made)."""
        parts, self._parts, self._papers = self._parts, [], 0
        if parts:
            kept, rejected = self.gate.check({name: pa.concat_tables([p[name] for p in parts]) for name in parts[0]})
            self._write(kept)
            self._writers["rejected"].write(rejected)
            self.summary.rejected += len(rejected)
            return_free_heap()  # what checking the chunk freed, so that the next does not grow the heap
        if self.previous is not None and self.reused:
            ids = [pid for pid in self.reused if self._seen.first_id(pid)]
            self.summary.duplicates += len(self.reused) - len(ids)
            self.reused.clear()
            tables = self.previous.rows_of(ids)
            self._write({name: table.cast(SCHEMAS[name]) for name, table in tables.items()})
            self.summary.reused += tables["papers"].num_rows

    def close(self) -> None:
        for writer in self._writers.values():
            writer.close()

    def abort(self) -> None:
        for writer in self._writers.values():
            writer.abort()

    def _first_seen(self, tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
        """A batch's tables less the papers an earlier batch already had (by id or by abstract;
        the batch itself has each paper once)."""
        papers = tables["papers"]
        ids = papers["paper_id"].to_pylist()
        fresh = self._seen.first_papers(ids, papers["abstract"].to_pylist())
        if all(fresh):
            return tables
        self.summary.duplicates += fresh.count(False)
        kept = pa.array([pid for pid, ok in zip(ids, fresh) if ok], pa.string())
        return {name: t.filter(pc.is_in(t["paper_id"], value_set=kept)) for name, t in tables.items()}

    def _write(self, tables: dict[str, pa.Table]) -> None:
        """Write the rows of each table and count them."""
        for name, rows in tables.items():
            self._writers[name].write_table(rows)
        self.summary.papers += tables["papers"].num_rows
        self.summary.results += tables["results"].num_rows
        self.summary.claims += tables["claims"].num_rows


def _open_writers(outdir: Path, rules: Rules, inputs: list[str]) -> dict[str, TableWriter]:
    metadata = {"extractor_version": __version__, "rules_hash": rules.hash, "inputs": "; ".join(inputs),
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    return {name: TableWriter(outdir / f"{name}.parquet", SCHEMAS[name], metadata) for name in SCHEMAS}


def _collect_problems(items: Iterable[Document | Problem], summary: RunSummary,
                      on_problem: Callable[[Problem], None] | None) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Problem):
            summary.problems.append(item)
            if on_problem:
                on_problem(item)
        else:
            yield item


def _batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
