"""DRIVERS_LICENSE: 12 digits labelled 免許証, whatever their check digit says."""

from __future__ import annotations

import pytest

from detectors.ids.drivers_license import DriversLicenseDetector
from tests.detectors.ids.helpers import DASH_VARIANTS, found, found_all

D = DriversLicenseDetector()
DL = "DRIVERS_LICENSE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("運転免許証番号 123456789012", [(DL, "123456789012")]),
        ("免許証：第１２３４５６７８９０１２号", [(DL, "１２３４５６７８９０１２")]),
        ("運転免許証 1234 5678 9012", [(DL, "1234 5678 9012")]),
        ("免許番号 一二三四五六七八九〇一二", [(DL, "一二三四五六七八九〇一二")]),
        ("運転免許証の番号は 123456789018 です", [(DL, "123456789018")]),
        ("123456789012（運転免許証）", [(DL, "123456789012")]),
        ("運転免許証（2025年12月31日まで有効）123456789012", [(DL, "123456789012")]),
        # Under a 免許証番号 column, rows of a CSV.
        ("所属,氏名,免許証番号,有効期限\n道路課,嵯峨 徹,202528714896,2026/01/12\n市民課,綿貫 優,331775953974,2026/02/05\n",
         [(DL, "202528714896"), (DL, "331775953974")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("dash", DASH_VARIANTS)
def test_every_dash_variant(dash: str) -> None:
    number = dash.join(["1234", "5678", "9012"])
    assert found(D, f"免許証番号 {number}") == [(DL, number)]


@pytest.mark.parametrize(
    "text",
    [
        "123456789012",  # no label
        "個人番号 123456789018",
        "免許証番号 12345678901",  # 11 digits
        "運転免許の更新は2024年4月1日から",
        "免許証番号 AB123456789012",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []


def test_valid_my_number_digits_near_licence_word_are_a_licence() -> None:
    assert found_all("運転免許証番号：１２３４５６７８９０１８") == [(DL, "１２３４５６７８９０１８")]
