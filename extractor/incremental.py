"""--incremental: papers whose abstract and rules are unchanged since the last run into OUTDIR are not processed again."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .papers import to_paper
from .records import Document
from .rules import Rules


def abstract_digest(abstract: str) -> bytes:
    return hashlib.sha1(abstract.encode("utf-8")).digest()


class PreviousRun:
    """The tables a previous run left in OUTDIR, made with the same rules."""

    def __init__(self, tables: dict[str, pa.Table]):
        self.tables = tables
        papers = tables["papers"]
        self._digests = {pid: abstract_digest(a) for pid, a in
                         zip(papers["paper_id"].to_pylist(), papers["abstract"].to_pylist())}

    @classmethod
    def load(cls, outdir: Path, rules_hash: str) -> "PreviousRun | None":
        """The previous tables, or None when there are none or other rules made them."""
        paths = {name: outdir / f"{name}.parquet" for name in ("papers", "results", "claims")}
        if not all(p.is_file() for p in paths.values()):
            return None
        try:
            metadata = pq.read_schema(paths["papers"]).metadata or {}
            if metadata.get(b"rules_hash", b"").decode() != rules_hash:
                return None
            return cls({name: pq.read_table(path) for name, path in paths.items()})
        except (OSError, pa.ArrowException):
            return None

    def unchanged(self, paper_id: str, abstract: str) -> bool:
        return self._digests.get(paper_id) == abstract_digest(abstract)

    def rows_of(self, paper_ids: list[str]) -> dict[str, pa.Table]:
        """The previous rows of these papers, table by table."""
        wanted = pa.array(paper_ids, pa.string())
        return {name: table.filter(pc.is_in(table["paper_id"], value_set=wanted))
                for name, table in self.tables.items()}


def skip_unchanged(docs: Iterable[Document], previous: PreviousRun, rules: Rules,
                   reused: list[str]) -> Iterator[Document]:
    """The documents that need extracting; the ids of the others are appended to `reused`."""
    for doc in docs:
        paper = to_paper(doc, rules.venues)
        if previous.unchanged(paper.paper_id, paper.abstract):
            reused.append(paper.paper_id)
        else:
            yield doc
