"""The detector protocol and the per-text artifacts every detector shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from detectors.model import Finding

if TYPE_CHECKING:
    from detectors.normalize import NormalizedText


@dataclass(slots=True)
class Artifacts:
    """Computed once per text and handed to every detector (normalisation, morphology)."""

    original: str
    normalized: NormalizedText
    # Filled lazily by the morphology pass; detectors that need tokens call `detectors.morphology.tokens(artifacts)`.
    cache: dict[str, Any] = field(default_factory=dict)


class Detector(Protocol):
    """Finds entities of some types; offsets in the returned findings index `artifacts.original`."""

    # Read-only: a detector's class attribute `entities = ("PERSON",)` is a `tuple[str]`, which a
    # mutable `tuple[str, ...]` attribute would not accept.
    @property
    def id(self) -> str: ...

    @property
    def entities(self) -> tuple[str, ...]: ...

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]: ...


def finding(artifacts: Artifacts, entity: str, start: int, end: int, score: float, detector: str) -> Finding:
    """A finding from a span of the normalised text: offsets and text are those of the original."""
    s, e = artifacts.normalized.to_original(start, end)
    return Finding(entity, s, e, artifacts.original[s:e], score, detector)


def findings(artifacts: Artifacts, entity: str, spans: Iterable[tuple[int, int, float]], detector: str) -> list[Finding]:
    """`finding` for each (start, end, score) span of the normalised text, in the spans' order."""
    return [finding(artifacts, entity, s, e, score, detector) for s, e, score in spans]
