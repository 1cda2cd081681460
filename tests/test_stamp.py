"""The stamp that lets a no-change `uawar render` answer without loading the renderer."""

import shutil

from uawar import cli, config
from uawar.site import stamp


def test_the_stamp_holds_until_an_input_or_a_page_changes(tmp_path, monkeypatch, capsys):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(config.NOTEBOOKS_DIR, notebooks)
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", notebooks)
    monkeypatch.setattr(config, "CATALOGUE", notebooks / "catalogue.yaml")
    out = tmp_path / "out"
    for name in ("a", "b"):
        (out / f"{name}.html").parent.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.html").write_text("page")
    everything = stamp.selection(True, None, {})
    assert stamp.unchanged(out, everything, False) is None  # no stamp yet
    stamp.write(out, everything, stamp.digest(False), ["a", "b"])
    assert stamp.unchanged(out, everything, False) == 2
    assert stamp.unchanged(out, everything, True) is None  # other options
    # only a new --site-url: the citations and quotes link under it, so the pages are rendered again
    assert stamp.unchanged(out, everything, False, "https://example.org/uawar/") is None
    stamp.write(out, everything, stamp.digest(False, "https://example.org/uawar/"), ["a", "b"])
    assert stamp.unchanged(out, everything, False, "https://example.org/uawar/") == 2
    assert stamp.unchanged(out, everything, False) is None
    stamp.write(out, everything, stamp.digest(False), ["a", "b"])
    assert stamp.unchanged(out, stamp.selection(False, ["a"], {}), False) is None  # another selection
    # a no-change run answers from the stamp (no report is rendered: there is nothing to render here)
    assert cli.main(["render", "--all", "--out", str(out)]) == 0
    assert "nothing to render: all 2 reports are up to date" in capsys.readouterr().out
    # a changed catalogue, then a removed page, each make the stamp stale
    with open(notebooks / "catalogue.yaml", "a") as f:
        f.write("\n# edited\n")
    assert stamp.unchanged(out, everything, False) is None
    stamp.write(out, everything, stamp.digest(False), ["a", "b"])
    (out / "b.html").unlink()
    assert stamp.unchanged(out, everything, False) is None


def test_each_selection_has_its_own_stamp(tmp_path, monkeypatch, capsys):
    """Names in any order and -p values name one selection; the second run of a named report answers at
    once, and so does a run of the whole catalogue after it."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.html").write_text("page")
    chosen = stamp.selection(False, ["b", "a", "a"], {"start": "2025-01-01"})
    assert chosen == stamp.selection(False, ["a", "b"], {"start": "2025-01-01"})
    assert chosen != stamp.selection(False, ["a", "b"], {"start": "2025-01-02"})
    stamp.write(out, stamp.selection(False, ["a"], {}), stamp.digest(False), ["a"])
    assert cli.main(["render", "a", "--out", str(out)]) == 0
    assert "nothing to render: the report is up to date" in capsys.readouterr().out
    # another option has no stamp; a run of another selection drops every stamp (it changes the folder)
    assert stamp.unchanged(out, stamp.selection(False, ["a"], {}), True) is None
    stamp.forget(out)
    assert stamp.unchanged(out, stamp.selection(False, ["a"], {}), False) is None
