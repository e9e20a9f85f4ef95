"""MY_NUMBER: check digit, every obfuscation, and look-alikes told apart by labels."""

from __future__ import annotations

import pytest

from detectors.ids.my_number import MyNumberDetector
from tests.detectors.ids.helpers import DASH_VARIANTS, found, found_all, score_of

D = MyNumberDetector()
MN = "MY_NUMBER"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("マイナンバーは123456789018です", [(MN, "123456789018")]),
        ("個人番号：１２３４５６７８９０１８", [(MN, "１２３４５６７８９０１８")]),
        ("個人番号 1234 5678 9018 を記入", [(MN, "1234 5678 9018")]),
        ("個人番号 1234　5678　9018", [(MN, "1234　5678　9018")]),
        ("個人番号\n1234\n5678\n9018\n", [(MN, "1234\n5678\n9018")]),
        ("個人番号\r\n1234\r\n5678\r\n9018", [(MN, "1234\r\n5678\r\n9018")]),
        ("個人番号 一二三四五六七八九〇一八", [(MN, "一二三四五六七八九〇一八")]),
        ("個人番号 一二三四－五六七八－九〇一八", [(MN, "一二三四－五六七八－九〇一八")]),
        ("個人番号 １２３４ 五六七八 9018", [(MN, "１２３４ 五六七八 9018")]),
        ("個人番号: 1 2 3 4 5 6 7 8 9 0 1 8", [(MN, "1 2 3 4 5 6 7 8 9 0 1 8")]),
        ("987654321018（個人番号）の件", [(MN, "987654321018")]),
        ("番号カードの番号は 314159265352", [(MN, "314159265352")]),
        ("申請者 山田太郎 123456789018", [(MN, "123456789018")]),
        ("My Number: 111111111118", [(MN, "111111111118")]),
        ("個人番号 1234 - 5678 - 9018", [(MN, "1234 - 5678 - 9018")]),
        ("夫 123456789018、妻 987654321018", [(MN, "123456789018"), (MN, "987654321018")]),
        ("個人番号 1234・5678・9018", [(MN, "1234・5678・9018")]),
        ("個人番号 1234\u200b5678\u200b9018", [(MN, "1234\u200b5678\u200b9018")]),
        ("マイナンバー 1234   5678   9018", [(MN, "1234   5678   9018")]),
        ("個人番号 一二三四 五六七八 九〇一八", [(MN, "一二三四 五六七八 九〇一八")]),
        ("個人番号 一二三四五六七八九○一八", [(MN, "一二三四五六七八九○一八")]),
        ("No.123456789018", [(MN, "123456789018")]),
        ("No123456789018", [(MN, "123456789018")]),
        ("ID 987654321018", [(MN, "987654321018")]),
        ("本日受付した方のマイナンバー 123456789018", [(MN, "123456789018")]),
        ("受付した方の番号 123456789018", [(MN, "123456789018")]),
        ("個人番号付きの住民票 123456789018", [(MN, "123456789018")]),
        ("伝票番号 1234567、個人番号 123456789018", [(MN, "123456789018")]),
        ("個人番号 1234.5678.9018", [(MN, "1234.5678.9018")]),
        ("個人番号 １２３４．５６７８．９０１８", [(MN, "１２３４．５６７８．９０１８")]),
        ("987654321018 と 1234/5678/9018", [(MN, "987654321018"), (MN, "1234/5678/9018")]),
        # Fields separated by slashes: a date, then the number, then a phone number.
        ("与那嶺 さくら／H12.3.1／2734-2679-9169", [(MN, "2734-2679-9169")]),
        ("竹ノ内 蓮／H15.10.30\n559337223483／090-1942-6620", [(MN, "559337223483")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("dash", DASH_VARIANTS)
def test_every_dash_variant(dash: str) -> None:
    text = f"マイナンバー：1234{dash}5678{dash}9018"
    assert found(D, text) == [(MN, f"1234{dash}5678{dash}9018")]


@pytest.mark.parametrize("dash", DASH_VARIANTS)
def test_every_dash_variant_full_width_digits(dash: str) -> None:
    text = f"個人番号１２３４{dash}５６７８{dash}９０１８"
    assert found(D, text) == [(MN, f"１２３４{dash}５６７８{dash}９０１８")]


@pytest.mark.parametrize(
    "text",
    [
        "個人番号 123456789019",  # check digit fails
        "マイナンバー 1234-5678-9010",
        "運転免許証番号 123456789018",  # a licence number whose digits happen to pass
        "免許証 第123456789018号",
        "伝票番号 123456789018",
        "注文番号：1234-5678-9018",
        "受付番号 123456789018 でお問い合わせください",
        "管理番号 987654321018",
        "整理番号 314159265352",
        "合計 123456789018円",
        "AB123456789018",
        "1234567890183",  # 13 digits
        "1234-5678-9018-1234",  # part of a 16-digit code
        "12 3456 789 018",  # odd grouping without a label
        "12345678901",
        "3.14159265352",
        "1234.5678.9019",
        "v1.1234.5678.9018",
        "1234.5678/9018",
        "一人で二十日間",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []


def test_labelled_scores_higher_than_bare() -> None:
    assert score_of(D, "個人番号 123456789018") == 1.0
    assert 0.8 <= score_of(D, "123456789018") < 1.0


def test_licence_label_yields_licence_not_my_number() -> None:
    assert found_all("運転免許証番号 123456789018") == [("DRIVERS_LICENSE", "123456789018")]
