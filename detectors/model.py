"""The data that flows out of detection: findings, markings and the scan result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

ENTITY_TYPES: Final = (
    "PERSON",
    "ADDRESS",
    "LOCATION",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "POSTAL_CODE",
    "DATE_OF_BIRTH",
    "MY_NUMBER",
    "CORPORATE_NUMBER",
    "BANK_ACCOUNT",
    "CREDIT_CARD",
    "DRIVERS_LICENSE",
    "PASSPORT",
    "RESIDENCE_CARD",
    "BASIC_PENSION_NUMBER",
    "HEALTH_INSURANCE",
    "RESIDENT_CODE",
    "IP_ADDRESS",
)

# LOCATION and CORPORATE_NUMBER identify no individual by themselves.
PERSONAL_ENTITY_TYPES: Final = frozenset(ENTITY_TYPES) - {"LOCATION", "CORPORATE_NUMBER"}

TAGS: Final = ("personal", "sensitive_personal", "specific_personal")


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected entity; offsets index the original, un-normalised text."""

    entity: str
    start: int
    end: int
    text: str
    score: float
    detector: str

    def to_json(self) -> dict[str, object]:
        return {
            "type": self.entity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 3),
            "detector": self.detector,
        }


@dataclass(frozen=True, slots=True)
class Marking:
    """A confidentiality marking found in the text (「機密性２情報」, 【機2】, 「部外秘」 …)."""

    label: str  # canonical marking id, e.g. "機密性2", "極秘", "部外秘"
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Detection:
    """What the detectors saw, before any level scheme is applied."""

    findings: tuple[Finding, ...]
    markings: tuple[Marking, ...] = ()
    tags: frozenset[str] = frozenset()
    # Names of keyword lists that matched (e.g. "sensitive:病歴"); for classification rules.
    keywords: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ScanResult:
    """A detection classified under a level scheme."""

    detection: Detection
    level: str
    rank: int
    reasons: tuple[str, ...] = field(default=())

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.detection.findings

    @property
    def tags(self) -> frozenset[str]:
        return self.detection.tags

    @property
    def entity_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.detection.findings:
            counts[f.entity] = counts.get(f.entity, 0) + 1
        return counts

    def to_json(self) -> dict[str, object]:
        return {
            "level": self.level,
            "rank": self.rank,
            "tags": sorted(self.tags),
            "findings": [f.to_json() for f in self.findings],
            "markings": [m.label for m in self.detection.markings],
            "reasons": list(self.reasons),
        }
