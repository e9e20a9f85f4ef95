"""Plain terminal tables and a progress line, aware that Japanese characters take two columns."""

from __future__ import annotations

import sys
import time
import unicodedata
from collections.abc import Sequence
from typing import Any, TextIO


def width(text: str) -> int:
    """Display width in terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def render(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A table with a header rule; numbers right-aligned, text left-aligned."""
    cells = [[_fmt(v) for v in row] for row in rows]
    numeric = [
        all(isinstance(row[i], int | float) and not isinstance(row[i], bool) for row in rows) if rows else False
        for i in range(len(headers))
    ]
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        out = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - width(v))
            out.append(pad + v if numeric[i] else v + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(list(headers)), rule, *(line(r) for r in cells)])


class ProgressLine:
    """A progress bar on stderr, redrawn in place, only on a terminal: piped or redirected output gets none.

    `unit` "bytes" shows megabytes (the audit commands count bytes read); any other unit shows counts.
    """

    WIDTH = 24

    def __init__(
        self,
        label: str,
        total: int,
        out: TextIO | None = None,
        enabled: bool = True,
        unit: str = "bytes",
    ) -> None:
        self.label, self.total, self.done, self.unit = label, max(total, 1), 0, unit
        self.out = out or sys.stderr
        self.enabled = enabled and _is_terminal(self.out)
        self.start = self.last = time.monotonic()
        self.drawn = False

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (not self.drawn or now - self.last >= 0.2):
            self.last = now
            self._draw(now)

    def text(self, now: float | None = None) -> str:
        """The bar as it is drawn: label, bar, percentage, amount done, seconds."""
        elapsed = (now if now is not None else time.monotonic()) - self.start
        share = min(1.0, self.done / self.total)
        filled = round(share * self.WIDTH)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        if self.unit == "bytes":
            amount = f"{self.done / 1e6:,.1f} / {self.total / 1e6:,.1f} MB"
        else:
            amount = f"{self.done:,} / {self.total:,} {self.unit}"
        return f"{self.label} [{bar}] {100 * share:5.1f}% {amount} {elapsed:,.1f} s"

    def _draw(self, now: float, end: str = "") -> None:
        self.drawn = True
        self.out.write("\r" + self.text(now) + end)
        self.out.flush()

    def finish(self) -> None:
        """Draw the final state and end the line (only on a terminal)."""
        if self.enabled:
            self._draw(time.monotonic(), end="\n")


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
