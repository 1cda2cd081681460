"""What one report produces beside its HTML (uawar.site.report_files): the commands that run it again and each
chart's citation."""

import pytest

from uawar import plots
from uawar.site import report_files


@pytest.mark.parametrize(
    ("params", "given", "uawar", "papermill_part"),
    [
        (
            {"start": "2025-06-01", "end": "2025-06-30", "model": None},
            ["start", "end"],
            "uawar render interception_rates -p start 2025-06-01 -p end 2025-06-30",
            "-p model None",
        ),
        (
            {"as_of": "2025-06-12", "claims": ["1", "2a"]},
            ["claims"],
            "uawar render interception_rates -p claims 1,2a",
            """-y '{"claims": ["1", "2a"]}'""",
        ),
    ],
)
def test_rerun_commands(params, given, uawar, papermill_part):
    commands = report_files.rerun_commands("interception_rates", "02_interception_rates.ipynb", params, given)
    assert commands["uawar"] == uawar
    assert commands["papermill"].startswith("papermill notebooks/02_interception_rates.ipynb ")
    assert papermill_part in commands["papermill"]


def test_a_charts_citation_links_the_report_and_names_only_its_tables():
    version = {"air_attacks": "a" * 12, "attacks": "b" * 12, "coverage": "c" * 12, "personnel_losses": "d" * 12}
    version["claims"] = "e" * 12
    report = {"name": "interception_rates--2026-03", "heading": "Interception rates: x", "params": {}}
    chart = {"source": plots.SOURCE_ATTACK_LOG, "title": "Shot down"}
    cite = report_files.citation(report, chart, 2, "interception_rates--2026-03--chart-2.csv", version)
    assert (
        "uawar report interception_rates--2026-03.html#chart-2 (data: interception_rates--2026-03--chart-2.csv)"
        in (cite["text"])
    )
    assert "air_attacks sha256:aaaaaaaaaaaa; attacks sha256:bbbbbbbbbbbb." in cite["text"]
    assert (
        "personnel_losses" not in cite["text"]
        and "claims sha256" not in cite["text"]
        and "coverage" not in cite["text"]
    )
    linked = report_files.citation(report, chart, 2, "x.csv", version, "https://example.org/uawar/")
    assert (
        "https://example.org/uawar/interception_rates--2026-03.html#chart-2 (data: https://example.org/uawar/x.csv)"
        in (linked["text"])
    )
    losses = report_files.citation(report, {"source": plots.SOURCE_LOSS_SERIES, "title": "t"}, 1, "y.csv", version)
    assert "personnel_losses sha256:dddddddddddd." in losses["text"] and "air_attacks" not in losses["text"]


def test_a_reports_key_figure_gets_its_quote_and_its_anchor():
    import nbformat

    from uawar import notebook

    figure = notebook.key_figure("**823 launched** in one attack", "Air Force", "2025-09-07", "Launched counts decoys.")
    data = figure._repr_mimebundle_()
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("display_data", data=data)])],
        metadata={"title": "The largest attack"},
    )
    task = {
        "name": "attack",
        "notebook": "attack",
        "path": "06_attack.ipynb",
        "params": {},
        "given": [],
        "data_version": {},
        "site_url": "https://example.org/uawar/",
    }
    report_files.report_files(nb, task)
    about = nb.cells[0].outputs[0]["metadata"]["uawar"]
    assert about["n"] == 1 and about["terms"] == []
    assert about["quote"] == (
        "Air Force (2025-09-07): 823 launched in one attack. Compiled by P. Ivaniuk, \u201cMassive Missile Attacks on "
        "Ukraine\u201d (Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International). Data to 2026-06-07. "
        "Caveat: Launched counts decoys. Source: https://example.org/uawar/attack.html#figure-1"
    )
