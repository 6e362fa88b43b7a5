"""A dead worker is not a dead run: `kill -9` of a worker mid-run, with the process pool and with Dask.

The batch functions here kill their own worker with SIGKILL when they meet a
marked batch (once, or every time), which is what the OOM killer or a user's
`kill -9` does to it, at a known point of the run.
"""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extractor import pipeline
from extractor.engines import RETRIES, ProcessEngine

from test_engines import corpus_records

KILL = "KILL-THIS-WORKER"
MARKER_ENV = "EXTRACTOR_TEST_KILL_MARKER"  # a file: it exists once a worker was killed
ALWAYS_ENV = "EXTRACTOR_TEST_KILL_ALWAYS"  # "1": kill every time, not only the first
REAL_EXTRACT_BATCH = pipeline.extract_batch


def _die_if_marked(marked: bool) -> None:
    if not marked:
        return
    marker = Path(os.environ[MARKER_ENV])
    if os.environ.get(ALWAYS_ENV) == "1" or not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)


def killing_batch(docs, rules_dir=None):
    """`extract_batch`, but the worker dies on a batch holding the marked paper."""
    _die_if_marked(any(KILL in doc.text for doc in docs))
    return REAL_EXTRACT_BATCH(docs, rules_dir)


def killing_square(batch: int) -> int:
    """A toy batch function for the engine alone: batch 3 kills its worker."""
    _die_if_marked(batch == 3)
    return batch * batch


ENGINE_CASES = [
    # (id, kill every time, expected results)
    ("killed-once-retried", False, [b * b for b in range(8)]),
    ("killed-always-lost", True, [b * b if b != 3 else ("lost", 3) for b in range(8)]),
]


@pytest.mark.parametrize("always,expected", [c[1:] for c in ENGINE_CASES], ids=[c[0] for c in ENGINE_CASES])
def test_process_engine_survives_a_killed_worker(tmp_path, monkeypatch, always, expected):
    monkeypatch.setenv(MARKER_ENV, str(tmp_path / "killed"))
    monkeypatch.setenv(ALWAYS_ENV, "1" if always else "0")
    with ProcessEngine(2) as engine:
        got = list(engine.map_batches(killing_square, range(8), on_lost=lambda b, reason: ("lost", b)))
    assert got == expected
    assert (tmp_path / "killed").exists()  # the worker was killed: the test tested something


def _slow_batches():
    """Batch 3 first, then the others after the pool had time to notice its worker is dead."""
    import time

    yield 3
    time.sleep(1.0)
    yield from (0, 1, 2)


def test_a_batch_submitted_after_the_death_goes_to_a_fresh_pool(tmp_path, monkeypatch):
    monkeypatch.setenv(MARKER_ENV, str(tmp_path / "killed"))
    monkeypatch.setenv(ALWAYS_ENV, "0")
    with ProcessEngine(2) as engine:
        assert list(engine.map_batches(killing_square, _slow_batches())) == [9, 0, 1, 4]
    assert (tmp_path / "killed").exists()


def test_without_on_lost_a_batch_lost_for_good_raises(tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    monkeypatch.setenv(MARKER_ENV, str(tmp_path / "killed"))
    monkeypatch.setenv(ALWAYS_ENV, "1")
    with ProcessEngine(2) as engine, pytest.raises(BrokenProcessPool, match=f"died {RETRIES + 1} times"):
        list(engine.map_batches(killing_square, range(8)))


@pytest.fixture(scope="module")
def marked_corpus(tmp_path_factory) -> Path:
    """The engines' corpus with one paper marked for killing its worker."""
    import json

    records = corpus_records()
    records[20]["abstract"] += f" {KILL}"
    path = tmp_path_factory.mktemp("killed") / "abstracts.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _tables(outdir: Path) -> dict[str, list[dict]]:
    return {name: pq.read_table(outdir / f"{name}.parquet").to_pylist() for name in ("papers", "results", "claims")}


@pytest.fixture(scope="module")
def clean_tables(marked_corpus, tmp_path_factory) -> dict[str, list[dict]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "BATCH_SIZE", 7)
        out = tmp_path_factory.mktemp("clean")
        pipeline.run([str(marked_corpus)], out, engine="local")
    return _tables(out)


RUN_CASES = [
    pytest.param("processes", id="processes"),
    pytest.param("dask", id="dask", marks=pytest.mark.slow),
]


def _killing_run(corpus: Path, tmp_path: Path, monkeypatch, engine: str, always: bool = False):
    """A run of batches of 7 in which the marked paper's worker is killed (every time, with `always`)."""
    if engine == "dask":
        pytest.importorskip("distributed")
    monkeypatch.setattr(pipeline, "BATCH_SIZE", 7)
    monkeypatch.setattr(pipeline, "extract_batch", killing_batch)
    monkeypatch.setenv(MARKER_ENV, str(tmp_path / "killed"))
    if always:
        monkeypatch.setenv(ALWAYS_ENV, "1")
    return pipeline.run([str(corpus)], tmp_path / "out", engine=engine, jobs=2)


@pytest.mark.parametrize("engine", RUN_CASES)
def test_a_worker_killed_mid_run_gives_the_clean_tables(marked_corpus, clean_tables, tmp_path, monkeypatch, engine):
    summary = _killing_run(marked_corpus, tmp_path, monkeypatch, engine)
    assert (tmp_path / "killed").exists()
    assert _tables(tmp_path / "out") == clean_tables
    assert summary.errors == [] and summary.failed == 0


@pytest.mark.parametrize("engine", RUN_CASES)
def test_a_batch_that_always_kills_its_worker_is_rejected(marked_corpus, clean_tables, tmp_path, monkeypatch, engine):
    summary = _killing_run(marked_corpus, tmp_path, monkeypatch, engine, always=True)
    assert summary.failed == 7  # the marked paper's batch (papers 14 to 20)
    rejected = pq.read_table(tmp_path / "out" / "rejected.parquet").to_pylist()
    assert [r["stage"] for r in rejected] == ["worker"] * 7
    assert all("died" in r["reasons"][0] for r in rejected), rejected[0]["reasons"]
    lost = {p["paper_id"] for p in clean_tables["papers"] if 14 <= p["doc_index"] <= 20}
    assert len(lost) == 7
    tables = _tables(tmp_path / "out")
    for name, rows in clean_tables.items():
        assert tables[name] == [r for r in rows if r["paper_id"] not in lost], name


def _workers(pid: int) -> list[int]:
    """The worker processes of a running `extractor run`: its children with its own command line."""
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(c) for c in children if _cmdline(int(c)) == own]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to find the workers")
def test_kill_9_of_a_worker_of_a_running_extractor(tmp_path):
    """From outside, as a user or the OOM killer would: the tables equal a clean run's."""
    import json
    import subprocess
    import sys
    import time

    from test_engines import abstract

    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"abstract": abstract(i) + f" Run {i}."}) + "\n" for i in range(4000)),
                      encoding="utf-8")
    pipeline.run([str(corpus)], tmp_path / "clean", engine="local")
    process = subprocess.Popen([sys.executable, "-m", "extractor.cli", "run", str(corpus), "-o", str(tmp_path / "out"),
                                "-q", "--jobs", "2"], stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not _workers(process.pid):
            assert process.poll() is None and time.monotonic() < deadline, "no worker ever started"
            time.sleep(0.05)
        time.sleep(0.1)  # the workers are extracting
        assert process.poll() is None, "the run ended before a worker could be killed"
        os.kill(_workers(process.pid)[0], signal.SIGKILL)
        _, err = process.communicate(timeout=120)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
    assert (process.returncode, err) == (0, "")
    assert _tables(tmp_path / "out") == _tables(tmp_path / "clean")
