"""Shared fixtures: where ../shared is, and small helpers for writing input files."""
from __future__ import annotations

from pathlib import Path

import os

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples every run (a fixed seed), so a
# red build always reproduces; locally they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the checkout; tests that need it skip where it is absent (a user's clone)."""
    if not (SHARED / "corpus" / "seeds").is_dir():
        pytest.skip("../shared is absent: the real abstracts and gold are only beside the team's checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds_out(shared: Path, tmp_path_factory) -> Path:
    """One run of the extractor over the seed pages, shared by the tests that read its tables."""
    from extractor.pipeline import run

    out = tmp_path_factory.mktemp("seeds-out")
    run([str(shared / "corpus" / "seeds")], out, jobs=1)
    return out
