"""arXiv API responses: Atom XML feeds whose entries carry id, title, summary and comments."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterator

from ..records import Document, Problem
from .source import Source, read_all
from .tables import arxiv_id_of

_NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}


def read_atom(source: Source, abstract_column: str | None = None) -> Iterator[Document | Problem]:
    """One Document per <entry>; an entry without a summary is reported and skipped."""
    data, problem = read_all(source)
    if problem:
        yield problem
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        yield Problem(source.name, f"not well-formed XML ({err})", err.position[0])
        return
    index = 0
    for number, entry in enumerate(root.iter(f"{{{_NS['atom']}}}entry"), 1):
        summary = _child(entry, "atom:summary")
        if not summary:
            yield Problem(source.name, f"entry {number} has no summary")
            continue
        yield Document(
            text=summary, source=source.name, source_format="atom", doc_index=index,
            title=_child(entry, "atom:title"),
            arxiv_id=arxiv_id_of(_child(entry, "atom:id") or ""),
            comments=_child(entry, "arxiv:comment"),
            published=_child(entry, "atom:published"),
            journal_ref=_child(entry, "arxiv:journal_ref"),
        )
        index += 1


def _child(entry: ET.Element, path: str) -> str | None:
    node = entry.find(path, _NS)
    if node is None or node.text is None:
        return None
    return " ".join(node.text.split()) or None
