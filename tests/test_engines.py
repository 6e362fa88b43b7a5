"""Every engine writes the same tables, row for row and id for id, whatever the number of workers."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extractor import pipeline
from extractor.engines import DaskEngine, LocalEngine, ProcessEngine, bounded_map, make_engine

METHODS = ("FocalNet", "PatchMixer", "SparseViT", "GraphRank", "TinyDet", "LumaGAN", "EchoFormer",
           "KernelNorm", "DeltaSeg", "QuillLM")
SCORES = (
    "Our {m} reaches {a}% top-1 accuracy on ImageNet with {p}M parameters.",
    "On COCO test-dev, {m} obtains {b} box AP, {d} points above the strongest baseline.",
    "{m} achieves an FID of {f} on CIFAR-10 while being {x}x faster than diffusion samplers.",
    "We report {b} mIoU on ADE20K and {a}% accuracy on CIFAR-100.",
    "The model scores {u} BLEU on WMT14 English-German, an improvement of {d} BLEU.",
    "{m} attains an AUROC of {a}% on MVTec AD using only {k}k training images.",
)
EXTRAS = (
    "It runs at {fps} FPS on a single GPU and reduces memory by {r}%.",
    "Training takes {h} hours, {x} times less than prior work.",
    "We release a dataset of {k},000 annotated images.",
    "Compared with ResNet-50, it uses {r}% fewer FLOPs.",
    "Our largest variant has {g} billion parameters.",
    "The code is available at https://github.com/example/{m}.",
)
OPENINGS = (
    "We study efficient visual recognition.",
    "Large models are costly to deploy.",
    "We propose {m}, a simple architecture for dense prediction.",
    "Self-supervised pre-training remains expensive.",
    "This paper introduces {m} for low-resource translation.",
)
CLAIMS = (
    "{m} sets a new state of the art.",
    "{m} outperforms previous methods by a large margin.",
    "Results are comparable to much larger models.",
    "",
)


def abstract(i: int) -> str:
    """The i-th abstract of the test corpus: varied numbers, metrics, datasets and claims."""
    values = {
        "m": METHODS[i % len(METHODS)] + ("" if i < len(METHODS) else f"-{chr(65 + i % 26)}"),
        "a": f"{70 + (i * 37) % 290 / 10:.1f}", "b": f"{30 + (i * 13) % 250 / 10:.1f}",
        "d": f"{(i * 7) % 40 / 10 + 0.3:.1f}", "f": f"{3 + (i * 11) % 200 / 10:.2f}",
        "u": f"{20 + (i * 3) % 150 / 10:.1f}", "x": 2 + i % 9, "p": 5 + (i * 17) % 300,
        "k": 1 + i % 50, "fps": 20 + (i * 5) % 180, "r": 10 + (i * 3) % 70,
        "h": 2 + i % 30, "g": 1 + i % 70,
    }
    parts = (OPENINGS[i % len(OPENINGS)], SCORES[i % len(SCORES)], EXTRAS[(i // 2) % len(EXTRAS)],
             EXTRAS[(i + 3) % len(EXTRAS)], CLAIMS[(i // 3) % len(CLAIMS)])
    return " ".join(p.format(**values) for p in parts if p)


def corpus_records(n: int = 60) -> list[dict]:
    """`n` records, half with an arXiv id, plus one exact repeat (merged as a duplicate)."""
    records = []
    for i in range(n):
        record = {"title": f"Paper {i}", "abstract": abstract(i)}
        if i % 2 == 0:
            record["arxiv_id"] = f"2401.{10000 + i}v1"
        records.append(record)
    return records + [records[5]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The test corpus as JSON Lines."""
    path = tmp_path_factory.mktemp("engines") / "abstracts.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in corpus_records()), encoding="utf-8")
    return path


def run_tables(corpus: Path, outdir: Path, **options) -> dict[str, list[dict]]:
    """Run the pipeline and read papers and results back, sorted by id."""
    pipeline.run([str(corpus)], outdir, **options)
    return {
        "papers": sorted(pq.read_table(outdir / "papers.parquet").to_pylist(), key=lambda r: r["paper_id"]),
        "results": sorted(pq.read_table(outdir / "results.parquet").to_pylist(), key=lambda r: r["result_id"]),
    }


@pytest.fixture(scope="module")
def small_batches():
    """Batches of 7 documents, so that 61 documents make 9 batches and order matters."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "BATCH_SIZE", 7)
        yield


@pytest.fixture(scope="module")
def local_tables(corpus: Path, tmp_path_factory, small_batches) -> dict[str, list[dict]]:
    """The reference: the local engine's tables."""
    return run_tables(corpus, tmp_path_factory.mktemp("local"), engine="local", jobs=1)


def assert_same(tables: dict[str, list[dict]], reference: dict[str, list[dict]]) -> None:
    """Same rows, same ids, same values; doc_index and ids included."""
    for name in ("papers", "results"):
        assert len(tables[name]) == len(reference[name]), name
        assert tables[name] == reference[name], name


def test_reference_run_finds_results(local_tables):
    assert len(local_tables["papers"]) == 60          # the repeat is merged
    assert len(local_tables["results"]) >= 60


def test_processes_engine_matches_local(corpus, tmp_path, local_tables, small_batches):
    tables = run_tables(corpus, tmp_path / "out", engine="processes", jobs=2)
    assert_same(tables, local_tables)


@pytest.mark.slow
def test_dask_engine_matches_local(corpus, tmp_path, local_tables, small_batches):
    pytest.importorskip("distributed")
    tables = run_tables(corpus, tmp_path / "out", engine="dask", jobs=2)
    assert_same(tables, local_tables)


def test_bounded_map_keeps_order_and_window():
    """Results come in input order and no more than `in_flight` batches are ever submitted ahead."""
    submitted, taken = [], []

    class Done:
        def __init__(self, value):
            self.value = value

        def result(self):
            taken.append(self.value)
            return self.value * 10

    def submit(batch):
        assert len(submitted) - len(taken) < 3
        submitted.append(batch)
        return Done(batch)

    assert list(bounded_map(submit, range(10), 3)) == [v * 10 for v in range(10)]


def test_bounded_map_reads_input_lazily():
    batches = itertools.count()
    mapped = bounded_map(lambda b: type("F", (), {"result": lambda self: b})(), batches, 2)
    assert list(itertools.islice(mapped, 5)) == [0, 1, 2, 3, 4]


def test_make_engine_choices():
    assert isinstance(make_engine("local", 4), LocalEngine)
    assert isinstance(make_engine("processes", 1), LocalEngine)
    assert isinstance(make_engine("processes", 2), ProcessEngine)
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark", 1)


def test_make_engine_dask(monkeypatch):
    pytest.importorskip("distributed")
    engine = make_engine("dask", 2, "tcp://127.0.0.1:8786")
    assert isinstance(engine, DaskEngine) and engine.scheduler == "tcp://127.0.0.1:8786"


def test_dask_missing_says_how_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith(("distributed.", "dask")):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(ValueError, match=r"pip install 'extractor\[dask\]'"):
        make_engine("dask", 2)
