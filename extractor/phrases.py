"""The phrase a number stands in, and the metric that phrase names.

`an MFU of 48.1%`, `a 4.1% reduction in solve time`, `the Chamfer Distance drops
by 21%`: the head of the phrase is the number's metric. Where the head holds a
lexicon metric, that metric is the answer; where it holds none, the head is the
metric as written (lower case unless an acronym). The phrasings are the rules
group `metric.phrase` (rules/patterns.txt); nothing here names a metric.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Number
from .rules import Mention, Rules

_ACRONYM = re.compile(r"""
    [A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z0-9]   # two capitals or a capital and a digit: MFU, mAP, ROUGE-L's parts
    | [A-Z]                              # or a capital alone: J (region similarity), F
    """, re.VERBOSE)
_ACRONYM_PLURAL = re.compile(r"""
    [A-Z][A-Z0-9]+s   # capitals with a plural s: CERs, MOSs
    """, re.VERBOSE)
_CORE = re.compile(r"""
    [^A-Za-z\s]   # the first mark or digit of a number's span: after its qualifier words (below 7%), not ~
    """, re.VERBOSE)
_LIST_END = re.compile(r"""
    ,?\ respectively | [.;:)] | $   # where a list of names ends
    """, re.VERBOSE)
_LIST_SEPARATOR = re.compile(r"""
    ,\ (?:and\ |or\ )? | \ (?:and|or)\    # between the names of a list: `A, B, and C`, `A and B`
    """, re.VERBOSE)
_LIST_ITEM = re.compile(r"""
    (?!(?:the|a|an|our|its|their|all|both|each|three|four|five|other|various|several)\ )  # no determiner
    [A-Za-z][\w@+-]*(?:\ [A-Za-z0-9][\w@+-]*){0,2}   # one to three words
    """, re.VERBOSE)
_SLASHED_NAMES = re.compile(r"""
    (?<![\w@+/-])(?:[A-Za-z][\w@+-]*/){1,5}[A-Za-z][\w@+-]*   # names joined by slashes: rank1/mAP/mINP
    (?=(?:\ (?:of|=|:|is|are|at|reaches|reached))?\ ?$)          # right before the numbers, with at most a word between
    """, re.VERBOSE)
_BRACKETED_ACRONYM = re.compile(r"""
    \ \((?P<acronym>[A-Z][A-Za-z0-9-]{0,8}[A-Z0-9])\)   # the acronym a phrase defines: `... Errors (NMAE)`
    """, re.VERBOSE)
_MARKS = "<>~≈≤≥"  # comparison marks a number may be written with (>99%)
_WORD = re.compile(r"""
    [^\s]+   # one word of a phrase
    """, re.VERBOSE)


@dataclass(frozen=True)
class MetricPhrase:
    """The phrase a number stands in: `raw == text[start:end]`; `mention` is the lexicon metric
    inside it, else `written` is the phrase as a metric name."""

    raw: str
    start: int
    end: int
    mention: Mention | None = None
    written: str | None = None


def metric_phrase(text: str, number: Number, rules: Rules, metrics: tuple[Mention, ...],
                  names: list[tuple[int, int]], fits=lambda entry: True,
                  group: str = "metric.phrase") -> MetricPhrase | None:
    """The first phrase of the rules `group` (metric.phrase; metric.share_of for a share) that the
    number stands in, with a metric in it (a lexicon mention, or its head as written); `names` are
    spans (data sets, models) a phrase's metric stops at; `fits` tells which lexicon metrics the
    number may have."""
    for pattern in rules.patterns.candidates(group, text):
        if pattern.get("kind") == "signed_only" and not (number.sign or number.raw[:1] in _MARKS):
            continue
        m = _phrase_match(pattern, text, number)
        if m is None:
            continue
        start, end = m.span("name")
        inside = [x for x in metrics if x.start < end and start < x.end]
        start = max([start] + [e for s, e in names if start <= e < end])  # `GPT-4 win rate`: the words after the name
        acronym = _defined_acronym(text, start, end, inside, rules)
        if acronym is not None:
            return acronym  # Normalized Mean Absolute Errors (NMAE) of 6.8%: NMAE, not MAE
        if inside and not modified_broad(text, start, inside[-1], rules):
            return MetricPhrase(m.group("name"), m.start("name"), end, mention=_head_mention(text, inside, rules))
        if pattern.get("kind") == "known_only" and not inside and not _broad_head(text[start:end], rules):
            continue  # only a lexicon metric, or a broad one's word with words of its own (force prediction error)
        written = _as_metric(text[start:end], rules, fits)
        if written:
            return MetricPhrase(text[start:end], start, end, written=written)
    return None


def metric_list(text: str, start: int, count: int, rules: Rules, metrics: tuple[Mention, ...],
                fits=lambda entry: True) -> list[Mention | MetricPhrase] | None:
    """`in PSNR, LPIPS, and Depth L1, respectively`: the list of `count` names from `start` to where the
    list ends, when one at least is a lexicon metric and each is short; a known one as its mention, the
    others as written. None where the text there is no such list."""
    stop = _LIST_END.search(text, start, min(len(text), start + 90))
    if stop is None:
        return None
    pos, items = start, []
    for sep in [*_LIST_SEPARATOR.finditer(text, start, stop.start()), None]:
        end = sep.start() if sep else stop.start()
        if not _LIST_ITEM.fullmatch(text, pos, end):
            return None
        items.append((pos, end))
        pos = sep.end() if sep else end
    return _named(text, items, rules, metrics, fits) if len(items) == count else None


def slashed_metrics(text: str, end: int, count: int, rules: Rules, metrics: tuple[Mention, ...],
                    fits=lambda entry: True) -> list[Mention | MetricPhrase] | None:
    """`rank1/mAP/mINP 91.05%/83.28%/68.84%`: `count` names joined by slashes right before `end` (the first
    number of as many joined by slashes), one a lexicon metric at least; the others as written."""
    m = _SLASHED_NAMES.search(text, max(0, end - 80), end)
    if m is None or m.group().count("/") != count - 1:
        return None
    items, pos = [], m.start()
    for word in m.group().split("/"):
        items.append((pos, pos + len(word)))
        pos += len(word) + 1
    return _named(text, items, rules, metrics, fits)


def _named(text: str, items: list[tuple[int, int]], rules: Rules, metrics: tuple[Mention, ...],
           fits) -> list[Mention | MetricPhrase] | None:
    """The spans of a list of names as metrics: a lexicon mention where one spans the name, the name as
    written otherwise; None unless one at least is a lexicon metric and each names a metric."""
    known = {(m.start, m.end): m for m in metrics}
    if not any(span in known for span in items):
        return None
    written = [known.get(span) or _as_metric(text[span[0]:span[1]], rules, fits) for span in items]
    if any(w is None for w in written):
        return None
    return [w if isinstance(w, Mention) else MetricPhrase(text[a:b], a, b, written=w)
            for w, (a, b) in zip(written, items)]


def _defined_acronym(text: str, start: int, end: int, inside: list[Mention], rules: Rules) -> MetricPhrase | None:
    """`Normalized Mean Absolute Errors (NMAE) of`: an acronym the text defines right after a phrase whose
    lexicon metric has words of its own before it names the phrase, when no lexicon knows the acronym."""
    m = _BRACKETED_ACRONYM.match(text, end)
    if m is None or not inside or inside[0].start <= start or rules.metrics.lookup(m.group("acronym")):
        return None
    return MetricPhrase(m.group("acronym"), m.start("acronym"), m.end("acronym"), written=m.group("acronym"))


def _head_mention(text: str, inside: list[Mention], rules: Rules) -> Mention:
    """The last lexicon metric of a phrase, unless it is an empty head word (rules group metric.empty_head)
    right after another one: `average MAE performance` is a MAE."""
    last = inside[-1]
    if len(inside) > 1 and text[inside[-2].end:last.start] == " " and \
            any(p.regex.fullmatch(last.raw) for p in rules.patterns.group("metric.empty_head")):
        return inside[-2]
    return last


def modified_broad(text: str, start: int, mention: Mention, rules: Rules) -> bool:
    """`a rotational error of 0.19`: a broad metric word (rules group metric.broad) with words of its
    own before it in the phrase names the phrase, not the broad metric."""
    return mention.start > start and text[start:mention.start].strip() != "" and \
        any(p.regex.fullmatch(mention.raw) for p in rules.patterns.group("metric.broad"))


def _broad_head(phrase: str, rules: Rules) -> bool:
    """Whether a phrase of two words or more ends with a broad metric's word (rules group metric.broad)."""
    words = phrase.split()
    return len(words) > 1 and any(p.regex.fullmatch(words[-1]) for p in rules.patterns.group("metric.broad"))


def _phrase_match(pattern, text: str, number: Number):
    if pattern.side == "after":
        return pattern.regex.match(text, number.end, min(len(text), number.end + pattern.window))
    core = _CORE.search(number.raw)  # `stay below 7%`: the phrase may end with the qualifier word
    end = number.start + (core.start() if core else 0)
    return pattern.search(text, max(0, end - pattern.window), end)


def _as_metric(phrase: str, rules: Rules, fits) -> str | None:
    """A phrase's head as a metric name: trimmed of change words, None where it names no metric;
    a lexicon alias gives its canonical name."""
    phrase = phrase.strip(" -")
    trim = rules.patterns.first("metric.phrase_trim", " " + phrase + " ")
    if trim is not None and trim[1].end() >= len(phrase) + 1:
        phrase = phrase[:max(0, trim[1].start() - 1)].strip()
    if not phrase or any(p.regex.fullmatch(phrase) for p in rules.patterns.group("metric.phrase_generic")) \
            or any(p.regex.fullmatch(phrase.rsplit(" ", 1)[-1]) for p in rules.patterns.group("metric.phrase_not_head")):
        return None
    entry = rules.metrics.lookup(phrase) or (rules.metrics.lookup(phrase[:-1]) if phrase.endswith("s") else None)
    if entry is not None and fits(entry):
        return entry.canonical
    words = [w if _ACRONYM.fullmatch(w) else w.lower() for w in _WORD.findall(phrase)]
    if _ACRONYM_PLURAL.fullmatch(words[-1]):
        words[-1] = words[-1][:-1]  # CERs -> CER; words stay as written (energy savings, task steps)
    return " ".join(words)
