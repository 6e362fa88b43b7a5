"""What sort of result a number is (score, delta, ratio, relative, sizes, efficiency), or none.

The decision reads the number's own unit first, then the unit word after it,
then the cue patterns around it (rules/patterns.txt). Nothing here names a
metric, a dataset or a phrase.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import re

from .physical import PhysicalUnit, physical_unit
from .records import Number
from .rules import Entry, Mention, Rules
from .text import singular

YEAR = range(1900, 2100)
DATA_NOUN_MIN = 50  # the smallest count in a noun outside the unit lexicon that is a data set's size


@dataclass(frozen=True)
class Kind:
    """A number's kind, unit and direction, with the rule that decided them."""

    kind: str
    unit: str
    rule: str
    direction: str | None = None
    unit_entry: Entry | None = None
    metric_hint: str | None = None  # a canonical metric implied by a unit or cue word
    confidence: float = 0.7
    span_end: int | None = None     # where the written unit ends, when a unit word follows the number
    negative: bool = False          # a score written with a minus sign keeps it (a correlation of -0.41)


_LIST_TAIL = re.compile(r"""
    (?:\s*(?:,|and|or|to|/|–|-)\s*          # a list or range connector
       [\d.,]+\s?(?:[kKMBT]|million|billion)?  # and the next number of the list
    ){1,6}
    """, re.VERBOSE)
_PERCENT_TAIL = re.compile(r"""
    (?:(?:\s*(?:,|and|or)\s*(?:and\ )?[\d.]+)*   # the rest of a list: , 98.1% and 99.3% / , 5x and 11.7x,
       \s*(?:,|and|or)\s*(?:and\ )?[\d.]+\s?[%x×])+  # or of numbers whose unit follows the last: , 1, 2%
    """, re.VERBOSE)
_PLAIN_AFTER_GAP = re.compile(r"""
    \s?(?:[a-z]+\s)?   # 46.35 ROUGE-1, 77 average BERTScore
    """, re.VERBOSE)
_PLAIN_BEFORE_GAP = re.compile(r"""
    \s?(?:\([A-Za-z-]{1,12}\)\s?)?              # an acronym in brackets: AUROC (AUC)
    (?:(?:value|score|scores|of|is|was|at|to|=|:|reaches|reached|achieves|achieved|improves|improved
        |obtains|obtained|an?|the|average|mean|up|with|by|drops|increases|from|exceeding)\s?){0,4}
    """, re.VERBOSE)
_NAME_BEFORE = re.compile(r"""
    (?:[A-Z][\w-]*|\d)\ $   # a capitalized word or a version digit right before: OPT 66B, Llama 2 7B
    """, re.VERBOSE)
_COMPOUND = re.compile(r"""
    -\w   # image-classification: the unit word is the first half of a compound
    """, re.VERBOSE)
_WORDS_BEFORE_UNIT = re.compile(r"""
    ^\s?(?:(?!(?:on|in|for|at|to|with|by|from|and|or|than|of|over|under|per|across|into|is|are|was|were
             |the|its|their|our|this|that|which|while|when)\b)
        [A-Za-z][\w-]*\s){0,3}$   # at most three plain words (no preposition) between a number and its unit word
    """, re.VERBOSE)


_WORD_TIMES = re.compile(r"""
    (?:times|fold)$   # a multiplier written as a word: 15 times, 5-fold (not 3x)
    """, re.VERBOSE | re.IGNORECASE)
_DECIMAL = re.compile(r"""
    \d\.\d   # a decimal point between digits
    """, re.VERBOSE)
_SCALED = re.compile(r"""
    \d\s?(?:[MBT]|million|billion|trillion)\b   # 66B, 7 billion: a scaled count
    """, re.VERBOSE)


def unit_word(text: str, number: Number, rules: Rules) -> Mention | None:
    """The unit word after a number (`5,000 portrait photos`, `45M and 216M parameters`), offsets in `text`."""
    after = text[number.end:number.end + 80]
    tail = _LIST_TAIL.match(after)
    offset = tail.end() if tail else 0
    for mention in rules.units.find(after[offset:offset + 60]):
        gap = after[offset:offset + mention.start]
        if gap == "-" and not offset:  # a 285-image COCO-derived dataset: a size only before a data set's name
            gap = "" if cue(rules, "data.compound_set", text, number.end + mention.end,
                            number.end + mention.end) else gap
        if _WORDS_BEFORE_UNIT.match(gap) and not (gap.strip() == "" and mention.start > 1) \
                and not _COMPOUND.match(after, offset + mention.end):
            shift = number.end + offset
            return Mention(mention.entry, mention.start + shift, mention.end + shift, mention.raw)
        return None
    return None


def cue(rules: Rules, group: str, text: str, start: int, end: int):
    """The first pattern of `group` found on its side of the span [start, end)."""
    ends = None  # where an `after` cue may start: right after the span, or after the list it ends
    for pattern in rules.patterns.candidates(group, text):
        side = pattern.side
        if side == "before":
            if pattern.search(text, max(0, start - pattern.window), start):
                return pattern
        elif side == "after":
            if ends is None:
                tail = _PERCENT_TAIL.match(text, end)
                ends = {end, tail.end() if tail else end}  # the list tail matched once, not per pattern
            for at in ends:
                if pattern.regex.match(text, at, min(len(text), at + pattern.window)):
                    return pattern
        elif pattern.search(text):
            return pattern
    return None


DIGIT = re.compile(r"""
    \d   # a digit (Python's re: for a pattern this simple, faster than regex)
    """, re.VERBOSE)


def gap_is(rules: Rules, group: str, text: str, start: int, end: int) -> bool:
    """Whether text[start:end], the words between two things, is one of the rules `group`'s whole."""
    return any(p.regex.fullmatch(text, start, end) for p in rules.patterns.group(group))


def near(rules: Rules, group: str, text: str, start: int, end: int, window: int = 40):
    """The first pattern of `group` found anywhere within `window` characters of the span."""
    lo, hi = max(0, start - window), min(len(text), end + window)
    for pattern in rules.patterns.candidates(group, text):
        if pattern.search(text, lo, hi):
            return pattern
    return None


def classify(number: Number, text: str, rules: Rules, metrics: tuple[Mention, ...]) -> Kind | None:
    """The kind of a number in a sentence, or None when it is not a result."""
    has_metric = bool(metrics)
    if cue(rules, "not_result.setting", text, number.start, number.end):
        return None  # 256 x 256 images, 10% of the labels, 50 examples per class: settings
    if number.unit == "x":
        return _ratio(number, text, rules)
    if number.unit == "pp":
        return Kind("delta", "pp", "kind.points", "down" if number.sign == "-" else "up", confidence=0.8)
    if number.unit == "%":
        return _percent(number, text, rules, metrics)
    return _plain(number, text, rules, metrics)


def _ratio(number: Number, text: str, rules: Rules) -> Kind | None:
    if cue(rules, "not_result.ratio", text, number.start, number.end):
        return None  # 4x super-resolution, or the first of `2.25x, 5x and 11.7x outpainting`
    if _WORD_TIMES.search(number.unit_raw) and not cue(rules, "ratio.times_follow", text, number.start, number.end):
        return None  # each question 15 times, 5-fold cross-validation: repetitions, not a result
    down = near(rules, "ratio.down", text, number.start, number.end, 40)
    hint = near(rules, "metric.cue", text, number.start, number.end, 40)
    return Kind("ratio", "x", down.id if down else "kind.multiplier", "down" if down else "up",
                metric_hint=hint.get("metric") if hint else None, confidence=0.8)


def _percent(number: Number, text: str, rules: Rules, metrics: tuple[Mention, ...]) -> Kind | None:
    s, e, has_metric = number.start, number.end, bool(metrics)
    if cue(rules, "not_result", text, s, e) and not cue(rules, "delta.after", text, s, e):
        return None
    relative, kept = cue(rules, "relative", text, s, e), cue(rules, "relative.before", text, s, e)
    if kept is not None and kept.get("kind") == "unless_metric_after" and any(0 < m.start - e <= 2 for m in metrics):
        kept = None  # maintains 84.45% accuracy: a score (retains 99% accuracy: the teacher's share)
    if relative or (kept and not cue(rules, "delta.after", text, s, e)
                    and has_metric and not cue(rules, "delta.up", text, s, e)):
        hint = near(rules, "metric.cue", text, s, e, 60)
        return Kind("relative", "%", relative.id if relative else "relative.keep",
                    metric_hint=hint.get("metric") if hint else None, confidence=0.75)
    delta = _delta(number, text, rules)
    if delta:
        return delta
    budget = cue(rules, "relative.of_budget", text, s, e)
    if budget:  # 16% of the training compute: a share of what the work would otherwise take
        hint = near(rules, "metric.cue", text, s, e, 60)
        return Kind("relative", "%", budget.id, metric_hint=hint.get("metric") if hint else None, confidence=0.7)
    if has_metric or cue(rules, "score.verb", text, s, e) or cue(rules, "score.named", text, s, e):
        hint = near(rules, "metric.cue", text, s, e, 30)
        return Kind("score", "%", "kind.percent_score", metric_hint=hint.get("metric") if hint else None,
                    confidence=0.8 if has_metric else 0.5)
    return None


def _delta(number: Number, text: str, rules: Rules) -> Kind | None:
    s, e = number.start, number.end
    if number.sign:
        return Kind("delta", number.unit, "delta.sign", "down" if number.sign == "-" else "up", confidence=0.8)
    for group in ("delta.after", "delta.up", "delta.down"):
        pattern = cue(rules, group, text, s, e)
        if pattern:
            hint = near(rules, "metric.cue", text, *_own_stretch(text, s, e, 40), 0)
            return Kind("delta", number.unit, pattern.id, pattern.get("direction"),
                        metric_hint=hint.get("metric") if hint else None, confidence=0.75)
    return None


def _own_stretch(text: str, start: int, end: int, window: int) -> tuple[int, int]:
    """The text within `window` of a number's span that no other number's is closer to: not past the digits of
    another (0.09 percent better and 1.05x faster: `faster` is the 1.05x's)."""
    lo, hi = max(0, start - window), min(len(text), end + window)
    after = DIGIT.search(text, end, hi)
    lo = max((m.end() for m in DIGIT.finditer(text, lo, start)), default=lo)
    return lo, after.start() if after else hi


def _plain(number: Number, text: str, rules: Rules, metrics: tuple[Mention, ...]) -> Kind | None:
    mention = unit_word(text, number, rules)
    if mention is not None and not _fraction_of_things(number, mention):
        kind = _with_unit(number, text, rules, mention)
        return _as_capacity(kind, number, text, metrics) if kind and kind.kind == "data_size" else kind
    physical = physical_unit(text, number, rules)
    if physical is not None:
        return _with_physical(number, text, rules, metrics, physical)
    if _scaled(number) and _NAME_BEFORE.search(text, 0, number.start):
        return None  # OPT 66B, Llama 2 7B: a size inside a model's name
    if _scaled(number) and rules.patterns.first("model.context", text):
        noun = _match_after(rules, "data.noun", text, number.end)
        if noun is not None and noun.start("head") == number.end + 1:  # 13 million labels from 18 LLMs: a count of
            return _data_noun(number, text, rules)                       # another noun, right after the number
        unit = rules.units.lookup("param")  # a bare 45M measures what the parameter unit word does
        return Kind("model_size", "param", "kind.scaled_size", metric_hint=unit.get("metric") if unit else None,
                    confidence=0.6)
    if number.value is None:
        return None
    if number.sign == "-" and metrics and cue(rules, "score.signed", text, number.start, number.end):
        return Kind("score", "", "score.negative", confidence=0.7, negative=True)  # a correlation of -0.41
    if number.sign and (metrics or cue(rules, "delta.signed", text, number.start, number.end)):
        return Kind("delta", "", "delta.sign", "down" if number.sign == "-" else "up", confidence=0.7)  # gains on X (+8.3)
    return _plain_score(number, text, rules, metrics) or _data_noun(number, text, rules)


def _plain_delta(number: Number, text: str, rules: Rules, metrics) -> Kind | None:
    """A bare number that is a change: `by 2.7 AP`, `3.6 perplexity better than`."""
    s, e = number.start, number.end
    named_after = any(0 <= m.start - e <= 3 for m in metrics)
    if cue(rules, "delta.by", text, s, e) or (named_after and cue(rules, "delta.after", text, s, e)):
        return _delta(number, text, rules)
    return None


def _plain_score(number: Number, text: str, rules: Rules, metrics) -> Kind | None:
    """A bare number is a score only right beside a metric (`FID of 9.87`, `46.35 ROUGE-1`)."""
    if cue(rules, "not_result.index", text, number.start, number.end):
        return None
    if number.value in YEAR and "." not in number.raw:
        return None
    delta = _plain_delta(number, text, rules, metrics) if metrics else None
    if delta:
        return delta  # by more than 11 BLEU points
    if number.qualifier in ("<", ">") and "." not in number.raw:
        return None
    for m in metrics:
        if 0 <= m.start - number.end <= 12 and _PLAIN_AFTER_GAP.fullmatch(text, number.end, m.start):
            if _counted(number, m):
                return None  # 4 model sizes, 3 metrics: a count of the metric's kind, no value of it
            return Kind("score", "", "score.metric_after", confidence=0.8)
        if 0 <= number.start - m.end <= 40 and _PLAIN_BEFORE_GAP.fullmatch(text, m.end, number.start):
            return Kind("score", "", "score.metric_before", confidence=0.8)
    if metrics and "." in number.raw and cue(rules, "score.list", text, number.start, number.end):
        return Kind("score", "", "score.listed", confidence=0.6)
    if metrics and _DECIMAL.search(number.raw) and cue(rules, "score.near", text, number.start, number.end):
        return Kind("score", "", "score.decimal_beside_cue", confidence=0.55)
    if number.uncertainty is not None and _DECIMAL.search(number.raw):
        return Kind("score", "", "score.uncertainty", confidence=0.6)  # 0.91 ± 0.88: a measured value
    if not metrics and _DECIMAL.search(number.raw):
        if cue(rules, "score.generic_of", text, number.start, number.end):
            return Kind("score", "", "score.generic_of", metric_hint="score", confidence=0.5)  # with a score of 88.1
        if cue(rules, "score.bare_reported", text, number.start, number.end):
            return Kind("score", "", "score.bare_reported", confidence=0.45)  # scored 0.7709 on the test set
    if _DECIMAL.search(number.raw) and cue(rules, "score.on_named", text, number.start, number.end) \
            and not cue(rules, "delta.by", text, number.start, number.end) \
            and rules.patterns.first("score.reported", text, 0, number.start):
        return Kind("score", "", "score.on_named", confidence=0.5)  # results: 0.91 on GenEval, 82.16 on DPG-Bench
    return None


def _data_noun(number: Number, text: str, rules: Rules) -> Kind | None:
    """`a benchmark of 1,412 tasks`: a whole number before a noun that unit_words.txt lacks is a data
    size where the words before it describe a data set; the unit is the noun, in the singular."""
    if "." in number.raw or number.low < DATA_NOUN_MIN or number.qualifier in ("<", "<=") \
            or (number.value in YEAR and "," not in number.raw):
        return None
    noun = _match_after(rules, "data.noun", text, number.end)
    if noun is None or not cue(rules, "data.noun_context", text, number.start, number.end):
        return None
    return Kind("data_size", singular(noun.group("head")), "data.noun", confidence=0.5, span_end=noun.end("head"))


def _match_after(rules: Rules, group: str, text: str, at: int):
    """The match of the first pattern of `group` that starts right at `at`."""
    for pattern in rules.patterns.candidates(group, text):
        m = pattern.regex.match(text, at, min(len(text), at + pattern.window))
        if m:
            return m
    return None


def _counted(number: Number, metric: Mention) -> bool:
    """A whole number before a metric's name in the plural (`4 model sizes`) counts them."""
    raw, name = metric.raw.lower(), metric.entry.canonical.lower()
    return "." not in number.raw and raw.endswith("s") and not name.endswith("s")


def _with_physical(number: Number, text: str, rules: Rules, metrics, unit: PhysicalUnit) -> Kind | None:
    """85 ps, 0.8 mm, 12 °C: a time is an efficiency; another unit a score where the sentence names a
    metric."""
    negative = number.sign == "-"  # -1.25 nats, -90°: the sign is kept
    if unit.is_time:
        return Kind("efficiency", unit.symbol, "unit.physical", confidence=0.6, span_end=unit.end, negative=negative)
    if metrics:  # an error of 2.1°, not a 360° reconstruction
        return Kind("score", unit.symbol, "unit.physical", confidence=0.6, span_end=unit.end, negative=negative)
    return None


def _not_data(number: Number, text: str, rules: Rules, mention: Mention) -> bool:
    """A number before a data unit that is no data size: a modifier, a small or bounded count, a year, a setting."""
    entry = mention.entry
    compound = text.startswith("-", number.end)  # a 285-image ... dataset: the compound sizes the data set after it
    if not compound and cue(rules, "not_result.after_unit", text, mention.start, mention.end):
        return True
    if number.low < float(entry.get("min", "10")) or number.qualifier in ("<", "<=") \
            or (number.value in YEAR and "," not in number.raw):
        return True
    return bool(cue(rules, "not_result", text, number.start, number.end)
                and not rules.patterns.first("data.context", text))


def _as_capacity(kind: Kind, number: Number, text: str, metrics: tuple[Mention, ...]) -> Kind:
    """`a context window of 128K tokens`: a count right after a cost metric's name (the lexicon's kind=efficiency)
    measures that metric, it sizes no data."""
    named = next((m for m in metrics if 0 <= number.start - m.end <= 16 and m.entry.get("kind") == "efficiency"
                  and _PLAIN_BEFORE_GAP.fullmatch(text, m.end, number.start)), None)
    if named is None:
        return kind
    return replace(kind, kind="efficiency", rule=f"{kind.rule}.capacity", metric_hint=named.entry.canonical)


def _fraction_of_things(number: Number, mention: Mention) -> bool:
    """`51.1 mask AP`: a decimal before a word for things, which are counted whole (1.5M images has a
    scale, 2.5 hours is time): the word is no unit of the number."""
    return mention.entry.get("kind") == "data_size" and mention.entry.get("time") != "yes" \
        and not _scaled(number) and not float(number.low).is_integer()


def _scaled(number: Number) -> bool:
    return bool(_SCALED.search(number.raw))


def _with_unit(number: Number, text: str, rules: Rules, mention: Mention) -> Kind | None:
    entry = mention.entry
    kind, unit = entry.get("kind"), entry.get("unit")
    if kind == "data_size" and entry.get("time") == "yes" and cue(rules, "efficiency.time", text, number.start,
                                                                     number.end):
        return Kind("efficiency", unit, f"unit.{entry.id}.spent", unit_entry=entry, metric_hint="training time",
                    confidence=0.6, span_end=mention.end)  # takes 5 hours: time spent, not data
    in_name = _scaled(number) and _NAME_BEFORE.search(text, 0, number.start)  # ChatGLM2 6B, and 330 token/s
    rate = _match_after(rules, "unit.rate", text, mention.start) if kind == "data_size" and not in_name else None
    if rate is not None:  # 2,400 images/s: a throughput in the unit per second
        return Kind("efficiency", f"{unit}/s", f"unit.{entry.id}.rate", metric_hint="throughput",
                    confidence=0.7, span_end=rate.end())
    if kind == "count" or (kind == "data_size" and _not_data(number, text, rules, mention)) \
            or cue(rules, "not_result.hardware", text, mention.start, mention.end):
        return None  # things studied, no data size, or hardware (24GB GPUs)
    change = _delta(number, text, rules) if kind == "score" else None
    if change is not None:  # outperforms X by almost 5 dB PSNR: a change in the unit's metric
        return replace(change, unit=unit, unit_entry=entry, metric_hint=entry.get("metric"), span_end=mention.end)
    return Kind(kind, unit, f"unit.{entry.id}", unit_entry=entry, metric_hint=entry.get("metric"),
                confidence=0.75, span_end=mention.end)
