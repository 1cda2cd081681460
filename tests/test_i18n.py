"""The Ukrainian edition: catalogues complete and strict, numbers and dates in the reader's convention, a
Ukrainian report with no English sentence left."""

from __future__ import annotations

import datetime as dt
import json
import re

import nbformat
import pandas as pd
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup

from uawar import casualties, config, errors, i18n, notebook, plots
from uawar.site import batch, catalogue

NBSP = "\u00a0"


@pytest.fixture
def uk():
    with i18n.language("uk"):
        yield


# --- numbers and dates, worked out by hand --------------------------------------------------------


def test_english_keeps_the_sites_own_convention():
    assert i18n.number(8354) == "8,354"
    assert i18n.number(1.5, 1) == "1.5"
    assert i18n.percent(0.917) == "91.7%"
    assert i18n.date("2026-03-24") == "2026-03-24"
    assert i18n.long_date(dt.date(2026, 3, 24)) == "24 March 2026"
    assert i18n.month("2026-03") == "March 2026"


def test_ukrainian_groups_with_a_space_and_writes_a_decimal_comma(uk):
    assert i18n.number(8354) == f"8{NBSP}354"
    assert i18n.number(1456610) == f"1{NBSP}456{NBSP}610"
    assert i18n.number(3.0, 1) == "3,0"
    assert i18n.percent(0.917) == f"91,7{NBSP}%"
    assert i18n.percent(0.104) == f"10,4{NBSP}%"


def test_ukrainian_dates_and_months(uk):
    assert i18n.date("2026-03-24") == "24 березня 2026"
    assert i18n.date(dt.date(2022, 2, 24)) == "24 лютого 2022"
    assert i18n.month("2024-12") == "грудень 2024"  # a month alone: the nominative
    assert i18n.month_abbreviations()[:3] == ["січ.", "лют.", "бер."]
    assert {"березень", "березня"} <= set(i18n.month_names())  # search matches both forms


def test_a_key_figures_quote_is_in_the_reports_language(uk):
    """Claimant, date, reach and caveat of a Ukrainian report's quote box, not the English ones."""
    quote = notebook.key_figure("**1**", casualties.GENERAL_STAFF, "2026-08-08", notebook.CASUALTY_CAVEAT).quote
    assert quote["claimant"] == "Генеральний штаб Збройних сил України"
    assert quote["date"] == "8 серпня 2026"
    assert quote["reach"] == "Дані до 7 червня 2026"  # the attack log's last report, the default dataset
    assert quote["caveat"].startswith("Заява Генштабу про втрати противника, незалежно не перевірена")


def test_the_pages_of_another_language_are_published_under_its_folder():
    assert i18n.site_url("", "uk") == ""  # relative links stay relative
    assert i18n.site_url("https://example.org/uawar/", "en") == "https://example.org/uawar/"
    assert i18n.site_url("https://example.org/uawar/", "uk") == "https://example.org/uawar/uk"


def test_ukrainian_plural_forms_of_a_count(uk):
    rows = [i18n.ngettext("{n} row", "{n} rows", n).format(n=n) for n in (1, 3, 5, 11, 21, 22)]
    assert rows == ["1 рядок", "3 рядки", "5 рядків", "11 рядків", "21 рядок", "22 рядки"]


@pytest.mark.parametrize("right", [1.0, 0.3])
def test_a_share_axis_keeps_matplotlibs_decimals_in_the_readers_convention(right):
    """en as matplotlib's PercentFormatter writes it (20%, or 10.0% on a narrow axis), uk through Babel (20 %)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ticks = {}
    for lang in ("en", "uk"):
        with i18n.language(lang):
            fig, ax = plt.subplots()
            ax.set_xlim(0, right)
            ax.xaxis.set_major_formatter(plots.PercentAxis())
            fig.canvas.draw()
            ticks[lang] = [t.get_text() for t in ax.get_xticklabels()]
            plt.close(fig)
    assert ticks["en"][:3] == (["0%", "20%", "40%"] if right == 1 else ["0.0%", "5.0%", "10.0%"])
    assert ticks["uk"][:3] == (
        [f"0{NBSP}%", f"20{NBSP}%", f"40{NBSP}%"] if right == 1 else [f"0,0{NBSP}%", f"5,0{NBSP}%", f"10,0{NBSP}%"]
    )


def test_three_significant_digits_in_each_convention():
    assert [i18n.significant(v) for v in (0.012345, 12.345, 1234.5)] == ["0.0123", "12.3", "1.23e+03"]
    with i18n.language("uk"):
        assert [i18n.significant(v) for v in (0.012345, 12.345, 1234.5)] == ["0,0123", "12,3", f"1{NBSP}230"]


def test_a_chart_in_ukrainian_writes_its_ticks_and_csv_headers_in_ukrainian(uk):
    import matplotlib

    matplotlib.use("Agg")
    monthly = pd.DataFrame({"month": pd.to_datetime(["2025-01-01", "2025-02-01"]), "mean": [1234.0, 1585.0]})
    ax = plots.monthly_means_chart(monthly, "t", plots.SOURCE_LOSS_SERIES)
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert f"1{NBSP}000" in ticks
    about = plots.chart_data(ax.figure)
    assert about["csv"].splitlines()[0] == "місяць,середнє"  # headers translated
    assert about["csv"].splitlines()[2].endswith(",1585.0")  # values as they are
    assert about["source"].startswith("Джерело: Генеральний штаб Збройних сил України")


def test_a_date_axis_in_ukrainian_names_its_months_as_babel_does(uk):
    import matplotlib

    matplotlib.use("Agg")
    monthly = pd.DataFrame({"month": pd.date_range("2024-10-01", "2025-05-01", freq="MS"), "mean": 1000.0})
    ax = plots.monthly_means_chart(monthly, "t", plots.SOURCE_LOSS_SERIES)
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    # months around October 2024 to May 2025 (matplotlib's locator picks which), January written as its year
    months = {"січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд."}
    assert set(ticks) <= months | {"2025"} and "2025" in ticks and "лист." in ticks
    assert len(ticks) >= 4


# --- catalogues: strict, complete, editable without code -----------------------------------------


def _catalogue(tmp_path, messages: dict[str, tuple[str, bool]], domain: str = "uawar"):
    """A catalogue of `messages` (English -> (Ukrainian, fuzzy)) where uawar.i18n reads the library's."""
    catalog = Catalog(locale="uk", domain=domain)
    for english, (ukrainian, fuzzy) in messages.items():
        catalog.add(english, ukrainian, flags=["fuzzy"] if fuzzy else [])
    path = tmp_path / "uk" / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as f:
        write_po(f, catalog)
    return path


def test_a_missing_or_fuzzy_translation_fails_naming_the_string_and_the_catalogue(tmp_path, monkeypatch):
    path = _catalogue(tmp_path, {"Shot down": ("Збито", False), "Decoys": ("Дрони-імітатори", True)})
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.translate("Shot down", "uk") == "Збито"
    with pytest.raises(i18n.TranslationError, match=r"uk/LC_MESSAGES/uawar\.po: no translation of 'Decoys'") as err:
        i18n.translate("Decoys", "uk")  # fuzzy: its English changed since it was translated
    assert str(path) in str(err.value)
    with pytest.raises(i18n.TranslationError, match="no translation of 'Neutralised'"):
        i18n.translate("Neutralised", "uk")  # missing
    assert i18n.translate("Decoys", "en") == "Decoys"  # English is the source


def test_a_changed_notebook_cell_fails_the_ukrainian_render_naming_it(tmp_path, monkeypatch):
    """A translator's catalogue that lags behind an edited cell stops the Ukrainian render before any kernel."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    source = config.NOTEBOOKS_DIR / "03_casualty_ratios.ipynb"
    nb = nbformat.read(source, as_version=4)
    nb.cells[1].source += " An edited sentence."
    nbformat.write(nb, folder / source.name)
    (folder / "locale").symlink_to(config.NOTEBOOKS_DIR / "locale")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", folder)
    reports = catalogue.select(["casualty_ratios"], catalogue=config.CATALOGUE)
    with pytest.raises(errors.RenderError, match=r"03_casualty_ratios\.po: no translation of .How many killed"):
        batch.render(reports, out=tmp_path / "out", lang="uk")
    assert not (tmp_path / "out" / "uk" / "casualty_ratios.html").exists()


def test_a_translator_edits_the_po_and_the_next_lookup_reads_it(tmp_path, monkeypatch):
    path = _catalogue(tmp_path, {"Shot down": ("Збито", False)})
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.translate("Shot down", "uk") == "Збито"
    with path.open("rb") as f:
        catalog = read_po(f)
    catalog["Shot down"].string = "Збито (у повітрі)"
    with path.open("wb") as f:
        write_po(f, catalog)
    path.touch()
    assert i18n.translate("Shot down", "uk") == "Збито (у повітрі)"


def test_every_sentence_of_the_library_and_templates_has_a_finished_translation():
    """pybabel over babel.cfg, as `uawar translations` runs it: each message is in uawar.po, translated
    and not fuzzy."""
    wanted = [m.id for m in i18n.library_template() if m.id]
    assert len(wanted) > 150
    with i18n.po_path("uk").open("rb") as f:
        done = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(f) if m.id}
    problems = [
        w
        for w in wanted
        if (key := w if isinstance(w, str) else w[0]) not in done or done[key].fuzzy or not done[key].string
    ]
    assert problems == []


@pytest.mark.parametrize("path", sorted((config.NOTEBOOKS_DIR / "locale" / "uk" / "LC_MESSAGES").glob("*.po")))
def test_a_published_notebook_has_every_markdown_cell_translated(path):
    nb = nbformat.read(config.NOTEBOOKS_DIR / f"{path.stem}.ipynb", as_version=4)
    i18n.translate_notebook(nb, path.stem, "uk")  # raises naming the first cell without a translation
    prose = [re.sub(r"`[^`]*`", "", c.source) for c in nb.cells if c.cell_type == "markdown"]  # code as written
    assert not any(re.search(r"\b(the|and|of)\b", text) for text in prose)


def test_every_title_and_description_of_the_data_package_has_a_finished_translation():
    """data/datapackage.json's 5 tables' titles and 65 fields' descriptions, as `uawar translations` extracts them:
    each in datapackage.po, translated and not fuzzy."""
    wanted = i18n.package_messages(json.loads(config.DATAPACKAGE.read_text(encoding="utf-8")))
    assert len(wanted) == 70
    with i18n.po_path("uk", i18n.PACKAGE_DOMAIN).open("rb") as f:
        done = {m.id: m for m in read_po(f) if m.id}
    assert [w for w in wanted if w not in done or done[w].fuzzy or not done[w].string] == []


# --- a Ukrainian report reads in Ukrainian ----------------------------------------------------------

# What may stay in Latin letters on a Ukrainian page: names as the data write them (weapon models, claimants,
# publications of data/claims.csv, dataset and licence titles), code, parameters and file names (docs/glossary.md).
_LATIN_RUN = re.compile(r"(?:[A-Za-z][A-Za-z'’.-]*[ ,;:()]+){2,}[A-Za-z][A-Za-z'’-]*")


def english_runs(html: str, allowed: list[str]) -> list[str]:
    """Runs of three or more Latin words in a page's visible text, outside code, citations (<pre>) and `allowed`."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["pre", "code", "script", "style"]):
        tag.decompose()
    text = re.sub(r"\s+", " ", soup.get_text(" "))
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " ")
    return _LATIN_RUN.findall(text)


def allowed_names() -> list[str]:
    from uawar import data, sources

    claims = data.load_claims()
    names = [*claims["claimant"], *claims["source"], *claims["claimant"].str.split(",").str[0]]
    names += [x for d in sources.DATASETS for x in (d.title, d.licence_title, d.citation)]
    names += list(data.load_air_attacks()["model"].unique())  # weapon models as the log writes them ('A and B')
    return [str(n) for n in names if isinstance(n, str)]


def test_the_ukrainian_data_dictionary_reads_in_ukrainian(tmp_path):
    from uawar.site import teaching

    with i18n.language("uk"):
        page = teaching.write_data_dictionary(tmp_path / "uk").read_text()
    assert BeautifulSoup(page, "html.parser").html["lang"] == "uk"
    assert english_runs(page, allowed_names()) == []
    # identifiers and data values stay as written, as code
    assert "<td>Локаційно втрачено (<code>not_reach_goal</code>), здебільшого через РЕБ." in page
    english = teaching.write_data_dictionary(tmp_path / "en").read_text()
    assert '<html lang="en">' in english and "<code>not_reach_goal</code>" not in english
    assert 'A blank cell means "not reported", never zero.' in english


def test_a_data_package_title_changed_since_its_translation_fails_the_dictionary_naming_it(tmp_path, monkeypatch):
    from uawar.site import teaching

    title = "Air attacks on Ukraine, one row per weapon model per attack window"
    _catalogue(tmp_path, {title: ("Повітряні атаки на Україну", True)}, domain=i18n.PACKAGE_DOMAIN)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    with i18n.language("uk"), pytest.raises(i18n.TranslationError, match=r"datapackage\.po: no translation of 'Air"):
        teaching.write_data_dictionary(tmp_path / "out")


def render_in_both_languages(out, names: list[str], jobs: int = 1) -> None:
    """The catalogue's reports `names` rendered into `out` in English and into `out/uk` in Ukrainian."""
    reports = catalogue.select(names)
    for lang in ("en", "uk"):
        assert batch.render(reports, out=out, lang=lang, jobs=jobs).exit_code == 0, lang


@pytest.mark.slow
def test_the_ukrainian_reports_have_no_english_sentence_and_link_their_twins(tmp_path):
    render_in_both_languages(tmp_path, ["casualty_ratios", "export_changes"], jobs=2)
    changes = (tmp_path / "uk" / "export_changes.html").read_text()
    assert english_runs(changes, allowed_names()) == []
    assert "рядків додано: 392, вилучено: 0, змінено: 3" in changes  # the two exports in data/raw, counted by hand
    page = (tmp_path / "uk" / "casualty_ratios.html").read_text()
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == "uk"
    twins = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert twins == {"en": "../casualty_ratios.html", "uk": "../uk/casualty_ratios.html"}
    switch = soup.select_one("li.uawar-lang a")
    assert (switch["href"], switch["lang"], switch.get_text()) == ("../casualty_ratios.html", "en", "English")
    assert english_runs(page, allowed_names()) == []
    assert "Генеральний штаб Збройних сил України" in page
    # the General Staff's figure as of the page's date, in the Ukrainian convention: 1 456 610, 8 серпня 2026
    assert re.search(r"близько <strong>\d{1,3}(?:\u00a0\d{3})+</strong>", page)
    english = BeautifulSoup((tmp_path / "casualty_ratios.html").read_text(), "html.parser")
    assert english.html["lang"] == "en"
    switch = english.select_one("li.uawar-lang a")
    assert (switch["href"], switch["lang"], switch.get_text()) == ("uk/casualty_ratios.html", "uk", "Українська")
    index = (tmp_path / "uk" / "index.html").read_text()
    assert english_runs(index, allowed_names()) == []  # its findings (of the notebooks published in Ukrainian) too
    assert '<a href="month_class.html">' in index
    for other in ("glossary.html", "data.html", "month_class.html"):  # the site's pages around the reports
        assert english_runs((tmp_path / "uk" / other).read_text(), allowed_names()) == [], other
    table = BeautifulSoup((tmp_path / "uk" / "month_class.html").read_text(), "html.parser")
    twins = {link["hreflang"]: link["href"] for link in table.find_all("link", rel="alternate")}
    assert table.html["lang"] == "uk" and twins == {"en": "../month_class.html", "uk": "../uk/month_class.html"}
    assert table.select_one("li.uawar-lang a")["href"] == "../month_class.html"
    assert "window.UAWAR_SEARCH_WORDS" in (tmp_path / "uk" / "search-index.js").read_text()
    csv = (tmp_path / "uk" / "casualty_ratios--chart-2.csv").read_text().splitlines()
    assert (
        csv[0] == "місяць,середнє"
        and csv[1:] == (tmp_path / "casualty_ratios--chart-2.csv").read_text().splitlines()[1:]
    )


@pytest.mark.slow
@pytest.mark.kernel
def test_the_ukrainian_volumes_report_reads_in_ukrainian(tmp_path):
    render_in_both_languages(tmp_path, ["air_attack_volumes"], jobs=1)
    page = (tmp_path / "uk" / "air_attack_volumes.html").read_text()
    assert english_runs(page, allowed_names()) == []
    # data/processed/air_attacks.csv, nationwide rows reported 2025-07-01 to 2026-06-07 (635 rows): 66,956 launched
    assert f"<strong>запущено 66{NBSP}956</strong>" in page
    assert "<strong>66,956 launched</strong>" in (tmp_path / "air_attack_volumes.html").read_text()


@pytest.mark.slow
@pytest.mark.kernel
def test_the_ukrainian_interception_report_reads_in_ukrainian(tmp_path):
    render_in_both_languages(tmp_path, ["interception_rates"], jobs=1)
    page = (tmp_path / "uk" / "interception_rates.html").read_text()
    assert english_runs(page, allowed_names()) == []
    # data/processed/air_attacks.csv, nationwide Shahed-type rows reported 2026-01-01 to 2026-06-07 (165 rows, all the
    # Air Force's): 29,244 shot down of 32,842 launched = 89.04 %, written 89,0 % and 29 244 з 32 842
    assert f"<strong>89,0{NBSP}% (" in page and f"29{NBSP}244 з 32{NBSP}842" in page
    english = (tmp_path / "interception_rates.html").read_text()
    assert "<strong>89.0% (" in english and "29,244 of 32,842" in english


@pytest.mark.slow
@pytest.mark.kernel
def test_the_campaign_and_geography_reports_read_in_ukrainian(tmp_path):
    render_in_both_languages(tmp_path, ["campaign_shape", "geography"], jobs=2)
    campaign = (tmp_path / "uk" / "campaign_shape.html").read_text()
    geography = (tmp_path / "uk" / "geography.html").read_text()
    assert english_runs(campaign, allowed_names()) == []
    assert english_runs(geography, allowed_names()) == []
    # data/processed/attacks.csv: 843 attacks reported 2024-01-01 to 2026-05-31, 101,127 launched (a few form)
    assert (
        f"<strong>843 загальнонаціональні атаки</strong> (запущено засобів повітряного нападу: 101{NBSP}127)"
        in campaign
    )
    # air_attacks.csv, the nationwide rows of 2025-01-01 to 2026-05-31: 894 of 947 state a launch place (94.4 %)
    assert f"<strong>894 з 947 рядків (94{NBSP}%)" in geography
    assert "<th>Харківська область</th>" in geography and "Kharkiv oblast" not in geography


@pytest.mark.slow
@pytest.mark.kernel
def test_the_ukrainian_claims_check_reads_in_ukrainian(tmp_path):
    render_in_both_languages(tmp_path, ["claims_check"], jobs=1)
    page = (tmp_path / "uk" / "claims_check.html").read_text()
    assert english_runs(page, allowed_names()) == []
    # data/claims.csv, counted by hand: 32 figures, 7 of them checkable (claim 1 against the General Staff's series;
    # 7a-7c, 10a-10c against the attack log); EUR 9,000,000,000 x 1.1578 = USD 10,420,200,000
    assert "Із 32 чисел реєстру заяв із даними можна зіставити <strong>7</strong>" in page
    assert f"9{NBSP}000{NBSP}000{NBSP}000 євро × 1,1578 дол./євро = 10{NBSP}420{NBSP}200{NBSP}000 дол." in page
    english = (tmp_path / "claims_check--chart-1.csv").read_text().splitlines()
    csv = (tmp_path / "uk" / "claims_check--chart-1.csv").read_text().splitlines()
    assert csv[0].startswith("номер_заяви,застереження,заявлено,показник,дані") and csv[1:] == english[1:]


@pytest.mark.slow
@pytest.mark.kernel
def test_the_ukrainian_attack_report_reads_in_ukrainian(tmp_path):
    render_in_both_languages(tmp_path, ["attack"], jobs=1)
    page = (tmp_path / "uk" / "attack.html").read_text()
    assert english_runs(page, allowed_names()) == []
    # the largest attack, by hand from data/processed/air_attacks.csv: the Air Force's rows reported 2025-09-07,
    # 810 Shahed-136/131 + 9 Iskander-K + 4 Iskander-M/KN-23 = 823 launched, 2025-09-06 17:00 to 2025-09-07 09:30;
    # the Shahed row's 747 shot down of 810 is 92.2 %
    assert "<strong>запущено 823</strong>" in page
    assert "проміжок з 6 вересня 2025, 17:00 до 7 вересня 2025, 09:30 (за київським часом)" in page
    assert f"<td>92,2{NBSP}%</td>" in page
