"""The bottom layer's file helpers: all-or-nothing writes that never follow a link, one way to read an
input, the output folder's lock, leftovers of dead runs, hashes."""

import os
import stat
import subprocess
import sys
import tempfile

import pytest

from uawar import files


def _dead_pid() -> int:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    return dead.pid


def test_a_crash_mid_write_keeps_every_old_file(tmp_path, monkeypatch):
    a, b = tmp_path / "report.html", tmp_path / "datapackage.json"
    a.write_bytes(b"old report")
    b.write_text("old package")
    calls = []

    def crash(fd):  # the first file is whole, the second fails before any rename
        calls.append(fd)
        if len(calls) == 2:
            raise OSError("disk full")

    monkeypatch.setattr(files.os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        files.atomic_write({a: b"new report", b: "new package"})
    assert a.read_bytes() == b"old report" and b.read_text() == "old package"
    assert sorted(tmp_path.iterdir()) == sorted([a, b])


def test_text_is_written_as_utf8_with_newlines_untouched(tmp_path):
    path = tmp_path / "sub" / "t.csv"
    files.atomic_write({path: "a,Молнія\r\nb\n"})
    assert path.read_bytes() == "a,Молнія\r\nb\n".encode()


def test_a_write_never_follows_a_planted_link(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    final = out / "index.html"
    # the temporary names of the old helper, which an attacker could predict, and the final name itself
    (out / f".index.{os.getpid()}.tmp.html").symlink_to(victim)
    final.symlink_to(victim)
    files.atomic_write({final: "page"})
    assert victim.read_text() == "precious"
    assert not final.is_symlink() and final.read_text() == "page"  # the link was replaced, not written through
    assert (out / f".index.{os.getpid()}.tmp.html").is_symlink()  # not ours: left alone


def test_a_written_file_has_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    os.umask(old)
    files.atomic_write({tmp_path / "a.csv": "x"})
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == 0o666 & ~old  # not mkstemp's 0600


def test_a_folder_at_the_final_name_is_an_error_naming_it(tmp_path):
    (tmp_path / "d.csv").mkdir()
    with pytest.raises(IsADirectoryError) as err:
        files.atomic_write({tmp_path / "d.csv": "x"})
    assert err.value.filename == str(tmp_path / "d.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["d.csv"]  # no temporary file left


def test_stale_temporary_files_of_a_dead_run_are_removed(tmp_path):
    dead = _dead_pid()
    stale = [tmp_path / f".report.{dead}.k2j4x_8a.tmp.html", tmp_path / f".README.{dead}.abcdefgh.tmp"]
    live = tmp_path / f".other.{os.getpid()}.abcdefgh.tmp.html"  # a run still going: left alone
    kept = tmp_path / ".hidden.tmp.html"  # no pid: not ours
    for p in [*stale, live, kept]:
        p.write_text("half")
    assert sorted(files.clean_stale(tmp_path)) == sorted(stale)
    assert live.exists() and kept.exists()


def test_the_temporary_name_matches_what_clean_stale_removes(tmp_path, monkeypatch):
    names = []
    real = files.tempfile.mkstemp

    def spy(**kw):
        fd, name = real(**kw)
        names.append(name)
        return fd, name

    monkeypatch.setattr(files.tempfile, "mkstemp", spy)
    files.atomic_write({tmp_path / "x.ipynb": "{}"})
    (name,) = names
    m = files._TMP.match(os.path.basename(name))
    assert m and m["pid"] == str(os.getpid()) and m["suffix"] == ".ipynb"


# --- reading an input ------------------------------------------------------------------------------


def test_an_input_is_a_regular_file(tmp_path):
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    cases = {fifo: "is a FIFO", tmp_path: "is a folder", "/dev/zero": "is a device or socket"}
    for path, words in cases.items():
        with pytest.raises(files.NotAnInput, match=words):  # at once: no open waits for a writer
            files.read_input(path)


def test_an_input_over_the_ceiling_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_INPUT_BYTES", 10)
    (tmp_path / "ok").write_bytes(b"x" * 10)
    (tmp_path / "big").write_bytes(b"x" * 11)
    assert files.read_input(tmp_path / "ok") == b"x" * 10
    with pytest.raises(files.NotAnInput, match="larger than the ceiling"):
        files.read_input(tmp_path / "big")


# --- the lock and temporary folders ----------------------------------------------------------------


def test_a_second_lock_is_refused_and_names_the_holder(tmp_path):
    with files.Lock(tmp_path / "render.lock"), pytest.raises(files.Busy, match=f"pid {os.getpid()}"):
        files.Lock(tmp_path / "render.lock")
    with files.Lock(tmp_path / "render.lock"):  # released by the block
        pass


def test_temporary_folders_of_dead_runs_are_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = _dead_pid()
    stale = tmp_path / f"uawar-render-{dead}-abc"
    live = tmp_path / f"uawar-render-{os.getpid()}-abc"
    other = tmp_path / f"other-render-{dead}-abc"
    for p in (stale, live, other):
        (p / "sub").mkdir(parents=True)
    assert files.remove_temp_folders() == [stale]
    assert live.is_dir() and other.is_dir()
    assert files.remove_temp_folders(os.getpid()) == [live]  # what a stopped render process removes


def test_sha256_of_a_known_text(tmp_path):
    path = tmp_path / "abc"
    path.write_bytes(b"abc")  # the FIPS 180-2 example
    assert files.sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
