"""`uawar data diff`: row identity that ignores order and insertions, the two exports in data/raw, bad inputs."""

import csv
import os
import random
import re
import shutil
from pathlib import Path

import pytest
from notebook_runner import run

from uawar import cli, config, diff, ingest, params
from uawar.site import cache, catalogue

HEADER = ["time_start", "time_end", "model", "launched", "destroyed", "not_reach_goal", "source"]
# Two rows of one post share window and model (differing counts), as in the real log.
ROWS = [
    ["2025-06-01 19:00", "2025-06-02 08:00", "Shahed-136/131", "100.0", "80.0", "10.0", "kpszsu/posts/a"],
    ["2025-06-01 19:00", "2025-06-02 08:00", "Shahed-136/131", "50.0", "40.0", "", "kpszsu/posts/a"],
    ["2025-06-01 19:00", "2025-06-02 08:00", "Kalibr", "4.0", "3.0", "", "kpszsu/posts/a"],
    ["2025-06-02 20:00", "2025-06-03 07:00", "Shahed-136/131", "30.0", "30.0", "", "PvKPivden/posts/b"],
    ["2025-06-02 20:00", "2025-06-03 07:00", "Shahed-136/131", "30.0", "30.0", "", "PvKPivden/posts/b"],
]


def _export(folder: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "missile_attacks_daily.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])
    return folder


def _counts(old: Path, new: Path) -> tuple[int, int, int]:
    d = diff.compare(old, new)
    return len(d.added), len(d.removed), len(d.changed)


def test_reordered_rows_are_no_change(tmp_path):
    shuffled = ROWS[:]
    random.Random(3).shuffle(shuffled)
    assert shuffled != ROWS
    d = diff.compare(_export(tmp_path / "a", ROWS), _export(tmp_path / "b", shuffled))
    assert d.same and d.unchanged == 5


def test_a_new_row_beside_rows_of_the_same_key_is_an_addition_not_a_change(tmp_path):
    new_row = ["2025-06-01 19:00", "2025-06-02 08:00", "Shahed-136/131", "20.0", "5.0", "", "kpszsu/posts/a"]
    grown = [ROWS[0], new_row, *ROWS[1:]]  # inserted inside the group it shares window, model and post with
    d = diff.compare(_export(tmp_path / "a", ROWS), _export(tmp_path / "b", grown))
    assert (len(d.added), len(d.removed), len(d.changed)) == (1, 0, 0)
    assert d.added == [1]  # the second data row of the new file
    # A third copy of a duplicated row is an addition too.
    copied = [*ROWS, ROWS[3]]
    assert _counts(tmp_path / "a", _export(tmp_path / "c", copied)) == (1, 0, 0)


def test_a_correction_inside_a_group_of_the_same_key_names_the_row_and_field(tmp_path):
    corrected = [row[:] for row in ROWS]
    corrected[1][4] = "45.0"  # the second Shahed row of post a: destroyed 40 -> 45
    corrected.reverse()  # and the whole file in another order
    d = diff.compare(_export(tmp_path / "a", ROWS), _export(tmp_path / "b", corrected))
    assert (len(d.added), len(d.removed), len(d.changed)) == (0, 0, 1)
    (line,) = d.changes.to_dict("records")
    assert (line["field"], line["old_value"], line["new_value"]) == ("destroyed", "40", "45")
    assert (line["old_line"], line["new_line"]) == (3, 5)  # file lines: header is line 1
    assert line["source"] == "kpszsu/posts/a" and line["model"] == "Shahed-136/131"


def test_a_corrected_model_is_a_change_and_an_unrelated_row_is_not(tmp_path):
    corrected = [row[:] for row in ROWS]
    corrected[2][2] = "Kalibr and Iskander-K"  # one field of a row of post a
    corrected[3] = ["2025-06-02 21:00", "2025-06-03 06:00", "Orlan-10", "1.0", "1.0", "", "PvKPivden/posts/b"]
    d = diff.compare(_export(tmp_path / "a", ROWS), _export(tmp_path / "b", corrected))
    # The Kalibr row changed in one field; the Orlan row shares only its post: removed and added.
    assert (len(d.added), len(d.removed), len(d.changed)) == (1, 1, 1)
    changed = d.changes[d.changes["change"] == "changed"]
    assert list(changed["field"]) == ["model"] and list(changed["new_value"]) == ["Kalibr and Iskander-K"]


def test_a_removed_row_and_same_folder_twice(tmp_path):
    a = _export(tmp_path / "a", ROWS)
    assert _counts(a, _export(tmp_path / "b", ROWS[:2] + ROWS[3:])) == (0, 1, 0)
    assert diff.compare(a, a).same


def test_numbers_written_differently_are_equal(tmp_path):
    plain = [[v.removesuffix(".0") for v in row] for row in ROWS]
    assert diff.compare(_export(tmp_path / "a", ROWS), _export(tmp_path / "b", plain)).same


# --- the two exports of the attack log in data/raw -------------------------------------------------

SNAPSHOT = config.RAW_DIR / "massive-missile-attacks-on-ukraine" / "2026-02-08"


@pytest.fixture(scope="module")
def shared_diff(raw_dir):
    return diff.compare(SNAPSHOT, raw_dir)


@pytest.mark.slow
def test_exports_by_name_are_the_two_newest_of_the_attack_log(shared_diff, capsys):
    by_name = diff.compare("previous", "newest")
    assert (by_name.old.label, by_name.new.label) == (
        "massive-missile-attacks-on-ukraine/2026-02-08",
        "massive-missile-attacks-on-ukraine/2026-06-07",
    )
    assert by_name.counts == shared_diff.counts == {"added": 392, "removed": 0, "changed": 3}
    assert diff.compare("2026-02-08", "2026-06-07").counts == by_name.counts
    assert cli.main(["data", "diff", "2026-02-08", "2099-01-01"]) == 2
    assert "no export named '2099-01-01' of Massive Missile Attacks on Ukraine" in capsys.readouterr().err


def test_the_shared_exports(shared_diff):
    # 3,378 rows in the snapshot, 3,770 in the current export; every old row is in the new one, three of
    # them corrected (found by comparing the raw rows of one post each, and confirmed with daff).
    d = shared_diff
    assert (len(d.added), len(d.removed), len(d.changed), d.unchanged) == (392, 0, 3, 3375)
    got = {(r["model"], r["field"], r["old_value"], r["new_value"]) for r in d.changes.to_dict("records") if r["field"]}
    assert got == {
        ("3M22 Zircon", "destroyed", "4", "0"),  # 2 launched, 4 destroyed in the old export
        ("X-59/X-69", "not_reach_goal", "", "2"),
        ("Iskander-M/KN-23", "destroyed_details", "{'Mykolaiv oblast': 6}", ""),
    }
    flags = diff.flag_changes(d)
    assert flags[["flag", "change", "model", "new_line"]].values.tolist() == [
        ["destroyed_gt_launched", "disappeared", "3M22 Zircon", 398],
        # two added rows of one southern-command post (2026-03-04), each 1 Iskander-M in the same window
        ["repeated_window", "appeared", "Iskander-M", 293],
        ["repeated_window", "appeared", "Iskander-M", 294],
    ]
    effect = diff.monthly_effect(d).set_index(["month", "count"])["difference"].to_dict()
    assert effect == {("2026-02", "destroyed"): -4, ("2026-02", "suppressed"): 2}


@pytest.mark.slow
def test_the_command_prints_and_writes_the_csv(raw_dir, tmp_path, capsys):
    out = tmp_path / "diff.csv"
    assert cli.main(["data", "diff", str(SNAPSHOT), str(raw_dir), "--csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "392 added, 0 removed, 3 changed" in printed
    assert "destroyed: 4 -> 0" in printed and "not_reach_goal: (blank) -> 2" in printed
    assert "kpszsu/posts/pfbid02CZcDiHL4AMfPNjuL3T8g4Pt7NVQqyQZMnPpxsqYFUd2butHEpVnRz1V4h7kEgFbjl" in printed
    assert "disappeared: destroyed_gt_launched" in printed
    with open(out, newline="", encoding="utf-8") as f:
        lines = list(csv.DictReader(f))
    assert [r["change"] for r in lines].count("added") == 392
    assert [r["field"] for r in lines if r["change"] == "changed"] == [
        "destroyed",
        "not_reach_goal",
        "destroyed_details",
    ]


# --- bad inputs ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_same_folder_twice_reports_no_change(raw_dir, capsys):
    assert cli.main(["data", "diff", str(raw_dir), str(raw_dir)]) == 0
    assert "no change: both exports hold the same 3,770 rows" in capsys.readouterr().out


def test_a_missing_folder_is_named(tmp_path, raw_dir, capsys):
    assert cli.main(["data", "diff", str(tmp_path / "nowhere"), str(raw_dir)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path / "nowhere") in err and "not found" in err


def test_a_file_of_another_schema_is_named(tmp_path, raw_dir, capsys):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(raw_dir / "missiles_and_uavs.csv", other / "missile_attacks_daily.csv")
    assert cli.main(["data", "diff", str(other), str(raw_dir)]) == 2
    err = capsys.readouterr().err
    assert "missile_attacks_daily.csv" in err and "missing required column(s)" in err and "time_start" in err
    assert cli.main(["data", "diff", str(raw_dir / "russia_losses_personnel.json"), str(raw_dir)]) == 2
    assert "not a uawar data package" in capsys.readouterr().err


def test_a_raw_export_and_a_data_package_are_not_compared(raw_dir, capsys):
    assert cli.main(["data", "diff", str(raw_dir), str(config.DATA_DIR)]) == 2
    assert "compare two raw exports or two data packages" in capsys.readouterr().err


@pytest.mark.slow
def test_two_data_packages(tmp_path):
    package = tmp_path / "data"
    shutil.copytree(config.DATA_DIR, package, ignore=shutil.ignore_patterns("raw"))
    assert diff.compare(config.DATA_DIR, package).same
    table = package / "processed" / "air_attacks.csv"
    text = table.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    table.write_text(lines[0] + "".join(reversed(lines[1:])), encoding="utf-8")  # edited: its hash no longer matches
    with pytest.raises(diff.DataError, match="does not match the sha256"):
        diff.compare(config.DATA_DIR, package)
    # The bare tables compare: reversed rows are no change.
    assert diff.compare(config.PROCESSED_DIR / "air_attacks.csv", table).same


# --- notebook 05 ----------------------------------------------------------------------------------

NB05 = config.NOTEBOOKS_DIR / "05_export_changes.ipynb"


@pytest.mark.slow
def test_the_notebook_shows_the_commands_figures(shared_diff, tmp_path, raw_dir, capsys):
    shown = run(NB05, tmp_path)  # its defaults: the previous export against the newest
    assert cli.main(["data", "diff", str(SNAPSHOT), str(raw_dir), "--csv", str(tmp_path / "d.csv")]) == 0
    printed = capsys.readouterr().out
    assert "392 added, 0 removed, 3 changed" in printed
    assert "**392 rows added, 0 removed, 3 changed**" in shown
    assert diff.describe_changes(shared_diff) in shown and diff.describe_flags(shared_diff) in shown
    assert "2026-02, destroyed: 1,703 in the older export, 1,699 with the corrections (-4)" in shown


@pytest.mark.parametrize(
    "value, reason",
    [
        ("1999-01-01", "no export named '1999-01-01'"),
        ("nowhere/at/all", "not found"),
        ("/etc", "holds neither missile_attacks_daily.csv nor datapackage.json"),
        ("", "no export named"),
    ],
)
def test_the_notebook_names_a_missing_export(value, reason):
    """Checked before any kernel starts: a name, a path or a folder that holds no export."""
    with pytest.raises(params.ParameterError, match=f"'old'.*{re.escape(reason)}"):
        params.validate("export_changes", old=value)
    assert params.validate("export_changes") == {"old": "previous", "new": "newest"}


@pytest.mark.slow
def test_two_built_data_packages(raw_dir, tmp_path):
    # The snapshot built into a data package (with the shared loss series) against the committed package:
    # the processed tables hold no destroyed_details, so two of the three corrections show, each with the
    # processed column's name, and the Zircon row's quality flag goes with its correction.
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("missile_attacks_daily.csv", "missiles_and_uavs.csv"):
        shutil.copy(SNAPSHOT / name, raw / name)
    shutil.copy(raw_dir / "russia_losses_personnel.json", raw / "russia_losses_personnel.json")
    old = tmp_path / "data"
    old.mkdir()
    shutil.copy(config.CLAIMS_CSV, old / "claims.csv")
    ingest.build(raw, old)
    d = diff.compare(old / "datapackage.json", config.DATA_DIR)
    assert (len(d.added), len(d.removed), len(d.changed)) == (392, 0, 2)
    got = {(r["model"], r["field"], r["old_value"], r["new_value"]) for r in d.changes.to_dict("records") if r["field"]}
    assert got == {
        ("3M22 Zircon", "destroyed", "4", "0"),
        ("3M22 Zircon", "quality_flags", "destroyed_gt_launched", ""),
        ("X-59/X-69", "suppressed", "", "2"),
    }
    assert diff.flag_changes(d)[["flag", "change"]].values.tolist() == [
        ["destroyed_gt_launched", "disappeared"],
        ["repeated_window", "appeared"],  # the two Iskander-M rows of 2026-03-04 (test_the_shared_exports)
        ["repeated_window", "appeared"],
    ]


@pytest.mark.slow
def test_the_csv_goes_to_reports_by_default(raw_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(config, "REPORTS_DIR", tmp_path / "reports")
    assert cli.main(["data", "diff", str(SNAPSHOT), str(raw_dir)]) == 0
    written = tmp_path / "reports" / "data_diff--2026-02-08--2026-06-07.csv"
    assert f"wrote {written}" in capsys.readouterr().out
    assert len(written.read_text(encoding="utf-8").splitlines()) == 1 + 3 + 392  # header, 3 changed fields, 392 rows


def test_a_report_over_a_folder_is_keyed_on_what_the_folder_holds(tmp_path, raw_dir):
    """Notebook 05 given a folder: editing a file inside it (one row dropped) changes the report's cache key,
    which its name alone would not."""
    folder = tmp_path / "older"
    folder.mkdir()
    for name in ("missile_attacks_daily.csv", "missiles_and_uavs.csv"):
        shutil.copyfile(raw_dir / name, folder / name)
    (report,) = catalogue.select(
        ["export_changes"],
        overrides={"old": str(folder)},
        notebooks_dir=NB05.parent,
        catalogue=NB05.parent / "catalogue.yaml",
    )
    digest = cache.inputs_digest()
    before = cache.cache_key(report, digest, with_code=False)
    assert cache.cache_key(report, digest, with_code=False) == before
    lines = (folder / "missile_attacks_daily.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "missile_attacks_daily.csv").write_text("".join([lines[0], *lines[2:]]), encoding="utf-8")
    assert cache.cache_key(report, digest, with_code=False) != before


def test_a_special_file_as_an_export_is_refused_before_any_kernel(tmp_path):
    fifo = tmp_path / "missile_attacks_daily.csv"
    os.mkfifo(fifo)
    for value in (str(fifo), str(tmp_path)):
        with pytest.raises(params.ParameterError, match="is not a regular file"):
            params.validate("export_changes", new=value)
