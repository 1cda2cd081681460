"""A report's title from its parameters: what the page counts and its period."""

from __future__ import annotations

import datetime as dt

from uawar import attack, i18n
from uawar.taxonomy import WEAPON_CLASSES

# What a weapon class or group counts, in a page's title: a class alone says "only", and a class that the
# combined rows touch says where those rows go (uawar.ingest's rule: the class both parts share, else mixed).
COUNTED = {
    "all": i18n.N_("all drones, missiles and bombs"),
    "drones": i18n.N_("all drones (Shahed-type with their decoys, and others)"),
    "missiles": i18n.N_("all missiles"),
    "bombs": i18n.N_("guided and aerial bombs"),
    "shahed_drone": i18n.N_("Shahed-type drones only (decoys counted with them)"),
    "ballistic_missile": i18n.N_(
        "ballistic missiles only (a row combining them with another class, such as 'S-400 and Iskander-M', counts as "
        "mixed missiles)"
    ),
    "cruise_missile": i18n.N_(
        "cruise missiles only (a row combining them with another class counts as mixed missiles)"
    ),
}
UNITS_COUNTED = {
    "national": i18n.N_("nationwide reports"),
    "regional": i18n.N_("regional commands' shoot-down tallies"),
    "all": i18n.N_("nationwide and regional reports summed (a drone may count twice)"),
}
# How a report of volumes counts its periods, in its title.
COUNTED_BY = {
    "day": i18n.N_(", counted by day"),
    "week": i18n.N_(", counted by week"),
    "month": i18n.N_(", counted by month"),
    "year": i18n.N_(", counted by year"),
}


def period_words(start: str, end: str) -> str:
    """'March 2026', '2025', '2026 to 7 June' (a year to date), else '1 July 2025 to 7 June 2026' (in the current
    language: uawar.i18n)."""
    s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    nxt = e + dt.timedelta(days=1)
    if s == e:
        return i18n.long_date(s)
    if s.day == 1 and nxt.day == 1 and (nxt.year * 12 + nxt.month) - (s.year * 12 + s.month) == 1:
        return i18n.month(s)
    if (s.month, s.day) == (1, 1) and (nxt.month, nxt.day) == (1, 1) and nxt.year == s.year + 1:
        return str(s.year)
    if (s.month, s.day) == (1, 1) and e.year == s.year:
        return i18n._("{year} to {day} (year to date)").format(year=s.year, day=i18n.day_and_month(e))
    return i18n._("{start} to {end}").format(start=i18n.long_date(s), end=i18n.long_date(e))


def counts(notebook: str, values: dict) -> str:
    """What a report of `notebook` with these (validated) values counts, without its period: the class or
    model, the reports and the units ('Shahed-type drones only (decoys counted with them), nationwide reports')."""
    if notebook in ("air_attack_volumes", "interception_rates"):
        what = values.get("model") or values["weapon_class"]
        if values.get("model"):
            counted = i18n._("the model {model} only").format(model=what)
        else:
            counted = i18n._(COUNTED[what]) if what in COUNTED else i18n._(WEAPON_CLASSES.get(what, what))
        units, by = UNITS_COUNTED[values.get("units", "national")], COUNTED_BY.get(values.get("freq", ""))
        return f"{counted}, {i18n._(units)}{i18n._(by) if by else ''}"
    if notebook == "casualty_ratios":
        return i18n._(
            "claimed casualties (killed and wounded, not deaths) beside the General Staff's daily claimed count"
        )
    if notebook == "claims_check":
        units = UNITS_COUNTED[values["units"]]
        return i18n._("published claims checked against the data ({units})").format(units=i18n._(units))
    if notebook == "attack":
        name = values["attack"]
        if name in attack.WORDS:
            return i18n._(attack.WORDS[name])
        return i18n._("the nationwide attack {name}").format(name=name)
    if notebook == "export_changes":
        old, new = values["old"], values["new"]
        return i18n._("rows of the attack log added, removed and corrected between the exports {old} and {new}").format(
            old=old, new=new
        )
    return ""


def heading(notebook: str, title: str, values: dict) -> str:
    """A report's title: the notebook's short title (before its colon), what the page counts and its period or
    date ('Interception rates: Shahed-type drones only (decoys counted with them), nationwide reports, March 2026')."""
    short = title.split(":")[0].strip()
    what = counts(notebook, values)
    if values.get("start") and values.get("end"):
        when = period_words(values["start"], values["end"])
    elif values.get("as_of"):
        when = i18n._("as of {date}").format(date=i18n.date(values["as_of"]))
    else:
        when = ""
    return ", ".join(x for x in (f"{short}: {what}" if what else short, when) if x)
