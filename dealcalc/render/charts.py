"""Publication charts for `--chart FILE` (DESIGN §4): SVG, PNG or PDF drawn with matplotlib.

Each chart takes plain rows — the dicts `-f json` prints — and returns a `Plot`: a function that
draws into a matplotlib figure and returns the axis labels it used. `to_bytes` frames it the same
way for every chart (a title naming the scenario, the source line and notes at the foot) and
writes it in one format. This is the only module that imports matplotlib, and only when a chart
is drawn: importing `dealcalc.render.charts` is cheap, and `require()` says how to install the
extra when it is missing.

Same input, same bytes: the SVG hash salt and the document dates are fixed, the font is the
DejaVu Sans that ships with matplotlib (so the machine's fonts never change a picture), and SVG
text is drawn as paths (nothing to fetch, nothing to misalign; the words are kept in the SVG's
`<title>` and `<desc>` for search and screen readers).

Long because every figure `--chart` draws is here: the only module that imports matplotlib."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import textwrap
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from dealcalc.catalogue import meta
from dealcalc.errors import UsageError
from dealcalc.render import escape_field, format_value, xml_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

FORMATS = ("svg", "png", "pdf")
INSTALL = "pip install 'dealcalc[charts]'"

# Okabe & Ito (2008), "Color Universal Design": told apart with every common colour-vision deficiency
BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#F0E442",
)
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW)
INK, GREY, RULE = "#222222", "#5f5f5f", "#d9d9d9"

WIDTH_IN, PLOT_IN = 8.0, 4.2  # figure width and plot height, inches (16:9-ish with title and foot)
DPI = 200  # PNG: 1600 px wide
TITLE_PT, SUB_PT, FOOT_PT = 13.0, 9.5, 7.5

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": 9.0,
    "text.parse_math": False,  # "$131.5bn … $10.2bn" in a note is money, not TeX between dollars
    "text.color": INK,
    "axes.edgecolor": GREY,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": RULE,
    "grid.linewidth": 0.6,
    "xtick.color": GREY,
    "ytick.color": GREY,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "legend.frameon": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "dealcalc",
    "svg.id": "dealcalc-chart",
    "pdf.fonttype": 3,  # embedded as Type 3 (fontTools subsetting for Type 42 costs ~1.5 s a chart)
}
METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": None, "Format": None, "Type": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "dealcalc", "Producer": "dealcalc"},
    "png": {"Software": "dealcalc"},
}


class Plot(NamedTuple):
    """A chart ready to frame: `draw` fills a figure and returns the axis labels it wrote;
    `height` is the plot's height in inches."""

    draw: Callable[[Figure], list[str]]
    height: float = PLOT_IN


class Frame(NamedTuple):
    """What surrounds every chart: the title (naming the scenario), a subtitle, the scenario
    files named in the source line, notes for the foot (caveats, overrides), and where a reader
    finds the notes a foot has no room for (`more`, e.g. "dealcalc report korea-2025-11-mou")."""

    title: str
    files: Sequence[str]
    notes: Sequence[str] = ()
    subtitle: str = ""
    more: str = ""


FOOT_LINES, FOOT_CHARS = 5, 125  # a chart's foot: at most 5 lines (DESIGN §4.1) of 125 characters


def foot_lines(frame: Frame) -> list[str]:
    """The foot of a chart: the source line, then whole notes in order while they fit, then (when
    some do not) one line saying how many are left out and where they are — FOOT_LINES at most."""
    lines = textwrap.wrap(source_line(frame.files), FOOT_CHARS)
    notes = [textwrap.wrap(n, FOOT_CHARS) or [""] for n in frame.notes]
    if len(lines) + sum(map(len, notes)) <= FOOT_LINES:
        return [*lines, *(ln for note in notes for ln in note)]
    room, kept = FOOT_LINES - len(lines) - 1, 0
    for note in notes:
        if len(note) > room:
            break
        lines += note
        room -= len(note)
        kept += 1
    left = len(notes) - kept
    where = frame.more or "the notes under the command's table"
    return [*lines, f"{left} more note{'s' if left > 1 else ''} (caveats, assumed figures): see {where}."]


def require(option: str = "--chart") -> None:
    """matplotlib is an optional extra: without it, say how to install it (a usage error)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UsageError(f"{option} needs matplotlib; install it with: {INSTALL}") from None


def chart_format(name: str) -> str:
    """The format a chart file's extension asks for, or a usage error naming the choices."""
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UsageError(
            f"--chart {name}: unknown chart format {('.' + suffix) if suffix else '(no extension)'}; "
            "name a .svg, .png or .pdf file"
        )
    return suffix


def source_line(files: Sequence[str]) -> str:
    """`Source: dealcalc; scenario korea-2025-11-mou (sources listed in the file)`; many files that
    would not fit on one line of the foot are named by count, the first and the last."""
    stems = [PurePath(f).stem for f in files]
    if len(stems) == 1:
        return f"Source: dealcalc; scenario {stems[0]} (sources listed in the file)"
    line = f"Source: dealcalc; scenarios {', '.join(stems)} (sources listed in the files)"
    if len(line) <= FOOT_CHARS:
        return line
    return f"Source: dealcalc; {len(stems)} scenarios, {stems[0]} … {stems[-1]} (sources listed in the files)"


# --- units ---------------------------------------------------------------------------------------
UNITS = {
    "usd_bn": "USD bn",
    "usd_bn_yr": "USD bn per year",
    "usd": "USD",
    "pct": "%",
    "multiple": "times",
    "years": "years",
    "count_years": "years",
    "count": "count",
}


def axis_label(label: str, kind: str, unit: str | None = None) -> str:
    """`Pledge / GDP (%)`: a label with its unit in brackets (`unit` when given, else the kind's;
    none for plain numbers)."""
    unit = unit or UNITS.get(kind)
    return f"{label} ({unit})" if unit else label


def _scale(kind: str) -> float:
    """Percent axes show 18.7 for a fraction of 0.187."""
    return 100.0 if kind == "pct" else 1.0


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        return None
    return float(v)


def _date(v: Any) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


# --- the charts ----------------------------------------------------------------------------------
BAR_IN = 0.22  # the height of one horizontal bar's slot, inches: room for a 9 pt label and its value


def deal(names: Mapping[str, str], file: str) -> str:
    """How a chart names a scenario: by country and date where `names` says (`Japan, Nov 2026`),
    else by its file's name."""
    return names.get(file) or PurePath(file).stem


def regimes_plot(
    rows: Sequence[dict[str, Any]],
    names: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Plot:
    """Duty per year under each regime (`tariff --regimes` rows): a horizontal bar per regime
    (named by its label), one per scenario side by side when there are several (named in the
    legend by `names`). Horizontal, so long regime labels and every value fit without touching."""
    keys = list(dict.fromkeys(r["regime"] for r in rows))
    files = list(dict.fromkeys(r["file"] for r in rows))
    duty = {(r["file"], r["regime"]): _number(r["duty_usd_bn"]) for r in rows}
    xlabel = axis_label("Duty collected per year", "usd_bn_yr")
    names, labels = names or {}, labels or {}
    group = len(files) + 0.7  # a regime's bars, then a gap
    legend_rows = math.ceil(len(files) / 2) if len(files) > 1 else 0

    def draw(fig: Figure) -> list[str]:
        ax = fig.add_subplot()
        for j, f in enumerate(files):
            # a regime the scenario does not have gets no bar (not a bar of zero), and says so
            vs = [duty.get((f, k)) for k in keys]
            ys = [i * group + j for i in range(len(keys))]
            colour = PALETTE[j % len(PALETTE)] if len(files) > 1 else BLUE
            bars = ax.barh(ys, [v or 0.0 for v in vs], 0.85, color=colour, label=deal(names, f))
            texts = ["—" if v is None else format_value("usd_bn", v) for v in vs]
            ax.bar_label(bars, texts, padding=3, fontsize=7.5, color=INK)
        ticks = [i * group + (len(files) - 1) / 2 for i in range(len(keys))]
        ax.set_yticks(ticks, [textwrap.fill(labels.get(k) or k, 30) for k in keys])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.15, y=0.5 / (group * len(keys)))
        if len(files) > 1:
            ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, fontsize=8.5)
        return [xlabel]

    return Plot(draw, height=max(2.0, BAR_IN * group * len(keys) + 0.8 + 0.2 * legend_rows))


def regime_notes(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Says what a — among the bars of `regimes` means, when there is one."""
    have = {(r["file"], r["regime"]) for r in rows}
    files, names = {r["file"] for r in rows}, {r["regime"] for r in rows}
    missing = any((f, n) not in have for f in files for n in names)
    return ["—: the scenario has no such regime."] if missing else []


def timeline_plot(rows: Sequence[dict[str, Any]], counterfactual: str, as_of: dt.date | None = None) -> Plot:
    """Duty over time against the counterfactual (`tariff --timeline` rows, one per period): both
    summed from the start, paid days solid and projected days (from `as_of` on) dashed, with a
    labelled line at the as-of date; the gap between them is the saving."""
    starts = [_date(r["from"]) for r in rows]
    ends = [_date(r["until"]) + dt.timedelta(days=1) for r in rows]  # `until` is the last day
    paid = list(itertools.accumulate((_number(r["duty_period_usd_bn"]) or 0.0 for r in rows), initial=0.0))
    cf = list(
        itertools.accumulate((_number(r["duty_counterfactual_usd_bn"]) or 0.0 for r in rows), initial=0.0)
    )
    xs = [*starts[:1], *ends]
    # points 0…k are paid (k: the rows before the first projected one), k… projected
    k = next((i for i, r in enumerate(rows) if r.get("status") == "projected"), len(rows))
    ylabel = axis_label("Duty since the start, cumulative", "usd_bn")

    def draw(fig: Figure) -> list[str]:
        import matplotlib.dates as mdates
        from matplotlib import patheffects

        ax = fig.add_subplot()
        if not rows:
            return [ylabel]
        ax.fill_between(xs, paid, cf, color=SKY, alpha=0.25, linewidth=0)  # type: ignore[arg-type]
        for ys, colour, width in ((cf, VERMILLION, 1.6), (paid, BLUE, 2.2)):
            if k > 0:
                ax.plot(xs[: k + 1], ys[: k + 1], color=colour, linewidth=width)  # type: ignore[arg-type]
            if k < len(rows):
                ax.plot(xs[k:], ys[k:], color=colour, linewidth=width, linestyle="--")  # type: ignore[arg-type]
        ax.set_ylim(bottom=0)
        _end_labels(
            ax,
            xs[-1],
            [
                (cf[-1], f"{counterfactual}", VERMILLION),
                (paid[-1], "under the regimes in force", BLUE),
            ],
        )
        if 0 < k < len(rows) and as_of is not None:
            ax.axvline(as_of, color=INK, linewidth=1.0, zorder=1)  # type: ignore[arg-type]
            ax.annotate(
                f"as of {as_of}: paid ← → projected",
                (as_of, 0.02),
                xycoords=("data", "axes fraction"),
                xytext=(3, 0),
                textcoords="offset points",
                ha="left",
                va="bottom",
                fontsize=7.5,
                color=INK,
            )
        span = (ends[-1] - starts[0]).days or 1
        # a period cut in two at the as-of date is one regime: named once, over both parts
        merged: list[tuple[dt.date, dt.date, dict[str, Any]]] = []
        for a, b, r in zip(starts, ends, rows, strict=True):
            if merged and merged[-1][2]["regime"] == r["regime"] and merged[-1][1] == a:
                merged[-1] = (merged[-1][0], b, r)
            else:
                merged.append((a, b, r))
        upright = []
        for a, b, r in merged:
            if a != starts[0]:
                ax.axvline(a, color=GREY, linewidth=0.7, linestyle=":", zorder=0)  # type: ignore[arg-type]
            # every period is named: above the plot when there is room, else upright inside it
            wide = (b - a).days / span >= 0.09
            label = ax.annotate(
                _period_label(str(r["regime"]), (b - a).days / span),
                (a + (b - a) / 2, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(0, 0 if wide else -3),
                textcoords="offset points",
                ha="center",
                va="bottom" if wide else "top",
                rotation=0 if wide else 90,
                fontsize=7.5 if wide else 7,
                color=GREY,
            )
            if not wide:  # a white edge keeps the lines it crosses (grid, a change of regime) off its letters
                label.set_path_effects([patheffects.withStroke(linewidth=2.5, foreground="white")])
                upright.append(label)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        ax.grid(axis="x", visible=False)
        ax.set_ylabel(ylabel)
        ax.set_xlabel("Date (dotted lines: a change of regime)")
        ax.margins(x=0)
        _keep_inside(fig, ax, upright)
        return ["Date", ylabel]

    return Plot(draw)


def _keep_inside(fig: Figure, ax: Axes, texts: Sequence[Annotation], pad_pt: float = 2.0) -> None:
    """Move each text sideways, as little as needed, to stand inside the plot clear of its left and
    right edges: a short first or last period's upright name, centred on the period, would stand on
    the y axis or past the end. Measured once the layout is done (it sets the plot's width)."""
    if not texts:
        return
    fig.draw_without_rendering()
    box = ax.get_window_extent()
    pad = pad_pt * fig.dpi / 72  # pixels
    for text in texts:
        extent = text.get_window_extent()
        shift = max(0.0, box.x0 + pad - extent.x0) - max(0.0, extent.x1 - (box.x1 - pad))
        if shift:
            dx, dy = text.xyann
            text.xyann = (dx + shift * 72 / fig.dpi, dy)  # points


def _period_label(text: str, share: float) -> str:
    """A period's name, in lines no wider than the period (`share` of the axis; 110 characters
    span it), so that neighbours never touch; a narrow period's name stands upright, one line."""
    return text if share < 0.09 else textwrap.fill(text, max(8, int(share * 110) - 2))


def outflow_plot(rows: Sequence[dict[str, Any]], deadline: dt.date | None = None) -> Plot:
    """Required vs capped payments per 12-month period (`outflow --schedule` rows, one scenario),
    with the deadline marked where it falls."""
    labels = [f"{_date(r['period_start']):%Y-%m}" for r in rows]
    series = [
        ("required to meet the deadline", BLUE, [_number(r["required_usd_bn"]) or 0.0 for r in rows]),
        ("what the annual caps allow", ORANGE, [_number(r["capped_usd_bn"]) or 0.0 for r in rows]),
    ]
    ylabel = axis_label("Payment per 12-month period", "usd_bn")
    xlabel = "12-month period starting (year-month)"
    at = None  # the deadline's place on the axis: period i spans i - 0.5 … i + 0.5
    for i, r in enumerate(rows if deadline is not None else []):
        start, end = _date(r["period_start"]), _date(r["period_end"])
        if deadline is not None and start <= deadline <= end:
            at = i - 0.5 + (deadline - start).days / max(1, (end - start).days)
            break

    def draw(fig: Figure) -> list[str]:
        ax = fig.add_subplot()
        for j, (name, colour, ys) in enumerate(series):
            xs = [i - 0.2 + 0.4 * j for i in range(len(rows))]
            ax.bar(xs, ys, 0.38, color=colour, label=name)
        if at is not None and deadline is not None:
            ax.axvline(at, color=INK, linewidth=0.9, linestyle="--")
            ax.annotate(
                f"deadline {deadline.isoformat()}",
                (at, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(3, -2),
                textcoords="offset points",
                va="top",
                fontsize=8,
                color=INK,
            )
        every = math.ceil(len(rows) / 12)  # at most a dozen period labels side by side: they never touch
        ax.set_xticks(range(0, len(rows), every), labels[::every])
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel)
        ax.grid(axis="x", visible=False)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2)
        return [xlabel, ylabel]

    return Plot(draw)


def compare_plot(rows: Sequence[dict[str, Any]], metric: str, names: Mapping[str, str] | None = None) -> Plot:
    """One bar per scenario for one metric (`compare` rows), named by `names` (country and
    date); a scenario without a value shows —."""
    m = meta(metric)
    # a row's marks (n: not binding, s: changed by --set, …) follow its name, as in the table
    labels = [
        deal(names or {}, str(r["file"])) + (f" ({r['marks']})" if r.get("marks") else "") for r in rows
    ]
    values = [_number(r.get(metric)) for r in rows]
    xlabel = axis_label(m.label, m.kind)
    scale = _scale(m.kind)

    def draw(fig: Figure) -> list[str]:
        ax = fig.add_subplot()
        ys = range(len(rows))
        bars = ax.barh(ys, [(v or 0.0) * scale for v in values], 0.7, color=BLUE)
        ax.bar_label(bars, [format_value(m.kind, v) for v in values], padding=3, fontsize=8, color=INK)
        ax.set_yticks(ys, labels)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.15)
        return [xlabel]

    return Plot(draw, height=max(2.0, 0.32 * len(rows) + 0.9))


TORNADO_BARS = 12


def tornado_plot(
    rows: Sequence[dict[str, Any]], delta: float, names: Mapping[str, str] | None = None
) -> Plot:
    """Sensitivity rows as a tornado: for each input that moves the metric, the metric with the
    input down and up by `delta`, from the value as given; largest swing on top. An input is
    labelled by its name in `names` (a reader's words; its key path without one)."""
    moving = [r for r in rows if _number(r.get("swing"))]
    shown = moving[:TORNADO_BARS]
    labels = [textwrap.fill((names or {}).get(str(r["input"])) or str(r["input"]), 30) for r in shown]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    metric = str(rows[0]["metric"]) if rows else ""
    m = meta(metric)
    scale = _scale(m.kind)
    base = (_number(rows[0]["metric_base"]) or 0.0) if rows else 0.0
    xlabel = axis_label(m.label, m.kind)

    def draw(fig: Figure) -> list[str]:
        ax = fig.add_subplot()
        ys = range(len(shown))
        for side, name, colour in (
            ("metric_low", f"input {delta:.0%} lower", ORANGE),
            ("metric_high", f"input {delta:.0%} higher", BLUE),
        ):
            ends = [_number(r[side]) for r in shown]  # None: no value at that end, no bar
            widths = [(base if v is None else v) * scale - base * scale for v in ends]
            ax.barh(ys, widths, 0.7, left=base * scale, color=colour, label=name)
        ax.axvline(base * scale, color=INK, linewidth=0.9)
        ax.set_yticks(ys, labels)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
        return [xlabel]

    return Plot(draw, height=max(2.0, (0.3 + 0.14 * (lines - 1)) * len(shown) + 1.0))


def tornado_notes(rows: Sequence[dict[str, Any]]) -> list[str]:
    """What the tornado leaves out, said under it."""
    moving = sum(1 for r in rows if _number(r.get("swing")))
    still = len(rows) - moving
    notes = []
    if moving > TORNADO_BARS:
        notes.append(f"The {TORNADO_BARS} inputs with the largest swing of {moving} that move it.")
    if still:
        notes.append(f"{still} inputs that do not move it are not drawn.")
    return notes


def sweep_plot(
    rows: Sequence[dict[str, Any]],
    varied: Sequence[tuple[str, str]],
    metric: str,
    units: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> Plot:
    """Sweep rows: a line for one varied field, a heat map for two. `varied` is each field's key
    and kind (`scenario.input_kind`: `usd_bn`, `usd_bn_yr`, `pct`, `number`); `units` names a
    field's unit where its kind does not (`KRW per USD`, `USD bn per year`); `names` a field's name
    on its axis (else its key)."""
    m = meta(metric)
    scale = _scale(m.kind)
    labels = [
        axis_label((names or {}).get(path, path), kind, (units or {}).get(path)) for path, kind in varied
    ]
    ylabel = axis_label(m.label, m.kind)

    def line(fig: Figure) -> list[str]:
        (path, kind) = varied[0]
        ax = fig.add_subplot()
        pts = [(r[path] * _scale(kind), _number(r.get(metric))) for r in rows]
        ax.plot(
            [x for x, _ in pts],
            [y * scale if y is not None else math.nan for _, y in pts],
            color=BLUE,
            linewidth=2,
            marker="o",
            markersize=3.5,
        )
        ax.set_xlabel(labels[0])
        ax.set_ylabel(ylabel)
        return [labels[0], ylabel]

    def heat(fig: Figure) -> list[str]:
        (px, kx), (py, ky) = varied
        xs, ys, grid = heat_grid(rows, px, py, metric)
        grid = [[v * scale for v in row] for row in grid]
        ax = fig.add_subplot()
        # drawn as vector cells, not a raster image: sharp in print, nothing embedded
        edges_x = [i - 0.5 for i in range(len(xs) + 1)]
        edges_y = [i - 0.5 for i in range(len(ys) + 1)]
        image = ax.pcolormesh(edges_x, edges_y, grid, cmap="cividis")
        for axis, values, kind in ((ax.xaxis, xs, kx), (ax.yaxis, ys, ky)):
            every = math.ceil(len(values) / 12)  # at most a dozen tick labels on an axis
            axis.set_ticks(range(0, len(values), every), [_tick(kind, v) for v in values[::every]])
        ax.grid(visible=False)
        if len(xs) * len(ys) <= 100:
            finite = [v for row in grid for v in row if not math.isnan(v)]
            mid = (min(finite) + max(finite)) / 2 if finite else 0.0
            for i, row in enumerate(grid):
                for j, v in enumerate(row):
                    text = "—" if math.isnan(v) else format_value(m.kind, v / scale, unit=False)
                    ax.text(
                        j, i, text, ha="center", va="center", fontsize=7, color="white" if v < mid else INK
                    )
        bar = fig.colorbar(image, ax=ax)
        if bar.solids is not None:
            bar.solids.set_rasterized(False)  # matplotlib rasterizes long colour bars; keep it vector
        bar.set_label(ylabel)
        ax.set_xlabel(labels[0])
        ax.set_ylabel(labels[1])
        return [*labels, ylabel]

    return Plot(line if len(varied) == 1 else heat)


def heat_grid(
    rows: Sequence[dict[str, Any]], px: str, py: str, metric: str
) -> tuple[list[Any], list[Any], list[list[float]]]:
    """The values of two varied fields (x, y, in grid order) and the metric at each point, a row
    per y value; NaN where the metric has no value there."""
    xs = list(dict.fromkeys(r[px] for r in rows))
    ys = list(dict.fromkeys(r[py] for r in rows))
    at = {(r[px], r[py]): _number(r.get(metric)) for r in rows}
    return xs, ys, [[_nan_if_none(at.get((x, y))) for x in xs] for y in ys]


def _nan_if_none(v: float | None) -> float:
    return math.nan if v is None else v


def _tick(kind: str, v: float) -> str:
    """A tick label: rates as percents, anything else in as few digits as it needs (one format
    along an axis: 5 and 12.5, not 5.00 and 12.5)."""
    return format_value("pct", v) if kind == "pct" else f"{v:,.4g}"


def simulate_plot(rows: Sequence[dict[str, Any]], draws: dict[str, Sequence[float]]) -> Plot:
    """A histogram of the draws per metric, with P5, P50 and P95 (from the `simulate` rows)."""
    shown = [r for r in rows if draws.get(r["metric"])]
    cols = 1 if len(shown) == 1 else 2
    nrows = max(1, math.ceil(len(shown) / cols))

    def draw(fig: Figure) -> list[str]:
        import numpy as np

        labels: list[str] = []
        axes = fig.subplots(nrows, cols, squeeze=False)
        for ax, r in zip(axes.flat, shown, strict=False):
            m = meta(r["metric"])
            scale = _scale(m.kind)
            # numpy comes with matplotlib; it reads the draws' buffer without a list of 10 million floats
            values = np.asarray(draws[r["metric"]], dtype=float) * scale
            ax.hist(values, bins=40, color=SKY, edgecolor="white", linewidth=0.3)
            marks = [(s, _number(r[s])) for s in ("p5", "p50", "p95")]
            for stat, v in marks:
                if v is not None:
                    ax.axvline(v * scale, color=INK, linewidth=1.1, linestyle="-" if stat == "p50" else ":")
            for group in _near([(s, v) for s, v in marks if v is not None], ax.get_xlim(), scale):
                # percentiles too close to be labelled apart share one label (P5 = P50 = P95 when equal)
                texts = [format_value(m.kind, v) for _, v in group]
                words = [f"{s.upper()} {x}" for (s, _), x in zip(group, texts, strict=True)]
                text = (
                    f"{' = '.join(s.upper() for s, _ in group)} {texts[0]}"
                    if len(set(texts)) == 1
                    else ", ".join(words)
                )
                ax.annotate(
                    text,
                    (group[-1][1] * scale, 1.0),
                    xycoords=("data", "axes fraction"),
                    rotation=90,
                    ha="right",
                    va="top",
                    fontsize=7,
                    color=INK,
                    xytext=(-2, -2),
                    textcoords="offset points",
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                )
            label = axis_label(m.label, m.kind)
            ax.set_xlabel(label)
            ax.set_ylabel("Runs (count)")
            ax.grid(axis="x", visible=False)
            labels.append(label)
        for ax in list(axes.flat)[len(shown) :]:
            ax.set_visible(False)
        return [*labels, "Runs (count)"]

    return Plot(draw, height=max(PLOT_IN, 2.6 * nrows))


def _near(
    marks: list[tuple[str, float]], xlim: tuple[float, float], scale: float
) -> list[list[tuple[str, float]]]:
    """Percentile marks in groups whose upright labels would touch: each within 6% of the axis
    span of the one before it."""
    span = abs(xlim[1] - xlim[0]) or 1.0
    groups: list[list[tuple[str, float]]] = []
    for mark in sorted(marks, key=lambda item: item[1]):
        if groups and (mark[1] - groups[-1][-1][1]) * scale < 0.06 * span:
            groups[-1].append(mark)
        else:
            groups.append([mark])
    return groups


def receipts_plot(rows: Sequence[dict[str, Any]]) -> Plot:
    """Both sides' cumulative receipts by year (`returns --schedule` rows, one scenario)."""
    years = [int(r["year"]) for r in rows]
    pledger = list(itertools.accumulate(_number(r["pledger_usd_bn"]) or 0.0 for r in rows))
    partner = list(itertools.accumulate(_number(r["partner_usd_bn"]) or 0.0 for r in rows))
    ylabel = axis_label("Receipts since the start, cumulative", "usd_bn")
    xlabel = "Year of the horizon (0 = first year)"

    def draw(fig: Figure) -> list[str]:
        from matplotlib.ticker import MaxNLocator

        ax = fig.add_subplot()
        ax.plot(years, pledger, color=BLUE, linewidth=2.2)
        ax.plot(years, partner, color=ORANGE, linewidth=2.2, linestyle="--")
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if years:
            _end_labels(
                ax,
                years[-1],
                [(pledger[-1], "pledger", BLUE), (partner[-1], "partner (United States)", ORANGE)],
            )
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        return [xlabel, ylabel]

    return Plot(draw)


def balance_plot(row: dict[str, Any], pledger: str, partner: str) -> Plot:
    """The deal balance as two waterfalls side by side on one scale, the pledging country's and
    the partner's: each step a floating bar from the running total, the net a full bar (a row
    of `balance -f json`)."""
    sides = [
        (
            pledger,
            [
                ("Tariff\nsaved,\nexporters' part", row["pledger_tariff_gain_pv_usd_bn"]),
                ("Capital\ndeployed", -row["capital_pv_usd_bn"]),
                ("Profit\nshare", row["pledger_receipts_pv_usd_bn"]),
            ],
            row["pledger_net_pv_usd_bn"],
        ),
        (
            partner,
            [
                ("Customs\nduty\nforgone", -row["us_duty_forgone_pv_usd_bn"]),
                ("Tariff\nsaved,\nbuyers' part", row["us_buyers_gain_pv_usd_bn"]),
                ("Profit\nshare", row["us_receipts_pv_usd_bn"]),
            ],
            row["us_net_pv_usd_bn"],
        ),
    ]
    ylabel = axis_label("Present value at the start", "usd_bn")

    def draw(fig: Figure) -> list[str]:
        axes = fig.subplots(1, 2, sharey=True)
        labels = [ylabel]
        for ax, (name, steps, net) in zip(axes, sides, strict=True):
            running = 0.0
            names = []
            for i, (label, value) in enumerate(steps):
                colour = BLUE if value >= 0 else VERMILLION
                ax.bar(i, value, bottom=running, color=colour, width=0.62)
                _bar_label(ax, i, running + max(value, 0.0) if value >= 0 else running + value, value)
                if i:
                    ax.plot([i - 1.31, i - 0.31], [running, running], color=GREY, linewidth=0.7)
                running += value
                names.append(label)
            ax.plot([len(steps) - 1.31, len(steps) - 0.31], [running, running], color=GREY, linewidth=0.7)
            ax.bar(len(steps), net, color=INK, width=0.62)
            _bar_label(ax, len(steps), net, net)
            names.append("Net")
            ax.axhline(0, color=GREY, linewidth=0.8)
            ax.set_xticks(range(len(names)), names, fontsize=8)
            ax.grid(axis="x", visible=False)
            ax.set_title(name, fontsize=11, fontweight="bold", loc="left")
            labels += [name, *names]
        axes[0].set_ylabel(ylabel)
        levels = [0.0]
        for _, steps, net in sides:
            levels += [*itertools.accumulate(v for _, v in steps), net]
        lo, hi = min(levels), max(levels)
        pad = 0.12 * ((hi - lo) or 1.0)  # room for the labels above and below the bars
        axes[0].set_ylim(lo - pad, hi + pad)
        return labels

    return Plot(draw, height=PLOT_IN + 0.4)


def _bar_label(ax: Axes, x: float, end: float, value: float) -> None:
    """The bar's value beyond its end: above a gain, below a loss."""
    ax.annotate(
        format_value("usd_bn", value),
        (x, end),
        xytext=(0, 3 if value >= 0 else -3),
        textcoords="offset points",
        ha="center",
        va="bottom" if value >= 0 else "top",
        fontsize=8,
    )


def _end_labels(ax: Axes, x: Any, labels: list[tuple[float, str, str]]) -> None:
    """Direct labels at the ends of lines (instead of a legend), (y, text, colour) each; two
    that would touch are pushed apart, the higher one up."""
    lo, hi = ax.get_ylim()
    close = len(labels) == 2 and abs(labels[0][0] - labels[1][0]) < 0.05 * ((hi - lo) or 1.0)
    ordered = sorted(labels, key=lambda item: item[0])
    for i, (y, text, colour) in enumerate(ordered):
        nudge = (7 if i else -7) if close else 0
        ax.annotate(
            text, (x, y), xytext=(4, nudge), textcoords="offset points", va="center", fontsize=8, color=colour
        )


# --- framing and writing -------------------------------------------------------------------------
@contextmanager
def drawn(plot: Plot, frame: Frame) -> Iterator[tuple[Figure, list[str]]]:
    """The chart drawn and framed — its title, subtitle, source line and notes — as a matplotlib
    figure, with the labels it wrote and the foot's lines; the style holds while it is open."""
    import matplotlib
    from matplotlib.figure import Figure

    frame = _escaped(frame)
    title = textwrap.wrap(frame.title, 58) or [""]
    sub = textwrap.wrap(frame.subtitle, 95)
    foot = foot_lines(frame)
    head_in = (len(title) * TITLE_PT * 1.3 + len(sub) * SUB_PT * 1.35 + 14) / 72
    foot_in = (len(foot) * FOOT_PT * 1.4 + 12) / 72
    height = head_in + plot.height + foot_in
    # a user sees a chart, not matplotlib's advice about tick intervals on stderr
    with matplotlib.rc_context(cast(Any, STYLE)), warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        fig = Figure(figsize=(WIDTH_IN, height), layout="constrained")
        engine = fig.get_layout_engine()
        assert engine is not None
        engine.set(rect=(0.0, foot_in / height, 1.0, plot.height / height))  # type: ignore[call-arg]
        labels = plot.draw(fig)
        top = 1 - 8 / 72 / height
        pad = 0.12 / WIDTH_IN
        fig.text(pad, top, "\n".join(title), fontsize=TITLE_PT, fontweight="bold", va="top", linespacing=1.2)
        if sub:
            fig.text(
                pad,
                top - len(title) * TITLE_PT * 1.3 / 72 / height,
                "\n".join(sub),
                fontsize=SUB_PT,
                color=GREY,
                va="top",
            )
        fig.text(
            pad, 6 / 72 / height, "\n".join(foot), fontsize=FOOT_PT, color=GREY, va="bottom", linespacing=1.4
        )
        yield fig, [*labels, *foot]


def to_bytes(plot: Plot, frame: Frame, fmt: str) -> bytes:
    """The chart with its title, subtitle, source line and notes, as SVG, PNG or PDF bytes."""
    with drawn(plot, frame) as (fig, words):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=DPI, metadata=_metadata(fmt, frame))
    data = buf.getvalue()
    if fmt == "svg":
        data = _svg_text(data, frame, words)
    return data


def _escaped(frame: Frame) -> Frame:
    """The frame's text from files as visible one-line text (`escape_field`): no control or bidi
    character reaches the picture or its metadata (XML 1.0 cannot even hold C0 controls)."""
    return frame._replace(
        title=escape_field(frame.title),
        files=[escape_field(f) for f in frame.files],
        notes=[escape_field(n) for n in frame.notes],
        subtitle=escape_field(frame.subtitle),
    )


def _metadata(fmt: str, frame: Frame) -> dict[str, Any]:
    meta_ = dict(METADATA[fmt])
    if fmt == "pdf":
        meta_.update(Title=frame.title, Subject=source_line(frame.files))
    elif fmt == "png":
        meta_.update(Title=frame.title, Source=source_line(frame.files))
    return meta_


def _svg_text(data: bytes, frame: Frame, words: list[str]) -> bytes:
    """The SVG with no DOCTYPE (its DTD address is something a parser may fetch) and with its
    words kept as `<title>` and `<desc>`: drawn as paths, text cannot be searched or read aloud."""
    text = data.decode("utf-8")
    head, sep, rest = text.partition("<svg ")
    if not sep:
        return data
    root_end = rest.index(">") + 1
    desc = "\n".join(w for w in [frame.subtitle, *words] if w)
    inner = f"\n <title>{_escape(frame.title)}</title>\n <desc>{_escape(desc)}</desc>"
    head = head.split("<!DOCTYPE", 1)[0]
    return (head + sep + rest[:root_end] + inner + rest[root_end:]).encode("utf-8")


def _escape(text: str) -> str:
    """Valid XML text: controls escaped, &, < and > as entities (`render.xml_text`; not
    xml.sax.saxutils.escape, whose import pulls in urllib, http and ssl: 50 ms of every command's
    start-up, DESIGN §7). Tick labels drawn from files reach `<desc>` through it."""
    return "\n".join(xml_text(line) for line in text.split("\n"))
