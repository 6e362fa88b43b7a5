"""Views over the results table: leaderboards per dataset and metric, and their rendering.

`leaderboard` ranks the `score` rows of each (task, dataset, metric) by the
metric's direction from the rules (`better=lower` for FID, error rates ...),
keeps the best row per (paper, method), and shows the number it ranks by
(value_norm in the metric's unit, else the value as written, with its
qualifier) with the sentence it came from as evidence. Rows without a task
form the boards of their (dataset, metric). `render` turns the
frame into text, markdown, CSV or JSON.

Names match loosely: a query is compared by `rules.alias_key` (case, spaces and
punctuation ignored: `cifar10` finds CIFAR-10) and any alias of the rules entry
it names counts (`top1` finds `top-1 accuracy`); a dataset also finds its splits
(entries with `parent=<it>, kind=split`, e.g. COCO finds COCO test-dev).
"""
from __future__ import annotations

import json
import math

from .rules import alias_key

COLUMNS = ["task", "dataset", "metric", "rank", "value", "score", "unit", "qualifier", "better", "method",
           "is_proposed", "paper_id", "title", "setting", "sentence", "text", "result_id"]
TEXT_WIDTH = 100  # evidence sentences are cut to this in the text view


BOARD = ("task", "dataset", "metric")  # what one board is


def leaderboard(results, dataset: str | None = None, metric: str | None = None, top: int | None = None,
                rules=None, task: str | None = None):
    """Score rows ranked per (task, dataset, metric), best first; one row per (paper, method).

    `results` is the results table (a pandas DataFrame or a pyarrow Table), with
    a `title` column when the papers' titles should show. `top` limits the rows
    of each board (None or < 1: all). Returns a DataFrame with `COLUMNS`.
    """
    import pandas as pd

    if rules is None:
        from .rules import load_rules

        rules = load_rules()
    frame = results.to_pandas() if hasattr(results, "to_pandas") and not isinstance(results, pd.DataFrame) \
        else results.copy()
    ranked = _ranked(_scores(frame, dataset, metric, rules, task), top)
    if ranked.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    return _in_board_order(ranked.reset_index(drop=True))[COLUMNS].reset_index(drop=True)


def _scores(frame, dataset: str | None, metric: str | None, rules, task: str | None = None):
    """The score rows with a data set and a metric (those asked for), with the score to rank by."""
    for column in ("title", "setting", "is_proposed", "method", "value_norm", "unit_norm", "sentence", "text",
                   "result_id", "task", "uncertainty"):
        if column not in frame.columns:
            frame[column] = None
    for column in ("kind", "task", "dataset", "metric", "unit", "unit_norm", "qualifier"):  # categories -> strings
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    frame = frame[(frame["kind"] == "score") & frame["dataset"].notna() & frame["metric"].notna()]
    if dataset is not None:
        frame = frame[frame["dataset"].map(_matcher(dataset, rules.datasets, splits=True))]
    if metric is not None:
        frame = frame[frame["metric"].map(_matcher(metric, rules.metrics))]
    if task is not None:
        frame = frame[_task_matches(frame["task"], task, rules)]
    frame = frame.assign(score=_score(frame))
    frame = frame[frame["score"].notna()]
    better = {m: _better(m, rules) for m in frame["metric"].unique()}
    frame = frame.assign(better=frame["metric"].map(better))
    return frame.assign(_key=frame["score"].where(frame["better"] == "lower", -frame["score"]),
                        _mine=frame["is_proposed"].map(lambda v: plain(v) is not True))


def _task_matches(tasks, query: str, rules):
    """Which rows' task the query names (loosely, through the task lexicon's aliases); no task: none."""
    has = tasks.notna()
    match = _matcher(query, rules.tasks) if rules.tasks else (lambda name: alias_key(name) == alias_key(query))
    return has & tasks.where(has, "").map(match)


def _ranked(frame, top: int | None):
    """The boards of (task, dataset, metric) ranked at once: best first, one row per (paper, method)."""
    if frame.empty:
        return frame
    keys = frame[list(BOARD)].astype(object).where(frame[list(BOARD)].notna(), "\0")  # no task: a board key of its own
    frame = frame.assign(_t=keys["task"], _d=keys["dataset"], _m=keys["metric"])
    frame = frame.sort_values(["_t", "_d", "_m", "_key", "_mine", "paper_id", "result_id"], kind="stable",
                              na_position="last")
    frame = frame.drop_duplicates(["_t", "_d", "_m", "paper_id", "method"], keep="first")
    rank = frame.groupby(["_t", "_d", "_m"], sort=False).cumcount() + 1
    frame = frame.assign(rank=rank)
    if top is not None and top > 0:
        frame = frame[frame["rank"] <= top]
    return frame.drop(columns=["_t", "_d", "_m"])


def _in_board_order(out):
    """Boards sorted by task (none last), data set and metric, ignoring case; each in rank order."""
    out = out.assign(value=[_shown(r) for r in out.itertuples(index=False)])
    keys = list(zip(out["task"], out["dataset"], out["metric"]))
    order = sorted(set(keys), key=lambda k: (k[0] is None, (k[0] or "").casefold(), k[1].casefold(), k[2].casefold()))
    position = {k: i for i, k in enumerate(order)}
    out = out.assign(_board=[position[k] for k in keys])
    return out.sort_values(["_board", "rank"], kind="stable")


def _matcher(query: str, lexicon, splits: bool = False):
    """A predicate on canonical names: the query's key, or any alias of the entry it names."""
    keys = {alias_key(query)}
    entry = lexicon.lookup(query)
    if entry is not None:
        entries = [entry]
        if splits:
            entries += [e for e in lexicon.entries if e.get("parent") == entry.id and e.get("kind") == "split"]
        for e in entries:
            keys.update(alias_key(a) for a in (e.canonical, *e.aliases))
    cache: dict[str, bool] = {}

    def match(name: str) -> bool:
        if name not in cache:
            cache[name] = alias_key(name) in keys
        return cache[name]

    return match


def _better(metric: str, rules) -> str:
    entry = rules.metrics.lookup(metric)
    return (entry.get("better") if entry is not None else None) or "higher"


def _score(frame):
    """What ranks a row: value_norm (the metric's canonical unit), else value, else a range's middle."""
    middle = (frame["value_low"] + frame["value_high"]) / 2
    return frame["value_norm"].astype(float).fillna(frame["value"].astype(float)).fillna(middle)


def _number(x: float) -> str:
    return f"{x:g}" if abs(x) < 1e6 else f"{x:.4g}"


def _shown(row) -> str:
    """The number ranked by, as a reader would write it: value_norm in its unit (an AP of 0.649 is
    `64.9%`), else the value as written: `~95.8 ± 1.2%`, `>90%`, `21.5`, `2–6 x`."""
    value, norm = plain(getattr(row, "value", None)), plain(getattr(row, "value_norm", None))
    factor, unit = (norm / value, plain(row.unit_norm) or "") if norm is not None and value else (1.0, row.unit or "")
    if value is None:
        number = f"{_number(row.value_low * factor)}–{_number(row.value_high * factor)}"
    else:
        number = _number(value * factor)
    uncertainty = plain(getattr(row, "uncertainty", None))
    if uncertainty is not None:
        number += f" ± {_number(uncertainty * factor)}"
    qualifier = "" if row.qualifier in (None, "=") else row.qualifier
    return f"{qualifier}{number}{unit if unit == '%' else (' ' + unit if unit else '')}"


# ---------------------------------------------------------------- rendering

def render(frame, fmt: str = "text") -> str:
    """A leaderboard frame as `text`, `markdown`, `csv` or `json`."""
    if fmt == "json":
        return json.dumps([{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")],
                          indent=2, ensure_ascii=False)
    if fmt == "csv":
        from .io import csv_cell, csv_qualifier

        safe = frame.copy()
        if "qualifier" in safe.columns:
            safe["qualifier"] = safe["qualifier"].map(csv_qualifier, na_action="ignore")
        for column in safe.columns:
            if safe[column].dtype == object or str(safe[column].dtype) in ("str", "string"):
                safe[column] = safe[column].map(csv_cell, na_action="ignore")
        return safe.to_csv(index=False)
    if fmt == "markdown":
        return _markdown(frame)
    if fmt == "text":
        return _text(frame)
    raise ValueError(f"unknown format {fmt!r} (text, markdown, csv, json)")


def plain(value):
    if value is None:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _boards(frame):
    for (task, dataset, metric), board in frame.groupby(list(BOARD), sort=False, dropna=False):
        yield plain(task), dataset, metric, board


def _paper(row) -> str:
    title = plain(row["title"])
    return f"{row['paper_id']} {title}" if title else str(row["paper_id"])


def _method(row) -> str:
    name = plain(row["method"]) or ""
    return f"{name} (proposed)".strip() if plain(row["is_proposed"]) is True else name


def heading(task: str | None, dataset: str, metric: str, better: str) -> str:
    """`Object Detection · COCO test-dev · AP (higher is better)`; a board without a task has no first part."""
    return " · ".join(([task] if task else []) + [dataset, metric]) + f" ({better} is better)"


def _text(frame) -> str:
    if frame.empty:
        return "no score rows match"
    blocks = []
    for task, dataset, metric, board in _boards(frame):
        rows = [("#", "value", "method", "paper", "evidence")]
        for _, r in board.iterrows():
            rows.append((str(r["rank"]), r["value"], _method(r) or "-", _cut(_paper(r), 60),
                         _cut(r["sentence"], TEXT_WIDTH)))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [heading(task, dataset, metric, board["better"].iloc[0])]
        for row in rows:
            lines.append("  ".join([row[0].rjust(widths[0]), row[1].rjust(widths[1]),
                                    *(c.ljust(w) for c, w in zip(row[2:4], widths[2:4])), row[4]]).rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _markdown(frame) -> str:
    if frame.empty:
        return "_no score rows match_"
    blocks = []
    for task, dataset, metric, board in _boards(frame):
        lines = [f"### {_md(heading(task, dataset, metric, board['better'].iloc[0]))}", "",
                 "| # | value | method | paper | evidence |", "|---:|---:|---|---|---|"]
        for _, r in board.iterrows():
            lines.append(f"| {r['rank']} | {_md(r['value'])} | {_md(_method(r))} | {_md(_paper(r))} | "
                         f"{_md(plain(r['sentence']) or '')} |")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _md(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _cut(text, width: int) -> str:
    text = "" if plain(text) is None else str(text)
    return text if len(text) <= width else text[: width - 1] + "…"
