"""Tasks: a paper's from its title and abstract, a row's from its sentence, a data set's as the fallback;
`published` from the month of a new-style arXiv id."""
from __future__ import annotations

import datetime

import pytest

from extractor.papers import arxiv_month, published_date
from extractor.pipeline import extract_paper
from extractor.records import Document
from extractor.rules import load_rules
from extractor.tasks import dataset_task, resolve

MONTHS = [
    ("four-digit", "0704.0001", datetime.date(2007, 4, 1)),
    ("five-digit", "2104.00298", datetime.date(2021, 4, 1)),
    ("december", "1512.03385", datetime.date(2015, 12, 1)),
    ("old-style", "hep-th/9901001", None),
    ("before-new-style", "0703.1234", None),
    ("month-13", "2113.00001", None),
    ("no-id", None, None),
    ("not-an-id", "sha1:abcdef", None),
]


@pytest.mark.parametrize("arxiv_id,expected", [c[1:] for c in MONTHS], ids=[c[0] for c in MONTHS])
def test_arxiv_month(arxiv_id, expected):
    assert arxiv_month(arxiv_id) == expected


DATES = [
    ("source-wins", "2023-03-03", "2104.00298", (datetime.date(2023, 3, 3), "source")),
    ("id-fallback", None, "2104.00298", (datetime.date(2021, 4, 1), "arxiv_id")),
    ("unreadable-date-falls-back", "someday", "2104.00298", (datetime.date(2021, 4, 1), "arxiv_id")),
    ("nothing", None, None, (None, None)),
]


@pytest.mark.parametrize("value,arxiv_id,expected", [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_published_date(value, arxiv_id, expected):
    assert published_date(value, arxiv_id) == expected


def extraction(abstract: str, title: str | None = None, arxiv_id: str | None = None):
    doc = Document(text=abstract, source="<test>", source_format="text", doc_index=0, title=title, arxiv_id=arxiv_id)
    return extract_paper(doc, load_rules())


def test_paper_published_from_its_id():
    paper = extraction("We reach 81.2% top-1 accuracy on ImageNet.", arxiv_id="2104.00298v2").paper
    assert (paper.published, paper.published_from) == (datetime.date(2021, 4, 1), "arxiv_id")


PAPER_TASKS = [
    ("title-first", "Simple baselines for human pose estimation and tracking",
     "Object detection has progressed. Our object detection backbone gets 70.4 AP on COCO.", "Pose Estimation"),
    ("abstract-most-named", None,
     "Semantic segmentation is hard. We study semantic segmentation and object detection. "
     "We get 50.1 mIoU on ADE20K.", "Semantic Segmentation"),
    ("dataset-fallback", None, "Our model reaches 81.2% top-1 accuracy on ImageNet.", "Image Classification"),
    ("none", None, "We wrote a poem.", None),
    ("denoising-diffusion-is-no-denoising-task", "Denoising diffusion probabilistic models",
     "We present high quality image synthesis results. We obtain an FID of 3.17 on CIFAR-10.", "Image Generation"),
]


@pytest.mark.parametrize("title,abstract,expected", [c[1:] for c in PAPER_TASKS], ids=[c[0] for c in PAPER_TASKS])
def test_paper_task(title, abstract, expected):
    assert extraction(abstract, title).paper.task == expected


ROW_TASKS = [
    ("sentence-after-number", None,
     "Our backbone reaches 58.7 box AP on COCO object detection and 53.5 mIoU on ADE20K semantic segmentation.",
     {"58.7": "Object Detection", "53.5": "Semantic Segmentation"}),
    ("sentence-before-number", None,
     "For human pose estimation, our network achieves 76.5 AP on COCO test-dev.", {"76.5": "Pose Estimation"}),
    ("pose-paper-on-coco", "Deep high-resolution representation learning for human pose estimation",
     "We study human pose estimation. Top-down methods first run an object detection model. "
     "Our network achieves 75.5 AP on COCO test-dev.", {"75.5": "Pose Estimation"}),
    ("detection-paper-on-coco", "Focal loss for dense object detection",
     "Our detector achieves 39.1 AP on COCO test-dev.", {"39.1": "Object Detection"}),
    ("dataset-task-when-named-as-often", None,
     "Our backbone transfers to image classification and object detection. It reaches 85.1% top-1 accuracy on "
     "ImageNet. It reaches 55.3 box AP on COCO test-dev.",
     {"85.1%": "Image Classification", "55.3": "Object Detection"}),
]


@pytest.mark.parametrize("title,abstract,expected", [c[1:] for c in ROW_TASKS], ids=[c[0] for c in ROW_TASKS])
def test_row_task(title, abstract, expected):
    rows = {r.text.split()[0]: r.task for r in extraction(abstract, title).results}
    assert {k: rows.get(k) for k in expected} == expected


RESOLVED = [
    ("exact-alias", "fine-grained classification", "Fine-Grained Image Classification"),
    ("first-task-in-text", "object detection / segmentation", "Object Detection"),
    ("named-inside", "image classification (distribution shift)", "Image Classification"),
    ("unknown-kept", "preference data", "preference data"),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in RESOLVED], ids=[c[0] for c in RESOLVED])
def test_resolve_dataset_task(text, expected):
    assert resolve(text, load_rules().tasks) == expected


def test_split_takes_its_parents_task():
    assert dataset_task("COCO test-dev", load_rules()) == dataset_task("COCO", load_rules()) == "Object Detection"
