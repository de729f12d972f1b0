"""A number of minutes in Danish words: "45 minutter", "1 time og 30 minutter", "3 timer"."""

from __future__ import annotations


def danish_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} minutter"
    text = f"{hours} time{'r' if hours > 1 else ''}"
    return text + (f" og {rest} minutter" if rest else "")
