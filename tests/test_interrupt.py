"""An interrupted run leaves what was there: Ctrl-C, TERM, a full disk or an unwritable OUTDIR
leave an earlier run's tables byte-identical and no temporary file, with one line and an exit status."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extractor.cli import main

from test_engines import abstract

SIGNAL_CASES = [
    # (id, signal, sent to the whole process group as a terminal does, exit status, message)
    ("term-to-the-parent", signal.SIGTERM, False, 143, "extractor: terminated; the tables of the previous run are unchanged"),
    ("ctrl-c-to-the-group", signal.SIGINT, True, 130, "extractor: interrupted; the tables of the previous run are unchanged"),
]


def _snapshot(outdir: Path) -> dict[str, bytes]:
    """Every file of the folder (hidden temporary files included) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(outdir.iterdir())}


@pytest.fixture(scope="module")
def big_input(tmp_path_factory) -> Path:
    """Enough abstracts that a run lasts well past the moment the signal is sent."""
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    path.write_text("".join(json.dumps({"abstract": abstract(i) + f" Run {i}."}) + "\n" for i in range(40_000)),
                    encoding="utf-8")
    return path


@pytest.fixture
def earlier_run(tmp_path) -> Path:
    """An OUTDIR holding the tables of an earlier, finished run."""
    small = tmp_path / "small.jsonl"
    small.write_text("".join(json.dumps({"abstract": abstract(i)}) + "\n" for i in range(5)), encoding="utf-8")
    outdir = tmp_path / "out"
    assert main(["run", str(small), "-o", str(outdir), "-q", "--jobs", "1"]) == 0
    return outdir


def _wait_for_temporary_tables(outdir: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until the run has opened its temporary tables (it is writing), or fail."""
    deadline = time.monotonic() + timeout
    while not list(outdir.glob(".papers.parquet.*.tmp")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.05)


@pytest.mark.parametrize("signum,group,status,message", [c[1:] for c in SIGNAL_CASES], ids=[c[0] for c in SIGNAL_CASES])
def test_a_signal_mid_run_leaves_the_earlier_tables(big_input, earlier_run, signum, group, status, message):
    before = _snapshot(earlier_run)
    process = subprocess.Popen([sys.executable, "-m", "extractor.cli", "run", str(big_input), "-o", str(earlier_run),
                                "-q", "--jobs", "2"], stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _wait_for_temporary_tables(earlier_run, process)
        time.sleep(0.5)  # workers are extracting
        os.killpg(process.pid, signum) if group else process.send_signal(signum)
        _, err = process.communicate(timeout=120)
    finally:  # whatever happened, nothing of the run (its workers included) outlives the test
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
    assert (process.returncode, err.strip().splitlines()) == (status, [message])
    assert _snapshot(earlier_run) == before


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


WRITE_CASES = [
    # (id, what fails, at which call: the calls before go through, as when a disk fills up part way)
    ("disk-full-while-writing", "pyarrow.parquet.ParquetWriter.write_table", 3),
    ("disk-full-at-a-footer", "pyarrow.parquet.ParquetWriter.close", 2),
    ("no-third-temporary-file", "tempfile.mkstemp", 3),
    ("quality-json-unwritable", "json.dump", 1),
]


@pytest.mark.parametrize("target,failing_call", [c[1:] for c in WRITE_CASES], ids=[c[0] for c in WRITE_CASES])
def test_a_write_that_fails_exits_2_and_leaves_the_earlier_tables(earlier_run, monkeypatch, capsys, target,
                                                                  failing_call):
    before = _snapshot(earlier_run)
    capsys.readouterr()
    module, _, attribute = target.rpartition(".")
    owner = _resolve(module)
    real = getattr(owner, attribute)
    calls = []

    def fails_later(*args, **kwargs):
        calls.append(1)
        if len(calls) == failing_call:
            _disk_full()
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, attribute, fails_later)
    code = main(["run", str(earlier_run.parent / "small.jsonl"), "-o", str(earlier_run), "-q", "--jobs", "1"])
    err = capsys.readouterr().err.strip().splitlines()
    assert len(calls) >= failing_call and code == 2
    assert len(err) == 1 and err[0].startswith(f"extractor: {earlier_run}"), err
    assert "cannot write it (No space left on device)" in err[0], err
    if target != "json.dump":  # quality.json comes after the tables are in place: they are the new ones then
        assert _snapshot(earlier_run) == before
    assert not [p for p in earlier_run.iterdir() if p.name.endswith(".tmp")]


def _resolve(dotted: str):
    import importlib

    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


def test_an_outdir_that_cannot_be_made_exits_2(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["run", "-o", str(blocker / "out"), "-q", "--jobs", "1"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and err[0].startswith(f"extractor: {blocker / 'out'}: cannot write it")


def test_tables_stay_readable_after_a_refused_write(earlier_run, monkeypatch):
    monkeypatch.setattr("pyarrow.parquet.ParquetWriter.write_table", _disk_full)
    assert main(["run", str(earlier_run.parent / "small.jsonl"), "-o", str(earlier_run), "-q", "--jobs", "1"]) == 2
    assert pq.read_table(earlier_run / "papers.parquet").num_rows == 5


def _ignores_ctrl_c(batch: int) -> bool:
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_workers_leave_ctrl_c_to_the_parent():
    """A terminal's Ctrl-C reaches every worker too; they ignore it (no traceback from each), the parent stops them."""
    from extractor.engines import ProcessEngine

    with ProcessEngine(2) as engine:
        assert list(engine.map_batches(_ignores_ctrl_c, range(4))) == [True] * 4
