"""Every input format from fixtures written here, every bad-input case, and the seed pages."""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.readers import read_documents
from extractor.records import Document, Problem

ABSTRACT_A = ("We propose TinyNet, a small convolutional network that reaches 76.1% top-1 accuracy on "
              "ImageNet with 5M parameters, which is 2x fewer than MobileNetV2, and we release code.")
ABSTRACT_B = ("Speech recognition for children is hard. We collect a corpus of 310 hours of speech and "
              "show that a fine-tuned model reaches a word error rate of 12.7% on it, half that of Whisper.")


def docs_and_problems(*inputs, **kw):
    items = list(read_documents([str(i) for i in inputs], **kw))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


def write(path: Path, data) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


JSONL = json.dumps({"arxiv_id": "2303.01742v2", "title": "T", "abstract": ABSTRACT_A}) + "\n" + \
    json.dumps({"id": "2210.09934", "summary": ABSTRACT_B, "comments": "Published at COLING2022"}) + "\n"


FORMAT_CASES = [
    ("jsonl", "a.jsonl", JSONL, "jsonl"),
    ("jsonl-sniffed", "a.txt", JSONL, "jsonl"),
    ("json-array", "a.json", json.dumps([{"abstract": ABSTRACT_A}, {"text": ABSTRACT_B}]), "json"),
    ("json-object", "a.json", json.dumps({"papers": [{"abstract": ABSTRACT_A}, {"abstract": ABSTRACT_B}]}), "json"),
    ("csv", "a.csv", f'id,title,abstract\n2303.01742,T,"{ABSTRACT_A}"\n2210.09934,U,"{ABSTRACT_B}"\n', "csv"),
    ("tsv", "a.tsv", f"title\tsummary\nT\t{ABSTRACT_A}\nU\t{ABSTRACT_B}\n", "tsv"),
    ("lines", "a.txt", f"{ABSTRACT_A}\n{ABSTRACT_B}\n", "lines"),
    ("listing", "a.txt", f"{ABSTRACT_A}\n\n6 pages, 5 figures\n\narXiv:2303.01742\nCreated: 2023-03-03\n\n"
                         f"{ABSTRACT_B}\n\narXiv:2210.09934\nCreated: 2022-10-18\n", "listing"),
    ("listing-glued", "a.txt", f"{ABSTRACT_A}\nAccepted by CVPR2023\narXiv:2303.01742{ABSTRACT_B}\narXiv:2210.09934", "listing"),
    ("profile", "a.txt", f"Department of Things\n\n\nAbstract:{ABSTRACT_A}\n\n\n\nAbstract:{ABSTRACT_B}\n", "profile"),
    ("papers", "a.txt", f"new\n\nSubscribe\n\nMar 11\n\nTiny Title\n\n{ABSTRACT_A}\n\nOther Title: Sub\n\n{ABSTRACT_B}\n", "papers"),
    ("atom", "a.xml", f"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
<entry><id>http://arxiv.org/abs/2303.01742v1</id><title>T</title><summary>{ABSTRACT_A}</summary>
<arxiv:comment>To appear in ICASSP 2023</arxiv:comment><published>2023-03-03T00:00:00Z</published></entry>
<entry><id>http://arxiv.org/abs/2210.09934v2</id><title>U</title><summary>{ABSTRACT_B}</summary></entry></feed>""", "atom"),
]


@pytest.mark.parametrize("name,content,fmt", [c[1:] for c in FORMAT_CASES], ids=[c[0] for c in FORMAT_CASES])
def test_each_format_reads_two_abstracts(tmp_path, name, content, fmt):
    docs, problems = docs_and_problems(write(tmp_path / name, content))
    assert problems == []
    assert [d.source_format for d in docs] == [fmt, fmt]
    assert "TinyNet" in docs[0].text and "children" in docs[1].text


def test_parquet(tmp_path):
    pq.write_table(pa.table({"title": ["T", "U"], "abstract": [ABSTRACT_A, ABSTRACT_B]}), tmp_path / "a.parquet")
    docs, problems = docs_and_problems(tmp_path / "a.parquet")
    assert problems == [] and len(docs) == 2 and docs[0].title == "T"


@pytest.mark.parametrize("suffix,pack", [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
                         ids=["gzip", "bz2", "xz"])
def test_compressed(tmp_path, suffix, pack):
    docs, problems = docs_and_problems(write(tmp_path / f"a.jsonl{suffix}", pack(JSONL.encode())))
    assert problems == [] and len(docs) == 2


def test_compressed_without_ending_is_sniffed(tmp_path):
    docs, problems = docs_and_problems(write(tmp_path / "a.data", gzip.compress(JSONL.encode())))
    assert problems == [] and len(docs) == 2


def test_metadata_snapshot_fields(tmp_path):
    record = {"id": "0704.0001", "title": "T", "abstract": ABSTRACT_A, "comments": "37 pages",
              "journal-ref": "Phys. Rev. D76:013009,2007",
              "versions": [{"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"},
                           {"version": "v2", "created": "Tue, 24 Jul 2007 20:10:27 GMT"}],
              "update_date": "2008-11-13"}
    docs, _ = docs_and_problems(write(tmp_path / "snap.jsonl", json.dumps(record) + "\n"))
    assert docs[0].arxiv_id == "0704.0001" and docs[0].journal_ref.startswith("Phys.")
    assert docs[0].published.startswith("Mon, 2 Apr 2007")


def test_abstract_column_option(tmp_path):
    path = write(tmp_path / "a.csv", f'paper,body\nX,"{ABSTRACT_A}"\n')
    docs, problems = docs_and_problems(path, abstract_column="body")
    assert len(docs) == 1 and problems == []


def test_folder_is_recursive_and_skips_other_files(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.jsonl", JSONL)
    write(tmp_path / "README.md", "# not an abstract file\n" + ABSTRACT_A)
    docs, problems = docs_and_problems(tmp_path)
    assert len(docs) == 2 and problems == []


def test_glob(tmp_path):
    write(tmp_path / "a.jsonl", JSONL)
    write(tmp_path / "b.jsonl", JSONL)
    docs, _ = docs_and_problems(tmp_path / "*.jsonl")
    assert len(docs) == 4


# --- bad input: one clear problem naming the file (and line), the rest goes on

def test_missing_path(tmp_path):
    docs, problems = docs_and_problems(tmp_path / "nope.jsonl", write(tmp_path / "a.jsonl", JSONL))
    assert len(docs) == 2
    assert len(problems) == 1 and "nope.jsonl" in str(problems[0]) and "no such file" in problems[0].message


def test_empty_file(tmp_path):
    docs, problems = docs_and_problems(write(tmp_path / "empty.txt", b""))
    assert docs == [] and "empty" in problems[0].message


def test_binary_file(tmp_path):
    docs, problems = docs_and_problems(write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20))
    assert docs == [] and "binary" in problems[0].message and "image.txt" in str(problems[0])


def test_cp1252_falls_back_with_warning(tmp_path):
    text = ABSTRACT_A.replace("small", "na\xefve small") + "\n"
    docs, problems = docs_and_problems(write(tmp_path / "old.txt", text.encode("cp1252")))
    assert len(docs) == 1 and "naïve" in docs[0].text
    assert problems[0].severity == "warning" and "cp1252" in problems[0].message


def test_broken_json_line_among_good_ones(tmp_path):
    good = json.dumps({"abstract": ABSTRACT_A})
    docs, problems = docs_and_problems(write(tmp_path / "a.jsonl", f"{good}\n{{\"abstract\": \"cut off\n{good}\n"))
    assert len(docs) == 2
    assert len(problems) == 1 and problems[0].line == 2 and "a.jsonl:2" in str(problems[0])


def test_record_without_abstract(tmp_path):
    docs, problems = docs_and_problems(write(tmp_path / "a.jsonl", json.dumps({"title": "x"}) + "\n" + JSONL))
    assert len(docs) == 2 and problems[0].line == 1 and "abstract" in problems[0].message


def test_csv_without_abstract_column(tmp_path):
    docs, problems = docs_and_problems(write(tmp_path / "a.csv", "title,year\nT,2020\n"))
    assert docs == [] and "no abstract column" in problems[0].message and "--abstract-column" in problems[0].message


def test_truncated_archive_keeps_what_it_can(tmp_path):
    lines = "".join(json.dumps({"abstract": f"{ABSTRACT_A} {i}"}) + "\n" for i in range(400))
    packed = gzip.compress(lines.encode())
    docs, problems = docs_and_problems(write(tmp_path / "cut.jsonl.gz", packed[: len(packed) // 2]))
    assert 0 < len(docs) < 400
    assert any("truncated" in p.message or "could not read" in p.message for p in problems)


def test_broken_xml(tmp_path):
    docs, problems = docs_and_problems(write(tmp_path / "a.xml", "<feed><entry><summary>x</summary>"))
    assert docs == [] and "XML" in problems[0].message


def test_broken_parquet(tmp_path):
    docs, problems = docs_and_problems(write(tmp_path / "a.parquet", b"PAR1 this is not really parquet PAR1"))
    assert docs == [] and "Parquet" in problems[0].message


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(f"{ABSTRACT_A}\n{ABSTRACT_B}\n".encode())))
    docs, problems = docs_and_problems("-")
    assert len(docs) == 2 and problems == []


# --- the real seed pages

SEED_COUNTS = [("000", 8, "listing"), ("001", 10, "profile"), ("002", 11, "lines"), ("003", 93, "papers"),
               ("004", 10, "listing")]


@pytest.mark.parametrize("prefix,count,shape", SEED_COUNTS, ids=[c[0] for c in SEED_COUNTS])
def test_seed_pages(shared, prefix, count, shape):
    page = next((shared / "corpus" / "seeds").glob(f"{prefix}_*.txt"))
    docs, problems = docs_and_problems(page)
    assert problems == [] and len(docs) == count
    assert {d.source_format for d in docs} == {shape}
    if shape == "listing":
        assert all(d.arxiv_id for d in docs)
    if shape == "papers":
        assert all(d.title for d in docs)
    furniture = ("Subscribe", "Get trending papers", "byAK", "pages,", "Abstract:")
    assert not [d.text[:60] for d in docs if any(f in d.text for f in furniture)]
