"""`dealcalc new COUNTRY`: a commented scenario skeleton. Its <placeholders> are refused by
validation ('placeholder not filled in') until replaced, after which the file validates."""

SKELETON = """\
# dealcalc scenario for {country}. Replace every <placeholder>, then run: dealcalc validate FILE
# Money: '<number> <currency> <scale>' (550 USD bn, 2,549.1 KRW tn); rates: percent strings (15%).
# Any figure may be written {{value: …, source: <id under sources>, year: …, note: …}}.
# Uncomment what you know; leave out what you do not: its metrics then show as missing.
dealcalc: 1
title: {title_yaml}
country: {country_yaml}
partner: United States
# currency: KRW                       # local currency used in money below (needs economy.fx_rate)
as_of: "<date the scenario describes, YYYY-MM-DD>"
description: "<one paragraph: what was pledged, against which tariff cut>"

sources:
  source-1: {{title: "<title of the document>", publisher: "<publisher>", date: "<YYYY-MM-DD>", url: "<https://…>"}}

pledge:
  amount: {{value: "<amount, e.g. 350 USD bn>", source: source-1}}
  # annual_cap: 20 USD bn             # at most this much a year (only without tranches)
  # tranches:                         # or: the pledge in parts, each with its own cap
  #   - {{name: cash, amount: 200 USD bn, annual_cap: 20 USD bn}}
  #   - {{name: energy purchases, amount: 100 USD bn, kind: purchases}}
  start: "<date, YYYY-MM-DD>"
  deadline: "<date, YYYY-MM-DD>"
  # funding_window: 45 business days  # or: 45 days
  # cap_basis: trailing_year          # how `calls` counts a cap; default calendar_year
  # instruments: {{equity: 2%, loans: 78%, guarantees: 20%}}
  # profit_split:
  #   - {{pledger: 50%, until: recovered, deemed_interest: 4%}}
  #   - {{pledger: 10%}}
  # binding: false                    # a private, non-binding pledge

economy:
  gdp: {{value: "<GDP, e.g. 1,868 USD bn>", source: source-1}}
  # fx_rate: 1363.98                  # local currency per USD
  # fx_reserves: 415.6 USD bn
  # reserve_income: 15 USD bn         # yearly income on reserves
  # population: 51.7 mn

trade:                                # goods trade with the partner, per year
  surplus_with_partner: "<surplus, e.g. 66.0 USD bn>"
  # exports_to_partner: 131.5 USD bn
  # imports_from_partner: 65.5 USD bn

tariffs:
  # elasticity: -1.0                  # import-demand elasticity; absent = static
  lines:
    autos: {{exports: "<exports, e.g. 34.7 USD bn>", mfn: 0%, threatened: 25%, agreed: 15%}}

# returns: {{cash_yield: 6%, horizon_years: 20, discount_rate: 4%}}
# incidence: {{exporter_share: {{value: 20%, assumption: true, note: "share of the tariff exporters bear"}}}}
# balance: {{horizon_years: 20}}   # the deal balance's horizon (default: returns.horizon_years)
# projects:
#   - {{name: LNG terminal, amount: 30 USD bn, called: 2026-02-17}}   # selected: funding is due
#   - {{name: Reactors, amount: 100 USD bn, called: 2025-10-28, status: interest}}   # not a call
# uncertainty:
#   economy.fx_rate: {{normal: [1400, 50]}}
"""


def skeleton(country: str) -> str:
    import json

    from dealcalc.render import escape_json_controls

    # any name, quotes and backslashes included, gives valid YAML: values as JSON strings (which
    # YAML reads), the comment on one line with no control characters
    title = f"<title, e.g. {country}–US investment MOU (Nov 2025)>"
    return SKELETON.format(
        country=" ".join("".join(c if c.isprintable() else " " for c in country).split()),
        country_yaml=escape_json_controls(json.dumps(country, ensure_ascii=False)),
        title_yaml=escape_json_controls(json.dumps(title, ensure_ascii=False)),
    )
