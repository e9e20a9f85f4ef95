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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One kanji set off in a person's slot, whether or not the lists know it; a week's roster.
        ("・次回訪問は11月上旬。担当 宮→鶴田へ。", ["宮"]),
        ("連絡先 080-4471-2093\n受付 門", ["門"]),
        ("希望職種は事務。\n面談 平", ["平"]),
        ("当番表です。\n\n月：辻 火：沖 水：辻 木：門 金：沖\n※祝日は休み", ["辻", "沖", "辻", "門", "沖"]),
        # Words glued to the role, or what fills a slot instead of a name.
        ("記録票を作成。受付時に確認。担当者用の資料。", []),
        ("受付 済\n担当 未定\n月：休 火：休 水：休", []),
        # Names in hiragana opening the lines of a list.
        ("いわさき そうま　あけぼの台3-1-9\nほりうち めい　あけぼの台3-22-4", ["いわさき そうま", "ほりうち めい"]),
        ("あの ころは　楽しかった", []),
    ],
)
def test_one_kanji_slots_rosters_and_kana_lines(text: str, expected: list[str]) -> None:
    from detectors import scan

    assert [f.text for f in scan(text).findings if f.entity == "PERSON"] == expected
