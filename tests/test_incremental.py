"""--incremental reuses the rows of unchanged papers and re-extracts changed ones."""
from __future__ import annotations

import json

import pandas as pd

from extractor.pipeline import run

ABSTRACTS = [
    "We propose NetA, which reaches 81.2% top-1 accuracy on ImageNet and is 3x faster than ResNet-50.",
    "We propose NetB with 45M parameters; it improves mIoU on ADE20K by 2.1% over SegFormer.",
    "We collect a corpus of 1,167 hours of speech and reach a word error rate of 7.9% on it.",
]


def write(path, abstracts):
    path.write_text("".join(json.dumps({"id": f"2401.0000{i}", "abstract": a}) + "\n"
                            for i, a in enumerate(abstracts)), encoding="utf-8")


def tables(out):
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in ("papers", "results")}


def test_unchanged_papers_are_reused_and_changed_ones_extracted(tmp_path):
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    write(source, ABSTRACTS)
    first = run([str(source)], out, jobs=1)
    before = tables(out)
    again = run([str(source)], out, jobs=1, incremental=True)
    assert (first.reused, again.reused) == (0, 3)
    after = tables(out)
    assert sorted(after["results"]["result_id"]) == sorted(before["results"]["result_id"])
    write(source, ABSTRACTS[:2] + [ABSTRACTS[2].replace("7.9%", "6.4%")])
    changed = run([str(source)], out, jobs=1, incremental=True)
    assert changed.reused == 2
    values = set(tables(out)["results"]["value"])
    assert 6.4 in values and 7.9 not in values


def test_other_rules_mean_a_full_run(tmp_path):
    import shutil

    from extractor.rules import default_rules_dir

    source, out, rules = tmp_path / "in.jsonl", tmp_path / "out", tmp_path / "rules"
    write(source, ABSTRACTS)
    run([str(source)], out, jobs=1)
    shutil.copytree(default_rules_dir(), rules)
    with open(rules / "metrics.txt", "a", encoding="utf-8") as fh:
        fh.write("zorbility | zorbility | zorb score | better=higher, scale=percent\n")
    assert run([str(source)], out, jobs=1, incremental=True, rules_dir=str(rules)).reused == 0
    assert run([str(source)], out, jobs=1, incremental=True, rules_dir=str(rules)).reused == 3
