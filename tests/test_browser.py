"""The site in a real browser: headless Chromium over the DevTools protocol (tests/cdp.py).

Skipped, saying why, where no Chromium is installed (`.ci/run` installs Debian's
`chromium` with apt-get when it can). Screenshots of each page kind go to a
temporary folder, named in the test output (`-rA` shows it).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cdp import Browser, find_chromium
from extractor.site import build_site, paper_slug
from extractor.site_data import board_slug
from test_site import A, C, EVIL_TITLE, site_rows, write_run

CHART_DRAWN = "document.querySelectorAll('#chart svg.main-svg .scatterlayer .trace').length >= 2"
ALERTS = "window.__alerts = []; window.alert = (m) => window.__alerts.push(String(m));"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium on PATH (chromium, chromium-browser, google-chrome): "
                    "`apt-get install chromium` (.ci/run does it) to run the browser tests")
    pytest.importorskip("websocket", reason="websocket-client (a test dependency) drives Chromium")
    chrome = Browser.start(executable, tmp_path_factory.mktemp("chromium-profile"))
    chrome.send("Page.addScriptToEvaluateOnNewDocument", source=ALERTS)
    yield chrome
    chrome.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = write_run(tmp_path_factory.mktemp("browser-run"), site_rows())
    build_site(out, out / "site")
    return out / "site"


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"screenshots in {folder}")
    return folder


DETECTION = board_slug("Object Detection", "COCO test-dev", "AP")
PAGES = [
    ("index", "index.html", "document.querySelectorAll('#boards tbody tr').length > 0"),
    ("board", f"boards/{DETECTION}.html", CHART_DRAWN),
    ("paper", f"papers/{paper_slug(A['paper_id'])}.html", "document.getElementById('abstract') !== null"),
    ("quality", "quality.html", "true"),
]


@pytest.mark.parametrize("page,ready", [c[1:] for c in PAGES], ids=[c[0] for c in PAGES])
def test_page_loads_without_console_errors(browser, site, shots, page, ready):
    errors = browser.open((site / page).as_uri(), ready)
    name = page.split("/")[0].replace(".html", "")
    shot = browser.screenshot(shots / f"{name}.png")
    assert errors == []
    urls = browser.requested_urls()
    assert (site / page).as_uri() in urls  # requests are seen ...
    assert [u for u in urls if not u.startswith(("file://", "data:"))] == []  # ... and all are local files
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 1000


def test_index_lists_every_board_and_searches(browser, site):
    browser.open((site / "index.html").as_uri())
    rows = browser.evaluate("Array.from(document.querySelectorAll('#boards tbody tr'), r => r.cells[0].textContent)")
    assert sorted(rows) == ["Object Detection", "Pose Estimation"]
    shown = browser.evaluate("const box = document.getElementById('search'); box.value = 'pose';"
                             "box.dispatchEvent(new Event('input'));"
                             "Array.from(document.querySelectorAll('#boards tbody tr')).filter(r => !r.hidden).length")
    assert shown == 1


def test_index_sorts_by_a_column(browser, site):
    browser.open((site / "index.html").as_uri())
    order = browser.evaluate("const th = document.querySelectorAll('#boards th')[5]; th.click();"
                             "Array.from(document.querySelectorAll('#boards tbody tr'), r => r.cells[0].textContent)")
    assert order == ["Pose Estimation", "Object Detection"]  # best value, highest first: 76.5% before 55.1%


def test_board_table_and_chart(browser, site):
    browser.open((site / "boards" / f"{DETECTION}.html").as_uri(), CHART_DRAWN)
    ranked = browser.evaluate("Array.from(document.querySelectorAll('#ranking tbody tr'), "
                              "r => [r.dataset.resultId, r.querySelector('.value').textContent])")
    assert ranked == [["r-a", "55.1%"], ["r-c", "49.7%"]]
    points = browser.evaluate("document.querySelectorAll('#chart .scatterlayer .point').length")
    box = browser.evaluate("(() => { const b = document.querySelector('#chart svg.main-svg').getBBox();"
                           "return [b.width, b.height]; })()")
    assert points == 2 and min(box) > 50


def test_marked_span_is_the_rows_text(browser, site):
    browser.open((site / "boards" / f"{DETECTION}.html").as_uri(), CHART_DRAWN)
    pairs = browser.evaluate("Array.from(document.querySelectorAll('#ranking tbody tr'), "
                             "r => [r.querySelector('td.evidence mark').textContent, "
                             "r.querySelector('td.evidence').dataset.text])")
    texts = {r["result_id"]: r["text"] for r in site_rows()["results"]}
    assert pairs == [[texts["r-a"], texts["r-a"]], [texts["r-c"], texts["r-c"]]]


def test_script_in_a_title_shows_as_text(browser, site):
    for page in (f"papers/{paper_slug(A['paper_id'])}.html", f"boards/{DETECTION}.html"):
        assert browser.open((site / page).as_uri()) == []
        assert browser.evaluate("window.__alerts") == []
        shown = browser.evaluate("document.getElementById('title') ? document.getElementById('title').textContent"
                                 " : document.querySelector('#ranking td.paper a').textContent")
        assert shown == EVIL_TITLE
        assert browser.evaluate("Array.from(document.scripts).filter(s => !s.src && s.type !== "
                                "'application/json').length") == 0


def test_paper_page_marks_every_span_by_kind(browser, site):
    browser.open((site / "papers" / f"{paper_slug(A['paper_id'])}.html").as_uri())
    marks = browser.evaluate("Array.from(document.querySelectorAll('#abstract mark'), m => [m.className.trim(), "
                             "m.textContent])")
    assert marks == [["kind-score", "55.1"], ["kind-claim", "state-of-the-art"]]
    browser.open((site / "papers" / f"{paper_slug(C['paper_id'])}.html").as_uri())
    assert "results.value_in_bounds" in browser.evaluate("document.getElementById('rejected').textContent")


BROKEN = [
    ("console-error", '<script>console.error("boom")</script>', "boom"),
    ("uncaught-exception", "<script>noSuchFunction()</script>", "noSuchFunction"),
    ("missing-script", '<script src="no-such-file.js"></script>', "no-such-file.js"),
]


@pytest.mark.parametrize("body,expected", [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_console_check_sees_errors(browser, tmp_path, body, expected):
    """The check above can fail: a page with an error is reported."""
    page = tmp_path / "broken.html"
    page.write_text(f"<!doctype html><title>broken</title>{body}", encoding="utf-8")
    errors = browser.open(page.as_uri())
    assert any(expected in e for e in errors), errors
