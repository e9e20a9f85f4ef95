"""RESIDENT_CODE: 11 digits after 住民票コード."""

from __future__ import annotations

import pytest

from detectors.ids.resident_code import ResidentCodeDetector
from tests.detectors.ids.helpers import found

D = ResidentCodeDetector()
RC = "RESIDENT_CODE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("住民票コード 12345678901", [(RC, "12345678901")]),
        ("住民票コード：１２３４５６７８９０１", [(RC, "１２３４５６７８９０１")]),
        ("住民票コードは 1234 5678 901 です", [(RC, "1234 5678 901")]),
        ("住民票コード 一二三四五六七八九〇一", [(RC, "一二三四五六七八九〇一")]),
        ("action=view target=住民票(12693060824)", [(RC, "12693060824")]),
        ("番号,氏名,住民票コード\nA1,今泉 佳奈,34659647135\nA2,仁科 勇,82303273138", [(RC, "34659647135"), (RC, "82303273138")]),
        # A row's last number does not run on into the next row's first cell (a date).
        ("申請日,氏名,住民票コード\n2025/01/28,仲宗根 健吾,46563212233\n2025/01/09,宇佐美 ひなた,30792440262\n",
         [(RC, "46563212233"), (RC, "30792440262")]),
        # A fixed-width file whose layout the text describes: numbers passing the check digit, glued to the next field.
        ("カラムは 1-11桁目：住民票コード、12-23桁目：氏名カナ\n25534192838ｲﾁｼﾞｮｳ ﾏｺﾄ  20241101\n27648350304ﾔﾏﾄ ｽｽﾞ",
         [(RC, "25534192838"), (RC, "27648350304")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12345678901", "住民票コード 1234567890", "住民票コード 123456789012", "受付番号 12345678901",
        # Named in the text, but the check digit fails, or another label claims the number.
        "住民票コードは左端の列です。氏名カナは空白で埋めて、異動日は西暦8桁で書いてあります。\n25534192839ｲﾁｼﾞｮｳ",
        "住民票コードの件。電話 09012345678",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []
