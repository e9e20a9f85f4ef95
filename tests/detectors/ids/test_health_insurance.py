"""HEALTH_INSURANCE: 被保険者番号・保険者番号 and 記号・番号 on insurance cards."""

from __future__ import annotations

import pytest

from detectors.ids.health_insurance import HealthInsuranceDetector
from tests.detectors.ids.helpers import found

D = HealthInsuranceDetector()
HI = "HEALTH_INSURANCE"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("被保険者番号 12345678", [(HI, "12345678")]),
        ("I think there is a reduction system. My insurance number is 3306182.", [(HI, "3306182")]),
        ("被保険者番号 0009965202、1946-09-15生", [(HI, "0009965202")]),
        ("後期高齢者医療 被保険者番号：１２３４５６７８", [(HI, "１２３４５６７８")]),
        ("保険者番号 06123456", [(HI, "06123456")]),
        ("介護保険被保険者番号 1234567890", [(HI, "1234567890")]),
        ("保険証 記号 1234 番号 56", [(HI, "記号 1234 番号 56")]),
        ("健康保険証の記号：宮城 番号：1234", [(HI, "記号：宮城 番号：1234")]),
        ("国民健康保険 記号・番号 12-345", [(HI, "12-345")]),
        ("保険証の記号12番号345(枝番01)", [(HI, "記号12番号345(枝番01)")]),
        ("被保番号：00420017", [(HI, "00420017")]),
        ("利用者 小鳥遊 ツネ様（被保番 0000731952）の件", [(HI, "0000731952")]),
        ("国保：世帯主 3391047", [(HI, "3391047")]),
        # The label is the column header; the cells hold the numbers alone.
        ("氏名,被保険者番号,電話\n岡本 悠,00420017,080-1111-2222\n堀 結衣,00420025,080-3333-4444",
         [(HI, "00420017"), (HI, "00420025")]),
        ("氏名\t被保番号\t要介護度\n岡本\t0004200171\t要介護1", [(HI, "0004200171")]),
        ("| 氏名 | 被保険者番号 |\n|---|---|\n| 岡本 | 00420017 |", [(HI, "00420017")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12345678",
        "保険料は 12345678円",
        "ゆうちょ銀行 記号 12345 番号 12345678",
        "管理番号 12345678",
        "記号 A 番号 1",  # no insurance word nearby
        "介護保険課（03-1234-5678）",
        "国民健康保険の加入者 12345 人",
        "保険証の有効期限 2025/3/31",
        # A slip-number column of ten digits is not an insurance number, whatever stands beside it.
        "伝票番号,品名,被保険者番号\n0004200171,紙おむつ,－",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []
