"""The progress bar of `extractor run`: input bytes done, shown on a terminal only, silent with -q."""
from __future__ import annotations

import io
import os
from types import SimpleNamespace

import pytest

from extractor.progress import InputProgress, bytes_done, open_offsets

FILES = [("/a", 100), ("/b", 50), ("/c", 10)]
DONE = [
    ("nothing-open", {}, 0),
    ("first-file", {"/a": 40}, 40),
    ("second-file", {"/b": 5}, 105),
    ("last-open-wins", {"/a": 100, "/c": 3}, 153),
    ("other-files-ignored", {"/etc/x": 999}, 0),
]


@pytest.mark.parametrize("offsets,expected", [c[1:] for c in DONE], ids=[c[0] for c in DONE])
def test_bytes_done(offsets, expected):
    assert bytes_done(FILES, offsets) == expected


@pytest.mark.skipif(not os.path.isdir("/proc/self/fdinfo"), reason="open file offsets are read from Linux's /proc")
def test_open_offsets_sees_a_files_position(tmp_path):
    path = tmp_path / "input.jsonl"
    path.write_bytes(b"x" * 5000)
    with open(path, "rb") as fh:
        fh.raw.read(1234)
        assert open_offsets()[os.path.realpath(path)] == 1234


SUMMARY = SimpleNamespace(papers=10, results=20)
SHOWN = [
    ("terminal", True, True),
    ("quiet-or-no-terminal", False, False),
]


@pytest.mark.parametrize("enabled,shows", [c[1:] for c in SHOWN], ids=[c[0] for c in SHOWN])
def test_bar_shows_bytes_rate_and_papers(tmp_path, enabled, shows):
    path = tmp_path / "input.jsonl"
    path.write_bytes(b"y" * 4096)
    stream = io.StringIO()
    progress = InputProgress([str(path)], enabled=enabled, stream=stream)
    with open(path, "rb") as fh:
        fh.raw.read(2048)
        progress.update(SUMMARY)
    progress.close()
    text = stream.getvalue()
    assert ("2.00k/4.00k" in text and "4.00k/4.00k" in text and "B/s" in text and "10 papers" in text) == shows
    assert (text == "") == (not shows)


def test_standard_input_counts_papers():
    stream = io.StringIO()
    progress = InputProgress(["-"], enabled=True, stream=stream)
    progress.update(SUMMARY)
    progress.close()
    assert "10 papers" in stream.getvalue() and "B/s" not in stream.getvalue()


def test_quiet_run_writes_nothing_to_stderr(tmp_path, capsys):
    from extractor.cli import main

    src = tmp_path / "a.jsonl"
    src.write_text('{"abstract": "We reach 81.2% top-1 accuracy on ImageNet."}\n', encoding="utf-8")
    assert main(["run", str(src), "-o", str(tmp_path / "out"), "-q", "--engine", "local"]) == 0
    assert capsys.readouterr().err == ""
