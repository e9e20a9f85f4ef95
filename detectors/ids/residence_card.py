"""RESIDENCE_CARD: 在留カード番号, 2 letters + 8 digits + 2 letters."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.context import nearest_label
from detectors.ids.digits import runs
from detectors.model import Finding

# Checked only around digit runs of eight, so there is no extra pass over the text.
_PREFIX_RE: Final = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[ \t]?$")
_SUFFIX_RE: Final = re.compile(r"[ \t]?[A-Z]{2}(?![A-Za-z0-9])")


class ResidenceCardDetector:
    """AB12345678CD; the format is distinctive enough to stand alone."""

    id = "ids.residence_card"
    entities = ("RESIDENCE_CARD",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        for run in runs(artifacts):
            s, e = run.groups[0]
            if e - s != 8 or s < 2:
                continue
            prefix = _PREFIX_RE.search(norm, max(0, s - 3), s)
            suffix = _SUFFIX_RE.match(norm, e) if prefix else None
            if prefix is None or suffix is None:
                continue
            label = nearest_label(artifacts, prefix.start(), suffix.end(), back=30)
            if label == "NEG":
                continue
            score = 0.95 if label == "RESIDENCE_CARD" else 0.8
            out.append(finding(artifacts, "RESIDENCE_CARD", prefix.start(), suffix.end(), score, self.id))
        return out
