"""extractor: mine reported results and claims from ML paper abstracts into checked tables.

The Python API:

    >>> import extractor
    >>> rows = extractor.extract("Our model reaches 81.2% top-1 accuracy on ImageNet.")
    >>> papers = extractor.read_papers("abstracts.jsonl")          # a pandas DataFrame
    >>> tables = extractor.load("out")                             # DataFrames of a run
    >>> extractor.build_site("out", "out/site")                    # the static leaderboard site
"""
from __future__ import annotations

__version__ = "0.1.0"

from .api import build_site, extract, extract_claims, leaderboard, load, read_papers, run  # noqa: E402

__all__ = ["__version__", "extract", "extract_claims", "read_papers", "load", "leaderboard", "run", "build_site"]
