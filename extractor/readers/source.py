"""Open an input: expand folders and globs, undo compression, decode text with a fallback."""
from __future__ import annotations

import bz2
import glob
import gzip
import lzma
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from ..records import Problem

# Endings a folder walk picks up (after a compression ending); anything else
# in a folder (README.md, images) is passed over. A file named on the command
# line is read whatever its ending.
READABLE_ENDINGS = {".txt", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".xml", ".atom"}
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz"}
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"))
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input file (or standard input) and how it is compressed."""

    name: str
    compression: str | None

    @property
    def ending(self) -> str:
        """The format ending under any compression ending: `a.jsonl.gz` -> `.jsonl`."""
        path = Path(self.name)
        suffixes = [s.lower() for s in path.suffixes]
        if suffixes and suffixes[-1] in COMPRESSIONS:
            suffixes = suffixes[:-1]
        return suffixes[-1] if suffixes else ""


def expand_inputs(inputs: list[str]) -> Iterator[Source | Problem]:
    """Files in a stable order: folders recursively, globs expanded, `-` for standard input."""
    for item in inputs:
        if item == STDIN:
            yield Source(STDIN, None)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Source(str(path), _compression_of(path))
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield Problem(item, "no file matches this pattern")
            for match in matches:
                yield from expand_inputs([match])
        else:
            yield Problem(item, "no such file or folder")


def _walk(folder: Path) -> Iterator[Source]:
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        source = Source(str(path), _compression_of(path))
        if source.ending in READABLE_ENDINGS:
            yield source


def _compression_of(path: Path) -> str | None:
    by_name = COMPRESSIONS.get(path.suffix.lower())
    if by_name:
        return by_name
    try:
        with open(path, "rb") as fh:
            head = fh.read(6)
    except OSError:
        return None
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


def open_binary(source: Source) -> BinaryIO:
    """A binary stream of the decompressed bytes (errors surface while reading)."""
    if source.name == STDIN:
        raw: BinaryIO = sys.stdin.buffer
        head = raw.peek(6)[:6] if hasattr(raw, "peek") else b""
        kind = next((k for magic, k in _MAGIC if head.startswith(magic)), None)
        return _decompress(raw, kind)
    return _decompress(open(source.name, "rb"), source.compression)


def _decompress(raw: BinaryIO, kind: str | None) -> BinaryIO:
    if kind == "gzip":
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    if kind == "bz2":
        return bz2.BZ2File(raw)  # type: ignore[return-value]
    if kind == "xz":
        return lzma.LZMAFile(raw)  # type: ignore[return-value]
    return raw


READ_ERRORS = (OSError, EOFError, lzma.LZMAError, ValueError)


def decode(data: bytes, source: str, line: int | None = None) -> tuple[str, Problem | None]:
    """UTF-8 (a BOM dropped); bytes that are not UTF-8 fall back to cp1252 with a warning."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        return text, Problem(source, f"not UTF-8 (byte {err.start}): read as cp1252", line, "warning")


def looks_binary(head: bytes) -> bool:
    """NUL bytes in text are a sign of a binary file (an image, a zip, an executable)."""
    return b"\x00" in head[:8192]


def read_all(source: Source) -> tuple[bytes, Problem | None]:
    """The whole decompressed content; a truncated archive keeps what could be read."""
    chunks: list[bytes] = []
    try:
        with open_binary(source) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    except READ_ERRORS as err:
        return b"".join(chunks), Problem(source.name, f"could not read all of it ({_describe(err)})")
    return b"".join(chunks), None


def _describe(err: BaseException) -> str:
    if isinstance(err, EOFError):
        return "the compressed file is truncated"
    return f"{type(err).__name__}: {err}"


def text_lines(source: Source) -> Iterator[tuple[int, str] | Problem]:
    """Decoded lines, numbered from 1, streamed; decoding falls back per line."""
    warned = False
    try:
        with open_binary(source) as fh:
            for number, data in enumerate(fh, 1):
                text, problem = decode(data, source.name, number)
                if problem and not warned:
                    warned = True
                    yield problem
                yield number, text
    except READ_ERRORS as err:
        yield Problem(source.name, f"could not read all of it ({_describe(err)})")
