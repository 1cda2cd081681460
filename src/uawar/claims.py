"""Checking claims: each claim the data can speak to beside the data's own figure, and the claims that
contradict one another.

Verdicts (`verdict`):
- `matches`: the data's figure equals the claimed value.
- `consistent`: within the claim's hedge, with tolerance t (default 10 %, `HEDGE_TOLERANCE`):
  "about v" allows |data - v| <= t*v; "over v" allows v < data <= v*(1+t);
  "almost v" allows v*(1-t) <= data < v. An unhedged figure is consistent only when equal.
- `contradicts`: anything else.
- `no data to check`: the data holds no figure for the claim.
The tolerance is a choice, not a fact: "almost 500" said of 479 is 4 % short; a reader who holds
"almost" to 2 % would call it a contradiction. Notebook 04 takes it as a parameter.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from uawar import casualties, data
from uawar.schema import relation_targets

HEDGE_TOLERANCE = 0.10
VERDICTS = ("matches", "consistent", "contradicts", "no data to check")

# Claims about Russian air attacks are checked against the Air Force's attack log:
# metric -> (weapon group in uawar.data.select, column summed over the report date's rows).
ATTACK_LOG_METRICS = {
    "drones_launched": ("drones", "launched"),
    "drones_destroyed": ("drones", "destroyed"),
    "drones_suppressed": ("drones", "suppressed"),
    "missiles_launched": ("missiles", "launched"),
    "missiles_destroyed": ("missiles", "destroyed"),
}

# USD per EUR on 2025-06-12: 1.1578 is the US Federal Reserve's H.10 noon buying rate in New York
# (FRED series DEXUSEU), read from a public copy of that series; the ECB's euro reference rate of that
# day was not verified. Any rate up to the euro's highest (EUR_USD_PEAK) gives the same verdict on
# claims 15a/15b at the default tolerance.
EUR_USD = 1.1578
# The euro's highest ECB reference rate: 1.5990 USD on 2008-07-15 (as published by the ECB; quoted here
# from the published record, not re-downloaded).
EUR_USD_PEAK = (1.599, "2008-07-15")
EUR_USD_SOURCE = (
    "US Federal Reserve H.10 noon buying rate, 2025-06-12 (FRED DEXUSEU, read from a public "
    "copy; approximate, the ECB reference rate of that day not verified)"
)


def allowed_range(qualifier: object, tolerance: float = HEDGE_TOLERANCE) -> tuple[float, float]:
    """The relative differences (data - claimed) / claimed that a hedge allows, as (low, high); an 'over'
    figure must be above the claim and an 'almost' one below it (equality is a match anyway)."""
    hedge = "" if qualifier is None or pd.isna(qualifier) else str(qualifier)
    ranges = {"": (0.0, 0.0), "about": (-tolerance, tolerance), "over": (0.0, tolerance), "almost": (-tolerance, 0.0)}
    if hedge not in ranges:
        raise ValueError(f"qualifier {hedge!r} has no tolerance rule; known: {', '.join(q for q in ranges if q)}")
    return ranges[hedge]


def verdict(claimed: float, qualifier: object, found: float | None, tolerance: float = HEDGE_TOLERANCE) -> str:
    """The verdict on a claimed figure (hedged by `qualifier`) given the data's figure `found`."""
    low, high = allowed_range(qualifier, tolerance)
    if found is None or pd.isna(found):
        return "no data to check"
    if found == claimed:
        return "matches"
    return "consistent" if low <= (found - claimed) / claimed <= high else "contradicts"


def _period_end(period: str) -> str | None:
    end = str(period).split("/")[-1]
    return end if len(end) == 10 else None


def data_figure(
    claim: pd.Series, attacks: pd.DataFrame, personnel: pd.DataFrame, units: str = "national"
) -> tuple[float | None, str]:
    """The data's own figure for one claim and where it comes from; (None, why) when there is none."""
    metric, end = claim["metric"], _period_end(claim["period"])
    if metric in ATTACK_LOG_METRICS and claim["side"] == "russia" and end:
        group, column = ATTACK_LOG_METRICS[metric]
        rows = data.select(attacks, start=end, end=end, weapon_class=group, units=units)
        reported = rows[column].dropna()
        if reported.empty:
            return None, f"attack log ({units} reports): no {group} '{column}' reported for {end}"
        models = ", ".join(sorted(rows.loc[reported.index, "model"].unique()))
        return float(reported.sum()), (
            f"Air Force attack log, {units} reports of {end}: {column} of {models} "
            f"({len(reported)} row{'s' if len(reported) > 1 else ''})"
        )
    if (
        metric == "casualties"
        and claim["side"] == "russia"
        and claim["claimant"] == casualties.GENERAL_STAFF
        and len(str(claim["stated_on"])) == 10
    ):
        try:
            r = casualties.as_of(personnel, claim["stated_on"])
        except ValueError as err:
            return None, str(err)
        return float(r["cumulative"]), (
            f"General Staff loss series, report of {r['date'].date()} "
            f"({casualties.hedge_of(r['qualifier'])} {int(r['cumulative']):,})"
        )
    return None, "the data holds no figure for this claim"


def all_weapons_figure(claim: pd.Series, attacks: pd.DataFrame, units: str = "national") -> float | None:
    """For a claim of drones launched, the other reading of the same report: every weapon launched (drones and
    missiles), as a writer counting 'drones' loosely may have meant; None for any other claim."""
    end = _period_end(claim["period"])
    if claim["metric"] != "drones_launched" or claim["side"] != "russia" or not end:
        return None
    reported = data.select(attacks, start=end, end=end, units=units)["launched"].dropna()
    return float(reported.sum()) if not reported.empty else None


def _verdict_of(claim: pd.Series, found: float | None, tolerance: float) -> str:
    try:
        return verdict(float(claim["value"]), claim["qualifier"], found, tolerance)
    except ValueError as err:
        raise ValueError(f"claim {claim['claim_id']}, column 'qualifier': {err}") from None


def check_against_data(
    claims: pd.DataFrame,
    attacks: pd.DataFrame,
    personnel: pd.DataFrame,
    tolerance: float = HEDGE_TOLERANCE,
    units: str = "national",
) -> pd.DataFrame:
    """Every claim beside the data's figure: difference (data - claimed), relative difference, verdict."""
    rows = []
    for _, c in claims.iterrows():
        found, where = data_figure(c, attacks, personnel, units)
        claimed = float(c["value"])
        rows.append(
            {
                "claim_id": c["claim_id"],
                "claimant": c["claimant"],
                "stated_on": c["stated_on"],
                "metric": c["metric"],
                "qualifier": casualties.hedge_of(c["qualifier"]),
                "claimed": claimed,
                "data": found,
                "data_all_weapons": all_weapons_figure(c, attacks, units),
                "difference": None if found is None else found - claimed,
                "relative_difference": None if found is None else (found - claimed) / claimed,
                "verdict": _verdict_of(c, found, tolerance),
                "data_source": where,
            }
        )
    return pd.DataFrame(rows).astype(
        {"data": float, "data_all_weapons": float, "difference": float, "relative_difference": float}
    )


def _figure(claims: pd.DataFrame, claim_id: str) -> tuple[float, str]:
    """A claim's value and its hedge."""
    f = casualties.claim_figure(claims, claim_id)
    return f.value, f.qualifier


def agreeing_rates(
    claims: pd.DataFrame, eur_id: str, usd_id: str, tolerance: float = HEDGE_TOLERANCE
) -> tuple[float, float]:
    """The USD-per-EUR rates at which the euro figure converts to within the tolerance of the dollar one."""
    eur, usd = (casualties.claim_figure(claims, i).value for i in (eur_id, usd_id))
    return usd * (1 - tolerance) / eur, usd * (1 + tolerance) / eur


def relations(claims: pd.DataFrame) -> dict[str, list[tuple[str, list[str]]]]:
    """The registry's `relation` column, grouped: 'sum of' -> [(total, parts)], 'part of' -> [(whole, parts)]
    (every part of one whole together), 'conversion of' -> [(original, [converted])]."""
    out: dict[str, list[tuple[str, list[str]]]] = {"sum of": [], "part of": [], "conversion of": []}
    wholes: dict[str, list[str]] = {}
    for cid, rel in zip(claims["claim_id"], claims["relation"], strict=True):
        if pd.isna(rel):
            continue
        kind, ids = relation_targets(str(rel))
        if kind == "sum of":
            out[kind].append((cid, ids))
        elif kind == "part of":
            wholes.setdefault(ids[0], []).append(cid)
        else:
            out[kind].append((ids[0], [cid]))
    out["part of"] = list(wholes.items())
    return out


def _currency(claims: pd.DataFrame, claim_id: str) -> str:
    return str(claims.loc[claims["claim_id"] == claim_id, "unit"].iloc[0])


def internal_checks(claims: pd.DataFrame, eur_usd: float = EUR_USD, tolerance: float = HEDGE_TOLERANCE) -> pd.DataFrame:
    """Claims set against each other as the registry's `relation` column relates them: totals that must add
    up, parts that must not exceed their whole, amounts in two currencies that must convert (at `eur_usd`
    USD per EUR, within the hedge tolerance)."""
    rows = []
    related = relations(claims)
    for total_id, part_ids in related["sum of"]:
        total, hedge = _figure(claims, total_id)
        parts = sum(_figure(claims, p)[0] for p in part_ids)
        rows.append(
            {
                "check": "total = sum of parts",
                "claims": f"{total_id} vs {' + '.join(part_ids)}",
                "expected": parts,
                "stated": total,
                "verdict": verdict(total, hedge, parts, tolerance),
                "detail": f"{total_id} states {total:,.0f}; {' + '.join(part_ids)} = {parts:,.0f}",
            }
        )
    for whole_id, part_ids in related["part of"]:
        whole, _ = _figure(claims, whole_id)
        parts = sum(_figure(claims, p)[0] for p in part_ids)
        rows.append(
            {
                "check": "parts <= whole",
                "claims": f"{' + '.join(part_ids)} <= {whole_id}",
                "expected": whole,
                "stated": parts,
                "verdict": "consistent" if parts <= whole else "contradicts",
                "detail": f"{' + '.join(part_ids)} = {parts:,.0f}; {whole_id} = {whole:,.0f}",
            }
        )
    for eur_id, (usd_id,) in related["conversion of"]:
        currencies = (_currency(claims, eur_id), _currency(claims, usd_id))
        if currencies != ("EUR", "USD"):
            raise ValueError(f"claim {usd_id}: only a conversion of EUR to USD can be checked, not {currencies}")
        eur, _ = _figure(claims, eur_id)
        usd, hedge = _figure(claims, usd_id)
        converted = eur * eur_usd
        low, high = agreeing_rates(claims, eur_id, usd_id, tolerance)
        rows.append(
            {
                "check": "currency conversion",
                "claims": f"{eur_id} vs {usd_id}",
                "expected": converted,
                "stated": usd,
                "verdict": verdict(usd, hedge, converted, tolerance),
                "detail": (
                    f"EUR {eur:,.0f} x {eur_usd} USD/EUR = USD {converted:,.0f}; {usd_id} states "
                    f"USD {usd:,.0f}, which implies {usd / eur:.3f} USD/EUR (consistent only for "
                    f"rates {low:.3f} to {high:.3f})"
                ),
            }
        )
    return pd.DataFrame(rows, columns=["check", "claims", "expected", "stated", "verdict", "detail"])


def conversion_note(claims: pd.DataFrame, eur_usd: float = EUR_USD, tolerance: float = HEDGE_TOLERANCE) -> str:
    """The exchange rate used and, for each pair of currency figures, the rates at which they would agree."""
    peak, peak_date = EUR_USD_PEAK
    source = EUR_USD_SOURCE if eur_usd == EUR_USD else "set as a parameter"
    lines = [f"Exchange rate used: {eur_usd} US dollars per euro ({source})."]
    for eur_id, (usd_id,) in relations(claims)["conversion of"]:
        low, high = agreeing_rates(claims, eur_id, usd_id, tolerance)
        reach = (
            "so no rate the euro has had would reconcile them"
            if peak < low
            else "so the verdict depends on the rate chosen"
        )
        lines.append(
            f"Claims {eur_id} and {usd_id} agree within {tolerance:.0%} only at rates from {low:.3f} to "
            f"{high:.3f} US dollars per euro; the euro's highest ECB reference rate was {peak} "
            f"({peak_date}), {reach}."
        )
    return " ".join(lines)


def checks_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims checked against the data, for reading (strings left for to_html to escape)."""
    rows = checked.dropna(subset=["data"])
    return pd.DataFrame(
        {
            **_claim_columns(rows),
            "data": rows["data"].map("{:,.0f}".format),
            "data, every weapon": rows["data_all_weapons"].map(lambda v: "" if pd.isna(v) else f"{v:,.0f}"),
            "data - claimed": rows["difference"].map("{:+,.0f}".format),
            "verdict": rows["verdict"],
            "data's figure from": rows["data_source"],
        }
    )


def unchecked_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims the data cannot check, for reading."""
    return pd.DataFrame(_claim_columns(checked[checked["data"].isna()]))


def _claim_columns(rows: pd.DataFrame) -> dict[str, object]:
    """Who claimed what, and when: the columns both claims tables open with."""
    return {
        "claim": rows["claim_id"],
        "claimant": rows["claimant"],
        "stated on": rows["stated_on"],
        "figure": rows["metric"].str.replace("_", " "),
        "claimed": [f"{q} {v:,.0f}".strip() for q, v in zip(rows["qualifier"], rows["claimed"], strict=True)],
    }


def stated_span(registry: pd.DataFrame) -> str:
    """When the registry's figures were stated: 'stated 2025-02 to 2025-06-12' ('' for an empty registry)."""
    if not len(registry):
        return ""
    stated = list(map(str, registry["stated_on"]))
    return f"stated {min(stated)} to {max(stated)}"


def describe(checked: pd.DataFrame, internal: pd.DataFrame, tolerance: float, units: str) -> str:
    """The key findings as Markdown; strings from the registry are HTML-escaped."""
    counts = checked["verdict"].value_counts()
    n_data = int(checked["data"].notna().sum())
    lines = [
        f"Of the {len(checked)} figures in the claims registry, **{n_data}** can be set beside the data "
        f"(the Air Force attack log, {escape(units)} reports, and the General Staff's loss series): "
        f"**{counts.get('matches', 0)}** match, **{counts.get('consistent', 0)}** are consistent within their "
        f"hedge (tolerance {tolerance:.0%}), **{counts.get('contradicts', 0)}** contradict; "
        f"{counts.get('no data to check', 0)} cannot be checked against the data.",
    ]
    for r in checked[checked["verdict"].isin(["consistent", "contradicts"])].itertuples():
        hedge = f"{r.qualifier} " if r.qualifier else ""
        lines.append(
            f"- Claim {escape(r.claim_id)} ({escape(r.claimant)}, {escape(r.stated_on)}): "
            f"{hedge}{r.claimed:,.0f} {escape(r.metric.replace('_', ' '))}; the data: {r.data:,.0f} "
            f"({r.relative_difference:+.2%}): **{r.verdict}**."
            + (
                f" Read as every weapon of that report (drones and missiles): {r.data_all_weapons:,.0f}."
                if r.data_all_weapons == r.data_all_weapons and r.data_all_weapons != r.data
                else ""
            )
        )
    inner = internal["verdict"].value_counts()
    lines.append(
        f"\nChecks of the claims against each other: {len(internal)}; contradictions found: "
        f"**{inner.get('contradicts', 0)}**."
    )
    for r in internal[internal["verdict"] == "contradicts"].itertuples():
        lines.append(f"- {escape(r.check)}, claims {escape(r.claims)}: {escape(r.detail)}.")
    return "\n".join(lines)


def describe_chart(checked: pd.DataFrame) -> str:
    """The title of the chart of claims beside the data."""
    shown = checked.dropna(subset=["data"])
    agree = int(shown["verdict"].isin(["matches", "consistent"]).sum())
    return f"{agree} of {len(shown)} checkable claims match the data or lie within their hedge"


def describe_verdicts(tolerance: float) -> str:
    """The caveat that defines the verdicts, with the tolerance used."""
    return (
        "**Verdicts.** `matches`: the data's figure equals the claim. `consistent`: within the claim's hedge, with "
        f"tolerance t = {tolerance:.0%}: 'about v' allows a figure within t·v of v, 'over v' a figure above v up to "
        "v·(1+t), 'almost v' a figure from v·(1−t) up to (not including) v; an unhedged figure must be equal. "
        "`contradicts`: anything else. `no data to check`: the data holds no figure for it."
    )


def internal_table(internal: pd.DataFrame) -> pd.DataFrame:
    """`internal_checks` for reading (strings left for to_html to escape)."""
    return internal.drop(columns=["expected", "stated"])
