"""The digest's chart: checks and flagged checks per week, as PNG bytes.

Drawn with matplotlib's object API on its Agg canvas (a Figure of its own, no pyplot): nothing
global is touched, so it is safe on a worker thread beside other drawings. CPU-bound: callers on the
event loop run it in an executor.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.staff.digest import Week

CHECKS_COLOR = "#8fb8de"
FLAGGED_COLOR = "#c0392b"
SIZE = (6.4, 2.8)  # inches
DPI = 100


def weekly_chart(weeks: Sequence[Week], *, title: str = "Checks per week, last 12 weeks") -> bytes:
    """A bar per week (all checks) with the flagged checks drawn inside it, labelled by the week's
    Monday, each count on its bar. PNG bytes, a few tens of kilobytes at most."""
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    xs = range(len(weeks))
    checks = [w.checks for w in weeks]
    flagged = [w.flagged for w in weeks]
    bars = ax.bar(xs, checks, width=0.7, color=CHECKS_COLOR, label="Checks")
    red = ax.bar(xs, flagged, width=0.7, color=FLAGGED_COLOR, label="With warning signs")
    ax.bar_label(bars, labels=[str(n) if n else "" for n in checks], fontsize=8, padding=2)
    ax.bar_label(
        red,
        labels=[str(f) if 0 < f < n else "" for f, n in zip(flagged, checks, strict=True)],
        fontsize=7,
        color=FLAGGED_COLOR,
        padding=1,
    )
    ax.set_xticks(list(xs), [f"{w.start:%b} {w.start.day}" for w in weeks], fontsize=8)
    ax.set_xlabel("Week starting (Monday, UTC)", fontsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylim(0, max([*checks, 1]) * 1.4)  # headroom for the legend
    ax.set_title(title, fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="upper left", ncols=2)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
