"""Air charts: titled, labelled, sourced, legible (text inside the figure, labels not overlapping), and
the suppression break drawn exactly where a rate chart crosses it."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from uawar import data, interception, plots, suppression, volumes  # noqa: E402


@pytest.fixture(autouse=True)
def _theme():
    plots.set_theme()
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def shahed_2025():
    return data.select(data.load_air_attacks(), "2025-01-01", "2025-12-31", "shahed_drone")


def texts(ax):
    return [t.get_text() for t in ax.figure.texts]


def assert_legible(ax):
    """Title and source line inside the figure; tick labels of the y axis do not overlap."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    for artist in fig.texts:  # the title (the figure's) and the source line
        ext = artist.get_window_extent(renderer)
        assert ext.x0 >= box.x0 - 1 and ext.x1 <= box.x1 + 1, f"{artist.get_text()!r} runs off the figure"
    labels = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    for a, b in zip(labels, labels[1:], strict=False):
        assert not a.overlaps(b), "y tick labels overlap"


def assert_finished(ax, title_part, ylabel_part):
    assert title_part in " ".join(ax.figure.get_suptitle().split())
    assert ylabel_part in ax.get_ylabel() or ylabel_part in ax.get_xlabel()
    assert any(t.startswith("Source: Air Force") for t in texts(ax))
    assert_legible(ax)


def dashed_lines_at(ax):
    return [pd.Timestamp(line.get_xdata()[0]) for line in ax.get_lines() if line.get_linestyle() == "--"]


def test_rate_chart_marks_the_break_it_crosses(shahed_2025):
    brk = suppression.suppression_break(data.load_air_attacks())
    months = interception.whole_months("2025-01-01", "2025-12-31", data.coverage())
    ax = plots.rate_chart(interception.monthly_rates(shahed_2025, brk, months), brk, "A rate chart " * 12)
    assert dashed_lines_at(ax) == [pd.Timestamp("2025-07-24")]
    assert_finished(ax, "A rate chart", "share of launched (%)")
    assert "95 % Wilson interval" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_rate_chart_across_both_changes_and_none():
    attacks = data.load_air_attacks()
    brk = suppression.suppression_break(attacks)
    both = data.select(attacks, "2024-06-01", "2025-12-31", "shahed_drone")
    months = interception.whole_months("2024-06-01", "2025-12-31", data.coverage())
    ax = plots.rate_chart(interception.monthly_rates(both, brk, months), brk, "both")
    # first stated 2024-07-10, regularly from 2024-08-21, merged from 2025-07-24 (read from the rows)
    assert dashed_lines_at(ax) == [pd.Timestamp(d) for d in ("2024-07-10", "2024-08-21", "2025-07-24")]
    before = data.select(attacks, "2023-01-01", "2023-12-31", "shahed_drone")
    months = interception.whole_months("2023-01-01", "2023-12-31", data.coverage())
    ax = plots.rate_chart(interception.monthly_rates(before, brk, months), brk, "none")
    assert dashed_lines_at(ax) == []


def test_volume_chart_groups_the_small_classes():
    attacks = data.select(data.load_air_attacks(), "2025-01-01", "2025-12-31")
    table = volumes.volumes(attacks, "month")
    ax = plots.volume_chart(table, "Launched per month", "month", top=2)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    # the classes past the top two, summed within their group: never one "other" that mixes drones and missiles
    assert legend[:2] == ["shahed drone", "cruise missile"] and "other" not in legend
    assert {"other drones", "other missiles"} <= set(legend)
    heights = {}
    for patch in ax.patches:
        heights[patch.get_x()] = heights.get(patch.get_x(), 0) + patch.get_height()
    assert sorted(heights.values()) == sorted(table.sum(axis=1).tolist())  # stacks add up to the totals
    assert_finished(ax, "Launched per month", "launched per month")


def test_daily_units_decomposition_and_class_charts(shahed_2025):
    daily = volumes.volumes(shahed_2025, "day", by=None)["launched"]
    assert_finished(plots.daily_chart(daily, volumes.rolling_mean(daily, 7), "Daily", 7), "Daily", "launched per day")
    both = data.select(data.load_air_attacks(), "2025-01-01", "2025-12-31", units=["national", "regional"])
    ax = plots.units_chart(volumes.volumes(both, "month", by="reporting_unit"), "Apart", "month")
    # one line per unit, no total: the Air Force, the General Staff (2025-07-20), Air Command South
    assert len(ax.get_lines()) == 3
    assert "air command south (shoot-down tally)" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert_finished(ax, "Apart", "per month (tally: shot down)")
    dec = interception.decompose(shahed_2025, suppression.suppression_break(data.load_air_attacks()))
    ax = plots.decomposition_chart(
        {"2025": dec, "night": interception.decompose_counts(63, 28, 21)},
        "Reported fate of the launched, with a long title that has to wrap",
    )
    labels = {t.get_text() for t in ax.texts}
    assert {"44%", "33%", "22%"} <= labels  # 28, 21 and 14 of 63
    assert_finished(ax, "Reported fate", "share of launched (%)")
    by_class = interception.rates_by(
        data.select(data.load_air_attacks(), "2025-01-01", "2025-12-31"),
        "weapon_class",
        suppression.suppression_break(data.load_air_attacks()),
    )
    ax = plots.rates_by_class_chart(by_class, "By class")
    assert len(ax.get_yticklabels()) == int((by_class["launched"] > 0).sum())
    assert_finished(ax, "By class", "Wilson interval")


def test_the_legibility_check_catches_an_unwrapped_title():
    fig, ax = plt.subplots()
    plots.finish(ax, "title", "x", "y", plots.SOURCE_ATTACK_LOG)
    ax.figure.suptitle("An unwrapped title " * 10)  # finish wraps its titles: set one past it
    with pytest.raises(AssertionError, match="runs off the figure"):
        assert_legible(ax)


def test_each_chart_keeps_the_table_it_draws():
    """The night of the notebook's defaults, worked by hand: 63 launched, 28 shot down, 21 suppressed,
    so 63 - 28 - 21 = 14 unaccounted and 28/63 = 44.4 % shot down."""
    import io

    night = interception.decompose_counts(63, 28, 21)
    ax = plots.decomposition_chart({"one night": night}, "Reported fate of 63 launched: 44% shot down")
    kept = plots.chart_data(ax.figure)
    table = pd.read_csv(io.StringIO(kept["csv"]))
    assert table.to_dict("records")[0] | {"destroyed_share": 0} == {
        "bar": "one night",
        "launched": 63,
        "destroyed": 28,
        "suppressed": 21,
        "still_attacking": 0,
        "crossed_border": 0,
        "unaccounted": 14,
        "destroyed_share": 0,
        "suppressed_share": pytest.approx(21 / 63),
        "still_attacking_share": 0,
        "crossed_border_share": 0,
        "unaccounted_share": pytest.approx(14 / 63),
    }
    assert table["destroyed_share"][0] == pytest.approx(28 / 63)
    assert kept["source"].startswith("Source: Air Force")
    assert kept["alt"].startswith("Chart: Reported fate of 63 launched: 44% shot down. It plots share of launched")
    assert "launched: 63." in kept["alt"] and "unaccounted: 14." in kept["alt"]
    plt.close("all")
    fig, _ = plt.subplots()
    assert plots.chart_data(fig) is None  # a figure not made by uawar.plots


def test_alt_text_states_rows_and_ranges():
    table = pd.DataFrame({"month": ["2025-01", "2025-02"], "kinetic_rate": [0.25, 0.5], "launched": [10, 1200]})
    assert plots.alt_text("Rates", "month", "share", table) == (
        "Chart: Rates. It plots share against month, 2 rows. "
        "kinetic rate: from 0.25 to 0.5. launched: from 10 to 1,200."
    )


def test_decoy_chart_stacks_to_the_launched():
    rows = data.select(data.load_air_attacks(), "2025-06-01", "2025-12-31", "shahed_drone")
    monthly = volumes.monthly_decoy_split(rows)
    ax = plots.decoy_chart(monthly, "Strike drones and decoys")
    heights = {}
    for patch in ax.patches:
        heights[patch.get_x()] = heights.get(patch.get_x(), 0) + patch.get_height()
    assert sorted(heights.values()) == sorted(rows.groupby(rows["report_date"].dt.to_period("M"))["launched"].sum())
    assert_finished(ax, "Strike drones and decoys", "Shahed-type drones launched per month")


@pytest.mark.kernel
def test_a_notebook_draws_each_chart_once(tmp_path):
    """In a real kernel with the inline backend, a displayed chart costs the drawing of its PNG and no
    more: pyplot's redraw after each cell (a full drawing with Agg, never seen) is switched off by
    set_theme. Counted against a figure printed alone in the same kernel; the chart is still shown."""
    import nbformat

    from uawar.site.execute import execute

    cells = [
        "import matplotlib.figure\nimport matplotlib.pyplot as plt\nfrom IPython.core.pylabtools import print_figure\n"
        "from uawar import plots\nplots.set_theme()\ndraws = []\n_draw = matplotlib.figure.Figure.draw\n"
        "def counted(self, renderer):\n    draws.append(self.get_label())\n    return _draw(self, renderer)\n"
        "matplotlib.figure.Figure.draw = counted",
        'fig, ax = plt.subplots(label="shown")\nax.plot([1, 2, 3])\nax.set_title("shown");',
        'alone, ax = plt.subplots(label="alone")\nax.plot([1, 2, 3])\nax.set_title("alone")\n'
        'print_figure(alone, "png", bbox_inches="tight")\nplt.close(alone)\n'
        'print(draws.count("shown"), draws.count("alone"))',
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nbformat.write(nb, tmp_path / "draws.ipynb")
    done = execute(tmp_path / "draws.ipynb", tmp_path / "out.ipynb")
    assert any("image/png" in o.get("data", {}) for o in done.cells[1].outputs), "the chart is not shown"
    shown, alone = map(int, done.cells[2].outputs[0]["text"].split())
    assert alone >= 1
    assert shown == alone, f"a shown chart was drawn {shown} times, a PNG alone takes {alone}"
