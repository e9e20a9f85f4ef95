"""Patterns tried only where their matches can open (detectors/openings.py): the same matches as sre's
own search, and the opening class read from the pattern itself."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.ids import bank_account
from detectors.openings import AfterBoundary, Before, Opening, opening_class
from detectors.person import context, forms, latin, mentioned, placelists, relatives, rows, signature, spaced
from detectors.recognizers import address_grid, address_latin, address_town


@pytest.mark.parametrize(
    ("pattern", "opens_with"),
    [
        # Look-behinds, anchors and groups are skipped: the first character consumed opens the match.
        (r"(?<![A-Za-z])[A-Z][a-z]+", "ABZ"),
        (r"(?:^|(?<=\n))[ \u3000]*(?:委員長|課長)：", " \u3000委課"),
        (r"(?:(?:課長|係長)(?:の| )|(?<=包括)・)(?P<name>[一-龥]+)", "課係・"),
        (r"(?:ab)?c", "ac"),
        (r"[0-9０-９]{1,3}(?:-[0-9]+)+", "09０９"),
        (r"\d+号", "0٣"),
    ],
)
def test_the_opening_class_holds_every_first_character(pattern: str, opens_with: str) -> None:
    cls = opening_class(re.compile(pattern))
    assert cls is not None
    assert all(cls.fullmatch(c) for c in opens_with)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:ab)?",  # can match the empty string anywhere
        r".x",  # any character
        r"[^、]{1,20}、",  # a negated class
        r"(?i)abc",  # case folding
        r"(?:x|.)y",
    ],
)
def test_no_class_where_a_match_can_open_anywhere(pattern: str) -> None:
    assert opening_class(re.compile(pattern)) is None
    # and the pattern is then searched as it is
    assert [m.span() for m in Opening(re.compile(pattern)).finditer("abc、xy")] == [
        m.span() for m in re.compile(pattern).finditer("abc、xy")
    ]


# Characters the patterns below open with, close with or turn on, among Japanese and Latin text.
_PIECES = st.sampled_from(
    ["課長", "係長", "担当", "包括", "・", "【受付】", "受けた人", "事務局", "委員長", "委員", "さん", "様", " ", "\u3000", "\n",
     "：", ":", "（", "）", "、", "。", "の", "平", "東", "山田", "太郎", "帯刀", "Maria", "Silva", "Mr", "Mrs.", "Dr", "san",
     "John", "my son", "息子", "1-2-3", "２丁目", "3番地", "4-7-12", "Minamidai", "Room 305", "Heights", "Sakuragaoka", "-",
     "5", "12", "号", "番", "丁目", "a", "B", "x",
     "長男", "上の子", "子", "（", "凛", "ひなた", "くん", "大字", "字", "小松", "1450-2", "番地", "文字", "Angel", "（父）", "（2017年5月22日生）"]
)  # fmt: skip
_TEXT = st.lists(_PIECES, max_size=24).map("".join)
_PATTERNS = [
    forms._ROLE_NAME_RE,
    latin._SINGLE_HONORIFIC_RE,
    relatives._LATIN_START_RE,
    address_town._BLOCK_RE,
    address_town._LATIN_RE,
    address_town._LATIN_BLOCK_FIRST_RE,
    latin._WORD_BRACKET_RE,
    relatives._JA_KIN_GIVEN_RE,
    address_town._OAZA_RE,
    address_latin._STREET_HINT_RE,
]


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 6))
def test_the_same_matches_as_a_plain_search(text: str, pos: int) -> None:
    for pattern in _PATTERNS:
        fast = Opening(pattern)
        assert [m.span() for m in fast.finditer(text, pos)] == [m.span() for m in pattern.finditer(text, pos)]
        s, p = fast.search(text, pos), pattern.search(text, pos)
        assert (s.span() if s else None) == (p.span() if p else None)


def test_the_patterns_it_serves_have_an_opening_class() -> None:
    # Were one to lose it (a change that lets it open with anything), it would be searched as before,
    # only slower: this says so.
    assert all(opening_class(p) is not None for p in _PATTERNS)


_SPACED_PIECES = st.sampled_from(
    ["平", "東", "森", "星", "勇", "正和", "ゆかり", "宮", "林", " ", "\u3000", "\n", "、", "。", "：", "・", "の", "は", "が", "に",
     "委員", "委員長", "副委員長", "委員会", "先生", "さん", "主事", "課長", "ﾀｲﾗ", "タイラ", "ケンタ", "グエン", "ティ", "ホア",
     "ー", "（", "）", "「", "12月から", "事務局", "a", "議長", "司会", "担当", "：平：", "委員長　東："]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_SPACED_PIECES, max_size=20).map("".join))
def test_patterns_after_a_boundary_match_as_a_plain_search(text: str) -> None:
    for pattern in (spaced._ONE_KANJI_TITLED_RE, spaced._ONE_KANJI_FAMILY_RE, spaced._KATAKANA_NAME_RE):
        fast = AfterBoundary(pattern, spaced._BEFORE_CHARS)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    speaker = AfterBoundary(spaced._ONE_KANJI_SPEAKER_RE, r"\n")
    assert [m.span() for m in speaker.finditer(text)] == [m.span() for m in spaced._ONE_KANJI_SPEAKER_RE.finditer(text)]


def test_a_pattern_that_does_not_open_with_the_boundary_is_refused() -> None:
    with pytest.raises(ValueError, match="does not open with"):
        AfterBoundary(re.compile("平"), spaced._BEFORE_CHARS)


# Pieces of the texts the patterns tried before a word serve: their words, their classes and their edges.
_BEFORE_PIECES = st.sampled_from(
    ["・", "大字", "字", "地区と", "集落と", "地区", "と", "団地", "市営", "若葉", "5号棟", "3階", "302", "号室", "-", "B棟",
     "ハイツ", "コーポ", "荘", "寮", "中瀬", "102", "です", "と申します", "といいます", "でございます", "に住んでいる", "母の",
     "総務課", "の", "岡", "ヤマダ", "さとう", "森", "林", "次回は", "名で", "の2名", "歳", "Joshua", "Angel", " ", "\u3000",
     "\n", "、", "。", "1234", ",", "\t", '"', "567", "1", "8", "12", "浜通り", "大浜", "町", "村", "様", "さん", "文", "上ノ台",
     "17", "3-14", "番地", "年", "地割", "30", "第", "湯本", "番", "住宅", "県営", "ハ", "ニ", "上野", "ビタミン", "つ", "サントス", "いいます", "シュレスタ"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_BEFORE_PIECES, max_size=24).map("".join), st.integers(0, 4))
def test_patterns_tried_before_a_word_match_as_a_plain_search(text: str, pos: int) -> None:
    for fast in (
        placelists._PAIR_AT,
        placelists._AND_DISTRICT_AT,
        spaced._ONE_KANJI_PAIR_AT,
        address_town._BARE_OAZA_AT,
        address_town._DANCHI_AT,
        address_town._BUILDING_ROOM_AT,
        context._RESIDENT_INTRO_AT,
        bank_account._ZENGIN_ROW_AT,
        latin._LATIN_AGE_AT,
        address_grid._JIWARI_AT,
        address_grid._IROHA_AT,
        spaced._KANA_INTRO_AT,
    ):
        got = [(m.span(), m.groups()) for m in fast.finditer(text, pos)]
        assert got == [(m.span(), m.groups()) for m in fast.pattern.finditer(text, pos)], fast.pattern.pattern


@pytest.mark.parametrize(
    ("words", "hidden"),
    [(("ab", "bc"), "'bc' can begin inside 'ab'"), (("aba",), "'aba' can begin inside 'aba'"), (("abc", "b"), "'b'")],
)
def test_words_one_of_which_can_hide_another_are_refused(words: tuple[str, ...], hidden: str) -> None:
    with pytest.raises(ValueError, match=hidden):
        Before(re.compile("x"), words, 1)


_LINE_PIECES = st.sampled_from(
    ["関", "佐藤", "中村次郎", "よろしくお願いします。", "了解！", "\n", " ", "\u3000", "（内線 4321）", "」", "』", "課", "ケ",
     "以上", "a", "?", "。"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=16).map("".join))
def test_a_multiline_pattern_after_a_boundary_is_also_tried_at_each_line_start(text: str) -> None:
    # ^ under re.MULTILINE holds after every line break: a signature alone on a line, counted districts
    fast = [(m.span(), m.groups()) for m in signature._LAST_AT.finditer(text)]
    assert fast == [(m.span(), m.groups()) for m in signature._LAST_RE.finditer(text)]
    counted = text.replace("課", "上野原312")
    fast = [m.span() for m in placelists._COUNTED_ITEM_AT.finditer(counted)]
    assert fast == [m.span() for m in placelists._COUNTED_ITEM_RE.finditer(counted)]


_LIKENED_PIECES = st.sampled_from(
    ["山田", "佐藤", "森", "小ノ原", "ケ", "、", "のように", "のような", "といった", "などの", "の", "と", "な", "ど", "「", "」",
     "・", " ", "\n", "鈴木一郎", "という名字", "a"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_LIKENED_PIECES, max_size=30).map("".join))
def test_likened_runs_and_rosters_match_as_a_plain_search(text: str) -> None:
    assert [(m.span()) for m in mentioned._likened_runs(text)] == [m.span() for m in mentioned._LIKENED_RUN_RE.finditer(text)]
    # a roster's lines: an item, then days of the week or a time at the line's end
    roster = text.replace("の", " 月・水").replace("と", " 9:00").replace("な", "\u3000")
    assert [m.span() for m in rows._ROSTER_AT.finditer(roster)] == [m.span() for m in rows._ROSTER_RE.finditer(roster)]


def test_a_run_longer_than_the_search_window_is_found_whole() -> None:
    text = "、".join(["山田太郎"] * 40) + "のような名前"
    assert [m.span() for m in mentioned._likened_runs(text)] == [m.span() for m in mentioned._LIKENED_RUN_RE.finditer(text)] != []
