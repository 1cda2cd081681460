"""Command line: `uawar data fetch|build`, `uawar render`, `uawar list`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from uawar import __version__, config
from uawar.schema import DataError

EXIT_BAD_INPUT = 2


def _data_build(args) -> int:
    from uawar import ingest

    raw = Path(args.raw)
    print(f"building from {raw} ...", file=sys.stderr)
    summary = ingest.build(raw, Path(args.data_dir))
    for line in summary.lines():
        print(line)
    for path in summary.written:
        print(f"wrote {path}")
    return 0


def _data_fetch(args) -> int:
    from uawar import sources

    return sources.fetch_all(Path(args.raw), kaggle_json=args.kaggle_json)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="uawar", description=__doc__)
    parser.add_argument("--version", action="version", version=f"uawar {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="fetch raw files or build the processed tables")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    build = data_sub.add_parser("build", help="raw files -> data/processed/*.csv + datapackage.json")
    build.add_argument("--raw", default=str(config.RAW_DIR), help="folder of raw files (default: %(default)s)")
    build.add_argument("--data-dir", default=str(config.DATA_DIR), help=argparse.SUPPRESS)
    build.set_defaults(func=_data_build)
    fetch = data_sub.add_parser("fetch", help="download fresh raw files into data/raw/")
    fetch.add_argument("--raw", default=str(config.RAW_DIR), help="where to put them (default: %(default)s)")
    fetch.add_argument("--kaggle-json", default=None,
                       help="Kaggle API token file (default: ~/.kaggle/kaggle.json or KAGGLE_USERNAME/KAGGLE_KEY)")
    fetch.set_defaults(func=_data_fetch)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
