"""The Python surface of dealcalc (DESIGN §4 "Python API"), for notebooks and scripts.

One function per command. Each takes shipped scenario names, paths or loaded scenarios, and the
command's options as keywords; each returns exactly the rows that ``dealcalc COMMAND -f json``
prints: a list of dicts with the same keys (dates as ISO text), ready for
``pandas.DataFrame(rows)``. Errors are dealcalc's own (``dealcalc.errors``), with the messages the
command line prints.

>>> import dealcalc
>>> rows = dealcalc.compare("korea-2025-11-mou", "japan-2025-09-mou")
>>> [(r["file"], r["pledge_usd_bn"]) for r in rows]
[('korea-2025-11-mou.yaml', 350.0), ('japan-2025-09-mou.yaml', 550.0)]

Long because each of the twelve functions carries a numpydoc docstring with an example (a notebook
user reads `help(dealcalc.sweep)` and needs nothing else); the code is a few lines each."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from dealcalc import commands
from dealcalc.commands import Source
from dealcalc.model.inputs import Scenario

__all__ = [
    "balance",
    "burden",
    "calls",
    "compare",
    "diff",
    "explain",
    "load",
    "outflow",
    "returns",
    "sensitivity",
    "simulate",
    "sweep",
    "tariff",
    "trade",
]

Rows = list[dict[str, Any]]


def load(name_or_path: Source, overrides: Iterable[str] = ()) -> Scenario:
    """Load and validate one scenario.

    Parameters
    ----------
    name_or_path : str or path-like
        A shipped scenario's name (``dealcalc list``) or a YAML file's path.
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments applied after loading, as ``--set`` does; VALUE is written
        in the field's own syntax (``"economy.fx_rate=1400"``, ``"pledge.tranches.0.annual_cap=25 USD bn"``).

    Returns
    -------
    Scenario
        The typed scenario (money in USD bn, rates as fractions); pass it to any function here.

    Raises
    ------
    dealcalc.errors.ScenarioError
        The file is missing or invalid; ``.problems`` lists every problem (file, line, key path).

    Examples
    --------
    >>> korea = load("korea-2025-11-mou", overrides=["pledge.tranches.0.annual_cap=25 USD bn"])
    >>> korea.pledge.amount
    350.0
    """
    return commands.load(name_or_path, overrides)


def burden(*scenarios: Source | list[Source], overrides: Iterable[str] = ()) -> Rows:
    """How heavy each pledge is against GDP, FX reserves and the trade surplus (``dealcalc burden``).

    Parameters
    ----------
    *scenarios : str, path-like or Scenario
        One or more scenarios: shipped names, paths, or results of `load`.
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set`` (names and paths only).

    Returns
    -------
    list of dict
        One row per scenario: ``scenario``, ``file``, then the burden keys of DESIGN §3.1
        (``pledge_usd_bn``, ``pledge_to_gdp``, ``pledge_to_reserves``, …); None where an input
        is missing.

    Examples
    --------
    >>> [row] = burden("korea-2025-11-mou")
    >>> row["file"], row["pledge_usd_bn"]
    ('korea-2025-11-mou.yaml', 350.0)
    """
    return commands.burden(scenarios, overrides).records()


def outflow(
    *scenarios: Source | list[Source],
    schedule: bool = False,
    as_of: str | datetime.date | None = None,
    overrides: Iterable[str] = (),
) -> Rows:
    """How fast each pledge can be paid under its annual caps (``dealcalc outflow``).

    Parameters
    ----------
    *scenarios : str, path-like or Scenario
        One or more scenarios.
    schedule : bool, default False
        One row per 12-month period from the start instead (``--schedule``).
    as_of : str or datetime.date, optional
        Progress to this date (``--as-of``, ``"YYYY-MM-DD"``); default: each file's ``as_of``.
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.

    Returns
    -------
    list of dict
        One row per scenario with the keys of DESIGN §3.2 (``years_needed_at_cap``,
        ``shortfall_at_deadline_usd_bn``, …), or per period with ``schedule=True``.

    Examples
    --------
    >>> [row] = outflow("korea-2025-11-mou")
    >>> row["years_needed_at_cap"], row["completion_date_at_cap"]
    (10.0, '2035-11-14')
    >>> len(outflow("korea-2025-11-mou", schedule=True)) > 1
    True
    """
    return commands.outflow(scenarios, schedule, as_of, overrides).records()


def tariff(
    *scenarios: Source | list[Source],
    lines: bool = False,
    regimes: bool = False,
    from_regime: str | None = None,
    to_regime: str | None = None,
    overrides: Iterable[str] = (),
    as_of: str | datetime.date | None = None,
    timeline: bool = False,
) -> Rows:
    """What the tariff cut is worth per year, and the duty paid as the regimes changed
    (``dealcalc tariff``).

    Parameters
    ----------
    *scenarios : str, path-like or Scenario
        One or more scenarios with ``tariffs.lines``.
    lines : bool, default False
        One row per tariff line instead (``--lines``).
    regimes : bool, default False
        Duty and effective rate under every regime instead (``--regimes``).
    from_regime, to_regime : str, optional
        The regimes compared (``--from``, ``--to``). Default, with dated regimes and an as-of
        date: ``"without_deal"`` → ``"in_force"``, the without-deal twin of the regime in force
        on the as-of date → that regime; otherwise ``"threatened"`` → ``"agreed"``. A named
        ``from_regime`` is held throughout the timeline instead of the twin.
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.
    as_of : str or date, optional
        The date the pair is taken on and the paid days end (``--as-of``; default: each
        file's ``as_of``).
    timeline : bool, default False
        One row per period under one regime, start to deadline (``--timeline``).

    Returns
    -------
    list of dict
        One row per scenario with the keys of DESIGN §3.3 (``annual_savings_usd_bn``,
        ``pledge_to_annual_savings``, ``duty_<regime>_usd_bn``, ``tariff_coverage``,
        ``regime_in_force``, ``duty_paid_to_date_usd_bn``, ``duty_projected_usd_bn``, …).

    Raises
    ------
    dealcalc.errors.MissingInputError
        A scenario has no tariff lines.

    Examples
    --------
    >>> [row] = tariff("japan-2025-09-mou", from_regime="threatened", to_regime="agreed")
    >>> row["from"], row["to"], row["counterfactual"]
    ('threatened', 'agreed', 'threatened')
    """
    result = commands.tariff(
        scenarios, lines, regimes, from_regime, to_regime, overrides, as_of=as_of, timeline=timeline
    )
    return result.records()


def trade(partner: str, by: str = "bucket") -> Rows:
    """US imports for consumption from a partner in 2024, from the table shipped with dealcalc
    (``dealcalc trade``): by bucket of tariff treatment, or by HS chapter and bucket.

    The table is built from Census HS-10 data by ``tools/build_trade_table.py``
    (docs/trade-data.md); it is read on first use.

    Parameters
    ----------
    partner : str
        ``japan``, ``korea``, ``eu``, ``switzerland`` or ``taiwan``; or the codes ``JP``, ``KR``,
        ``EU``, ``CH``, ``TW``; or the Census codes ``5880``, ``5800``, ``0003``, ``4419``, ``5830``.
    by : str, default "bucket"
        ``"bucket"``: one row per bucket; ``"chapter"``: one row per HS chapter and bucket
        (``--by chapter``).

    Returns
    -------
    list of dict
        Rows with ``partner`` (the code), ``bucket`` (and ``chapter``), ``imports_usd_bn``,
        ``mfn_duty_usd_bn`` (MFN duty collected), ``mfn_rate`` (duty / imports, a fraction) and
        ``import_share`` (of the partner's total, a fraction).

    Raises
    ------
    dealcalc.errors.ArgumentError
        An unknown partner or grouping.

    Examples
    --------
    >>> rows = trade("switzerland")
    >>> [r["bucket"] for r in rows][:3]
    ['returned', 'pharma', 'autos_parts']
    >>> round(sum(r["imports_usd_bn"] for r in rows), 1)
    60.9
    """
    return commands.trade(partner, by).records()


def returns(*scenarios: Source | list[Source], schedule: bool = False, overrides: Iterable[str] = ()) -> Rows:
    """What the pledger gets back under the profit split (``dealcalc returns``).

    Parameters
    ----------
    *scenarios : str, path-like or Scenario
        One or more scenarios with a ``returns:`` block (or one given in `overrides`).
    schedule : bool, default False
        The profit waterfall year by year instead (``--schedule``).
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.

    Returns
    -------
    list of dict
        One row per scenario with the keys of DESIGN §3.4 (``pledger_multiple``,
        ``pledger_npv_usd_bn``, ``years_to_recover``, …).

    Raises
    ------
    dealcalc.errors.MissingInputError
        A scenario has no ``returns:`` block.

    Examples
    --------
    >>> assumptions = "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"
    >>> [row] = returns("japan-2025-09-mou", overrides=[assumptions])
    >>> row["pledger_multiple"] > 0
    True
    """
    return commands.returns(scenarios, schedule, overrides).records()


def balance(
    *scenarios: Source | list[Source], overrides: Iterable[str] = (), as_of: str | None = None
) -> Rows:
    """What each side of the deal gets, in present value (``dealcalc balance``): the tariff saved
    against the without-deal twin, split between the pledging country's exporters and US buyers,
    the capital deployed and each side's profit-waterfall receipts.

    Parameters
    ----------
    *scenarios : str, path-like or Scenario
        One or more scenarios with ``returns:``, ``incidence:`` and dated tariff regimes (every
        shipped one has them).
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set`` (``incidence.exporter_share=50%``).
    as_of : str, optional
        ``YYYY-MM-DD``, as ``--as-of``: the balance is always measured against the without-deal
        twin; a date later than a file's ``as_of`` only adds the note that its facts are older.

    Returns
    -------
    list of dict
        One row per scenario with the keys of DESIGN §3.5b (``tariff_saved_pv_usd_bn``,
        ``pledger_net_pv_usd_bn``, ``us_net_pv_usd_bn``, ``pledger_break_even_year``, …), USD bn
        discounted to the pledge's start at ``returns.discount_rate``; no residual value of the
        assets at the horizon.

    Raises
    ------
    dealcalc.errors.MissingInputError
        A scenario lacks ``returns:``, ``incidence:``, tariff lines or dated regimes.

    Examples
    --------
    >>> sets = ["returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"]
    >>> sets += ["incidence={exporter_share: 0%}"]
    >>> [row] = balance("japan-2026-11-after-122", overrides=sets)
    >>> row["pledger_tariff_gain_pv_usd_bn"], row["us_buyers_gain_pv_usd_bn"] == row["tariff_saved_pv_usd_bn"]
    (0.0, True)
    """
    return commands.balance(scenarios, overrides, as_of=as_of).records()


def calls(
    *scenarios: Source | list[Source],
    schedule: bool = False,
    overrides: Iterable[str] = (),
    as_of: str | datetime.date | None = None,
    from_regime: str | None = None,
    to_regime: str | None = None,
) -> Rows:
    """Capital calls against the annual caps (``dealcalc calls``).

    Parameters
    ----------
    *scenarios : str, path-like or Scenario
        One or more scenarios with ``projects``.
    schedule : bool, default False
        One row per call, by due date, instead (``--schedule``).
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.
    as_of, from_regime, to_regime : optional
        The tariff pair compared, as ``--as-of``, ``--from``, ``--to`` (defaults as ``tariff``'s:
        the without-deal twin → the regime in force on the as-of date).

    Returns
    -------
    list of dict
        One row per scenario with the keys of DESIGN §3.5 (``total_called_usd_bn``,
        ``first_breach``, ``calls_after_deadline``, …).

    Examples
    --------
    >>> [row] = calls("japan-2025-09-mou")  # the October 2025 list: announced interest, no calls
    >>> row["total_called_usd_bn"], row["interest_usd_bn"]
    (0.0, 400.0)
    """
    return commands.calls(
        scenarios, schedule, overrides, pair=commands.Pair(as_of, from_regime, to_regime)
    ).records()


def compare(
    *scenarios: Source | list[Source],
    metrics: Iterable[str] | None = None,
    overrides: Iterable[str] = (),
    latest: bool = False,
    as_of: str | datetime.date | None = None,
    from_regime: str | None = None,
    to_regime: str | None = None,
) -> Rows:
    """The headline figures of many scenarios side by side (``dealcalc compare``).

    Parameters
    ----------
    *scenarios : str, path-like or Scenario
        The scenarios; none means every shipped one.
    metrics : iterable of str, optional
        Metric keys to give instead of the default ones (``-m``; ``dealcalc metrics`` lists them).
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.
    latest : bool, default False
        Only each country's newest file, by ``as_of`` (``--latest``).
    as_of, from_regime, to_regime : optional
        The tariff pair compared, as ``--as-of``, ``--from``, ``--to`` (defaults as ``tariff``'s:
        the without-deal twin → the regime in force on the as-of date).

    Returns
    -------
    list of dict
        One row per scenario (DESIGN §3.6): ``scenario``, ``file``, ``pledge_usd_bn``,
        ``pledge_to_gdp``, …, ``pledge_to_annual_savings``.

    Raises
    ------
    dealcalc.errors.ScenarioError
        Some files are bad; every problem is listed.

    Examples
    --------
    >>> rows = compare()                       # every shipped scenario
    >>> rows[0]["file"]
    'eu-2025-08-joint-statement.yaml'
    >>> import pandas                          # doctest: +SKIP
    >>> pandas.DataFrame(compare()).set_index("file")["pledge_to_gdp"]  # doctest: +SKIP
    """
    pair = commands.Pair(as_of, from_regime, to_regime)
    return commands.compare(scenarios, metrics, overrides, pair=pair, latest=latest).records()


def diff(a: Source, b: Source, overrides: Iterable[str] = (), every: bool = False) -> Rows:
    """The inputs and the metrics that differ between two scenarios (``dealcalc diff``).

    Parameters
    ----------
    a, b : str, path-like or Scenario
        The two scenarios.
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments applied to both, as ``--set``.
    every : bool, optional
        Also the metrics that are the same in both (``--all``).

    Returns
    -------
    list of dict
        Rows with ``section`` (``"input"`` or ``"metric"``), ``key``, ``a``, ``b`` and ``change``
        (B − A; days for dates; None where it has no meaning).

    Examples
    --------
    >>> rows = diff("korea-2025-07-framework", "korea-2025-11-mou")
    >>> [r["change"] for r in rows if r["key"] == "pledge.start"]
    [107]
    """
    return commands.diff(a, b, overrides, every).records()


def sweep(
    scenario: Source,
    vary: str | Iterable[str],
    metrics: Iterable[str] | None = None,
    overrides: Iterable[str] = (),
    as_of: str | datetime.date | None = None,
    from_regime: str | None = None,
    to_regime: str | None = None,
) -> Rows:
    """The metrics at every combination of the varied fields (``dealcalc sweep``).

    Parameters
    ----------
    scenario : str, path-like or Scenario
        The scenario.
    vary : str or iterable of str
        ``PATH=START:STOP:STEP`` in the field's own syntax, STOP inclusive (``--vary``); several
        give every combination.
    metrics : iterable of str, optional
        Metric keys (``-m``; ``dealcalc metrics`` lists them); default: the `compare` keys.
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.
    as_of, from_regime, to_regime : optional
        The tariff pair compared, as ``--as-of``, ``--from``, ``--to`` (defaults as ``tariff``'s:
        the without-deal twin → the regime in force on the as-of date).

    Returns
    -------
    list of dict
        One row per grid point: the varied paths (canonical units: USD bn, fractions), then the
        metrics.

    Examples
    --------
    >>> rows = sweep("korea-2025-11-mou", "pledge.tranches.0.annual_cap=10 USD bn:40 USD bn:10 USD bn",
    ...              metrics=["years_needed_at_cap"])
    >>> [(r["pledge.tranches.0.annual_cap"], r["years_needed_at_cap"]) for r in rows]
    [(10.0, 20.0), (20.0, 10.0), (30.0, 6.666666666666667), (40.0, 5.0)]
    """
    varies = [vary] if isinstance(vary, str) else list(vary)
    return commands.sweep(
        scenario, varies, metrics, overrides, pair=commands.Pair(as_of, from_regime, to_regime)
    ).records()


def sensitivity(
    scenario: Source,
    metric: str,
    delta: str | float = "10%",
    overrides: Iterable[str] = (),
    as_of: str | datetime.date | None = None,
    from_regime: str | None = None,
    to_regime: str | None = None,
) -> Rows:
    """Each numeric input moved down and up by `delta`, sorted by the swing of one metric
    (``dealcalc sensitivity``).

    Parameters
    ----------
    scenario : str, path-like or Scenario
        The scenario.
    metric : str
        The metric whose swing is measured (``--metric``).
    delta : str or float, default "10%"
        How far each input moves, as a rate (``"10%"``) or a fraction (``0.1``).
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.
    as_of, from_regime, to_regime : optional
        The tariff pair compared, as ``--as-of``, ``--from``, ``--to`` (defaults as ``tariff``'s:
        the without-deal twin → the regime in force on the as-of date).

    Returns
    -------
    list of dict
        One row per input, largest swing first: ``input``, ``value``, ``value_low``,
        ``value_high``, ``metric``, ``metric_base``, ``metric_low``, ``metric_high``, ``swing``.

    Examples
    --------
    >>> rows = sensitivity("korea-2025-11-mou", "years_needed_at_cap", delta=0.2)
    >>> rows[0]["input"]
    'pledge.tranches.0.annual_cap'
    """
    return commands.sensitivity(
        scenario, metric, delta, overrides, pair=commands.Pair(as_of, from_regime, to_regime)
    ).records()


def simulate(
    scenario: Source,
    runs: int = 10_000,
    seed: int = 0,
    metrics: Iterable[str] | None = None,
    overrides: Iterable[str] = (),
    as_of: str | datetime.date | None = None,
    from_regime: str | None = None,
    to_regime: str | None = None,
) -> Rows:
    """Draw the scenario's ``uncertainty:`` inputs and summarise each metric (``dealcalc simulate``).

    Parameters
    ----------
    scenario : str, path-like or Scenario
        The scenario; it needs an ``uncertainty:`` block (or one given in `overrides`).
    runs : int, default 10000
        Number of draws (``--runs``).
    seed : int, default 0
        Seed of the draws: the same seed gives the same rows (``--seed``).
    metrics : iterable of str, optional
        Metric keys; default: the `compare` keys.
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.
    as_of, from_regime, to_regime : optional
        The tariff pair compared, as ``--as-of``, ``--from``, ``--to`` (defaults as ``tariff``'s:
        the without-deal twin → the regime in force on the as-of date).

    Returns
    -------
    list of dict
        One row per metric: ``metric``, ``mean``, ``p5``, ``p50``, ``p95``, ``runs`` (draws where
        the metric had a value) and ``missing``.

    Raises
    ------
    dealcalc.errors.MissingInputError
        The scenario has no ``uncertainty:`` block.

    Examples
    --------
    >>> drawn = "uncertainty={pledge.tranches.0.annual_cap: {uniform: [15 USD bn, 25 USD bn]}}"
    >>> [row] = simulate("korea-2025-11-mou", runs=2000, seed=7, metrics=["years_needed_at_cap"],
    ...                  overrides=[drawn])
    >>> 200 / 25 <= row["p5"] < row["p50"] < row["p95"] <= 200 / 15   # 200 USD bn at 15-25 a year
    True
    """
    if runs < 1:
        from dealcalc.errors import ArgumentError

        raise ArgumentError(f"runs: {runs} is not a number of draws; give 1 or more")
    return commands.simulate(
        scenario, runs, seed, metrics, overrides, pair=commands.Pair(as_of, from_regime, to_regime)
    ).records()


VIEWS = ("burden", "outflow", "tariff", "returns", "calls", "balance", "compare")


def explain(
    *scenarios: Source | list[Source], view: str = "burden", overrides: Iterable[str] = (), **options: Any
) -> Rows:
    """How each figure of a view is computed: formula, the numbers put in, and their sources
    (``dealcalc VIEW --explain``).

    Parameters
    ----------
    *scenarios : str, path-like or Scenario
        One or more scenarios (for ``view="compare"``, none means every shipped one).
    view : str, default "burden"
        One of ``burden``, ``outflow``, ``tariff``, ``returns``, ``calls``, ``balance``, ``compare``.
    overrides : iterable of str, optional
        ``PATH=VALUE`` assignments, as ``--set``.
    **options
        The view's options (``as_of``, ``from_regime``, ``to_regime`` for ``tariff``, ``calls``
        and ``compare``; ``metrics`` for ``compare``).

    Returns
    -------
    list of dict
        One row per metric and scenario: ``scenario``, ``file``, ``metric``, ``value``,
        ``formula``, ``computation`` (the formula with the numbers put in) and ``sources``.

    Examples
    --------
    >>> rows = explain("korea-2025-11-mou", view="outflow")
    >>> [r["formula"] for r in rows if r["metric"] == "required_annual_pace_usd_bn"]
    ['P / Y']
    """
    if view not in VIEWS:
        from dealcalc.errors import ArgumentError

        raise ArgumentError(f"view {view!r}: explain one of {', '.join(VIEWS)}")
    if view in ("calls", "compare") and {"as_of", "from_regime", "to_regime"} & set(options):
        words = ("as_of", "from_regime", "to_regime")
        options["pair"] = commands.Pair(*(options.pop(w, None) for w in words))
    if view == "compare":
        return commands.compare(scenarios, overrides=overrides, explain=True, **options).records()
    build = getattr(commands, view)
    return build(scenarios, overrides=overrides, explain=True, **options).records()  # type: ignore[no-any-return]
