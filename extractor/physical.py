"""Units outside the lexicon: a symbol after a number that pint reads (85 ps, 0.8 mm, 12 °C, 3 N/m).

The words people write after numbers are the unit lexicon (rules/unit_words.txt);
this is the fallback for physical units it does not list. pint's own registry
reads them, so `mm`, `ps`, `kHz`, `N/m` and `°C` need no rule each. pint also
reads ordinary words and scale letters as units (`in` is inches, `a` a year,
`B` a byte, `M` molar), so a symbol must look like one and not be one of the
words of the rules group unit.not_physical.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .records import Number
from .rules import Rules

_SYMBOL = re.compile(r"""
    \ ?(?P<unit>
      (?:[°µμΩ][A-Za-z°Ω]{0,4}            # °C, µm, Ω
        |[a-z]{0,4}[A-Z][A-Za-z]{0,4}      # one capital at least: dB, kHz, mW, N, TOPS
        |[a-z]{1,3})                       # or three lower-case letters at most: ps, mm, kg (words are longer)
      (?:\ ?/\ ?[A-Za-z°µμΩ]{1,4})?        # per something: N/m, m/s
      [²³]?                                # m², cm³
    )(?![\w/°²³-])                         # the symbol ends there
    """, re.VERBOSE)


@dataclass(frozen=True)
class PhysicalUnit:
    """A unit symbol after a number: `raw == text[start:end]`; `symbol` as pint writes it."""

    raw: str
    start: int
    end: int
    symbol: str
    is_time: bool


def physical_unit(text: str, number: Number, rules: Rules) -> PhysicalUnit | None:
    """The physical unit written right after a number, if pint reads it and it looks like a symbol."""
    m = _SYMBOL.match(text, number.end)
    if m is None or not m.group("unit") or number.unit:
        return None
    raw = m.group("unit")
    if _not_physical(raw, rules):
        return None
    if rules.metrics.lookup(raw) or rules.datasets.lookup(raw):
        return None
    read = _read(raw)
    if read is None:
        return None
    return PhysicalUnit(raw, m.start("unit"), m.end("unit"), *read)


@lru_cache(maxsize=512)
def _read(raw: str) -> tuple[str, bool] | None:
    """(symbol, is a time) for a unit pint reads, else None; each spelling is parsed once per process."""
    import pint

    try:
        unit = _registry().parse_units(raw)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, KeyError):
        return None
    if unit.dimensionless and raw not in ("dB", "°", "deg", "rad"):
        return None  # percent, counts, and the like are not physical units
    return f"{unit:~}".replace(" ", ""), unit.dimensionality == _registry().parse_units("s").dimensionality


def prepare_physical() -> None:
    """Build pint's default registry now (the run does it before its workers fork, so they share it)."""
    _registry()


@lru_cache(maxsize=1)
def _registry():
    """pint's default registry, built once per process (about 0.5 s), or inherited from the parent."""
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=1024)
def physical_factor(symbol: str, target: str) -> float | None:
    """How many `target` one `symbol` is (85 ps in ms), or None when they do not convert."""
    import pint

    try:
        return float(_registry().Quantity(1.0, symbol).to(target).magnitude)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, KeyError):
        return None


def glued_symbol(word: str, rules: Rules) -> bool:
    """Whether letters written against a decimal are a physical unit's symbol (28.9mm, 0.5s), not a name's."""
    return reads_as_unit(word) and not _not_physical(word, rules)


def _not_physical(word: str, rules: Rules) -> bool:
    """A word pint reads that is no unit after a number (`in`, `a`, `B`): rules group unit.not_physical."""
    return any(p.regex.fullmatch(word) for p in rules.patterns.group("unit.not_physical"))


def reads_as_unit(symbol: str) -> bool:
    """Whether a stored unit symbol is one pint reads (the quality gate's test for such rows)."""
    return bool(symbol) and _SYMBOL.fullmatch(symbol) is not None and _read(symbol) is not None
