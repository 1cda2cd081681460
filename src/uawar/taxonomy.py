"""The taxonomy: weapon classes and their groups, and the units that report attacks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from uawar.i18n import N_, _

WEAPON_CLASSES = {
    "shahed_drone": N_("Shahed-type long-range attack drones (and decoys counted with them)"),
    "strike_drone": N_("Other attack drones and loitering munitions (Lancet, Kub, Molniya, Privet-82)"),
    "armed_drone": N_("Armed reconnaissance drones (Orion, Mohajer-6)"),
    "recon_drone": N_("Reconnaissance drones (Orlan, ZALA, Supercam, ...)"),
    "unknown_drone": N_("Drones of unreported type"),
    "mixed_drones": N_("Rows that combine drones of different classes"),
    "cruise_missile": N_("Cruise missiles (Kh-101/555, Kalibr, Iskander-K, Kh-59/69, ...)"),
    "anti_radiation_missile": N_("Anti-radiation missiles, which home on radar emissions (Kh-31P, Kh-31PD)"),
    "ballistic_missile": N_("Ballistic missiles (Iskander-M, KN-23, Kinzhal, intercontinental, ...)"),
    "air_defence_missile": N_("Air-defence missiles used against ground targets (S-300, S-400)"),
    "unknown_missile": N_("Missiles of unreported type"),
    "mixed_missiles": N_("Rows that combine missiles of different classes"),
    "guided_bomb": N_("Guided aerial bombs"),
    "aerial_bomb": N_("Aerial bombs of unreported type"),
    "unknown": N_("Models that name no weapon type (their rows still count in 'all')"),
}
# Which classes make up each weapon group; a class in no group (unknown) counts only in "all". Bombs are a
# group of their own: never counted as drones or missiles.
WEAPON_GROUPS = {
    "drones": ("shahed_drone", "strike_drone", "armed_drone", "recon_drone", "unknown_drone", "mixed_drones"),
    "missiles": (
        "cruise_missile",
        "anti_radiation_missile",
        "ballistic_missile",
        "air_defence_missile",
        "unknown_missile",
        "mixed_missiles",
    ),
    "bombs": ("guided_bomb", "aerial_bomb"),
}
DRONE_CLASSES = set(WEAPON_GROUPS["drones"]) - {"mixed_drones"}
MISSILE_CLASSES = set(WEAPON_GROUPS["missiles"]) - {"mixed_missiles"}


def group_of(weapon_class: str) -> str | None:
    """The weapon group a class belongs to (drones, missiles), or None."""
    return next((g for g, classes in WEAPON_GROUPS.items() if weapon_class in classes), None)


# Each class's and group's key as prose ('shahed_drone' -> 'shahed drone'), translated where shown (class_name).
_CLASS_WORDS = {
    "shahed_drone": N_("shahed drone"),
    "strike_drone": N_("strike drone"),
    "armed_drone": N_("armed drone"),
    "recon_drone": N_("recon drone"),
    "unknown_drone": N_("unknown drone"),
    "mixed_drones": N_("mixed drones"),
    "cruise_missile": N_("cruise missile"),
    "anti_radiation_missile": N_("anti radiation missile"),
    "ballistic_missile": N_("ballistic missile"),
    "air_defence_missile": N_("air defence missile"),
    "unknown_missile": N_("unknown missile"),
    "mixed_missiles": N_("mixed missiles"),
    "guided_bomb": N_("guided bomb"),
    "aerial_bomb": N_("aerial bomb"),
    "unknown": N_("unknown"),
    "drones": N_("drones"),
    "missiles": N_("missiles"),
    "bombs": N_("bombs"),
    "all": N_("all"),
}
# The keys as a chart's CSV names its columns (plots.finish translates a column's name): marked for extraction.
COLUMN_KEYS = (
    N_("shahed_drone"),
    N_("strike_drone"),
    N_("armed_drone"),
    N_("recon_drone"),
    N_("unknown_drone"),
    N_("mixed_drones"),
    N_("cruise_missile"),
    N_("anti_radiation_missile"),
    N_("ballistic_missile"),
    N_("air_defence_missile"),
    N_("unknown_missile"),
    N_("mixed_missiles"),
    N_("guided_bomb"),
    N_("aerial_bomb"),
    N_("air_force"),
    N_("general_staff"),
    N_("commander_in_chief"),
    N_("air_command_south"),
    N_("air_command_east"),
    N_("air_command_west"),
    N_("air_command_center"),
    N_("air_command_north"),
)


def class_name(weapon_class: str) -> str:
    """A class's or group's key as prose in the current language: 'shahed_drone' -> 'shahed drone'."""
    words = _CLASS_WORDS.get(weapon_class)
    return _(words) if words else weapon_class.replace("_", " ")


# A class or group in prose, plural, as a count of it reads ('810 Shahed-type drones').
CLASS_NAMES = {
    "shahed_drone": N_("Shahed-type drones"),
    "strike_drone": N_("strike drones"),
    "armed_drone": N_("armed drones"),
    "recon_drone": N_("recon drones"),
    "unknown_drone": N_("unknown drones"),
    "mixed_drones": N_("mixed drones"),
    "cruise_missile": N_("cruise missiles"),
    "anti_radiation_missile": N_("anti radiation missiles"),
    "ballistic_missile": N_("ballistic missiles"),
    "air_defence_missile": N_("air defence missiles"),
    "unknown_missile": N_("unknown missiles"),
    "mixed_missiles": N_("mixed missiles"),
    "guided_bomb": N_("guided bombs"),
    "aerial_bomb": N_("aerial bombs"),
    "unknown": N_("unknowns"),
    "drones": N_("drones"),
    "missiles": N_("missiles"),
    "bombs": N_("bombs"),
    "all": N_("drones, missiles and bombs"),
}


def weapons_name(weapon_class: str) -> str:
    """A class or group as prose naming its weapons, in the current language: 'Shahed-type drones', 'drones,
    missiles and bombs' (class_name for a key of no class)."""
    return _(CLASS_NAMES[weapon_class]) if weapon_class in CLASS_NAMES else class_name(weapon_class)


# The catalogue's categories, and for drones and missiles its `type`, mapped to a class.
CATEGORY_CLASS = {
    "ballistic missile": "ballistic_missile",
    "cruise missile": "cruise_missile",
    "guided bomb": "guided_bomb",
    "surface-to-air missile": "air_defence_missile",
}
TYPE_CLASS = {
    ("UAV", "loitering munition"): "strike_drone",
    ("UAV", "reconnaissance"): "recon_drone",
    ("UAV", "reconnaissance and armed"): "armed_drone",
    ("UAV", "multirole ISTAR"): "armed_drone",  # Mohajer-6: an armed ISTAR drone
    ("cruise missile", "anti-radiation"): "anti_radiation_missile",
}
# Explicit rules where the catalogue says too little or nothing; checked before the catalogue.
MODEL_CLASS_RULES = {
    "Shahed-136/131": ("shahed_drone", "the Shahed-type attack drone (the catalogue: loitering munition)"),
    "Молнія": ("strike_drone", "Molniya, an attack drone; the catalogue gives no type"),
    "Привет-82": ("strike_drone", "Privet-82, an attack drone carrying an 82 mm mortar round; not in the catalogue"),
    "Unknown UAV": ("unknown_drone", "a drone of unreported type"),
    "Фенікс": ("unknown_drone", "a drone named by the air command among drones shot down; its type is not reported"),
    "Reconnaissance UAV": ("recon_drone", "a reconnaissance drone of unreported model"),
    "Картограф": ("recon_drone", "Kartograf ('cartographer'), a reconnaissance drone; not in the catalogue"),
    "Unknown Missile": (
        "unknown_missile",
        "a missile of unreported type (the catalogue files it under cruise missile, which the name does not say)",
    ),
    "Aerial Bomb": ("aerial_bomb", "an aerial bomb of unreported type; not in the catalogue"),
}


@dataclass(frozen=True)
class Classification:
    weapon_class: str
    reason: str


Catalogue = dict[str, tuple[str, str]]  # model -> (category, type) of the dataset's catalogue


def _classify_part(model: str, catalogue: Catalogue) -> Classification:
    if model in MODEL_CLASS_RULES:
        return Classification(*MODEL_CLASS_RULES[model])
    # The catalogue's spelling may differ in case ('Intercontinental Ballistic Missile').
    entry = catalogue.get(model) or next((v for k, v in catalogue.items() if k.casefold() == model.casefold()), None)
    if entry is None:
        return Classification("unknown", "not in the catalogue, and no rule covers it")
    category, kind = entry
    spelled = "" if model in catalogue else " (spelled differently there)"
    if (category, kind) in TYPE_CLASS:
        return Classification(TYPE_CLASS[category, kind], f"the catalogue: {category}, {kind}{spelled}")
    if category == "UAV":
        return Classification("unknown_drone", f"the catalogue: UAV of no stated type{spelled}")
    if category in CATEGORY_CLASS:
        return Classification(CATEGORY_CLASS[category], f"the catalogue: {category}{spelled}")
    return Classification("unknown", f"the catalogue's category {category!r} maps to no class")


def classify(model: str, catalogue: Catalogue) -> Classification:
    """A model's class and why; a combined row ('A and B') is the class its parts share, else mixed drones or
    mixed missiles (a row mixing drones and missiles, or with an unknown part, is unknown)."""
    parts = [p.strip() for p in model.split(" and ")]
    if len(parts) == 1:
        return _classify_part(model, catalogue)
    classes = {_classify_part(p, catalogue).weapon_class for p in parts}
    if len(classes) == 1:
        return Classification(classes.pop(), "combined row: every part is of this class")
    for group in ("drones", "missiles"):
        if classes <= set(WEAPON_GROUPS[group]):
            return Classification(f"mixed_{group}", f"combined row of {group} of classes {', '.join(sorted(classes))}")
    return Classification("unknown", f"combined row of classes in different groups: {', '.join(sorted(classes))}")


# --- reporting units -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportingUnit:
    account: str  # the account the `source` column cites, lower case
    name: str
    body: str
    scope: str  # "nationwide": reports every wave of the night; "regional": a command's own shoot-down tally


AIR_FORCE = N_("Air Force of the Armed Forces of Ukraine")  # the claimant of the attack log's figures

# Nationwide bodies first, in the order their reports are preferred where two report the same wave.
UNITS = (
    ReportingUnit("kpszsu", "air_force", AIR_FORCE, "nationwide"),
    ReportingUnit("generalstaff.ua", "general_staff", "General Staff of the Armed Forces of Ukraine", "nationwide"),
    ReportingUnit("cincafu", "commander_in_chief", "Commander-in-Chief of the Armed Forces of Ukraine", "nationwide"),
    ReportingUnit("pvkpivden", "air_command_south", "Air Command South", "regional"),
    ReportingUnit("pvkshid", "air_command_east", "Air Command East", "regional"),
    ReportingUnit("pvkzahid", "air_command_west", "Air Command West", "regional"),
    ReportingUnit("pvkcenter", "air_command_center", "Air Command Center", "regional"),
    ReportingUnit("pvkpivnich", "air_command_north", "Air Command North", "regional"),
)
REPORTING_UNITS = {u.account: u.name for u in UNITS}
NATIONAL_UNITS = tuple(u.name for u in UNITS if u.scope == "nationwide")
REGIONAL_UNITS = tuple(u.name for u in UNITS if u.scope == "regional")
# Each unit's name as a chart's legend shows it, translated where shown (unit_name).
_UNIT_WORDS = {
    "air_force": N_("air force"),
    "general_staff": N_("general staff"),
    "commander_in_chief": N_("commander in chief"),
    "air_command_south": N_("air command south"),
    "air_command_east": N_("air command east"),
    "air_command_west": N_("air command west"),
    "air_command_center": N_("air command center"),
    "air_command_north": N_("air command north"),
}


def unit_name(unit: str) -> str:
    """A reporting unit's name as prose in the current language: 'air_command_south' -> 'air command south'."""
    words = _UNIT_WORDS.get(unit)
    return _(words) if words else unit.replace("_", " ")


# "other": single rows citing a news channel or a regional administration.
ALL_UNITS = tuple(REPORTING_UNITS.values()) + ("other",)


def reporting_unit(source: str | float) -> str:
    if not isinstance(source, str):
        return "other"
    ref = re.sub(r"^https?://(t\.me/|(www\.)?facebook\.com/)?", "", source.strip())
    return REPORTING_UNITS.get(ref.split("/")[0].lower(), "other")


# --- nationwide reports, by content ------------------------------------------------------------

WHOLE_COUNTRY = "Ukraine"  # the raw `target` of a report on the whole country
# The content rule, stated once for the data package and the docs.
NATIONWIDE_RULE = (
    "A post (its `source`, on one report date) is a nationwide report when the account it cites is a nationwide "
    "body's (the Air Force, the General Staff, the Commander-in-Chief), or when its rows have the shape of one: "
    f"at least one row targets the whole country ('{WHOLE_COUNTRY}'), the post names at least two weapon models, "
    "and at least one row launched more than it shot down (a launch count, not a regional command's shoot-down "
    "tally). Such a post cited to another account is read as the Air Force's report and flagged "
    "`cited_to_another_account`. Where the content cannot decide, an entry of NATIONWIDE_OVERRIDES does, with its "
    "reason."
)


@dataclass(frozen=True)
class NationwideOverride:
    """A post the content rule cannot decide: whose report its rows are, and why."""

    source_ref: str  # the post, as the `source` column cites it
    report_date: str  # YYYY-MM-DD: the same post can be cited for rows of several days
    reporting_unit: str  # the body whose report it is (a name of UNITS, or "other")
    reason: str  # what the post shows


NATIONWIDE_OVERRIDES = (
    NationwideOverride(
        "PvKPivden/posts/pfbid02DtxdUxoZ8L9rXYxKGnYti3rEE6qpyATYngnXEXeRtmvAbnCdMrtkjfLrkkASdyyNl",
        "2024-08-31",
        "air_force",
        "One Iskander-M launched from Voronezh oblast at the whole country, none shot down (a launch count, not a "
        "tally), in the window of the Air Force's nationwide report of that night (to 08:00), whose own rows name "
        "no Iskander-M. One model, so the content rule (two or more) cannot decide: read as part of the "
        "nationwide report.",
    ),
)
