"""Leaderboards: ranking by the metric's direction, one row per (paper, method), loose names, rendering."""
from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from extractor.rules import load_rules
from extractor.views import COLUMNS, leaderboard, render
from test_quality import make_tables, paper, result


@pytest.fixture(scope="session")
def rules():
    return load_rules()


def score(rid: str, paper_row: dict, text: str, value: float, unit: str, metric: str, dataset: str | None,
          method: str | None = None, **fields) -> dict:
    return result(rid, paper_row, text, "score", value, unit, metric=metric, dataset=dataset, method=method, **fields)


P1 = paper("arXiv:1", "Ours gets 95.8% and 97.1% accuracy on CIFAR-10 and an FID of 2.0 and 12.3% error.",
           title="Paper one")
P2 = paper("arXiv:2", "We reach 93.0% accuracy on CIFAR-10, an FID of 3.1, 9.9% error and 0.97 AUROC.",
           title="Paper two")
P3 = paper("arXiv:3", "The baseline has 90.2% accuracy on CIFAR10, FID 5.4, 14.0% error and 96% AUROC; "
           "our 88.8% top-1 on ImageNet.", title=None)


def rows() -> list[dict]:
    return [
        score("a1", P1, "95.8%", 95.8, "%", "accuracy", "CIFAR-10", "Net-A", is_proposed=True),
        score("a2", P1, "97.1%", 97.1, "%", "accuracy", "CIFAR-10", "Net-A", is_proposed=True),  # same method: best only
        score("a3", P2, "93.0%", 93.0, "%", "accuracy", "CIFAR-10", "Net-B"),
        score("a4", P3, "90.2%", 90.2, "%", "accuracy", "CIFAR-10", "ResNet", is_proposed=False),
        score("f1", P1, "2.0", 2.0, "", "FID", "ImageNet-1k", "Net-A"),
        score("f2", P2, "3.1", 3.1, "", "FID", "ImageNet-1k", "Net-B"),
        score("f3", P3, "5.4", 5.4, "", "FID", "ImageNet-1k", "ResNet"),
        score("e1", P1, "12.3%", 12.3, "%", "error rate", "CIFAR-10", "Net-A"),
        score("e2", P2, "9.9%", 9.9, "%", "error rate", "CIFAR-10", "Net-B"),
        score("e3", P3, "14.0%", 14.0, "%", "error rate", "CIFAR-10", "ResNet"),
        score("u1", P2, "0.97", 0.97, "", "AUROC", "MVTec AD", "Net-B", value_norm=97.0, unit_norm="%"),
        score("u2", P3, "96%", 96.0, "%", "AUROC", "MVTec AD", "ResNet", value_norm=96.0, unit_norm="%"),
        score("t1", P3, "88.8%", 88.8, "%", "top-1 accuracy", "ImageNet-1k", "ViT", qualifier="~"),
        score("n1", P1, "97.1%", 97.1, "%", "accuracy", None, "Net-A"),  # no dataset: on no board
        result("d1", P2, "3.1", "delta", 3.1, "%", metric="accuracy", dataset="CIFAR-10", direction="up"),
    ]


@pytest.fixture(scope="session")
def results():
    """The results as `extractor.load` gives them (categoricals), with the papers' titles joined."""
    tables = make_tables([P1, P2, P3], rows())
    frame = tables["results"].to_pandas()
    return frame.merge(tables["papers"].to_pandas()[["paper_id", "title"]], how="left")


def board(frame: pd.DataFrame, dataset: str, metric: str) -> list[str]:
    part = frame[(frame.dataset == dataset) & (frame.metric == metric)]
    assert list(part["rank"]) == list(range(1, len(part) + 1))
    return list(part["result_id"])


ORDER = [
    ("accuracy-higher-is-better", "CIFAR-10", "accuracy", ["a2", "a3", "a4"]),
    ("fid-lower-is-better", "ImageNet-1k", "FID", ["f1", "f2", "f3"]),
    ("error-lower-is-better", "CIFAR-10", "error rate", ["e2", "e1", "e3"]),
    ("auroc-ranks-on-value-norm", "MVTec AD", "AUROC", ["u1", "u2"]),
    ("one-row-board", "ImageNet-1k", "top-1 accuracy", ["t1"]),
]


@pytest.mark.parametrize("dataset,metric,expected", [c[1:] for c in ORDER], ids=[c[0] for c in ORDER])
def test_ranking(results, rules, dataset, metric, expected):
    frame = leaderboard(results, rules=rules)
    assert board(frame, dataset, metric) == expected


def test_boards_and_columns(results, rules):
    frame = leaderboard(results, rules=rules)
    assert list(frame.columns) == COLUMNS
    boards = list(dict.fromkeys(zip(frame.dataset, frame.metric)))
    assert boards == [("CIFAR-10", "accuracy"), ("CIFAR-10", "error rate"), ("ImageNet-1k", "FID"),
                      ("ImageNet-1k", "top-1 accuracy"), ("MVTec AD", "AUROC")]
    assert not {"n1", "d1", "a1"} & set(frame.result_id)  # no dataset, not a score, a worse row of Net-A
    assert dict(zip(frame.result_id, frame.better))["f1"] == "lower"


def test_one_row_per_paper_and_method(rules):
    rows_ = [score("x1", P1, "95.8%", 95.8, "%", "accuracy", "CIFAR-10", "Net-A"),
             score("x2", P1, "97.1%", 97.1, "%", "accuracy", "CIFAR-10", "Net-A2"),
             score("x3", P1, "12.3%", 12.3, "%", "accuracy", "CIFAR-10", None),
             score("x4", P1, "2.0", 2.0, "", "accuracy", "CIFAR-10", None)]
    frame = leaderboard(make_tables([P1], rows_)["results"], rules=rules)  # a pyarrow Table works too
    assert list(frame.result_id) == ["x2", "x1", "x3"]


MATCHES = [
    ("dataset-glued", {"dataset": "cifar10"}, {"CIFAR-10"}),
    ("dataset-spaced", {"dataset": "CIFAR 10"}, {"CIFAR-10"}),
    ("dataset-alias", {"dataset": "ILSVRC-2012"}, {"ImageNet-1k"}),
    ("dataset-alias-loose", {"dataset": "mvtec"}, {"MVTec AD"}),
    ("dataset-none", {"dataset": "CIFAR-100"}, set()),
]


@pytest.mark.parametrize("query,datasets", [c[1:] for c in MATCHES], ids=[c[0] for c in MATCHES])
def test_dataset_matches_loosely(results, rules, query, datasets):
    assert set(leaderboard(results, rules=rules, **query).dataset) == datasets


METRIC_MATCHES = [
    ("metric-case", "fid", {"FID"}),
    ("metric-long-name", "Frechet Inception Distance", {"FID"}),
    ("metric-alias", "top1", {"top-1 accuracy"}),
    ("metric-alias-acc", "acc@1", {"top-1 accuracy"}),
    ("metric-canonical", "accuracy", {"accuracy"}),
    ("metric-spelling", "Error-Rate", {"error rate"}),
]


@pytest.mark.parametrize("query,metrics", [c[1:] for c in METRIC_MATCHES], ids=[c[0] for c in METRIC_MATCHES])
def test_metric_matches_loosely(results, rules, query, metrics):
    assert set(leaderboard(results, metric=query, rules=rules).metric) == metrics


def test_dataset_finds_its_splits(rules):
    coco = paper("arXiv:4", "We get 55.1 box AP on COCO test-dev and 54.0 box AP on COCO.")
    rows_ = [score("c1", coco, "55.1", 55.1, "", "box AP", "COCO test-dev", "Det"),
             score("c2", coco, "54.0", 54.0, "", "box AP", "COCO", "Det")]
    frame = leaderboard(make_tables([coco], rows_)["results"], dataset="coco", rules=rules)
    assert set(frame.dataset) == {"COCO", "COCO test-dev"}


def test_top(results, rules):
    frame = leaderboard(results, dataset="cifar-10", top=2, rules=rules)
    assert board(frame, "CIFAR-10", "accuracy") == ["a2", "a3"]
    assert board(frame, "CIFAR-10", "error rate") == ["e2", "e1"]


def test_value_shows_qualifier_and_unit(results, rules):
    frame = leaderboard(results, rules=rules).set_index("result_id")
    assert frame.loc["a2", "value"] == "97.1%"
    assert frame.loc["f1", "value"] == "2"
    assert frame.loc["t1", "value"] == "~88.8%"
    assert frame.loc["a2", "sentence"] == P1["abstract"] and frame.loc["a2", "title"] == "Paper one"


# ---------------------------------------------------------------- rendering

def test_render_text(results, rules):
    text = render(leaderboard(results, dataset="CIFAR-10", metric="accuracy", rules=rules), "text")
    lines = text.splitlines()
    assert lines[0] == "CIFAR-10 · accuracy (higher is better)"
    assert lines[2].split()[:4] == ["1", "97.1%", "Net-A", "(proposed)"]
    assert lines[3].split()[:3] == ["2", "93%", "Net-B"]
    assert "arXiv:3" in lines[4] and len(lines) == 5


def test_render_markdown_escapes(rules):
    odd = paper("arXiv:5", "A | B gets 91.0% accuracy on CIFAR-10.", title="Pipes | in titles")
    frame = leaderboard(make_tables([odd], [score("p1", odd, "91.0%", 91.0, "%", "accuracy", "CIFAR-10", "A|B")])
                        ["results"].to_pandas().merge(pd.DataFrame([odd])[["paper_id", "title"]]), rules=rules)
    md = render(frame, "markdown")
    assert md.startswith("### CIFAR-10 · accuracy (higher is better)")
    row = md.splitlines()[-1]
    assert row.count(" | ") == 4 and "A\\|B" in row and "Pipes \\| in titles" in row


def test_render_csv_and_json(results, rules):
    frame = leaderboard(results, rules=rules)
    back = pd.read_csv(io.StringIO(render(frame, "csv")))
    assert list(back.result_id) == list(frame.result_id)
    assert list(back.score) == list(frame.score)
    assert set(back.qualifier) == {"exact", "about"}  # `=` and `~` as words, not `'=`
    records = json.loads(render(frame, "json"))
    assert [r["result_id"] for r in records] == list(frame.result_id)
    first = records[0]
    assert first["rank"] == 1 and first["is_proposed"] is True and first["setting"] is None
    assert json.loads(render(leaderboard(results, dataset="nowhere", rules=rules), "json")) == []


def test_render_csv_makes_formulas_inert(rules):
    odd = paper("arXiv:6", "=cmd() 91.0% accuracy on CIFAR-10.")
    frame = leaderboard(make_tables([odd], [score("q1", odd, "91.0%", 91.0, "%", "accuracy", "CIFAR-10", "@x")])
                        ["results"], rules=rules)
    back = pd.read_csv(io.StringIO(render(frame, "csv")))
    assert back.loc[0, "sentence"].startswith("'=cmd()") and back.loc[0, "method"] == "'@x"


@pytest.mark.parametrize("fmt,expected", [("text", "no score rows match"), ("markdown", "_no score rows match_")])
def test_render_empty(results, rules, fmt, expected):
    assert render(leaderboard(results, metric="BLEU", rules=rules), fmt) == expected


def test_leaderboard_command(tmp_path, capsys):
    from extractor.cli import main

    for name, table in make_tables([P1, P2, P3], rows()).items():
        pq.write_table(table, tmp_path / f"{name}.parquet")
    assert main(["leaderboard", str(tmp_path), "--dataset", "cifar10", "--metric", "error", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["result_id"] for r in records] == ["e2", "e1", "e3"]
    assert records[0]["title"] == "Paper two"


# ---------------------------------------------------------------- tasks

COCO = paper("arXiv:7", "Pose: 76.5 AP on COCO test-dev. Detection: 54.0 AP and 0.649 AP on COCO test-dev.")


def coco_rows() -> list[dict]:
    return [score("k1", COCO, "76.5", 76.5, "", "AP", "COCO test-dev", "PoseNet", task="Pose Estimation"),
            score("k2", COCO, "54.0", 54.0, "", "AP", "COCO test-dev", "DetA", task="Object Detection"),
            score("k3", COCO, "0.649", 0.649, "", "AP", "COCO test-dev", "DetB", task="Object Detection",
                  value_norm=64.9, unit_norm="%")]


def test_boards_split_by_task(rules):
    frame = leaderboard(make_tables([COCO], coco_rows())["results"], rules=rules)
    boards = {k: list(g.result_id) for k, g in frame.groupby(["task", "dataset", "metric"], sort=False)}
    assert boards == {("Object Detection", "COCO test-dev", "AP"): ["k3", "k2"],
                      ("Pose Estimation", "COCO test-dev", "AP"): ["k1"]}


TASK_QUERIES = [
    ("canonical", "Pose Estimation", {"k1"}),
    ("alias-lower-case", "human pose estimation", {"k1"}),
    ("other-task", "object detection", {"k2", "k3"}),
    ("no-such-task", "machine translation", set()),
]


@pytest.mark.parametrize("query,expected", [c[1:] for c in TASK_QUERIES], ids=[c[0] for c in TASK_QUERIES])
def test_task_filter(rules, query, expected):
    frame = leaderboard(make_tables([COCO], coco_rows())["results"], task=query, rules=rules)
    assert set(frame.result_id) == expected


def test_value_shown_as_value_norm_with_its_unit(rules):
    frame = leaderboard(make_tables([COCO], coco_rows())["results"], rules=rules).set_index("result_id")
    assert frame.loc["k3", "value"] == "64.9%" and frame.loc["k2", "value"] == "54"


def test_heading_names_the_task(rules):
    text = render(leaderboard(make_tables([COCO], coco_rows())["results"], rules=rules), "text")
    assert text.splitlines()[0] == "Object Detection · COCO test-dev · AP (higher is better)"


def test_leaderboard_command_task(tmp_path, capsys):
    from extractor.cli import main

    for name, table in make_tables([COCO], coco_rows()).items():
        pq.write_table(table, tmp_path / f"{name}.parquet")
    assert main(["leaderboard", str(tmp_path), "--task", "pose estimation", "--format", "json"]) == 0
    assert [r["result_id"] for r in json.loads(capsys.readouterr().out)] == ["k1"]
