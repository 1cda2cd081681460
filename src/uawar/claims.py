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
from uawar.i18n import N_, _, ngettext, number, percent
from uawar.schema import relation_targets

HEDGE_TOLERANCE = 0.10
# The verdicts: the tables' values, translated where shown.
VERDICTS = (N_("matches"), N_("consistent"), N_("contradicts"), N_("no data to check"))
# The registry's metrics as a table names them, beside casualties.METRIC_WORDS (translated where shown).
METRIC_WORDS = (
    N_("drones launched"),
    N_("drones destroyed"),
    N_("drones suppressed"),
    N_("missiles launched"),
    N_("children injured"),
    N_("drones downed"),
    N_("villages taken"),
    N_("front line length"),
    N_("military support"),
    N_("oldest returned soldier age"),
    N_("youngest returned soldier age"),
)
# Whose reports a claim is checked against (the `units` parameter), as a sentence names them.
REPORTS = {"national": N_("national reports"), "regional": N_("regional reports"), "all": N_("all reports")}
CLAIMANTS = N_("the claimants named in the claims registry")  # who stands behind the key figure

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
EUR_USD_SOURCE = N_(
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
            return None, _("attack log ({reports}): no {group} '{column}' reported for {end}").format(
                reports=_(REPORTS[units]), group=group, column=column, end=end
            )
        models = ", ".join(sorted(rows.loc[reported.index, "model"].unique()))
        return float(reported.sum()), ngettext(
            "Air Force attack log, {reports} of {end}: {column} of {models} ({n} row)",
            "Air Force attack log, {reports} of {end}: {column} of {models} ({n} rows)",
            len(reported),
        ).format(
            reports=_(REPORTS[units]),
            end=casualties.stated_on_text(end),
            column=_(column),
            models=models,
            n=len(reported),
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
        return float(r["cumulative"]), _("General Staff loss series, report of {date} ({figure})").format(
            date=casualties.stated_on_text(str(r["date"].date())),
            figure=hedged(casualties.hedge_of(r["qualifier"]), float(r["cumulative"])),
        )
    return None, _("the data holds no figure for this claim")


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
    """Every claim beside the data's figure: difference (data - claimed), relative difference, verdict (VERDICTS);
    `data_source` is written in the current language."""
    rows = []
    for _i, c in claims.iterrows():
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
    USD per EUR, within the hedge tolerance). `check` and `verdict` are English, translated where shown; `claims`
    and `detail` are written in the current language."""
    rows = []
    related = relations(claims)
    for total_id, part_ids in related["sum of"]:
        total, hedge = _figure(claims, total_id)
        parts = sum(_figure(claims, p)[0] for p in part_ids)
        rows.append(
            {
                "check": N_("total = sum of parts"),
                "claims": _("{a} vs {b}").format(a=total_id, b=" + ".join(part_ids)),
                "expected": parts,
                "stated": total,
                "verdict": verdict(total, hedge, parts, tolerance),
                "detail": _("{total_id} states {total}; {part_ids} = {parts}").format(
                    total_id=total_id, total=number(total), part_ids=" + ".join(part_ids), parts=number(parts)
                ),
            }
        )
    for whole_id, part_ids in related["part of"]:
        whole, _hedge = _figure(claims, whole_id)
        parts = sum(_figure(claims, p)[0] for p in part_ids)
        rows.append(
            {
                "check": N_("parts <= whole"),
                "claims": f"{' + '.join(part_ids)} <= {whole_id}",
                "expected": whole,
                "stated": parts,
                "verdict": "consistent" if parts <= whole else "contradicts",
                "detail": f"{' + '.join(part_ids)} = {number(parts)}; {whole_id} = {number(whole)}",
            }
        )
    for eur_id, (usd_id,) in related["conversion of"]:
        currencies = (_currency(claims, eur_id), _currency(claims, usd_id))
        if currencies != ("EUR", "USD"):
            raise ValueError(f"claim {usd_id}: only a conversion of EUR to USD can be checked, not {currencies}")
        eur, _hedge = _figure(claims, eur_id)
        usd, hedge = _figure(claims, usd_id)
        converted = eur * eur_usd
        low, high = agreeing_rates(claims, eur_id, usd_id, tolerance)
        rows.append(
            {
                "check": N_("currency conversion"),
                "claims": _("{a} vs {b}").format(a=eur_id, b=usd_id),
                "expected": converted,
                "stated": usd,
                "verdict": verdict(usd, hedge, converted, tolerance),
                "detail": _(
                    "EUR {eur} x {rate} USD/EUR = USD {converted}; {usd_id} states USD {usd}, which implies "
                    "{implied} USD/EUR (consistent only for rates {low} to {high})"
                ).format(
                    eur=number(eur),
                    rate=_rate(eur_usd),
                    converted=number(converted),
                    usd_id=usd_id,
                    usd=number(usd),
                    implied=number(usd / eur, 3),
                    low=number(low, 3),
                    high=number(high, 3),
                ),
            }
        )
    return pd.DataFrame(rows, columns=["check", "claims", "expected", "stated", "verdict", "detail"])


def _rate(value: float) -> str:
    """An exchange rate with the decimals Python writes it with (1.1578, 1.2), in the reader's convention."""
    return number(value, len(str(value).partition(".")[2]))


def conversion_note(claims: pd.DataFrame, eur_usd: float = EUR_USD, tolerance: float = HEDGE_TOLERANCE) -> str:
    """The exchange rate used and, for each pair of currency figures, the rates at which they would agree."""
    peak, peak_date = EUR_USD_PEAK
    source = _(EUR_USD_SOURCE) if eur_usd == EUR_USD else _("set as a parameter")
    lines = [_("Exchange rate used: {rate} US dollars per euro ({source}).").format(rate=_rate(eur_usd), source=source)]
    for eur_id, (usd_id,) in relations(claims)["conversion of"]:
        low, high = agreeing_rates(claims, eur_id, usd_id, tolerance)
        reach = (
            _("so no rate the euro has had would reconcile them")
            if peak < low
            else _("so the verdict depends on the rate chosen")
        )
        lines.append(
            _(
                "Claims {eur_id} and {usd_id} agree within {tolerance} only at rates from {low} to {high} US dollars "
                "per euro; the euro's highest ECB reference rate was {peak} ({peak_date}), {reach}."
            ).format(
                eur_id=eur_id,
                usd_id=usd_id,
                tolerance=percent(tolerance, 0),
                low=number(low, 3),
                high=number(high, 3),
                peak=_rate(peak),
                peak_date=casualties.stated_on_text(peak_date),
                reach=reach,
            )
        )
    return " ".join(lines)


# --- tables for reading (numbers formatted, words in the reader's language; strings left for to_html to escape) --


def metric_words(metric: str) -> str:
    """A registry metric as words ('drones_launched': 'drones launched'), in the reader's language."""
    words = metric.replace("_", " ")
    return _(words) if words in METRIC_WORDS + casualties.METRIC_WORDS else words


def hedged(qualifier: str, value: float) -> str:
    """A figure with its hedge: 'almost 500', or '63' when unhedged."""
    hedge = _(qualifier) if qualifier in casualties.HEDGES else qualifier
    return f"{hedge} {number(value)}".strip()


def _signed(value: float, figure: str) -> str:
    """`figure` (value as written) with its sign, '+' for zero too, as Python's '+' format writes it."""
    return f"+{figure}" if value >= 0 else figure


def checks_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims checked against the data, for reading."""
    rows = checked.dropna(subset=["data"])
    return pd.DataFrame(
        {
            **_claim_columns(rows),
            _("data"): rows["data"].map(number),
            _("data, every weapon"): rows["data_all_weapons"].map(lambda v: "" if pd.isna(v) else number(v)),
            _("data - claimed"): rows["difference"].map(lambda v: _signed(v, number(v))),
            _("verdict"): rows["verdict"].map(_),
            _("data's figure from"): rows["data_source"],
        }
    )


def unchecked_table(checked: pd.DataFrame) -> pd.DataFrame:
    """The claims the data cannot check, for reading."""
    return pd.DataFrame(_claim_columns(checked[checked["data"].isna()]))


def _claim_columns(rows: pd.DataFrame) -> dict[str, object]:
    """Who claimed what, and when: the columns both claims tables open with."""
    return {
        _("claim"): rows["claim_id"],
        _("claimant"): rows["claimant"].map(casualties.claimant_text),
        _("stated on"): rows["stated_on"].map(casualties.stated_on_text),
        _("figure"): rows["metric"].map(metric_words),
        _("claimed"): [hedged(q, v) for q, v in zip(rows["qualifier"], rows["claimed"], strict=True)],
    }


def internal_table(internal: pd.DataFrame) -> pd.DataFrame:
    """`internal_checks` for reading."""
    return pd.DataFrame(
        {
            _("check"): internal["check"].map(_),
            _("claims"): internal["claims"],
            _("verdict"): internal["verdict"].map(_),
            _("detail"): internal["detail"],
        }
    )


# --- prose ------------------------------------------------------------------------------------------------


def stated_span(registry: pd.DataFrame) -> str:
    """When the registry's figures were stated: 'stated 2025-02 to 2025-06-12' ('' for an empty registry)."""
    if not len(registry):
        return ""
    stated = list(map(str, registry["stated_on"]))
    return _("stated {first} to {last}").format(
        first=casualties.stated_on_text(min(stated)), last=casualties.stated_on_text(max(stated))
    )


def describe(checked: pd.DataFrame, internal: pd.DataFrame, tolerance: float, units: str) -> str:
    """The key findings as Markdown; strings from the registry are HTML-escaped."""
    counts = checked["verdict"].value_counts()
    lines = [
        ngettext(
            "Of the {total} figures in the claims registry, **{checkable}** can be set beside the data (the Air "
            "Force attack log, {reports}, and the General Staff's loss series): **{matches}** match, "
            "**{consistent}** are consistent within their hedge (tolerance {tolerance}), **{contradicts}** "
            "contradict; {unchecked} cannot be checked against the data.",
            "Of the {total} figures in the claims registry, **{checkable}** can be set beside the data (the Air "
            "Force attack log, {reports}, and the General Staff's loss series): **{matches}** match, "
            "**{consistent}** are consistent within their hedge (tolerance {tolerance}), **{contradicts}** "
            "contradict; {unchecked} cannot be checked against the data.",
            len(checked),
        ).format(
            total=number(len(checked)),
            checkable=number(checked["data"].notna().sum()),
            reports=_(REPORTS[units]),
            matches=number(counts.get("matches", 0)),
            consistent=number(counts.get("consistent", 0)),
            tolerance=percent(tolerance, 0),
            contradicts=number(counts.get("contradicts", 0)),
            unchecked=number(counts.get("no data to check", 0)),
        )
    ]
    for r in checked[checked["verdict"].isin(["consistent", "contradicts"])].itertuples():
        every_weapon = r.data_all_weapons == r.data_all_weapons and r.data_all_weapons != r.data
        lines.append(
            _(
                "- Claim {claim} ({claimant}, {stated_on}): {claimed} {metric}; the data: {data} ({relative}): "
                "**{verdict}**."
            ).format(
                claim=escape(r.claim_id),
                claimant=escape(casualties.claimant_text(r.claimant)),
                stated_on=escape(casualties.stated_on_text(r.stated_on)),
                claimed=hedged(r.qualifier, r.claimed),
                metric=escape(metric_words(r.metric)),
                data=number(r.data),
                relative=_signed(r.relative_difference, percent(r.relative_difference, 2)),
                verdict=_(r.verdict),
            )
            + (
                _(" Read as every weapon of that report (drones and missiles): {n}.").format(
                    n=number(r.data_all_weapons)
                )
                if every_weapon
                else ""
            )
        )
    inner = internal["verdict"].value_counts()
    lines.append(
        "\n"
        + _("Checks of the claims against each other: {checks}; contradictions found: **{contradicts}**.").format(
            checks=number(len(internal)), contradicts=number(inner.get("contradicts", 0))
        )
    )
    for r in internal[internal["verdict"] == "contradicts"].itertuples():
        lines.append(
            _("- {check}, claims {claims}: {detail}.").format(
                check=escape(_(r.check)), claims=escape(r.claims), detail=escape(r.detail)
            )
        )
    return "\n".join(lines)


def describe_chart(checked: pd.DataFrame) -> str:
    """The title of the chart of claims beside the data."""
    shown = checked.dropna(subset=["data"])
    agree = int(shown["verdict"].isin(["matches", "consistent"]).sum())
    return ngettext(
        "{agree} of {shown} checkable claims match the data or lie within their hedge",
        "{agree} of {shown} checkable claims match the data or lie within their hedge",
        len(shown),
    ).format(agree=number(agree), shown=number(len(shown)))


def describe_verdicts(tolerance: float) -> str:
    """The caveat that defines the verdicts, with the tolerance used."""
    return _(
        "**Verdicts.** `matches`: the data's figure equals the claim. `consistent`: within the claim's hedge, with "
        "tolerance t = {tolerance}: 'about v' allows a figure within t·v of v, 'over v' a figure above v up to "
        "v·(1+t), 'almost v' a figure from v·(1−t) up to (not including) v; an unhedged figure must be equal. "
        "`contradicts`: anything else. `no data to check`: the data holds no figure for it."
    ).format(tolerance=percent(tolerance, 0))
