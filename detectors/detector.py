"""The detector protocol and the per-text artifacts every detector shares."""

from __future__ import annotations

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

    id: str
    entities: tuple[str, ...]

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]: ...
