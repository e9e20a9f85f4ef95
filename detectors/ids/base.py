"""Building findings from spans of the normalised text."""

from __future__ import annotations

from detectors.detector import Artifacts
from detectors.model import Finding


def finding(artifacts: Artifacts, entity: str, start: int, end: int, score: float, detector: str) -> Finding:
    """A finding whose offsets and text are those of the original, un-normalised text."""
    s, e = artifacts.normalized.to_original(start, end)
    return Finding(entity, s, e, artifacts.original[s:e], score, detector)
