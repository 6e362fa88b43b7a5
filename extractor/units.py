"""Units: a pint registry built from rules/units.txt alone, and cached conversion factors.

A pint call per value costs about 600 times a cached factor, so every
(unit, target) pair is converted once per process.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .physical import physical_factor, prepare_physical

# Canonical unit symbols in results.unit -> the registry's names.
_PINT_NAMES = {"ms": "ms", "s": "s", "min": "min", "h": "h", "day": "d", "GB": "GB", "MB": "MB",
               "TB": "TB", "FLOP": "FLOP", "MAC": "MAC", "param": "param", "FPS": "FPS", "dB": "dB",
               "token": "token", "sample": "sample", "image": "image", "video": "video", "frame": "frame",
               "GPU hour": "GPU_hour", "GPU day": "GPU_day"}


def prepare(rules_folder: Path) -> None:
    """Build the registries now: the rules folder's and pint's own (before worker processes fork, so
    they inherit them instead of each building pint's, which costs more than half a second a process)."""
    registry(_definitions(rules_folder))
    prepare_physical()


def _definitions(rules_folder: Path) -> str:
    return str(rules_folder / "units.txt")


@lru_cache(maxsize=4)
def registry(definitions: str):
    """A UnitRegistry that knows only the units of the rules file."""
    import pint

    ureg = pint.UnitRegistry(None)
    ureg.load_definitions(definitions)
    return ureg


@lru_cache(maxsize=1024)
def factor(unit: str, target: str, definitions: str) -> float | None:
    """How many `target` one `unit` is, or None when they do not convert."""
    if unit == target:
        return 1.0
    src, dst = _PINT_NAMES.get(unit), _PINT_NAMES.get(target)
    if src is None or dst is None:
        return None
    import pint

    try:
        return float(registry(definitions).Quantity(1.0, src).to(dst).magnitude)
    except pint.DimensionalityError:
        return None


@lru_cache(maxsize=256)
def dimension(unit: str | None, rules_folder: Path) -> str | None:
    """`time` or `memory` for a unit of either (ms, h, GB), else None: what an efficiency's metric must share."""
    if not unit:
        return None
    definitions = _definitions(rules_folder)
    for name, reference in (("time", "s"), ("memory", "GB")):
        if factor(unit, reference, definitions) is not None:
            return name
    return None


def normalize(value: float | None, unit: str, target: str | None, scale: str | None,
              rules_folder: Path, physical: bool = False) -> tuple[float | None, str | None]:
    """(value_norm, unit_norm): the value in the metric's canonical unit, when it converts.

    `target` is the metric's `norm` unit and `scale` its usual range; a
    percent-scale metric written as a fraction (AUC of 0.92) becomes 92 %. A `physical`
    unit (one outside the rules, read by pint: 85 ps) converts with pint's own registry.
    """
    if value is None:
        return None, None
    if not target:
        return value, unit
    if target == "%" and unit in ("", "%"):
        if unit == "" and scale == "percent" and 0 <= value <= 1:
            return round(value * 100, 10), "%"
        return value, "%" if unit == "%" or scale == "percent" else unit
    f = factor(unit, target, _definitions(rules_folder))
    if f is None and physical and target in _PINT_NAMES:
        f = physical_factor(unit, target)  # a physical unit outside the rules: 85 ps in ms
    if f is None:
        return value, unit
    return value * f, target
