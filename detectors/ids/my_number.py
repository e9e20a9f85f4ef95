"""MY_NUMBER: 12-digit 個人番号 with a valid check digit."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.checksum import my_number_valid
from detectors.ids.context import nearest_label
from detectors.ids.digits import letter_adjacent, quantity_follows, windows
from detectors.model import Finding

# Labels that claim a 12-digit number for something else (a 12-digit 免許証番号 may pass the check).
# 住民票 is not among them: a 住民票 may carry the 個人番号, and the 住民票コード has 11 digits.
_OTHER_KINDS: Final = frozenset(
    {"NEG", "GENERIC_NEG", "DRIVERS_LICENSE", "CORPORATE_NUMBER", "HEALTH_INSURANCE", "BASIC_PENSION_NUMBER",
     "PHONE_NUMBER", "BANK_ACCOUNT", "CREDIT_CARD", "PASSPORT", "POSTAL_CODE"}
)
_STANDARD_LAYOUTS: Final = frozenset({(12,), (4, 4, 4)})
# 1234.5678.9018 or 1234/5678/9018: dots and slashes are not number separators in general
# (decimals, dates, IP addresses), so only this exact 4-4-4 shape is read through them.
_DOTTED_RE: Final = re.compile(r"[0-9](?<![0-9./][0-9])[0-9]{3}([./])[0-9]{4}\1[0-9]{4}(?![0-9]|[./][0-9])")


class MyNumberDetector:
    """12 digits passing the 個人番号 check digit, told apart from look-alikes by nearby labels."""

    id = "ids.my_number"
    entities = ("MY_NUMBER",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        for w in windows(artifacts, {12}):
            if not my_number_valid(w.digits):
                continue
            label = nearest_label(artifacts, w.start, w.end)
            if label in _OTHER_KINDS:
                continue
            labelled = label == "MY_NUMBER"
            # Odd groupings (1 2 3 4 …) and codes glued to letters count only when labelled.
            if not labelled and (
                w.lengths not in _STANDARD_LAYOUTS
                or letter_adjacent(norm, w.start, w.end)
                or quantity_follows(norm, w.end)
            ):
                continue
            out.append(finding(artifacts, "MY_NUMBER", w.start, w.end, 1.0 if labelled else 0.85, self.id))
        if "." in norm or "/" in norm:
            for m in _DOTTED_RE.finditer(norm):
                if not my_number_valid(m.group().replace(m.group(1), "")):
                    continue
                label = nearest_label(artifacts, m.start(), m.end())
                if label in _OTHER_KINDS:
                    continue
                score = 1.0 if label == "MY_NUMBER" else 0.85
                out.append(finding(artifacts, "MY_NUMBER", m.start(), m.end(), score, self.id))
        return out
