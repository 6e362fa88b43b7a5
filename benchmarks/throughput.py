"""Throughput and memory of `extractor run` against a floor and a peer, on replicated real abstracts.

    python -m benchmarks.throughput [--sizes 40000,400000] [--shared ../shared] [--jobs N]
    python -m benchmarks.throughput --profile [--profile-size 5000]

For each size it builds a corpus by replicating ../shared/corpus/arxiv/*.jsonl
(replica r > 0 gets " (replica <letters>)" appended to every abstract and its
id fields removed, so that no copy merges with another as a duplicate while
the numbers in the text stay the same), then measures in the same run:

- floor: read the same JSON lines, find number tokens with one regex, write
  their spans to Parquet with pyarrow (a subprocess, like the extractor);
- extractor: the whole `extractor run` as a subprocess; peak memory is the
  sampled RSS of its process tree (workers included) and, per process, the
  kernel's maxrss from wait4;
- quantulum3: `parser.parse` in this process on a sample of the same texts,
  its rate extrapolated to the whole corpus.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
ID_FIELDS = ("arxiv_id", "id", "paper_id", "arxiv", "url", "link")
NUMBER = r"\d+(?:[.,]\d+)*"
GOAL_PEER_RATIO = 50.0
GOAL_FLOOR_RATIO = 16.0


@dataclass(frozen=True)
class Measure:
    """One timed subprocess (or in-process loop): seconds, documents, bytes and peak memory."""

    name: str
    seconds: float
    docs: int
    nbytes: int
    tree_rss_mb: float | None = None      # peak of the summed RSS of the process tree, sampled
    max_rss_mb: float | None = None       # largest single process, from the kernel (wait4)
    extrapolated: bool = False

    @property
    def rate(self) -> float:
        return self.docs / self.seconds if self.seconds else float("inf")

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / 1e6 / self.seconds if self.seconds else float("inf")


# ---------------------------------------------------------------- corpus

def read_records(shared: Path) -> list[dict]:
    """Every record of ../shared/corpus/arxiv/*.jsonl, in file order."""
    files = sorted((shared / "corpus" / "arxiv").glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no {shared}/corpus/arxiv/*.jsonl: pass --shared PATH")
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def replica_tag(r: int) -> str:
    """0 -> '', 1 -> 'b', 26 -> 'ba': letters, so the tag adds no number to the text."""
    letters = ""
    while r:
        r, digit = divmod(r, 26)
        letters = chr(97 + digit) + letters
    return letters


def replica(record: dict, r: int) -> dict:
    """Copy `r` of a record: copy 0 as is; later copies with a tagged abstract and no id."""
    if r == 0:
        return record
    copy = {k: v for k, v in record.items() if k not in ID_FIELDS}
    copy["abstract"] = f"{record['abstract']} (replica {replica_tag(r)})"
    return copy


def build_corpus(records: list[dict], size: int, path: Path) -> int:
    """Write `size` lines replicating `records`; returns the bytes written."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(size):
            r, k = divmod(i, len(records))
            fh.write(json.dumps(replica(records[k], r), ensure_ascii=False) + "\n")
    return path.stat().st_size


# ---------------------------------------------------------------- floor

def floor(in_path: str, out_path: str, batch: int = 2000) -> None:
    """The least any extractor does: JSON lines in, one number regex, spans out to Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("doc", pa.int64()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    number = re.compile(NUMBER)
    with open(in_path, encoding="utf-8") as fh, pq.ParquetWriter(out_path, schema, compression="zstd") as out:
        columns: dict[str, list] = {name: [] for name in schema.names}
        for doc, line in enumerate(fh):
            for m in number.finditer(json.loads(line).get("abstract") or ""):
                columns["doc"].append(doc)
                columns["start"].append(m.start())
                columns["end"].append(m.end())
                columns["text"].append(m.group())
            if doc % batch == batch - 1:
                out.write_table(pa.table(columns, schema=schema))
                columns = {name: [] for name in schema.names}
        out.write_table(pa.table(columns, schema=schema))


# ---------------------------------------------------------------- measuring

def timed_subprocess(name: str, argv: list[str], docs: int, nbytes: int) -> Measure:
    """Run `argv`, sampling the RSS of its process tree; fail loudly if it fails."""
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        tree_peak = sample_tree_rss(proc)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{name} failed ({proc.returncode}): {' '.join(argv)}\n{output[-3000:]}")
    return Measure(name, seconds, docs, nbytes, tree_peak, usage.ru_maxrss / 1024)


def sample_tree_rss(proc: subprocess.Popen, every: float = 0.05) -> float | None:
    """Peak summed RSS (MB) of `proc` and its descendants until it exits; None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    peak = 0
    try:
        root = psutil.Process(proc.pid)
        while root.status() != psutil.STATUS_ZOMBIE:
            peak = max(peak, tree_rss(root, psutil))
            time.sleep(every)
    except psutil.NoSuchProcess:
        pass
    return peak / 2**20


def tree_rss(root, psutil) -> int:
    """Summed RSS of a process and its descendants, skipping any that vanish meanwhile."""
    total = 0
    for p in [root, *root.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def measure_floor(corpus: Path, workdir: Path, docs: int) -> Measure:
    """The floor script as a subprocess."""
    argv = [sys.executable, "-m", "benchmarks.throughput", "--floor-only", str(corpus), str(workdir / "floor.parquet")]
    return timed_subprocess("floor", argv, docs, corpus.stat().st_size)


def measure_extractor(corpus: Path, workdir: Path, docs: int, args: argparse.Namespace) -> Measure:
    """`extractor run` as a subprocess, with its own output folder."""
    outdir = workdir / "out"
    shutil.rmtree(outdir, ignore_errors=True)
    engine, jobs = args.engine, args.jobs
    argv = [sys.executable, "-m", "extractor.cli", "run", str(corpus), "-o", str(outdir), "-q",
            "--engine", engine, "--jobs", str(jobs)] + (["--rules", str(args.rules)] if args.rules else [])
    return timed_subprocess(f"extractor ({engine}, jobs={jobs})", argv, docs, corpus.stat().st_size)


def measure_quantulum(records: list[dict], sample: int, docs: int, nbytes: int) -> Measure | str:
    """quantulum3's rate on `sample` texts (after one warm-up parse), extrapolated to `docs`."""
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError as err:
        return f"quantulum3 not installed ({err}): pip install quantulum3"
    texts = [r["abstract"] for r in records[:: max(1, len(records) // sample)]][:sample]
    parser.parse("It reaches 81.2% accuracy.")                        # loads its unit tables
    started = time.perf_counter()
    for text in texts:
        parser.parse(text)
    seconds = time.perf_counter() - started
    rate = len(texts) / seconds
    return Measure(f"quantulum3 ({len(texts)} sampled)", docs / rate, docs, nbytes, extrapolated=True)


def output_rows(workdir: Path) -> dict[str, int]:
    """Rows of the extractor's tables, to show it did the work."""
    import pyarrow.parquet as pq

    out = workdir / "out"
    return {name: pq.ParquetFile(out / f"{name}.parquet").metadata.num_rows
            for name in ("papers", "results", "claims", "rejected") if (out / f"{name}.parquet").exists()}


# ---------------------------------------------------------------- report

def describe(m: Measure) -> str:
    """One line: time, rate, MB/s and memory."""
    memory = ""
    if m.tree_rss_mb is not None or m.max_rss_mb is not None:
        tree = f"{m.tree_rss_mb:.0f}" if m.tree_rss_mb is not None else "?"
        memory = f", peak RSS {tree} MB (tree), {m.max_rss_mb:.0f} MB (largest process)"
    note = " (extrapolated)" if m.extrapolated else ""
    return (f"  {m.name:<32} {m.seconds:8.1f} s{note}  {m.rate:9.0f} abstracts/s  "
            f"{m.mb_per_s:6.2f} MB/s{memory}")


def report_size(size: int, nbytes: int, floor_m: Measure, ext: Measure, peer: Measure | str,
                rows: dict[str, int]) -> list[str]:
    """The lines printed for one corpus size, with the ratios against the goals."""
    lines = [f"{size:,} abstracts ({nbytes / 1e6:.1f} MB of JSON lines)",
             describe(floor_m), describe(ext)]
    lines.append(describe(peer) if isinstance(peer, Measure) else f"  quantulum3: {peer}")
    lines.append(f"  extractor tables: {rows}")
    floor_ratio = ext.seconds / floor_m.seconds
    lines.append(f"  extractor/floor time ratio: {floor_ratio:.1f}x "
                 f"(goal <= {GOAL_FLOOR_RATIO:.0f}x: {'met' if floor_ratio <= GOAL_FLOOR_RATIO else 'NOT met'})")
    if isinstance(peer, Measure):
        peer_ratio = ext.rate / peer.rate
        lines.append(f"  extractor/quantulum3 rate ratio: {peer_ratio:.0f}x "
                     f"(goal >= {GOAL_PEER_RATIO:.0f}x: {'met' if peer_ratio >= GOAL_PEER_RATIO else 'NOT met'})")
    return lines


def memory_verdict(extractor_runs: list[tuple[int, Measure]]) -> str | None:
    """Flat memory: the peak on the biggest size is not above the peak on the smallest (5% noise allowed)."""
    if len(extractor_runs) < 2 or extractor_runs[0][1].tree_rss_mb is None:
        return None
    (small, first), (big, last) = extractor_runs[0], extractor_runs[-1]
    flat = last.tree_rss_mb <= first.tree_rss_mb * 1.05
    return (f"memory: peak {first.tree_rss_mb:.0f} MB on {small:,}, {last.tree_rss_mb:.0f} MB on {big:,}: "
            f"{'flat' if flat else 'NOT flat'}")


# ---------------------------------------------------------------- profile

def profile(records: list[dict], size: int, workdir: Path, top: int, rules: Path | None = None) -> str:
    """pyinstrument over an in-process, one-core `run` of `size` abstracts: the top of the tree and of self time."""
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    from extractor.pipeline import run

    corpus = workdir / f"profile-{size}.jsonl"
    build_corpus(records, size, corpus)
    profiler = Profiler(interval=0.001)
    with profiler:
        run([str(corpus)], workdir / "profile-out", engine="local", jobs=1,
            rules_dir=str(rules) if rules else None)
    session = profiler.last_session
    tree = ConsoleRenderer(unicode=False, color=False, short_mode=True,
                           processor_options={"filter_threshold": 0.02}).render(session)
    flat = ConsoleRenderer(unicode=False, color=False, flat=True).render(session)
    return (f"{size:,} abstracts in {session.duration:.1f} s wall, {session.cpu_time:.1f} s CPU\n"
            "call tree (frames over 2%):\n" + _body(tree)
            + "\n\nself time by function (top):\n" + "\n".join(_body(flat).splitlines()[:top]))


def _body(rendered: str) -> str:
    """pyinstrument's text without its banner (everything up to the 'Profile at' line)."""
    lines = rendered.splitlines()
    start = next((i + 1 for i, line in enumerate(lines) if "Profile at" in line), 0)
    return "\n".join(line for line in lines[start:] if line.strip(". ")).strip("\n")


# ---------------------------------------------------------------- main

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="40000", help="comma-separated corpus sizes (default 40000)")
    p.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (default ../shared)")
    p.add_argument("--engine", default="processes", choices=("local", "processes", "dask"))
    p.add_argument("--jobs", type=int, default=0, help="extractor --jobs (default 0: all cores)")
    p.add_argument("--rules", type=Path, help="extractor --rules: a rules folder instead of the bundled one")
    p.add_argument("--sample", type=int, default=300, help="texts given to quantulum3 (default 300)")
    p.add_argument("--profile", action="store_true", help="profile an in-process run instead of measuring")
    p.add_argument("--profile-size", type=int, default=5000, help="abstracts for --profile (default 5000)")
    p.add_argument("--top", type=int, default=30, help="profile lines to print (default 30)")
    p.add_argument("--workdir", type=Path, help="keep corpora and outputs here instead of a temp folder")
    p.add_argument("--floor-only", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    return p.parse_args(argv)


def measure(args: argparse.Namespace, records: list[dict], workdir: Path) -> None:
    """Every size: build, floor, extractor, quantulum3; print as each finishes."""
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    print(f"corpus: {len(records):,} records from {args.shared}/corpus/arxiv, replicated; "
          f"{os.cpu_count()} cores, python {sys.version.split()[0]}", flush=True)
    extractor_runs = []
    for size in sizes:
        corpus = workdir / f"corpus-{size}.jsonl"
        nbytes = build_corpus(records, size, corpus)
        floor_m = measure_floor(corpus, workdir, size)
        ext = measure_extractor(corpus, workdir, size, args)
        peer = measure_quantulum(records, args.sample, size, nbytes)
        print("\n".join(report_size(size, nbytes, floor_m, ext, peer, output_rows(workdir))), flush=True)
        extractor_runs.append((size, ext))
        corpus.unlink()
    verdict = memory_verdict(extractor_runs)
    if verdict:
        print(verdict)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.floor_only:
        floor(*args.floor_only)
        return 0
    records = read_records(args.shared)
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if args.profile:
            print(profile(records, args.profile_size, workdir, args.top, args.rules))
        else:
            measure(args, records, workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
