"""The taxonomy: weapon classes and their groups, and the units that report attacks."""

from __future__ import annotations

import re

WEAPON_CLASSES = {
    "shahed_drone": "Shahed-type long-range attack drones (and decoys counted with them)",
    "strike_drone": "Other attack drones and loitering munitions (Lancet, Kub, Molniya)",
    "recon_drone": "Reconnaissance drones (Orlan, ZALA, Supercam, ...)",
    "unknown_drone": "Drones of unreported type",
    "mixed_drones": "Rows that combine drones of different classes",
    "cruise_missile": "Cruise missiles (Kh-101/555, Kalibr, Iskander-K, Kh-59/69, ...)",
    "ballistic_missile": "Ballistic missiles (Iskander-M, KN-23, Kinzhal, ...)",
    "air_defence_missile": "Air-defence missiles used against ground targets (S-300, S-400)",
    "mixed_missiles": "Rows that combine missiles of different classes",
    "guided_bomb": "Guided aerial bombs",
    "unknown": "Models the catalogue does not list and no rule covers",
}
# The catalogue's categories, and for drones its `type`, mapped to a class.
CATEGORY_CLASS = {
    "ballistic missile": "ballistic_missile",
    "cruise missile": "cruise_missile",
    "guided bomb": "guided_bomb",
    "surface-to-air missile": "air_defence_missile",
}
UAV_TYPE_CLASS = {
    "loitering munition": "strike_drone",
    "reconnaissance": "recon_drone",
    "reconnaissance and armed": "recon_drone",
    "multirole ISTAR": "recon_drone",
}
# Explicit rules where the catalogue says too little; checked before the catalogue.
MODEL_CLASS_RULES = {
    "Shahed-136/131": "shahed_drone",
    "Молнія": "strike_drone",
    "Unknown UAV": "unknown_drone",
    "Reconnaissance UAV": "recon_drone",
    "Unknown Missile": "unknown",
}
DRONE_CLASSES = {"shahed_drone", "strike_drone", "recon_drone", "unknown_drone"}
MISSILE_CLASSES = {"cruise_missile", "ballistic_missile", "air_defence_missile"}


def classify(model: str, catalogue: dict[str, str]) -> str:
    """A model's class; a combined row ('A and B') is the class its parts share, else mixed."""
    parts = [p.strip() for p in model.split(" and ")]
    classes = {MODEL_CLASS_RULES.get(p) or catalogue.get(p, "unknown") for p in parts}
    if len(classes) == 1:
        return classes.pop()
    if classes <= DRONE_CLASSES:
        return "mixed_drones"
    if classes <= MISSILE_CLASSES:
        return "mixed_missiles"
    return "unknown"


# --- reporting units -------------------------------------------------------------------------

REPORTING_UNITS = {
    "kpszsu": "air_force",
    "pvkpivden": "air_command_south",
    "pvkshid": "air_command_east",
    "pvkzahid": "air_command_west",
    "pvkcenter": "air_command_center",
    "pvkpivnich": "air_command_north",
    "generalstaff.ua": "general_staff",
    "cincafu": "commander_in_chief",
}
NATIONAL_UNITS = ("air_force",)
REGIONAL_UNITS = tuple(u for u in REPORTING_UNITS.values() if u.startswith("air_command"))
ALL_UNITS = tuple(REPORTING_UNITS.values()) + ("other",)


def reporting_unit(source: str | float) -> str:
    if not isinstance(source, str):
        return "other"
    ref = re.sub(r"^https?://(t\.me/|(www\.)?facebook\.com/)?", "", source.strip())
    return REPORTING_UNITS.get(ref.split("/")[0].lower(), "other")
