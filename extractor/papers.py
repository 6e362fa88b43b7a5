"""From a Document as read to a Paper: normalized abstract, ids, venue, year, date, links."""
from __future__ import annotations

import hashlib
from datetime import date
from email.utils import parsedate_to_datetime

import re

from .records import Document, Paper
from .rules import Lexicon
from .text import normalize, without_surrogates

_ID_VERSION = re.compile(r"""
    ^(?P<id>.+?)(?P<version>v\d+)?$   # 2303.01742v2 -> 2303.01742, v2
    """, re.VERBOSE)
_YEAR = re.compile(r"""
    (?<![\d.])(?:'|’)?(?P<year>(?:19|20)\d{2})(?![\d.])   # a four-digit year, not part of a longer number
    """, re.VERBOSE)
_GLUED_YEAR = re.compile(r"""
    (?<=[A-Za-z])(?P<year>(?:19|20)\d{2})\b   # CVPR2023, COLING2022
    """, re.VERBOSE)
_ISO_DATE = re.compile(r"""
    (?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})   # 2023-03-03, also the start of a timestamp
    """, re.VERBOSE)
_NEW_STYLE_ID = re.compile(r"""
    ^(?P<yy>\d{2})(?P<mm>0[1-9]|1[0-2])   # YYMM: the month the id was given (since April 2007)
    \.\d{4,5}$                           # a dot and the sequence number
    """, re.VERBOSE)
_URL = re.compile(r"""
    (?:https?://|//(?<![\w/]//)|www\.)        # a scheme, a bare // (a lost https:; looked behind after it,
                                              # so that every branch starts with a literal) or www.
    [\w.-]+\.[a-z]{2,}                        # the host
    (?:/[^\s<>"'()\[\]{},;]*[^\s<>"'()\[\]{},;.:!?])?  # the path, not ending in punctuation
    """, re.VERBOSE | re.IGNORECASE)


def to_paper(doc: Document, venues: Lexicon) -> Paper:
    """Normalize the text and parse what the metadata says."""
    abstract = normalize(doc.text)
    arxiv_id, version = _split_version(doc.arxiv_id)
    comments = normalize(doc.comments) if doc.comments else None
    venue, year = parse_venue((comments or "") + " ; " + (doc.journal_ref or ""), venues)
    published, published_from = published_date(doc.published, arxiv_id)
    return Paper(
        paper_id=paper_id_for(abstract, arxiv_id),
        abstract=abstract,
        source=without_surrogates(doc.source),  # a file name read with surrogateescape
        source_format=doc.source_format,
        doc_index=doc.doc_index,
        arxiv_id=arxiv_id,
        arxiv_version=version,
        title=normalize(doc.title) if doc.title else None,
        comments=comments,
        venue=venue,
        year=year,
        published=published,
        code_urls=find_urls(abstract),
        published_from=published_from,
    )


def paper_id_for(abstract: str, arxiv_id: str | None) -> str:
    """`arXiv:ID` when the input names one, else `sha1:` + 12 hex of the normalized abstract."""
    if arxiv_id:
        return f"arXiv:{arxiv_id}"
    return "sha1:" + hashlib.sha1(abstract.encode("utf-8")).hexdigest()[:12]


def _split_version(arxiv_id: str | None) -> tuple[str | None, str | None]:
    if not arxiv_id:
        return None, None
    m = _ID_VERSION.match(arxiv_id)
    return m.group("id"), m.group("version")


def parse_venue(comments: str, venues: Lexicon) -> tuple[str | None, int | None]:
    """(`ICASSP`, 2023) from `To appear in ICASSP 2023`, `Accepted by CVPR2023`, ..."""
    mentions = venues.find(_GLUED_YEAR.sub(r" \g<year>", comments)) if comments.strip(" ;") else []
    venue = mentions[0].entry.canonical if mentions else None
    years = [int(m.group("year")) for m in _YEAR.finditer(comments)]
    years += [int(m.group("year")) for m in _GLUED_YEAR.finditer(comments)]
    return venue, (years[0] if years and (venue or len(set(years)) == 1) else None)


def parse_date(value: str | None) -> date | None:
    """A date from ISO text, an RFC 2822 stamp (`Mon, 2 Apr 2007 19:18:42 GMT`) or None."""
    if not value:
        return None
    m = _ISO_DATE.search(value)
    try:
        if m:
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def published_date(value: str | None, arxiv_id: str | None) -> tuple[date | None, str | None]:
    """The input's date (`source`), else the first of the month a new-style arXiv id was given
    (`2104.00298` -> 2021-04-01, `arxiv_id`), else None."""
    parsed = parse_date(value)
    if parsed is not None:
        return parsed, "source"
    month = arxiv_month(arxiv_id)
    return (month, "arxiv_id") if month is not None else (None, None)


def arxiv_month(arxiv_id: str | None) -> date | None:
    """The month of a new-style arXiv id (YYMM.NNNN or YYMM.NNNNN) as its first day; None for others."""
    m = _NEW_STYLE_ID.match(arxiv_id) if arxiv_id else None
    if m is None:
        return None
    year = 2000 + int(m.group("yy"))
    return date(year, int(m.group("mm")), 1) if (year, int(m.group("mm"))) >= (2007, 4) else None


def find_urls(text: str) -> tuple[str, ...]:
    """Repository and project links in the text, in order, each once."""
    if "//" not in text and "www." not in text.casefold():
        return ()  # every link has a // or a www.: most texts are done without the regex
    seen: dict[str, None] = {}
    for m in _URL.finditer(text):
        url = m.group()
        if url.startswith("//"):
            url = "https:" + url
        elif url.lower().startswith("www."):
            url = "https://" + url
        seen.setdefault(url, None)
    return tuple(seen)

