"""RESIDENT_CODE: the 11-digit 住民票コード."""

from __future__ import annotations

from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.checksum import resident_code_valid
from detectors.ids.context import nearest_label
from detectors.ids.digits import quantity_follows, windows
from detectors.ids.labelled import LabelledNumberDetector
from detectors.model import Finding

# Labels that claim an 11-digit number for something else (a mobile number, an account, a card).
_OTHER_KINDS: Final = frozenset(
    {"NEG", "GENERIC_NEG", "PHONE_NUMBER", "MY_NUMBER", "BANK_ACCOUNT", "HEALTH_INSURANCE", "BASIC_PENSION_NUMBER",
     "DRIVERS_LICENSE", "CREDIT_CARD", "CORPORATE_NUMBER"}
)  # fmt: skip


class ResidentCodeDetector(LabelledNumberDetector):
    """11 digits after 住民票コード; and, in a text that names 住民票コード (a file layout, a column
    description), any 11 digits passing the check digit that no other label claims, even glued to
    the next fixed-width field (25534192838ｲﾁｼﾞｮｳ ﾏｺﾄ)."""

    id = "ids.resident_code"
    entities = ("RESIDENT_CODE",)
    label = "RESIDENT_CODE"
    lengths = frozenset({11})
    layouts = frozenset({(11,), (4, 4, 3), (3, 4, 4)})
    score = 0.95
    back = 30

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        out = super().detect(text, artifacts)
        norm = artifacts.normalized.text
        if "住民票コード" not in norm:
            return out
        taken = {(f.start, f.end) for f in out}
        for w in windows(artifacts, {11}):
            if w.lengths not in self.layouts or not resident_code_valid(w.digits) or quantity_follows(norm, w.end):
                continue
            if w.start > 0 and norm[w.start - 1].isascii() and norm[w.start - 1].isalnum():
                continue
            if nearest_label(artifacts, w.start, w.end, back=self.back) in _OTHER_KINDS:
                continue
            f = finding(artifacts, "RESIDENT_CODE", w.start, w.end, 0.85, self.id)
            if (f.start, f.end) not in taken:
                out.append(f)
        return out
