"""The `extractor` command: a thin layer over the Python API.

Exit status: 0 when everything was read and checked, 1 when some input could
not be read, a paper could not be extracted or a validation failed (outputs
still hold all that could be made), 2 for usage errors and outputs that cannot
be written, 130 after Ctrl-C and 143 after TERM (the tables of an earlier run
then stay as they were).
"""
from __future__ import annotations

import argparse
import gc
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from . import __version__

EXAMPLES = {
    "run": "examples:\n  extractor run                                # the bundled samples in data/\n"
           "  extractor run papers.jsonl.gz -o out --csv\n"
           "  extractor run 'listings/*.txt' --format listing\n"
           "  cat abstracts.txt | extractor run - -o out",
    "validate": "example:\n  extractor validate out",
    "export": "example:\n  extractor export out --csv --tables results,papers",
    "site": "examples:\n  extractor site out                  # writes out/site/index.html\n"
            "  extractor site pwc-out -o pwc-site  # then open pwc-site/index.html in a browser",
    "leaderboard": "examples:\n  extractor leaderboard out --dataset 'MVTec AD'\n"
                   "  extractor leaderboard out --metric FID --top 5 --format markdown\n"
                   "  extractor leaderboard out --task 'object detection' --dataset 'COCO test-dev'",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(commands)
    _add_validate(commands)
    _add_export(commands)
    _add_leaderboard(commands)
    _add_site(commands)
    return parser


def _command(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=help_text, description=help_text, epilog=EXAMPLES[name],
                               formatter_class=argparse.RawDescriptionHelpFormatter)


def _add_run(commands) -> None:
    from .readers import FORMATS

    p = _command(commands, "run", "Read abstracts, extract results and claims, check them, write the tables.")
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="files, folders (recursive), globs or - for standard input; default: the bundled samples")
    p.add_argument("-o", "--output", default="out", metavar="OUTDIR", help="output folder (default: out)")
    p.add_argument("--format", choices=FORMATS, help="read every input in this format instead of detecting it")
    p.add_argument("--abstract-column", metavar="NAME", help="the field or column that holds the abstract")
    p.add_argument("--csv", action="store_true", help="also write the tables as CSV for spreadsheets")
    p.add_argument("--report", action="store_true", help="also write quality.html, a report that works offline")
    p.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores)")
    p.add_argument("--engine", choices=("local", "processes", "dask"), default="processes",
                   help="where batches run (default: worker processes on this machine)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the cluster's scheduler, e.g. tcp://host:8786 "
                        "(default: a local cluster of --jobs worker processes)")
    p.add_argument("--rules", metavar="DIR", help="a rules folder to use instead of the bundled one")
    p.add_argument("--incremental", action="store_true",
                   help="reuse the rows of papers whose abstract and rules are unchanged since the last run into OUTDIR")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar and no summary line (the bar shows only on a terminal)")
    p.set_defaults(handler=cmd_run)


def _add_validate(commands) -> None:
    p = _command(commands, "validate", "Re-run the quality checks on the tables of an output folder.")
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--rules", metavar="DIR", help="the rules folder the tables were made with (default: bundled)")
    p.set_defaults(handler=cmd_validate)


def _add_export(commands) -> None:
    p = _command(commands, "export", "Export the tables of an output folder, e.g. as CSV for spreadsheets.")
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--csv", action="store_true", required=True, help="write <table>.csv beside each table")
    p.add_argument("--tables", default="results,papers,claims", help="comma-separated table names")
    p.set_defaults(handler=cmd_export)


def _add_leaderboard(commands) -> None:
    p = _command(commands, "leaderboard", "Rank score rows per task, dataset and metric, best first.")
    p.add_argument("outdir", metavar="OUTDIR")
    p.add_argument("--task", help="only this task (loose match: 'pose estimation' finds Pose Estimation)")
    p.add_argument("--dataset", help="only this dataset (loose match: cifar10 finds CIFAR-10)")
    p.add_argument("--metric", help="only this metric (loose match)")
    p.add_argument("--top", type=int, default=10, metavar="N", help="rows per board (default 10)")
    p.add_argument("--format", choices=("text", "markdown", "csv", "json"), default="text")
    p.set_defaults(handler=cmd_leaderboard)


def _add_site(commands) -> None:
    p = _command(commands, "site", "Write a static leaderboard site (index, boards with charts, papers) "
                                   "that works offline.")
    p.add_argument("outdir", metavar="OUTDIR", help="an output folder of `extractor run`")
    p.add_argument("-o", "--output", metavar="SITE_DIR", help="where the site goes (default: OUTDIR/site)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(handler=cmd_site)


def _bundled_samples() -> list[str]:
    here = Path(__file__).resolve().parent
    for folder in (here / "data", here.parent / "data"):
        if folder.is_dir():
            return [str(folder)]
    return []


def cmd_run(args: argparse.Namespace) -> int:
    from .memory import prefer_releasing_pool
    from .pipeline import run
    from .progress import InputProgress

    if args.scheduler and args.engine != "dask":
        print("extractor: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    inputs = args.inputs or _bundled_samples()
    progress = InputProgress(inputs, enabled=not args.quiet and sys.stderr.isatty())
    prefer_releasing_pool()  # a long run's memory stays flat
    try:
        with terminate_raises():
            summary = run(inputs, args.output, fmt=args.format, abstract_column=args.abstract_column,
                          jobs=args.jobs, engine=args.engine, write_csv=args.csv, report=args.report,
                          rules_dir=args.rules, scheduler=args.scheduler, incremental=args.incremental,
                          on_problem=lambda p: progress.write(f"extractor: {p}"),
                          on_progress=progress.update)
    finally:
        progress.close()
    if not args.quiet:
        reused = f", {summary.reused} unchanged and reused" if summary.reused else ""
        print(f"{summary.papers} papers ({summary.duplicates} duplicates merged{reused}), {summary.results} results, "
              f"{summary.claims} claims, {summary.rejected} rejected, {len(summary.errors)} input errors "
              f"in {summary.seconds:.1f} s -> {summary.outdir}", file=sys.stderr)
    return 1 if summary.errors else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .quality import validate_outdir
    from .rules import load_rules

    ok, lines = validate_outdir(Path(args.outdir), load_rules(args.rules))
    for line in lines:
        print(line)
    return 0 if ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from .io import export_csv

    for path in export_csv(Path(args.outdir), [t.strip() for t in args.tables.split(",") if t.strip()]):
        print(path)
    return 0


def cmd_leaderboard(args: argparse.Namespace) -> int:
    from .api import leaderboard
    from .io import read_table
    from .views import render

    outdir = Path(args.outdir)
    results = read_table(outdir, "results").to_pandas()
    papers = read_table(outdir, "papers").select(["paper_id", "title"]).to_pandas()
    board = leaderboard(results.merge(papers, how="left"), dataset=args.dataset, metric=args.metric, top=args.top,
                        task=args.task)
    print(render(board, args.format))
    return 0


class Terminated(BaseException):
    """A TERM signal, raised where the main thread is, as Ctrl-C raises KeyboardInterrupt: the
    run unwinds (temporary files removed, workers stopped) and the command exits 143."""


@contextmanager
def terminate_raises():
    """TERM raises Terminated in this block (the default would end the process on the spot,
    leaving temporary files); the previous handler comes back after it."""
    def handler(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cmd_site(args: argparse.Namespace) -> int:
    from .api import build_site

    summary = build_site(args.outdir, args.output)
    if not args.quiet:
        print(f"{summary.boards} boards, {summary.papers} papers in {summary.seconds:.1f} s -> "
              f"{summary.site_dir / 'index.html'}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    from .engines import EngineError
    from .io import OutputError, WriteError
    from .rules import RulesError

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (OutputError, RulesError) as err:
        print(f"extractor: {err}", file=sys.stderr)
        return 2 if isinstance(err, (RulesError, WriteError)) else 1
    except EngineError as err:
        print(f"extractor: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `extractor leaderboard out | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("extractor: interrupted; the tables of the previous run are unchanged", file=sys.stderr)
        return 130
    except Terminated:
        print("extractor: terminated; the tables of the previous run are unchanged", file=sys.stderr)
        return 143


def entry() -> None:
    """The `extractor` command: main(), then exit without a last garbage collection over every
    object (great-expectations leaves ~0.7 s of it); files are closed and atexit handlers still run."""
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
