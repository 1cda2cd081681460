"""The whole-site stamp that lets a no-change `uawar render --all` answer without loading the renderer."""

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
    assert stamp.unchanged(out, False) is None  # no stamp yet
    stamp.write(out, stamp.digest(False), ["a", "b"])
    assert stamp.unchanged(out, False) == 2
    assert stamp.unchanged(out, True) is None  # other options
    # a no-change run answers from the stamp (no report is rendered: there is nothing to render here)
    assert cli.main(["render", "--all", "--out", str(out)]) == 0
    assert "nothing to render: all 2 reports are up to date" in capsys.readouterr().out
    # a changed catalogue, then a removed page, each make the stamp stale
    with open(notebooks / "catalogue.yaml", "a") as f:
        f.write("\n# edited\n")
    assert stamp.unchanged(out, False) is None
    stamp.write(out, stamp.digest(False), ["a", "b"])
    (out / "b.html").unlink()
    assert stamp.unchanged(out, False) is None
