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
    """Bytes-read progress on stderr: redrawn in place on a terminal, a line every few seconds otherwise."""

    def __init__(self, label: str, total: int, out: TextIO | None = None, enabled: bool = True) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.out = out or sys.stderr
        self.enabled = enabled
        self.tty = self.out.isatty()
        self.start = self.last = time.monotonic()

    def __call__(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and now - self.last >= (0.2 if self.tty else 2.0):
            self.last = now
            self._draw(now)

    def _draw(self, now: float, end: str = "") -> None:
        pct = min(100.0, 100.0 * self.done / self.total)
        text = f"{self.label}: {pct:5.1f}% ({self.done / 1e6:,.1f} / {self.total / 1e6:,.1f} MB, {now - self.start:,.1f} s)"
        self.out.write(("\r" + text + end) if self.tty else (text + "\n"))
        self.out.flush()

    def finish(self) -> None:
        """Draw the final state (only if anything was drawn or the run was long)."""
        now = time.monotonic()
        if self.enabled and (self.last != self.start or now - self.start >= 1.0):
            self._draw(now, end="\n")
