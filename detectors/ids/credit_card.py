"""CREDIT_CARD: 13–19 digits with a card-issuer prefix and a valid Luhn digit."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.checksum import luhn_valid
from detectors.ids.context import nearest_label
from detectors.ids.digits import letter_adjacent, windows
from detectors.model import Finding

# Visa, Mastercard, Amex, JCB, Diners, Discover, UnionPay.
_ISSUER_RE: Final = re.compile(r"4|5[1-5]|2[2-7]|3[47]|35|3[0689]|6011|65|62")
_LENGTHS: Final = frozenset(range(13, 20))


class CreditCardDetector:
    """Payment card numbers: contiguous or in groups (4-4-4-4, 4-6-5), Luhn-valid."""

    id = "ids.credit_card"
    entities = ("CREDIT_CARD",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        for w in windows(artifacts, _LENGTHS):
            if not _ISSUER_RE.match(w.digits) or not luhn_valid(w.digits):
                continue
            label = nearest_label(artifacts, w.start, w.end, back=30)
            if label == "NEG" or letter_adjacent(norm, w.start, w.end):
                continue
            grouped = len(w.lengths) == 1 or all(n == 4 for n in w.lengths[:-1]) or w.lengths == (4, 6, 5)
            if label == "CREDIT_CARD":
                score = 1.0
            elif grouped:
                score = 0.9
            else:
                continue
            out.append(finding(artifacts, "CREDIT_CARD", w.start, w.end, score, self.id))
        return out
