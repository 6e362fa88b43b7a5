"""Rules files validate on load: errors quote file and line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extractor.rules import RulesError, default_rules_dir, load_rules


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    return folder


def append(path: Path, line: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def test_bundled_rules_load():
    rules = load_rules()
    assert rules.metrics.lookup("top-1 acc").canonical == "top-1 accuracy"
    assert rules.datasets.lookup("cifar10").canonical == "CIFAR-10"
    assert len(rules.hash) == 16


ERRORS = [
    ("unknown-key", "metrics.txt", "newmetric | New Metric | nm | better=higher, scale=percent, colour=red",
     "unknown key 'colour'"),
    ("duplicate-alias", "metrics.txt", "accuracy2 | accuracy two | top-1 accuracy | better=higher, scale=percent",
     "is already an alias of"),
    ("duplicate-id", "datasets.txt", "cifar10 | Another CIFAR", "duplicate id"),
    ("dangling-parent", "datasets.txt", "newsplit | New Split | | parent=nosuchset", "parent 'nosuchset'"),
    ("bad-value", "metrics.txt", "newmetric | New Metric | | better=sideways, scale=percent", "better='sideways'"),
    ("missing-required", "metrics.txt", "newmetric | New Metric | | better=higher", "lacks scale"),
    ("bad-pattern", "patterns.txt", "broken_one | delta.up | (unclosed", "does not compile"),
    ("pattern-unknown-key", "patterns.txt", "odd_one | delta.up | gain | colour=red", "unknown key 'colour'"),
    ("unknown-piece", "patterns.txt", "odd_one | delta.up | gain{@no_such_piece}", "unknown piece {@no_such_piece}"),
    ("twice-defined-piece", "patterns.txt", "@phrase_words | [a-z]+", "piece @phrase_words defined twice"),
    ("bad-piece-name", "patterns.txt", "@Bad-Name | [a-z]+", "expected '@name | pattern'"),
    ("too-many-cells", "venues.txt", "x | X | | field=a | extra", "expected"),
    ("task-unknown-key", "tasks.txt", "new_task | New Task | | colour=red", "unknown key 'colour'"),
    ("task-duplicate-alias", "tasks.txt", "detection2 | Detection Two | object detection", "is already an alias of"),
    ("task-bad-area", "tasks.txt", "new_task | New Task | | area=cooking", "area='cooking'"),
]


@pytest.mark.parametrize("file,line,message", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_rules_errors_quote_file_and_line(rules_copy, file, line, message):
    line_no = append(rules_copy / file, line)
    load_rules.cache_clear()
    with pytest.raises(RulesError) as err:
        load_rules(str(rules_copy))
    assert f"{file}:{line_no}" in str(err.value) and message in str(err.value)
    load_rules.cache_clear()


def test_a_named_piece_is_written_into_the_patterns_that_use_it(rules_copy):
    append(rules_copy / "patterns.txt", "@gain_word | (?:gain|boost)")
    append(rules_copy / "patterns.txt", "piece_user | delta.up | a\\ {@gain_word}\\ of | side=before")
    load_rules.cache_clear()
    try:
        pattern = next(p for p in load_rules(str(rules_copy)).patterns.group("delta.up") if p.id == "piece_user")
        assert pattern.source_text == r"a\ (?:gain|boost)\ of"
        assert pattern.regex.search("with a boost of ") and not pattern.regex.search("with a rise of ")
    finally:
        load_rules.cache_clear()


def test_a_new_metric_is_a_line_in_a_rules_file(rules_copy):
    append(rules_copy / "metrics.txt", "zorbility | zorbility | zorb score | better=higher, scale=percent, unit=%")
    load_rules.cache_clear()
    import extractor.api as api

    rules = load_rules(str(rules_copy))
    from extractor.pipeline import extract_paper
    from extractor.records import Document

    doc = Document(text="Our model reaches a zorb score of 91.5% on CIFAR-10.", source="t", source_format="text", doc_index=0)
    [row] = extract_paper(doc, rules).results
    assert row.metric == "zorbility"
    load_rules.cache_clear()
    assert api  # the API module imports with a custom rules folder in the cache


# ---------------------------------------------------------------- tokens and lexicon lookups

_RUN = __import__("re").compile(r"[^\W\d_]+|\d+")


def _reference_tokens(text: str) -> list[tuple[int, int, str]]:
    """Runs of letters or digits, lower-cased, with their offsets in `text`."""
    return [(m.start(), m.end(), m.group().lower()) for m in _RUN.finditer(text)]


@given(st.lists(st.sampled_from(["ab", "CIFAR", "-", "10", " ", "_", ".", "é", "İ", "ß", "Ω", "²", "٣", "\u00a0"]))
       .map("".join))
def test_tokens_are_the_runs_of_letters_and_digits(text):
    from extractor.rules import tokenize

    tokens = tokenize(text)
    got = [(tokens.bounds[2 * k], tokens.bounds[2 * k + 1], w) for k, w in enumerate(tokens.words)]
    assert got == _reference_tokens(text)
    assert "".join(g + w for g, w in zip(tokens.gaps, [text[a:b] for a, b, _ in got] + [""])) == text


LOOKUPS = [
    ("space-for-hyphen", "results on CIFAR 10 and ImageNet", "datasets", ["CIFAR-10", "ImageNet-1k"]),
    ("gap-too-wide", "results on CIFAR - 10", "datasets", []),
    ("longest-wins", "top-1 accuracy on ImageNet-1k", "datasets", ["ImageNet-1k"]),
    ("not-inside-a-name", "CIFAR10-DVS is a neuromorphic set", "datasets", []),
    ("metric", "an mIoU of 50 and top-1 accuracy of 80", "metrics", ["mIoU", "top-1 accuracy"]),
    ("plural-of-capitals", "WERs of 3.1% and AUCs of 0.9", "metrics", ["WER", "AUC"]),
    ("exact-case-entry", "a post-hoc analysis on HoC-like data", "datasets", []),
    ("exact-case-as-written", "results on MovieQA and movieqa", "datasets", ["MovieQA"]),
    ("split-by-a-line-break", "top-1 on Ima-geNet and on Im-ageNet", "datasets", ["ImageNet-1k", "ImageNet-1k"]),
    ("hyphen-in-a-plain-word", "a pre-trained model on ImageNet", "datasets", ["ImageNet-1k"]),
    ("lower-case-alias-of-a-capital-name", "63.5 fps, 30 FPS and 20 Fps", "units", ["FPS", "FPS", "FPS"]),
    ("mixed-case-alias-of-a-capital-name", "a Rouge-1 of 40.2 and an nDCG of 0.4", "metrics", ["ROUGE-1", "NDCG"]),
    ("capitals-only-stay-capitals", "the wer and the bleu of it", "metrics", []),
]


@pytest.mark.parametrize("text,lexicon,expected", [c[1:] for c in LOOKUPS], ids=[c[0] for c in LOOKUPS])
def test_lexicon_find(text, lexicon, expected):
    found = getattr(load_rules(), lexicon).find(text)
    assert [m.entry.canonical for m in found] == expected
    assert all(text[m.start:m.end] == m.raw for m in found)


def test_case_exact_is_validated(rules_copy):
    line = append(rules_copy / "datasets.txt", "toyset | ToySet | | case=loose")
    with pytest.raises(RulesError, match=rf"datasets.txt:{line}: case='loose' is not one of exact"):
        load_rules(str(rules_copy))


@pytest.mark.parametrize("name,expected", [
    pytest.param("mAcc", "mean class accuracy", id="exact-spelling"),
    pytest.param("MACC", None, id="a-name-that-only-folds-to-an-exact-alias"),
    pytest.param("mAP", "mAP", id="exact-acronym"),
    pytest.param("Map", None, id="the-word-is-no-acronym"),
    pytest.param("ACCURACY", "accuracy", id="any-case-alias"),
])
def test_cased_lookup_applies_the_case_rules(name, expected):
    entry = load_rules().metrics.lookup(name, cased=True)
    assert (entry.canonical if entry else None) == expected
