"""Plain-text pages of abstracts, as copied from web pages, furniture and all.

Four shapes, detected from the text:

- listing: abstract, optional comments line, `arXiv:ID` (sometimes run straight
  into the next abstract: `arXiv:2306.15875We introduce ...`), optional `Created: DATE`;
- profile: a header, then blocks that start with `Abstract:`;
- papers: header lines, then pairs of a title line and an abstract paragraph;
- lines: one abstract per line, nothing else.
"""
from __future__ import annotations

from typing import Iterator

import regex

from ..records import Document, Problem

LONG_LINE = 160  # an abstract's paragraph is longer than any title, comment or furniture line

_LISTING_MARK = regex.compile(r"""
    arXiv:\s?(?P<id>\d{4}\.\d{4,5}(?:v\d+)?)    # the paper's id, maybe glued to the next word
    (?:\s*Created:\s*(?P<date>\d{4}-\d{2}-\d{2}))?  # the listing's date line, when present
    """, regex.VERBOSE)
_LISTING_HINT = regex.compile(r"""
    (?m)^arXiv:\d{4}\.\d{4,5}   # an id at the start of a line
    """, regex.VERBOSE)
_PROFILE_MARK = regex.compile(r"""
    (?m)^[ \t]*Abstract:[ \t]*   # a block's opening word
    """, regex.VERBOSE)
_PARAGRAPH_GAP = regex.compile(r"""
    \n[ \t]*\n\s*   # one or more blank lines
    """, regex.VERBOSE)
_FURNITURE = regex.compile(r"""
    ^(?:new|subscribe|upvote|sign\ (?:in|up)|log\ ?in|share|\d+\ upvotes?
       |get\ trending\ papers.*|by\s?\w+\ and\ the\ research\ community
       |(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\ \d{1,2}(?:,\ \d{4})?   # Mar 11
       |\d+\ pages?(?:,\ \d+\ (?:figures?|tables?))*\.?)$                              # 6 pages, 5 figures
    """, regex.VERBOSE | regex.IGNORECASE)


def detect_shape(text: str) -> str:
    """The page shape of a text: listing, profile, papers or lines."""
    if _LISTING_HINT.search(text) or regex.search(r"[a-z.)]arXiv:\d{4}\.\d{4,5}", text[:200000]):
        return "listing"
    if _PROFILE_MARK.search(text):
        return "profile"
    paragraphs = _paragraphs(text)
    if any(len(a) < LONG_LINE and "\n" not in a and len(b) >= LONG_LINE for a, b in zip(paragraphs, paragraphs[1:])):
        return "papers"
    return "lines"


def read_page(text: str, source: str, shape: str | None = None) -> Iterator[Document | Problem]:
    """Documents of a page, in order; `shape` overrides detection."""
    shape = shape or detect_shape(text)
    reader = {"listing": _listing, "profile": _profile, "papers": _papers, "lines": _lines}[shape]
    found = False
    for index, (abstract, extra) in enumerate(reader(text)):
        found = True
        yield Document(text=abstract, source=source, source_format=shape, doc_index=index, **extra)
    if not found:
        yield Problem(source, f"no abstract found in this {shape} page")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _PARAGRAPH_GAP.split(text.strip()) if p.strip()]


def _listing(text: str) -> Iterator[tuple[str, dict]]:
    start = 0
    for mark in _LISTING_MARK.finditer(text):
        block = text[start:mark.start()]
        start = mark.end()
        abstract, comments = _split_comments(block)
        if abstract:
            yield abstract, {"arxiv_id": mark.group("id"), "comments": comments, "published": mark.group("date")}
    abstract, comments = _split_comments(text[start:])
    if abstract:
        yield abstract, {"comments": comments}


def _split_comments(block: str) -> tuple[str, str | None]:
    """The abstract (up to its last long line) and the short lines after it (comments)."""
    lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
    last_long = max((i for i, ln in enumerate(lines) if len(ln) >= LONG_LINE), default=None)
    if last_long is None:
        return "", None
    abstract = [ln for ln in lines[:last_long + 1] if not _FURNITURE.match(ln)]
    return " ".join(abstract), "; ".join(lines[last_long + 1:]) or None


def _profile(text: str) -> Iterator[tuple[str, dict]]:
    blocks = _PROFILE_MARK.split(text)[1:]  # what precedes the first block is the page header
    for block in blocks:
        paragraphs = [p for p in _paragraphs(block) if not _FURNITURE.match(p)]
        if paragraphs:
            yield " ".join(paragraphs[0].split()), {}


def _papers(text: str) -> Iterator[tuple[str, dict]]:
    paragraphs = _paragraphs(text)
    title = None
    for paragraph in paragraphs:
        if len(paragraph) >= LONG_LINE:
            yield " ".join(paragraph.split()), {"title": title}
            title = None
        elif "\n" not in paragraph and not _FURNITURE.match(paragraph):
            title = paragraph  # the last short line before an abstract is its title
        else:
            title = None


def _lines(text: str) -> Iterator[tuple[str, dict]]:
    for line in text.splitlines():
        line = line.strip()
        if line and not _FURNITURE.match(line):
            yield line, {}
