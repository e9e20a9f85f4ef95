"""Charts as inline SVG, rendered on the server: no script, no external asset, readable offline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from markupsafe import Markup

from gateway.audit.textable import width

width_of = width  # vbars names a local `width`

# One colour per policy action, used by every chart so a colour means the same thing everywhere.
ACTION_COLOURS = {
    "allow": "#4c78a8",
    "mask": "#f58518",
    "pseudonymize": "#54a24b",
    "reroute": "#b279a2",
    "block": "#e45756",
}
ACTION_LABELS = {"allow": "許可", "mask": "マスク", "pseudonymize": "仮名化", "reroute": "経路変更", "block": "遮断"}
_PLAIN = "#4c78a8"


def _num(v: float) -> str:
    return f"{v:,.0f}" if v >= 10 or v == int(v) else f"{v:,.2f}"


def hbars(
    rows: Sequence[tuple[str, Mapping[str, float]]],
    colours: Mapping[str, str] | None = None,
    title: str = "",
    labels: Mapping[str, str] | None = None,
) -> Markup:
    """Horizontal bars, one per label, stacked by series (a single series draws plain bars).

    `labels` names the series in the legend and tooltips (default: the policy actions' names).
    """
    colours = colours or {}
    names = {**ACTION_LABELS, **(labels or {})}
    label_w, bar_w, row_h, top = 170, 420, 24, 28
    legend = _legend_rows(colours, names, label_w + bar_w + 80) if colours else []
    height = top + row_h * max(len(rows), 1) + (18 * len(legend) + 8 if legend else 8)
    peak = max((sum(series.values()) for _, series in rows), default=0) or 1
    parts = [
        f'<svg role="img" class="chart" width="{label_w + bar_w + 90}" '
        f'height="{height}" viewBox="0 0 {label_w + bar_w + 90} {height}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="ct">{escape(title)}</text>',
    ]
    for i, (label, series) in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(_fit(label, 26))}</text>')
        x = float(label_w)
        for name, value in series.items():
            if value <= 0:
                continue
            w = bar_w * value / peak
            fill = colours.get(name, _PLAIN)
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_h - 6}" fill="{fill}">'
                f"<title>{escape(label)} {escape(names.get(name, name))}: {_num(value)}</title></rect>"
            )
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{_num(sum(series.values()))}</text>')
    y = top + row_h * max(len(rows), 1) + 16
    for line in legend:
        parts.append(_legend(line, 0, y))
        y += 18
    parts.append("</svg>")
    return Markup("".join(parts))


def vbars(rows: Sequence[tuple[str, float]], title: str = "") -> Markup:
    """Vertical bars over time (one per day), labelled below when there is room."""
    plot_h, bar_slot, left, top = 160, max(8, min(40, 720 // max(len(rows), 1))), 50, 28
    width = max(left + bar_slot * max(len(rows), 1) + 10, 16 * width_of(title) // 2 + 20)
    height = top + plot_h + 40
    peak = max((v for _, v in rows), default=0) or 1
    every = max(1, len(rows) // 12)
    parts = [
        f'<svg role="img" class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" class="ct">{escape(title)}</text>',
        f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{_num(peak)}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#888"/>',
    ]
    for i, (label, value) in enumerate(rows):
        h = plot_h * value / peak
        x = left + i * bar_slot
        parts.append(
            f'<rect x="{x + 1}" y="{top + plot_h - h:.1f}" width="{bar_slot - 2}" height="{h:.1f}" fill="{_PLAIN}">'
            f"<title>{escape(label)}: {_num(value)}</title></rect>"
        )
        if i % every == 0:
            parts.append(f'<text x="{x}" y="{top + plot_h + 16}" class="small">{escape(label[5:])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _fit(label: str, columns: int) -> str:
    """Cut a label to `columns` terminal-style columns (a kanji counts two), marking the cut."""
    if width(label) <= columns:
        return label
    out = ""
    for ch in label:
        if width(out + ch) > columns - 1:
            break
        out += ch
    return out + "…"


def _legend_rows(colours: Mapping[str, str], names: Mapping[str, str], limit: int) -> list[list[tuple[str, str]]]:
    """Legend entries (colour, label) wrapped into lines no wider than `limit` pixels."""
    lines: list[list[tuple[str, str]]] = [[]]
    x = 0
    for name, colour in colours.items():
        label = names.get(name, name)
        w = 24 + 6 * width(label)  # a small-text kanji is ~11 px wide, a Latin letter ~6
        if lines[-1] and x + w > limit:
            lines.append([])
            x = 0
        lines[-1].append((colour, label))
        x += w
    return lines


def _legend(entries: Sequence[tuple[str, str]], x: int, y: int) -> str:
    out = []
    for colour, label in entries:
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 14}" y="{y}" class="small">{escape(label)}</text>')
        x += 24 + 6 * width(label)
    return "".join(out)
