"""PASSPORT: 2 letters + 7 digits (Japanese 旅券番号); 1–2 letters + 7–8 digits (foreign) after a passport label."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.columns import column_kinds
from detectors.ids.context import nearest_label
from detectors.ids.digits import runs
from detectors.model import Finding

# Checked only where a digit run starts, so there is no extra pass over the text.
_PREFIX_RE: Final = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}[ \t]?$")
# Foreign passports (C4829157, AB12345678): too like order and file codes to take without a label.
_FOREIGN_PREFIX_RE: Final = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}$")
# Series issued to Japanese passports; other letter pairs are as often product or file codes.
_JAPANESE_SERIES: Final = frozenset({"TK", "TR", "TZ", "TH", "TS", "TT", "TE", "TD", "MZ", "MU", "ME", "MA", "RZ", "RE"})
_OTHER_KINDS: Final = frozenset({"NEG", "RESIDENCE_CARD", "HEALTH_INSURANCE", "DRIVERS_LICENSE", "BANK_ACCOUNT"})


class PassportDetector:
    """TK1234567; 0.95 after 旅券/パスポート, moderate when the format alone matches."""

    id = "ids.passport"
    entities = ("PASSPORT",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        for run in runs(artifacts):
            s, e = run.groups[0]
            if e - s not in (7, 8) or s < 1 or not ("A" <= norm[s - 1] <= "Z" or norm[s - 1] in " \t"):
                continue
            # Philippine passports end in a letter too (P7843021A): one capital, then the number ends.
            tail = int(e < len(norm) and "A" <= norm[e] <= "Z")
            if e + tail < len(norm) and norm[e + tail].isascii() and norm[e + tail].isalnum():
                continue
            prefix = _PREFIX_RE.search(norm, max(0, s - 3), s) if e - s == 7 and not tail else None
            if prefix is None:
                prefix = _FOREIGN_PREFIX_RE.search(norm, max(0, s - 2), s)
                if prefix is None or not self._labelled(artifacts, prefix.start(), e):
                    continue
            label = nearest_label(artifacts, prefix.start(), e, back=30)
            if label != "PASSPORT" and "PASSPORT" in column_kinds(artifacts, prefix.start(), e):
                label = "PASSPORT"
            if label in _OTHER_KINDS:
                continue
            if label == "PASSPORT":
                score = 0.95
            elif norm[prefix.start() : prefix.start() + 2] in _JAPANESE_SERIES:
                score = 0.6
            else:
                score = 0.4
            if tail and label != "PASSPORT":
                continue  # a trailing letter only with the passport label
            out.append(finding(artifacts, "PASSPORT", prefix.start(), e + tail, score, self.id))
        return out

    @staticmethod
    def _labelled(artifacts: Artifacts, start: int, end: int) -> bool:
        return nearest_label(artifacts, start, end, back=30) == "PASSPORT" or "PASSPORT" in column_kinds(
            artifacts, start, end
        )
