"""The site's pages without a browser: the front page's findings against sums worked out here from the
processed table, sweeps as grids, the search index, the rerun commands."""

import json

import pandas as pd
import pytest

from uawar import config, data
from uawar.site import findings, glossary, pages, report_files


def test_the_latest_whole_month_and_its_figures():
    attacks = data.load_air_attacks()
    # the attack log's last report is dated 2026-06-07: June is not whole, so May 2026
    assert attacks["report_date"].max() == pd.Timestamp("2026-06-07")
    assert str(findings.latest_whole_month(attacks)) == "2026-05"
    assert str(findings.latest_whole_month(attacks[attacks["report_date"] <= "2026-05-31"])) == "2026-05"
    # by hand from the processed table: May 2026's rows of the national Air Force (61 rows; no other
    # nationwide body reported that month), all classes, then the Shahed-type rows
    raw = pd.read_csv(config.DATA_DIR / "processed" / "air_attacks.csv", parse_dates=["report_date"])
    may = raw[raw["report_date"].between("2026-05-01", "2026-05-31") & (raw["reporting_unit"] == "air_force")]
    shahed = may[may["weapon_class"] == "shahed_drone"]
    launched, shot, every = int(shahed["launched"].sum()), int(shahed["destroyed"].sum()), int(may["launched"].sum())
    f = findings.month_finding(attacks)
    assert (f.start, f.end, f.notebook) == ("2026-05-01", "2026-05-31", "interception_rates")
    assert f"{every:,} drones and missiles launched" in f.text
    assert f"{shot / launched:.1%}" in f.text and f"{shot:,} of {launched:,}" in f.text
    assert f.claimant == "Air Force of the Armed Forces of Ukraine"
    # the rate names its definition (May 2026 lies after the merge of 2025-07-24) and its interval over the 35
    # attacks of the month, with Wilson's beside it
    assert "merged: shot down or suppressed, the posts' one figure for Shahed-type drones from 2025-07-24" in f.text
    assert "95 % CI over 35 attacks" in f.text and "Wilson, each weapon an independent trial" in f.text
    assert shahed["attack_id"].nunique() == 35


def test_the_largest_attack_and_the_largest_report_day():
    # From the processed table with plain pandas: the nationwide post with the most launched is the Air Force's
    # of 2025-09-06 17:00 to 2025-09-07 09:30 (823); the report day with the most is 2026-03-24, a night attack
    # (424) and a daytime one (556): 980
    f = findings.largest_attack(data.load_air_attacks())
    assert f.heading == "The largest attack" and f.date == "2025-09-07"
    assert f.text.startswith(
        "The largest attack: 823 launched in one nationwide report, window 2025-09-06 17:00 to 2025-09-07 09:30"
    )
    assert "The largest report day, 2026-03-24, holds 2 attacks: 980 launched." in f.text
    assert "largest night" not in f.text


def record(name: str, start: str, end: str, **given: str) -> dict:
    return {
        "name": name,
        "notebook": "interception_rates",
        "title": "Interception rates",
        "path": "02_interception_rates.ipynb",
        "params": {"start": start, "end": end, "weapon_class": "shahed_drone", **given},
        "given": ["start", "end", *given],
        "status": "ok",
        "has_html": True,
        "has_thumb": True,
    }


def test_sweeps_become_grids_and_neighbours():
    records = [
        record("ir--2025-12", "2025-12-01", "2025-12-31"),
        record("ir--2026-01", "2026-01-01", "2026-01-31"),
        record("ir--2026-02", "2026-02-01", "2026-02-28"),
        record("ir--2025-12--weapon_class-missiles", "2025-12-01", "2025-12-31", weapon_class="missiles"),
        record("ir--2025", "2025-01-01", "2025-12-31"),
    ]
    group = pages.organise(records)["interception_rates"]
    (sweep,) = group["sweeps"]  # the missiles month and the year stand alone
    assert [r["name"] for r in sweep.members] == ["ir--2025-12", "ir--2026-01", "ir--2026-02"]
    grid = sweep.grid()
    assert [year for year, _ in grid] == ["2025", "2026"]
    assert [c and c["period"] for c in grid[0][1]] == [None] * 11 + ["2025-12"]
    assert [c and c["period"] for c in grid[1][1][:3]] == ["2026-01", "2026-02", None]
    assert sorted(r["name"] for r in group["singles"]) == ["ir--2025", "ir--2025-12--weapon_class-missiles"]
    nav = pages.nav_html(sweep.members[1], group, group["sweeps"], pages._environment())
    assert 'rel="prev" href="ir--2025-12.html"' in nav and 'rel="next" href="ir--2026-02.html"' in nav


def test_the_search_index_is_a_script_that_cannot_close_itself():
    rec = record("r", "2025-06-01", "2025-06-30")
    script = pages.search_index([rec], {"r": "Kinzhal </script><script>alert(1)</script>"}).decode()
    assert script.startswith("window.UAWAR_SEARCH = ") and "</script>" not in script and "<" not in script
    index, words = script.splitlines()  # the documents, then the page language's words (uawar.i18n)
    docs = json.loads(index.removeprefix("window.UAWAR_SEARCH = ").rstrip(";"))
    assert docs[0]["text"] == "Kinzhal </script><script>alert(1)</script>"
    assert json.loads(words.removeprefix("window.UAWAR_SEARCH_WORDS = ").rstrip(";"))["months"][-1] == "may"


def test_defaults_follow_the_data_and_titles_say_what_a_page_counts():
    from uawar import params

    # the attack log ends 2026-06-07, the General Staff's series 2026-08-08 (data/datapackage.json)
    volumes = params.validate("air_attack_volumes")
    assert (volumes["start"], volumes["end"]) == ("2025-07-01", "2026-06-07")  # the last twelve months
    rates = params.validate("interception_rates")
    assert (rates["start"], rates["end"]) == ("2026-01-01", "2026-06-07")  # the year to date
    assert params.validate("casualty_ratios")["as_of"] == "2026-08-08"  # the series' last date
    assert params.validate("air_attack_volumes", end="2025-12-31")["start"] == "2025-01-01"
    title = "Interception rates: what share of the launched drones and missiles was shot down or suppressed"
    march = params.validate("interception_rates", start="2026-03-01", end="2026-03-31")
    assert params.heading("interception_rates", title, march) == (
        "Interception rates: Shahed-type drones only (decoys counted with them), nationwide reports, March 2026"
    )
    assert params.heading("interception_rates", title, rates).endswith("2026 to 7 June (year to date)")
    ballistic = params.validate(
        "interception_rates", weapon_class="ballistic_missile", start="2025-01-01", end="2025-12-31"
    )
    assert "ballistic missiles only" in params.heading("interception_rates", title, ballistic)
    assert "'S-400 and Iskander-M', counts as mixed missiles" in params.heading("interception_rates", title, ballistic)
    assert params.heading("casualty_ratios", "Casualty ratios: x", params.validate("casualty_ratios")).endswith(
        "as of 2026-08-08"
    )


def test_a_month_grid_says_what_its_pages_count():
    rec = {"name": "interception_rates--2026-03", "notebook": "interception_rates", "title": "Interception rates: x"}
    rec |= {"params": params_of("interception_rates", "2026-03-01", "2026-03-31"), "given": ["start", "end"]}
    other = {
        **rec,
        "name": "interception_rates--2026-04",
        "params": params_of("interception_rates", "2026-04-01", "2026-04-30"),
    }
    sweep = pages.organise([rec, other])["interception_rates"]["sweeps"][0]
    assert (
        sweep.caption == "one report per month: Shahed-type drones only (decoys counted with them), nationwide reports"
    )


def params_of(notebook, start, end):
    from uawar import params

    return params.validate(notebook, start=start, end=end)


def test_the_data_page_names_the_authors_links_and_licences(tmp_path):
    page = pages.write_data_page(tmp_path).read_text(encoding="utf-8")
    assert '<a href="https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine">' in page
    assert '<a href="https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset">' in page
    assert '<a href="https://creativecommons.org/licenses/by-nc-sa/4.0/">' in page
    # the licence files in full, and what a commercial publisher must clear
    licence = (config.RAW_DIR / "massive-missile-attacks-on-ukraine" / "LICENSE.md").read_text(encoding="utf-8")
    assert "A commercial publisher must clear its use with the author." in licence
    assert "A commercial publisher must clear its use with the author." in page
    assert "must clear its use with the author first" in page
    assert "script-src 'self'" in page and "<script" not in page


def test_every_page_s_data_note_links_the_original_datasets():
    from uawar import notebook
    from uawar.site import html

    note = html.clean_html(notebook.data_note())
    assert 'href="https://www.kaggle.com/datasets/piterfm/massive-missile-attacks-on-ukraine"' in note
    assert 'href="https://opensource.org/licenses/MIT"' in note and 'href="data.html"' in note


@pytest.mark.slow
def test_the_month_class_page_links_each_row_to_its_report(tmp_path):
    from uawar import params

    monthly = {
        "name": "interception_rates--2026-03",
        "notebook": "interception_rates",
        "title": "Interception rates: x",
        "heading": "Interception rates: Shahed-type drones only, March 2026",
        "params": params.validate("interception_rates", start="2026-03-01", end="2026-03-31"),
        "has_html": True,
    }
    yearly = {
        "name": "air_attack_volumes--2025--freq-month",
        "notebook": "air_attack_volumes",
        "title": "Air attack volumes: x",
        "params": params.validate("air_attack_volumes", start="2025-01-01", end="2025-12-31", freq="month"),
        "has_html": True,
    }
    sentences = pages.write_month_class(tmp_path, [monthly, yearly])
    page = (tmp_path / "month_class.html").read_text(encoding="utf-8")
    # one sentence a row for the search index, with the month's name and its date
    assert (
        "March 2026 (2026-03), Shahed-type long-range attack drones (and decoys counted with them): 6,462 launched, "
        "shot down 5,833 of 6,462 (90.3%)." in sentences
    )
    assert '<tr data-month="2026-03" data-class="shahed_drone" id="2026-03-shahed_drone">' in page
    row = page[page.index('id="2026-03-shahed_drone"') :]
    row = row[: row.index("</tr>")]
    assert "6,462" in row and "5,833 of 6,462" in row and "90.3%" in row  # 5,833 / 6,462 = 90.27 %
    assert '<a href="interception_rates--2026-03.html">' in row
    # its quote box: claimant, month, figure with the count behind it, compiler, licence, reach, caveat, anchor
    assert (
        '<p id="quote-2026-03-shahed_drone" class="quote-text">Air Force of the Armed Forces of Ukraine (nationwide '
        "reports of March 2026): Shahed-type long-range attack drones (and decoys counted with them): 6,462 launched; "
        "shot down 5,833 of 6,462 launched stated (90.3%; 95 % interval " in row
    )
    assert (
        "Compiled by P. Ivaniuk, \u201cMassive Missile Attacks on Ukraine\u201d (Creative Commons Attribution-" in row
    )
    assert "Data to 2026-06-07. Caveat: Shot down is over the reports that state a shot-down figure" in row
    assert "Source: month_class.html#2026-03-shahed_drone</p>" in row
    assert '<button type="button" data-copy="quote-2026-03-shahed_drone" hidden data-copied="Copied">' in row
    ballistic = page[page.index('id="2025-07-ballistic_missile"') :]
    assert '<a href="air_attack_volumes--2025--freq-month.html">' in ballistic[: ballistic.index("</tr>")]
    # the next index (after every render) takes the table from .cache/: the same page and CSV to the byte
    csv = (tmp_path / "month_class.csv").read_bytes()
    (tmp_path / "month_class.html").unlink()
    (tmp_path / "month_class.csv").unlink()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pages.interception, "month_by_class", lambda *a: pytest.fail("computed again with nothing changed"))
        assert pages.write_month_class(tmp_path, [monthly, yearly]) == sentences
    assert (tmp_path / "month_class.html").read_text(encoding="utf-8") == page
    assert (tmp_path / "month_class.csv").read_bytes() == csv
    assert '<script src="table.js"></script>' in page and "script-src 'self'" in page
    assert (tmp_path / "table.js").is_file() and (tmp_path / "quote.js").is_file()
    assert '<script src="quote.js"></script>' in page
    # like every page, it ends with the data note: the original datasets and their licences, linked
    assert '<a href="https://creativecommons.org/licenses/by-nc-sa/4.0/">' in page[page.index("uawar-data-note") :]
    csv = (tmp_path / "month_class.csv").read_text(encoding="utf-8").splitlines()
    assert csv[0].startswith("month,weapon_class,rows,attacks,launched,shot_down,rate_launched,shot_down_rate")
    assert any(line.startswith("2026-03,shahed_drone,32,32,6462,5833,6462,") for line in csv)


def test_a_quote_names_claimant_compiler_licence_caveat_and_its_anchor():
    f = {
        "claimant": "General Staff of the Armed Forces of Ukraine",
        "date": "2026-08-08",
        "text": "1,456,610 Russian personnel losses.",
        "dataset": "loss_series",
        "reach": "Data to 2026-08-08",
        "caveat": "Not deaths.",
    }
    assert report_files.quote(f, "index.html#finding-3") == (
        "General Staff of the Armed Forces of Ukraine (2026-08-08): 1,456,610 Russian personnel losses. Compiled by "
        "P. Ivaniuk, \u201c2022 Ukraine Russia War Dataset\u201d (MIT License). Data to 2026-08-08. "
        "Caveat: Not deaths. "
        "Source: index.html#finding-3"
    )
    assert report_files.quote(f, "index.html#finding-3", "https://example.org/uawar/").endswith(
        "Source: https://example.org/uawar/index.html#finding-3"
    )


def test_the_latest_attack_and_the_attack_pages_the_findings_link():
    # From the processed table with plain pandas: the last report date, 2026-06-07, holds one nationwide attack,
    # the Air Force's 2026-06-06 18:00 to 2026-06-07 08:30, 236 Shahed-type drones.
    f = findings.latest_attack(data.load_air_attacks())
    assert (f.heading, f.date, f.notebook) == ("The latest attack", "2026-06-07", "attack")
    assert f.text == (
        "The latest attack in the data: 236 launched in one nationwide report, window 2026-06-06 18:00 to "
        "2026-06-07 08:30: Shahed-136/131 (236)."
    )
    largest = findings.largest_attack(data.load_air_attacks()).as_dict()
    latest = f.as_dict()
    site = {
        "attack": {
            "records": [
                {"name": "attack", "params": {"attack": "largest"}, "given": [], "has_html": True},
                {"name": "attack_latest", "params": {"attack": "latest"}, "given": ["attack"], "has_html": True},
            ]
        }
    }
    assert pages._link_for(largest, site)["name"] == "attack"
    assert pages._link_for(latest, site)["name"] == "attack_latest"


def test_a_report_links_each_glossary_terms_first_use():
    page = (
        "<html><head><title>Decoys</title></head><body><nav>attacks</nav><main><h2>Shot down</h2>"
        "<p>See the <a href='x'>decoys</a> and the attack log; <code>suppressed</code>.</p>"
        "<details><summary>Quote</summary><p>Decoys and attacks</p></details>"
        "<p>Drones shot down, decoys counted, two attacks; more decoys.</p></main></body></html>"
    )
    linked = glossary.link_glossary(page)
    assert (
        linked.count("glossary.html#") == 3
    )  # not in the title, nav, heading, link, code, box; 'attack log' is no use
    assert (
        '<p>Drones <a href="glossary.html#shot-down">shot down</a>, <a href="glossary.html#decoys">decoys</a> counted, '
        'two <a href="glossary.html#attack">attacks</a>; more decoys.</p>' in linked
    )
