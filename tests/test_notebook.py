"""The shared caveats and the footer that every notebook shows."""

import pandas as pd

from uawar import notebook
from uawar.suppression import SuppressionBreak

DAY = pd.Timestamp
# First stated 2024-07-10, regularly 2024-08-21 to 2025-07-23, merged from 2025-07-24 (as in the current log).
BREAK = SuppressionBreak(
    DAY("2024-07-10"), DAY("2024-07-10"), (DAY("2024-08-21"), DAY("2025-07-23")), DAY("2025-07-24")
)


def test_caveats_are_one_markdown_list():
    md = notebook.caveats(notebook.WHOSE_AIR_FIGURES, notebook.DECOYS).data
    assert md.splitlines()[0].startswith("- **Whose figures.**")
    assert md.splitlines()[1].startswith("- **Decoys.**")
    assert len(md.splitlines()) == 2
    assert notebook.caveats("**A.** a", "", "**B.** b").data == "- **A.** a\n- **B.** b"  # "" does not apply


def test_caveats_name_what_this_report_reads():
    caveat = notebook.units_caveat("regional", "in 9 of 10 rows, launched equals destroyed")
    assert "(this report: units = `regional`)" in caveat
    assert "shoot-down tallies, not launch counts: in 9 of 10 rows, launched equals destroyed." in caveat
    assert "counted once, from the Air Force" in caveat
    assert notebook.blank_caveat("3 rows.").endswith("never read as 0. 3 rows.")


def test_the_suppression_caveat_follows_the_period():
    inside = notebook.suppression_caveat(BREAK, "2025-01-01", "2025-12-31", rates=False)
    assert "regularly from 2024-08-21 to 2025-07-23; from 2025-07-24" in inside
    assert "This period crosses the merge" in inside and "see notebook 02" in inside
    before = notebook.suppression_caveat(BREAK, "2024-01-01", "2024-06-30", rates=True)
    assert "does not cross" in before and "not measurable in the period" in before


def test_a_key_figure_carries_its_quote_in_plain_text():
    md = "Reports of **national** units, 2026-03 \\(Air Force\\):\n\n- **6,462 launched** (32 rows)\n"
    md += "- 5,833 shot down\n- c"
    assert notebook.plain(md, 2) == "Reports of national units, 2026-03 (Air Force): 6,462 launched (32 rows)."
    assert notebook.plain(md) == (
        "Reports of national units, 2026-03 (Air Force): 6,462 launched (32 rows); 5,833 shot down; c."
    )
    bundle = notebook.key_figure(md, "Air Force", "March 2026", "Decoys.", terms=("decoys",), items=1)
    shown = bundle._repr_mimebundle_()
    assert shown["text/markdown"] == md
    assert shown[notebook.QUOTE_MIME] == {
        "claimant": "Air Force",
        "date": "March 2026",
        "text": "Reports of national units, 2026-03 (Air Force):",
        "caveat": "Decoys.",
        "dataset": "attack_log",
        "reach": "Data to 2026-06-07",  # the attack log's last report date
        "terms": ["decoys"],
    }
    assert (
        notebook.key_figure(md, "a registry", "", "", "claims")._repr_mimebundle_()[notebook.QUOTE_MIME]["reach"] == ""
    )
