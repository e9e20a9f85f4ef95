"""The monthly 効果検証 report: one printable Japanese HTML page with SVG charts, and a CSV beside it.

Its figures come from the same functions as `sekisho audit stats` (stats.compute, effect.compute)
over the same records, so the two agree exactly.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from markupsafe import Markup

from gateway.audit import svg
from gateway.audit.effect import Builder, Effect, tap
from gateway.audit.query import JST, Filter, iter_records, month_bounds
from gateway.audit.stats import Stats, compute
from gateway.usecase import Taxonomy

GROUPS = ("department", "day", "category")
# One colour per category position in the taxonomy (background last, in grey).
PALETTE = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#eeca3b", "#bab0ac")
CSV_COLUMNS = (
    "section", "department", "category", "category_label", "rule_id", "requests", "minutes_each", "hours",
    "blocked", "rerouted", "retried_ok",
)  # fmt: skip


@dataclass(frozen=True)
class Report:
    month: str
    since: str
    until: str
    generated: str
    stats: Stats
    effect: Effect
    taxonomy: Taxonomy

    def label(self, category: str) -> str:
        return self.taxonomy.label(category)


def build(log_dir: Path, month: str, taxonomy: Taxonomy, tz: timezone = JST, department: str | None = None) -> Report:
    """Read the month's records once into usage figures and effect figures."""
    since, until = month_bounds(month, tz)
    flt = Filter(since=since, until=until, department=department or None)
    builder = Builder(taxonomy.minutes(), taxonomy.follow_up_minutes)
    stats = compute(tap(iter_records(log_dir, flt) if log_dir.exists() else iter(()), builder), GROUPS, tz=tz)
    effect = builder.finish()
    generated = datetime.now(tz).strftime("%Y-%m-%d %H:%M")
    return Report(month, since, until, generated, stats, effect, taxonomy)


def charts(report: Report) -> dict[str, Markup]:
    """The report's SVG charts (also used by the stats page)."""
    return effect_charts(report.effect, report.taxonomy) | {
        "day": svg.vbars([(r["key"], r["requests"]) for r in report.stats.rows("day")], "日別リクエスト数"),
    }


def effect_charts(effect: Effect, taxonomy: Taxonomy) -> dict[str, Markup]:
    """Hours saved per department stacked by category, requests per category, blocks per rule."""
    colours = {c.id: PALETTE[i % len(PALETTE)] for i, c in enumerate(taxonomy.categories)}
    labels = {c.id: c.label for c in taxonomy.categories}
    per_dept: dict[str, dict[str, float]] = {}
    for row in effect.rows("pair"):
        per_dept.setdefault(row["department"], {})[row["category"]] = row["hours"]
    order = [r["department"] for r in effect.rows("department")][:20]
    used = {c for d in per_dept.values() for c, hours in d.items() if hours > 0}
    colours = {c: colour for c, colour in colours.items() if c in used}  # the legend names only what is drawn
    return {
        "hours": svg.hbars(
            [(d, {c: per_dept[d].get(c, 0.0) for c in colours}) for d in order],
            colours, "部署別の推計削減時間（時間・利用分類別）", labels=labels,
        ),
        "categories": svg.hbars(
            [(labels.get(r["category"], r["category"]), {"n": r["requests"]}) for r in effect.rows("category")],
            title="利用分類別の件数",
        ),
        "stops": svg.hbars(
            [(f"{r['department']} / {r['rule_id']}", {"block": r["blocked"], "reroute": r["rerouted"]})
             for r in effect.stop_rows()[:15]],
            {"block": svg.ACTION_COLOURS["block"], "reroute": svg.ACTION_COLOURS["reroute"]},
            "ルール別の遮断・経路変更（部署別）",
        ),
    }  # fmt: skip


def context(report: Report, *, dept: str | None = None, links: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """What the template `report.html` needs."""
    return {"r": report, "charts": charts(report), "usage": report.stats.total.row("total"), "dept": dept, "links": links or []}


def write_csv(report: Report, out: TextIO) -> int:
    """The report's figures as CSV rows (the same numbers as the page); returns the number of rows."""
    w = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
    w.writeheader()
    e = report.effect
    rows: list[dict[str, Any]] = [{"section": "total", "requests": e.total_requests, "hours": e.total_hours}]
    rows.append({"section": "background", "requests": e.background})
    rows.append({"section": "not_answered", "requests": e.not_answered})
    rows += [{"section": "department", **r} for r in e.rows("department")]
    rows += [{"section": "category", **r, "category_label": report.label(r["category"])} for r in e.rows("category")]
    rows += [{"section": "department_category", **r, "category_label": report.label(r["category"])} for r in e.rows("pair")]
    rows += [{"section": "stops", **r} for r in e.stop_rows()]
    for row in rows:
        w.writerow(row)
    return len(rows)
