"""PHONE_NUMBER: Japanese spellings, obfuscations and numbers that only look like phones."""

from __future__ import annotations

import pytest

from detectors.ids.phone import PhoneNumberDetector
from tests.detectors.ids.helpers import DASH_VARIANTS, found, score_of

D = PhoneNumberDetector()
P = "PHONE_NUMBER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("電話 03-1234-5678 まで", [(P, "03-1234-5678")]),
        ("携帯：090-1234-5678", [(P, "090-1234-5678")]),
        ("〇九〇－一二三四－五六七八に連絡", [(P, "〇九〇－一二三四－五六七八")]),
        ("０８０－１２３４－５６７８", [(P, "０８０－１２３４－５６７８")]),
        ("070 1234 5678", [(P, "070 1234 5678")]),
        ("TEL 045-123-4567", [(P, "045-123-4567")]),
        ("0466-12-3456（代表）", [(P, "0466-12-3456")]),
        ("01267-2-3456", [(P, "01267-2-3456")]),
        ("IP電話 050-1234-5678", [(P, "050-1234-5678")]),
        ("フリーダイヤル 0120-123-456", [(P, "0120-123-456")]),
        ("0800-123-4567", [(P, "0800-123-4567")]),
        ("ナビダイヤル 0570-123-456", [(P, "0570-123-456")]),
        ("03(1234)5678", [(P, "03(1234)5678")]),
        ("０３（１２３４）５６７８", [(P, "０３（１２３４）５６７８")]),
        ("(03)1234-5678", [(P, "(03)1234-5678")]),
        ("（０３） １２３４－５６７８", [(P, "（０３） １２３４－５６７８")]),
        ("+81-90-1234-5678", [(P, "+81-90-1234-5678")]),
        ("+81 3 1234 5678", [(P, "+81 3 1234 5678")]),
        ("+81(0)3-1234-5678", [(P, "+81(0)3-1234-5678")]),
        ("＋８１９０１２３４５６７８", [(P, "＋８１９０１２３４５６７８")]),
        ("連絡先 09012345678", [(P, "09012345678")]),
        ("0312345678", [(P, "0312345678")]),
        ("自宅03-1234-5678、携帯090-8765-4321", [(P, "03-1234-5678"), (P, "090-8765-4321")]),
        ("電話番号は０３ー１２３４ー５６７８です", [(P, "０３ー１２３４ー５６７８")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("dash", DASH_VARIANTS)
def test_every_dash_variant(dash: str) -> None:
    assert found(D, f"電話：090{dash}1234{dash}5678") == [(P, f"090{dash}1234{dash}5678")]


@pytest.mark.parametrize(
    "text",
    [
        "注文番号 0312345678",
        "伝票番号：090-1234-5678",
        "090-1234-567",  # one digit short
        "090-1234-56789",
        "03-1234-56789",
        "0312-3456-7890",  # 12 digits
        "12-03-1234-5678",  # longer hyphenated code
        "商品コード 4901234567",
        "2024-04-01",
        "1,234,567円",
        "001-1234-5678",
        "個人番号 031234567890",
        "令和6年4月1日",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []


def test_scores() -> None:
    assert score_of(D, "電話 03-1234-5678") >= 0.9
    assert score_of(D, "03-1234-5678") >= 0.8
    assert score_of(D, "0312345678") < score_of(D, "03-1234-5678")
