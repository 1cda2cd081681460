"""One seaborn theme and the chart functions; every chart states its finding and names its source."""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SOURCE_ATTACK_LOG = ("Source: Air Force of the Armed Forces of Ukraine, via 'Massive Missile Attacks "
                     "on Ukraine' (P. Ivaniuk, CC BY-NC-SA 4.0)")
SOURCE_LOSS_SERIES = ("Source: General Staff of the Armed Forces of Ukraine (claimed figures), via "
                      "'2022 Ukraine Russia War Dataset' (P. Ivaniuk, MIT)")


def set_theme() -> None:
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE,
                  rc={"figure.figsize": (9, 4.5), "figure.dpi": 100, "savefig.dpi": 100,
                      "axes.titlesize": 13, "axes.titleweight": "bold", "axes.titlelocation": "left",
                      "figure.constrained_layout.use": True})


def finish(ax: plt.Axes, title: str, xlabel: str, ylabel: str, source: str) -> plt.Axes:
    """Title that states the finding, labelled axes with units, and the source line under the chart."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.figure.text(0.01, -0.02, source, ha="left", va="top", fontsize=8, color="#555555",
                   transform=ax.figure.transFigure)
    return ax
