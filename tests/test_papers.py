"""Paper metadata read from the text: links and venues, tables of real phrasings."""
from __future__ import annotations

import pytest

from extractor.papers import find_urls, parse_venue
from extractor.rules import load_rules

LINKS = [
    ("https", "Code: https://github.com/a/b.", ("https://github.com/a/b",)),
    ("bare-slashes-and-www", "see //github.com/x/y, and www.example.org/page",
     ("https://github.com/x/y", "https://www.example.org/page")),
    ("double-slash-in-path", "at http://a.io/x//y?", ("http://a.io/x//y",)),
    ("bare-after-slash-space", "a/ //x.com", ("https://x.com",)),
    ("slashes-inside-a-word", "path a//b.com here", ()),
    ("upper-case", "HTTPS://GitHub.com/A/B", ("HTTPS://GitHub.com/A/B",)),
    ("www-in-brackets", "(WWW.site.org)", ("https://WWW.site.org",)),
    ("each-once", "https://x.org/a and again https://x.org/a", ("https://x.org/a",)),
    ("none", "no link here, 3/4 of the time", ()),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in LINKS], ids=[c[0] for c in LINKS])
def test_find_urls(text, expected):
    assert find_urls(text) == expected


VENUES = [
    ("glued-year", "Accepted by CVPR2023", ("CVPR", 2023)),
    ("to-appear", "To appear in ICASSP 2023", ("ICASSP", 2023)),
    ("no-venue", "12 pages, 3 figures", (None, None)),
]


@pytest.mark.parametrize("comments,expected", [c[1:] for c in VENUES], ids=[c[0] for c in VENUES])
def test_parse_venue(comments, expected):
    assert parse_venue(comments, load_rules(None).venues) == expected
