"""Needles: the words a pattern cannot match without. A table of pattern shapes, and the
promise that matters (no match is ever skipped) checked on the shipped rules with real
phrasings and with hypothesis."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.needles import NeedleFinder, needles
from extractor.rules import load_rules

# (id, pattern source, expected clauses, most selective first; None: nothing required)
CASES = [
    ("literal", "outperform(?:s|ing)?", (("outperform",),)),
    ("case-folded", "SOTA", (("sota",),)),
    ("alternation", "surpass|exceed", (("exceed", "surpass"),)),
    ("product-of-spellings", "v(?:ersus|s\\.)", (("versus", "vs."),)),
    ("small-class", "on[- ]par", (("on par", "on-par"),)),
    ("optional-part", "state[- ]of[- ](?:the[- ])?art", (tuple(sorted(
        f"state{a}of{b}{t}art" for a in " -" for b in " -" for t in ("", "the ", "the-"))),)),
    ("lookbehind-counts", r"(?<=\bour\ )outperform", (("outperform",), ("our ",))),
    ("too-short-part-left-out", r"(?<=\bwe\ )outperform", (("outperform",),)),
    ("both-parts", r"first\ time\W+\w+\ (?:to|that)\ match", (("first time",), (" that match", " to match"))),
    ("redundant-longer-spelling", "over(?:\\ that\\ of)?\\ ", (("over ",),)),
    ("optional-only", "(?:best)?", None),
    ("star", "a*b*", None),
    ("negative-lookahead", "(?!not)\\w+", None),
    ("too-short", "to|at", None),
    ("rare-mark", ";", ((";",),)),
    ("common-mark", ",", None),
    ("class-only", "[A-Z]\\w+", None),
    ("regex-only-syntax", r"\p{Lu}\w+ achieves", None),
    ("fuzzy", "(?:outperform){e<=1}", None),
    ("nested-set", "[[a-z]--[aeiou]]+ing", None),
]


@pytest.mark.parametrize("source, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_needles(source, expected):
    assert needles(source) == expected


def test_finder_reports_every_needle_that_occurs_even_inside_a_longer_one():
    finder = NeedleFinder.build(["first", "first time", "time", "outperform"])
    assert finder.find("For the FIRST TIME, it wins.") == {"first", "first time", "time"}
    assert finder.find("nothing here") == frozenset()
    assert NeedleFinder.build([]).find("anything") == frozenset()


def _every_pattern():
    rules = load_rules()
    return rules, [p for ps in rules.patterns.by_group.values() for p in ps]


# Sentences written for this test in the shapes the rules are for (not copied from any abstract).
PHRASINGS = [
    "Our method outperforms all previous approaches by a large margin on ImageNet.",
    "We achieve new state-of-the-art results on three benchmarks, surpassing prior work.",
    "To the best of our knowledge, this is the first work to study the problem.",
    "It performs on par with much larger models while being 3x faster.",
    "Compared to the baseline, accuracy improves from 71.2% to 74.5% (+3.3%).",
    "The proposed model, termed FastNet, reduces the parameters by 40%.",
    "Existing methods have achieved strong results, but they fail to generalize.",
    "We investigate whether larger models are more robust; results show they are not.",
    "Experiments demonstrate competitive performance versus strong baselines.",
    "Trained on 1.2M images, it sets a new record of 91.0 mIoU in the zero-shot setting.",
]


@pytest.mark.parametrize("sentence", PHRASINGS, ids=[f"phrasing-{i}" for i in range(len(PHRASINGS))])
def test_no_pattern_is_skipped_where_it_matches(sentence):
    rules, patterns = _every_pattern()
    found = rules.patterns.needles_in(sentence)
    for pattern in patterns:
        if pattern.regex.search(sentence):
            assert pattern.may_occur(found), f"{pattern.id} matches but its needles say it cannot"


def test_needles_skip_most_patterns_on_a_plain_sentence():
    rules, patterns = _every_pattern()
    found = rules.patterns.needles_in("The weather was pleasant and the garden grew.")
    assert sum(p.may_occur(found) for p in patterns) < len(patterns) / 4


def test_no_pattern_is_skipped_on_real_abstracts(shared):
    """Every pattern against the sentences of 300 real abstracts: a match the needles deny is a bug."""
    from extractor.text import normalize, split_sentences

    rules, patterns = _every_pattern()
    path = sorted((shared / "corpus" / "arxiv").glob("*.jsonl"))[0]
    lines = path.read_text(encoding="utf-8").splitlines()[:300]
    missed = []
    for line in lines:
        for sentence in split_sentences(normalize(json.loads(line).get("abstract") or "")):
            found = rules.patterns.needles_in(sentence.text)
            missed += [(p.id, sentence.text) for p in patterns
                       if not p.may_occur(found) and p.regex.search(sentence.text)]
    assert not missed


_WORDS = sorted({n.strip() for p in _every_pattern()[1] for clause in p.needles or () for n in clause})


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_needles_never_deny_a_match_property(data):
    """Texts made of the rules' own words, with spacing, case and punctuation drawn at random."""
    rules, patterns = _every_pattern()
    pieces = data.draw(st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(["the", "we", "our", "3.5%", "X"]),
                                          st.text("aA ,.-()", max_size=3)), min_size=1, max_size=12))
    text = "".join(w if i % 2 else w.upper() if data.draw(st.booleans()) else w for i, w in enumerate(pieces))
    text = " ".join([text, *pieces])
    found = rules.patterns.needles_in(text)
    for pattern in patterns:
        if pattern.regex.search(text):
            assert pattern.may_occur(found), (pattern.id, text)


def _as_regex(pattern):
    """The same pattern compiled by the `regex` module, as it would be without the re fast path."""
    import re

    import regex

    exact = pattern.get("case") == "exact"
    if isinstance(pattern.regex, re.Pattern):
        return regex.compile(pattern.regex.pattern, regex.VERSION1 if exact else regex.IGNORECASE | regex.VERSION1)
    return pattern.regex


def test_patterns_python_re_reads_match_as_regex_would():
    """Patterns compiled by Python's re (the fast path) find the same spans as with `regex`."""
    import re

    _, patterns = _every_pattern()
    fast = [p for p in patterns if isinstance(p.regex, re.Pattern)]
    assert len(fast) > len(patterns) / 2  # the fast path is taken by most patterns
    texts = PHRASINGS + [" ".join(_WORDS[i:i + 9]) for i in range(0, len(_WORDS), 9)]
    for pattern in fast:
        slow = _as_regex(pattern)
        for text in texts:
            assert [m.span() for m in pattern.regex.finditer(text)] == [m.span() for m in slow.finditer(text)], \
                (pattern.id, text)


def test_patterns_python_re_agrees_on_real_abstracts(shared):
    import re

    from extractor.text import normalize, split_sentences

    _, patterns = _every_pattern()
    fast = [(p, _as_regex(p)) for p in patterns if isinstance(p.regex, re.Pattern)]
    path = sorted((shared / "corpus" / "arxiv").glob("*.jsonl"))[-1]
    for line in path.read_text(encoding="utf-8").splitlines()[:150]:
        for sentence in split_sentences(normalize(json.loads(line).get("abstract") or "")):
            for pattern, slow in fast:
                assert [m.span() for m in pattern.regex.finditer(sentence.text)] == \
                       [m.span() for m in slow.finditer(sentence.text)], (pattern.id, sentence.text)


COMPARATIVES = [
    "It is better than all previous methods and faster than ResNet.",
    "Our model yields gains over the strong baselines, better or worse than expected.",
    "A model with more parameters than ours; more robust than existing detectors.",
    "Higher accuracy when compared to prior approaches, and improvements against SOTA.",
    "The results are comparable or better than state-of-the-art; it is the best.",
    "We achieve state-of-the-art accuracy, a considerably lower error relative to CNNs.",
    "Lower cost (1.2x) versus conventional methods; improves upon the prior best.",
    "It outperforms current methods on widely used DTU, Replica, and BlendedMVS datasets.",
    "Results on the ScanNet200 benchmark and the ImageNet-1K dataset (e.g., CIFAR-10, SVHN) agree.",
]


def _found(matches) -> list:
    """Spans and named groups: callers read both."""
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("sentence", PHRASINGS + COMPARATIVES,
                         ids=[f"phrasing-{i}" for i in range(len(PHRASINGS + COMPARATIVES))])
def test_pattern_finds_what_its_regex_finds(sentence):
    """The scan for where a pattern may start, and the tail search plus the forward test of a
    leading lookbehind, give the regex's own matches, with their groups."""
    _, patterns = _every_pattern()
    for pattern in (p for p in patterns if p.tail is not None or p.scan is not None):
        for pos in (0, len(sentence) // 3):
            assert _found(pattern.finditer(sentence, pos, len(sentence))) == \
                   _found(pattern.regex.finditer(sentence, pos, len(sentence))), pattern.id
            assert _found(filter(None, [pattern.search(sentence, pos)])) == \
                   _found(filter(None, [pattern.regex.search(sentence, pos)])), pattern.id


LEADS = [
    ("word", "outperform(?:s|ed)?", "o"),
    ("branches", "(?:we|our)\\ model", "ow"),
    ("class", "[;:]\\ then", ";:"),
    ("repeat", "(?:ab)+c", "a"),
    ("assertion", "\\bword", None),
    ("word-class", "\\w+ly\\ better", None),
    ("optional", "(?:the\\ )?best", None),
    ("negated-class", "[^a]b", None),
]


@pytest.mark.parametrize("source,expected", [c[1:] for c in LEADS], ids=[c[0] for c in LEADS])
def test_leading_chars(source, expected):
    from extractor.needles import leading_chars

    assert leading_chars(source) == (frozenset(expected) if expected else None)


def test_lookbehind_led_patterns_match_the_comparatives():
    """The rows above are not vacuous: the costly cues, and scanned ones, do match them."""
    _, patterns = _every_pattern()
    tailed = [p for p in patterns if p.tail is not None]
    hits = {p.id for p in tailed for text in COMPARATIVES if p.regex.search(text)}
    assert {"out_than", "out_over", "out_compared", "out_against", "sota_achieve", "ds_datasets"} <= hits
    scanned = [p for p in patterns if p.scan is not None]
    assert len(scanned) > 50 and {p.id for p in scanned for text in PHRASINGS if p.regex.search(text)}


def test_patterns_agree_with_their_regex_on_real_abstracts(shared):
    from extractor.text import normalize, split_sentences

    _, patterns = _every_pattern()
    tailed = [p for p in patterns if p.tail is not None or p.scan is not None]
    path = sorted((shared / "corpus" / "arxiv").glob("*.jsonl"))[1]
    for line in path.read_text(encoding="utf-8").splitlines()[:300]:
        for sentence in split_sentences(normalize(json.loads(line).get("abstract") or "")):
            text = sentence.text
            half = len(text) // 2  # a bounded window too, as clauses are searched
            for pattern in tailed:
                for pos, end in ((0, len(text)), (0, half), (half, len(text))):
                    assert _found(pattern.finditer(text, pos, end)) == \
                           _found(pattern.regex.finditer(text, pos, end)), (pattern.id, text, pos, end)


def _with_open_boundary(pattern):
    """The pattern framed with the general word-boundary test instead of \\b."""
    import re

    from extractor.patterns import _OPEN

    flags = pattern.regex.flags & ~re.UNICODE
    return re.compile(_OPEN + pattern.regex.pattern[2:], flags)


def _word_led():
    import re

    _, patterns = _every_pattern()
    return [(p, _with_open_boundary(p)) for p in patterns
            if isinstance(p.regex, re.Pattern) and p.regex.pattern.startswith(r"\b(?:")]


@pytest.mark.parametrize("sentence", PHRASINGS + COMPARATIVES,
                         ids=[f"phrasing-{i}" for i in range(len(PHRASINGS + COMPARATIVES))])
def test_word_led_pattern_framed_by_b_finds_what_the_general_boundary_finds(sentence):
    led = _word_led()
    assert len(led) > 40
    for pattern, general in led:
        for pos in (0, 1, len(sentence) // 3):
            assert _found(pattern.regex.finditer(sentence, pos)) == _found(general.finditer(sentence, pos)), pattern.id


def test_word_led_patterns_agree_on_real_abstracts(shared):
    from extractor.text import normalize, split_sentences

    led = _word_led()
    path = sorted((shared / "corpus" / "arxiv").glob("*.jsonl"))[2]
    for line in path.read_text(encoding="utf-8").splitlines()[:200]:
        for sentence in split_sentences(normalize(json.loads(line).get("abstract") or "")):
            for pattern, general in led:
                assert _found(pattern.regex.finditer(sentence.text)) == _found(general.finditer(sentence.text)), \
                    (pattern.id, sentence.text)


def _forward_by_regex(pattern):
    """The pattern compiled by `regex` (whose syntax the rules are written in), searched forwards."""
    import regex

    return regex.compile(pattern.backward.pattern[len("(?r)"):], pattern.backward.flags)


def test_before_cues_searched_backwards_exist():
    _, patterns = _every_pattern()
    backward = {p.id for p in patterns if p.backward is not None}
    assert {"phrase_of", "phrase_link", "phrase_change_by"} <= backward
    assert all(p.side == "before" and p.needles is None and p.scan is None for p in patterns if p.backward is not None)


@pytest.mark.parametrize("sentence", PHRASINGS + COMPARATIVES,
                         ids=[f"phrasing-{i}" for i in range(len(PHRASINGS + COMPARATIVES))])
def test_backward_search_finds_what_a_forward_search_finds(sentence):
    """A `before` cue ends where the window does: searched from there it gives the forward match,
    with its groups, at every place a number could stand."""
    _, patterns = _every_pattern()
    for pattern in (p for p in patterns if p.backward is not None):
        forward = _forward_by_regex(pattern)
        for end in [m.start() for m in re.finditer(r"\d", sentence)] + [len(sentence)]:
            lo = max(0, end - pattern.window)
            assert _found(filter(None, [pattern.search(sentence, lo, end)])) == \
                   _found(filter(None, [forward.search(sentence, lo, end)])), (pattern.id, end)


def test_backward_search_agrees_on_real_abstracts(shared):
    from extractor.numbers import find_numbers
    from extractor.text import normalize, split_sentences

    _, patterns = _every_pattern()
    pairs = [(p, _forward_by_regex(p)) for p in patterns if p.backward is not None]
    path = sorted((shared / "corpus" / "arxiv").glob("*.jsonl"))[3]
    for line in path.read_text(encoding="utf-8").splitlines()[:150]:
        for sentence in split_sentences(normalize(json.loads(line).get("abstract") or "")):
            text = sentence.text
            for number in find_numbers(text, []):
                for pattern, forward in pairs:
                    lo = max(0, number.start - pattern.window)
                    assert _found(filter(None, [pattern.search(text, lo, number.start)])) == \
                           _found(filter(None, [forward.search(text, lo, number.start)])), (pattern.id, text)
