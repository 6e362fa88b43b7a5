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
from .attribution import defined_datasets, proposed_method
from .claims import find_claims
from .engines import make_engine
from .failures import Failure
from .incremental import PreviousRun, skip_unchanged
from .io import TableWriter, export_csv, writing
from .match import find_results
from .memory import return_free_heap
from .papers import to_paper
from .readers import read_documents
from .records import SCHEMAS, Document, Extraction, Problem
from .rules import Rules, load_rules
from .rows import extraction_rows
from .seen import SeenPapers
from .task_datasets import with_task_datasets
from .tasks import with_tasks
from .text import split_sentences
from .units import prepare as prepare_units

BATCH_SIZE = 1000    # papers a worker extracts at once (smaller: the last batches leave a core idle for less)
GATE_CHUNK = 10_000  # papers the quality gate checks at once: its cost is mostly per call (0.37 s for 10,000,
#                     0.49 s for 20,000, but 20,000 at once raise the peak RSS by 60 MB)


def extract_paper(doc: Document, rules: Rules) -> Extraction:
    """One paper: normalize, split, find numbers, apply the rules, attribute, convert units."""
    paper = to_paper(doc, rules.venues)                      # normalize
    sentences = split_sentences(paper.abstract)              # sentences
    defined = defined_datasets(paper, rules)                 # the data sets the paper defines
    own = proposed_method(paper, sentences, rules, defined)  # whose method the paper is about
    results = find_results(paper, sentences, rules, own, defined)  # numbers, rules, attribution, units
    paper, results = with_tasks(paper, sentences, results, rules)  # the paper's task and each row's
    results = with_task_datasets(sentences, results, rules)  # a row's data set from its task, where it had none
    claims = find_claims(paper, sentences, rules, own)
    return Extraction(paper, tuple(results), tuple(claims))


@dataclass(frozen=True)
class Extracted:
    """What a worker sends back: the rows of a batch as Arrow tables (which travel between
    processes far cheaper than value objects), how many papers came twice in the batch, and
    the papers that could not be extracted."""

    tables: dict[str, pa.Table]
    duplicates: int
    failures: tuple[Failure, ...] = ()


def extract_batch(docs: list[Document], rules_dir: str | None = None) -> Extracted:
    """A batch of documents through `extract_paper`; a paper that comes twice is kept once,
    a paper that raises is a Failure (kept without results when it can be normalized)."""
    rules = load_rules(rules_dir)
    extractions, failures = [], []
    for doc in docs:
        extraction, failure = extract_safely(doc, rules)
        if extraction is not None:
            extractions.append(extraction)
        if failure is not None:
            failures.append(failure)
    fresh = SeenPapers().first_papers([e.paper.paper_id for e in extractions], [e.paper.abstract for e in extractions])
    kept = [e for e, first in zip(extractions, fresh) if first]  # one look-up for the batch, not one per paper
    return Extracted(extraction_rows(kept), len(extractions) - len(kept), tuple(failures))


def extract_safely(doc: Document, rules: Rules) -> tuple[Extraction | None, Failure | None]:
    """`extract_paper`, with any exception caught for this paper alone: then the paper without
    results and claims where it can still be normalized, and the failure."""
    try:
        return extract_paper(doc, rules), None
    except Exception as err:  # noqa: BLE001 -- one poisoned paper must not stop the run
        error, message = type(err).__name__, str(err)
    try:
        paper = to_paper(doc, rules.venues)
    except Exception:  # noqa: BLE001 -- the paper cannot even be normalized: left out
        return None, Failure.of(doc, "extract", error, message)
    return Extraction(paper, (), ()), Failure.of(doc, "extract", error, message, paper.paper_id)


def lost_batch(docs: list[Document], reason: str) -> Extracted:
    """A batch whose worker died every time it ran: each paper a `worker` Failure, no rows."""
    failures = tuple(Failure.of(doc, "worker", "WorkerLost", reason) for doc in docs)
    return Extracted(extraction_rows([]), 0, failures)


@dataclass
class RunSummary:
    """What a run did, for the CLI's closing line and quality.json."""

    outdir: Path
    papers: int = 0
    duplicates: int = 0
    results: int = 0
    claims: int = 0
    rejected: int = 0
    failed: int = 0  # papers that raised or whose worker died: rows in rejected.parquet, errors in problems
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
    with writing(outdir):
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
            for batch in pool.map_batches(extract_batch, _batched(docs, BATCH_SIZE), rules_dir, on_lost=lost_batch):
                _report(batch.failures, summary, on_problem)
                output.add(batch)
                if on_progress:
                    on_progress(summary)
            output.flush()
        output.close()
    except BaseException:  # an error, Ctrl-C or TERM: no temporary file stays, earlier tables stay whole
        output.abort()
        raise
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
        self._writers["rejected"].write([f.rejected_row() for f in batch.failures])
        self.summary.rejected += len(batch.failures)
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
        """Every table finished first, then all renamed into place at once: an interruption
        before the renames leaves the earlier run's tables, not a mix."""
        for writer in self._writers.values():
            writer.finish()
        for writer in self._writers.values():
            writer.commit()

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
    writers: dict[str, TableWriter] = {}
    try:
        for name in SCHEMAS:
            writers[name] = TableWriter(outdir / f"{name}.parquet", SCHEMAS[name], metadata)
    except BaseException:  # the third cannot be made: the first two leave no temporary file
        for writer in writers.values():
            writer.abort()
        raise
    return writers


def _collect_problems(items: Iterable[Document | Problem], summary: RunSummary,
                      on_problem: Callable[[Problem], None] | None) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Problem):
            summary.problems.append(item)
            if on_problem:
                on_problem(item)
        else:
            yield item


def _report(failures: Iterable[Failure], summary: RunSummary,
            on_problem: Callable[[Problem], None] | None) -> None:
    """Each failed paper as an error of the run (exit status 1), told as it happens."""
    for failure in failures:
        summary.failed += 1
        problem = failure.problem()
        summary.problems.append(problem)
        if on_problem:
            on_problem(problem)


def _batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
