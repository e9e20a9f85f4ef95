"""RESIDENCE_CARD: 在留カード番号, two letters, eight digits, two letters."""

from __future__ import annotations

import pytest

from detectors.ids.residence_card import ResidenceCardDetector
from tests.detectors.ids.helpers import found, score_of

D = ResidenceCardDetector()
RC = "RESIDENCE_CARD"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("在留カード番号 AB12345678CD", [(RC, "AB12345678CD")]),
        ("在留カード：ＡＢ１２３４５６７８ＣＤ", [(RC, "ＡＢ１２３４５６７８ＣＤ")]),
        ("特別永住者証明書 AB 12345678 CD", [(RC, "AB 12345678 CD")]),
        ("番号 XY98765432ZW を確認", [(RC, "XY98765432ZW")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("text", ["AB1234567CD", "AB12345678C", "XAB12345678CD", "管理番号 AB12345678CD"])
def test_not_found(text: str) -> None:
    assert found(D, text) == []


def test_label_raises_score() -> None:
    assert score_of(D, "在留カード AB12345678CD") > score_of(D, "AB12345678CD")
