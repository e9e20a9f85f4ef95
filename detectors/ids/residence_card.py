"""RESIDENCE_CARD: 在留カード番号, 2 letters + 8 digits + 2 letters."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.context import nearest_label
from detectors.model import Finding

_CARD_RE: Final = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[ \t]?[0-9]{8}[ \t]?[A-Z]{2}(?![A-Za-z0-9])")


class ResidenceCardDetector:
    """AB12345678CD; the format is distinctive enough to stand alone."""

    id = "ids.residence_card"
    entities = ("RESIDENCE_CARD",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        out: list[Finding] = []
        for m in _CARD_RE.finditer(artifacts.normalized.text):
            label = nearest_label(artifacts, m.start(), m.end(), back=30)
            if label == "NEG":
                continue
            score = 0.95 if label == "RESIDENCE_CARD" else 0.8
            out.append(finding(artifacts, "RESIDENCE_CARD", m.start(), m.end(), score, self.id))
        return out
