"""Where a stream may be cut: the tail that could still become a name, number or address is held."""

from __future__ import annotations

import pytest

from gateway.holdback import LIMIT, hold_from


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("承知しました。", ""),
        ("承知しました。ご担当の", "担当の"),
        ("ご担当の佐々木", "担当の佐々木"),
        ("佐々木健一さん", "佐々木健一さん"),
        ("佐々木健一さんに", ""),
        ("伊藤さくら", "伊藤さくら"),
        ("伊藤さくらさ", "伊藤さくらさ"),
        ("伊藤さくらに", ""),
        ("承知し", ""),
        ("鈴木一郎様、", ""),
        ("電話は090-1234-", "090-1234-"),
        ("電話は090 1234 ", "090 1234 "),
        ("住所は埼玉県さいた", "埼玉県さいた"),
        ("住所は埼玉県さいたま市浦和区", "埼玉県さいたま市浦和区"),
        ("東京都千代田区霞が", "東京都千代田区霞が"),
        ("東京都千代田区霞が関1", "東京都千代田区霞が関1"),
        ("ありがとうございます", ""),
        ("回答：やまだ た", "やまだ た"),
        ("mail: taro.yamada@", "taro.yamada@"),
        ("Hello world", "world"),
    ],
)
def test_held_tail(text: str, held: str) -> None:
    assert text[hold_from(text) :] == held


def test_a_long_run_is_held_no_further_back_than_the_limit() -> None:
    text = "あ" + "A1" * 200
    assert len(text) - hold_from(text) == LIMIT
