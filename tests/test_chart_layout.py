"""Charts a reader can print as they are (DESIGN §4.1): a foot of at most five lines, deals named by
country and date, regimes by their labels, a unit on every axis, and no label over another."""

from __future__ import annotations

import datetime as dt
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from test_charts import KINDS

from dealcalc import figures
from dealcalc.render import charts
from dealcalc.scenario import load_scenario, shipped_names

from conftest import MINIMAL, run

SVG = "{http://www.w3.org/2000/svg}"


def _desc(path: Path) -> list[str]:
    return (ET.fromstring(path.read_bytes()).findtext(f"{SVG}desc") or "").splitlines()


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (bytes 16–24)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# --- the foot ---------------------------------------------------------------------------------------
def test_a_short_foot_is_kept_whole() -> None:
    frame = charts.Frame("T", ["a.yaml"], ["one", "two"], more="dealcalc report a")
    assert charts.foot_lines(frame) == [
        "Source: dealcalc; scenario a (sources listed in the file)",
        "one",
        "two",
    ]


def test_a_long_foot_keeps_four_lines_and_says_where_the_rest_are() -> None:
    notes = [f"Caveat {i}: short." for i in range(20)]
    frame = charts.Frame("T", ["a.yaml"], notes, more="dealcalc report a")
    assert charts.foot_lines(frame) == [
        "Source: dealcalc; scenario a (sources listed in the file)",
        "Caveat 0: short.",
        "Caveat 1: short.",
        "Caveat 2: short.",
        "17 more notes (caveats, assumed figures): see dealcalc report a.",
    ]
    # a note of two lines (over 125 characters) is kept whole when it fits, left out whole when not
    two = "y " * 70  # 140 characters: wrapped after 63 y's (125 characters)
    frame = charts.Frame("T", ["a.yaml"], ["x", two, "z"])
    assert charts.foot_lines(frame) == [
        "Source: dealcalc; scenario a (sources listed in the file)",
        "x",
        two[:125],
        two[126:].strip(),
        "z",
    ]
    frame = charts.Frame("T", ["a.yaml"], ["a", "b", two, "z"])
    assert charts.foot_lines(frame) == [
        "Source: dealcalc; scenario a (sources listed in the file)",
        "a",
        "b",
        "2 more notes (caveats, assumed figures): see the notes under the command's table.",
    ]


def test_many_files_are_named_by_count_first_and_last() -> None:
    files = [f"scenario-number-{i:02d}.yaml" for i in range(15)]
    assert charts.source_line(files) == (
        "Source: dealcalc; 15 scenarios, scenario-number-00 … scenario-number-14 "
        "(sources listed in the files)"
    )


# --- compare over every shipped deal -----------------------------------------------------------------
def test_compare_chart_of_every_shipped_deal_prints_on_a_page(tmp_path: Path) -> None:
    """At most 1.5 × as tall as wide, a foot of at most five lines, bars named by country and date."""
    png, svg = tmp_path / "c.png", tmp_path / "c.svg"
    assert run("compare", "--chart", str(png)).exit_code == 0
    width, height = _png_size(png.read_bytes())
    assert height <= 1.5 * width, (width, height)
    assert run("compare", "--chart", str(svg)).exit_code == 0
    desc = _desc(svg)
    foot = desc[next(i for i, line in enumerate(desc) if line.startswith("Source: dealcalc"))]
    assert foot.startswith(f"Source: dealcalc; {len(shipped_names())} scenarios, ")
    assert len(desc) - desc.index(foot) <= 5
    text = svg.read_text(encoding="utf-8")  # matplotlib keeps each drawn string as a comment
    for name in ("Japan, Nov 2026", "Korea, Nov 2025", "Taiwan, 12 Feb 2026", "Taiwan, 24 Feb 2026"):
        assert f"<!-- {name} (" in text, name
    assert "<!-- japan-2026-11-after-122" not in text


def _s(country: str, file: str, as_of: dt.date | None) -> Any:
    return load_scenario(str(MINIMAL))._replace(country=country, file=file, as_of=as_of)


def test_deal_names_by_country_and_date() -> None:
    scenarios = [
        _s("Japan", "j.yaml", dt.date(2026, 11, 29)),
        _s("Taiwan", "t1.yaml", dt.date(2026, 2, 12)),
        _s("Taiwan", "t2.yaml", dt.date(2026, 2, 24)),
        _s("Korea", "k1.yaml", dt.date(2025, 11, 14)),
        _s("Korea", "k2.yaml", dt.date(2025, 11, 14)),
        _s("Testland", "x/minimal.yaml", None),
    ]
    assert figures.deal_names(scenarios) == {
        "j.yaml": "Japan, Nov 2026",
        "t1.yaml": "Taiwan, 12 Feb 2026",
        "t2.yaml": "Taiwan, 24 Feb 2026",
        "k1.yaml": "Korea (k1)",
        "k2.yaml": "Korea (k2)",
        "x/minimal.yaml": "Testland, Jan 2025",  # no as-of date: the pledge's start (2025-01-01)
    }


# --- regimes by label ----------------------------------------------------------------------------------
def test_tariff_chart_names_regimes_by_label_and_deals_by_country(tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert run("tariff", "korea-2026-11-after-122", "--chart", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    korea = {r.name: r.label for r in load_scenario("korea-2026-11-after-122").tariffs.regimes}  # type: ignore[union-attr]
    assert korea["after_122"] and korea["after_122"].split()[0] in text
    assert "<!-- after_122 -->" not in text and "<!-- MFN -->" in text
    both = tmp_path / "two.svg"
    assert (
        run("tariff", "japan-2026-11-after-122", "korea-2026-11-after-122", "--chart", str(both)).exit_code
        == 0
    )
    text = both.read_text(encoding="utf-8")
    assert "<!-- Japan, Nov 2026 -->" in text and "<!-- Korea, Nov 2026 -->" in text
    # Japan's and Korea's files label after_122 differently: the chart keeps the key and says why
    assert any("each file labels this regime differently" in line for line in _desc(both))


def test_timeline_chart_names_periods_by_label(tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    assert run("tariff", "korea-2026-11-after-122", "--timeline", "--chart", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "<!-- after_122 -->" not in text and "<!-- sec122 -->" not in text
    assert "Sec. 122:" in text


# --- units ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("vary", "label"),
    [
        ("economy.fx_rate=1300:1500:100", "Exchange rate (KRW per USD)"),
        ("tariffs.elasticity=-2:-1:0.5", "Import elasticity (no unit)"),
        (
            "pledge.tranches.0.annual_cap=10 USD bn:30 USD bn:10 USD bn",
            "Annual cap of the cash tranche (USD bn per year)",
        ),
        ("economy.gdp=1500 USD bn:2000 USD bn:500 USD bn", "GDP (USD bn)"),
    ],
)
def test_a_swept_field_has_its_unit(vary: str, label: str, tmp_path: Path) -> None:
    out = tmp_path / "s.svg"
    result = run("sweep", "korea-2025-11-mou", "--vary", vary, "-m", "pledge_to_gdp", "--chart", str(out))
    assert result.exit_code == 0, result.stderr
    assert label in _desc(out)


# --- nothing overlaps ---------------------------------------------------------------------------------
def _texts(fig: Any) -> list[tuple[str, Any]]:
    """Every piece of text drawn on the figure (title, foot, tick and axis labels, bar labels,
    annotations, legend entries), with its box on the canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    found = list(fig.texts)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        found += [*ax.texts, ax.xaxis.label, ax.yaxis.label]
        if ax.get_legend() is not None:
            found += ax.get_legend().get_texts()
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for loc, label in zip(axis.get_majorticklocs(), axis.get_majorticklabels(), strict=False):
                if lo - 1e-9 <= loc <= hi + 1e-9:
                    found.append(label)
    r = canvas.get_renderer()  # type: ignore[no-untyped-call]
    return [(t.get_text(), t.get_window_extent(r)) for t in found if t.get_visible() and t.get_text().strip()]


def _overlaps(plot: charts.Plot, frame: charts.Frame) -> list[tuple[str, str]]:
    with charts.drawn(plot, frame) as (fig, _):
        boxes = _texts(fig)
    return [
        (a, b)
        for i, (a, ba) in enumerate(boxes)
        for b, bb in boxes[i + 1 :]
        # more than a pixel's sliver in common
        if min(ba.x1, bb.x1) - max(ba.x0, bb.x0) > 1 and min(ba.y1, bb.y1) - max(ba.y0, bb.y0) > 1
    ]


LONG = {f"r{i}": f"Regime number {i}: a long label of forty-odd characters" for i in range(8)}
GROUPED = [
    {"file": f"{c}.yaml", "regime": k, "duty_usd_bn": d}
    for c, scale in (("japan", 1.0), ("korea", 0.0), ("eu", 3.0))
    for k, d in zip(["mfn", *LONG], [2.3, 28.8, 23.0, 24.4, 18.4, 17.1, 17.5, 15.5, 0.0], strict=True)
    for d in [d * scale if scale else d * 0.8]
]
SEC301 = "Forced-labour Sec. 301 (12.5% proposed for Korea)"
REAL = {
    "real-grouped": charts.regimes_plot(GROUPED, {"japan.yaml": "Japan, Nov 2026"}, LONG),
    "real-compare": charts.compare_plot(
        [
            {"file": f"{n}.yaml", "pledge_to_gdp": 0.01 * i, "marks": "cna"}
            for i, n in enumerate(shipped_names())
        ],
        "pledge_to_gdp",
    ),
    "real-outflow": charts.outflow_plot(
        [
            {
                "period_start": f"{y}-11-14",
                "period_end": f"{y + 1}-11-13",
                "required_usd_bn": 62.9,
                "capped_usd_bn": 20.0,
            }
            for y in range(2025, 2045)
        ],
        dt.date(2029, 1, 19),
    ),
    "real-timeline": charts.timeline_plot(
        [
            {
                "from": a,
                "until": b,
                "regime": label,
                "status": status,
                "duty_period_usd_bn": 5.0,
                "duty_counterfactual_usd_bn": 8.0,
            }
            for a, b, label, status in (
                ("2025-11-14", "2026-02-23", "MOU rates: 15% all-in, autos 15%", "paid"),
                ("2026-02-24", "2026-07-23", "Sec. 122: 10% on top of MFN; autos 15% (Sec. 232)", "paid"),
                ("2026-07-24", "2026-11-29", SEC301, "paid"),
                ("2026-11-30", "2029-01-18", SEC301, "projected"),
            )
        ],
        "25% (Apr 2 and the July\nletter)",
        dt.date(2026, 11, 30),
    ),
    # one metric the drawn inputs do not move (its percentiles equal), one whose P5 and P50 are close
    "real-simulate": charts.simulate_plot(
        [
            {"metric": "pledge_to_gdp", "p5": 0.187, "p50": 0.187, "p95": 0.187, "mean": 0.187},
            {"metric": "annual_savings_usd_bn", "p5": 4.0, "p50": 4.05, "p95": 6.5, "mean": 4.5},
        ],
        {
            "pledge_to_gdp": [0.187] * 50,
            "annual_savings_usd_bn": [4.0 + (i % 10) / 4 for i in range(200)],
        },
    ),
}
FRAME = charts.Frame("A chart: a deal", ["a.yaml"], ["A note."] * 9, more="dealcalc report a")


def test_close_percentiles_share_a_label() -> None:
    svg = charts.to_bytes(REAL["real-simulate"], FRAME, "svg").decode("utf-8")
    assert "<!-- P5 = P50 = P95 18.7% -->" in svg
    assert "<!-- P5 $4.00 bn/yr, P50 $4.05 bn/yr -->" in svg and "<!-- P95 $6.50 bn/yr -->" in svg


@pytest.mark.parametrize("kind", sorted(REAL) + sorted(KINDS))
def test_no_label_overlaps_another(kind: str) -> None:
    plot = REAL[kind] if kind in REAL else KINDS[kind][0]
    assert _overlaps(plot, FRAME) == []


def test_the_overlap_check_finds_an_overlap() -> None:
    """The check above would see two labels drawn on one spot."""

    def draw(fig: Any) -> list[str]:
        ax = fig.add_subplot()
        ax.annotate("here", (0.5, 0.5), xycoords="axes fraction")
        ax.annotate("there", (0.5, 0.5), xycoords="axes fraction")
        return []

    assert _overlaps(charts.Plot(draw), FRAME) == [("here", "there")]


def test_a_short_first_or_last_period_is_named_inside_the_plot() -> None:
    """A period too short for its name above the plot is named upright inside it; at either end of
    the axis that name stays clear of the y axis and of the plot's right edge (japan-2026-12's
    first period, 12 days of 1,233, stood on the y axis)."""
    rows = [
        {"from": a, "until": b, "regime": name, "status": "paid", "duty_period_usd_bn": 1.0}
        | {"duty_counterfactual_usd_bn": 2.0}
        for a, b, name in (
            ("2025-09-04", "2025-09-15", "Reciprocal 15% all-in; autos still 27.5%"),
            ("2025-09-16", "2029-01-10", "MOU rates: 15% all-in, autos 15%"),
            ("2029-01-11", "2029-01-18", "A last week"),
        )
    ]
    with charts.drawn(charts.timeline_plot(rows, "without the deal"), FRAME) as (fig, _):
        boxes = dict(_texts(fig))
        (ax,) = fig.axes
        plot = ax.get_window_extent()
    pad = 1.5 * fig.dpi / 72  # at least 1.5 points clear of each edge
    for name in ("Reciprocal 15% all-in; autos still 27.5%", "A last week"):
        box = boxes[name]
        assert plot.x0 + pad <= box.x0 and box.x1 <= plot.x1 - pad, (name, box, plot)
        assert box.height > box.width  # upright
    assert _overlaps(charts.timeline_plot(rows, "without the deal"), FRAME) == []
