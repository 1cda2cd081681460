"""The bottom layer's file helpers: all-or-nothing writes, stale temporary files, hashes."""

import os
import subprocess
import sys

import pytest

from uawar import files


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


def test_stale_temporary_files_of_a_dead_run_are_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [tmp_path / f".report.{dead.pid}.tmp.html", tmp_path / f".README.{dead.pid}.tmp"]
    live = tmp_path / f".other.{os.getpid()}.tmp.html"  # a run still going: left alone
    kept = tmp_path / ".hidden.tmp.html"  # no pid: not ours
    for p in [*stale, live, kept]:
        p.write_text("half")
    assert files.tmp_path(tmp_path / "x.ipynb").name == f".x.{os.getpid()}.tmp.ipynb"
    assert sorted(files.clean_stale(tmp_path)) == sorted(stale)
    assert live.exists() and kept.exists()


def test_sha256_of_a_known_text(tmp_path):
    path = tmp_path / "abc"
    path.write_bytes(b"abc")  # the FIPS 180-2 example
    assert files.sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
