"""Texts cut into segments at the edges of highlighted spans, for the site's pages.

A span is (start, end, kind, id); spans may overlap or nest. Every character
of the text lands in one segment, and a segment lists the spans that cover it,
so that every extracted span is marked even where a claim's cue holds a number.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A stretch of a text to highlight: `text[start:end]`, of a kind (score, delta, claim ...)."""

    start: int
    end: int
    kind: str
    id: str
    label: str = ""


@dataclass(frozen=True)
class Segment:
    """`text` with the spans covering it (none: plain text)."""

    text: str
    spans: tuple[Span, ...] = ()

    @property
    def kinds(self) -> str:
        return " ".join(dict.fromkeys(s.kind for s in self.spans))

    @property
    def ids(self) -> str:
        return " ".join(s.id for s in self.spans)

    @property
    def labels(self) -> str:
        return "; ".join(s.label for s in self.spans if s.label)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """`text` cut at every span edge; spans outside the text or empty are left out."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    edges = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out = []
    for start, end in zip(edges, edges[1:]):
        covering = tuple(s for s in spans if s.start <= start and end <= s.end)
        out.append(Segment(text[start:end], covering))
    return out


def sentence_offset(abstract: str, sentence: str, char_start: int, char_end: int) -> int | None:
    """Where `sentence` starts in `abstract`, given a span inside it; None when it is not there."""
    low = max(0, char_end - len(sentence))
    found = abstract.find(sentence, low, char_start + len(sentence))
    return found if 0 <= found <= char_start else None
