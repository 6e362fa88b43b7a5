"""A static leaderboard site from the tables of a run: it works offline from a file:// URL.

`build_site(OUTDIR, SITE_DIR)` writes

    index.html          every board: task, dataset, metric, results, papers, best value
    boards/<slug>.html  a ranked board, the evidence of each row, a chart of the best value over time
    papers/<slug>.html  a paper's results, claims and rejected rows, its abstract with every span marked
    quality.html        the run's quality report
    assets/             site.css, site.js and plotly.min.js, written once and shared by every page

The pages are jinja2 templates with autoescape: titles and abstracts are text,
whatever they hold. Chart data travels inside each board page as JSON in a
`<script type="application/json">` with `<`, `>` and `&` escaped. Charts are
drawn by plotly.js, copied from the `plotly` package: one file that runs from
disk with no network, draws SVG and has hover labels built in.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .highlight import Span, segments, sentence_offset
from .site_data import Board, SiteData, load_site_data

ASSETS = ("site.css", "site.js")
_UNSAFE = re.compile(r"""
    [^A-Za-z0-9._-]+   # anything but letters, digits, dot, underscore and hyphen goes in a file name
    """, re.VERBOSE)


@dataclass(frozen=True)
class SiteSummary:
    """What `build_site` wrote."""

    site_dir: Path
    boards: int
    papers: int
    seconds: float


def build_site(outdir: str | Path, site_dir: str | Path | None = None, rules=None) -> SiteSummary:
    """Write the site for the tables in `outdir` into `site_dir` (default: OUTDIR/site)."""
    started = time.perf_counter()
    outdir = Path(outdir)
    site = Path(site_dir) if site_dir else outdir / "site"
    data = load_site_data(outdir, rules)
    env = _environment()
    report = _quality_page(data.quality)
    env.globals["has_quality"] = report is not None  # every page links the report when there is one
    for folder in ("boards", "papers", "assets"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    _write_assets(site / "assets")
    _write(site / "index.html", env.get_template("index.html").render(
        root="", boards=data.boards, papers=len(data.papers), results=data.result_count))
    boards = {f"{b.slug}.html": b for b in data.boards}
    for name, board in boards.items():
        _write(site / "boards" / name, _board_page(env, board, data))
    papers = {f"{paper_slug(paper_id)}.html": paper_id for paper_id in data.papers}
    for name, paper_id in papers.items():
        _write(site / "papers" / name, _paper_page(env, paper_id, data))
    if report is not None:
        _write(site / "quality.html", report)
    _prune(site, {"boards": boards, "papers": papers}, report is not None)
    return SiteSummary(site, len(data.boards), len(data.papers), time.perf_counter() - started)


def _prune(site: Path, written: dict, has_quality: bool) -> None:
    """Pages an earlier build of this site wrote that this one did not (a board that is gone)."""
    for folder, names in written.items():
        for page in (site / folder).glob("*.html"):
            if page.name not in names:
                page.unlink()
    if not has_quality:
        (site / "quality.html").unlink(missing_ok=True)


def _quality_page(report: dict | None) -> str | None:
    """The quality report as a page, or None without quality.json (or with one of another shape)."""
    from .quality import render_html

    try:
        return render_html(report) if report is not None else None
    except (KeyError, TypeError, AttributeError):
        return None


def paper_slug(paper_id: str) -> str:
    """A file name for a paper: `arXiv:2104.00298` -> `arXiv-2104.00298`."""
    return _UNSAFE.sub("-", paper_id).strip("-") or hashlib.sha1(paper_id.encode()).hexdigest()[:12]


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["script_json"] = script_json
    env.globals["paper_slug"] = paper_slug
    return env


def script_json(value) -> "object":
    """JSON safe inside a <script> element: no `</script>`, no `<!--`, no entity can end it early."""
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _write_assets(folder: Path) -> None:
    """The shared CSS and JS, and plotly.min.js from the plotly package (copied when it changed)."""
    here = Path(__file__).parent / "assets"
    for name in ASSETS:
        shutil.copyfile(here / name, folder / name)
    source = _plotly_js()
    target = folder / "plotly.min.js"
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        shutil.copyfile(source, target)


def _plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _board_page(env, board: Board, data: SiteData) -> str:
    rows = []
    for row in board.rows:
        paper = data.papers[row["paper_id"]]
        rows.append({**row, "paper": paper, "evidence": _evidence(row, paper["abstract"])})
    return env.get_template("board.html").render(root="../", board=board, rows=rows, chart=board.chart)


def _evidence(row: dict, abstract: str) -> list:
    """The row's sentence cut around its number, which is marked."""
    sentence = row["sentence"] or ""
    offset = sentence_offset(abstract, sentence, row["char_start"], row["char_end"])
    if offset is None:
        return segments(sentence, [])
    span = Span(row["char_start"] - offset, row["char_end"] - offset, row["kind"], row["result_id"])
    return segments(sentence, [span])


def _paper_page(env, paper_id: str, data: SiteData) -> str:
    paper = data.papers[paper_id]
    results = data.results_of.get(paper_id, [])
    claims = data.claims_of.get(paper_id, [])
    spans = [Span(r["char_start"], r["char_end"], r["kind"], r["result_id"], f"{r['kind']}: {r['metric'] or ''}")
             for r in results]
    spans += [Span(c["char_start"], c["char_end"], "claim", c["claim_id"], f"claim: {c['claim_type']}")
              for c in claims]
    return env.get_template("paper.html").render(
        root="../", paper=paper, results=results, claims=claims, rejected=data.rejected_of.get(paper_id, []),
        abstract=segments(paper["abstract"], spans), board_of=data.board_of)
