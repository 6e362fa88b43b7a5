"""Results from sentences: numbers -> kinds -> metric, dataset and method -> rows.

For each sentence with a digit or a multiplier word: find the lexicon
mentions (metrics, datasets), mask the names that hold digits, read the
numbers, decide each number's kind (classify.py), attribute metric, dataset
and method, and convert units.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import partial

from .attribution import (NAME_PATTERN, NOT_LOOKED_FOR, MethodName, baseline_for, defined_datasets, defined_name,
                          is_defined, generic as _generic_name, model_names, proposed_method, setting_of)
from .classify import DIGIT, YEAR, Kind, classify, cue, gap_is
from .numbers import find_numbers, may_hold_word_number
from .papers import find_urls
from .physical import glued_symbol
from .phrases import MetricPhrase, metric_list, metric_phrase, modified_broad, slashed_metrics
from .records import Number, Paper, Result, Sentence
from .rules import Mention, Rules, alias_key, tokenize
from .units import dimension, normalize

_CITATION = re.compile(r"""
    \[[\d,;\s–-]{1,40}\]        # [12], [3, 4], [5-7]
    |\((?:[ivx]{1,4}|\d)\)      # list markers (1), (iv)
    |\d(?<!\w\d)\d{3}          # four digits after no letter or digit (each branch starts with a mark or a
     (?:\.\d{4,5}(?:v\d+)?      #   digit, not \b, so re skips ahead fast): arXiv ids
       |-\d{2}-\d{2}\b)          #   and ISO dates
    """, re.VERBOSE)
_LIST_GAP = re.compile(r"""
    \s?(?:,|and|or|&|,\ and|/)\s?                      # between two members of a list
    |\ (?:on|in|for)\ [^,;%]{1,60}?(?:,\ ?(?:and\ )?|\ and\ )   # A% on X and B% on Y, A% on X, and B% on Y
    |,?\ and\ (?:the\ )?[\w@-]+(?:\ [\w@-]+){0,2}\ by\            # parameters by 43% and FLOPs by 52%
    |\ (?:compared\ (?:to|with)|over|than|against|relative\ to)\ [^,;%]{1,70}?,?\ and\ by\ (?:an?\ (?:average|total)\ of\ )?   # by 8% over A and by 2% over B
    """, re.VERBOSE)
_FROM_TO = re.compile(r"""
    \ to\    # from 10.9 to 63.9%: the second number of a change, its unit written once
    """, re.VERBOSE)
_TO_PARTNER = re.compile(r"""
    (?:\ ?\([^()]{1,40}\))?   # past an aside on the first number: from 312.85 (native) to 13.69
    \ to\                     # the second number of `from A to B`
    """, re.VERBOSE)
_NAME_AT_END = re.compile(rf"""
    (?<![\w-])(?P<name>{NAME_PATTERN})\ $   # a model's name right before the end: improves X from
    """, re.VERBOSE)
_FROM_BEFORE = re.compile(r"""
    \bfrom\ $   # right before the first number of `from A to B`
    """, re.VERBOSE)
_BRACKET_OPEN_BEFORE = re.compile(r"""
    (?<![\w.])\d[\d.,]*%?\s?(?:[A-Za-z@-]{1,8}\s?)?\(\s?$   # 72.3 (, 52.1 AP (: a number (and its unit) opens the
                                                      # bracket a name is in (not GFLV2 (ResNet-101))
    """, re.VERBOSE)
_LIST_GAP_SHORT = re.compile(r"""
    \s?(?:,|and|&|,\ and|/)\s?   # members of one list, nothing between them
    """, re.VERBOSE)
_FROM_SET_GAP = re.compile(r"""
    \ from\ (?:[^\s,;]+(?:\ [^\s,;]+)?\ to\ )?   # between a data set and a number of its from-to: ` from `, ` from 0.99 to `
    """, re.VERBOSE)
_TO_SET_GAP = re.compile(r"""
    \ to\    # between a data set and the number it is raised to: `BC4CHEMD to 93.72%`
    """, re.VERBOSE)
_ON_SET = re.compile(r"""
    (?:\ [\w%-]+){0,2}?\ (?:on|in|for|over|across)\ (?:the\ )?   # between a number and the data set it is measured on
    """, re.VERBOSE)
_COMPANION = re.compile(r"""
    \ at\ (?:only\ |just\ |about\ |over\ )?$   # a number stated as the condition of the one before: `74.4% mIoU at 230 FPS`
    """, re.VERBOSE)
_NAME_LIST_GAP = re.compile(r"""
    \s?(?:,|and|or|,\ and|,\ or|/)\s?(?:the\ )?   # names written as a list
    """, re.VERBOSE)
_METRIC_AFTER_GAP = re.compile(r"""
    \s?(?:\(\s?)?(?:(?!(?:and|or|on|in|for|with|of|than|to|vs|while|at|by|from|versus)\b)[a-z-]+\s){0,2}
    |\s?(?:\(\s?)?in\ terms\ of\ (?:the\ )?   # 46.35 ROUGE-1, 17.3% absolute accuracy, 37.5 in terms of BLEU
    |\s?in\ (?:the\ )?                           # by 16% in Recall and 10.75% in F1-Score
    """, re.VERBOSE)
_ARTICLE = re.compile(r"""
    \s*(?:(?:the|its|their|a|an)\s)?   # the space and article between a number and the words after it
    """, re.VERBOSE)
_ACRONYM_AFTER = re.compile(r"""
    \ ?(?P<in>in\ )?                                                   # a change's `by 19.3% in SqRel`
    (?P<name>[a-z]?[A-Z][A-Za-z]{0,3}[A-Z][A-Za-z0-9@]{0,6})(?![\w-])   # ANLS, PDMS, pAUC: capitals, short
    """, re.VERBOSE)
_YEAR_AFTER = re.compile(r"""
    [\ -](?P<year>(?:19|20)\d\d)(?![\w.-])   # a year right after a data set's name: DCASE 2020, SemEval-2021
    """, re.VERBOSE)
_ASIDE = re.compile(r"""
    \s?\([^()]{0,60}\)   # a bracketed aside right after a number: (+5.4% increase)
    """, re.VERBOSE)
_LIST_SPLIT = re.compile(r"""
    ,?\ (?:and|&)\ |,\ (?:and\ )?   # between the names of a list: `A, B, and C`
    """, re.VERBOSE)
_MODEL_SIZE = re.compile(r"""
    \d(?:\.\d+)?[BMK]\b   # LLAMA2-70B: a name with a model size is a model's, not a data set's
    """, re.VERBOSE)
_VERSION = re.compile(r"""
    \d{4}|\d{1,2}\.\d{1,2}   # a year or version alone: the `2.0` of `SQuAD 1.1 and 2.0`
    """, re.VERBOSE)
_BILLIONS = re.compile(r"""
    \d(?:\.\d+)?B\b   # V2P-7B, Qwen2.5-1.5B: a name with a size in billions is a model's
    """, re.VERBOSE)
_BRACKET_AFTER = re.compile(r"""
    (?:\ ?/\ ?[\d.]+\ ?%?)*          # past the numbers paired to it by slashes: 0.71/0.83 (independent models)
    \ ?\((?P<inside>[^()]{1,40})\)   # a bracket right after a number or its unit: 61.4% (OmniVIC)
    """, re.VERBOSE)
_PAREN_NAME = re.compile(r"""
    (?P<name>[A-Z][\w-]*(?:\ (?:[A-Z][\w-]*|\d+\.\d+)){0,2})\ ?\($   # Scenery (21.512, Claude 3.7 Sonnet (47.7: a name
                                                                  # with its number in brackets
    """, re.VERBOSE)


DEFINED_SET_KINDS = ("data_size", "score")  # kinds whose rows without a data set take the one the paper defines
NO_DATASET_KINDS = ("model_size",)  # a parameter count belongs to a model, not to a data set
MAX_PIECE = 1500  # characters: longer run-on sentences are matched in pieces


@dataclass(frozen=True)
class SentenceView:
    """A sentence with what the lexicons found in it."""

    sentence: Sentence
    metrics: tuple[Mention, ...]
    datasets: tuple[Mention, ...]
    names: tuple[tuple[int, int, str], ...]
    rules: Rules
    previous: tuple[Mention, ...] = ()  # the data sets of the sentence before, where this one names none
    in_set_slot: frozenset = frozenset()       # names in a data set's slot (on GAIA, the ASD benchmarks)
    in_baseline_slot: frozenset = frozenset()  # names in a baseline's slot (than X, the previous best, X)
    slot: tuple = ()                           # the data set list of the sentence (see _slot_list)
    training: frozenset = frozenset()          # spans of data sets named as training data (pre-trained on X)

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass(frozen=True)
class Candidate:
    """A number that is a result, with its kind and what it is attributed to."""

    number: Number
    kind: Kind
    metric: Mention | None = None
    metric_name: str | None = None
    dataset: Mention | None = None
    dataset_name: str | None = None
    dataset_known: bool | None = None
    method: str | None = None
    is_proposed: bool | None = None
    metric_raw: str | None = None


def find_results(paper: Paper, sentences: list[Sentence], rules: Rules,
                 own: MethodName | None | object = NOT_LOOKED_FOR,
                 defined: tuple[str, ...] | None = None) -> list[Result]:
    """Every result row of a paper, in text order (`own`: the paper's method, None if it has
    none, and `defined`: the data sets it defines, when the caller has looked for them already).

    Only sentences with a digit or a multiplier word are read for numbers; the
    others are looked up in the lexicons only when a number needs the data set
    or metric the text was speaking of."""
    pieces = [piece for s in sentences for piece in _pieces(s)]
    lexicons = _LexiconPasses(pieces, rules)
    found = []
    for i, piece in enumerate(pieces):
        if DIGIT.search(piece.text) or may_hold_word_number(piece.text, rules.patterns.holds):
            own = proposed_method(paper, sentences, rules) if own is NOT_LOOKED_FOR else own
            metrics, datasets = lexicons.of(i)
            if isinstance(own, MethodName):  # a name is never both: the paper's method is no data set (PAWS)
                datasets = tuple(m for m in datasets if m.raw != own.name)
            view = SentenceView(piece, metrics, datasets, (), rules)
            candidates = _candidates(view, rules)
            if candidates:
                view = _with_names(_without_thresholds(view), rules)
                if i and not view.datasets and "respectively" in piece.text:  # a list named in the sentence before
                    view = replace(view, previous=lexicons.of(i - 1)[1])
                found += [(i, view, c) for c in _attribute(candidates, view, rules, own)]
    found = _with_contexts(found, lexicons)
    if found:
        defined = defined_datasets(paper, rules) if defined is None else defined
        found = [(i, view, _with_defined(c, defined, view)) for i, view, c in found] if defined else found
    settings = {i: setting_of(view.text, rules) for i, view, _ in found}  # once a sentence, not once a result
    return [_result(paper, view, c, rules, settings[i]) for i, view, c in found]


def _with_defined(c: Candidate, defined: tuple[str, ...], view: SentenceView) -> Candidate:
    """A data set the paper defines is no method; it is the data set of a size or score that has none,
    and of a size in the sentence that names it before the size (`we introduce X, a benchmark ... of 201
    tasks ... as Y`)."""
    sentence = view.text
    if c.method is not None and is_defined(c.method, defined):
        c = replace(c, method=None)
    if c.dataset is not None and c.dataset in view.datasets and c.kind.kind in DEFINED_SET_KINDS \
            and cue(view.rules, "dataset.compared", sentence, c.dataset.start, c.dataset.end):
        c = replace(c, dataset=None, dataset_name=None)  # 62.2% vs. 9.5% compared to AndroidWorld: the paper's set's
    if c.dataset_name is None and c.kind.kind in DEFINED_SET_KINDS:
        c = replace(c, dataset_name=defined[0], dataset_known=False)
    elif c.kind.kind == "data_size" and c.dataset_name not in defined:
        named = [d for d in defined if d in sentence[:c.number.start]]  # we introduce X, a benchmark ... of 201 tasks
        c = replace(c, dataset_name=named[-1], dataset_known=False, dataset=None) if named else c
    elif c.dataset_name is not None and c.dataset_name not in defined:  # RoboMIND for RoboMIND 2.0
        c = replace(c, dataset_name=defined_name(c.dataset_name, defined) or c.dataset_name)
    return c


class _LexiconPasses:
    """The metric and data set mentions of each piece of text, looked up once and when first asked for."""

    def __init__(self, pieces: list[Sentence], rules: Rules) -> None:
        self.pieces, self.rules = pieces, rules
        self._done: dict[int, tuple[tuple[Mention, ...], tuple[Mention, ...]]] = {}

    def of(self, i: int) -> tuple[tuple[Mention, ...], tuple[Mention, ...]]:
        if i not in self._done:
            text = self.pieces[i].text
            tokens = tokenize(text)
            metrics = [m for m in self.rules.metrics.find(text, tokens)  # not `the paired perplexity method`
                       if not cue(self.rules, "metric.names_a_method", text, m.start, m.end)   # nor `full-precision`
                       and not cue(self.rules, "metric.modifier_before", text, m.start, m.end)]
            self._done[i] = (tuple(metrics), tuple(self.rules.datasets.find(text, tokens)))
        return self._done[i]


def _with_contexts(found: list, lexicons: _LexiconPasses) -> list:
    """Each score or change with no data set (metric) in its sentence, with the one the text was speaking of."""
    wanted: dict[int, bool] = {}  # piece -> whether a number there lacks a data set (may need the abstract's only one)
    for i, _, c in found:
        if _wants_context(c):
            wanted[i] = wanted.get(i, False) or not c.dataset_name
    contexts = _contexts(lexicons, wanted) if wanted else {}
    found = [(i, view, _with_split(c, i, view, lexicons) if i in contexts and not c.dataset_name else c)
             for i, view, c in found]
    return [(i, view, _with_context(c, *_unless_unnamed(c, view, contexts[i])) if i in contexts else c)
            for i, view, c in found]


def _with_split(c: Candidate, i: int, view: SentenceView, lexicons: _LexiconPasses) -> Candidate:
    """`0.685 on the test-dev set`: a split named without its data set right after a number (rules group
    dataset.bare_split) is that split of the data set the text spoke of last: the lexicon's split
    (COCO test-dev) where it lists one, else the data set's name and the split as written."""
    at = max(c.number.end, c.kind.span_end or 0)
    hit = next((m for p in view.rules.patterns.candidates("dataset.bare_split", view.text)
                if (m := p.regex.match(view.text, at, min(len(view.text), at + p.window)))), None)
    if hit is None:
        return c
    mentions = (m for j in range(i, -1, -1) for m in reversed(lexicons.of(j)[1]))
    named = next(mentions, None)
    if named is None:
        return c
    split = hit.group("split")
    entries = view.rules.datasets.entries
    base = next((e for e in entries if e.id == named.entry.get("parent")), named.entry) \
        if named.entry.get("kind") == "split" else named.entry
    known = next((e for e in entries if e.get("parent") == base.id and e.get("kind") == "split"
                  and alias_key(e.canonical).endswith(alias_key(split))), None)
    if known is not None:
        return replace(c, dataset=None, dataset_name=known.canonical, dataset_known=True)
    return replace(c, dataset=None, dataset_name=f"{base.canonical} {split}", dataset_known=False)


def _unless_unnamed(c: Candidate, view: SentenceView, context: tuple) -> tuple:
    """`91% accuracy on standard benchmarks`: a number whose own words say its data sets go unnamed takes
    no data set from elsewhere (rules group dataset.unnamed)."""
    if cue(view.rules, "dataset.unnamed", view.text, c.number.start, max(c.number.end, c.kind.span_end or 0)):
        return None, context[1]
    return context


def _contexts(lexicons: _LexiconPasses, wanted: dict[int, bool]) -> dict[int, tuple[Mention | None, Mention | None]]:
    """For each wanted piece, the data set and the metric the text was speaking of before it: the one
    the last piece naming exactly one named (a data set falls back to the abstract's only one). The
    pieces after the last wanted one are looked up only when that fallback is needed."""
    out, context, metric = {}, None, None
    for i in range(max(wanted) + 1):
        if i in wanted:
            out[i] = (context, metric)
        metrics, datasets = lexicons.of(i)
        context = _only_dataset(datasets, context)
        metric = _only_dataset(metrics, metric)
    if any(out[i][0] is None and setless for i, setless in wanted.items()):
        only = _only_dataset([m for j in range(len(lexicons.pieces)) for m in lexicons.of(j)[1]], None)
        out = {i: (before or only, before_metric) for i, (before, before_metric) in out.items()}
    return out


def _wants_context(c: Candidate) -> bool:
    """A score or change with no data set, or a score with no metric, in its own sentence."""
    return c.kind.kind in ("score", "delta", "relative") and \
        (not c.dataset_name or (not c.metric_name and c.kind.kind in ("score", "delta")))


def _pieces(sentence: Sentence) -> list[Sentence]:
    """A sentence, or for a run-on one (a pasted table, a list of thousands of numbers) pieces of at most
    MAX_PIECE characters cut at commas or spaces, so that matching stays linear in the text's length."""
    if len(sentence.text) <= MAX_PIECE:
        return [sentence]
    pieces, start, text = [], 0, sentence.text
    while start < len(text):
        end = min(len(text), start + MAX_PIECE)
        if end < len(text):
            cut = max(text.rfind(", ", start, end), text.rfind(" ", start, end))
            end = cut + 1 if cut > start else end
        pieces.append(Sentence(sentence.index, sentence.start + start, sentence.start + end, text[start:end]))
        start = end
    return pieces


def _only_dataset(mentions, previous: Mention | None) -> Mention | None:
    """The data set a sentence is about when it names exactly one, else what the text was about before."""
    names = {m.entry.id for m in mentions}
    if len(names) == 1:
        return mentions[0]
    return previous if not names else None


def _with_context(c: Candidate, context: Mention | None, metric: Mention | None) -> Candidate:
    """A score or change with no data set (metric) in its sentence takes the one the text was just speaking of."""
    if c.kind.kind not in ("score", "delta", "relative"):
        return c
    if not c.dataset_name and context is not None:
        c = replace(c, dataset=context, dataset_name=context.entry.canonical, dataset_known=True)
    if not c.metric_name and metric is not None and c.kind.kind in ("score", "delta") \
            and metric.entry.get("kind", "score") == "score":
        c = replace(c, metric=metric, metric_name=metric.entry.canonical)
    return c


def _without_thresholds(view: SentenceView) -> SentenceView:
    """The view less the metrics that only set a threshold (`69.1% at IoU=0.5:0.95`: IoU is no metric of 69.1%)."""
    text = view.text
    kept = tuple(m for m in view.metrics if not (cue(view.rules, "metric.threshold", text, m.start, m.end)
                                                 and cue(view.rules, "metric.threshold_value", text, m.start, m.end)))
    return view if len(kept) == len(view.metrics) else replace(view, metrics=kept)


def _with_names(view: SentenceView, rules: Rules) -> SentenceView:
    """The view with the model-like names outside its mentions (only asked for where a number is a result)."""
    skip = [(m.start, m.end) for m in (*view.metrics, *view.datasets)]
    names = [nm for nm in model_names(view.text, rules, skip)  # improving TEPE by 2%: a metric, no model
             if not rules.patterns.first("name.changed_before", view.text, max(0, nm[0] - 24), nm[0])]
    view = replace(view, names=tuple(names))
    slot = tuple(_slot_list(view))
    baselines = _listed_on(view.names, {nm for nm in view.names if _in_baseline_slot(nm, view)}, view.text)
    listed = {at for at, _, _ in slot}  # on X, Y and Z: the listed names are data sets, not methods
    return replace(view, in_set_slot=frozenset(nm for nm in view.names if nm[0] in listed or _in_set_slot(nm, view)),
                   in_baseline_slot=frozenset(baselines), slot=slot,
                   training=frozenset((m.start, m.end) for m in view.datasets  # without COCO pre-training
                                      if cue(rules, "dataset.training", view.text, m.start, m.end)))
    # all once a sentence, not once a number


def _listed_on(names: tuple, first: set, text: str) -> set:
    """`compared with X and Y`: the names listed right after one of `first` share its slot."""
    found = set(first)
    for a, b in zip(names, names[1:]):
        if a in found and _NAME_LIST_GAP.fullmatch(text, a[1], b[0]):
            found.add(b)
    return found


def _candidates(view: SentenceView, rules: Rules) -> list[Candidate]:
    text = view.text
    masks = [(m.start, m.end) for m in (*view.metrics, *view.datasets)]
    masks += [(m.start(), m.end()) for m in _CITATION.finditer(text)]
    masks += [(text.find(u), text.find(u) + len(u)) for u in find_urls(text) if u in text]
    glued = partial(_glued_to_decimal, rules)
    numbers = _shared_percent(find_numbers(text, masks, rules.units.spells, rules.patterns.holds, glued), text)
    kinds = [classify(number, text, rules, view.metrics) for number in numbers]
    for i in range(len(numbers) - 2, -1, -1):  # 7B/8B-scale models: a setting ending a list makes the list one
        if kinds[i] and kinds[i + 1] is None and _listed_after(numbers[i], numbers[i + 1], text) \
                and cue(rules, "not_result.setting", text, numbers[i + 1].start, numbers[i + 1].end):
            kinds[i] = None
    for i in range(1, len(numbers)):  # 8% and 1% mIoU improvements: a list shares its kind, forwards
        if kinds[i - 1] and (kinds[i] is None or kinds[i].kind == "score") \
                and _listed_after(numbers[i - 1], numbers[i], text) and not _setting(numbers[i], kinds[i], text, rules):
            kinds[i] = kinds[i - 1]
    for i in range(len(numbers) - 2, -1, -1):  # and backwards: 1.8/3.3 WER
        if kinds[i] is None and kinds[i + 1] and _listed_after(numbers[i], numbers[i + 1], text) \
                and not _setting(numbers[i], kinds[i], text, rules):
            kinds[i] = kinds[i + 1]
    return [Candidate(n, k) for n, k in zip(numbers, kinds) if k is not None]


def _setting(number: Number, kind: Kind | None, text: str, rules: Rules) -> bool:
    """Whether a number that is no result is a setting (at IoU=0.5 and 69.1%): a list's kind is not its."""
    return kind is None and cue(rules, "not_result.setting", text, number.start, number.end) is not None


def _shared_percent(numbers: list[Number], text: str) -> list[Number]:
    """`by 3.1 and 4.2%`, `from 10.9 to 63.9%`, `30.6 and 19.4 percentage points`: a bare number listed
    right before a percentage (or points) is one too; the unit written once stands for each member."""
    out = list(numbers)
    for i in range(len(out) - 2, -1, -1):
        if _unit_written_once(out[i], out[i + 1], text):
            out[i] = replace(out[i], unit=out[i + 1].unit, is_percent_points=out[i + 1].is_percent_points)
    return out


def _unit_written_once(a: Number, b: Number, text: str) -> bool:
    """Whether bare `a` shares the percent or points of `b` after it: listed, or `from a to b%`; not a
    year (WMT 2014, 5.5 points) nor across a qualifier (a score of 33.06 and up to 64.7% accuracy)."""
    if a.unit or a.unit_raw or b.unit not in ("%", "pp") or not b.raw[:1].isdigit() \
            or (a.raw.isdigit() and a.value in YEAR):
        return False
    if _LIST_GAP_SHORT.fullmatch(text, a.end, b.start):
        return True
    return b.unit == "%" and _FROM_TO.fullmatch(text, a.end, b.start) is not None \
        and _FROM_BEFORE.search(text, max(0, a.start - 6), a.start) is not None


def _listed_after(prev: Number, number: Number, text: str) -> bool:
    """`A, B and C` written with the same unit (and each with a scale letter or none, unlike `ChatGLM2 6B,
    and 330 token/s`): members of one list."""
    return prev.unit == number.unit and prev.raw[-1].isalpha() == number.raw[-1].isalpha() \
        and bool(_LIST_GAP.fullmatch(text, prev.end, number.start))


def _attribute(cands: list[Candidate], view: SentenceView, rules: Rules, own: MethodName | None) -> list[Candidate]:
    respectively = rules.patterns.first("list.respectively", view.text) is not None
    out = []
    for i, c in enumerate(cands):
        metric = _metric_for(c, i, cands, view, respectively, rules)
        if isinstance(metric, MetricPhrase):
            name, raw = metric.written or metric.mention.entry.canonical, metric.raw
            metric = metric.mention
        else:
            name, raw = _metric_name(metric, c.kind), metric.raw if metric else None
            last = cands[_list_end(cands, i, +1, view.text)]  # `0.62/1.11 TEPE`: the acronym after a list
            written = _written_metric(last if last.kind.kind == c.kind.kind else c, metric, view, rules)
            if written:
                name = raw = written  # an unknown acronym right after the number
        if out and out[-1].metric_name is not None and _second_of_from_to(out[-1], c, view):
            metric, name, raw = out[-1].metric, out[-1].metric_name, out[-1].metric_raw  # from A (x) to B: A's metric
        elif out and (name is None or (metric is not None and metric.start > c.number.end)) \
                and _compared_value(out[-1], c, view) or \
                name is None and out and (_next_in_list(out[-1], c, view) or _change_of_previous(out[-1], c, view)):
            metric, name, raw = out[-1].metric, out[-1].metric_name, out[-1].metric_raw  # 83% of tasks, up from 52%
        dataset, dataset_name, ds_known = (_parallel_dataset(c, cands, out) if respectively else None) \
            or _dataset_for(c, i, cands, view, respectively)
        method, proposed = _listed_method(c, cands, view, own) if respectively else (None, None)
        if method is None:
            taken = (dataset_name, name, raw, *(raw.split() if raw else ()))  # mean DCS: DCS is no method
            method, proposed = _method_for(c, view, own, rules, taken)
        if method is None and out and _same_subject(out[-1], c, view):
            method, proposed = out[-1].method, out[-1].is_proposed  # X beats A by 16% and B by 24%: both X's
        out.append(Candidate(c.number, c.kind, metric, name, dataset, dataset_name,
                             ds_known, method, proposed, raw))
    return out


def _second_of_from_to(prev: Candidate, c: Candidate, view: SentenceView) -> bool:
    """`drops from 312.85 (native) to 13.69`: the second number of a from-to, which measures what the first does."""
    return prev.kind.kind == c.kind.kind and prev.number.unit == c.number.unit \
        and _FROM_BEFORE.search(view.text, max(0, prev.number.start - 6), prev.number.start) is not None \
        and _TO_PARTNER.fullmatch(view.text, prev.number.end, c.number.start) is not None


def _same_subject(prev: Candidate, c: Candidate, view: SentenceView) -> bool:
    """A change right after another in its clause, with no model of its own: the same subject's."""
    return prev.kind.kind == c.kind.kind == "delta" and prev.method is not None \
        and not _breaks(view.rules, view.text, prev.number.end, c.number.start)


def _parallel_dataset(c: Candidate, cands: list[Candidate], done: list[Candidate]):
    """`57.58 on SumMe, 63.05 on TVSum and 53.79 on QFVS, surpassing baselines by +0.85, +0.84 and
    +0.37, respectively`: a later list of as many numbers of another kind pairs with the earlier ones'
    data sets, in order (None where the sentence has no such two lists)."""
    same = [x for x in cands if x.kind.kind == c.kind.kind]
    earlier = [x for x in done if x.kind.kind != c.kind.kind and x.number.end < same[0].number.start]
    if len(same) < 2 or len(earlier) != len(same) or any(not x.dataset_name for x in earlier) \
            or len({x.dataset_name for x in earlier}) != len(earlier):
        return None
    pair = earlier[same.index(c)]
    return pair.dataset, pair.dataset_name, pair.dataset_known


def _next_in_list(prev: Candidate, c: Candidate, view: SentenceView) -> bool:
    """`a mean joint error of 28.9 mm on A and 13.4 mm on B`: the next of a list of numbers in one unit,
    each on its own data set, measures what the first does."""
    end = prev.kind.span_end if prev.kind.span_end and 0 < prev.kind.span_end - prev.number.end <= 8 else prev.number.end
    return prev.kind.kind == c.kind.kind and prev.kind.unit == c.kind.unit and prev.number.unit == c.number.unit \
        and bool(_LIST_GAP.fullmatch(view.text, end, c.number.start))


def _compared_value(prev: Candidate, c: Candidate, view: SentenceView) -> bool:
    """`83% of tasks, up from 52%`, `61.0% (vs. 53.2%)`: a number the words before it compare with the one
    just before, in its clause and unit (rules group metric.compared_value): it measures the same."""
    gap = c.number.start - prev.number.end
    return prev.number.unit == c.number.unit and prev.kind.kind == c.kind.kind and 0 < gap <= 60 \
        and not _breaks(view.rules, view.text, prev.number.end, c.number.start) \
        and cue(view.rules, "metric.compared_value", view.text, c.number.start, c.number.end) is not None


def _change_of_previous(prev: Candidate, c: Candidate, view: SentenceView) -> bool:
    """`an error rate of 3.65, which is 0.09 percent better`: a change in a relative clause right after a
    number (rules group metric.change_of_previous) is a change in that number's metric."""
    return c.kind.kind in ("delta", "ratio") and 0 < c.number.start - prev.number.end <= 40 \
        and cue(view.rules, "metric.change_of_previous", view.text, c.number.start, c.number.end) is not None


def _written_metric(c: Candidate, metric: Mention | None, view: SentenceView, rules: Rules) -> str | None:
    """`65.6% ANLS`, `90.3 PDMS`: an acronym right after a score that no lexicon knows is its metric."""
    if c.kind.kind not in ("score", "delta") or (metric is not None and 0 <= metric.start - c.number.end <= 6):
        return None
    m = _ACRONYM_AFTER.match(view.text, c.number.end)  # a score's right after it, a change's after `in`
    if not m or bool(m.group("in")) != (c.kind.kind == "delta") or any(d.start == m.start("name") for d in view.datasets):
        return None
    name = m.group("name")
    if rules.units.lookup(name) or rules.datasets.lookup(name) or rules.metrics.lookup(name):
        return None
    return name


def _metric_name(metric: Mention | None, kind: Kind) -> str | None:
    if metric is not None:
        return metric.entry.canonical
    return kind.metric_hint


def _metric_for(c: Candidate, i: int, cands: list[Candidate], view: SentenceView, respectively: bool,
                rules: Rules) -> Mention | MetricPhrase | None:
    if c.kind.kind in ("model_size", "data_size"):
        return None
    fits = _fitting(c, rules)
    fitting = tuple(m for m in view.metrics if fits(m.entry))
    if len(fitting) < len(view.metrics):
        view = replace(view, metrics=fitting)
    same = [x for x in cands if x.kind.kind == c.kind.kind]
    if respectively and len(same) > 1 and len(view.metrics) > 1 and len(same) % len(view.metrics) == 0 \
            and _a_list(view.metrics, view.text):
        return view.metrics[same.index(c) % len(view.metrics)]
    paired = _slash_metric(c, cands, view) or _metric_before_from(c, cands, view) or _parallel_metric(c, cands, view) \
        or _from_to_metric(c, cands, view)
    if paired is not None:
        return paired
    listed = _list_metric(c, cands, view)
    if listed is not None:
        return listed
    head = _list_head(c, cands, view)
    if head is not None and _adjacent_metric(c, cands, view, after_only=True) is None:
        shared = _metric_for(head, cands.index(head), cands, view, respectively, rules)
        if shared is not None and shared.end <= head.number.start:
            return shared  # a pass@1 of 75% and 81%: the metric named before a list is each member's
    if c.kind.kind == "relative":
        share = _share_metric(c, view, rules, fits)
        if share is not None:
            return share
    adjacent = _adjacent_metric(c, cands, view)
    if adjacent is not None and adjacent.start >= c.number.end:
        if c.kind.metric_hint and c.kind.kind in ("ratio", "delta") and _cue_after(c, view, before=adjacent.start):
            return None  # 88% faster gradient computation: the cue word between names the metric (speed)
        return adjacent  # 25.08% mIoU
    phrase = metric_phrase(view.text, c.number, rules, view.metrics, _name_spans(view), fits)
    if phrase is not None and not (phrase.written and view.metrics and _weak_head(phrase.raw, rules)):
        return phrase  # an MFU of 48.1%, a 4.1% reduction in solve time
    if c.kind.metric_hint and c.kind.kind in ("ratio", "delta") and adjacent is not None \
            and adjacent.end <= c.number.start and _cue_after(c, view):
        return None  # accuracy while being 3x smaller: the cue word after the number names its metric
    if adjacent is not None or (c.kind.metric_hint and c.kind.kind != "score"):
        return adjacent  # a change's own cue word (`reduction in size`) beats a far metric
    return _nearest(c.number, view.metrics, view)


def _share_metric(c: Candidate, view: SentenceView, rules: Rules, fits) -> Mention | MetricPhrase | None:
    """A share's metric: the phrase after it (16% of the training scale, 98% of the teacher's accuracy),
    else the first lexicon metric after it."""
    share = metric_phrase(view.text, c.number, rules, view.metrics, _name_spans(view), fits, group="metric.share_of")
    if share is not None:
        return share
    return next((m for m in view.metrics if 0 <= m.start - c.number.end <= 70), None)


def _name_spans(view: SentenceView) -> list[tuple[int, int]]:
    """The spans of the sentence's data sets and model names, where a metric phrase stops."""
    return [(m.start, m.end) for m in view.datasets] + [(nm[0], nm[1]) for nm in view.names]


def _cue_after(c: Candidate, view: SentenceView, before: int | None = None) -> bool:
    """Whether the metric cue word that hinted the candidate's metric follows it closely (3x smaller),
    ending by `before` where given."""
    end = c.kind.span_end or c.number.end
    hit = view.rules.patterns.first("metric.cue", view.text, end, min(len(view.text), end + 20))
    return hit is not None and hit[0].get("metric") == c.kind.metric_hint and (before is None or hit[1].end() <= before)


def _weak_head(phrase: str, rules: Rules) -> bool:
    """`the baseline score`: a phrase whose last word (rules group metric.weak_head) yields to a lexicon metric."""
    words = phrase.split()
    return bool(words) and any(p.regex.fullmatch(words[-1]) for p in rules.patterns.group("metric.weak_head"))


def _fitting(c: Candidate, rules: Rules):
    """Which lexicon metrics a number may have, by its unit: a % score none of another unit (WERs of
    3.1%/6.8% with only 12M parameters) and no unbounded cost, a physical unit none on a percent scale (an error of 0.8 mm),
    a time none measured in memory and the other way round (builds memory in 56 seconds)."""
    if c.kind.kind == "score" and c.number.unit == "%":  # nor a cost without bounds (85.4% is no model size)
        return lambda entry: entry.get("unit") in (None, "%") \
            and not (entry.get("kind") == "efficiency" and entry.get("scale") == "unbounded")
    if c.kind.rule == "unit.physical":
        return lambda entry: entry.get("scale") != "percent"
    own = dimension(c.kind.unit, rules.folder) if c.kind.kind == "efficiency" else None
    if own is not None:
        return lambda entry: dimension(entry.get("unit"), rules.folder) in (None, own)
    return lambda entry: True


def _a_list(mentions, text: str) -> bool:
    """Mentions written one after another as a list: `accuracy, precision and recall`."""
    return all(_NAME_LIST_GAP.fullmatch(text, a.end, b.start) for a, b in zip(mentions, mentions[1:]))


def _metric_before_from(c: Candidate, cands: list[Candidate], view: SentenceView) -> Mention | None:
    """`mCE from 76.0% to 48.9% and mFR from 57.7% to 32.3%`: the metric written right before `from A to B`
    is A's and B's."""
    i, text = cands.index(c), view.text
    first = cands[i - 1].number if i and _FROM_TO.fullmatch(text, cands[i - 1].number.end, c.number.start) else c.number
    at = _FROM_BEFORE.search(text, max(0, first.start - 6), first.start)
    if at is None:
        return None
    return next((m for m in view.metrics if m.end <= at.start()
                 and gap_is(view.rules, "metric.before_from", text, m.end, at.start())), None)


def _from_to_metric(c: Candidate, cands: list[Candidate], view: SentenceView) -> Mention | None:
    """`from 18.3 to 16.4 perplexity points`: the metric written once after a from-to is its first number's too."""
    i, text = cands.index(c), view.text
    if i + 1 >= len(cands) or not _FROM_TO.fullmatch(text, c.number.end, cands[i + 1].number.start) \
            or not _FROM_BEFORE.search(text, max(0, c.number.start - 6), c.number.start):
        return None
    return _adjacent_metric(cands[i + 1], cands, view, after_only=True)


def _parallel_metric(c: Candidate, cands: list[Candidate], view: SentenceView) -> Mention | MetricPhrase | None:
    """`11%, 22% and 74% in PSNR, LPIPS and SSIM`, `improves PSNR and SSIM by 1.2 and 0.03`: a list of
    numbers right beside a list of as many different metrics pairs with it in order."""
    i, text = cands.index(c), view.text
    first, last = _list_end(cands, i, -1, text), _list_end(cands, i, +1, text)
    count = last - first + 1
    if count < 2 or not view.metrics:
        return None
    start, end = cands[first].number.start, max(cands[last].number.end, cands[last].kind.span_end or 0)
    after = [m for m in view.metrics if m.start >= end][:count]
    before = [m for m in view.metrics if m.end <= start][-count:]
    for group, gap, side in ((after, (end, after[0].start if after else end), "list.metrics_after"),
                             (before, (before[-1].end if before else start, start), "list.metrics_before")):
        if len(group) == count and len({m.entry.id for m in group}) == count and _a_list(group, text) \
                and any(p.regex.fullmatch(text, *gap) for p in view.rules.patterns.candidates(side, text)):
            return group[i - first]
    gap = next((m for p in view.rules.patterns.candidates("list.metrics_after", text)
                if (m := p.regex.match(text, end)) is not None), None)
    listed = metric_list(text, gap.end(), count, view.rules, view.metrics) if gap else None
    return listed[i - first] if listed else None  # in PSNR, LPIPS and Depth L1: names no lexicon knows too


def _slash_metric(c: Candidate, cands: list[Candidate], view: SentenceView) -> Mention | MetricPhrase | None:
    """`accuracy/F1 from 0.71/0.83`: numbers paired by a slash take the metrics paired by one, in order."""
    i, text = cands.index(c), view.text
    slashed = partial(_slash_between, text)
    first, last = _run_end(cands, i, -1, slashed), _run_end(cands, i, +1, slashed)
    if first == last:
        return None
    named = slashed_metrics(text, cands[first].number.start, last - first + 1, view.rules, view.metrics)
    if named is not None:
        return named[i - first]  # rank1/mAP/mINP 91.05%/83.28%/68.84%
    metrics = [(a, b) for a, b in zip(view.metrics, view.metrics[1:]) if text[a.end:b.start].strip() == "/"]
    if len(metrics) != 1:
        return None
    return metrics[0][0] if i == first else metrics[0][1]


def _list_metric(c: Candidate, cands: list[Candidate], view: SentenceView) -> Mention | None:
    """`94.6% and 88.7% F1`, `1.9%/4.1% WER`: the metric after a list belongs to all its members."""
    i = cands.index(c)
    last = _list_end(cands, i, +1, view.text)
    return _adjacent_metric(cands[last], cands, view, after_only=True) if last > i else None


def _list_head(c: Candidate, cands: list[Candidate], view: SentenceView) -> Candidate | None:
    """The first member of the list a number ends (`75% and 81%`), None where it is no later member."""
    i = cands.index(c)
    first = _list_end(cands, i, -1, view.text)
    return cands[first] if first < i and cands[first].kind.kind == c.kind.kind else None


def _glued_to_decimal(rules: Rules, word: str) -> bool:
    """Letters against a decimal that are a metric's name or a unit's symbol (54.3AP, 28.9mm), no name's part."""
    return rules.metrics.spells(word) or glued_symbol(word, rules)


def _slash_between(text: str, a: Number, b: Number) -> bool:
    """`0.71/0.83`: two numbers joined by a slash."""
    return text[a.end:b.start].strip() == "/"


def _list_end(cands: list[Candidate], i: int, step: int, text: str) -> int:
    """The index of the last (step +1) or first (step -1) member of the list of numbers cands[i] is in."""
    return _run_end(cands, i, step, lambda a, b: _listed_after(a, b, text)
                    and _LIST_GAP_SHORT.fullmatch(text, a.end, b.start) is not None)


def _run_end(cands: list[Candidate], i: int, step: int, joined) -> int:
    """The index of the last (step +1) or first (step -1) of the numbers around cands[i] that `joined(a, b)`
    links, each to the next."""
    while 0 <= i + step < len(cands):
        a, b = (cands[i].number, cands[i + 1].number) if step > 0 else (cands[i - 1].number, cands[i].number)
        if not joined(a, b):
            break
        i += step
    return i


def _adjacent_metric(c: Candidate, cands: list[Candidate], view: SentenceView,
                     after_only: bool = False) -> Mention | None:
    """A metric right after the number (`25.08% mIoU`) or right before it (`TPR of 99.95%`)."""
    text, n = view.text, c.number
    others = [x.number for x in cands if x.number is not n]
    for m in view.metrics:
        if 0 <= m.start - n.end <= 30 and _METRIC_AFTER_GAP.fullmatch(text, n.end, m.start) \
                and not any(n.end <= o.start < m.start for o in others) \
                and not modified_broad(text, _past_article(text, n.end), m, view.rules):  # halves the geodesic error
            return m
    if after_only:
        return None
    before = [m for m in view.metrics if 0 <= n.start - m.end <= 45
              and not any(m.end <= o.start < n.start for o in others)
              and not _breaks(view.rules, text, m.end, n.start)]
    return before[-1] if before else None


def _past_article(text: str, at: int) -> int:
    """Where the words after `at` start, past a space and an article (`the`, `its`)."""
    m = _ARTICLE.match(text, at)
    return m.end() if m else at


def _nearest(n: Number, mentions, view: SentenceView, breaks=None):
    """The mention closest to the number in the same clause (`breaks` tells where one ends), preferring
    the one before."""
    text, breaks = view.text, breaks or _breaks
    best, best_d = None, None
    for m in mentions:
        lo, hi = (m.end, n.start) if m.end <= n.start else (n.end, m.start)
        if breaks(view.rules, text, lo, hi):
            continue
        d = hi - lo + (5 if m.start > n.end else 0)
        if best_d is None or d < best_d:
            best, best_d = m, d
    return best


def _dataset_for(c: Candidate, i: int, cands: list[Candidate], view: SentenceView, respectively: bool):
    if c.kind.kind in NO_DATASET_KINDS:
        return None, None, None
    same = [x for x in cands if x.kind.kind == c.kind.kind]
    listed = _listed_dataset(c, same, view, respectively)
    if listed is not None:
        return listed
    named = _bracket_set(c, view) if c.kind.kind == "data_size" else None
    if named is not None:
        return named
    m = _paren_dataset(c.number, view)
    if m is not None:
        return m, m.entry.canonical, True
    paren = _paren_name(c.number, view)
    if paren is not None and (c.kind.kind == "score" or (c.kind.kind == "delta" and _set_shaped(paren, view.rules))):
        return None, paren, False  # Scenery (21.512); gains on T2I-ReasonBench (+3.7)
    m = _set_from_to(c.number, view)
    if m is not None:
        return m, m.entry.canonical, True
    m, unknown = _nearest_dataset(c.number, cands, view)
    if m is not None:
        return m, m.entry.canonical, True
    name = unknown or _unknown_dataset(c, view)
    if name:
        return None, name, False
    last = _list_of(c, same, view.text)[-1]  # 57.9% and 60.5% mAP on HOSS-ReID: a list's data set is each member's
    return _dataset_for(last, i, cands, view, respectively) if last is not c else (None, None, None)


def _set_from_to(n: Number, view: SentenceView) -> Mention | None:
    """`on enwik8 from 0.99 to 0.94 bits/char, text8 from 1.08 to 1.04`: a data set right before `from`
    is the data set of both numbers of its from-to; `improving BC4CHEMD to 93.72%, Species800 to 80.91%`:
    one right before `to` is the number's, unless the number is measured on another (ImageNet to 45% AP on COCO)."""
    before = [m for m in view.datasets if m.end <= n.start]
    found = next((m for m in before if _FROM_SET_GAP.fullmatch(view.text, m.end, n.start)), None)
    if found is not None:
        return found
    to = next((m for m in before if _TO_SET_GAP.fullmatch(view.text, m.end, n.start)), None)
    return to if to and not any(_ON_SET.fullmatch(view.text, n.end, m.start) for m in view.datasets) else None


def _bracket_set(c: Candidate, view: SentenceView):
    """`10M caption-to-diagram pairs (MathCanvas-Imagen)`: a data set named in a bracket right after a size."""
    m = _BRACKET_AFTER.match(view.text, max(c.number.end, c.kind.span_end or 0))
    if m is None:
        return None
    known = next((d for d in view.datasets if d.start == m.start("inside") and d.end == m.end("inside")), None)
    if known is not None:
        return known, known.entry.canonical, True
    name = m.group("inside")
    if any(nm[0] == m.start("inside") and nm[1] == m.end("inside") for nm in view.names) \
            and _usable_name(name, m.end("inside"), view):
        return None, name, False
    return None


def _paren_name(n: Number, view: SentenceView) -> str | None:
    """`Scenery (21.512)`, `On GAIA (61.3%)`: a name right before the bracket a score stands in, less the
    words a sentence opens with; not a baseline's (`the previous best, DINO-L (61.2 box AP)`)."""
    paren = _PAREN_NAME.search(view.text, max(0, n.start - 40), n.start)
    if paren is None:
        return None
    start, end = paren.span("name")
    spaces = [k + 1 for k in range(start, end) if view.text[k] == " "]
    start = next((k for k in spaces for p in view.rules.patterns.group("dataset.lead")
                  if p.regex.match(view.text, start, k)), start)  # `On GAIA`: the lead word is no part of it
    name = view.text[start:end]
    if not name or not _usable_name(name, end, view) or \
            _in_baseline_slot((start, end, name), view):
        return None
    return name


def _listed_dataset(c: Candidate, same: list[Candidate], view: SentenceView, respectively: bool):
    """A list of numbers matched to a list of data sets in order: `... on A, B, and C, respectively`,
    `99.2% and 96.3% on QQP and MNLI`, `on A and B, achieving 89.0% and 82.1%`."""
    slot = view.slot
    ds = slot if len(slot) > len(view.datasets) else [(m.start, m.entry.canonical, m) for m in view.datasets]
    if not ds and respectively and len(view.previous) == len(same) > 1:  # on A, B and C. ... 89.4%, 81.9% and 81.4%, respectively
        return _in_order(view.previous, same, c)
    if len(slot) > 1 and len(same) % len(ds):  # 92.1%, 68.3% and 68.0% accuracy on A, B, and C, respectively,
        same = _list_of(c, same, view.text)    # with drops (0.2% on A and 1.4% on C): the list pairs with the slot's
        ds = slot if len(same) == len(slot) and slot[0][0] > same[-1].number.end else ds
    if len(ds) < 2 or len(same) % len(ds):
        return None
    after = ds[0][0] > same[-1].number.end  # 99.2% and 96.3% on QQP and MNLI
    before = ds[-1][0] < same[0].number.start and _a_list(view.datasets, view.text) and len(same) == len(ds)
    if not (respectively or (len(same) == len(ds) and after) or before):
        return None
    _, name, m = ds[same.index(c) // (len(same) // len(ds))]
    return (m, name, True) if m is not None else (None, name, False)


def _list_of(c: Candidate, same: list[Candidate], text: str) -> list[Candidate]:
    """The members of the list of numbers that `c` is in (itself alone where it is in none)."""
    i = same.index(c)
    return same[_list_end(same, i, -1, text):_list_end(same, i, +1, text) + 1]


def _in_order(mentions: tuple[Mention, ...], same: list[Candidate], c: Candidate):
    m = mentions[same.index(c)]
    return m, m.entry.canonical, True


def _slot_list(view: SentenceView) -> list[tuple[int, str, Mention | None]]:
    """The data sets of a list in a data-set slot (rules group dataset.list), known or not, as
    (start, name, mention); empty where the sentence has no such list."""
    hit = view.rules.patterns.first("dataset.list", view.text)
    if hit is None:
        return []
    start = hit[1].start("list")
    names, previous = [], ""
    for part in _LIST_SPLIT.split(hit[1].group("list")):
        at = view.text.index(part, start)
        start = at + len(part)
        if _VERSION.fullmatch(part):  # SQuAD 1.1 and 2.0: SQuAD 2.0
            versioned = _versioned(previous, part, view.rules)
            if versioned is None:
                return []
            names.append((at, *versioned))
            continue
        previous = part
        known = next((m for m in view.datasets if m.start == at), None)
        if known is None and not _usable_name(part, start, view):
            return []  # a list of other things: models, metrics, hardware
        names.append((at, known.entry.canonical if known else part, known))
    return names


def _versioned(previous: str, version: str, rules: Rules) -> tuple[str, Mention | None] | None:
    """`SQuAD 1.1 and 2.0`, `CoNLL-2005 and 2012`: the name before with its version or year replaced, when
    it ends with one of the same shape; the lexicon's canonical name where it knows the result."""
    cut = max(previous.rfind(" "), previous.rfind("-"))  # CoNLL-2005 and 2012: CoNLL-2012
    head, last = previous[:cut + 1], previous[cut + 1:]
    if cut < 1 or not _VERSION.fullmatch(last) or ("." in last) != ("." in version):
        return None
    name = head + version
    entry = rules.datasets.lookup(name)
    return (entry.canonical, None) if entry else (name, None)


def _usable_name(name: str, end: int, view: SentenceView) -> bool:
    """An unknown name that may be a data set: no metric, unit or generic word, not hardware (`GTX 1080Ti GPU`),
    no model's (a model family's name, rules group name.model, or one with a size in billions: V2P-7B; a data set's
    name may hold its size in thousands or millions: CoT-Edit-14K, HD-VILA-100M)."""
    rules = view.rules
    if rules.metrics.lookup(name) or rules.units.lookup(name) or _generic_name(name, rules) \
            or _BILLIONS.search(name) or any(p.regex.fullmatch(name) for p in rules.patterns.group("name.model")):
        return False
    hardware = rules.patterns.group("name.hardware_after")
    return not any(p.regex.match(view.text, end, min(len(view.text), end + p.window)) for p in hardware)


def _unknown_dataset(c: Candidate, view: SentenceView) -> str | None:
    """A name the text presents as a data set, or the data set a data size describes."""
    text, n = view.text, c.number
    if c.kind.kind in ("model_size", "ratio"):
        return None
    presented = [m for p in view.rules.patterns.candidates("dataset.presented", text)
                 for m in p.finditer(text)
                 if p.get("kind") != "after_result" and _usable_name(m.group("name"), m.end("name"), view)]
    after = [m for m in presented if m.start() >= n.end and not _breaks(view.rules, text, n.end, m.start())]
    if after or presented:
        return (after or presented)[-1 if not after else 0].group("name")
    slotted = [nm for nm in view.in_set_slot if nm[1] <= n.start and n.start - nm[1] <= 40
               and cue(view.rules, "dataset.measured_on", text, nm[0], nm[1]) and not _MODEL_SIZE.search(nm[2])
               and not _set_breaks(view.rules, text, nm[1], n.start)]
    if slotted and c.kind.kind != "data_size":
        return max(slotted)[2]  # improves accuracy on GrayCount250 from 20.0% to 85.3%
    if c.kind.kind == "data_size":
        named = [nm for nm in view.names if nm[1] <= n.start  # OmniZoo contains 32,979 sequences
                 and cue(view.rules, "dataset.holds", text, nm[0], nm[1])]
        named = named or [nm for nm in view.names if view.rules.patterns.first("dataset.name_follows", text,
                                                                               max(0, nm[0] - 12), nm[0])]
        return min(named, key=lambda nm: abs(nm[0] - n.start))[2] if named else None
    return None


def _set_breaks(rules: Rules, text: str, lo: int, hi: int) -> bool:
    """Whether a new clause or data-set slot (rules group dataset.break: `and on X`) starts within text[lo:hi]."""
    return _breaks(rules, text, lo, hi) or rules.patterns.first("dataset.break", text, lo, hi) is not None


def _past_relative(rules: Rules, text: str, end: int) -> int:
    """Where a relative clause right after a name (`GPT-4o, which scores ...`) ends: it speaks of the name."""
    hit = rules.patterns.first("clause.relative", text, end, min(len(text), end + 8))
    return hit[1].end() if hit and hit[1].start() == end else end


def _bracketed_after_other(nm: tuple[int, int, str], n: Number, view: SentenceView) -> bool:
    """`from 72.3 (PTv3) to 75.1`: a name in brackets right after another number is that number's only."""
    m = _BRACKET_OPEN_BEFORE.search(view.text, 0, nm[0])
    return m is not None and m.start() < n.start


def _breaks(rules: Rules, text: str, lo: int, hi: int) -> bool:
    """Whether a new clause starts within text[lo:hi] (rules group clause.break)."""
    return rules.patterns.first("clause.break", text, lo, hi) is not None


def _opens_with(view: SentenceView, first: Mention) -> bool:
    """`On COCO, ...`: the sentence opens with words that introduce its first data set."""
    return any(p.regex.match(view.text, 0, first.start)
               for p in view.rules.patterns.candidates("dataset.lead", view.text))


def _lead_dataset(view: SentenceView) -> Mention | None:
    """The data set a sentence opens with: `On COCO, ...`, `For ImageNet, ...`."""
    first = view.datasets[0] if view.datasets else None
    if first is not None and _opens_with(view, first) and \
            view.text[first.end:first.end + 2].startswith((",", " ,")):
        return first
    return None


def _paren_dataset(n: Number, view: SentenceView) -> Mention | None:
    """`Scenery (21.512)`, `WMT14 En-Fr (43.8 BLEU and 46.4 BLEU ...)`: a data set right before the bracket
    the number stands in."""
    text = view.text
    opening = text.rfind("(", max(0, n.start - 80), n.start)
    if opening < 0 or ")" in text[opening:n.start]:
        return None
    return next((m for m in view.datasets if 0 <= opening - m.end <= 2), None)


def _nearest_dataset(n: Number, cands: list[Candidate], view: SentenceView) -> tuple[Mention | None, str | None]:
    """The first data set named after the number in its clause (known or presented as one), else the nearest."""
    text = view.text
    aside = _ASIDE.match(text, n.end)  # 52.9% (+5.4% increase) on HMDB51: look past the aside
    after = aside.end() if aside else n.end
    partner = _to_partner(n, cands, text)
    if partner is not None:
        return _nearest_dataset(partner, cands, view)  # from 66.4% to 99.8% on X: the pair's data set is the first's
    before_metric = _set_before_metric(n, view)
    if before_metric is not None:
        return before_metric, None
    others = [x.number.start for x in cands if x.number is not n and not _COMPANION.search(text, max(0, x.number.start - 16), x.number.start)]
    end = min([o for o in others if o > after] + [len(text)])  # 74.4% mIoU at 230 FPS on CamVid: past `at 230`
    clause = view.rules.patterns.first("clause.break", text, n.end, end) \
        or view.rules.patterns.first("dataset.break", text, n.end, end)
    end = clause[1].start() if clause else end
    sets = [m for m in view.datasets if (m.start, m.end) not in view.training]
    sized = any(x.number is n and x.kind.kind == "data_size" for x in cands)
    sets = sets or ([] if sized else view.datasets)  # clips extracted from YouTube: a source sizes no data set
    known = next((m for m in sets if n.end <= m.start < end), None)
    lead = _lead_dataset(view)
    if lead is not None and (known is None or not view.rules.patterns.first("dataset.introduced", text,
                                                                            max(0, known.start - 8), known.start)):
        return lead, None  # On Kinetics-600, ... 70.4% ..., outperforming ImageNet pre-training
    hit = view.rules.patterns.first("dataset.presented", text, n.end, end)
    presented = hit[1] if hit and _usable_name(hit[1].group("name"), hit[1].end("name"), view) else None
    if presented and (known is None or presented.start() < known.start) and \
            not any(presented.start() <= m.start < presented.end() for m in view.datasets):
        return None, presented.group("name")
    if known is not None:
        return known, None
    only = sets[0] if len({m.entry.id for m in sets}) == 1 else None
    return _nearest(n, sets, view, _set_breaks) or only, None  # a sentence's only data set is its numbers'


def _set_before_metric(n: Number, view: SentenceView) -> Mention | None:
    """`improves ImageNet-A top-1 accuracy from 61.0% to 83.7%`: a data set written right before the
    metric that the number's phrase ends with is the number's data set."""
    text = view.text
    metric = next((m for m in reversed(view.metrics) if m.end <= n.start), None)
    if metric is None or not gap_is(view.rules, "metric.link", text, metric.end, n.start):
        return None
    return next((d for d in view.datasets if d.end <= metric.start and text[d.end:metric.start] == " "
                 and (d.start, d.end) not in view.training), None)


def _to_partner(n: Number, cands: list[Candidate], text: str) -> Number | None:
    """The second number of `from A to B` when `n` is A."""
    if not _FROM_BEFORE.search(text, max(0, n.start - 6), n.start):
        return None
    return next((x.number for x in cands if x.number.start > n.end and _FROM_TO.fullmatch(text, n.end, x.number.start)),
                None)


def _method_for(c: Candidate, view: SentenceView, own: MethodName | None, rules: Rules,
                taken: tuple = ()) -> tuple[str | None, bool | None]:
    """A model named right before the number in its clause, else the paper's own method; never a
    data set's or a metric's name (a paper that introduces a data set names no method by it), nor one
    of the names `taken` by the row's data set and metric."""
    method, proposed = _bracket_method(c, view, own, rules) or _improved_from(c, view) \
        or _named_method(c, view, own, rules, taken)
    if method is not None and (rules.datasets.lookup(method) or rules.metrics.lookup(method, cased=True)
                               or _set_shaped(method, rules)):
        return None, proposed
    return method, proposed


def _set_shaped(name: str, rules: Rules) -> bool:
    """`T2I-ReasonBench`, `GenEval++`: a name shaped like a benchmark's (rules group name.set_shaped)."""
    return any(p.regex.fullmatch(name) for p in rules.patterns.group("name.set_shaped"))


def _bracket_method(c: Candidate, view: SentenceView, own: MethodName | None,
                    rules: Rules) -> tuple[str | None, bool] | None:
    """`from 27% (baseline) to 61.4% (OmniVIC)`, `52.1 AP (ours)`: a bracket right after a number
    that names whose number it is: a model's name, the paper's own voice, or a competitor's words."""
    if c.kind.kind == "data_size":
        return None
    end = max(c.number.end, c.kind.span_end or 0)
    end = next((x.end for x in view.metrics if 0 <= x.start - end <= 2), end)  # 49.0 AP (DINO)
    m = _BRACKET_AFTER.match(view.text, end)
    if m is None:
        return None
    inner, at = m.group("inside"), m.start("inside")
    if own is not None and inner.startswith(own.name):
        return own.name, True
    if any(p.regex.fullmatch(inner) for p in rules.patterns.group("method.own")):
        return (own.name if own else None), True
    if any(nm[0] == at and nm[1] == m.end("inside") and nm not in view.in_set_slot for nm in view.names):
        return inner, False
    if any(p.regex.fullmatch(inner) for p in rules.patterns.group("method.bracket_other")):
        return inner, False
    return None


def _improved_from(c: Candidate, view: SentenceView) -> tuple[str, bool] | None:
    """`rStar-Coder improves Qwen2.5-7B from 17.4% to 57.3%`: the first number of `improves X from A` is X's,
    a baseline's."""
    text, n = view.text, c.number
    at = _FROM_BEFORE.search(text, max(0, n.start - 6), n.start)
    if at is None:
        return None
    name = _NAME_AT_END.search(text, max(0, at.start() - 60), at.start())  # not in view.names: a changed name
    if name is None or not cue(view.rules, "baseline.improved", text, name.start(), name.end()):
        return None
    return name.group("name"), False


def _named_method(c: Candidate, view: SentenceView, own: MethodName | None, rules: Rules,
                  taken: tuple) -> tuple[str | None, bool | None]:
    n, text = c.number, view.text
    if c.kind.kind == "data_size":
        return None, None
    named = [nm for nm in view.names if nm[1] <= n.start and n.start - nm[1] <= 80
             and nm[2] not in taken
             and not _breaks(view.rules, text, _past_relative(view.rules, text, nm[1]), n.start)
             and nm not in view.in_set_slot and not _bracketed_after_other(nm, n, view)]
    baseline = [nm for nm in named if nm in view.in_baseline_slot]
    if c.kind.kind in ("delta", "ratio", "relative"):
        named = [nm for nm in named if nm not in baseline]  # outperforms X by 2.1%: X is the baseline
    if named and named[-1] in baseline:
        if c.kind.kind == "score" and _right_after(named[-1], n, text):  # Y's 37.7%; the previous best, DINO-L (61.2 AP)
            return named[-1][2], False
        named = [nm for nm in named if nm not in baseline]  # X beats Y (7.2%) with a WER of 5.9%: not Y's
    if own is not None and any(nm[2].startswith(own.name) for nm in named):
        return own.name, True
    if named:
        name = named[-1][2]
        is_own = own is not None and (name == own.name or name.startswith(own.name))
        if not is_own and own is not None and _own_subject_before(named[-1], view):
            return own.name, True  # our method excels in multi-person HMR, with 89.2 mm MPJPE: the subject's
        if not is_own and own is not None and _speaks_of_itself(text[named[-1][1]:n.start], rules):
            return own.name, True  # compared with X, our engine attains 10x: the paper's own number
        return name, is_own or _speaks_of_itself(text[named[-1][1]:n.start], rules)
    if own is not None:
        return own.name, True
    return None, True if _speaks_of_itself(text, rules) else None


def _own_subject_before(name: tuple[int, int, str], view: SentenceView) -> bool:
    """Whether the paper's own method is the subject of the clause a name stands in (rules group
    method.own_subject right before it in the clause): the name is then no owner of the clause's numbers."""
    text, lo = view.text, max(0, name[0] - 80)
    hit = view.rules.patterns.first("method.own_subject", text, lo, name[0])
    return hit is not None and not _breaks(view.rules, text, hit[1].end(), name[0])


def _right_after(name: tuple[int, int, str], n: Number, text: str) -> bool:
    """Whether a number follows a name closely enough to be its own (`Y's 37.7%`, `Y, which scores 53.2%`),
    not the subject's (`X beats Y (7.2%) with a WER of 5.9%`)."""
    gap = text[name[1]:n.start]
    return len(gap) <= 20 and ")" not in gap and " with " not in gap


def _listed_method(c: Candidate, cands: list[Candidate], view: SentenceView,
                   own: MethodName | None) -> tuple[str | None, bool | None]:
    """`EfficientNet-B0 and ViT-S reach 91.2% and 89.6%, respectively`: a list of models before a list
    of as many numbers, matched in order."""
    same = [x for x in cands if x.kind.kind == c.kind.kind]
    before = [nm for nm in view.names if nm[1] <= same[0].number.start and nm not in view.in_set_slot]
    for k in range(len(before) - 1, 0, -1):  # the last list of names before the numbers
        run = [before[k]]
        while k > 0 and _NAME_LIST_GAP.fullmatch(view.text, before[k - 1][1], before[k][0]):
            k -= 1
            run.insert(0, before[k])
        if len(run) == len(same) > 1 and all(nm in view.in_baseline_slot for nm in run):
            return None, None  # X outperforms A and B by 3 and 5 points, respectively: A and B are baselines
        if len(run) == len(same) > 1:
            name = run[same.index(c)][2]
            return name, own is not None and name.startswith(own.name)
        if len(run) > 1:
            break
    return None, None


def _in_set_slot(name: tuple[int, int, str], view: SentenceView) -> bool:
    """`on GAIA`, `the ASD benchmarks`, `trained on X`: a name in a data set's slot is no method."""
    text, rules = view.text, view.rules
    if any(p.regex.match(text, name[1], min(len(text), name[1] + p.window)) for p in rules.patterns.group("name.set_after")):
        return True
    if cue(rules, "dataset.training", text, name[0], name[1]):
        return True  # trained on a subset of OpenMathInstruct-1: training data, no method
    if text.startswith(",", name[1]) and any(p.regex.match(text, 0, name[0])
                                             for p in rules.patterns.candidates("dataset.lead_name", text)):
        return True  # On the newly collected FooBench, models reach ...
    return rules.patterns.first("dataset.introduced", text, max(0, name[0] - 8), name[0]) is not None


def _in_baseline_slot(name: tuple[int, int, str], view: SentenceView) -> bool:
    """`than X`, `over X`, `compared to X`, `the previous best, X`: a name in a baseline's slot."""
    return baseline_for(view.text, name[0], name[0], [name], view.rules) is not None  # the cue right before it


def _speaks_of_itself(text: str, rules: Rules) -> bool:
    """`our`, `we`, `the proposed`: the rules group method.own."""
    return rules.patterns.first("method.own", text) is not None


def _result(paper: Paper, view: SentenceView, c: Candidate, rules: Rules, setting: str | None) -> Result:
    n, s = c.number, view.sentence
    own_unit_end = c.kind.span_end if c.kind.span_end and c.kind.span_end - n.end <= 40 else n.end
    start, end = s.start + n.start, s.start + own_unit_end
    scale = float(c.kind.unit_entry.get("scale", "1")) if c.kind.unit_entry else 1.0
    if c.kind.negative:
        scale = -scale
    value = n.value * scale if n.value is not None else None
    low, high = sorted((n.low * scale, n.high * scale))
    entry = rules.metrics.lookup(c.metric_name) if c.metric_name else None
    value_norm, unit_norm = normalize(value, c.kind.unit, entry.get("norm") if entry else None,
                                      entry.get("scale") if entry else None, rules.folder,
                                      physical=c.kind.rule == "unit.physical")
    return Result(
        result_id=_result_id(paper.paper_id, start, end, c.kind.kind),
        paper_id=paper.paper_id, kind=c.kind.kind, value=value, value_low=low,
        value_high=high, unit=c.kind.unit, qualifier=n.qualifier, text=paper.abstract[start:end],
        char_start=start, char_end=end, sentence=s.text, sentence_index=s.index, rule=c.kind.rule,
        confidence=c.kind.confidence, metric=c.metric_name, metric_raw=c.metric_raw,
        metric_known=entry is not None if c.metric_name else None,
        dataset=_edition(c, view), dataset_raw=c.dataset.raw if c.dataset else c.dataset_name,
        dataset_known=c.dataset_known, method=c.method, is_proposed=c.is_proposed,
        baseline=baseline_for(view.text, n.start, n.end, list(view.names), rules)
        if c.kind.kind in ("delta", "ratio", "relative") else None,
        setting=setting,
        task=c.dataset.entry.get("task") if c.dataset else None, uncertainty=n.uncertainty,
        direction=c.kind.direction if c.kind.kind in ("delta", "ratio") else None,
        value_norm=value_norm, unit_norm=unit_norm,
    )


def _edition(c: Candidate, view: SentenceView) -> str | None:
    """`the DCASE 2020 Challenge`: a lexicon data set written with a year right after it (that no alias
    holds) is that year's edition."""
    m = c.dataset
    if m is None or c.dataset_name != m.entry.canonical or m not in view.datasets:
        return c.dataset_name
    year = _YEAR_AFTER.match(view.text, m.end)
    return f"{c.dataset_name} {year.group('year')}" if year else c.dataset_name


def _result_id(paper_id: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha1(f"{paper_id}|{start}|{end}|{kind}".encode()).hexdigest()[:16]
