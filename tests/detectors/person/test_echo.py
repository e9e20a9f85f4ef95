"""PERSON: a family or given name alone, where the same text names the person in full (detectors/person/echo.py)."""

from __future__ import annotations

import pytest

from detectors import scan
from detectors.normalize import normalize
from detectors.person import echo


def _persons(text: str) -> list[str]:
    return sorted(f.text for f in scan(text).findings if f.entity == "PERSON")


def _types(text: str, word: str) -> set[str]:
    """The types of the findings that cover an occurrence of `word`."""
    at = [i for i in range(len(text)) if text.startswith(word, i)]
    return {f.entity for f in scan(text).findings for i in at if f.start <= i and i + len(word) <= f.end}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A family name the dictionary reads as a place, after the full name: as a speaker, a household, in a list.
        ("出席：水無瀬 透（相談支援員）\n水無瀬：はい。6月に入院しました。", ["水無瀬", "水無瀬 透"]),
        ("世帯主 設楽 武（昭和46年10月2日生）\n対象世帯：設楽世帯", ["設楽", "設楽 武"]),
        ("担当：三宅 かおり\n・訪問（三宅・榊原、11月中）", ["三宅", "三宅 かおり"]),
        # Before the full name, too.
        ("相手：汐見と名乗る女性（納税義務者 汐見 康介氏の妻）", ["汐見", "汐見 康介"]),
        # A caller giving a one-kanji family name alone, then the full name; as a word it stays one.
        ("「もしもし、固定資産税のことで。森です、森 隆。父名義の山林が」", ["森", "森 隆"]),
        ("「南の妹です。姉の南 絵里が入院してて」", ["南", "南 絵里"]),
        ("森 隆さんの件。森林環境税です、森の手入れ", ["森 隆"]),
        # A given name alone, called by name; one kanji only before an honorific.
        ("岩渕 蒼くん（小3）の腕にあざ。蒼くん本人とは学校で面談予定。", ["岩渕 蒼", "蒼"]),
        ("長男 設楽 悠人（平成14年5月30日生）。悠人さんは高校卒業後", ["悠人", "設楽 悠人"]),
        # Glued to a role word before it; a family name that is also a dictionary noun.
        ("・何かあれば担任真壁まで\n4年2組\u3000担任 真壁 礼子", ["真壁", "真壁 礼子"]),
        # A Latin name's words, at a sign-off.
        ("Meu nome é Rafael Nakamura Oliveira, moro em 架空市.\nObrigado,\nRafael", ["Rafael"]),
        # The same name again in another script, after a slash or in brackets.
        ("・申請者：朴 智恩 / 박지은 / PARK JIEUN\n・配偶者：金 成浩 / 김성호", ["PARK JIEUN", "김성호", "박지은"]),
        ("世帯主\u3000シュレスタ ビカス（SHRESTHA BIKASH）\u3000在留カード", ["SHRESTHA BIKASH"]),
        ("請求者：陳 建国（チン ケンコク／CHEN JIANGUO）", ["CHEN JIANGUO", "チン ケンコク"]),
        ("相談者：Maricel Dela Cruz（ﾏﾘｾﾙ ﾃﾞﾗｸﾙｽ）、フィリピン国籍", ["ﾏﾘｾﾙ ﾃﾞﾗｸﾙｽ"]),
        ("10/20（日）午後\u3000十河 昭／ファム・ティ・ラン", ["ファム・ティ・ラン"]),
        # A part of a katakana name, even when a job title was taken along with the full name.
        ("ハローワーク就労ナビゲーター ラマ・スニタさん\n・面接同行（ラマさん）", ["ラマ", "ラマ・スニタ"]),
    ],
)
def test_other_mentions_of_a_name_found_in_full(text: str, expected: list[str]) -> None:
    found = _persons(text)
    for name in expected:
        assert any(name == f or name in f.split() for f in found), (name, found)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # The part glued into a longer word, or followed by a place word: not the person.
        ("千葉 真理子さんは千葉県に転居した。", "千葉県"),
        ("水無瀬 透さんの家は水無瀬川の近く。", "水無瀬川"),
        ("設楽 武さんの件。武器の持ち込みは禁止。", "武器"),
        ("三宅 かおりさんが三宅島の出身。", "三宅島"),
        # One kanji or a hiragana part without an honorific is a word, not the person.
        ("岩渕 蒼くんの件。空が蒼い。", "蒼い"),
        ("ささき ゆうこさんの件。ささきの木。", "ささきの"),
        # A role word taken along with a name by a detector is no family name.
        ("出席：嘱託医 八木橋先生\n嘱託医の意見", "嘱託医の"),
        # A bracket after a name holds a phone number, not another name.
        ("山田 太郎（070-1234-5678）", "070-1234-5678"),
        ("Rafael Oliveira da Silva came. Rafaela is his sister.", "Rafaela"),
    ],
)
def test_parts_inside_other_words_stay_words(text: str, word: str) -> None:
    assert "PERSON" not in _types(text, word)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A place word, one space, a given name that ends there: the place word is the family name.
        ("私は架空市立旭小学校に在籍する高円寺 湊の母です。", ["高円寺 湊"]),
        ("筆頭者　勘解由小路 正（亡父）", ["勘解由小路 正"]),
        ("請求者　勘解由小路 久美（長女）", ["勘解由小路 久美"]),
        # Not before a word that is no given name.
        ("会場は東京 大学の講堂です。", []),
        ("集合は新宿 御苑の入口。", []),
        ("架空市 本町の公民館", []),
    ],
)
def test_place_word_then_a_given_name(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


def test_nothing_is_echoed_without_a_name_found_in_full() -> None:
    text = "水無瀬：はい。設楽世帯の件です。"
    assert "PERSON" not in _types(text, "設楽世帯")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("氏名：ZHANG YUTING（张雨婷）\n生年月日：2003年7月2日", ["ZHANG YUTING", "张雨婷"]),
        ("申請者：WANG XIAOMING（王晓明）", ["WANG XIAOMING", "王晓明"]),
        # An occupation or a relation in the bracket is no name.
        ("申請者：WANG XIAOMING（会社員）", ["WANG XIAOMING"]),
        ("配偶者：David Miller（米国籍）", ["David Miller"]),
        # A given name the dictionary does not know, shown one by its reading in brackets; a title is not.
        ("対象児：伊藤 蒼空（そら）　R4.7.30生　1歳児クラス", ["伊藤", "蒼空", "そら"]),
        ("児童：井上 心春（こはる、2歳）", ["井上 心春", "こはる"]),
    ],
)
def test_hanzi_after_pinyin_in_capitals(text: str, expected: list[str]) -> None:
    assert [f.text for f in scan(text).findings if f.entity == "PERSON"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The name in its own script beside the name found: after it in brackets, or before the bracket holding it.
        ("実習生：ZAW MIN HTET（ဇော်မင်းထက်）、ミャンマー出身", ["ZAW MIN HTET", "ဇော်မင်းထက်"]),
        ("相談者：गुरुङ सीता（Sita Gurung、グルン・シタ）", ["गुरुङ सीता", "Sita Gurung"]),
        # A sentence in that script with no name found beside it is nobody.
        ("ขอบคุณมากครับ สวัสดีครับ", []),
        # In katakana: after an honorific, or before the bracket holding the name in capitals.
        ("Lee Sung-ho 様（イ・ソンホ）、1959年11月11日生、世帯主。", ["Lee Sung-ho", "イ・ソンホ"]),
        ("交付対象者：ファム・ティ・トゥー（PHAM THI THU）\n個人番号：", ["ファム・ティ・トゥー", "PHAM THI THU"]),
        # The full name in Latin letters in brackets after the family name found; a place or an office is no name.
        ("Please explain to Ms. Okonkwo (Chiamaka Okonkwo, permanent resident).", ["Okonkwo", "Chiamaka Okonkwo"]),
        ("Mr. Tanaka (Tokyo Office) called.", ["Tanaka"]),
        ("田中 太郎様（会社員）が来庁", ["田中 太郎"]),
        ("Employer: Oikawa Shigeru (Oikawa Farm, Oaza Oikawa 31)", ["Oikawa Shigeru"]),
        ("佐野 美紀さん（本籍 青森県）から", ["佐野 美紀"]),
    ],
    ids=[
        "myanmar-after", "devanagari-before", "thai-no-name", "katakana-after-honorific", "katakana-before-latin",
        "latin-full-after-family", "latin-office-no-name", "occupation-no-name", "farm-no-name", "domicile-no-name",
    ],
)
def test_a_name_in_another_script_beside_the_name(text: str, expected: list[str]) -> None:
    assert [f.text for f in scan(text).findings if f.entity == "PERSON"] == expected


def test_a_one_kanji_given_name_of_a_labelled_name_is_echoed() -> None:
    from detectors import scan

    text = "対象児童：岡本 蓮\n12/1（火）朝、蓮の腕にあざがあるのを確認。"
    assert [f.text for f in scan(text).findings if f.entity == "PERSON"] == ["岡本 蓮", "蓮"]
    # Without the label's evidence a one-kanji word stays a word.
    assert [f.text for f in scan("岡本と話した。朝、蓮の花が咲いた。").findings if f.entity == "PERSON"] == ["岡本"]


def test_names_read_as_they_are_are_those_normalisation_leaves_alone() -> None:
    # echo skips normalising such names: each character must be its own normal form, and no kanji digit
    # (a run of them becomes ASCII digits) may be among them.
    stable = [chr(c) for c in range(0x20, 0x10000) if echo._STABLE_NAME_RE.fullmatch(chr(c))]
    assert stable and all(normalize(c).text == c for c in stable if not echo._KANJI_DIGIT_RE.search(c))
    for name in ("山田 太郎", "ささき ゆうこ", "ジャック・ワーナー", "Rafael Oliveira", "岩渕蒼", "健一", "三四郎", "Jean-Luc", "ロッド・スチュワート"):
        if echo._STABLE_NAME_RE.fullmatch(name) and not echo._KANJI_DIGIT_RE.search(name):
            assert normalize(name).text == name
