"""CREDIT_CARD: issuer prefix + Luhn, in groups of four or contiguous."""

from __future__ import annotations

import pytest

from detectors.ids.credit_card import CreditCardDetector
from tests.detectors.ids.helpers import DASH_VARIANTS, found

D = CreditCardDetector()
CC = "CREDIT_CARD"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("カード番号：4111 1111 1111 1111", [(CC, "4111 1111 1111 1111")]),
        ("クレジットカード ４１１１－１１１１－１１１１－１１１１ 有効期限", [(CC, "４１１１－１１１１－１１１１－１１１１")]),
        ("5555555555554444", [(CC, "5555555555554444")]),
        ("JCB 3530 1113 3330 0000", [(CC, "3530 1113 3330 0000")]),
        ("AMEX 3782 822463 10005", [(CC, "3782 822463 10005")]),
        ("カード 四一一一 一一一一 一一一一 一一一一", [(CC, "四一一一 一一一一 一一一一 一一一一")]),
        ("カード番号\n4111\n1111\n1111\n1111", [(CC, "4111\n1111\n1111\n1111")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("dash", DASH_VARIANTS)
def test_every_dash_variant(dash: str) -> None:
    number = dash.join(["6011", "1111", "1111", "1117"])
    assert found(D, f"カード番号 {number}") == [(CC, number)]


@pytest.mark.parametrize(
    "text",
    [
        "カード番号 4111 1111 1111 1112",  # Luhn fails
        "1234 5678 1234 5670",  # Luhn passes, no issuer
        "注文番号 4111111111111111",
        "4111-11-1111-11-1111",  # not a card layout and no label
        "12345678901234567890123",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []
