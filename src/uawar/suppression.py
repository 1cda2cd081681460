"""When the nationwide reports state suppressed (locationally lost) drones as a figure of their own, read from
the rows: the suppression break that every rate, chart and caveat of the air notebooks has to respect."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from uawar import data
from uawar.i18n import N_, _, date, ngettext, number
from uawar.taxonomy import WEAPON_CLASSES, WEAPON_GROUPS, weapons_name

# A run of report rows states suppression "regularly" while no more than this many rows in a row omit it,
# and when it holds at least REGULAR_MIN rows (the Shahed-type run holds hundreds; missiles' longest, a few).
REGULAR_GAP = 3
REGULAR_MIN = 30


# The rules, stated once for the notebooks' caveats, shown through `_()` (its 3 is REGULAR_GAP: a test checks).
SUPPRESSION_RULE = N_(
    "A report row states suppression when it gives a suppressed figure; from the merge on, the 0 the source "
    "writes means 'merged into shot down' and is read as not stated. The first and last reports stating a "
    "positive figure, the span where it is stated regularly (the longest run of nationwide Shahed-type rows in "
    "which no more than 3 rows in a row omit it) and the merge (the first report after that span) "
    "are read from the rows. A suppressed or neutralised rate is shown only when the rows stating suppression "
    "hold at least half of the launched; otherwise it is not measurable in the period, and its coverage is given."
)


@dataclass(frozen=True)
class SuppressionBreak:
    """When the nationwide reports stated suppressed (locationally lost) Shahed-type drones as a figure of
    their own, read from the rows (report dates):

    - `first`, `last`: the first and the last report that states a positive suppressed figure;
    - `regular`: (first, last) report of the span in which it is stated regularly (no more than
      `REGULAR_GAP` rows in a row omit it);
    - `end`: the first report after that span. From then on the posts give one merged "shot down/suppressed"
      figure (the source records it as destroyed, with suppressed 0), so a kinetic rate before and after
      `end` measures different things. Reports stating a figure after `end` are isolated exceptions.
    """

    first: pd.Timestamp | None
    last: pd.Timestamp | None
    regular: tuple[pd.Timestamp, pd.Timestamp] | None
    end: pd.Timestamp | None
    stated_dates: tuple[pd.Timestamp, ...] = ()  # every report date that stated a positive figure
    what: str = "Shahed-type drones"  # the class whose rows it is read from

    def definition(self, start: str | pd.Timestamp, end: str | pd.Timestamp) -> str:
        """What a shot-down rate of this class counts over [start, end]: shot down alone (kinetic), or, from the
        merge on, the posts' one shot-down-or-suppressed figure."""
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        if self.end is None or hi < self.end:
            return _("kinetic rate: shot down alone")
        if lo >= self.end:
            return _(
                "merged: shot down or suppressed, the posts' one figure for {what} from {end}; not comparable with "
                "shot down alone before it"
            ).format(what=self.what, end=date(self.end))
        return _(
            "kinetic before {end}, merged shot down or suppressed from then on: two definitions, each side shown "
            "apart below"
        ).format(end=date(self.end))

    def within(self, start: str | pd.Timestamp, end: str | pd.Timestamp) -> list[tuple[pd.Timestamp, str]]:
        """The dates inside [start, end] where the reporting changes, with a label for a chart."""
        marks = [(self.first, _("suppression first stated separately"))]
        if self.regular is not None and self.regular[0] != self.first:
            marks.append((self.regular[0], _("stated regularly from here")))
        marks.append((self.end, _("suppression merged into shot down from here")))
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        return [(d, label) for d, label in marks if d is not None and lo <= d <= hi]

    def span(self) -> str:
        """The reporting of suppression in one sentence."""
        if self.first is None:
            return _("No nationwide report states suppressed {what} separately.").format(what=self.what)
        last = date(self.last or self.first)
        if self.regular is None:
            return ngettext(
                "Nationwide reports state suppressed {what} separately in {n} report from {first} to {last}, never "
                "regularly: no change in that reporting is read from the rows of {what}, and a suppressed figure "
                "covers only the reports that gave one.",
                "Nationwide reports state suppressed {what} separately in {n} reports from {first} to {last}, never "
                "regularly: no change in that reporting is read from the rows of {what}, and a suppressed figure "
                "covers only the reports that gave one.",
                len(self.stated_dates),
            ).format(what=self.what, n=number(len(self.stated_dates)), first=date(self.first), last=last)
        regular = _(
            "Nationwide reports state suppressed {what} separately from {first}, regularly from {since} to {to}"
        )
        text = regular.format(
            what=self.what, first=date(self.first), since=date(self.regular[0]), to=date(self.regular[1])
        )
        if self.end is not None:
            later = [d for d in self.stated_dates if d >= self.end]
            text += _("; from {end} their posts give one merged shot-down/suppressed figure").format(end=date(self.end))
            if later:
                text += ngettext(
                    " (a separate figure only in {n} later report, the last on {last})",
                    " (a separate figure only in {n} later reports, the last on {last})",
                    len(later),
                ).format(n=number(len(later)), last=last)
        return text + "."

    def describe(self, start: str | pd.Timestamp, end: str | pd.Timestamp) -> str:
        """One sentence on how the reporting of suppression bears on the period [start, end]."""
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        if self.end is not None and lo < self.end <= hi:
            return (
                self.span()
                + " "
                + _("This period crosses the merge: kinetic rates on either side of {end} are not comparable.").format(
                    end=date(self.end)
                )
            )
        if self.end is not None and lo >= self.end:
            return (
                self.span()
                + " "
                + _(
                    "This period lies after the merge: its shot-down figure includes the suppressed, comparable with "
                    "shot down + suppressed before the merge, not with shot down alone."
                )
            )
        begins = [d for d, _label in self.within(lo, hi) if d != self.end]
        if begins:
            return (
                self.span()
                + " "
                + _(
                    "In this period the reports begin to state suppression ({dates}): a suppressed figure covers only "
                    "the reports that gave one."
                ).format(dates=", ".join(date(d) for d in begins))
            )
        return self.span() + " " + _("This period does not cross a change in that reporting.")


NO_BREAK = SuppressionBreak(None, None, None, None)


def suppression_break(attacks: pd.DataFrame, weapon_class: str = "shahed_drone") -> SuppressionBreak:
    """How suppression is reported, from the nationwide rows of `weapon_class` of `attacks` (pass the whole log):
    each class has its own reporting, and a break applies only where the class's own rows show it. For a group
    (drones, missiles, all), the break of the first of its classes whose rows show one (the Shahed-type drones'
    for drones and all), named as that class's; else the group's own reading.

    A row *states* suppression when `suppressed` is positive (after the merge the source writes 0, so a zero
    cannot tell "none" from "not given"). The regular span is the longest run of stating rows in which no
    more than `REGULAR_GAP` rows in a row omit it, and holds at least `REGULAR_MIN` rows (fewer: never stated
    regularly, and no break); `end` is the first report after it.
    """
    national = data.select(attacks, units="national")
    if weapon_class in WEAPON_GROUPS or weapon_class == "all":
        for cls in WEAPON_GROUPS.get(weapon_class, tuple(WEAPON_CLASSES)):
            brk = _read_break(national[national["weapon_class"] == cls], weapons_name(cls))
            if brk.end is not None:
                return brk
    rows = data.select(national, weapon_class=weapon_class, units=None)
    return _read_break(rows, weapons_name(weapon_class))


def _read_break(rows: pd.DataFrame, what: str) -> SuppressionBreak:
    rows = rows.sort_values(["report_date", "time_end"] if "time_end" in rows else ["report_date"], kind="stable")
    states = rows["suppressed"].fillna(0).gt(0).to_numpy(dtype=bool)
    dates = rows["report_date"].reset_index(drop=True)
    stating = np.flatnonzero(states)
    if not len(stating):
        return SuppressionBreak(None, None, None, None, what=what)
    # Runs of stating rows: a new run starts where more than REGULAR_GAP rows omit it.
    run_id = np.concatenate([[0], np.cumsum(np.diff(stating) - 1 > REGULAR_GAP)])
    longest = int(np.argmax(np.bincount(run_id)))
    run = stating[run_id == longest]
    stated_dates = tuple(sorted(set(dates[stating])))
    if len(run) < REGULAR_MIN:
        return SuppressionBreak(dates[stating[0]], dates[stating[-1]], None, None, stated_dates, what)
    regular = (dates[run[0]], dates[run[-1]])
    after = dates[dates > regular[1]]
    return SuppressionBreak(
        first=dates[stating[0]],
        last=dates[stating[-1]],
        regular=regular,
        end=after.min() if not after.empty else None,
        stated_dates=stated_dates,
        what=what,
    )


def suppression_stated(df: pd.DataFrame, brk: SuppressionBreak) -> pd.Series:
    """Rows whose report gave a suppressed figure: not blank, and not a 0 from the merge on
    (where 0 stands for "merged into shot down", not for "none suppressed")."""
    stated = df["suppressed"].notna()
    if brk.end is not None:
        stated &= ~((df["report_date"] >= brk.end) & df["suppressed"].eq(0).fillna(False))
    return stated.astype(bool)
