"""Keyword lists: 要配慮 tags about an identifiable person only, YAML merging, and exact YAML errors."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import Scanner, scan
from detectors.keywords import Dictionaries, DictionaryError, KeywordMatcher, trie_regex


@pytest.mark.parametrize(
    ("text", "tags", "level"),
    [
        ("山田太郎さんは糖尿病で通院中です。", {"personal", "sensitive_personal"}, "機密性3"),
        ("障害者手帳をお持ちの佐藤花子様", {"personal", "sensitive_personal"}, "機密性3"),
        ("鈴木一郎氏は生活保護を受給している。", {"personal", "sensitive_personal"}, "機密性3"),
        ("田中さんには前科がある。", {"personal", "sensitive_personal"}, "機密性3"),
        ("電話 090-1234-5678 の方、うつ病で休職中", {"personal", "sensitive_personal"}, "機密性3"),
        ("生活保護制度の一般的な事例を教えて", set(), "機密性1"),
        ("糖尿病の予防について解説して", set(), "機密性1"),
        ("障害者手帳の申請の方法", set(), "機密性1"),
        ("担当の山田です。生活保護制度について説明します。", {"personal"}, "機密性2"),
        ("システム障害の対応は山田さんが担当", {"personal"}, "機密性2"),
        ("担当の山田です。糖尿病予防教室の案内文を作って", {"personal"}, "機密性2"),
        ("個人番号 123456789018 の照会", {"personal", "specific_personal"}, "機密性3"),
        ("明日の会議は10時からです。", set(), "機密性1"),
        ("夫からの暴力（DV）被害を受けた工藤愛さん", {"personal", "sensitive_personal"}, "機密性3"),
        ("DVDを山田さんに貸した。", {"personal"}, "機密性2"),  # Latin keywords match whole words only
        ("山田さんは hiv 陽性", {"personal", "sensitive_personal"}, "機密性3"),  # and in any case
        ("利用者：坂本達也様 通所介護を週3回に変更", {"personal", "sensitive_personal"}, "機密性3"),
        # Labour crimes against a named worker (外国人相談): 犯罪被害.
        ("技能実習生のグエン・ヴァン・アンさん、3か月分の賃金未払いとの相談", {"personal", "sensitive_personal"}, "機密性3"),
        ("Client Maria Santos reports unpaid wages since May.", {"personal", "sensitive_personal"}, "機密性3"),
        ("賃金未払いに関する相談窓口の一覧", set(), "機密性1"),
        # A 要配慮 word inside a longer ordinary word does not count: 送信者 holds 信者.
        ("送信者：k.t@example.com 立花 健一", {"personal"}, "機密性2"),
        ("山田花子さんは起立性調節障害と診断された", {"personal", "sensitive_personal"}, "機密性3"),
        ("住居確保給付金の支給対象者 山田太郎", {"personal", "sensitive_personal"}, "機密性3"),
        ("児童手当の受給者：宮城 拓海さん", {"personal"}, "機密性2"),  # a universal benefit reveals nothing
        ("ケアマネジャーの山田さんに連絡", {"personal"}, "機密性2"),  # the profession, not a person's care
        # A health check's finding about a named child; abuse described without the word DV.
        ("児氏名：月見里 陽翔\n結果：要経過観察（ことばの遅れ）", {"personal", "sensitive_personal"}, "機密性3"),
        ("夫 杉浦 隆から生活費を渡されない、外出を制限される", {"personal", "sensitive_personal"}, "機密性3"),
        # Screening as a programme is a topic, not a person's result.
        ("がん検診の受診率を上げたい。担当は山田です。", {"personal"}, "機密性2"),
        # Care records: a condition stated in a care-needs survey, medical care a named child needs.
        ("汐見 フミ 様\n1-1 麻痺：左片麻痺あり（H30脳出血後遺症）", {"personal", "sensitive_personal"}, "機密性3"),
        ("冬木 様\nひまりちゃんは気管切開をしており、日中に痰の吸引が必要", {"personal", "sensitive_personal"}, "機密性3"),
        # 要配慮 stated lines after the name, in words a record uses.
        ("相談者：原 和彦さん\n防犯灯の件。\n相談者の自宅は先月空き巣に入られ、警察が捜査中。", {"personal", "sensitive_personal"}, "機密性3"),
        ("東 正和さん宅を訪問。\n室内は片付いていた。\n保護費の支給額は来月から再計算。", {"personal", "sensitive_personal"}, "機密性3"),
        ("ﾓﾘ ｶｽﾞｵ,旭町2-9-14,身体1級", {"personal", "sensitive_personal"}, "機密性3"),
        ("Client: Maria Santos.\nLater she said her ex-husband had hit her; she has a protection order.", {"personal", "sensitive_personal"}, "機密性3"),
        ("架電者：東 美奈子さん\n障害者用トイレが使えない。\n東さんご自身が人工肛門（ストーマ）を造設しており", {"personal", "sensitive_personal"}, "機密性3"),
        # A health or welfare word naming a facility or a form option is about no one.
        ("委員長 東 正和：障害者用トイレの改修と認知症カフェの会場変更を周知して", {"personal"}, "機密性2"),
        ("請求者 林 和夫、本籍地入りで住民票を2通", {"personal"}, "機密性2"),
        # An embassy is no one's origin.
        ("妻：Maricel Dela Cruz、在日フィリピン大使館発行の証明書", {"personal"}, "機密性2"),
    ],
)
def test_tags_and_levels(text: str, tags: set[str], level: str) -> None:
    result = scan(text)
    assert set(result.tags) == tags
    assert result.level == level


def test_keyword_names_are_reported() -> None:
    det = scan("山田太郎さんは糖尿病で通院中です。").detection
    assert {"sensitive:病歴", "sensitive:診療・調剤"} <= det.keywords


def test_user_lists_merge_over_the_shipped_ones(tmp_path: Path) -> None:
    p = tmp_path / "city.yaml"
    p.write_text(
        "# 関所市の追加辞書\n"
        "always_mask:\n  PERSON: [関所一郎]\n"
        "never_mask: [山田太郎, 関所市]\n"
        "keywords:\n  入札: [予定価格]\n"
        "sensitive:\n  病歴: [奇病X]\n",
        encoding="utf-8",
    )
    d = Dictionaries.load(p)
    assert "糖尿病" in d.sensitive["病歴"] and "奇病X" in d.sensitive["病歴"]
    scanner = Scanner(dictionaries=d)
    det = scanner.detect("山田太郎市長と関所一郎さん。予定価格は非公開。鈴木さんは奇病Xです。")
    assert [f.text for f in det.findings if f.entity == "PERSON"] == ["関所一郎", "鈴木"]
    assert {"keyword:入札", "sensitive:病歴"} <= det.keywords
    assert "sensitive_personal" in det.tags
    # The shipped default scanner is untouched by a user's list.
    assert "山田太郎" in [f.text for f in scan("山田太郎市長").findings]


def test_never_mask_numbers_match_however_written(tmp_path: Path) -> None:
    p = tmp_path / "city.yaml"
    p.write_text("never_mask: [0120-000-000, 山田 太郎]\n", encoding="utf-8")
    scanner = Scanner(dictionaries=Dictionaries.load(p))
    for text in ["代表電話０１２０－０００－０００まで", "代表 0120000000", "山田太郎市長", "氏名：山 田 太 郎"]:
        assert scanner.detect(text).findings == (), text
    assert [f.entity for f in scanner.detect("電話 090-1234-5678").findings] == ["PHONE_NUMBER"]


def test_always_mask_finds_words_no_detector_knows(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_text("always_mask:\n  PERSON: [ほげ山ぴよ]\n", encoding="utf-8")
    (f,) = Scanner(dictionaries=Dictionaries.load(p)).detect("書類：ほげ山ぴよ").findings
    assert (f.entity, f.text, f.score, f.detector) == ("PERSON", "ほげ山ぴよ", 1.0, "dictionary.always_mask")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("always_mask:\n  NAME: [x]\n", r"a\.yaml:1:1: always_mask: .*unknown entity type"),
        ("nevermask: [x]\n", r"a\.yaml:1:1: nevermask: Extra inputs"),
        ("never_mask:\n  - [1, 2]\n", r"a\.yaml:2:5: never_mask\.0: "),
        ("keywords: [\n", r"a\.yaml:\d+:\d+: invalid YAML"),
        ("- a\n- b\n", r"a\.yaml:1:1: \(top\): expected a mapping"),
    ],
)
def test_yaml_errors_name_file_line_and_field(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "a.yaml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        Dictionaries.load(p)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read"):
        Dictionaries.load(tmp_path / "none.yaml")


@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        (["病", "病歴", "病院"], "病歴と病院と病", ["病歴", "病院", "病"]),
        (["a.b", "a"], "a.b axb a", ["a.b", "a", "a"]),
    ],
)
def test_trie_regex_is_leftmost_longest(words: list[str], text: str, found: list[str]) -> None:

    assert re.findall(trie_regex(words), text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("患者は HIV 陽性", ["HIV"]),
        ("患者はhivで通院", ["hiv"]),  # any ASCII case, right against Japanese text
        ("HIV/AIDSの相談", ["HIV", "AIDS"]),
        ("DVD と ADVICE と DV2", []),  # whole words only: no letter or digit on either side
        ("a DV case, then dv again", ["DV", "dv"]),
        ("victim of domestic violence", ["victim", "domestic violence"]),
        ("protection  order", []),  # the words as listed, one space
        ("HıV と HİV", []),  # dotless and dotted i fold to i only under Unicode rules; this used to raise KeyError
        ("ſ and K are not s and K", []),
    ],
)
def test_latin_keywords_are_whole_ascii_words(text: str, found: list[str]) -> None:
    from detectors.keywords import KeywordMatcher

    matcher = KeywordMatcher(Dictionaries.defaults())
    assert [text[h.start : h.end] for h in matcher.hits(text) if text[h.start : h.end].isascii()] == found


def test_dotless_i_in_a_prompt_does_not_break_the_scan() -> None:
    result = scan("山田太郎さんは HıV 陽性")  # was a KeyError inside the scanner: the gateway would have failed
    assert "personal" in result.tags


def test_not_sensitive_words_merge_from_user_files(tmp_path: Path) -> None:
    extra = tmp_path / "lists.yaml"
    extra.write_text("not_sensitive: [被害者の会]\n", encoding="utf-8")
    scanner = Scanner(Dictionaries.load(extra))
    assert "sensitive_personal" not in scanner.scan("被害者の会の山田太郎さんから電話").tags
    assert "sensitive_personal" in scan("被害者の会の山田太郎さんから電話").tags  # the shipped lists alone



@functools.cache
def _matcher() -> KeywordMatcher:
    return KeywordMatcher(Dictionaries.defaults())


def _pieces() -> list[str]:
    words = _matcher()._words
    # Whole words, their halves (so words overlap and run into each other), and characters of other planes.
    return [*words, *(w[: len(w) // 2] for w in words), *(w[len(w) // 2 :] for w in words), "😀", "𠮷", "\ud800", "、", "の", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_pieces()), max_size=30))
def test_keyword_automaton_finds_what_the_trie_regex_finds(parts: list[str]) -> None:
    """Leftmost-longest, non-overlapping, code-point offsets: what `trie_regex` over the same words matches."""
    text = "".join(parts)
    expected = [(m.start(), m.end()) for m in re.compile(trie_regex(_matcher()._words)).finditer(text)]
    assert [(h.start, h.end) for h in _matcher().hits(text) if not text[h.start : h.end].isascii()] == expected
