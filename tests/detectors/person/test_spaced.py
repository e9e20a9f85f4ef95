"""PERSON: spaced names the dictionary does not read as names — a one-kanji family name that is an
ordinary word, katakana readings as payment data writes them, Vietnamese names in katakana."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北町二丁目3番5号 寝たきり\n星 勇（85）北町二丁目6番1号", ["星 勇"]),
        ("委員長 東 正和：改修の進捗を報告願います。", ["東 正和"]),
        ("証人：平 健太、星 真理", ["平 健太", "星 真理"]),
        ("上席の原 剛係長が謝罪した。", ["原 剛"]),
        ("申請者ｶﾅ: ﾀｲﾗ ｹﾝﾀ", ["ﾀｲﾗ ｹﾝﾀ"]),
        ("ﾊﾔｼ ﾏｻｵ　2290451\nﾎｼ ｱﾔｶ　7730018", ["ﾊﾔｼ ﾏｻｵ", "ﾎｼ ｱﾔｶ"]),
        ("被保険者番号 0412276 ﾚ ｳﾞｧﾝ ﾀﾝ 男", ["ﾚ ｳﾞｧﾝ ﾀﾝ"]),
        ("グエン ティ ホア さんの申出", ["グエン ティ ホア"]),
        # A one-kanji family name alone before a title, or as a speaker after a role.
        ("防災訓練：平委員が集会所での実施を提案。", ["平"]),
        ("担任：平先生\n授業中に", ["平"]),
        ("林 委員：林道の補修を優先してほしい。", ["林"]),
        ("事務局 平：12月5日着工です。", ["平"]),
        # Not names: a word before a title (奥さん, 本委員会), a company, ordinary words with a space.
        ("奥さんと本委員会の各委員に説明", []),
        ("ｲﾘﾖｳﾎｳｼﾞﾝ ｻｸﾗｶｲ", []),
        ("東 口の改札", []),
        ("森 林 公園", []),
    ],
)
def test_spaced_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected
