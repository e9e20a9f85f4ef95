"""The scores of one evaluation run (`Report`) and its parts; `scoring` fills them, `render` prints them."""

from __future__ import annotations

from dataclasses import dataclass, field

from detectors.evaluation.dataset import Span, level_rank
from detectors.evaluation.matching import MatchMode


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
    # Leak terms: gold personal spans whose every character a personal finding covers, and those that are
    # not covered in place but repeat the text of a value found elsewhere in the same example (the gateway
    # replaces a found value wherever it occurs in the request).
    personal_spans: int = 0
    masked_in_place: int = 0
    masked_by_value: int = 0

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
            "masking": {
                "personal_spans": self.personal_spans,
                "masked_in_place": self.masked_in_place,
                "masked_by_value": self.masked_by_value,
            },
            "errors": [e.to_json(show_text) for e in self.errors[:worst]],
        }
