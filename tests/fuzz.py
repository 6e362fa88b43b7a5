"""A long fuzz session: `python -m tests.fuzz --minutes N` (from the checkout's top folder).

Runs every property of tests/fuzz_cases.py with its large strategies, round after
round of fresh random examples, until the time is up; a failing example is
shrunk and printed (then the session goes on with the next property), and kept
in .hypothesis/ so that a rerun tries it first. Add each crash it finds to the
regression tables of tests/test_fuzz.py. Exit status 1 when anything failed.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROUND = 100  # examples per property per round: the clock is looked at between rounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10, help="how long to fuzz (default 10)")
    parser.add_argument("--property", action="append", help="only this property (repeatable)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # fuzz_cases, as pytest imports it
    from fuzz_cases import PROPERTIES

    chosen = [p for p in PROPERTIES if not args.property or p.name in args.property]
    counts = {p.name: 0 for p in chosen}
    failures: dict[str, str] = {}
    deadline = time.monotonic() + args.minutes * 60
    while time.monotonic() < deadline and len(failures) < len(chosen):
        for prop in chosen:
            if prop.name not in failures and time.monotonic() < deadline:
                error = _round(prop, counts)
                if error:
                    failures[prop.name] = error
    for name, count in counts.items():
        print(f"{name}: {count} examples, {'FAILED: ' + failures[name] if name in failures else 'no failure'}")
    return 1 if failures else 0


def _round(prop, counts: dict[str, int]) -> str | None:
    """One round of a property; the failure's last line, or None."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis.database import DirectoryBasedExampleDatabase

    @settings(max_examples=ROUND, deadline=None, suppress_health_check=list(HealthCheck),
              database=DirectoryBasedExampleDatabase(".hypothesis/fuzz"), print_blob=True)
    @given(prop.strategy(prop.long))
    def holds(value):
        counts[prop.name] += 1
        prop.check(value)

    try:
        holds()
    except Exception as err:  # noqa: BLE001 -- report it and go on with the other properties
        traceback.print_exc()
        return f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
    return None


if __name__ == "__main__":
    sys.exit(main())
