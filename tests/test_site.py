"""The static site: files, escaping, boards split by task, evidence marks, chart data (no browser here;
tests/test_browser.py opens the pages in Chromium)."""
from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.highlight import Span, segments, sentence_offset
from extractor.records import SCHEMAS
from extractor.site import build_site, paper_slug, script_json
from extractor.site_data import board_slug, chart_data
from test_quality import claim, make_tables, paper, result

EVIL_TITLE = 'Detecting <script>alert("x")</script> & "boxes"'
A = paper("arXiv:2104.00298", "Our DetNet reaches 55.1 AP on COCO test-dev, a state-of-the-art result.",
          title=EVIL_TITLE, arxiv_id="2104.00298", published=datetime.date(2021, 4, 1), published_from="arxiv_id",
          task="Object Detection")
B = paper("arXiv:2001.00001", "PoseNet gets 76.5 AP on COCO test-dev.", title="Pose & more", arxiv_id="2001.00001",
          published=datetime.date(2020, 1, 15), published_from="source", task="Pose Estimation")
C = paper("sha1:0c0c0c0c0c0c", "RetinaDet gets 0.497 AP on COCO test-dev and 99.9 AP on nothing.", title=None,
          published=datetime.date(2019, 5, 1), published_from="source", task="Object Detection")


def site_rows() -> dict[str, list[dict]]:
    coco = {"kind": "score", "metric": "AP", "dataset": "COCO test-dev"}
    return {
        "papers": [A, B, C],
        "results": [
            result("r-a", A, "55.1", coco["kind"], 55.1, "", metric="AP", dataset="COCO test-dev", method="DetNet",
                   is_proposed=True, task="Object Detection", value_norm=55.1, unit_norm="%"),
            result("r-b", B, "76.5", "score", 76.5, "", metric="AP", dataset="COCO test-dev", method="PoseNet",
                   is_proposed=True, task="Pose Estimation", value_norm=76.5, unit_norm="%"),
            result("r-c", C, "0.497", "score", 0.497, "", metric="AP", dataset="COCO test-dev", method="RetinaDet",
                   is_proposed=False, task="Object Detection", value_norm=49.7, unit_norm="%"),
        ],
        "claims": [claim("c-a", A, "state-of-the-art", "sota", method="DetNet")],
    }


def write_run(folder: Path, rows: dict[str, list[dict]]) -> Path:
    """The tables of a run, written as `extractor run` would (with a rejected row and quality.json)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in make_tables(rows["papers"], rows["results"], rows["claims"]).items():
        pq.write_table(table, folder / f"{name}.parquet")
    rejected = [{"table": "results", "row_id": "r-x", "paper_id": C["paper_id"], "reasons": ["results.value_in_bounds"],
                 "row": json.dumps({"text": "99.9", "kind": "score"})}]
    pq.write_table(pa.Table.from_pylist(rejected, schema=SCHEMAS["rejected"]), folder / "rejected.parquet")
    report = {"ok": True, "created": "2026-01-01T00:00:00Z", "inputs": ["test"], "rules_hash": "x",
              "counts": {"papers": 3}, "expectations": [], "input_errors": [], "timing": {}, "versions": {}}
    (folder / "quality.json").write_text(json.dumps(report), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = write_run(tmp_path_factory.mktemp("site-run"), site_rows())
    build_site(out, out / "site")
    return out / "site"


class Page(HTMLParser):
    """The text of the elements a test looks at: every <mark>, table rows, the <title>, scripts and links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[dict, str]] = []
        self.rows: list[dict] = []
        self.title, self.scripts, self.links = "", [], []
        self._stack: list[tuple[str, dict]] = []
        self._texts: list[list[str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("mark", "title", "tr", "script", "h1"):
            self._stack.append((tag, attrs))
            self._texts.append([])
        if tag == "script":
            self.scripts.append(attrs)
        if tag in ("a", "link"):
            self.links.append(attrs.get("href"))

    def handle_data(self, data):
        for texts in self._texts:
            texts.append(data)

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1][0] == tag:
            _, attrs = self._stack.pop()
            text = "".join(self._texts.pop())
            if tag == "mark":
                self.marks.append((attrs, text))
            elif tag == "tr":
                self.rows.append({**attrs, "text": text})
            elif tag == "title":
                self.title = text
            elif tag == "h1":
                self.h1 = text
            elif tag == "script" and self.scripts:
                self.scripts[-1]["text"] = text


def read(site: Path, *parts: str) -> str:
    return site.joinpath(*parts).read_text(encoding="utf-8")


def boards(site: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in (site / "boards").glob("*.html")}


def test_files(site):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "quality.html", "assets/site.css", "assets/site.js", "assets/plotly.min.js"} <= names
    assert {f"papers/{paper_slug(p['paper_id'])}.html" for p in (A, B, C)} <= names
    assert len([n for n in names if n.startswith("boards/")]) == 2


def test_boards_split_by_task(site):
    index = Page(read(site, "index.html"))
    cells = sorted(r["text"].split("\n")[1:4] for r in index.rows[1:])
    assert [c[0] for c in cells] == ["Object Detection", "Pose Estimation"]
    detection = Page(boards(site)[board_slug("Object Detection", "COCO test-dev", "AP")])
    assert [r["data-result-id"] for r in detection.rows if "data-result-id" in r] == ["r-a", "r-c"]


def test_values_are_value_norm_with_unit(site):
    page = Page(boards(site)[board_slug("Object Detection", "COCO test-dev", "AP")])
    ranked = [r["text"] for r in page.rows if "data-result-id" in r]
    assert "55.1%" in ranked[0] and "49.7%" in ranked[1] and "0.497" not in ranked[1].split("gets")[0]


def test_no_network_reference(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert not [s for s in sources if re.match(r"(?:https?:)?//", s) and "arxiv.org/abs/" not in s], path


SPANS = [("board", "boards"), ("paper", "papers")]


@pytest.mark.parametrize("folder", [c[1] for c in SPANS], ids=[c[0] for c in SPANS])
def test_marked_text_is_the_rows_text(site, folder):
    texts = {r["result_id"]: r["text"] for r in site_rows()["results"]} | {"c-a": "state-of-the-art"}
    marks = [m for p in (site / folder).glob("*.html") for m in Page(p.read_text(encoding="utf-8")).marks
             if m[0].get("data-ids")]
    assert marks and all(texts[attrs["data-ids"]] == text for attrs, text in marks if attrs["data-ids"] in texts)
    assert {a["data-ids"] for a, _ in marks} >= ({"r-a", "r-c"} if folder == "boards" else {"r-a", "c-a"})


ESCAPES = [("board", "boards"), ("paper", "papers"), ("index", "")]


@pytest.mark.parametrize("folder", [c[1] for c in ESCAPES], ids=[c[0] for c in ESCAPES])
def test_titles_are_text(site, folder):
    pages = [site / "index.html"] if not folder else list((site / folder).glob("*.html"))
    html = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "<script>alert" not in html
    if folder:
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;boxes&#34;" in html


def test_paper_page_title_reads_as_written(site):
    page = Page(read(site, "papers", f"{paper_slug(A['paper_id'])}.html"))
    assert page.h1 == EVIL_TITLE
    assert not [s for s in page.scripts if "src" not in s]  # no inline script on a paper page


def test_paper_page_links_arxiv_and_lists_rejected(site):
    html = read(site, "papers", f"{paper_slug(C['paper_id'])}.html")
    assert "results.value_in_bounds" in html and "arxiv.org" not in html
    assert "https://arxiv.org/abs/2104.00298" in read(site, "papers", f"{paper_slug(A['paper_id'])}.html")


def test_chart_data_is_json_inside_the_page(site):
    page = Page(boards(site)[board_slug("Object Detection", "COCO test-dev", "AP")])
    data = json.loads(next(s["text"] for s in page.scripts if s.get("id") == "chart-data"))
    assert data["chart"]["points"]["x"] == ["2019-05-01", "2021-04-01"]
    assert data["chart"]["best"] == {"x": ["2019-05-01", "2021-04-01"], "y": [49.7, 55.1]}
    assert "&lt;script&gt;" in data["chart"]["points"]["text"][1]


STEPS = [
    ("higher-better", "higher", [("2020-01-01", 1.0), ("2020-02-01", 3.0), ("2020-03-01", 2.0)],
     {"x": ["2020-01-01", "2020-02-01", "2020-03-01"], "y": [1.0, 3.0, 3.0]}),
    ("lower-better", "lower", [("2020-01-01", 5.0), ("2020-02-01", 6.0), ("2020-03-01", 4.0)],
     {"x": ["2020-01-01", "2020-03-01"], "y": [5.0, 4.0]}),
    ("undated-left-out", "higher", [(None, 9.0), ("2020-01-01", 1.0)], {"x": ["2020-01-01"], "y": [1.0]}),
]


@pytest.mark.parametrize("better,points,expected", [c[1:] for c in STEPS], ids=[c[0] for c in STEPS])
def test_best_so_far_steps(better, points, expected):
    rows = [{"date": d, "score": v, "rank": i, "method": "m", "role": "", "value": str(v), "title": "t",
             "paper_id": "p", "date_shown": d or ""} for i, (d, v) in enumerate(points)]
    assert chart_data(rows, better)["best"] == expected


SCRIPT_JSON = [
    ("closing-tag", "</script><script>x()</script>"),
    ("comment", "<!-- x"),
    ("ampersand", "a & b"),
]


@pytest.mark.parametrize("text", [c[1] for c in SCRIPT_JSON], ids=[c[0] for c in SCRIPT_JSON])
def test_script_json_cannot_end_the_script(text):
    out = str(script_json({"t": text}))
    assert "<" not in out and ">" not in out and "&" not in out and json.loads(out) == {"t": text}


SEGMENTS = [
    ("plain", "abc", [], [("abc", "")]),
    ("one", "a 55.1 AP", [Span(2, 6, "score", "r")], [("a ", ""), ("55.1", "r"), (" AP", "")]),
    ("nested", "SOTA 9 x", [Span(0, 8, "claim", "c"), Span(5, 6, "score", "r")],
     [("SOTA ", "c"), ("9", "c r"), (" x", "c")]),
    ("outside-dropped", "ab", [Span(1, 9, "score", "r")], [("ab", "")]),
]


@pytest.mark.parametrize("text,spans,expected", [c[1:] for c in SEGMENTS], ids=[c[0] for c in SEGMENTS])
def test_segments(text, spans, expected):
    assert [(s.text, s.ids) for s in segments(text, spans)] == expected


OFFSETS = [
    ("first-sentence", "A 1. B 2.", "A 1.", 2, 3, 0),
    ("repeated-sentence", "X 1. X 1.", "X 1.", 7, 8, 5),
    ("not-there", "A 1.", "Z 1.", 2, 3, None),
]


@pytest.mark.parametrize("abstract,sentence,start,end,expected", [c[1:] for c in OFFSETS],
                         ids=[c[0] for c in OFFSETS])
def test_sentence_offset(abstract, sentence, start, end, expected):
    assert sentence_offset(abstract, sentence, start, end) == expected


def test_site_command(tmp_path, capsys):
    from extractor.cli import main

    out = write_run(tmp_path / "out", site_rows())
    assert main(["site", str(out), "-o", str(tmp_path / "web")]) == 0
    assert (tmp_path / "web" / "index.html").is_file()
    assert "2 boards, 3 papers" in capsys.readouterr().err


# ---------------------------------------------------------------- the Papers-with-Code abstracts

@pytest.fixture(scope="module")
def pwc_site(shared, tmp_path_factory) -> Path:
    from extractor.pipeline import run

    out = tmp_path_factory.mktemp("pwc-out")
    run([str(shared / "eval" / "pwc")], out, jobs=1)
    build_site(out, out / "site")
    return out


@pytest.mark.shared
@pytest.mark.slow
def test_pwc_boards_do_not_mix_tasks(pwc_site):
    from extractor.site_data import load_site_data

    data = load_site_data(pwc_site)
    coco = {b.task: b for b in data.boards if (b.dataset, b.metric) == ("COCO test-dev", "AP")}
    assert "Object Detection" in coco and {"Pose Estimation", "Multi-Person Pose Estimation"} & set(coco)
    titles = [(r["title"] or "").casefold() for r in coco["Object Detection"].rows]
    assert titles and not [t for t in titles if "pose" in t]
    assert len(list((pwc_site / "site" / "boards").glob("*.html"))) == len(data.boards)


@pytest.mark.shared
@pytest.mark.slow
def test_pwc_papers_are_dated(pwc_site):
    papers = pq.read_table(pwc_site / "papers.parquet", columns=["published", "published_from"]).to_pandas()
    assert papers["published"].notna().mean() >= 0.95
    assert set(papers["published_from"].dropna()) <= {"source", "arxiv_id"}


def test_rows_of_unknown_papers_are_left_out(tmp_path):
    rows = site_rows()
    rows["results"].append(result("r-z", C, "99.9", "score", 99.9, "", metric="AP", dataset="COCO test-dev",
                                  task="Object Detection"))
    rows["results"][-1]["paper_id"] = "arXiv:9999.99999"
    out = write_run(tmp_path / "out", rows)
    summary = build_site(out, tmp_path / "web")
    html = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "web" / "boards").glob("*.html"))
    assert summary.boards == 2 and "r-z" not in html and "r-a" in html


REPORTS = [
    ("none", None, False),
    ("other-shape", {"ok": True}, False),
    ("a-report", "written", True),
]


@pytest.mark.parametrize("report,linked", [c[1:] for c in REPORTS], ids=[c[0] for c in REPORTS])
def test_quality_page_only_for_a_readable_report(tmp_path, report, linked):
    out = write_run(tmp_path / "out", site_rows())
    if report is None:
        (out / "quality.json").unlink()
    elif report != "written":
        (out / "quality.json").write_text(json.dumps(report), encoding="utf-8")
    build_site(out, tmp_path / "web")
    assert (tmp_path / "web" / "quality.html").is_file() == linked
    assert ('href="quality.html"' in read(tmp_path / "web", "index.html")) == linked


def test_a_rebuild_drops_pages_that_are_gone(tmp_path):
    out = write_run(tmp_path / "out", site_rows())
    build_site(out, tmp_path / "web")
    rows = site_rows()
    rows["results"] = rows["results"][:1]  # the pose board is gone
    (write_run(out, rows) / "quality.json").unlink()
    build_site(out, tmp_path / "web")
    assert [p.stem for p in (tmp_path / "web" / "boards").glob("*.html")] == [
        board_slug("Object Detection", "COCO test-dev", "AP")]
    assert not (tmp_path / "web" / "quality.html").exists()
