"""CORPORATE_NUMBER: 13-digit 法人番号 with a valid check digit (also as T-prefixed invoice number)."""

from __future__ import annotations

from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.checksum import corporate_number_valid
from detectors.ids.context import nearest_label
from detectors.ids.digits import letter_adjacent, quantity_follows, windows
from detectors.model import Finding

_LAYOUTS: Final = frozenset({(13,), (1, 4, 4, 4), (4, 4, 5), (1, 12)})
_OTHER_KINDS: Final = frozenset(
    {"NEG", "GENERIC_NEG", "CREDIT_CARD", "PHONE_NUMBER", "BANK_ACCOUNT", "HEALTH_INSURANCE"}
)


class CorporateNumberDetector:
    """13 digits passing the 法人番号 check digit; unlabelled 13-digit codes (JAN) score lower."""

    id = "ids.corporate_number"
    entities = ("CORPORATE_NUMBER",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        for w in windows(artifacts, {13}):
            if not corporate_number_valid(w.digits):
                continue
            label = nearest_label(artifacts, w.start, w.end)
            invoice = w.start > 0 and norm[w.start - 1] == "T" and not letter_adjacent(norm, w.start - 1, w.end)
            # T + a valid 法人番号 is an invoice registration number whatever "…登録番号" precedes it.
            if (label in _OTHER_KINDS and not invoice) or quantity_follows(norm, w.end):
                continue
            if label == "CORPORATE_NUMBER" or invoice:
                score = 1.0
            elif w.lengths in _LAYOUTS and not letter_adjacent(norm, w.start, w.end):
                score = 0.6
            else:
                continue
            out.append(finding(artifacts, "CORPORATE_NUMBER", w.start, w.end, score, self.id))
        return out
