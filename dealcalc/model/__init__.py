"""Pure arithmetic on a typed `Scenario`: no I/O, no Rich, no Typer. Money in USD bn, rates as
fractions, periods in years of 365.25 days unless a name says otherwise."""
