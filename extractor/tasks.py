"""Which task a paper and each of its result rows are about, from the task lexicon (rules/tasks.txt).

A paper's task: the first task its title names, else the one its abstract names
most often (the earlier on a tie), else the usual task of the data set most of
its rows are on. A row's task: the task its sentence names next to the number
(the first one after it, before the next result of the sentence; else the last
one before it), else the paper's task; when the paper names several tasks and
the row's data set is usually for one the abstract names as often as the
paper's own (title and abstract counted together), that one. A data set's usual
task is its `task=` in datasets.txt (or its parent's), resolved to a task entry
through the task aliases; free text that names no task is kept as written.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .records import Paper, Result, Sentence
from .rules import Lexicon, Rules


def with_tasks(paper: Paper, sentences: list[Sentence], results: list[Result],
               rules: Rules) -> tuple[Paper, list[Result]]:
    """The paper with its `task`, and its rows with theirs."""
    if rules.tasks is None:
        return paper, results
    named = Counter(m.entry.canonical for text in (paper.title or "", paper.abstract) for m in rules.tasks.find(text))
    usual = [dataset_task(r.dataset, rules) for r in results]
    task = paper_task(paper.title, named, usual, rules.tasks)
    by_index = {s.index: s for s in sentences}
    rows = []
    for row, dataset_usual in zip(results, usual):
        own = sentence_task(row, by_index.get(row.sentence_index), results, rules.tasks)
        rows.append(replace(row, task=own or _fallback(task, named, dataset_usual)))
    return replace(paper, task=task), rows


def paper_task(title: str | None, named: Counter, usual: list[str | None], tasks: Lexicon) -> str | None:
    """The title's first task, else the most named (title and abstract), else the most used data sets' task."""
    in_title = tasks.find(title) if title else []
    if in_title:
        return in_title[0].entry.canonical
    for order in (list(named.elements()), [t for t in usual if t]):
        if order:
            counts = Counter(order)
            best = max(counts.values())
            return next(t for t in order if counts[t] == best)
    return None


def sentence_task(row: Result, sentence: Sentence | None, results: list[Result], tasks: Lexicon) -> str | None:
    """The task named next to the row's number in its sentence, if any."""
    if sentence is None:
        return None
    mentions = tasks.find(sentence.text)
    if not mentions:
        return None
    start, end = row.char_start - sentence.start, row.char_end - sentence.start
    later = [r.char_start - sentence.start for r in results
             if r.sentence_index == row.sentence_index and r.char_start - sentence.start >= end]
    stop = min(later, default=len(sentence.text))
    after = [m for m in mentions if end <= m.start < stop]
    before = [m for m in mentions if m.end <= start]
    hit = after[0] if after else (before[-1] if before else None)
    return hit.entry.canonical if hit else None


def dataset_task(dataset: str | None, rules: Rules) -> str | None:
    """The usual task of a data set (or of the data set it is a split of), as a task name."""
    entry = rules.datasets.lookup(dataset) if dataset else None
    seen = 0
    while entry is not None and not entry.get("task") and entry.get("parent") and seen < 5:
        entry = next((e for e in rules.datasets.entries if e.id == entry.get("parent")), None)
        seen += 1
    text = entry.get("task") if entry is not None else None
    return resolve(text, rules.tasks) if text else None


def resolve(text: str, tasks: Lexicon) -> str:
    """A free-text task as a task entry's name: the whole text, else the first task it names."""
    entry = tasks.lookup(text)
    if entry is None:
        found = tasks.find(text)
        entry = found[0].entry if found else None
    return entry.canonical if entry is not None else text


def _fallback(task: str | None, named: Counter, dataset_usual: str | None) -> str | None:
    """The paper's task, unless the paper names the data set's usual task as often (or names none)."""
    if dataset_usual is not None and (task is None or named[dataset_usual] >= max(named[task], 1)):
        return dataset_usual
    return task
