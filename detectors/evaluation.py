"""Score detector output against a labelled JSONL set: entity P/R/F1, tag and level accuracy."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from detectors.model import ENTITY_TYPES, PERSONAL_ENTITY_TYPES, TAGS

if TYPE_CHECKING:
    from detectors.model import ScanResult

MatchMode = Literal["overlap", "exact"]
MATCH_MODES: tuple[MatchMode, ...] = ("overlap", "exact")


class DatasetError(ValueError):
    """A labelled or prediction file is malformed; the message names file, line and field."""


@dataclass(frozen=True, slots=True)
class Span:
    """One entity occurrence; offsets are Python character offsets, end exclusive."""

    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldExample:
    """One labelled prompt."""

    id: str
    category: str
    text: str
    entities: tuple[Span, ...]
    tags: frozenset[str]
    level: str
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a detector said about one example."""

    id: str
    entities: tuple[Span, ...]
    tags: frozenset[str]
    level: str


def level_rank(level: str) -> int | None:
    """The numeric rank of a level label (「機密性3」, 「3A」 → 3), or None when it has no digit."""
    m = re.search(r"[0-9０-９]", level)
    return int(unicodedata.normalize("NFKC", m.group())) if m else None


def _fail(path: Path, line: int, where: str, message: str) -> DatasetError:
    return DatasetError(f"{path}:{line}: {where}: {message}")


def _read_jsonl(path: Path) -> Iterable[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise _fail(path, lineno, f"col {exc.colno}", f"invalid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict):
                raise _fail(path, lineno, "(line)", "expected a JSON object")
            yield lineno, obj


def _spans(path: Path, lineno: int, key: str, raw: object, text: str | None) -> tuple[Span, ...]:
    if not isinstance(raw, list):
        raise _fail(path, lineno, key, "expected a list")
    out: list[Span] = []
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            raise _fail(path, lineno, where, "expected an object")
        etype, start, end = item.get("type"), item.get("start"), item.get("end")
        if etype not in ENTITY_TYPES:
            raise _fail(path, lineno, f"{where}.type", f"unknown entity type {etype!r}; valid: {', '.join(ENTITY_TYPES)}")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            raise _fail(path, lineno, where, f"bad offsets start={start!r} end={end!r}")
        span_text = item.get("text", "")
        if not isinstance(span_text, str):
            raise _fail(path, lineno, f"{where}.text", "expected a string")
        if text is not None:
            if end > len(text):
                raise _fail(path, lineno, f"{where}.end", f"{end} is past the end of text ({len(text)})")
            if text[start:end] != span_text:
                raise _fail(path, lineno, f"{where}.text", f"{span_text!r} != text[{start}:{end}] {text[start:end]!r}")
        out.append(Span(str(etype), start, end, span_text))
    return tuple(out)


def _tags(path: Path, lineno: int, raw: object) -> frozenset[str]:
    if not isinstance(raw, list) or any(t not in TAGS for t in raw):
        raise _fail(path, lineno, "tags", f"expected a list drawn from {', '.join(TAGS)}; got {raw!r}")
    return frozenset(str(t) for t in raw)


def load_gold(path: str | Path) -> list[GoldExample]:
    """Read and validate a labelled JSONL set (offsets must index `text` exactly)."""
    path = Path(path)
    examples: list[GoldExample] = []
    seen: set[str] = set()
    for lineno, obj in _read_jsonl(path):
        ex_id, text, level = obj.get("id"), obj.get("text"), obj.get("level")
        if not isinstance(ex_id, str) or not ex_id:
            raise _fail(path, lineno, "id", "expected a non-empty string")
        if ex_id in seen:
            raise _fail(path, lineno, "id", f"duplicate id {ex_id!r}")
        seen.add(ex_id)
        if not isinstance(text, str):
            raise _fail(path, lineno, "text", "expected a string")
        if not isinstance(level, str) or not level:
            raise _fail(path, lineno, "level", "expected a non-empty string")
        spans = _spans(path, lineno, "entities", obj.get("entities", []), text)
        examples.append(
            GoldExample(
                id=ex_id,
                category=str(obj.get("category", "")),
                text=text,
                entities=tuple(sorted(spans, key=lambda s: (s.start, s.end, s.type))),
                tags=_tags(path, lineno, obj.get("tags", [])),
                level=level,
                notes=str(obj.get("notes", "")),
            )
        )
    return examples


def load_predictions(path: str | Path) -> list[Prediction]:
    """Read predictions as written by `sekisho scan --jsonl` (`findings`) or in the gold format (`entities`)."""
    path = Path(path)
    out: list[Prediction] = []
    for lineno, obj in _read_jsonl(path):
        ex_id = obj.get("id")
        if not isinstance(ex_id, str) or not ex_id:
            raise _fail(path, lineno, "id", "expected a non-empty string")
        key = "findings" if "findings" in obj else "entities"
        level = obj.get("level", "")
        out.append(
            Prediction(
                id=ex_id,
                entities=_spans(path, lineno, key, obj.get(key, []), None),
                tags=_tags(path, lineno, obj.get("tags", [])),
                level=str(level),
            )
        )
    return out


def prediction_from_scan(example_id: str, scan: ScanResult) -> Prediction:
    """Adapt a `detectors.scan` result to a Prediction."""
    spans = tuple(Span(f.entity, f.start, f.end, f.text) for f in scan.findings)
    return Prediction(id=example_id, entities=spans, tags=frozenset(scan.tags), level=scan.level)


def match_spans(gold: Sequence[Span], predicted: Sequence[Span], mode: MatchMode) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of the same type; overlap pairs the largest overlaps first."""
    candidates: list[tuple[int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g.type != p.type:
                continue
            if mode == "exact":
                if (g.start, g.end) == (p.start, p.end):
                    candidates.append((0, 0, gi, pi))
                continue
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((-overlap, abs(g.start - p.start) + abs(g.end - p.end), gi, pi))
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for *_, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def covered(gold: Sequence[Span], predicted: Sequence[Span], mode: MatchMode) -> tuple[set[int], set[int]]:
    """Indices of gold spans found and of predictions that are right.

    exact: one-to-one, same type and offsets. overlap: a gold span is found when any prediction of its type
    shares a character with it, and a prediction is right when it shares one with any gold span of its type,
    so a name reported as 姓 and 名 separately, or two names reported as one span, are not penalised: for
    masking, every character is covered either way.
    """
    if mode == "exact":
        pairs = match_spans(gold, predicted, mode)
        return {g for g, _ in pairs}, {p for _, p in pairs}

    def touches(a: Span, b: Span) -> bool:
        return a.type == b.type and a.start < b.end and b.start < a.end

    hit_g = {i for i, g in enumerate(gold) if any(touches(g, p) for p in predicted)}
    hit_p = {j for j, p in enumerate(predicted) if any(touches(g, p) for g in gold)}
    return hit_g, hit_p


@dataclass(frozen=True, slots=True)
class Counts:
    """True/false positives and false negatives; ratios are None where undefined (nothing to divide by)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        if self.tp + self.fp + self.fn == 0:
            return None
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def to_json(self) -> dict[str, object]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class ExampleErrors:
    """What went wrong on one example."""

    id: str
    category: str
    missed: tuple[Span, ...]
    spurious: tuple[Span, ...]
    gold_tags: frozenset[str]
    predicted_tags: frozenset[str]
    gold_level: str
    predicted_level: str

    @property
    def under_classified(self) -> bool:
        g, p = level_rank(self.gold_level), level_rank(self.predicted_level)
        return g is not None and p is not None and p < g

    @property
    def severity(self) -> int:
        # A missed entity or a level too low is a leak; a false alarm only an annoyance.
        level = 3 if self.under_classified else int(self.gold_level != self.predicted_level)
        return 2 * len(self.missed) + len(self.spurious) + level + int(self.gold_tags != self.predicted_tags)

    def to_json(self, show_text: bool) -> dict[str, object]:
        def span(s: Span) -> dict[str, object]:
            d: dict[str, object] = {"type": s.type, "start": s.start, "end": s.end}
            if show_text:
                d["text"] = s.text
            return d

        return {
            "id": self.id,
            "category": self.category,
            "missed": [span(s) for s in self.missed],
            "spurious": [span(s) for s in self.spurious],
            "tags": {"gold": sorted(self.gold_tags), "predicted": sorted(self.predicted_tags)},
            "level": {"gold": self.gold_level, "predicted": self.predicted_level},
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The scores of one evaluation run."""

    match: MatchMode
    examples: int
    per_type: dict[str, Counts]
    micro: Counts
    per_category: dict[str, Counts]
    tag_exact: int
    per_tag: dict[str, Counts]
    level_correct: int
    under_classified: int
    over_classified: int
    confusion: dict[tuple[str, str], int]
    negatives: int
    negatives_with_findings: int
    offset_mismatches: int
    errors: tuple[ExampleErrors, ...] = field(default=())

    @property
    def macro_f1(self) -> float | None:
        scores = [c.f1 for c in self.per_type.values() if c.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def tag_accuracy(self) -> float | None:
        return self.tag_exact / self.examples if self.examples else None

    @property
    def level_accuracy(self) -> float | None:
        return self.level_correct / self.examples if self.examples else None

    @property
    def levels(self) -> list[str]:
        labels = {g for g, _ in self.confusion} | {p for _, p in self.confusion}
        return sorted(labels, key=lambda lv: (level_rank(lv) is None, level_rank(lv) or 0, lv))

    def to_json(self, show_text: bool = False, worst: int | None = None) -> dict[str, object]:
        """A JSON-ready dict; span texts only when `show_text` (the shipped set is fictional, others may not be)."""
        return {
            "match": self.match,
            "examples": self.examples,
            "entities": {
                "micro": self.micro.to_json(),
                "macro_f1": self.macro_f1,
                "per_type": {t: c.to_json() for t, c in self.per_type.items()},
                "per_category": {k: c.to_json() for k, c in self.per_category.items()},
            },
            "tags": {
                "exact_accuracy": self.tag_accuracy,
                "exact_correct": self.tag_exact,
                "per_tag": {t: c.to_json() for t, c in self.per_tag.items()},
            },
            "levels": {
                "accuracy": self.level_accuracy,
                "correct": self.level_correct,
                "under_classified": self.under_classified,
                "over_classified": self.over_classified,
                "confusion": [{"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(self.confusion.items())],
            },
            "negatives": {"examples": self.negatives, "with_findings": self.negatives_with_findings},
            "offset_mismatches": self.offset_mismatches,
            "errors": [e.to_json(show_text) for e in self.errors[:worst]],
        }

    def to_text(self, show_text: bool = False, worst: int = 15) -> str:
        """An aligned plain-text report."""
        return _render(self, show_text=show_text, worst=worst)


def evaluate(
    gold: Sequence[GoldExample],
    predictions: Sequence[Prediction] | Mapping[str, Prediction],
    match: MatchMode = "overlap",
) -> Report:
    """Compare predictions with the gold set; every gold id needs exactly one prediction."""
    if match not in MATCH_MODES:
        raise ValueError(f"match must be one of {MATCH_MODES}, not {match!r}")
    by_id = _index(predictions)
    gold_ids = {g.id for g in gold}
    missing = [g.id for g in gold if g.id not in by_id]
    extra = sorted(set(by_id) - gold_ids)
    if missing or extra:
        raise ValueError(f"predictions do not cover the gold set: missing {missing[:5]} extra {extra[:5]}")
    ent: Counter[tuple[str, str]] = Counter()  # (entity type, "tp" | "fp" | "fn")
    tag: Counter[tuple[str, str]] = Counter()
    cat: Counter[tuple[str, str]] = Counter()  # (category, "tp" | "fp" | "fn") over all entity types
    confusion: dict[tuple[str, str], int] = {}
    tag_exact = level_correct = under = over = negatives = dirty_negatives = offset_bad = 0
    errors: list[ExampleErrors] = []
    for ex in gold:
        pred = by_id[ex.id]
        hit_g, hit_p = covered(ex.entities, pred.entities, match)
        for i, s in enumerate(ex.entities):
            ent[(s.type, "tp" if i in hit_g else "fn")] += 1
            cat[(ex.category, "tp" if i in hit_g else "fn")] += 1
        for i, s in enumerate(pred.entities):
            if i not in hit_p:
                ent[(s.type, "fp")] += 1
                cat[(ex.category, "fp")] += 1
            if s.text and ex.text[s.start : s.end] != s.text:
                offset_bad += 1
        for t in ex.tags | pred.tags:
            tag[(t, "tp" if t in ex.tags and t in pred.tags else "fp" if t in pred.tags else "fn")] += 1
        tag_exact += ex.tags == pred.tags
        confusion[(ex.level, pred.level)] = confusion.get((ex.level, pred.level), 0) + 1
        level_correct += ex.level == pred.level
        g_rank, p_rank = level_rank(ex.level), level_rank(pred.level)
        if g_rank is not None and p_rank is not None:
            under += p_rank < g_rank
            over += p_rank > g_rank
        # A negative holds no personal entity (a LOCATION alone is allowed); any personal finding on it is a false alarm.
        if not any(s.type in PERSONAL_ENTITY_TYPES for s in ex.entities):
            negatives += 1
            dirty_negatives += any(s.type in PERSONAL_ENTITY_TYPES for s in pred.entities)
        err = ExampleErrors(
            id=ex.id,
            category=ex.category,
            missed=tuple(s for i, s in enumerate(ex.entities) if i not in hit_g),
            spurious=tuple(s for i, s in enumerate(pred.entities) if i not in hit_p),
            gold_tags=ex.tags,
            predicted_tags=pred.tags,
            gold_level=ex.level,
            predicted_level=pred.level,
        )
        if err.severity:
            errors.append(err)
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    types = sorted({t for t, _ in ent}, key=lambda t: (order.get(t, len(order)), t))
    return Report(
        match=match,
        examples=len(gold),
        per_type={t: _counts(ent, t) for t in types},
        micro=Counts(*(sum(n for (_, k), n in ent.items() if k == kind) for kind in ("tp", "fp", "fn"))),
        per_category={c: _counts(cat, c) for c in dict.fromkeys(ex.category for ex in gold)},
        tag_exact=tag_exact,
        per_tag={t: _counts(tag, t) for t in [*TAGS, *sorted({t for t, _ in tag} - set(TAGS))]},
        level_correct=level_correct,
        under_classified=under,
        over_classified=over,
        confusion=confusion,
        negatives=negatives,
        negatives_with_findings=dirty_negatives,
        offset_mismatches=offset_bad,
        errors=tuple(sorted(errors, key=lambda e: (-e.severity, e.id))),
    )


def _counts(tally: Counter[tuple[str, str]], key: str) -> Counts:
    return Counts(tally[(key, "tp")], tally[(key, "fp")], tally[(key, "fn")])


def _index(predictions: Sequence[Prediction] | Mapping[str, Prediction]) -> dict[str, Prediction]:
    if isinstance(predictions, Mapping):
        return dict(predictions)
    out: dict[str, Prediction] = {}
    for p in predictions:
        if p.id in out:
            raise ValueError(f"duplicate prediction for id {p.id!r}")
        out[p.id] = p
    return out


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


def _render(r: Report, show_text: bool, worst: int) -> str:
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
