"""Level schemes: turn a Detection into a ScanResult by the highest level any matching rule demands."""

from __future__ import annotations

from dataclasses import dataclass

from detectors.model import Detection, ScanResult

# Canonical marking labels produced by `detectors.markings` (see detectors/data/README.md). A policy names
# these in `ClassRule.markings`; anything else would never match, so policy loaders should check against it.
MARKING_LABELS: tuple[str, ...] = (
    "機密性1",
    "機密性2",
    "機密性3",
    "機密性3A",
    "機密性3B",
    "機密性3C",
    "極秘",
    "秘",
    "取扱注意",
    "部外秘",
    "関係者限り",
    "取扱制限",
    "複製禁止",
)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a scheme; a higher rank is more confidential."""

    label: str
    rank: int


@dataclass(frozen=True, slots=True)
class ClassRule:
    """A rule that raises the level to at least `level` when any of its non-empty sets meets the detection."""

    level: str
    markings: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    id: str = ""

    def matches(self, detection: Detection) -> bool:
        """True when any marking label, tag, entity type or keyword-list name named here was detected."""
        if self.markings and not self.markings.isdisjoint(m.label for m in detection.markings):
            return True
        if self.tags and not self.tags.isdisjoint(detection.tags):
            return True
        if self.entities and not self.entities.isdisjoint(f.entity for f in detection.findings):
            return True
        return bool(self.keywords) and not self.keywords.isdisjoint(detection.keywords)


@dataclass(frozen=True, slots=True)
class Classifier:
    """A level scheme (levels low → high) and the rules that raise a text within it."""

    levels: tuple[Level, ...]
    rules: tuple[ClassRule, ...]

    def __post_init__(self) -> None:
        if not self.levels:
            raise ValueError("a classifier needs at least one level")
        labels = [lv.label for lv in self.levels]
        if len(set(labels)) != len(labels):
            raise ValueError(f"duplicate level labels: {labels}")
        ranks = [lv.rank for lv in self.levels]
        if ranks != sorted(ranks) or len(set(ranks)) != len(ranks):
            raise ValueError(f"levels must be listed low → high with distinct ranks: {ranks}")
        known = set(labels)
        for i, rule in enumerate(self.rules):
            if rule.level not in known:
                raise ValueError(f"rules[{i}] ({rule.id or 'unnamed'}): unknown level {rule.level!r}; valid: {labels}")
            if not (rule.markings or rule.tags or rule.entities or rule.keywords):
                raise ValueError(f"rules[{i}] ({rule.id or 'unnamed'}): names no marking, tag, entity or keyword")

    def level(self, label: str) -> Level:
        """The level with this label (KeyError if the scheme has none)."""
        for lv in self.levels:
            if lv.label == label:
                return lv
        raise KeyError(label)

    def classify(self, detection: Detection) -> ScanResult:
        """Level = the highest level among matching rules, else the lowest; reasons = ids of matching rules."""
        best = self.levels[0]
        reasons: list[str] = []
        for i, rule in enumerate(self.rules):
            if not rule.matches(detection):
                continue
            reasons.append(rule.id or f"rule[{i}]")
            lv = self.level(rule.level)
            if lv.rank > best.rank:
                best = lv
        return ScanResult(detection=detection, level=best.label, rank=best.rank, reasons=tuple(reasons))


# The three-level scheme of the 総務省 guideline before its 2024 revision, as the shipped default.
DEFAULT_CLASSIFIER = Classifier(
    levels=(Level("機密性1", 1), Level("機密性2", 2), Level("機密性3", 3)),
    rules=(
        ClassRule(level="機密性2", tags=frozenset({"personal"}), id="personal"),
        ClassRule(level="機密性3", tags=frozenset({"sensitive_personal"}), id="sensitive_personal"),
        ClassRule(level="機密性3", tags=frozenset({"specific_personal"}), id="specific_personal"),
        ClassRule(
            level="機密性3",
            markings=frozenset({"機密性3", "機密性3A", "機密性3B", "機密性3C", "極秘", "秘"}),
            id="marking:機密性3",
        ),
        ClassRule(
            level="機密性2",
            markings=frozenset({"機密性2", "取扱注意", "部外秘", "関係者限り", "取扱制限", "複製禁止"}),
            id="marking:機密性2",
        ),
    ),
)
