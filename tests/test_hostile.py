"""Hostile and broken input, as a table of cases: what is given, the exit code, and the words the
one-line message must hold (the file or parameter, the line or key, what was expected).

Every case runs `uawar` in this process on copies (a few raw records, the committed tables) and
checks that the message is one line without a traceback and that data/ and the output folder are
untouched. No case starts a kernel: each is refused while its input is read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from uawar import cli, config, data, files

RAW_LOG, CATALOGUE, LOSSES = "missile_attacks_daily.csv", "missiles_and_uavs.csv", "russia_losses_personnel.json"
RAW_RECORDS = 30  # the newest 30 rows of the attack log (reports of 2026-05 and 2026-06)
LOSS_RECORDS = 40  # the first 40 days of the loss series (2022-02-25 to 2022-04-05)
CATALOGUE_YAML = config.CATALOGUE


@dataclass
class Env:
    raw: Path  # a small writable copy of the raw files
    data: Path  # a copy of data/ (processed tables, datapackage.json, claims.csv), used by the loaders
    out: Path  # the --out folder of `uawar render`
    tmp: Path

    def build(self) -> list[str]:
        return ["data", "build", "--raw", str(self.raw), "--data-dir", str(self.data)]

    def render(self, *args: str) -> list[str]:
        return ["render", *args, "--out", str(self.out)]  # --out last: the "out" cases replace it

    # --- edits of the raw attack log, by record (0 = the first row after the header) and column ---

    def log_rows(self) -> list[list[str]]:
        with open(self.raw / RAW_LOG, newline="", encoding="utf-8") as f:
            return list(csv.reader(f))

    def write_log(self, rows: list[list[str]]) -> None:
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        (self.raw / RAW_LOG).write_text(text.getvalue(), encoding="utf-8")

    def set_log(self, record: int, column: str, value: str) -> None:
        rows = self.log_rows()
        rows[record + 1][rows[0].index(column)] = value
        self.write_log(rows)

    def set_losses(self, edit: Callable[[list], object]) -> None:
        records = json.loads((self.raw / LOSSES).read_text(encoding="utf-8"))
        (self.raw / LOSSES).write_text(json.dumps(edit(records)), encoding="utf-8")


@pytest.fixture
def env(tmp_path, raw_dir, monkeypatch) -> Env:
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(raw_dir / RAW_LOG, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[: RAW_RECORDS + 1]
    shutil.copyfile(raw_dir / CATALOGUE, raw / CATALOGUE)
    losses = json.loads((raw_dir / LOSSES).read_text(encoding="utf-8"))[:LOSS_RECORDS]
    (raw / LOSSES).write_text(json.dumps(losses), encoding="utf-8")
    e = Env(raw, tmp_path / "data", tmp_path / "reports", tmp_path)
    e.write_log(rows)
    shutil.copytree(config.DATA_DIR, e.data, ignore=shutil.ignore_patterns("raw"))
    monkeypatch.setattr(config, "DATA_DIR", e.data)
    monkeypatch.setattr(config, "PROCESSED_DIR", e.data / "processed")
    monkeypatch.setattr(config, "DATAPACKAGE", e.data / "datapackage.json")
    monkeypatch.setattr(config, "CLAIMS_CSV", e.data / "claims.csv")
    monkeypatch.setattr(config, "CATALOGUE", tmp_path / "catalogue.yaml")
    shutil.copyfile(CATALOGUE_YAML, config.CATALOGUE)
    return e


def _processed(e: Env, name: str) -> Path:
    return e.data / "processed" / name


def _edit_text(path: Path, edit: Callable[[str], str]) -> None:
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


def _unreadable(e: Env) -> list[str]:
    # Root reads any file whatever its mode: a link to /proc/self/mem is a regular file that no one can read.
    (e.raw / RAW_LOG).unlink()
    (e.raw / RAW_LOG).symlink_to("/proc/self/mem")
    return e.build()


def _folder_for_file(e: Env) -> list[str]:
    (e.raw / RAW_LOG).unlink()
    (e.raw / RAW_LOG).mkdir()
    return e.build()


def _header_only(e: Env) -> list[str]:
    e.write_log(e.log_rows()[:1])
    return e.build()


def _bytes_in_log(e: Env, record: int, data: bytes) -> list[str]:
    """Put raw bytes into the model field of a record (file line record + 2)."""
    e.set_log(record, "model", "@@")
    path = e.raw / RAW_LOG
    path.write_bytes(path.read_bytes().replace(b"@@", data))
    return e.build()


def _log(record: int, column: str, value: str) -> Callable[[Env], list[str]]:
    def setup(e: Env) -> list[str]:
        e.set_log(record, column, value)
        return e.build()

    return setup


def _losses(edit: Callable[[list], object]) -> Callable[[Env], list[str]]:
    def setup(e: Env) -> list[str]:
        e.set_losses(edit)
        return e.build()

    return setup


def _set_record(i: int, key: str, value) -> Callable[[list], list]:
    def edit(records: list) -> list:
        records[i][key] = value
        return records

    return edit


def _tampered(name: str, edit: Callable[[str], str], *render_args: str) -> Callable[[Env], list[str]]:
    def setup(e: Env) -> list[str]:
        _edit_text(e.data / name, edit)
        return e.render(*render_args)

    return setup


def _drop_last_row(text: str) -> str:
    return text[: text.rstrip("\n").rfind("\n") + 1]


def _change_first_count(text: str) -> str:
    header, first, rest = text.split("\n", 2)
    fields = first.split(",")
    fields[5] = str(int(fields[5]) + 1)  # launched of the first row
    return "\n".join([header, ",".join(fields), rest])


def _catalogue(text: str) -> Callable[[Env], list[str]]:
    def setup(e: Env) -> list[str]:
        config.CATALOGUE.write_text(text, encoding="utf-8")
        return e.render("--all")

    return setup


def _out(where: Callable[[Env], Path]) -> Callable[[Env], list[str]]:
    def setup(e: Env) -> list[str]:
        return [*e.render("claims_check")[:-1], str(where(e))]

    return setup


def _a_file(e: Env) -> Path:
    (e.tmp / "report.html").write_text("not a folder")
    return e.tmp / "report.html"


def _read_only_folder(e: Env) -> Path:
    if os.geteuid() == 0:  # root writes into any folder whatever its mode: /sys refuses even root
        return Path("/sys")
    folder = e.tmp / "read-only"
    folder.mkdir(mode=0o555)
    return folder


def _repeated(times: int) -> Callable[[Env], list[str]]:
    """Every row of the log `times` times (a copy pasted into itself)."""

    def setup(e: Env) -> list[str]:
        rows = e.log_rows()
        e.write_log([rows[0], *rows[1:] * times])
        return e.build()

    return setup


def _one_row_twice(e: Env) -> list[str]:
    rows = e.log_rows()
    e.write_log([*rows, rows[1]])
    return e.build()


def _over_the_ceiling(e: Env) -> list[str]:
    with open(e.raw / RAW_LOG, "r+b") as f:  # sparse: no disk used, and read only up to the ceiling
        f.truncate(files.MAX_INPUT_BYTES + 1)
    return e.build()


def _diff_csv(where: Callable[[Env], Path]) -> Callable[[Env], list[str]]:
    def setup(e: Env) -> list[str]:
        return ["data", "diff", str(e.raw), str(e.raw), "--csv", str(where(e))]

    return setup


@dataclass(frozen=True)
class Case:
    setup: Callable[[Env], list[str]]  # prepares the input; returns the command line
    code: int  # the exit code
    words: tuple[str, ...]  # what the message must name


CASES = {
    # --- raw files (uawar data build) ---------------------------------------------------------------
    "raw: a byte that is not UTF-8": Case(
        lambda e: _bytes_in_log(e, 2, b"Shahed \xff"), 2, (RAW_LOG, "0xff is not UTF-8", "file lines): 4")
    ),
    "raw: a file that cannot be read": Case(_unreadable, 2, (RAW_LOG, "cannot be read", "expected a CSV file")),
    "raw: a folder where the file should be": Case(
        _folder_for_file, 2, (RAW_LOG, "is a folder", "expected a CSV file")
    ),
    "raw: --raw names a file": Case(
        lambda e: [*e.build()[:3], str(e.raw / CATALOGUE), *e.build()[4:]], 2, (CATALOGUE, "expected the folder")
    ),
    "raw: a header and no rows": Case(_header_only, 2, (RAW_LOG, "header but no rows", "expected at least one")),
    "raw: a count of 1e30": Case(
        _log(0, "launched", "1e30"), 2, (RAW_LOG, "column 'launched'", "'1e30'", "whole number", "file lines): 2")
    ),
    "raw: a count of 10^12": Case(
        _log(3, "destroyed", "1000000000000"), 2, (RAW_LOG, "column 'destroyed'", "ceiling of 10,000", "lines): 5")
    ),
    "raw: the text nan as a count": Case(
        _log(1, "not_reach_goal", "nan"), 2, (RAW_LOG, "column 'not_reach_goal'", "'nan'", "blank for not reported")
    ),
    "raw: inf as a count": Case(_log(1, "launched", "inf"), 2, (RAW_LOG, "column 'launched'", "'inf'", "lines): 3")),
    "raw: a field of 1 MB": Case(
        _log(4, "launch_place", "x" * 1_000_000), 2, (RAW_LOG, "malformed CSV", "field larger", "lines): 6")
    ),
    "raw: a NUL byte": Case(lambda e: _bytes_in_log(e, 5, b"Shahed\x00"), 2, (RAW_LOG, "U+0000", "lines): 7")),
    "raw: an escape character": Case(
        lambda e: _bytes_in_log(e, 6, b"\x1b[31mred"), 2, (RAW_LOG, "U+001B", "lines): 8")
    ),
    "raw: border crossings that are not counts": Case(
        _log(0, "border_crossing", "{'russia': 'many'}"), 2, (RAW_LOG, "column 'border_crossing'", "'country': count")
    ),
    "raw: a report date years in the future is flagged": Case(
        _log(0, "time_end", "2099-06-07 08:30"), 0, ("kept but flagged date_after_export", ": 1")
    ),
    "raw: a report dated 1834": Case(
        _log(0, "time_end", "1834-06-07 08:30"),
        2,
        (RAW_LOG, "column 'time_end'", "before the full-scale invasion (2022-02-24)", "1834-06-07", "lines): 2"),
    ),
    "raw: one row twice is flagged": Case(
        _one_row_twice,
        0,
        ("kept but flagged duplicate_row", "kept but flagged repeated_window", ": 2"),
    ),
    "raw: every row ten times": Case(
        _repeated(10), 2, (RAW_LOG, "300 of 300 rows repeat others", "at most 20%", "lines): 2, 3")
    ),
    "raw: a file over the size ceiling": Case(_over_the_ceiling, 2, (RAW_LOG, "larger than the ceiling of 64 MiB")),
    "raw: the loss series as a list of numbers": Case(
        lambda e: (e.set_losses(lambda r: [1, 2, 3]), e.build())[1], 2, (LOSSES, "record 1 is 1", "expected an object")
    ),
    "raw: a loss count of 1e30": Case(
        _losses(_set_record(4, "personnel", 1e30)), 2, (LOSSES, "column 'personnel'", "1e+30", "lines): 5")
    ),
    "raw: a loss count that is text": Case(
        _losses(_set_record(2, "personnel", "nan")), 2, (LOSSES, "column 'personnel'", "'nan'", "lines): 3")
    ),
    "raw: a loss date before the invasion": Case(
        _losses(lambda r: [{"date": "1834-01-01", "personnel": 0}, *r]),
        2,
        (LOSSES, "column 'date'", "before the full-scale invasion", "1834-01-01", "lines): 1"),
    ),
    "raw: a loss date in the future": Case(
        _losses(lambda r: [*r, {"date": "2099-01-01", "personnel": 10**6}]), 2, (LOSSES, "column 'date'", "2099-01-01")
    ),
    # --- processed tables and the data package (checked when a loader reads them) -------------------
    "data: a table edited by hand": Case(
        _tampered("processed/air_attacks.csv", _change_first_count, "interception_rates"),
        2,
        ("air_attacks.csv", "differs from", "make data"),
    ),
    "data: a table truncated": Case(
        _tampered("processed/personnel_losses.csv", _drop_last_row, "casualty_ratios"),
        2,
        ("personnel_losses.csv", "differs from", "make data"),
    ),
    "data: claims.csv edited without a rebuild": Case(
        _tampered("claims.csv", lambda t: t.replace("1000000", "2000000", 1), "casualty_ratios"),
        2,
        ("claims.csv", "differs from", "make data"),
    ),
    "data: datapackage.json truncated": Case(
        _tampered("datapackage.json", lambda t: t[: len(t) // 2], "interception_rates"),
        2,
        ("datapackage.json", "not valid JSON", "make data"),
    ),
    "data: datapackage.json without hashes": Case(
        _tampered("datapackage.json", lambda t: t.replace('"sha256:', '"md5:'), "interception_rates"),
        2,
        ("datapackage.json", "key 'resources'", "sha256"),
    ),
    # --- parameters and options (uawar render; refused before any kernel starts) --------------------
    "param: tolerance nan": Case(
        lambda e: e.render("claims_check", "-p", "tolerance", "nan"), 2, ("'tolerance'", "'nan'", "a number")
    ),
    "param: eur_usd nan": Case(lambda e: e.render("claims_check", "-p", "eur_usd", "nan"), 2, ("'eur_usd'", "'nan'")),
    "param: eur_usd inf": Case(lambda e: e.render("claims_check", "-p", "eur_usd", "inf"), 2, ("'eur_usd'", "'inf'")),
    "param: a launched count of 10^20": Case(
        lambda e: e.render("interception_rates", "-p", "launched", "100000000000000000000"),
        2,
        ("'launched'", "100000000000000000000", "to 10000"),
    ),
    "param: a launched count of 1e20": Case(
        lambda e: e.render("interception_rates", "-p", "launched", "1e20"), 2, ("'launched'", "'1e20'", "whole number")
    ),
    "param: a value of 1 MB": Case(
        lambda e: e.render("claims_check", "-p", "units", "x" * 1_000_000), 2, ("'units'", "'xxxx", " ...", "one of")
    ),
    "param: given twice": Case(
        lambda e: e.render("claims_check", "-p", "tolerance", "0.1", "-p", "tolerance", "0.2"),
        2,
        ("-p tolerance", "given twice", "'0.1' and '0.2'"),
    ),
    # --- the catalogue (uawar render --all) ---------------------------------------------------------
    "catalogue: reports is a number": Case(
        _catalogue("reports: 5\n"), 2, ("catalogue.yaml", "key 'reports' is 5", "a list")
    ),
    "catalogue: an entry is a number": Case(
        _catalogue("reports:\n  - 5\n"), 2, ("catalogue.yaml", "entry 1", "needs a 'notebook'")
    ),
    "catalogue: parameters is a list": Case(
        _catalogue("reports:\n  - notebook: claims_check\n    parameters: [1, 2]\n"),
        2,
        ("catalogue.yaml", "entry 1", "key 'parameters' is [1, 2]", "a mapping"),
    ),
    "catalogue: sweep is a number": Case(
        _catalogue("reports:\n  - notebook: claims_check\n    sweep: 3\n"), 2, ("entry 1", "key 'sweep' is 3")
    ),
    "catalogue: notebook is a number": Case(
        _catalogue("reports:\n  - notebook: 5\n"), 2, ("catalogue.yaml", "entry 1", "needs a 'notebook'")
    ),
    "catalogue: a list at the top": Case(_catalogue("- notebook: x\n"), 2, ("catalogue.yaml", "key 'reports'")),
    "catalogue: not YAML": Case(_catalogue("reports: [\n"), 2, ("catalogue.yaml", "line", "expected a YAML file")),
    # --- the file system ---------------------------------------------------------------------------
    "out: a file": Case(_out(_a_file), 2, ("--out", "report.html", "is a file", "expected a folder")),
    "out: a read-only folder": Case(_out(_read_only_folder), 2, ("--out", "expected a folder that reports")),
    "out: a path under a file": Case(
        _out(lambda e: Path("/dev/null/reports")), 2, ("--out /dev/null", "Not a directory", "expected a folder")
    ),
    "data: build into a read-only folder": Case(
        lambda e: [*e.build()[:-1], str(_read_only_folder(e) / "data")], 2, ("cannot write", "writable data folder")
    ),
    "diff: --csv names a folder": Case(
        _diff_csv(lambda e: e.tmp), 2, ("--csv", "Is a directory", "expected a path for a new CSV file")
    ),
    "diff: --csv under a file": Case(
        _diff_csv(lambda e: Path("/dev/null/x.csv")), 2, ("--csv /dev/null", "Not a directory")
    ),
    "data: classes --out names a folder": Case(
        lambda e: ["data", "classes", "--out", str(e.tmp)], 2, ("--out", "Is a directory", "Markdown file")
    ),
    "out: a name too long": Case(_out(lambda e: e.tmp / ("x" * 300)), 2, ("--out", "File name too long")),
    # --- options -----------------------------------------------------------------------------------
    "option: --jobs 0": Case(lambda e: e.render("claims_check", "--jobs", "0"), 2, ("--jobs", "'0'", "1 or more")),
    "option: --jobs -1": Case(lambda e: e.render("claims_check", "--jobs", "-1"), 2, ("--jobs", "'-1'", "1 or more")),
    "option: --timeout 0": Case(
        lambda e: e.render("claims_check", "--timeout", "0"), 2, ("--timeout", "'0'", "1 or more")
    ),
}


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(name, env, capsys):
    case = CASES[name]
    argv = case.setup(env)
    before = _tree(env.data)
    data._table.cache_clear()  # the loaders' cache is keyed by modification time: the edits above are quick
    data._verified.cache_clear()
    data._package.cache_clear()
    try:
        code = cli.main(argv)
    except SystemExit as exit_:  # argparse refuses a bad option itself
        code = exit_.code
    out, err = capsys.readouterr()
    message = err.strip().splitlines()[-1] if code else out
    if os.environ.get("UAWAR_SHOW_CASES"):
        print(f"\n| {name} | {code} | {message.strip().splitlines()[-1][:300]} |", file=sys.__stdout__)
    assert code == case.code, err
    for word in case.words:
        assert word in message, f"{word!r} not in {message!r}"
    assert "Traceback" not in err
    if code:
        assert message.startswith(("error: ", "uawar render: error: ")), err
        assert _tree(env.data) == before  # data/ untouched
        assert not env.out.exists() or not any(env.out.iterdir())  # nothing rendered
    assert not [p for p in env.tmp.rglob("*tmp*") if p.is_file()]  # no temporary file left


def test_the_table_covers_every_kind_of_input():
    kinds = {name.split(":")[0] for name in CASES}
    assert kinds >= {"raw", "data", "param", "option"}


@pytest.mark.skipif(os.name != "posix", reason="a link to /proc/self/mem")
def test_unreadable_case_really_cannot_be_read(env):
    _unreadable(env)
    with pytest.raises(OSError):
        (env.raw / RAW_LOG).read_bytes()


# --- special files: refused at once (each in a subprocess with a timeout: a regression fails, not hangs) ---


def _fifo(e: Env) -> Path:
    (e.raw / RAW_LOG).unlink()
    os.mkfifo(e.raw / RAW_LOG)
    return e.raw


def _dev_zero(e: Env) -> Path:
    (e.raw / RAW_LOG).unlink()
    (e.raw / RAW_LOG).symlink_to("/dev/zero")
    return e.raw


def _sparse_2gb(e: Env) -> Path:
    with open(e.raw / RAW_LOG, "r+b") as f:
        f.truncate(2 * 10**9)
    return e.raw


SPECIAL_FILES = {
    # what takes the attack log's place: (the folder of raw files, the words of the message)
    "a FIFO": (_fifo, "is a FIFO, not a regular file"),
    "a link to /dev/zero": (_dev_zero, "is a device or socket, not a regular file"),
    "a sparse file of 2 GB": (_sparse_2gb, "larger than the ceiling of 64 MiB"),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", ["build", "diff"])
@pytest.mark.parametrize("name", list(SPECIAL_FILES))
def test_a_special_file_is_refused_at_once(name, command, env):
    import subprocess

    setup, words = SPECIAL_FILES[name]
    raw = setup(env)
    argv = env.build() if command == "build" else ["data", "diff", str(raw), str(raw)]
    run = subprocess.run(
        [sys.executable, "-m", "uawar", *argv], capture_output=True, text=True, timeout=120, cwd=env.tmp
    )
    assert run.returncode == 2, run.stderr
    (line,) = run.stderr.strip().splitlines()[-1:]
    assert line.startswith("error: ") and RAW_LOG in line and words in line, run.stderr
    assert "Traceback" not in run.stderr


# --- the output folder: one writer, a full disk --------------------------------------------------------


def test_a_second_render_into_a_held_folder_exits_2(env, capsys):
    (env.out / ".cache").mkdir(parents=True)
    with files.Lock(env.out / ".cache" / "render.lock"):
        code = cli.main(env.render("claims_check"))
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    message = err.strip().splitlines()[-1]
    assert message.startswith("error: --out") and f"another run (pid {os.getpid()})" in message
    assert [p.name for p in env.out.rglob("*")] == [".cache", "render.lock"]  # nothing rendered


def _fake_render(monkeypatch) -> None:
    """Reports "rendered" at once (no kernel): the worker pool hands back a page for each task."""
    from uawar.site import batch, pages

    def local(tasks, jobs, done):
        for task in tasks:
            page = f"<html><body>{pages.NAV_START}{pages.NAV_END}<p>{task['name']}</p></body></html>"
            files_ = {f"{task['name']}--chart-1.csv": b"a,b\n1,2\n"}
            done(
                {
                    "name": task["name"],
                    "status": "ok",
                    "html": page.encode(),
                    "files": files_,
                    "error": None,
                    "cell": None,
                    "seconds": 0.1,
                    "executed": None,
                }
            )

    monkeypatch.setattr(batch, "_local", local)


@pytest.mark.slow
def test_a_full_disk_exits_2_naming_the_folder_and_keeps_the_site(env, monkeypatch, capsys):
    import errno

    _fake_render(monkeypatch)
    assert cli.main(env.render("claims_check")) == 0
    before = _tree(env.out)
    assert "claims_check.html" in before and "index.html" in before

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)  # every write fails before its rename
    capsys.readouterr()
    code = cli.main([*env.render("claims_check")[:-2], "--force", "--out", str(env.out)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    message = err.strip().splitlines()[-1]
    assert message.startswith("error: cannot write report claims_check") and str(env.out) in message
    assert "No space left on device" in message
    kept = lambda tree: {k: v for k, v in tree.items() if "_stamp-" not in k and "render.lock" not in k}  # noqa: E731
    assert kept(_tree(env.out)) == kept(before)  # the previous site, whole; no temporary file


@pytest.mark.slow
def test_a_page_that_lost_its_navigation_gets_it_back(env, monkeypatch):
    # Another writer (a run without the lock, a crash between writes) puts a page back without its
    # navigation after the index recorded the navigation as written: the next index puts it back.
    from uawar.site import pages

    _fake_render(monkeypatch)
    assert cli.main(env.render("claims_check")) == 0
    page = env.out / "claims_check.html"
    with_nav = page.read_text()
    assert 'class="uawar-related"' in with_nav
    bare = f"<html><body>{pages.NAV_START}{pages.NAV_END}<p>claims_check</p></body></html>"
    files.atomic_write({page: bare})
    pages.write_index(env.out)
    assert page.read_text() == with_nav


# --- CSV cells and search text ---------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.org","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_csv_cells_never_start_a_formula():
    import pandas as pd

    from uawar import markup

    assert [markup.csv_cell(f) for f in FORMULAS] == ["'" + f for f in FORMULAS]
    assert [markup.csv_cell(v) for v in ("-3", "+4.5", "1e3", "Shahed", -3)] == ["-3", "+4.5", "1e3", "Shahed", -3]
    table = pd.DataFrame({"model": [FORMULAS[0], "-3", "Shahed"], "=n": [-1, 2, -3], "x": [-0.5, None, 1.0]})
    rows = list(csv.reader(io.StringIO(markup.csv_text(table), newline="")))
    assert rows == [
        ["model", "'=n", "x"],
        ["'" + FORMULAS[0], "-1", "-0.5"],  # numbers stay numbers, negative ones too
        ["-3", "2", ""],
        ["Shahed", "-3", "1.0"],
    ]


def test_the_diff_csv_and_the_chart_csv_neutralise_a_formula(env, capsys):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from uawar import interception, plots

    old = env.tmp / "old"
    shutil.copytree(env.raw, old)
    env.set_log(0, "model", FORMULAS[0])
    assert cli.main(["data", "diff", str(old), str(env.raw), "--csv", str(env.tmp / "d.csv")]) == 0
    with open(env.tmp / "d.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    (changed,) = [r for r in rows if r["field"] == "model"]
    assert changed["model"] == changed["new_value"] == "'" + FORMULAS[0]
    ax = plots.decomposition_chart({FORMULAS[0]: interception.decompose_counts(63, 28, 21)}, "Reported fate")
    chart = plots.chart_data(ax.figure)
    plt.close("all")
    assert chart is not None and "'" + FORMULAS[0].replace('"', '""') in chart["csv"]
    assert not any(line.startswith(("=", "+", "@")) for line in chart["csv"].splitlines())


def test_the_search_text_is_what_a_reader_sees():
    import nbformat

    from uawar import markup
    from uawar.site import report_files

    value = "Kh-101 <b>: 5 [x](https://example.org) *a*"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# Title\n\nModel {markup.text(value)}"),
        nbformat.v4.new_code_cell(
            outputs=[nbformat.v4.new_output("display_data", {"text/markdown": f"- {markup.text(value)}"})]
        ),
    ]
    text = report_files.search_text(nb)
    assert text == f"Title Model {value} {value}"
    assert "\\" not in text


# --- markup from data: escaped where it is inserted ------------------------------------------------

HOSTILE_TEXT = {
    # what a model name, claimant or note could hold, and what it must not become
    "a code span and a style element": "Shahed`<style>*{color:red}</style>`",
    "a Markdown link": "[click me](https://example.org/x)",
    "a bare URL": "see https://example.org/x or www.example.org",
    "an image": "![x](data:image/png;base64,AAAA)",
    "emphasis and a table cell": "*bold* _it_ | cell ~~gone~~",
    "dollars (math)": "Kh-$101$ and $x^2$",
    "an escaped entity": "R&amp;D &lt;b&gt; &#x27;",
    "a script": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "a backslash": "a\\`b\\",
}


@pytest.mark.parametrize("name", list(HOSTILE_TEXT))
def test_text_from_data_shows_as_written_in_markdown(name):
    import html
    import re

    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from uawar.markup import text

    value = HOSTILE_TEXT[name]
    rendered = markdown2html_mistune(f"- largest night ({text(value)})")
    tags = set(re.findall(r"<\s*([a-z0-9]+)", rendered))
    assert tags <= {"ul", "li"}, rendered  # no element from the data: no link, code, style, em, img
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == f"largest night ({value})"


def test_the_footer_shows_a_parameter_holding_markup_as_text():
    from uawar import notebook

    value = HOSTILE_TEXT["a code span and a style element"]
    page = notebook.footer({"model": value, "start": "2025-01-01"}).data
    assert "<style" not in page and "&lt;style&gt;" in page
    assert page.count("<code>") == page.count("</code>")  # the value cannot close its code element


@pytest.mark.parametrize("name", ["dollars (math)", "an escaped entity", "a code span and a style element"])
def test_chart_text_from_data_is_never_math(name):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from uawar import interception, plots

    plots.set_theme()
    value = HOSTILE_TEXT[name]
    ax = plots.decomposition_chart({value: interception.decompose_counts(63, 28, 21)}, f"Reported fate ({value})")
    ax.figure.canvas.draw()  # mathtext would fail on '$101$ and $x^2$' or draw it as math
    assert ax.figure.get_suptitle().split() == f"Reported fate ({value})".split()  # wrapped at spaces only
    assert [t.get_text() for t in ax.get_yticklabels()] == [value]
    assert not any(t.get_parse_math() for t in ax.figure.findobj(matplotlib.text.Text))
    plt.close("all")


# --- the sanitiser: what an output could hold if an insertion forgot to escape -------------------

UNESCAPED_OUTPUTS = {
    # fragment: what must not survive clean_html
    "<p>Shahed<style>*{display:none}</style></p>": ("<style", "display"),
    '<p style="position:fixed;top:0">x</p>': ("style=", "position"),
    '<a href="https://example.org/phish">source</a>': ("href", "example.org"),
    '<a href="//example.org/x">x</a>': ("href",),
    '<img src="https://example.org/pixel.png">': ("example.org",),
    '<table><tr><td onmouseover="alert(1)">1</td></tr></table>': ("onmouseover", "alert"),
    "<script>fetch('https://example.org')</script>": ("<script", "fetch"),
    '<form action="https://example.org"><input name="q"></form>': ("<form", "<input", "example.org"),
    '<iframe src="data:text/html,x"></iframe>': ("<iframe", "data:text"),
    '<svg><style>*{}</style><a href="https://example.org">x</a></svg>': ("<svg", "<style", "href"),
}


@pytest.mark.parametrize("fragment", list(UNESCAPED_OUTPUTS))
def test_the_sanitiser_keeps_no_live_markup_from_outputs(fragment):
    from uawar.site import html

    cleaned = html.clean_html(fragment)
    for forbidden in UNESCAPED_OUTPUTS[fragment]:
        assert forbidden not in cleaned, cleaned


def test_the_policy_allows_the_page_styles_and_nothing_inline():
    from uawar.site import html

    page = (
        f'<html><head><meta http-equiv="Content-Security-Policy" content="{html.CSP_SLOT}">'
        "<style>body{margin:0}</style></head><body><style>p{color:red}</style></body></html>"
    )
    policy = html.with_policy(page)
    # sha256 of 'body{margin:0}', worked out with: printf 'body{margin:0}' | openssl dgst -sha256 -binary | base64
    assert "style-src 'sha256-IAdwN3biDCQ3brrgp1m8kBEsPQYyqfREKOEfeoREopc='" in policy
    assert policy.count("'sha256-") == 1 and "unsafe-inline" not in policy  # the <style> in <body> is not allowed


@pytest.mark.slow
def test_a_report_on_a_hostile_model_name_renders_as_text(tmp_path, raw_copy):
    """End to end: a model name holding a code span, a style element, dollars, a link and an entity
    is built into the data, then chosen as the report's model: the report renders (no math error),
    and the page shows the name as text with no style, link or script of its own."""
    import re
    import subprocess

    name = "Shahed`<style>*{display:none}</style>` $a$b$ [x](https://example.org) &amp;"
    root = tmp_path / "root"
    shutil.copytree(config.NOTEBOOKS_DIR, root / "notebooks")
    shutil.copytree(config.DATA_DIR, root / "data", ignore=shutil.ignore_patterns("raw"))
    with open(raw_copy / RAW_LOG, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:  # a national Shahed row reported on 2025-06-19
        if row[1].startswith("2025-06-19") and row[-1].startswith("kpszsu") and row[2] == "Shahed-136/131":
            row[2] = name
            break
    with open(raw_copy / RAW_LOG, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    uawar = str(Path(sys.executable).parent / "uawar")
    env = {**os.environ, "UAWAR_ROOT": str(root)}
    build = subprocess.run([uawar, "data", "build", "--raw", str(raw_copy)], env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    out = tmp_path / "out"
    argv = ["render", "interception_rates", "-p", "model", name, "-p", "start", "2025-06-01", "-p", "end", "2025-06-30"]
    run = subprocess.run([uawar, *argv, "--out", str(out)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    (page,) = [p.read_text() for p in out.glob("interception_rates--*.html")]
    head, body = page.split("</head>", 1)
    assert "&lt;style&gt;*{display:none}&lt;/style&gt;" in body  # shown, as text
    assert not re.search(r"<style|\sstyle=|<script", body), "markup from the data in the page"
    # links out of the page: only the datasets' pages and licences of the data note, and the posts' shapes
    from uawar import markup
    from uawar.site import html as site_html

    out_links = re.findall(r'href="((?:https?:)?//[^"]*)"', body)
    assert out_links and all(u in site_html.SITE_LINKS or markup.POST_URL.fullmatch(u) for u in out_links), out_links
    assert "example.org" not in "".join(out_links)
    assert "unsafe-inline" not in head
    assert "$a$b$" in body and "&amp;amp;" in body  # dollars not math; the entity shown as written


def test_a_rows_post_becomes_a_link_only_in_the_shapes_the_log_uses():
    import pandas as pd

    from uawar import markup
    from uawar.site import html as site_html

    # the real `source_ref` forms (data/processed/air_attacks.csv): a Facebook post, a video, a Telegram message
    assert markup.post_url("kpszsu/posts/pfbid0ab12") == "https://www.facebook.com/kpszsu/posts/pfbid0ab12"
    assert markup.post_url("PvKPivden/videos/1234/") == "https://www.facebook.com/PvKPivden/videos/1234"
    assert markup.post_url("watch/?v=375517448001233") == "https://www.facebook.com/watch/?v=375517448001233"
    assert markup.post_url("https://t.me/kpszsu/20048") == "https://t.me/kpszsu/20048"
    for other in ("kharkivoda/news/1", "javascript:alert(1)", 'kpszsu/posts/a"><b>', "https://evil.example/x", None):
        assert markup.post_url(other) is None
    table = pd.DataFrame({"models": ["<b>Kalibr</b>"], "post": ["kpszsu/posts/pfbid0ab12"]})
    page = markup.html_table(table)
    assert "&lt;b&gt;Kalibr&lt;/b&gt;" in page
    assert '<a href="https://www.facebook.com/kpszsu/posts/pfbid0ab12">kpszsu/posts/pfbid0ab12</a>' in page
    # the sanitiser keeps that link and drops any other link out of the page
    clean = site_html.clean_html(page + '<a href="https://evil.example/">x</a><a href="#h">h</a>')
    assert 'href="https://www.facebook.com/kpszsu/posts/pfbid0ab12"' in clean
    assert "evil" not in clean and 'href="#h"' in clean
