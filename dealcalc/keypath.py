"""Key paths: `("pledge", "tranches", 0, "amount")` ⇄ `pledge.tranches.0.amount`."""

KeyPath = tuple[str | int, ...]


def dotted(path: KeyPath) -> str:
    """`("pledge", "tranches", 0, "amount")` → `pledge.tranches.0.amount`."""
    return ".".join(str(p) for p in path)


def split_path(text: str) -> KeyPath:
    """`pledge.tranches.0.amount` → `("pledge", "tranches", 0, "amount")`: a number indexes a list."""
    return tuple(int(p) if p.isascii() and p.isdigit() else p for p in text.split("."))


def within(path: str, prefix: str) -> bool:
    """`pledge.tranches.0.amount` is within `pledge.tranches` (and within itself); `""` holds all."""
    return not prefix or path == prefix or path.startswith(prefix + ".")
