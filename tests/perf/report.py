"""Formatting of benchmark figures: medians with every run, ratios, Markdown tables. Pure functions."""

from __future__ import annotations

import statistics


def median(values: list[float]) -> float | None:
    """The median, or None when there is no value (a row that was skipped or did not happen)."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value: float | None, unit: str) -> str:
    """One figure in its unit: "s" (seconds), "ms", "KB" (bytes / 1024), "bytes" (MB or GB, powers of ten)."""
    if value is None:
        return "n/a"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.0f} ms"
    if unit == "KB":
        return f"{value / 1024:.0f} KB"
    if unit == "bytes":
        if value >= 1e9:
            return f"{value / 1e9:.2f} GB"
        return f"{value / 1e6:.1f} MB" if value < 100e6 else f"{value / 1e6:.0f} MB"
    raise ValueError(f"unknown unit {unit!r}")


def _bare(value: float, unit: str) -> str:
    """A figure without its unit, for the list of runs after the median."""
    return fmt(value, unit).rsplit(" ", 1)[0]


def cell(values: list[float], unit: str) -> str:
    """The median of `values`, then every run in brackets when there was more than one:
    "12.30 s [12.10 12.30 13.00]"."""
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    text = fmt(median(values), unit)
    if len(values) > 1:
        text += " [" + " ".join(_bare(v, unit) for v in values) + "]"
    return text


def ratio(numerator: float | None, denominator: float | None) -> str:
    """numerator / denominator to two decimals, "–" when either is missing or the denominator is zero."""
    if numerator is None or not denominator:
        return "–"
    return f"{numerator / denominator:.2f}"


def markdown_table(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown table with padded columns."""
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    return "\n".join(lines)


def rotated(items: list[str], run_no: int) -> list[str]:
    """The order of the stacks in run `run_no` (0-based): each run starts with the next one."""
    k = run_no % len(items) if items else 0
    return items[k:] + items[:k]
