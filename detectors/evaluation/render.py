"""The plain-text form of a Report: aligned tables (CJK counted double-width) and the worst errors."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from detectors.evaluation.dataset import Span
from detectors.evaluation.report import Counts, Report


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(s))
    return gap + s if right else s + gap


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def _counts_table(title: str, rows: Mapping[str, Counts], total: Counts | None) -> list[str]:
    head = [title, "TP", "FP", "FN", "precision", "recall", "F1"]
    body = [[k, str(c.tp), str(c.fp), str(c.fn), _num(c.precision), _num(c.recall), _num(c.f1)] for k, c in rows.items()]
    if total is not None:
        body.append(["micro", str(total.tp), str(total.fp), str(total.fn), _num(total.precision), _num(total.recall), _num(total.f1)])
    return _table(head, body)


def _table(head: list[str], body: list[list[str]]) -> list[str]:
    widths = [max(_width(r[i]) for r in [head, *body]) for i in range(len(head))]
    return ["  ".join(_pad(c, widths[i], right=i > 0) for i, c in enumerate(r)).rstrip() for r in [head, *body]]


def _describe(s: Span, show_text: bool) -> str:
    return f"{s.type}「{s.text}」" if show_text else f"{s.type}@{s.start}-{s.end}"


def render_text(r: Report, show_text: bool, worst: int) -> str:
    """An aligned plain-text report; span texts only when `show_text`."""
    out = [f"{r.examples} examples, span match: {r.match}", ""]
    out += _counts_table("entity", r.per_type, r.micro)
    out.append(f"macro F1 over types: {_num(r.macro_f1)}")
    if len(r.per_category) > 1:
        out += ["", *_counts_table("category", r.per_category, None)]
    if r.offset_mismatches:
        out.append(f"predicted spans whose text differs from text[start:end]: {r.offset_mismatches}")
    out += ["", f"tags: exact-set accuracy {_num(r.tag_accuracy)} ({r.tag_exact}/{r.examples})"]
    out += _counts_table("tag", r.per_tag, None)
    out += ["", f"levels: accuracy {_num(r.level_accuracy)} ({r.level_correct}/{r.examples}); "
            f"under-classified {r.under_classified}, over-classified {r.over_classified}"]
    labels = r.levels
    gold_labels = [lv for lv in labels if any(g == lv for g, _ in r.confusion)]
    rows = [[g or "(none)", *(str(r.confusion.get((g, p), 0)) for p in labels)] for g in gold_labels]
    out += _table(["gold＼predicted", *(lv or "(none)" for lv in labels)], rows)
    out += ["", f"examples without personal data: {r.negatives}, of which with a personal finding: {r.negatives_with_findings}"]
    if r.personal_spans:
        masked = r.masked_in_place + r.masked_by_value
        out.append(
            f"personal spans masked: {masked} of {r.personal_spans} ({_num(masked / r.personal_spans)}): "
            f"{r.masked_in_place} covered where they stand, {r.masked_by_value} as a value found elsewhere in the text; "
            f"left as written: {r.personal_spans - masked}"
        )
    if r.errors and worst > 0:
        out += ["", f"worst errors ({min(worst, len(r.errors))} of {len(r.errors)} examples with any error):"]
        for e in r.errors[:worst]:
            parts = []
            if e.gold_level != e.predicted_level:
                parts.append(f"level {e.gold_level}→{e.predicted_level}")
            if e.gold_tags != e.predicted_tags:
                parts.append(f"tags {sorted(e.gold_tags)}→{sorted(e.predicted_tags)}")
            if e.missed:
                parts.append("missed " + ", ".join(_describe(s, show_text) for s in e.missed))
            if e.spurious:
                parts.append("spurious " + ", ".join(_describe(s, show_text) for s in e.spurious))
            out.append(f"  {e.id} [{e.category}] " + "; ".join(parts))
    return "\n".join(out) + "\n"
