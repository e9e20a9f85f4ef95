"""BANK_ACCOUNT: 7-digit accounts with bank words nearby, and ゆうちょ 記号・番号; the finding is the number."""

from __future__ import annotations

import pytest

from detectors.ids.bank_account import BankAccountDetector
from tests.detectors.ids.helpers import found

D = BankAccountDetector()
B = "BANK_ACCOUNT"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("振込先：みずほ銀行 渋谷支店 普通 1234567", [(B, "1234567")]),
        ("〇〇信用金庫 本店 当座預金 7654321", [(B, "7654321")]),
        ("口座番号：１２３４５６７", [(B, "１２３４５６７")]),
        ("普通預金口座番号 一二三四五六七", [(B, "一二三四五六七")]),
        ("三井住友銀行 新宿支店（店番123）口座 1234567", [(B, "1234567")]),
        ("銀行口座は 0012345 です", [(B, "0012345")]),
        ("ゆうちょ銀行 記号 12345 番号 12345678", [(B, "12345 番号 12345678")]),
        ("ゆうちょ 12345-12345678", [(B, "12345-12345678")]),
        ("支店名 中央 普通 1234567 名義 ヤマダタロウ", [(B, "1234567")]),
        # A 口座番号 column, where a spreadsheet dropped the leading zeros of some numbers.
        ("名義,種別,口座番号\nオカモト ハルカ,普通,0073311\nホリ ユイ,普通,73312", [(B, "0073311"), (B, "73312")]),
        # Transfer records laid out as in 全銀-format files: bank, branch, type, account — no label needed.
        ("口座振替データ\nｺｸﾐﾝｹﾝｺｳﾎｹﾝ,0138,201,1,0728814,ﾀｶﾅｼ ﾐﾉﾙ,12400", [(B, "0728814")]),
        ('全銀形式\n"0005"\t"123"\t"2"\t"7654321"\t"ﾔﾏﾀﾞ ﾊﾅｺ"', [(B, "7654321")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1234567",  # no bank words
        "受付番号 1234567",
        "〒100-0001",
        "郵便番号 1000001",
        "銀行に行った。伝票番号 1234567",
        "普通の人が 1234567円 を払った",
        "口座 12345678",  # eight digits
        "氏名,伝票番号,金額\n岡本,73312,5000",
        "年度,課,件数,金額\n2025,101,1,1234567",  # the same shape with no account or transfer in the text
        "口座振替\n品番,0138,201,3,0728814",  # deposit type 3 does not exist
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []
