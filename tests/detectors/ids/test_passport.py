"""PASSPORT: two letters and seven digits; strong with 旅券/パスポート, moderate alone."""

from __future__ import annotations

import pytest

from detectors.ids.passport import PassportDetector
from tests.detectors.ids.helpers import found, score_of

D = PassportDetector()
PP = "PASSPORT"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("旅券番号 TK1234567", [(PP, "TK1234567")]),
        ("パスポート番号：ＴＫ１２３４５６７", [(PP, "ＴＫ１２３４５６７")]),
        ("パスポート MZ 7654321 を提示", [(PP, "MZ 7654321")]),
        ("TR1234567", [(PP, "TR1234567")]),
        ("Passport: XA1234567", [(PP, "XA1234567")]),
        # Foreign passports: one or two letters and seven or eight digits, with a passport label only.
        ("旅券番号：K5501234", [(PP, "K5501234")]),
        ("パスポート AB12345678 を確認", [(PP, "AB12345678")]),
        ("passport no. P12345678", [(PP, "P12345678")]),
        ("氏名,国籍,旅券番号\nLE VAN AN,ベトナム,K5501234", [(PP, "K5501234")]),
        # A capitalised label, and the Philippine format's closing letter.
        ("- Passport No. M58217364", [(PP, "M58217364")]),
        ("妻：Maricel Dela Cruz Bautista、旅券番号 P7843021A", [(PP, "P7843021A")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "旅券番号 TK123456",
        "TK12345678",
        "ATK1234567",
        "型番 TK1234567",
        "型番 P7843021A",  # a closing letter only with the passport label
        "在留カード AB12345678CD",
        "K5501234",  # one letter and seven digits: an order or file code without a label
        "注文番号 K5501234",
        "パスポートの申請 受付番号 K5501234",
        "旅券番号 ABC1234567",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []


def test_scores() -> None:
    assert score_of(D, "旅券番号 TK1234567") >= 0.9
    assert 0.5 <= score_of(D, "TK1234567") < 0.9
    assert score_of(D, "XQ1234567") < score_of(D, "TK1234567")
