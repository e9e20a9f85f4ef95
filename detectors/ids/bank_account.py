"""BANK_ACCOUNT: 7-digit account numbers near bank words, and ゆうちょ 記号・番号."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.columns import cells, column_kinds
from detectors.ids.context import has_label, nearest_label
from detectors.ids.digits import letter_adjacent, quantity_follows, windows
from detectors.model import Finding
from detectors.openings import Before

_YUCHO_RE: Final = re.compile(
    r"(?:記号[ \t:：]*)?(?<![0-9])(1[0-9]{4})(?:[ \t]*[-、,]?[ \t]*番号[ \t:：]*|[ \t]{0,2}-[ \t]{0,2}|[ \t]{1,2})"
    r"[0-9]{6,8}(?![0-9])"
)
_YUCHO_WORDS_RE: Final = re.compile(r"ゆうちょ|郵便貯金|貯金|振替口座|通常貯金")
_OTHER_KINDS: Final = frozenset(
    {"NEG", "GENERIC_NEG", "POSTAL_CODE", "PHONE_NUMBER", "HEALTH_INSURANCE", "PASSPORT"}
)

_COLUMN_LENGTHS: Final = frozenset({5, 6, 7, 8})
# A transfer record's fields, as in 全銀-format files: bank code (4), branch code (3), deposit type
# (1 普通, 2 当座, 4 貯蓄, 9 その他), account number (7); comma- or tab-separated, optional quotes.
# ... in a text about accounts or transfers anywhere (a year, a code, a count and an amount look the same).
_TRANSFER_WORDS_RE: Final = re.compile(r"口座|振替|振込|銀行|金庫|預金|全銀|名義|引落|引き落|還付|返金")
_ZENGIN_ROW_RE: Final = re.compile(
    r'(?<![0-9])[0-9]{4}"?[,\t]"?[0-9]{3}"?[,\t]"?[1249]"?[,\t]"?(?P<account>[0-9]{7})(?![0-9])'
)
_ZENGIN_ROW_AT: Final = Before(_ZENGIN_ROW_RE, (",", "\t"), 5)  # tried only before a separator


class BankAccountDetector:
    """An account number with 銀行・信用金庫・支店・普通・当座・口座 nearby.

    The finding is the number alone: 普通/当座 and the bank and branch stay readable after masking,
    and identify no one without it.
    """

    id = "ids.bank_account"
    entities = ("BANK_ACCOUNT",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        taken: list[tuple[int, int]] = []
        if "1" in norm and _YUCHO_WORDS_RE.search(norm):
            for m in _YUCHO_RE.finditer(norm):
                if _YUCHO_WORDS_RE.search(norm, max(0, m.start() - 40), m.start()) or has_label(
                    artifacts, "BANK_ACCOUNT", m.start(), m.end()
                ):
                    start = m.start(1)
                    taken.append((start, m.end()))
                    out.append(finding(artifacts, "BANK_ACCOUNT", start, m.end(), 0.95, self.id))
        if ("," in norm or "\t" in norm) and _TRANSFER_WORDS_RE.search(norm):
            for m in _ZENGIN_ROW_AT.finditer(norm):
                start, end = m.span("account")
                taken.append((start, end))
                out.append(finding(artifacts, "BANK_ACCOUNT", start, end, 0.9, self.id))
        # Under a 口座番号 column a spreadsheet may have dropped the leading zeros (0051207 → 51207).
        in_column = bool(cells(artifacts, "BANK_ACCOUNT"))
        for w in windows(artifacts, _COLUMN_LENGTHS if in_column else {7}):
            if any(s <= w.start < e for s, e in taken):
                continue
            if letter_adjacent(norm, w.start, w.end) or quantity_follows(norm, w.end):
                continue
            if in_column and w.whole and "BANK_ACCOUNT" in column_kinds(artifacts, w.start, w.end):
                out.append(finding(artifacts, "BANK_ACCOUNT", w.start, w.end, 0.9, self.id))
                continue
            if len(w.digits) != 7:
                continue
            label = nearest_label(artifacts, w.start, w.end, back=30)
            if label in _OTHER_KINDS:
                continue
            if label != "BANK_ACCOUNT" and not has_label(artifacts, "BANK_ACCOUNT", w.start, w.end, back=40):
                continue
            score = 0.95 if label == "BANK_ACCOUNT" else 0.8
            out.append(finding(artifacts, "BANK_ACCOUNT", w.start, w.end, score, self.id))
        return out
