"""CORPORATE_NUMBER: 法人番号 check digit, T-prefixed invoice numbers, JAN look-alikes."""

from __future__ import annotations

import pytest

from detectors.ids.corporate_number import CorporateNumberDetector
from tests.detectors.ids.helpers import found, score_of

D = CorporateNumberDetector()
C = "CORPORATE_NUMBER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("法人番号 7000012050002", [(C, "7000012050002")]),
        ("法人番号：７０００ ０１２０ ５０００２", [(C, "７０００ ０１２０ ５０００２")]),
        ("登録番号 T7000012050002", [(C, "7000012050002")]),
        ("Ｔ３１００００１０１２３４５", [(C, "３１００００１０１２３４５")]),
        ("法人番号 8-8010-0000-0001", [(C, "8-8010-0000-0001")]),
        ("取引先 9234567890123", [(C, "9234567890123")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "法人番号 6000012050002",  # check digit fails
        "注文番号 7000012050002",
        "JAN 4901234567894",
        "70000120500021",
        "合計 7000012050002円",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []


def test_unlabelled_scores_lower() -> None:
    assert score_of(D, "9234567890123") < score_of(D, "法人番号 9234567890123")
