"""BASIC_PENSION_NUMBER: 4-digit 記号 + 6-digit 番号 after 基礎年金番号."""

from __future__ import annotations

import pytest

from detectors.ids.pension import BasicPensionNumberDetector
from tests.detectors.ids.helpers import DASH_VARIANTS, found

D = BasicPensionNumberDetector()
BP = "BASIC_PENSION_NUMBER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("基礎年金番号 1234-567890", [(BP, "1234-567890")]),
        ("基礎年金番号：１２３４５６７８９０", [(BP, "１２３４５６７８９０")]),
        ("年金手帳の番号は 1234 567890", [(BP, "1234 567890")]),
        ("基礎年金番号 一二三四－五六七八九〇", [(BP, "一二三四－五六七八九〇")]),
        ("続柄｜氏名｜個人番号｜基礎年金番号\n本人｜岡本 悠｜－｜4102-336718", [(BP, "4102-336718")]),
        ("氏名,年金番号,備考\n岡本,4102336718,なし", [(BP, "4102336718")]),
        # Key-value rows: the label is the cell before, not the header (the first row here reads as one).
        ("被保険者番号  00420017\n基礎年金番号  4102-336718", [(BP, "4102-336718")]),
        ("| 被保険者番号 | 00420017 |\n| 基礎年金番号 | 4102-336718 |", [(BP, "4102-336718")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("dash", DASH_VARIANTS)
def test_every_dash_variant(dash: str) -> None:
    assert found(D, f"基礎年金番号 1234{dash}567890") == [(BP, f"1234{dash}567890")]


@pytest.mark.parametrize(
    "text",
    [
        "1234-567890",  # no label
        "基礎年金番号 12-34567890",  # wrong layout
        "年金額は 1234567890円",
        "基礎年金番号 123456789",
        "氏名,受付番号,基礎年金番号\n岡本,4102-336718,－",  # the number sits in the 受付番号 column
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []
