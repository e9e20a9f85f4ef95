"""Run recognisers the way scan() does: on normalised text, findings mapped back to the original."""

from __future__ import annotations

from detectors.detector import Artifacts, Detector
from detectors.ids import default_id_detectors
from detectors.normalize import normalize

DASH_VARIANTS = ["-", "－", "ー", "‐", "―", "−", "–", "—", "ｰ", "‑"]


def found(detector: Detector, text: str) -> list[tuple[str, str]]:
    """(entity, original substring) of each finding, in text order; checks offsets match the text."""
    artifacts = Artifacts(original=text, normalized=normalize(text))
    findings = sorted(detector.detect(text, artifacts), key=lambda f: (f.start, f.end))
    for f in findings:
        assert text[f.start : f.end] == f.text
        assert f.entity in detector.entities
        assert 0.0 < f.score <= 1.0
        assert f.detector == detector.id
    return [(f.entity, f.text) for f in findings]


def found_all(text: str) -> list[tuple[str, str]]:
    """Findings of every identifier detector, in text order."""
    artifacts = Artifacts(original=text, normalized=normalize(text))
    findings = [f for d in default_id_detectors() for f in d.detect(text, artifacts)]
    findings.sort(key=lambda f: (f.start, f.end, f.entity))
    return [(f.entity, f.text) for f in findings]


def score_of(detector: Detector, text: str) -> float:
    """Score of the single finding the detector reports on `text`."""
    artifacts = Artifacts(original=text, normalized=normalize(text))
    (finding,) = detector.detect(text, artifacts)
    return finding.score
