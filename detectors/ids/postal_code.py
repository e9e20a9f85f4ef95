"""POSTAL_CODE: NNN-NNNN after 〒 or 郵便番号, or right before a prefecture."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.columns import column_kinds
from detectors.ids.context import nearest_label
from detectors.ids.digits import letter_adjacent, windows
from detectors.model import Finding

_PREFECTURE_RE: Final = re.compile(
    r"[ \t\n]{0,2}(?:北海道|東京都|京都府|大阪府|(?:青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|神奈川|新潟"
    r"|富山|石川|福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|兵庫|奈良|和歌山|鳥取|島根|岡山|広島|山口|徳島|香川|愛媛|高知"
    r"|福岡|佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)県)"
)
_LAYOUTS: Final = frozenset({(3, 4), (7,)})


class PostalCodeDetector:
    """〒100-0001, 郵便番号：1000001; a bare 100-0001 only when an address follows."""

    id = "ids.postal_code"
    entities = ("POSTAL_CODE",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        for w in windows(artifacts, {7}):
            if w.lengths not in _LAYOUTS or letter_adjacent(norm, w.start, w.end):
                continue
            if w.lengths == (3, 4) and "\n" in norm[w.start : w.end]:
                continue
            before = norm[max(0, w.start - 3) : w.start].rstrip(" \t:：")
            if before.endswith("〒"):
                score = 1.0
            elif nearest_label(artifacts, w.start, w.end, back=16) == "POSTAL_CODE":
                score = 0.95
            elif "POSTAL_CODE" in column_kinds(artifacts, w.start, w.end):
                score = 0.95  # under a 郵便番号 column
            elif w.lengths == (3, 4) and _PREFECTURE_RE.match(norm, w.end):
                score = 0.7
            else:
                continue
            out.append(finding(artifacts, "POSTAL_CODE", w.start, w.end, score, self.id))
        return out
