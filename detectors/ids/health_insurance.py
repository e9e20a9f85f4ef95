"""HEALTH_INSURANCE: 被保険者番号・保険者番号 and the 記号・番号 of a health insurance card."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.context import has_label, nearest_label
from detectors.ids.labelled import LabelledNumberDetector
from detectors.model import Finding

_SYMBOL_NUMBER_RE: Final = re.compile(
    r"記号[ \t:：・]*([0-9A-Za-z０-９\-]{1,10}|[一-龥ぁ-んァ-ン]{1,4}[0-9]{0,8})[ \t、,・]*番号[ \t:：]*[0-9]{1,10}(?![0-9])"
    r"(?:[ \t(（]*枝番[ \t:：]*[0-9]{1,2}[)）]?)?"
)
# Three or more groups of at most three digits (2-4-15, 12-3-101) are a 番地 and a room, whatever label
# is near (介護保険証では「旭ケ丘2-4-15」): an insurer's or an insured person's number is one or two groups.
_BLOCK_SHAPE_RE: Final = re.compile(r"[0-9０-９]{1,3}(?:[-－‐ー][0-9０-９]{1,3}){2,}")


class HealthInsuranceDetector(LabelledNumberDetector):
    """6–10 digits after 被保険者番号/保険者番号/保険証, and 記号 … 番号 … on insurance cards."""

    id = "ids.health_insurance"
    entities = ("HEALTH_INSURANCE",)
    label = "HEALTH_INSURANCE"
    # 保険者番号 6 or 8, 被保険者番号 8 (介護 10), 記号-番号 pairs shorter; the label is required anyway.
    lengths = frozenset(range(4, 11))
    score = 0.9
    back = 24

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        found = [f for f in super().detect(text, artifacts) if _BLOCK_SHAPE_RE.fullmatch(f.text) is None]
        if "記号" not in norm:
            return found
        for m in _SYMBOL_NUMBER_RE.finditer(norm):
            label = nearest_label(artifacts, m.start(), m.end(), back=40)
            if label == "BANK_ACCOUNT" or not (
                label == "HEALTH_INSURANCE" or has_label(artifacts, "HEALTH_INSURANCE", m.start(), m.end(), back=40)
            ):
                continue
            whole = finding(artifacts, "HEALTH_INSURANCE", m.start(), m.end(), 0.9, self.id)
            found = [f for f in found if not (whole.start <= f.start < whole.end)]
            found.append(whole)
        return found
