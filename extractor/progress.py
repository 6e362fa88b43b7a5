"""The progress bar of `extractor run`: bytes of the inputs read so far, with rate and ETA (tqdm).

The inputs are read in a fixed order (`expand_inputs`), so the bytes done are
the sizes of the files before the one being read plus the position in it. That
position is the operating system's offset of the open file (Linux:
/proc/self/fdinfo), which for a compressed file counts compressed bytes, as
its size does. Where the offset cannot be seen, whole files count as they are
finished; with standard input among the inputs the bar counts papers instead.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from .readers.source import STDIN, Source, expand_inputs

FD_FOLDER = Path("/proc/self/fd")


class InputProgress:
    """A tqdm bar over the input bytes; `update(summary)` after each batch, `close()` at the end."""

    def __init__(self, inputs: list[str], enabled: bool, stream: TextIO | None = None):
        from tqdm import tqdm

        sources = [s for s in expand_inputs(inputs) if isinstance(s, Source)]
        self.by_bytes = all(s.name != STDIN for s in sources)
        self.files = [(os.path.realpath(s.name), _size(s.name)) for s in sources] if self.by_bytes else []
        options = {"unit": "B", "unit_scale": True, "unit_divisor": 1024} if self.by_bytes else {"unit": " papers"}
        self.bar = tqdm(total=sum(size for _, size in self.files) if self.by_bytes else None, desc="reading",
                        disable=not enabled, file=stream, dynamic_ncols=True, leave=True, **options)

    def update(self, summary) -> None:
        done = bytes_done(self.files, open_offsets()) if self.by_bytes else summary.papers
        if done > self.bar.n:
            self.bar.update(done - self.bar.n)
        self.bar.set_postfix_str(f"{summary.papers} papers, {summary.results} results")

    def write(self, line: str) -> None:
        """A message on standard error (or the bar's stream) that does not break the bar."""
        import sys

        self.bar.write(line, file=self.bar.fp if not self.bar.disable else sys.stderr)

    def close(self) -> None:
        if self.by_bytes and self.bar.total and self.bar.n < self.bar.total:
            self.bar.update(self.bar.total - self.bar.n)  # every input was read to its end
        self.bar.close()


def bytes_done(files: list[tuple[str, int]], offsets: dict[str, int]) -> int:
    """The sizes of the files before the last one open, plus its offset (0 when none is open)."""
    current = max((i for i, (path, _) in enumerate(files) if path in offsets), default=None)
    if current is None:
        return 0
    return sum(size for _, size in files[:current]) + offsets[files[current][0]]


def open_offsets() -> dict[str, int]:
    """The offset of every regular file this process has open, by real path ({} where unknown)."""
    offsets: dict[str, int] = {}
    try:
        descriptors = os.listdir(FD_FOLDER)
    except OSError:
        return offsets
    for fd in descriptors:
        try:
            path = os.readlink(FD_FOLDER / fd)
            info = (FD_FOLDER.parent / "fdinfo" / fd).read_text()
        except OSError:
            continue  # closed meanwhile, or not a file
        position = next((line.split()[1] for line in info.splitlines() if line.startswith("pos:")), None)
        if path.startswith("/") and position is not None:
            offsets[path] = max(offsets.get(path, 0), int(position))
    return offsets


def _size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0
