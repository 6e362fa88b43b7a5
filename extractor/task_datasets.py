"""A row with no data set takes the one the abstract names for the row's task.

`We evaluate on the Penn Treebank WSJ corpus for part-of-speech (POS) tagging and the CoNLL 2003 corpus for
named entity recognition ... 97.55% accuracy for POS tagging and 91.21% F1 for NER`: a lexicon data set written
right before `for <task>` (rules group dataset.for_task) is the data set of the rows whose task (see tasks.py)
that is, where their own sentences named none. Nothing here names a data set or a task: both come from the lexicons.
"""
from __future__ import annotations

from dataclasses import replace

from .classify import gap_is
from .records import Result, Sentence
from .rules import Mention, Rules

_KINDS = ("score", "delta")  # the rows a data set is measured on


def with_task_datasets(sentences: list[Sentence], results: list[Result], rules: Rules) -> list[Result]:
    """The rows, where one has no data set but a task the abstract pairs with a data set, with that data set."""
    if rules.tasks is None or not any(r.dataset is None and r.task and r.kind in _KINDS for r in results):
        return results
    pairs = _task_datasets(sentences, rules)
    if not pairs:
        return results
    return [replace(r, dataset=pairs[r.task].entry.canonical, dataset_raw=pairs[r.task].raw, dataset_known=True)
            if r.dataset is None and r.task in pairs and r.kind in _KINDS else r for r in results]


def _task_datasets(sentences: list[Sentence], rules: Rules) -> dict[str, Mention]:
    """Task name -> the first data set written right before `for <task>` in the abstract."""
    pairs: dict[str, Mention] = {}
    for sentence in sentences:
        text = sentence.text
        if " for " not in text:
            continue
        sets = rules.datasets.find(text)
        tasks = rules.tasks.find(text) if sets else []
        for found in sets:
            task = next((t for t in tasks if t.start > found.end
                         and gap_is(rules, "dataset.for_task", text, found.end, t.start)), None)
            if task is not None:
                pairs.setdefault(task.entry.canonical, found)
    return pairs
