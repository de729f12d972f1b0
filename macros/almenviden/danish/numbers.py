"""Numbers as Danish text: "1.234" (thousands with a point), "12,3 s" (a decimal comma)."""

from __future__ import annotations


def danish_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def danish_seconds(seconds: float) -> str:
    """A duration in seconds with one decimal: "0,8 s", "12,3 s"."""
    return f"{seconds:.1f}".replace(".", ",") + " s"
