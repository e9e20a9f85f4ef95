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
        # What the scanner reads through is part of the run: folded, dropped, encoded.
        ("担当の⼭⽥", "担当の⼭⽥"),
        ("担当の渡辺\u200b", "担当の渡辺\u200b"),
        ("担当の葛\U000e0100", "担当の葛\U000e0100"),
        ("担当の山田\u2002", "担当の山田\u2002"),
        ("担当の𠮷", "担当の𠮷"),
        ("電話は090\u200b1234", "090\u200b1234"),
        ("担当は&#37428;&#", "&#37428;&#"),
        ("担当は%E9%88%B4%E6", "%E9%88%B4%E6"),
        ("担当は\\u9234\\u67", "\\u9234\\u67"),
        ("担当は=E9=88=B4=", "=E9=88=B4="),
        ("記録:\n5ouF5b2T44Gv6Yi0\n", "5ouF5b2T44Gv6Yi0\n"),
        ("記録:\n5ouF5b2T44Gv6Yi0\n44Gv", "5ouF5b2T44Gv6Yi0\n44Gv"),
        ("記録:\n5ouF5b2T44Gv6Yi0\n以上です", ""),
        ("電話は MDkw LTEy MzQt", "MDkw LTEy MzQt"),
        ("電話は MDkw LTE", "MDkw LTE"),
        ("電話は MDk LTE", "LTE"),
        ("担当はE9 88 B", "E9 88 B"),
        ("担当はe9:88:b4", "e9:88:b4"),
    ],
)
def test_held_tail(text: str, held: str) -> None:
    assert text[hold_from(text) :] == held


def test_a_long_run_is_held_no_further_back_than_the_limit() -> None:
    text = "あ" + "A1" * 200
    assert len(text) - hold_from(text) == LIMIT
