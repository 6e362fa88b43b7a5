"""The quality gate (placeholder: keeps every row; replaced by the expectation suite)."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from .io import write_json_atomic


class QualityGate:
    def __init__(self, rules):
        self.rules = rules

    def check(self, tables: dict[str, pa.Table]) -> tuple[dict[str, pa.Table], list[dict]]:
        return tables, []

    def write_report(self, outdir: Path, summary, inputs: list[str], html: bool) -> None:
        write_json_atomic(outdir / "quality.json", {
            "papers": summary.papers, "results": summary.results, "claims": summary.claims,
            "input_errors": [str(p) for p in summary.problems],
            "rules_hash": self.rules.hash, "seconds": round(summary.seconds, 3),
        })
