"""Invisible characters, stray marks, other scripts' digits and spelt-out numbers hide nothing from scan().

Each finding must still be made, with offsets that cut exactly the original characters of the entity,
the invisible ones inside it included."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import scan
from tests.detectors.test_normalize_invisible import ALL_INVISIBLES


def _found(text: str) -> list[tuple[str, str]]:
    result = scan(text)
    return [(f.entity, f.text) for f in result.findings] + [(m.label, m.text) for m in result.detection.markings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("マイナンバーは1234\u200e5678\u202e9018です", ("MY_NUMBER", "1234\u200e5678\u202e9018")),
        ("マイナンバーは١٢٣٤٥٦٧٨٩٠١٨です", ("MY_NUMBER", "١٢٣٤٥٦٧٨٩٠١٨")),
        ("マイナンバーは𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗𝟎𝟏𝟖です", ("MY_NUMBER", "𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗𝟎𝟏𝟖")),
        ("マイナンバーは1\u03012\u03013\u03014 5678 9018です", ("MY_NUMBER", "1\u03012\u03013\u03014 5678 9018")),
        ("マイナンバーは1 2 3 4 5 6 7 8 9 0 1 8です", ("MY_NUMBER", "1 2 3 4 5 6 7 8 9 0 1 8")),
        ("電話は0 9 0 1 2 3 4 5 6 7 8です", ("PHONE_NUMBER", "0 9 0 1 2 3 4 5 6 7 8")),
        ("電話は090\u2062-1234\u2064-5678です", ("PHONE_NUMBER", "090\u2062-1234\u2064-5678")),
        ("電話は०९०-१२३४-५६७८です", ("PHONE_NUMBER", "०९०-१२३४-५६७८")),
        ("電話は๐๙๐-๑๒๓๔-๕๖๗๘です", ("PHONE_NUMBER", "๐๙๐-๑๒๓๔-๕๖๗๘")),
        ("電話は۰۹۰-۱۲۳۴-۵۶۷۸です", ("PHONE_NUMBER", "۰۹۰-۱۲۳۴-۵۶۷۸")),
        ("電話は০৯০-১২৩৪-৫৬৭৮です", ("PHONE_NUMBER", "০৯০-১২৩৪-৫৬৭৮")),
        ("電話は0\U000e00309\U000e00310-1234-5678です", ("PHONE_NUMBER", "0\U000e00309\U000e00310-1234-5678")),
        ("担当の山\u200d田\u034f太郎さんに連絡", ("PERSON", "山\u200d田\u034f太郎")),
        ("担当の山\u0301\u0308田太郎さんに連絡", ("PERSON", "山\u0301\u0308田太郎")),
        ("担当の山田\u3164太郎さんに連絡", ("PERSON", "山田\u3164太郎")),
        ("担当の山田\ufe0f太郎さんに連絡", ("PERSON", "山田\ufe0f太郎")),
        ("担当の\u2066山田太郎\u2069さんに連絡", ("PERSON", "山田太郎")),
        ("・申請者：朴 智恩 / 박\u200b지은 / PARK\u2060 JIEUN", ("PERSON", "박\u200b지은")),
        ("・申請者：朴 智恩 / 박\u200b지은 / PARK\u2060 JIEUN", ("PERSON", "PARK\u2060 JIEUN")),
        ("【機\u200e密性３】会議資料", ("機密性3", "機\u200e密性３")),
        ("機密性三の資料", ("機密性3", "機密性三")),
        ("【極 秘】人事案", ("極秘", "極 秘")),
        ("メールはtaro\u200b@example\u2060.jpへ", ("EMAIL_ADDRESS", "taro\u200b@example\u2060.jp")),
    ],
)
def test_bypass_corpus_is_detected(text: str, expected: tuple[str, str]) -> None:
    assert expected in _found(text)


# Texts the detectors find something in, each named by what must be found.
_BASES = [
    ("マイナンバーは123456789018です。", "MY_NUMBER"),
    ("電話番号は090-1234-5678です。", "PHONE_NUMBER"),
    ("担当の山田太郎さんに連絡してください。", "PERSON"),
    ("【機密性３】会議資料", "機密性3"),
    ("取扱注意の資料です", "取扱注意"),
    ("住所は東京都千代田区霞が関1-2-3です。", "ADDRESS"),
    ("メールはtaro@example.jpへ", "EMAIL_ADDRESS"),
    ("法人番号7000012050002の会社", "CORPORATE_NUMBER"),
    ("生年月日は1985年4月1日です。氏名：佐藤花子", "DATE_OF_BIRTH"),
]
_MARKS = "\u0301\u0308\u0323\u20dd\u20e3\u0489\u1ab0\u0f71\u0903\ufe20\u3099"


def _stays_apart(base: str, mark: str) -> bool:
    """Whether `mark` after any character of `base` is left over by NFKC (else it changes the text: か+゙)."""
    return all(unicodedata.normalize("NFKC", c + mark) == unicodedata.normalize("NFKC", c) + mark for c in base)


@st.composite
def _obfuscated(draw: st.DrawFn) -> tuple[str, str, str, list[int]]:
    base, wanted = draw(st.sampled_from(_BASES))
    pool = ALL_INVISIBLES + "".join(m for m in _MARKS if _stays_apart(base, m))
    chars = [(c, i) for i, c in enumerate(base)]
    for _ in range(draw(st.integers(1, 10))):
        chars.insert(draw(st.integers(0, len(chars))), (draw(st.sampled_from(pool)), -1))
    return base, wanted, "".join(c for c, _ in chars), [i for _, i in chars]


def _spans(text: str) -> list[tuple[str, int, int]]:
    result = scan(text)
    return [(f.entity, f.start, f.end) for f in result.findings] + [
        (m.label, m.start, m.end) for m in result.detection.markings
    ]


@settings(max_examples=150, deadline=None)
@given(_obfuscated())
def test_inserted_invisibles_and_marks_hide_nothing(case: tuple[str, str, str, list[int]]) -> None:
    base, wanted, obfuscated, origin = case
    clean = _spans(base)
    assert wanted in [kind for kind, _, _ in clean]
    where = {o: j for j, o in enumerate(origin) if o >= 0}  # base offset → offset in the obfuscated text
    got = _spans(obfuscated)
    expected = []
    for kind, s, e in clean:
        start, last = where[s], where[e - 1]
        # The span opens on the entity's first character and ends on its last, or on the last mark that
        # attaches to it (across invisibles); invisibles after that are not cut.
        end = j = last + 1
        while j < len(obfuscated) and origin[j] < 0:
            j += 1
            if obfuscated[j - 1] in _MARKS:
                end = j
        expected.append((kind, start, end))
        assert all(origin[j] < 0 or s <= origin[j] < e for j in range(start, end))
    assert sorted(got) == sorted(expected)


_DIGIT_SCRIPTS = ["０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "০১২৩৪৫৬৭৮৯", "๐๑๒๓๔๕๖๗๘๙", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_BASES), st.sampled_from(_DIGIT_SCRIPTS), st.data())
def test_digits_of_any_script_hide_nothing(base: tuple[str, str], script: str, data: st.DataObject) -> None:
    text, _ = base
    # Each ASCII digit, or only some of them, written in another script: a mixed spelling is read the same.
    swap = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    table = str.maketrans("0123456789", script)
    mixed = "".join(c.translate(table) if flip else c for c, flip in zip(text, swap))
    assert _spans(mixed) == _spans(text)
