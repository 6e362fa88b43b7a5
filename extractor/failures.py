"""A paper that could not be extracted, as a value: what `rejected.parquet`, stderr and
quality.json say about it. One paper's failure stays that paper's; the run goes on."""
from __future__ import annotations

import json
from dataclasses import dataclass

from .records import Document, Problem
from .text import without_surrogates

MESSAGE_CHARS = 300  # an exception's message is cut here (some quote the whole abstract)


@dataclass(frozen=True)
class Failure:
    """Stage `extract`: extracting the paper raised; stage `worker`: the process running its
    batch died (a signal, out of memory) more often than the engine retries."""

    stage: str
    source: str
    line: int | None  # the input line, where the format has lines
    record: int       # the document's position in its source, from 1
    error: str        # the exception's type
    message: str
    paper_id: str | None = None  # when the paper could still be normalized

    @classmethod
    def of(cls, doc: Document, stage: str, error: str, message: str, paper_id: str | None = None) -> "Failure":
        message = without_surrogates(" ".join(str(message).split()))
        if len(message) > MESSAGE_CHARS:
            message = message[:MESSAGE_CHARS] + "…"
        return cls(stage, without_surrogates(doc.source), doc.line, doc.doc_index + 1, error, message, paper_id)

    @property
    def reason(self) -> str:
        return f"{self.stage}: {self.error}: {self.message}" if self.message else f"{self.stage}: {self.error}"

    def problem(self) -> Problem:
        """The one line the CLI prints and quality.json lists (an error: exit status 1)."""
        what = "could not be extracted" if self.stage == "extract" else "was lost with its worker process"
        kept = "; the paper is kept without results" if self.paper_id else "; the paper is left out"
        return Problem(self.source, f"record {self.record} {what} ({self.reason}){kept}", self.line)

    def rejected_row(self) -> dict:
        """A row of `rejected.parquet` (records.REJECTED_SCHEMA)."""
        row = {"source": self.source, "line": self.line, "record": self.record, "error": self.error,
               "message": self.message}
        return {"table": "papers", "row_id": self.paper_id, "paper_id": self.paper_id, "reasons": [self.reason],
                "row": json.dumps(row, ensure_ascii=False), "stage": self.stage}
