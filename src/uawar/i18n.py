"""The reader's language: English (the source) or Ukrainian.

Translations are gettext catalogues managed with Babel, edited as `.po` files and compiled here when first
needed (no `.mo` file is committed: a translator edits the `.po` and renders again):

- the library's and the templates' sentences: `src/uawar/locale/<lang>/LC_MESSAGES/uawar.po`, from
  `pybabel extract -F babel.cfg` (`uawar translations` runs it and updates the catalogues);
- each notebook's Markdown cells, one message per cell (as Sphinx's gettext builder does per paragraph):
  `notebooks/locale/<lang>/LC_MESSAGES/<notebook>.po`;
- the data package's table titles and column descriptions (the teaching edition's data dictionary), read from
  `data/datapackage.json` (schema.py composes some, so pybabel cannot extract them):
  `src/uawar/locale/<lang>/LC_MESSAGES/datapackage.po`.

A sentence missing from a catalogue, or marked fuzzy (its English changed), fails a Ukrainian page with an
error that names the sentence and the catalogue: a page never mixes the two languages silently.

Numbers, percentages and dates are written in the reader's convention through Babel (uk: `8 354`, `91,7 %`,
`24 березня 2026`); the English pages keep the site's own (`8,354`, `91.7%`, `2026-03-24`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import json
import math
import numbers
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
from babel.dates import format_date, get_month_names
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal, format_percent

from uawar import config

SOURCE = "en"
LANGUAGES = ("en", "uk")
NAMES = {"en": "English", "uk": "Українська"}  # each language in its own words, for the switch
PARAMETER = "lang"  # the notebooks' parameter that the renderer sets (papermill injects it)
DOMAIN = "uawar"
PACKAGE_DOMAIN = "datapackage"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
BABEL_CFG = config.PROJ_ROOT / "babel.cfg"
# Babel's patterns, per language: a date, a month, a whole number, a percentage with n decimals.
DATE = {"en": "yyyy-MM-dd", "uk": "d MMMM y"}
MONTH = {"en": "LLLL y", "uk": "LLLL y"}
MONTH_FIGURES = {"en": "yyyy-MM", "uk": "MM.y"}
PERCENT = {"en": "#,##0{}%", "uk": "#,##0{}\u00a0%"}

_current = SOURCE


class TranslationError(LookupError):
    """A sentence without a finished translation: names it and the catalogue that lacks it."""


def current() -> str:
    return _current


def set_language(lang: object) -> str:
    """Set the language of everything uawar writes from now on in this process; the language set."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"parameter '{PARAMETER}' = {lang!r} is invalid; allowed: one of {', '.join(LANGUAGES)}")
    _current = str(lang)
    return _current


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Within the block, write in `lang`."""
    before = _current
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def po_path(lang: str, domain: str = DOMAIN) -> Path:
    """The catalogue of the library (domain `uawar`), of the data package (`datapackage`) or of a notebook (its
    file stem)."""
    root = LOCALE_DIR if domain in (DOMAIN, PACKAGE_DOMAIN) else config.NOTEBOOKS_DIR / "locale"
    return root / lang / "LC_MESSAGES" / f"{domain}.po"


@dataclass(frozen=True)
class _Finished:
    """A `.po` file's finished translations (fuzzy and untranslated messages left out, so that looking one
    up fails naming it) and its plural rule."""

    messages: dict[str, str | tuple[str, ...]]
    plural: Callable[[int], int]


@cache
def _read(path: Path, mtime: float) -> _Finished:
    with path.open("rb") as f:
        catalog = read_po(f)
    done: dict[str, str | tuple[str, ...]] = {}
    for m in catalog:
        string = m.string if isinstance(m.string, str) else tuple(m.string or ())
        finished = bool(string) and (all(string) if isinstance(string, tuple) else True)
        if m.id and not m.fuzzy and finished:
            done[m.id if isinstance(m.id, str) else m.id[0]] = string
    return _Finished(done, gettext.c2py(catalog.plural_expr))


def _finished(lang: str, domain: str = DOMAIN) -> _Finished:
    path = po_path(lang, domain)
    if not path.is_file():
        raise TranslationError(f"{path}: no catalogue for language {lang!r} (uawar translations makes it)")
    return _read(path, path.stat().st_mtime)  # a catalogue edited while a process runs is read again


def _missing(message: str, lang: str, domain: str) -> TranslationError:
    return TranslationError(
        f"{po_path(lang, domain)}: no translation of {message[:200]!r} (missing, empty or fuzzy: translate it "
        "there and render again)"
    )


def translate(message: str, lang: str | None = None, domain: str = DOMAIN) -> str:
    """`message` in `lang` (default: the current language); a message without a finished translation raises."""
    lang = lang or _current
    if lang == SOURCE or not message:
        return message
    found = _finished(lang, domain).messages.get(message)
    if not isinstance(found, str):
        raise _missing(message, lang, domain)
    return found


def _(message: str) -> str:
    """gettext: the sentence in the current language."""
    return translate(message)


def N_(message: str) -> str:
    """Marks a sentence kept in a constant for extraction; `_()` translates it where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """A sentence with a count, in the current language's plural forms (Ukrainian has three)."""
    if _current == SOURCE:
        return singular if n == 1 else plural
    table = _finished(_current)
    found = table.messages.get(singular)
    if not isinstance(found, tuple):
        raise _missing(singular, _current, DOMAIN)
    return found[table.plural(n)]


# --- numbers and dates -----------------------------------------------------------------------


def number(value: float, decimals: int = 0, grouped: bool = True) -> str:
    """A number with the language's grouping and decimal sign: en 8,354 and 1.5; uk 8 354 and 1,5 (not `grouped`:
    en 5400.0, uk 5400,0)."""
    if not math.isfinite(value):  # as Python writes it (nan, inf): Babel's Decimal refuses it
        return f"{value:.{decimals}f}"
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "")
    return format_decimal(float(value), pattern, locale=_current)


def percent(share: float, decimals: int = 1) -> str:
    """A share (0.917) as a percentage: en 91.7%, uk 91,7 %."""
    if not math.isfinite(share):
        return f"{share:.{decimals}%}"
    pattern = PERCENT[_current].format("." + "0" * decimals if decimals else "")
    return format_percent(float(share), pattern, locale=_current)


def significant(value: float, digits: int = 3) -> str:
    """A number to `digits` significant digits: en as Python's '{:,.3g}' writes it (1.23e+03 from a thousand up), uk
    grouped, without trailing zeros (1 230, 12,3, 0,0123)."""
    if _current == SOURCE or not math.isfinite(value) or not value:
        return f"{value:,.{digits}g}"
    rounded = float(f"{value:.{digits}g}")
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(rounded))))
    return format_decimal(rounded, "#,##0" + ("." + "#" * decimals if decimals else ""), locale=_current)


def date(value: dt.date | str) -> str:
    """A date: en 2026-03-24 (as the data writes it), uk 24 березня 2026."""
    day = dt.date.fromisoformat(str(value)[:10]) if not isinstance(value, dt.date) else value
    return format_date(day, DATE[_current], locale=_current)


def long_date(value: dt.date) -> str:
    """A date in words, in a title: en 24 March 2026, uk 24 березня 2026."""
    return format_date(value, "d MMMM y", locale=_current)


def day_and_month(value: dt.date) -> str:
    """en 7 June, uk 7 червня."""
    return format_date(value, "d MMMM", locale=_current)


def month_names() -> list[str]:
    """Every month's name in lower case as a text may write it: en january; uk березень and березня (in a date)."""
    forms = [get_month_names("wide", context=c, locale=_current) for c in ("stand-alone", "format")]
    return sorted({f[m].lower() for f in forms for m in range(1, 13)}, key=lambda n: (-len(n), n))


def month_abbreviations() -> list[str]:
    """January to December, abbreviated as a table's heading: en Jan, uk січ."""
    names = get_month_names("abbreviated", context="stand-alone", locale=_current)
    return [names[m] for m in range(1, 13)]


def month(value: dt.date | str) -> str:
    """A month: en March 2026, uk березень 2026."""
    day = dt.date.fromisoformat(str(value)[:7] + "-01") if not isinstance(value, dt.date) else value
    return format_date(day, MONTH[_current], locale=_current)


def month_figures(value: str) -> str:
    """A month in figures, as a table's row or a chart's axis writes it: en 2026-03 (as the data), uk 03.2026."""
    return format_date(dt.date.fromisoformat(f"{str(value)[:7]}-01"), MONTH_FIGURES[_current], locale=_current)


def html_table(frame: pd.DataFrame, floats: Callable[[float], str] | None = None, index: bool = True) -> str:
    """A table as HTML, its decimals written by `floats` (one of this module's formatters): in English as pandas
    writes it; in another language with its headers (column and index names, N_-marked sentences) translated, whole
    numbers grouped in its convention (in any column, a word beside them too) and a blank as a dash. Words among the
    values are the caller's to translate."""
    if _current == SOURCE:
        return frame.to_html(float_format=floats, index=index)

    def header(name: object) -> object:
        return translate(name) if isinstance(name, str) else name

    def whole(value: object) -> object:
        return number(int(value)) if isinstance(value, numbers.Integral) and not isinstance(value, bool) else value

    out = frame.rename(columns=header).rename_axis(index=header, columns=header).map(whole)
    return out.to_html(float_format=floats, na_rep="—", index=index)


# --- notebooks: one message per Markdown cell -------------------------------------------------


# A check's hint (otter-grader's TEST CONFIG in the exercises' check cells): a YAML double-quoted string, whose
# escapes are JSON's.
_HINT = re.compile(r'^failure_message: "((?:[^"\\]|\\.)*)"$', re.MULTILINE)


def cell_messages(nb: dict) -> list[str]:
    """The sentences of a notebook to translate: each Markdown cell's source, and each check's hint, in order."""
    found = []
    for c in nb["cells"]:
        if c["cell_type"] == "markdown" and c["source"].strip():
            found.append(c["source"])
        elif c["cell_type"] == "code":
            found += [json.loads(f'"{m}"') for m in _HINT.findall(c["source"])]
    return found


def translate_notebook(nb: dict, stem: str, lang: str) -> None:
    """Put a notebook into `lang` (in place): each Markdown cell and each check's hint translated, the parameters
    cell's language set and the outputs cleared; a missing or fuzzy translation raises, naming the sentence and the
    catalogue."""
    if lang == SOURCE:
        return

    def hint(m: re.Match) -> str:
        text = translate(json.loads(f'"{m[1]}"'), lang, stem)
        return f"failure_message: {json.dumps(text, ensure_ascii=False)}"

    for c in nb["cells"]:
        if c["cell_type"] == "markdown" and c["source"].strip():
            c["source"] = translate(c["source"], lang, stem)
        elif c["cell_type"] == "code":
            c["source"] = _HINT.sub(hint, c["source"])
            c["outputs"], c["execution_count"] = [], None  # the stored key figures are English: it runs again
            if "parameters" in c.get("metadata", {}).get("tags", []):
                c["source"] = re.sub(rf'^{PARAMETER} = "{SOURCE}"', f'{PARAMETER} = "{lang}"', c["source"], flags=re.M)


# --- keeping the catalogues up to date (uawar translations) -----------------------------


def _update(path: Path, template: Catalog, lang: str) -> None:
    """Merge the English messages into the catalogue of `lang`: a new message is untranslated, a changed
    one fuzzy (Babel's update), a removed one obsolete."""
    if path.is_file():
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        catalog.update(template)
    else:
        catalog = Catalog(locale=lang, domain=template.domain)
        catalog.update(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")  # whole or not at all
    with tmp.open("wb") as f:
        write_po(f, catalog, width=120, ignore_obsolete=True)
    tmp.replace(path)


def library_template() -> Catalog:
    """The library's and templates' English sentences, as pybabel extracts them over babel.cfg."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="uawar-pot-") as tmp:
        pot = Path(tmp) / f"{DOMAIN}.pot"
        # babel.cfg's patterns are relative to the repository; pybabel skips the folders starting with '.'
        command = ["-q", "extract", "-F", str(BABEL_CFG), "-o", str(pot), "-w", "120", "--no-location"]
        keywords = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2"]
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", *command, *keywords, "."],
            cwd=config.PROJ_ROOT,
            check=True,
        )
        with pot.open("rb") as f:
            return read_po(f)


def package_messages(package: dict) -> list[str]:
    """The sentences of a data package to translate: each resource's title and each field's description, in order."""
    found = []
    for r in package["resources"]:
        found += [r.get("title", ""), *(f.get("description", "") for f in r["schema"]["fields"])]
    return [m for m in found if m]


def extract(new: tuple[str, ...] = ()) -> list[Path]:
    """Extract the English sentences of the library, the templates, the data package and the notebooks and update
    every catalogue: the library's, the data package's, and those of the notebooks that have one or are named in
    `new` (file stems: a notebook's catalogue of a language is what publishes it in that language); the catalogues
    written."""
    import nbformat

    written = []
    template = library_template()
    for lang in LANGUAGES[1:]:
        _update(po_path(lang), template, lang)
        written.append(po_path(lang))
    template = Catalog(domain=PACKAGE_DOMAIN)
    package = json.loads(Path(config.DATAPACKAGE).read_text(encoding="utf-8"))
    for n, message in enumerate(package_messages(package), 1):
        template.add(message, locations=[(Path(config.DATAPACKAGE).name, n)])
    for lang in LANGUAGES[1:]:
        _update(po_path(lang, PACKAGE_DOMAIN), template, lang)
        written.append(po_path(lang, PACKAGE_DOMAIN))
    for path in sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        template = Catalog(domain=path.stem)
        for n, message in enumerate(cell_messages(nbformat.read(path, as_version=4)), 1):
            template.add(message, locations=[(path.name, n)])
        for lang in LANGUAGES[1:]:
            if path.stem in new or po_path(lang, path.stem).is_file():
                _update(po_path(lang, path.stem), template, lang)
                written.append(po_path(lang, path.stem))
    return written


def install(env: object) -> None:
    """Give a jinja2 environment (uawar's pages', nbconvert's) the i18n extension, its `_()` and `ngettext()`
    translating into the current language, and `lang`/`twin` helpers."""
    env.add_extension("jinja2.ext.i18n")  # type: ignore[attr-defined]
    env.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(current_language=current, language_names=NAMES)  # type: ignore[attr-defined]


# --- the sites: reports/ in English, reports/<lang>/ in another language ---------------------------


def site_folder(out: Path, lang: str) -> Path:
    """Where the pages of `lang` go: the site's folder itself for English, its `<lang>/` folder otherwise."""
    return out if lang == SOURCE else out / lang


def site_url(base: str, lang: str) -> str:
    """Where the pages of `lang` are published when the site is under `base` ('' keeps links relative)."""
    return base if not base or lang == SOURCE else f"{base.rstrip('/')}/{lang}"


def editions() -> list[str]:
    """The languages the site is published in: English, and each language that has a notebook's catalogue."""
    return [lang for lang in LANGUAGES if lang == SOURCE or any(po_path(lang, "*").parent.glob("*.po"))]


def has_edition(stem: str, lang: str) -> bool:
    """Whether a notebook is published in `lang`: English always; another language once the notebook has a
    catalogue of it (then every one of its cells must be translated)."""
    return lang == SOURCE or po_path(lang, stem).is_file()


def twins(name: str, lang: str, stem: str | None = None) -> list[dict[str, str]]:
    """A page in each language it is published in (a report's: where its notebook `stem` is), linked from
    the page in `lang` (the same name in each site's folder)."""
    up = "" if lang == SOURCE else "../"
    return [
        {"lang": other, "href": f"{up}{'' if other == SOURCE else other + '/'}{name}.html"}
        for other in LANGUAGES
        if stem is None or has_edition(stem, other)
    ]


def translated_notebook(path: Path, lang: str) -> bytes:
    """A notebook's bytes with its Markdown cells in `lang` (as they are, in English)."""
    if lang == SOURCE:
        return path.read_bytes()
    import nbformat

    nb = nbformat.read(path, as_version=4)
    translate_notebook(nb, path.stem, lang)
    return nbformat.writes(nb).encode("utf-8")
