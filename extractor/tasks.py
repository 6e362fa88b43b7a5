"""Which task a paper and each of its result rows are about, from the task lexicon (rules/tasks.txt).

A paper's task: the first task its title names, else the one its abstract names
most often (the earlier on a tie), else the usual task of the data set most of
its rows are on. The abstract's tasks are looked for in its first two sentences
(where abstracts say what they are about; not where the title names a task) and
in the sentences that hold a result. A row's task: the task its sentence names next to the number
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
from .rules import Lexicon, Mention, Rules

LEAD_SENTENCES = 2  # sentences an abstract opens with, searched for its task when the title names none


def with_tasks(paper: Paper, sentences: list[Sentence], results: list[Result],
               rules: Rules) -> tuple[Paper, list[Result]]:
    """The paper with its `task`, and its rows with theirs (the abstract is searched once)."""
    if rules.tasks is None:
        return paper, results
    in_title = rules.tasks.find(paper.title) if paper.title else []
    in_abstract = _mentions(sentences, results, rules.tasks, lead=0 if in_title else LEAD_SENTENCES)
    named = Counter(m.entry.canonical for m in (*in_title, *in_abstract))
    usual = [dataset_task(r.dataset, rules) for r in results]
    task = paper_task(in_title, named, usual)
    by_index = {s.index: s for s in sentences}
    rows = []
    for row, dataset_usual in zip(results, usual):
        own = sentence_task(row, by_index.get(row.sentence_index), results, in_abstract)
        row_task = own or _fallback(task, named, dataset_usual)
        rows.append(row if row.task == row_task else replace(row, task=row_task))  # half the rows keep theirs
    return (paper if paper.task == task else replace(paper, task=task)), rows


def _mentions(sentences: list[Sentence], results: list[Result], tasks: Lexicon, lead: int) -> list:
    """The task mentions (offsets into the abstract) of the sentences holding a result and of the first
    `lead` sentences, where abstracts say what they are about: a look-up at every word of the whole
    abstract would cost a tenth of a millisecond a paper, a third of the rest of its extraction."""
    wanted = {r.sentence_index for r in results} | set(range(lead))
    return [Mention(m.entry, m.start + s.start, m.end + s.start, m.raw)
            for s in sentences if s.index in wanted for m in tasks.find(s.text)]


def paper_task(in_title: list, named: Counter, usual: list[str | None]) -> str | None:
    """The title's first task (`in_title`: its mentions), else the most named (title and abstract), else
    the most used data sets' task."""
    if in_title:
        return in_title[0].entry.canonical
    for order in (list(named.elements()), [t for t in usual if t]):
        if order:
            counts = Counter(order)
            best = max(counts.values())
            return next(t for t in order if counts[t] == best)
    return None


def sentence_task(row: Result, sentence: Sentence | None, results: list[Result], mentions: list) -> str | None:
    """The task named next to the row's number in its sentence; `mentions` are the tasks found in the
    abstract, whose offsets, like the rows', point into it."""
    if sentence is None or not mentions:
        return None
    later = [r.char_start for r in results if r.sentence_index == row.sentence_index and r.char_start >= row.char_end]
    stop = min(later, default=sentence.end)
    after = [m for m in mentions if row.char_end <= m.start < stop]
    before = [m for m in mentions if sentence.start <= m.start and m.end <= row.char_start]
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
