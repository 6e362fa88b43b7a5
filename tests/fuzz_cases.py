"""The fuzz properties: strategies for hostile input and the checks every example must pass.

Shared by the bounded CI slice (tests/test_fuzz.py) and the long session
(`python -m tests.fuzz --minutes N`). A property is a strategy and a check;
the check raises (an assert or the crash itself) when an example breaks it.
"""
from __future__ import annotations

import gzip
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from hypothesis import strategies as st

import extractor
from extractor.pipeline import extract_batch, extract_paper
from extractor.readers import FORMATS, read_documents
from extractor.records import Document, Problem
from extractor.rules import load_rules

# Characters that have broken text pipelines: lone surrogates, controls, bidi and zero-width
# marks, combining marks, odd spaces and digits of other scripts, and LaTeX's specials.
NASTY = ["\ud800", "\udfff", "\x00", "\x1b", "\x7f", "\x85", "\u200e", "\u200f", "\u202e", "\u2066",
         "\u200b", "\ufeff", "\u00ad", "\u0301", "\u0308", "\u20dd", "\u2028", "\u00a0", "\u202f", "\u3000",
         "٣", "٫", "٪", "１", "．", "％", "७", "߀", "Ⅻ", "²", "½", "\\", "$", "{", "}", "^", "_", "~", "%",
         "±", "×", "−", "–", "≥", "…", "\n", "\r", "\t", "\"", ",", "<", "&"]
WORDS = ["accuracy", "top-1", "mIoU", "BLEU", "FID", "AUROC", "on", "ImageNet", "CIFAR-10", "COCO", "our",
         "model", "method", "outperforms", "state of the art", "parameters", "times faster", "fewer", "by",
         "improves", "reduces", "ResNet-50", "GPT-3", "than", "baseline", "with", "of", "reaches", "achieves",
         "from", "to", "about", "up to", "more than", "FPS", "ms", "GB", "hours", "images", "tokens", "%", "x"]


def characters() -> st.SearchStrategy[str]:
    """Any code point, surrogates and controls included, with the nasty ones drawn often."""
    return st.one_of(st.characters(exclude_categories=()), st.sampled_from(NASTY))


def unicode_text(max_size: int) -> st.SearchStrategy[str]:
    """Text of any code points (a list joined: st.text leaves out surrogates whatever its alphabet)."""
    return st.lists(characters(), max_size=max_size).map("".join)


def number_text(max_run: int) -> st.SearchStrategy[str]:
    """Text a number grammar may choke on, in runs up to `max_run` long, among result words."""
    runs = st.integers(1, max_run)
    exponents = st.one_of(st.integers(-999, 999), st.integers(-10**6, 10**6))  # three digits: what the grammar reads
    fragments = st.one_of(
        runs.map(lambda n: "9" * n),                                     # long digit runs
        runs.map(lambda n: "1," * n),                                    # comma runs
        runs.map(lambda n: "1" + ",000" * n),                            # thousands runs
        runs.map(lambda n: "1-" * n),                                    # range runs
        exponents.map(lambda e: f"1e{e}"),                               # 1e99999
        exponents.map(lambda e: f"10^{{{e}}}"),                          # 10^{999999}
        exponents.map(lambda e: f"4.5 x 10^{e}"),
        st.tuples(st.integers(1, max_run), st.sampled_from("([{")).map(  # deep (and unbalanced) brackets
            lambda t: t[1] * t[0] + "81.2%" + {"(": ")", "[": "]", "{": "}"}[t[1]] * (t[0] // 2)),
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
        st.floats().map(repr),                                           # inf, nan, 1e+300
        st.sampled_from(["٨١٫٢٪", "８１．２％", "९९.५%", "81.2 ± 0.3%", "2-6x", "120M to 13B", "1/0", "0/0",
                         "1.2.3.4", "10 000 000", "$10^{19}$", r"\times 10^{3}", "95.8 pm 1.2", "v2", "1e"]),
        st.sampled_from(WORDS),
        st.sampled_from(NASTY),
    )
    joiners = st.sampled_from([" ", "", ", ", ". ", " (", ") ", "\n", "% ", "-"])
    return st.lists(st.tuples(fragments, joiners), max_size=12).map(lambda parts: "".join(a + b for a, b in parts))


def json_values(max_leaves: int) -> st.SearchStrategy:
    """Any JSON value; strings of any code point (a lone surrogate is valid JSON as an escape)."""
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), unicode_text(60), number_text(50))
    keys = st.one_of(st.sampled_from(["abstract", "summary", "text", "title", "id", "arxiv_id", "comments",
                                      "published", "journal-ref", "versions", "created", "update_date"]),
                     unicode_text(8))
    return st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=6)),
                        max_leaves=max_leaves)


def records(max_leaves: int) -> st.SearchStrategy[dict]:
    """Objects that look like records: an abstract (often text) among arbitrary fields."""
    abstract = st.one_of(number_text(50), unicode_text(200), json_values(4))
    return st.fixed_dictionaries({"abstract": abstract},
                                 optional={"title": json_values(3), "id": json_values(2),
                                           "comments": json_values(3), "versions": json_values(4),
                                           "published": json_values(2)})


@dataclass(frozen=True)
class InputFile:
    """Bytes to read, the file name's ending and the format forced (None: detected)."""

    data: bytes
    ending: str
    fmt: str | None


def _jsonl(rows: list) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode("utf-8")


def _csv(rows: list[list[str]]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "abstract"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


def _atom(texts: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    entries = "".join(f"<entry><id>http://arxiv.org/abs/2301.0000{i}v1</id><summary>{escape(t)}</summary></entry>"
                      for i, t in enumerate(texts))
    return f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'.encode("utf-8", "surrogatepass")


def _parquet(texts: list[str]) -> bytes:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.table({"abstract": [t.encode("utf-8", "replace").decode("utf-8") for t in texts]}), sink)
    return sink.getvalue()


def input_files(max_leaves: int) -> st.SearchStrategy[InputFile]:
    """Arbitrary bytes, and arbitrary structure in every format, as files; sometimes gzipped or cut short."""
    texts = st.lists(st.one_of(number_text(40), unicode_text(120)), max_size=5)
    contents = st.one_of(
        st.tuples(st.binary(max_size=600), st.sampled_from([".txt", ".jsonl", ".json", ".csv", ".tsv", ".xml",
                                                           ".parquet", ""])),
        st.tuples(unicode_text(400).map(lambda t: t.encode("utf-8", "surrogatepass")), st.sampled_from([".txt", ".csv"])),
        st.tuples(st.lists(st.one_of(records(max_leaves), json_values(max_leaves)), max_size=5).map(_jsonl),
                  st.just(".jsonl")),
        st.tuples(json_values(max_leaves).map(lambda v: json.dumps(v).encode()), st.just(".json")),
        st.tuples(st.lists(st.lists(unicode_text(80), max_size=3), max_size=4).map(_csv), st.just(".csv")),
        st.tuples(texts.map(_atom), st.just(".xml")),
        st.tuples(texts.map(_parquet), st.just(".parquet")),
    )
    wrapped = st.tuples(contents, st.sampled_from(["plain", "plain", "gzip", "cut-gzip"])).map(_wrap)
    return st.tuples(wrapped, st.sampled_from((None,) * 4 + FORMATS)).map(
        lambda t: InputFile(t[0][0], t[0][1], t[1]))


def _wrap(item: tuple[tuple[bytes, str], str]) -> tuple[bytes, str]:
    (data, ending), how = item
    if how == "plain":
        return data, ending
    packed = gzip.compress(data, mtime=0)
    return (packed if how == "gzip" else packed[: len(packed) // 2]), ending + ".gz"


# ---------------------------------------------------------------- the checks

def check_extract(text: str) -> None:
    """Nothing raises; every span is exact; ids and rows are the same on a second run."""
    rules = load_rules()
    doc = Document(text=text, source="<fuzz>", source_format="text", doc_index=0)
    extraction = extract_paper(doc, rules)
    abstract = extraction.paper.abstract
    abstract.encode("utf-8")  # no surrogate left: the tables can be written
    for row in (*extraction.results, *extraction.claims):
        assert abstract[row.char_start:row.char_end] == row.text, row
    assert extractor.extract(text) == list(extraction.results)  # the API, and deterministic: same ids, values
    batch = extract_batch([doc])
    assert batch.failures == (), batch.failures  # the per-paper catch is a net, not the normal path


def check_read(item: InputFile) -> None:
    """Every reader takes any bytes: Documents and Problems only, and what it reads extracts."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{item.ending}"
        path.write_bytes(item.data)
        found = list(read_documents([str(path)], item.fmt))
    assert all(isinstance(x, (Document, Problem)) for x in found)
    docs = [x for x in found if isinstance(x, Document)]
    for doc in docs:
        assert isinstance(doc.text, str) and doc.text.strip(), doc
    for problem in found:
        if isinstance(problem, Problem):
            str(problem).encode("utf-8", "surrogatepass")
    if docs:
        batch = extract_batch(docs[:5])
        assert batch.failures == (), batch.failures


@dataclass(frozen=True)
class Property:
    """A check over a strategy made at one of two sizes: `ci` (a bounded slice) or `long`."""

    name: str
    strategy: Callable[[int], st.SearchStrategy]
    check: Callable[[object], None]
    ci: int
    long: int


PROPERTIES = (
    Property("extract-unicode", unicode_text, check_extract, ci=300, long=5000),
    Property("extract-number-text", number_text, check_extract, ci=500, long=20_000),
    Property("read-any-input", input_files, check_read, ci=8, long=30),
)
