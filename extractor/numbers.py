"""The number grammar: every number as written, with value, bounds, unit and qualifier.

This module finds numbers; it does not decide which are results (match.py
does). It knows decimals, thousands separators, percent, multipliers, scale
words, exponents, ranges, ± and qualifiers, and it marks numbers that are part
of a name (`ResNet-50`, `GPT-3`) so that they are never taken for values.
Patterns are linear: possessive quantifiers and bounded repeats only.
"""
from __future__ import annotations

import math
import re
from typing import Callable, Iterable, Iterator

import regex

from .needles import may_hold, needles
from .records import Number

_SCALES = {"k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "million": 1e6, "B": 1e9, "G": 1e9,
           "billion": 1e9, "T": 1e12, "trillion": 1e12, "Mn": 1e6, "Bn": 1e9, "bn": 1e9,
           "Thousand": 1e3, "Million": 1e6, "Billion": 1e9, "Trillion": 1e12}  # 6 Million images
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100, "one hundred": 100, "thousand": 1000,
          "a thousand": 1000, "an": 1, "a": 1}
_QUALIFIERS = {
    "~": "~", "≈": "~", "∼": "~", "about": "~", "around": "~", "approximately": "~", "approx.": "~",
    "roughly": "~", "nearly": "~", "almost": "~", "close to": "~", "some": "~",
    "over": ">", "more than": ">", "greater than": ">", "exceeding": ">", "above": ">", "beyond": ">",
    "higher than": ">", ">": ">", "≥": ">=", ">=": ">=", "at least": ">=", "no less than": ">=",
    "up to": "<=", "at most": "<=", "no more than": "<=", "≤": "<=", "<=": "<=", "as much as": "<=",
    "as many as": "<=", "less than": "<", "fewer than": "<", "under": "<", "below": "<", "<": "<",
    "sub-": "<",
}

_NUMBER = r"""
    (?:\d{1,3}(?:,\d{3})++(?:\.\d++)?        # 1,167 or 240,000.5
      |\d{1,3}(?:[ \u202f]\d{3})++(?![\d.,]) # 10 000 (a space as thousands separator)
      |\d++(?:\.\d++)?                       # 99.95
      |\.\d++)                               # .92
"""
_SCALE = r"""(?:\ ?(?:[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion)\b|(?:k|K|M|B|G|T|Mn|Bn|bn)(?![A-Za-z0-9])
    |\ (?:K|M|B|T)(?=\ (?!(?:is|are|was|were|and|or|in|on|of|to|the|a|an|as|at|by|for|with)\b)[a-z]))"""  # a scale word or letter: 45M, 11 billion; a capital letter spaced off before a word: 1.45 M pairs

# The qualifier is looked for right before a number, not scanned for everywhere:
# a scan that must start at a sign or a digit skips the rest of the text fast.
_QUALIFIER = re.compile(r"""
    (?P<qualifier>(?:~|≈|∼|≥|≤|>=|<=|(?<![-=])>|<)\ ?  # a qualifier sign (not the head of an arrow: 44.1 -> 47.3)
       |(?<![A-Za-z])(?:about|around|approximately|approx\.|roughly|nearly|almost|close\ to|over|more\ than
          |greater\ than|higher\ than|exceeding|above|beyond|at\ least|no\ less\ than|up\ to
          |at\ most|no\ more\ than|as\ much\ as|as\ many\ as|less\ than|fewer\ than|under|below)\ (?#a word)
       |(?<![A-Za-z])sub-)$                             # sub-800 ms: under 800 ms
    """, re.VERBOSE | re.IGNORECASE)

_GRAMMAR = regex.compile(rf"""
    (?P<sign>(?<![A-Za-z])[+\-−](?=[\d.]))?        # an explicit sign: +3.68%, -11.97% (not a hyphen after a word)
    (?:(?P<mantissa>{_NUMBER})\ ?[x×*]\ ?10\^(?P<exp>[+\-−]?\d{{1,3}})   # 4.5 x 10^6
      |10\^(?P<pow>[+\-−]?\d{{1,3}})                                     # 10^19
      |(?P<num>{_NUMBER})(?P<enot>e[+\-−]?\d{{1,3}}(?![A-Za-z]))?         # a plain number, maybe 1e-4
       (?P<frac>(?<!\.\d*)/(?P<den>\d{{1,4}})(?![\d/.]))?                # a fraction of whole numbers: 1/10
       (?P<outof>/(?:5|10|100)(?:\.0+)?(?![\d.,/%]))?                     # a decimal out of a scale: 4.55/5.0, 8.1/10
       (?P<scale>{_SCALE})?)                                            # a scale: 45M, 11 billion
    (?:(?:(?P<pct1>%|[x×])(?=\ ?[-–—~]|\ to\ [\d.](?<!\b(?:from|improv\w*|increas\w*|rais\w*|boost\w*|lift\w*|reduc\w*|decreas\w*|cut\w*|lower\w*|drop\w*|grow\w*|ris\w*|went|goes|go)\b[^;]{{0,90}})))?(?P<dash>\ ?[-–—~]\ ?|(?(scale)|(?<!\bfrom\ \S{{1,25}}))\ to\ ?)   # a range: 9-64%, 2 - 6x, 120M to 13B, 9.51%-18.72%; `from 75.2% to 79%` is two numbers
       (?=[\d.])(?P<num2>{_NUMBER})(?P<scale2>{_SCALE})?(?(pct1)(?=\ ?(?:%|[x×]))))?
    (?P<pm>\ ?(?P<pmopen>\()?±\ ?(?P<unc>{_NUMBER})(?(pmopen)\)))?   # an uncertainty: 95.8 ± 1.2, 0.76 (±0.01)
    (?P<unit>\ ?%                                   # percent
      |\ ?(?:percent(?:age)?\ points?|percent(?:age)?\ pts?|pp|p\.p\.|points?|pts?)(?![A-Za-z])  # points
      |\ ?per\ ?cent\b|\ ?percent\b                 # percent in words
      |\ ?[x×](?![A-Za-z0-9])                       # a multiplier sign: 4x, 20 ×
      |\ ?-?\ ?times\b|-?\ ?fold\b)?               # times, -fold, 6times, 8-10times
    (?P<pm2>\ ?(?P<pmopen2>\(\ ?)?±\ ?(?P<unc2>{_NUMBER})\ ?%?(?(pmopen2)\)))?   # after the unit: 34.5% (± 1.8%), 68.4% ± 4.8%
    (?P<plus>\+(?![\d\w]))?                         # 10 billion+ : at least
    (?:\ ?\[{_NUMBER}%?\ ?[-–,]\ ?{_NUMBER}%?\])?     # an interval in square brackets: 94.63% [92.32-98.12]
    """, regex.VERBOSE | regex.ASCII)  # ASCII: \d is 0-9 only, so every digit it finds converts to a float

_WORD_MULTIPLIER = re.compile(r"""
    \b(?P<word>(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a\ hundred|hundred|a\ thousand|thousand)
      (?:\ orders?\ of\ magnitude)                  # an order of magnitude: x10
     |(?:two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)(?:-|\ )?(?:times|fold)\b)  # ten times
    |\b(?P<double>double[sd]?|doubling|twice|tripled|tripling|triples?(?=\ the\b)|halve[sd]?|halving)\b  # doubles, halves; triple the size (not KG triples)
    """, re.VERBOSE | re.IGNORECASE)
_WORD_COUNT = re.compile(r"""
    \b(?P<count>one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|a|an)
    \ (?P<scale>thousand|million|billion|trillion)\b   # one million videos, over two billion tokens
    (?!\ (?:times|fold)\b|-)                           # not a multiplier (a million times) or a compound word
    """, re.VERBOSE | re.IGNORECASE)

_BETWEEN_BEFORE = re.compile(r"""
    \bbetween\ $   # right before the first number of `between A and B`
    """, re.VERBOSE | re.IGNORECASE)
_RANGES_FROM_BEFORE = re.compile(r"""
    \brang(?:e|es|ed|ing)\ from\ $   # right before the first number of `ranging from A to B`
    """, re.VERBOSE | re.IGNORECASE)
_IN_NAME_LEFT = re.compile(r"""
    (?:[A-Za-z][\-/_.]?|\d[\-_.]?|[A-Za-z0-9]\ ?v|@)$   # ResNet-50, ViT-B/16, GPT3, v2, R@1: a name goes on (1.8/3.3 is two numbers)
    """, re.VERBOSE)
_SUB_LEFT = re.compile(r"""
    (?<![A-Za-z])[Ss]ub-$   # sub-800 ms, sub-1%: a bound, no name's digits
    """, re.VERBOSE)
_SCALED_LIST_LEFT = re.compile(r"""
    (?<![\w.])\d+(?:\.\d+)?[kKMBT]/$   # 42M/118M/205M parameters: a list of scaled numbers, no name
    """, re.VERBOSE)
_IN_NAME_RIGHT = re.compile(r"""
    (?:[A-Za-z_]|/[A-Za-z]|-[A-Z0-9]|\.\d|[x×]\d)   # 3080ti, ViT-B/16, 7B-Chat, 8x7B, 1.2.3: a name goes on
    """, re.VERBOSE)
_FACTOR_BEFORE = re.compile(r"""
    \b(?:an?\ )?factor\ of\ $   # by a factor of 20: a multiplier written before the number, part of its span
    """, re.VERBOSE | re.IGNORECASE)
_GLUED_WORD = re.compile(r"""
    (?P<word>[A-Za-z]{2,8})(?![A-Za-z0-9_\-])   # letters written against a number and ending there: 170ms, 2GB
    """, re.VERBOSE)
_MULTIPLIER_UNITS = {"x", "×", "times", "fold"}
_POINT_UNITS = {"percentage point", "percentage points", "percent point", "percent points", "pp", "p.p.", "point",
                "points", "pts", "pt",
                "percent pts", "percentage pts", "percent pt", "percentage pt"}


def find_numbers(text: str, masked: Iterable[tuple[int, int]] = (),
                 is_unit: Callable[[str], bool] | None = None, holds: Callable = may_hold,
                 is_metric: Callable[[str], bool] | None = None) -> list[Number]:
    """Every number of `text` outside the masked spans (names, URLs, citations) and outside words.

    `is_unit` tells whether letters written against a number (`170ms`, `2GB`) are a unit word, and
    `is_metric` whether those against a decimal are a metric's name or a physical unit's symbol (`54.3AP`,
    `28.9mm`): either makes them no part of a name. `holds`: the needle test (see `may_hold_word_number`)."""
    masks = sorted(masked)
    found = list(_parsed(text, is_unit, is_metric))
    found += _word_numbers(text, holds)
    found.sort(key=lambda n: n.start)
    return _ranges_in_words([n for n in found if not _covered(n, masks)], text)


def _parsed(text: str, is_unit: Callable[[str], bool] | None,
            is_metric: Callable[[str], bool] | None) -> Iterator[Number]:
    """The numbers the grammar finds, left to right; where a range's first number is a name's digits
    (`Species800 to 80.91%`), its second is looked for on its own."""
    pos = 0
    while (m := _GRAMMAR.search(text, pos)) is not None:
        if m.group("den") and len(m.group("den")) > 1 and float(m.group("num").replace(",", "")) > float(m.group("den")):
            m = _GRAMMAR.match(text, m.start(), m.start("frac"))  # 124/78 FPS: a pair, no fraction (1/10, 24/7 are)
        n = _parse(m, text, is_unit, is_metric)
        if n is not None:
            yield n
        pos = m.start("num2") if n is None and m.group("num2") is not None else m.end()


def _ranges_in_words(numbers: list[Number], text: str) -> list[Number]:
    """`between 3 and 11 hours`, `ranges from 5% to 35%`: two numbers that words make one range
    (a plain `from 75.2% to 79%` stays two numbers, a baseline's and a method's)."""
    out: list[Number] = []
    for n in numbers:
        a = out[-1] if out else None
        gap = text[a.end:n.start] if a is not None else ""
        if a is not None and a.unit_raw in ("", n.unit_raw) and a.value is not None and n.value is not None \
                and a.unit in ("", n.unit) and not (_is_year(a) and _is_year(n)) \
                and (gap == " and " and _BETWEEN_BEFORE.search(text, max(0, a.start - 12), a.start)
                     or gap == " to " and _RANGES_FROM_BEFORE.search(text, max(0, a.start - 20), a.start)):
            out[-1] = Number(text[a.start:n.end], a.start, n.end, None, min(a.low, n.low), max(a.high, n.high), n.unit,
                             a.qualifier, None, "", n.unit_raw, n.is_percent_points)
            continue
        out.append(n)
    return out


def _is_year(n: Number) -> bool:
    return n.value is not None and n.raw.isdigit() and 1900 <= n.value <= 2100


def _scaled(value: float, scale: float) -> float:
    """`value * scale` without the binary tail of the product (4.1M is 4100000.0, not 4099999.9999999995)."""
    return value if scale == 1.0 else float(f"{value * scale:.12g}")


def _covered(n: Number, masks: list[tuple[int, int]]) -> bool:
    return any(s < n.end and n.start < e for s, e in masks)


def _parse(m: regex.Match, text: str, is_unit: Callable[[str], bool] | None = None,
           is_metric: Callable[[str], bool] | None = None) -> Number | None:
    core_start = m.start("sign") if m.group("sign") else _core_start(m)
    if _IN_NAME_LEFT.search(text, max(0, core_start - 3), core_start) \
            and not _SCALED_LIST_LEFT.search(text, max(0, core_start - 12), core_start) \
            and not _SUB_LEFT.search(text, max(0, core_start - 4), core_start) \
            and not (m.group("unit") and "%" in m.group("unit") and "." in (m.group("num") or "")):
        return None  # ResNet-50, GPT3; not `datasets-97.55%` (a hyphen for a dash: no name ends in a decimal percent)
    if _IN_NAME_RIGHT.match(text, m.end()) and not m.group("unit") and not _glued_unit(text, m.end(), is_unit) \
            and not ("." in m.group() and _glued_unit(text, m.end(), is_metric)):  # 54.3AP, not ResNet50v2
        return None
    low, high = _finite_bounds(m)
    if low is None:
        return None
    unit, points = _unit(m.group("unit"))
    value = low if high == low else None
    start, qualifier = _qualifier_before(text, core_start)
    factor = _FACTOR_BEFORE.search(text, max(0, start - 14), start) if not unit else None
    if factor is not None:
        unit, start = "x", factor.start()
    if m.group("plus"):
        qualifier = ">="
    return Number(raw=text[start:m.end()].rstrip(), start=start, end=start + len(text[start:m.end()].rstrip()),
                  value=value, low=low, high=high, unit=unit, qualifier=qualifier,
                  uncertainty=_float(m.group("unc") or m.group("unc2")), sign=_sign(m.group("sign")),
                  unit_raw=(m.group("unit") or "").strip(), is_percent_points=points)


def _qualifier_before(text: str, at: int) -> tuple[int, str]:
    """Where a number's span starts, with the qualifier words before it (`more than 70%` is > 70)."""
    before = _QUALIFIER.search(text, max(0, at - 24), at)
    if before is None:
        return at, "="
    return before.start(), _QUALIFIERS.get(before.group("qualifier").strip().lower(), "=")


def _glued_unit(text: str, end: int, is_unit: Callable[[str], bool] | None) -> bool:
    """Whether the letters right after a number are a unit written against it (170ms), not a name's."""
    word = _GLUED_WORD.match(text, end) if is_unit is not None else None
    return word is not None and is_unit(word.group("word"))


def _core_start(m: regex.Match) -> int:
    for name in ("mantissa", "pow", "num"):
        if m.group(name) is not None:
            return m.start(name) if name != "pow" else m.start("pow") - 3
    return m.start()


def _finite_bounds(m: regex.Match) -> tuple[float | None, float | None]:
    """The bounds, or none for a number past the float range (`1e400`, `10^999`): not a result."""
    try:
        low, high = _bounds(m)
    except OverflowError:  # an int power of ten too large for a float
        return None, None
    if low is None or not (math.isfinite(low) and math.isfinite(high)):  # 400 nines: inf
        return None, None
    return low, high


def _bounds(m: regex.Match) -> tuple[float | None, float | None]:
    if m.group("mantissa"):
        value = _float(m.group("mantissa")) * 10 ** int(m.group("exp").replace("−", "-"))
        return value, value
    if m.group("pow"):
        value = 10.0 ** int(m.group("pow").replace("−", "-"))
        return value, value
    low = _float(m.group("num"))
    if m.group("enot"):
        low *= 10 ** int(m.group("enot")[1:].replace("−", "-"))
    if m.group("den"):
        den = float(m.group("den"))
        low = low / den if den else None
        if low is None:
            return None, None
    scale = _SCALES.get((m.group("scale") or "").strip(), 1.0)
    low = _scaled(low, scale)
    if m.group("num2") is None:
        return low, low
    scale2 = _SCALES.get((m.group("scale2") or "").strip(), scale)
    if not m.group("scale") and m.group("scale2"):
        low = _scaled(low, scale2)  # "2-3 billion": the scale belongs to both ends
    high = _scaled(_float(m.group("num2")), scale2)
    if high < low:
        return None, None  # a falling pair is no range
    return low, high


def _float(raw: str | None) -> float | None:
    if raw is None:
        return None
    return float(raw.replace(",", "").replace(" ", "").replace("\u202f", ""))


def _sign(raw: str | None) -> str:
    return "" if not raw else ("+" if raw == "+" else "-")


def _unit(raw: str | None) -> tuple[str, bool]:
    """The canonical unit of a percent or multiplier ending, and whether it means points."""
    word = (raw or "").strip().lstrip("-").strip().lower()
    if not word:
        return "", False
    if word in ("%", "percent", "per cent", "percentage"):
        return "%", False
    if word in _POINT_UNITS:
        return "pp", True
    if word in _MULTIPLIER_UNITS or word.endswith(("times", "fold")):
        return "x", False
    return "", False


_WORD_MULTIPLIER_NEEDLES = needles(_WORD_MULTIPLIER.pattern, re.VERBOSE)  # times, fold, twice, ...
_WORD_COUNT_NEEDLES = needles(_WORD_COUNT.pattern, re.VERBOSE)  # thousand, million, ...


WORD_NUMBER_NEEDLES = tuple(n for clauses in (_WORD_MULTIPLIER_NEEDLES, _WORD_COUNT_NEEDLES)
                            for clause in clauses or () for n in clause)  # for a shared needle finder


def may_hold_word_number(text: str, holds: Callable = may_hold) -> bool:
    """Whether `text` may hold a number in words (a multiplier, a scaled count): `in` tests for
    the words the patterns cannot match without (read from them), far cheaper than the regexes.
    `holds`: `may_hold`, or `Patterns.holds`, which reads the needles found in a sentence once for
    every rule (given WORD_NUMBER_NEEDLES)."""
    return holds(_WORD_MULTIPLIER_NEEDLES, text) or holds(_WORD_COUNT_NEEDLES, text)


def _word_numbers(text: str, holds: Callable = may_hold) -> list[Number]:
    """Numbers in words: multipliers (ten times, an order of magnitude, doubles, halves) and
    scaled counts (one million videos); not a word of a name (BLINK-Twice)."""
    found = []
    if holds(_WORD_MULTIPLIER_NEEDLES, text):
        for m in _WORD_MULTIPLIER.finditer(text):
            value = _word_value(m)
            if value is not None and not _in_name(text, m.start()):
                found.append(Number(raw=m.group(), start=m.start(), end=m.end(), value=value, low=value,
                                    high=value, unit="x", unit_raw=m.group()))
    if holds(_WORD_COUNT_NEEDLES, text):
        found += [_word_count(m, text) for m in _WORD_COUNT.finditer(text) if not _in_name(text, m.start())]
    return found


def _in_name(text: str, start: int) -> bool:
    """A word joined to the word before it by a hyphen or underscore is part of a name (BLINK-Twice)."""
    return start > 1 and text[start - 1] in "-_" and text[start - 2].isalnum()


def _word_count(m: re.Match, text: str) -> Number:
    """A count in words with its scale: `over two million` is > 2e6."""
    count = m.group("count").lower()
    value = float(_WORDS.get(count, 1)) * _SCALES[m.group("scale").lower()]
    start, qualifier = _qualifier_before(text, m.start())
    return Number(raw=text[start:m.end()], start=start, end=m.end(), value=value, low=value, high=value,
                  qualifier=qualifier)


def _word_value(m: re.Match) -> float | None:
    if m.group("double"):
        word = m.group("double").lower()
        return 2.0 if word.startswith(("doub", "twice")) else 3.0 if word.startswith("tripl") else 2.0
    word = m.group("word").lower()
    if "magnitude" in word:
        count = _WORDS.get(word.split(" order")[0].strip(), 1)
        return 10.0 ** count
    head = re.split(r"[- ]", word)[0]
    return float(_WORDS[head]) if head in _WORDS else None
