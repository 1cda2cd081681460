"""Command line: `uawar data fetch|build|update|add|diff|classes`, `uawar render`, `uawar list`,
`uawar teach student|solutions|grade`, `uawar key-figures`, `uawar translations`: every task a user runs."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from pathlib import Path

from uawar import __version__, config
from uawar.errors import InputError
from uawar.site import REPORT_TIMEOUT, skip_iri_checker

EXIT_BAD_INPUT = 2


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return value


def _overrides(pairs: list[list[str]] | None) -> dict[str, str]:
    """-p KEY VALUE pairs -> a dict; a key given twice is refused rather than the last one winning."""
    overrides: dict[str, str] = {}
    for key, value in pairs or []:
        if key in overrides:
            raise InputError(
                f"-p {key} is given twice ({overrides[key]!r} and {value!r}); expected each parameter once"
            )
        overrides[key] = value
    return overrides


# Each command imports what it needs when it runs: `uawar data fetch` loads no pandas, `uawar --help` no kernel.


def _data_build(args: argparse.Namespace) -> int:
    from uawar import exports, ingest

    raw: Path | dict[str, Path]
    if args.raw:
        raw = Path(args.raw)
        print(f"building from {raw} ...", file=sys.stderr)
    else:
        raw = exports.newest_files()
        print(f"building from {', '.join(sorted({str(p.parent) for p in raw.values()}))} ...", file=sys.stderr)
    summary = ingest.build(raw, Path(args.data_dir))
    for line in summary.lines():
        print(line)
    for path in summary.written:
        print(f"wrote {path}")
    return 0


def _data_add(args: argparse.Namespace) -> int:
    return _bring_in(Path(args.folder), render=not args.no_render)


def _data_update(args: argparse.Namespace) -> int:
    from uawar import sources
    from uawar.files import temp_folder

    with temp_folder("update") as downloads:
        if sources.fetch_all(Path(downloads), kaggle_json=args.kaggle_json) != 0:
            print("error: the download failed (see above); nothing in the repository changed", file=sys.stderr)
            return EXIT_BAD_INPUT
        return _bring_in(Path(downloads), render=not args.no_render)


def _bring_in(folder: Path, render: bool) -> int:
    """Store the exports in `folder` that are new, print what changed, rebuild the tables and re-render
    the site's reports whose inputs changed (`uawar data add` and `uawar data update`)."""
    from uawar import data, diff, exports, ingest, sources
    from uawar.files import atomic_write

    added = exports.add(folder)
    if not added:
        newest = ", ".join(exports.resolve(ds, exports.NEWEST).label for ds in sources.DATASETS)
        print(f"nothing new: the files are those of the newest exports ({newest}); nothing changed")
        return 0
    for a in added:
        before = f" (the previous export: {a.previous.label})" if a.previous else ""
        print(f"added {a.export.folder}{before}")
        if a.previous and a.export.dataset is sources.ATTACK_LOG:
            for line in diff.summary_lines(diff.compare(a.previous.folder, a.export.folder)):
                print(f"  {line}")
    summary = ingest.build(exports.newest_files(), config.DATA_DIR)
    tables = ingest.weapon_classes_markdown(data.load_datapackage(config.DATAPACKAGE), data.load_air_attacks())
    atomic_write({config.WEAPON_CLASSES_MD: tables})
    for line in [*summary.lines(), *(f"wrote {p}" for p in summary.written), f"wrote {config.WEAPON_CLASSES_MD}"]:
        print(line)
    return _rerender_site() if render else 0


def _rerender_site() -> int:
    """Render again the catalogue's reports that the site in reports/ holds (in each language: reports/uk/ too),
    where their inputs changed."""
    from uawar import i18n
    from uawar.site import cache, catalogue

    notebooks = catalogue.find_notebooks()
    known = {r.name for e in catalogue.load_catalogue() for r in catalogue.expand(e, notebooks)}
    codes = []
    for lang in i18n.editions():
        site = i18n.site_folder(config.REPORTS_DIR, lang)
        held = cache.recorded(site)
        names = [n for n in held if n in known]
        for name in sorted(set(held) - known):
            print(
                f"not rendered again: {name} is not a report of the catalogue (its page shows the command that made it)"
            )
        if not names:
            if lang == i18n.SOURCE:
                print(f"no report of the catalogue in {site} to bring up to date (`make reports` renders the site)")
            continue
        print(f"rendering again the reports of {site} whose inputs changed ...")
        args = build_parser().parse_args(["render", *names, "--lang", lang])
        codes.append(args.func(args))
    return max(codes, default=0)


def _data_diff(args: argparse.Namespace) -> int:
    from uawar import diff

    result = diff.compare(args.old, args.new)
    for line in diff.summary_lines(result):
        print(line)
    if result.same and not args.csv:
        return 0
    path = Path(args.csv) if args.csv else diff.default_csv(result, config.REPORTS_DIR)
    _write_output(path, diff.to_csv_text(result), "--csv", "a path for a new CSV file")
    print(f"wrote {path} ({len(result.changes):,} lines: one per changed field, added row and removed row)")
    return 0


def _data_classes(args: argparse.Namespace) -> int:
    from uawar import data, ingest

    out = Path(args.out)
    text = ingest.weapon_classes_markdown(data.load_datapackage(), data.load_air_attacks())
    _write_output(out, text, "--out", "a path for a new Markdown file")
    print(f"wrote {out}")
    return 0


def _write_output(path: Path, contents: str, option: str, expected: str) -> None:
    """Write a file the user named; a folder there, a path under a file or a full disk is an InputError."""
    from uawar.errors import os_problem
    from uawar.files import atomic_write

    try:
        atomic_write({path: contents})
    except OSError as err:
        raise InputError(f"{option} {os_problem(err.filename or path, err, expected)}") from None


def _data_fetch(args: argparse.Namespace) -> int:
    from uawar import sources

    return sources.fetch_all(Path(args.raw), kaggle_json=args.kaggle_json)


# --- render and list ---------------------------------------------


def _render(args: argparse.Namespace) -> int:
    from uawar import i18n

    out = Path(args.out) if args.out else config.REPORTS_DIR
    # The catalogue renders every language it is published in; named reports render in English unless --lang
    # says otherwise.
    languages = [args.lang] if args.lang else i18n.editions() if args.all else [i18n.SOURCE]
    codes = [_render_language(args, out, lang) for lang in languages]
    return max(codes)


def _render_language(args: argparse.Namespace, out: Path, lang: str) -> int:
    from uawar import i18n
    from uawar.site import stamp

    t0 = time.perf_counter()
    site = i18n.site_folder(out, lang)
    overrides = _overrides(args.param)
    chosen = stamp.selection(args.all, args.names, overrides)
    done = (
        None
        if args.force or args.scheduler or chosen is None
        else stamp.unchanged(site, chosen, args.with_code, args.site_url)
    )
    if done is not None:  # nothing changed since this selection was last rendered: no need to load the renderer
        print(f"{stamp.nothing_to_render(done, time.perf_counter() - t0)}\nindex: {site / 'index.html'}")
        return 0

    if not args.scheduler:
        from uawar.site import warm

        warm.start_server()

    from uawar.site import batch, catalogue, folder

    reports = catalogue.select(args.names, args.all, overrides)
    with folder.lock(site):
        stamp.forget(site)
        inputs = stamp.digest(args.with_code, args.site_url)
        outcome = batch.render(
            reports,
            out,
            jobs=args.jobs,
            force=args.force,
            with_code=args.with_code,
            scheduler=args.scheduler,
            timeout=args.timeout,
            site_url=args.site_url,
            lang=lang,
        )
        if not outcome.failed and chosen is not None:
            stamp.write(site, chosen, inputs, outcome.rendered + outcome.skipped)
    outcome.seconds = time.perf_counter() - t0  # the whole command, validation included
    print(batch.summary(outcome, site))
    return outcome.exit_code


def _list(args: argparse.Namespace) -> int:
    from uawar import params
    from uawar.site import catalogue

    notebooks = catalogue.find_notebooks()
    print("notebooks (uawar render NAME [-p KEY VALUE ...]):")
    for name, path in notebooks.items():
        spec = params.REGISTRY.get(name)
        print(f"  {name:24} {path.name}")
        defaults = spec.defaults() if spec else {}
        for p in spec.params if spec else ():
            allowed = p.allowed()
            allowed = allowed[:150] + " ..." if len(allowed) > 150 else allowed
            print(f"      {p.name} = {defaults[p.name]!r}: {p.help}; {allowed}")
    print(f"catalogue ({config.CATALOGUE.name}; uawar render --all renders every entry not marked 'only by name'):")
    for entry in catalogue.load_catalogue():
        reports = catalogue.expand(entry, notebooks) if entry["notebook"] in notebooks else []
        shown = ", ".join(r.name for r in reports[:3]) + (f", ... ({len(reports)} reports)" if len(reports) > 3 else "")
        only = "" if entry["default"] else " (only by name: not in --all)"
        print(f"  {entry['name']:24} -> {shown or 'notebook missing'}{only}")
    return 0


# --- teaching and key figures ---------------------------------------


def _teach_edition(args: argparse.Namespace) -> int:
    from uawar import i18n
    from uawar.site import teaching

    logging.getLogger("otter").setLevel(logging.WARNING)
    out = args.out or (config.TEACHING_DIR if args.lang == i18n.SOURCE else config.REPORTS_DIR / args.lang / "teaching")
    for path in teaching.build(args.edition, out, lang=args.lang):
        print(path)
    print(f"index: {out / 'index.html'}", file=sys.stderr)
    return 0


def _teach_grade(args: argparse.Namespace) -> int:
    from uawar.site import teaching

    logging.getLogger("otter").setLevel(logging.WARNING)
    out_csv = args.csv or args.submissions / "scores.csv"
    for row in teaching.grade(args.submissions, out_csv, args.autograders):
        print(f"{row['submission']}: {row['total']:g} of {row['possible']:g}")
    print(f"scores: {out_csv}", file=sys.stderr)
    return 0


def _key_figures(args: argparse.Namespace) -> int:
    from uawar import keyfigures

    for path in args.notebooks or sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        print(f"{path}: stored the outputs of {keyfigures.refresh(path)} key-figure cell(s)")
    return 0


def _translations(args: argparse.Namespace) -> int:
    from uawar import i18n

    for path in i18n.extract(tuple(args.notebooks)):
        print(f"updated {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="uawar", description=__doc__)
    parser.add_argument("--version", action="version", version=f"uawar {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    data = sub.add_parser("data", help="fetch raw files or build the processed tables")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    build = data_sub.add_parser("build", help="raw files -> data/processed/*.csv + datapackage.json")
    build.add_argument(
        "--raw",
        default=None,
        metavar="FOLDER",
        help=f"a folder holding every raw file (default: the newest export of each dataset in {config.RAW_DIR})",
    )
    build.add_argument("--data-dir", default=str(config.DATA_DIR), help=argparse.SUPPRESS)
    build.set_defaults(func=_data_build)
    classes = data_sub.add_parser("classes", help="data package -> docs/weapon_classes.md (every model's class)")
    classes.add_argument("--out", default=str(config.WEAPON_CLASSES_MD), help="where to write the table")
    classes.set_defaults(func=_data_classes)
    token_help = "Kaggle API token file (default: ~/.kaggle/kaggle.json or KAGGLE_USERNAME/KAGGLE_KEY)"
    fetch = data_sub.add_parser(
        "fetch", help="download the newest upstream files into a folder (`uawar data add` stores them)"
    )
    fetch.add_argument("--raw", required=True, metavar="FOLDER", help="where to put them")
    fetch.add_argument("--kaggle-json", default=None, help=token_help)
    fetch.set_defaults(func=_data_fetch)
    no_render = "store and rebuild, but render nothing"
    update = data_sub.add_parser(
        "update",
        help="download the newest upstream files; store what is new as a dated export, print what changed, "
        "rebuild the tables and re-render the site's reports",
    )
    update.add_argument("--kaggle-json", default=None, help=token_help)
    update.add_argument("--no-render", action="store_true", help=no_render)
    update.set_defaults(func=_data_update)
    add = data_sub.add_parser(
        "add",
        help="as `update`, with files obtained some other way: FOLDER holds the files of one dataset or both",
    )
    add.add_argument("folder", metavar="FOLDER", help="the raw files, as published")
    add.add_argument("--no-render", action="store_true", help=no_render)
    add.set_defaults(func=_data_add)
    diff = data_sub.add_parser(
        "diff",
        help="rows added, removed and changed between two exports of the attack log",
        description="Compare two exports of the attack log: two folders of raw files, or two data packages "
        "(a folder holding datapackage.json, or the file). Prints a summary and writes a CSV with one line "
        "per changed field, added row and removed row.",
    )
    diff.add_argument("old", metavar="OLD", help="the older export")
    diff.add_argument("new", metavar="NEW", help="the newer export")
    diff.add_argument(
        "--csv",
        default=None,
        metavar="PATH",
        help=f"where to write the CSV (default: {config.REPORTS_DIR}/data_diff--OLDLAST--NEWLAST.csv)",
    )
    diff.set_defaults(func=_data_diff)

    rend = sub.add_parser("render", help="render reports (notebooks -> HTML) into reports/, and the index page")
    rend.add_argument(
        "names",
        nargs="*",
        metavar="NAME",
        help="catalogue entries, notebook names (interception_rates) or report names",
    )
    rend.add_argument("--all", action="store_true", help="every report of the catalogue")
    rend.add_argument(
        "-p",
        "--param",
        nargs=2,
        action="append",
        metavar=("KEY", "VALUE"),
        help="set a parameter of the named reports (repeatable)",
    )
    rend.add_argument(
        "--jobs", type=_positive_int, default=None, help="parallel workers, 1 or more (default: the number of CPUs)"
    )
    rend.add_argument("--force", action="store_true", help="render even the reports whose inputs are unchanged")
    rend.add_argument(
        "--timeout",
        type=_positive_int,
        default=REPORT_TIMEOUT,
        metavar="SECONDS",
        help="time limit of one report; a report past it fails alone (default: %(default)s)",
    )
    rend.add_argument("--out", default=None, help=f"output folder (default: {config.REPORTS_DIR})")
    rend.add_argument("--with-code", action="store_true", help="keep the code cells in the HTML")
    rend.add_argument(
        "--lang",
        choices=("en", "uk"),
        default=None,
        help="the reports' language: en into the output folder, uk into its uk/ folder (default: both with --all, "
        "else en); a notebook is rendered in Ukrainian once notebooks/locale/uk/LC_MESSAGES/<notebook>.po exists",
    )
    rend.add_argument(
        "--site-url",
        default="",
        metavar="URL",
        help="where the site is published (https://example.org/uawar/): citations and quotes link the report "
        "and its data there (default: links relative to the page)",
    )
    rend.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="render on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); the reports are written here",
    )
    rend.set_defaults(func=_render)
    lst = sub.add_parser("list", help="list the notebooks, their parameters and the catalogue's reports")
    lst.set_defaults(func=_list)

    teach = sub.add_parser("teach", help="the teaching edition: student and solution notebooks, grading")
    teach_sub = teach.add_subparsers(dest="teach_command", required=True)
    for edition, what in [
        ("student", "exercises blanked, public checks with hints"),
        ("solutions", "solutions executed, autograder archives"),
    ]:
        ed = teach_sub.add_parser(edition, help=f"build the {edition} edition ({what})")
        ed.add_argument("--out", type=Path, default=None, help=f"folder to write into (default: {config.TEACHING_DIR})")
        ed.add_argument(
            "--lang",
            choices=("en", "uk"),
            default="en",
            help="the edition's language (uk: into reports/uk/teaching/, the notebooks with a Ukrainian catalogue)",
        )
        ed.set_defaults(func=_teach_edition, edition=edition)
    grade = teach_sub.add_parser("grade", help="grade a folder of hand-ins locally (no Docker) into a CSV")
    grade.add_argument("submissions", type=Path, help="folder of submitted notebooks (.ipynb) or export zips")
    grade.add_argument("--csv", type=Path, help="where to write the scores (default: SUBMISSIONS/scores.csv)")
    grade.add_argument(
        "--autograders", type=Path, help="folder of autograder archives (default: from `teach solutions`)"
    )
    grade.set_defaults(func=_teach_grade)

    keys = sub.add_parser(
        "key-figures",
        help="run notebooks with their defaults and store the outputs of their key-figure cells (nbval compares them)",
    )
    keys.add_argument("notebooks", nargs="*", type=Path, metavar="NOTEBOOK", help="default: every notebooks/NN_*.ipynb")
    keys.set_defaults(func=_key_figures)
    tr = sub.add_parser(
        "translations",
        help="extract the English sentences (library, templates, notebooks) and update every .po catalogue",
    )
    tr.add_argument(
        "notebooks", nargs="*", metavar="NOTEBOOK", help="a notebook's file stem, to start its catalogue (publishes it)"
    )
    tr.set_defaults(func=_translations)
    return parser


class Stopped(KeyboardInterrupt):
    """SIGTERM: stop as on Ctrl-C (workers and kernels stopped, the index written), exit 128 + 15."""


def _stopped(signum: int, frame: object) -> None:
    raise Stopped(signum)


def main(argv: list[str] | None = None) -> int:
    skip_iri_checker()
    args = build_parser().parse_args(argv)
    main_thread = threading.current_thread() is threading.main_thread()  # signal handlers live there only
    previous = signal.signal(signal.SIGTERM, _stopped) if main_thread else None
    try:
        return args.func(args)
    except InputError as err:  # raised where each input is read; anything else is a bug and keeps its traceback
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt as err:
        signum = err.args[0] if isinstance(err, Stopped) else signal.SIGINT
        print(f"interrupted ({signal.Signals(signum).name})", file=sys.stderr)
        return 128 + signum
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
