"""The Python API; the CLI is a thin layer over these functions."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .pipeline import extract_paper, run
from .records import Claim, Document, Result
from .rules import load_rules

__all__ = ["extract", "extract_claims", "read_papers", "load", "leaderboard", "run", "build_site"]


def _document(text: str, title: str | None) -> Document:
    return Document(text=text, source="<text>", source_format="text", doc_index=0, title=title)


def extract(text: str, title: str | None = None) -> list[Result]:
    """The results of one abstract, through the same pipeline as `extractor run`."""
    return list(extract_paper(_document(text, title), load_rules()).results)


def extract_claims(text: str, title: str | None = None) -> list[Claim]:
    """The claims of one abstract."""
    return list(extract_paper(_document(text, title), load_rules()).claims)


def read_papers(paths: str | Path | Iterable[str | Path], fmt: str | None = None,
                abstract_column: str | None = None):
    """The papers of the inputs as a pandas DataFrame (the papers table, without writing it)."""
    import pandas as pd

    from .papers import to_paper
    from .readers import read_documents
    from .records import Document as Doc
    from .rows import as_row

    if isinstance(paths, (str, Path)):
        paths = [paths]
    venues = load_rules().venues
    seen: set[str] = set()
    rows = []
    for doc in read_documents([str(p) for p in paths], fmt, abstract_column):
        if isinstance(doc, Doc):
            paper = to_paper(doc, venues)
            if paper.paper_id not in seen:
                seen.add(paper.paper_id)
                rows.append(as_row(paper))
    return pd.DataFrame(rows)


def load(outdir: str | Path) -> dict:
    """The tables of a run as pandas DataFrames, keyed by table name."""
    from .io import TABLES, read_table

    return {name: read_table(Path(outdir), name).to_pandas() for name in TABLES
            if (Path(outdir) / f"{name}.parquet").exists()}


def leaderboard(results, dataset: str | None = None, metric: str | None = None, top: int | None = None,
                task: str | None = None):
    """Score rows ranked per (task, dataset, metric) by the metric's direction (see extractor.views)."""
    from .views import leaderboard as _leaderboard

    return _leaderboard(results, dataset=dataset, metric=metric, top=top, rules=load_rules(), task=task)


def build_site(outdir: str | Path, site_dir: str | Path | None = None):
    """Write the static leaderboard site of a run's tables (see extractor.site); returns a SiteSummary."""
    from .site import build_site as _build_site

    return _build_site(outdir, site_dir, rules=load_rules())
