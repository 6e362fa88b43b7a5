"""What the site shows, gathered from the tables of a run: boards, papers and their rows.

A board is one leaderboard of `extractor.views.leaderboard` (a task, dataset and
metric) with every row kept, its rows' papers and dates, and the data of its
chart: every dated result as a point, and the best value so far as a step line.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .views import plain, heading

_SLUG = re.compile(r"""
    [^a-z0-9]+   # a run of anything but lower-case letters and digits becomes one hyphen
    """, re.VERBOSE)


@dataclass(frozen=True)
class Board:
    """One board: its key, heading, ranked rows (dicts) and chart data."""

    task: str | None
    dataset: str
    metric: str
    better: str
    slug: str
    heading: str
    unit: str
    rows: tuple = ()
    papers: int = 0
    chart: dict = field(default_factory=dict)

    @property
    def best(self) -> str:
        return self.rows[0]["value"] if self.rows else ""

    @property
    def best_score(self) -> float | None:
        return self.rows[0]["score"] if self.rows else None


@dataclass(frozen=True)
class SiteData:
    """Everything the pages need, keyed for look-ups by paper and by result."""

    boards: tuple[Board, ...]
    papers: dict            # paper_id -> papers row (dict)
    results_of: dict        # paper_id -> its results rows, in text order
    claims_of: dict         # paper_id -> its claims rows
    rejected_of: dict       # paper_id -> its rejected rows, with `text` and `reasons`
    board_of: dict          # result_id -> slug of the board that ranks it
    result_count: int
    quality: dict | None


def load_site_data(outdir: Path, rules=None) -> SiteData:
    """Read the tables of `outdir` and gather the boards and the rows of each paper."""
    from .io import read_table
    from .rules import load_rules

    rules = rules or load_rules()
    papers = {p["paper_id"]: _paper_row(p) for p in read_table(outdir, "papers").to_pylist()}
    results = _of_known_papers(read_table(outdir, "results"), papers)
    claims = read_table(outdir, "claims").to_pylist() if (outdir / "claims.parquet").is_file() else []
    rejected = read_table(outdir, "rejected").to_pylist() if (outdir / "rejected.parquet").is_file() else []
    by_id = {r["result_id"]: r for r in results.to_pylist()}
    boards = _boards(results, papers, by_id, rules)
    board_of = {row["result_id"]: b.slug for b in boards for row in b.rows}
    quality = outdir / "quality.json"
    return SiteData(tuple(boards), papers, _grouped(by_id.values(), "char_start"), _grouped(claims, "char_start"),
                    _grouped([_rejected_row(r) for r in rejected], "row_id"), board_of, len(by_id),
                    json.loads(quality.read_text(encoding="utf-8")) if quality.is_file() else None)


def _of_known_papers(table, papers: dict):
    """The rows whose paper is in the papers table (a hand-edited table may hold others)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return table.filter(pc.is_in(table["paper_id"], value_set=pa.array(list(papers), pa.string())))


def _paper_row(p: dict) -> dict:
    """A papers row with how its date is shown (a month when it comes from the arXiv id) and its link."""
    published = p.get("published")
    shown = ""
    if published is not None:
        shown = published.isoformat()[:7] if p.get("published_from") == "arxiv_id" else published.isoformat()
    link = f"https://arxiv.org/abs/{p['arxiv_id']}" if p.get("arxiv_id") else None
    return {**p, "date": published.isoformat() if published else None, "date_shown": shown, "link": link}


def _grouped(rows, order: str) -> dict:
    out: dict = {}
    for row in rows:
        out.setdefault(row["paper_id"], []).append(row)
    for group in out.values():
        group.sort(key=lambda r: (r.get(order) is None, r.get(order) or 0))
    return out


def _rejected_row(row: dict) -> dict:
    """A rejected row with the text it was about (from the row's JSON, when it has one)."""
    try:
        body = json.loads(row["row"])
    except (TypeError, ValueError):
        body = {}
    return {**row, "paper_id": row.get("paper_id") or "", "text": body.get("text") if isinstance(body, dict) else None,
            "kind": body.get("kind") or body.get("claim_type") if isinstance(body, dict) else None}


def _boards(results, papers: dict, by_id: dict, rules) -> list[Board]:
    """Every board of the leaderboard, with all its rows."""
    import pandas as pd

    from .views import leaderboard

    titles = pd.DataFrame({"paper_id": list(papers), "title": [p.get("title") for p in papers.values()]})
    frame = leaderboard(results.to_pandas().merge(titles, how="left", on="paper_id"), rules=rules)
    grouped: dict = {}
    for row in frame.to_dict("records"):  # in board order, each board in rank order
        row = _board_row(row, by_id, papers)
        grouped.setdefault((row["task"], row["dataset"], row["metric"]), []).append(row)
    return [_board(task, dataset, metric, tuple(rows)) for (task, dataset, metric), rows in grouped.items()]


def _board(task: str | None, dataset: str, metric: str, rows: tuple) -> Board:
    better = rows[0]["better"]
    return Board(task, dataset, metric, better, board_slug(task, dataset, metric),
                 heading(task, dataset, metric, better), rows[0]["unit_shown"], rows,
                 len({r["paper_id"] for r in rows}), chart_data(rows, better))


def _board_row(row: dict, by_id: dict, papers: dict) -> dict:
    full = by_id[row["result_id"]]
    paper = papers[row["paper_id"]]
    clean = {k: plain(v) for k, v in row.items()}
    role = {True: "proposed", False: "baseline"}.get(clean["is_proposed"], "")
    return {**clean, "kind": full["kind"], "char_start": full["char_start"], "char_end": full["char_end"],
            "role": role, "date": paper["date"], "date_shown": paper["date_shown"],
            "unit_shown": (full["unit_norm"] if full["value_norm"] is not None else full["unit"]) or ""}


def _hover(row: dict) -> str:
    """The hover label of a point: method, role and value, then the paper and its date (plotly reads
    its labels as HTML-like text, so what comes from the abstracts is escaped)."""
    method = html.escape(row["method"] or "method not named")
    role = f" ({row['role']})" if row["role"] else ""
    paper = html.escape(row["title"] or row["paper_id"])
    return f"{method}{role}: {html.escape(row['value'])}<br>{paper} ({row['date_shown']})"


def board_slug(task: str | None, dataset: str, metric: str) -> str:
    """A readable, unique file name: `object-detection--coco-test-dev--ap-1a2b3c`."""
    parts = [_SLUG.sub("-", (p or "any task").casefold()).strip("-")[:40] for p in (task, dataset, metric)]
    digest = hashlib.sha1("\0".join([task or "", dataset, metric]).encode("utf-8")).hexdigest()[:6]
    return "--".join(parts) + "-" + digest


def chart_data(rows, better: str) -> dict:
    """Points (every dated row) and the step line of the best value so far, by date."""
    dated = sorted((r for r in rows if r["date"]), key=lambda r: (r["date"], r["rank"]))
    points = {"x": [r["date"] for r in dated], "y": [r["score"] for r in dated], "text": [_hover(r) for r in dated]}
    steps: dict = {"x": [], "y": []}
    best = None
    for r in dated:
        if best is None or (r["score"] < best if better == "lower" else r["score"] > best):
            best = r["score"]
            steps["x"].append(r["date"])
            steps["y"].append(best)
    if dated and steps["x"][-1] != dated[-1]["date"]:
        steps["x"].append(dated[-1]["date"])
        steps["y"].append(best)
    return {"points": points, "best": steps, "undated": len(rows) - len(dated)}
