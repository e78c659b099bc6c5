"""Arithmetic that shows itself two ways: to a reader, rounded and with units
(`350.00 USD bn / 1,868.87 USD bn`), and exactly, with every digit (`350.0/1868.8690...`), in a
form `evaluate` computes. An explanation is built once as an `X`, so the two cannot differ, and
a test evaluates the exact form against the value the model reported, so neither can drift.

`evaluate` is a small safe evaluator (Python's `ast`, never `eval`): numbers, + − × ÷, powers,
parentheses, min and max — nothing else."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Iterable
from typing import Any

SUM, PRODUCT, POWER, ATOM = 1, 2, 3, 4  # how tightly an expression binds


class X:
    """An expression: `text` for a reader, `exact` to evaluate (None when an input is missing)."""

    __slots__ = ("exact", "level", "text")

    def __init__(self, text: str, exact: str | None, level: int = ATOM) -> None:
        self.text, self.exact, self.level = text, exact, level

    def _binary(self, other: Operand, shown: str, exact: str, level: int, right_level: int) -> X:
        b = lift(other)
        a = self.wrap(level)
        b = b.wrap(right_level)
        both = None if a.exact is None or b.exact is None else f"{a.exact} {exact} {b.exact}"
        return X(f"{a.text} {shown} {b.text}", both, level)

    def wrap(self, level: int) -> X:
        """In parentheses, if it binds less tightly than `level` needs."""
        if self.level >= level:
            return self
        return X(f"({self.text})", None if self.exact is None else f"({self.exact})", ATOM)

    def __add__(self, other: Operand) -> X:
        return self._binary(other, "+", "+", SUM, SUM)

    def __radd__(self, other: Operand) -> X:
        return lift(other) + self

    def __sub__(self, other: Operand) -> X:
        return self._binary(other, "−", "-", SUM, PRODUCT)

    def __rsub__(self, other: Operand) -> X:
        return lift(other) - self

    def __mul__(self, other: Operand) -> X:
        return self._binary(other, "×", "*", PRODUCT, PRODUCT)

    def __rmul__(self, other: Operand) -> X:
        return lift(other) * self

    def __truediv__(self, other: Operand) -> X:
        return self._binary(other, "/", "/", PRODUCT, POWER)

    def __rtruediv__(self, other: Operand) -> X:
        return lift(other) / self

    def __pow__(self, other: Operand) -> X:
        b = lift(other).wrap(ATOM)
        a = self.wrap(ATOM)
        both = None if a.exact is None or b.exact is None else f"{a.exact} ** {b.exact}"
        return X(f"{a.text}^{b.text}", both, POWER)

    def __repr__(self) -> str:
        return f"X({self.text!r}, {self.exact!r})"


Operand = X | float | int


def _digits(value: float) -> str:
    """Every digit of a number (repr round-trips a float exactly); a negative one in parentheses."""
    text = repr(value)
    return f"({text})" if value < 0 else text


UNITS: dict[str, Callable[[float], str]] = {
    "usd_bn": lambda v: f"{v:,.2f} USD bn",
    "pct": lambda v: f"{v * 100:,.2f}%",
    "years": lambda v: f"{v:.3f} yr",
    "count": lambda v: f"{v:,.0f}",
    "": lambda v: f"{v:g}",
}


def num(value: float | None, unit: str = "", label: str = "", after: str = "", text: str | None = None) -> X:
    """A number: shown with its unit (and a label before it, a word after it), kept exactly.
    None (an input the file lacks) shows as `—` and leaves the expression without an exact form."""
    if value is None:
        return X("—", None)
    shown = text if text is not None else UNITS[unit](value)
    shown = " ".join(p for p in (label, shown, after) if p)
    return X(shown, _digits(float(value)) if isinstance(value, float) else _digits(value))


def lift(value: Operand) -> X:
    return value if isinstance(value, X) else num(value)


def shown(x: X, text: str) -> X:
    """`x` computed, but shown as `text` (for a long sum a reader finds in a schedule instead)."""
    return X(text, None if x.exact is None else x.wrap(ATOM).exact, ATOM)


def total(terms: Iterable[Operand], empty: str = "0") -> X:
    """a + b + c, left to right, as `sum` adds; no terms is zero."""
    out: X | None = None
    for term in terms:
        out = lift(term) if out is None else out + term
    return out if out is not None else X(empty, "0")


def call(name: str, terms: Iterable[Operand]) -> X:
    """min(…) or max(…) of the terms; of one term, the term itself."""
    args = [lift(t) for t in terms]
    if len(args) == 1:
        return args[0]
    exact = None if any(a.exact is None for a in args) else f"{name}({', '.join(str(a.exact) for a in args)})"
    return X(f"{name}({', '.join(a.text for a in args)})", exact, ATOM)


def smallest(*terms: Operand) -> X:
    return call("min", terms)


def largest(terms: Iterable[Operand]) -> X:
    return call("max", terms)


# --- evaluating the exact form -------------------------------------------------------------------

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_CALLS: dict[str, Callable[..., float]] = {"min": min, "max": max}
MAX_EXPONENT = 1000  # a bigger power is no explanation, and could take long to compute


class NotArithmetic(ValueError):
    """The text is not plain arithmetic (numbers, + − × ÷ **, parentheses, min, max)."""


def evaluate(text: str) -> float:
    """The value of an exact explanation, computed without `eval`."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise NotArithmetic(f"{text!r}: {exc.msg}") from None
    return float(_value(tree.body))


def _value(node: ast.AST) -> Any:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        x = _value(node.operand)
        return -x if isinstance(node.op, ast.USub) else x
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        a, b = _value(node.left), _value(node.right)
        if isinstance(node.op, ast.Pow) and abs(b) > MAX_EXPONENT:
            raise NotArithmetic(f"an exponent of {b} is too large")
        return _BINARY[type(node.op)](float(a), float(b))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _CALLS
        and node.args
        and not node.keywords
    ):
        return _CALLS[node.func.id](_value(a) for a in node.args)
    raise NotArithmetic(f"{ast.unparse(node)!r} is not plain arithmetic")


def close(a: float, b: float) -> bool:
    """Equal to a relative 1e-9 (what the explanation test asks), or both within 1e-12 of zero."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
