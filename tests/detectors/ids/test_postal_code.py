"""POSTAL_CODE: after 〒 or 郵便番号; bare seven digits are not postal codes."""

from __future__ import annotations

import pytest

from detectors.ids.postal_code import PostalCodeDetector
from tests.detectors.ids.helpers import DASH_VARIANTS, found

D = PostalCodeDetector()
PC = "POSTAL_CODE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("〒100-0001 東京都千代田区千代田1-1", [(PC, "100-0001")]),
        ("〒１００－０００１", [(PC, "１００－０００１")]),
        ("〒 100-0001", [(PC, "100-0001")]),
        ("〒1000001", [(PC, "1000001")]),
        ("〒一〇〇－〇〇〇一", [(PC, "一〇〇－〇〇〇一")]),
        ("郵便番号：530-0001", [(PC, "530-0001")]),
        ("郵便番号 5300001", [(PC, "5300001")]),
        ("100-0001 東京都千代田区", [(PC, "100-0001")]),
        ("060-8588 北海道札幌市", [(PC, "060-8588")]),
        ("住所：〒980-8671 宮城県仙台市", [(PC, "980-8671")]),
        # Under a 郵便番号 column, with the address in another cell.
        ("No,氏名,郵便番号,住所\n1,那須 清,999-0112,架空市松原1-4-8\n2,木下 蘭,999-0125,架空市高台2-19-3", [(PC, "999-0112"), (PC, "999-0125")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("dash", DASH_VARIANTS)
def test_every_dash_variant(dash: str) -> None:
    assert found(D, f"〒100{dash}0001") == [(PC, f"100{dash}0001")]


@pytest.mark.parametrize(
    "text",
    [
        "1000001",  # bare seven digits
        "100-0001",  # format alone, no address or label
        "口座番号 1234567",
        "注文番号 100-0001",
        "〒100-00012",
        "電話 045-123-4567",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []
