"""normalize(): invisible characters, stray combining marks and non-ASCII digits read as if absent or ASCII."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import normalize as normalize_module
from detectors.normalize import BIDI_CONTROLS, bidi_controls, normalize, remove_bidi_controls

# One or more of each family the issue names; every one must vanish from the normalised text.
INVISIBLES = {
    "bidi marks": "\u200e\u200f\u061c",
    "bidi embeddings and overrides": "\u202a\u202b\u202c\u202d\u202e",
    "bidi isolates": "\u2066\u2067\u2068\u2069",
    "zero widths": "\u200b\u200c\u200d\u2060\ufeff\u00ad",
    "invisible operators": "\u2061\u2062\u2063\u2064",
    "tag characters": "\U000e0001\U000e0020\U000e0041\U000e007f",
    "combining grapheme joiner": "\u034f",
    "variation selectors": "\ufe00\ufe0f\U000e0100\U000e01ef",
    "Mongolian selectors and vowel separator": "\u180b\u180d\u180e\u180f",
    "Hangul fillers": "\u3164\uffa0\u115f\u1160",
    "Khmer inherent vowels": "\u17b4\u17b5",
    "interlinear annotation": "\ufff9\ufffa\ufffb",
    "Arabic number sign": "\u0600",
}
ALL_INVISIBLES = "".join(INVISIBLES.values())


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("【機\u200e密性３】", "【機密性3】"),
        ("０９０\u202e－１２３４－５６７８", "090-1234-5678"),
        ("山\u2063田\u3164太\U000e0041郎さん", "山田太郎さん"),
        ("個人番号１２３４\u034f５６７８\u2066９０１８", "個人番号123456789018"),
        ("取扱\u200b注意", "取扱注意"),
        ("1\u0301234", "1234"),  # a mark NFKC cannot compose is dropped
        ("山\u0301\u0308\u20dd田", "山田"),  # marks stacked on kanji
        ("か\u3099", "が"),  # but the voiced sound mark still composes
        ("は\u309a", "ぱ"),
        ("か゛き゜", "がき"),  # ゛ composes with か; き has no ゚ form, so the mark goes
        ("か\u200b\u3099", "が"),  # across an invisible
        ("ｶ\u2060ﾞ", "ガ"),
        ("e\u0301", "é"),
        ("٠٩٠-١٢٣٤-٥٦٧٨", "090-1234-5678"),
        ("0\u28009", "0 9"),  # the braille blank is a space
        ("1\u20282", "1\n2"),  # line and paragraph separators are line breaks
    ],
)
def test_normalize_drops_and_folds(original: str, expected: str) -> None:
    assert normalize(original).text == expected


@pytest.mark.parametrize("family", list(INVISIBLES))
@pytest.mark.parametrize(
    "text", ["090-1234-5678", "123456789018", "山田太郎", "【機密性３】", "取扱注意", "taro@example.jp"]
)
def test_each_invisible_family_vanishes_between_any_two_characters(family: str, text: str) -> None:
    for ch in INVISIBLES[family]:
        spread = ch.join(text) + ch
        assert normalize(spread).text == normalize(text).text


@pytest.mark.parametrize(
    ("script", "digits"),
    [
        ("Arabic-Indic", "٠١٢٣٤٥٦٧٨٩"),
        ("Extended Arabic-Indic", "۰۱۲۳۴۵۶۷۸۹"),
        ("Devanagari", "०१२३४५६७८९"),
        ("Bengali", "০১২৩৪৫৬৭৮৯"),
        ("Thai", "๐๑๒๓๔๕๖๗๘๙"),
        ("Myanmar", "၀၁၂၃၄၅၆၇၈၉"),
        ("fullwidth", "０１２３４５６７８９"),
        ("mathematical bold", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"),
        ("mathematical monospace", "𝟶𝟷𝟸𝟹𝟺𝟻𝟼𝟽𝟾𝟿"),
        ("circled", "⓪①②③④⑤⑥⑦⑧⑨"),
        ("negative circled", "⓿❶❷❸❹❺❻❼❽❾"),
        ("double circled and dingbat", "⓿⓵⓶⓷⓸➄➅➆➇➒"),
        ("Adlam", "𞥐𞥑𞥒𞥓𞥔𞥕𞥖𞥗𞥘𞥙"),
    ],
)
def test_decimal_digits_of_every_script_read_as_ascii(script: str, digits: str) -> None:
    n = normalize("電話" + digits)
    assert n.text == "電話0123456789"
    assert n.to_original(2, 12) == (2, 2 + len(digits))


def test_every_decimal_digit_folds() -> None:
    for cp in range(0x110000):
        c = chr(cp)
        if unicodedata.category(c) == "Nd":
            assert normalize("x" + c).text == "x" + str(unicodedata.decimal(c)), hex(cp)


def test_every_format_character_and_default_ignorable_is_dropped() -> None:
    ignorable = {cp for lo, hi in normalize_module._IGNORABLE_RANGES for cp in range(lo, hi + 1)}
    for cp in range(0x110000):
        c = chr(cp)
        if unicodedata.category(c) == "Cf" or cp in ignorable:
            assert normalize("1" + c + "2").text == "12", hex(cp)


def test_every_mark_left_uncomposed_is_dropped() -> None:
    for cp in range(0x110000):
        c = chr(cp)
        if unicodedata.category(c)[0] == "M":
            assert normalize("1" + c + "2").text == "12", hex(cp)


@pytest.mark.parametrize(
    ("original", "needle", "expected_original"),
    [
        # Invisibles inside a span are cut with it; those just outside it are not.
        ("\u200b090\u200e-1234-5678\u2066", "090-1234-5678", "090\u200e-1234-5678"),
        ("【機\u200e密性３】", "機密性3", "機\u200e密性３"),
        ("山\u0301田\u3164さん", "山田", "山\u0301田"),  # a mark belongs to its base, a filler after it does not
        ("٠٩٠-١٢٣٤-٥٦٧٨ まで", "090-1234-5678", "٠٩٠-١٢٣٤-٥٦٧٨"),
        ("か\u200b\u3099っこう", "がっ", "か\u200b\u3099っ"),
        ("㈱\u200b1", "1", "1"),
    ],
)
def test_to_original_cuts_exactly_the_characters_of_the_span(original: str, needle: str, expected_original: str) -> None:
    n = normalize(original)
    start = n.text.index(needle)
    s, e = n.to_original(start, start + len(needle))
    assert original[s:e] == expected_original


def test_text_without_these_characters_takes_the_fast_path() -> None:
    n = normalize("住民の山田太郎（０９０-1234-5678）から連絡。機密性3の件。")
    assert n.text == "住民の山田太郎(090-1234-5678)から連絡。機密性3の件。"
    assert n._norm_starts == ()  # one-to-one replacements only: no cluster map to search


_BASES = st.sampled_from(list("あいう山田太郎機密性【】０１２0123456789-ー　 \n") + ["㈱", "ｶﾞ", "か\u3099"])
# Marks that compose with nothing above (U+3099 would turn か into が, U+0301 e into é).
_MARKS = "\u0301\u0308\u20dd\u20e3\u0489\u1ab0\u0f71\u0903\ufe20"


@st.composite
def _with_insertions(draw: st.DrawFn) -> tuple[str, str, list[int]]:
    """A text, the same text with invisibles and marks inserted, and where each character came from (-1: inserted)."""
    base = "".join(draw(st.lists(_BASES, max_size=20)))
    chars = [(c, i) for i, c in enumerate(base)]
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(chars)))
        chars.insert(at, (draw(st.sampled_from(ALL_INVISIBLES + _MARKS)), -1))
    return base, "".join(c for c, _ in chars), [i for _, i in chars]


@settings(max_examples=400, deadline=None)
@given(_with_insertions())
def test_inserting_invisibles_and_marks_anywhere_changes_nothing(case: tuple[str, str, list[int]]) -> None:
    base, obfuscated, origin = case
    n, clean = normalize(obfuscated), normalize(base)
    assert n.text == clean.text
    # Each output character maps to the same base characters as in the clean text, plus inserted ones only.
    for i in range(len(n.text)):
        s, e = n.to_original(i, i + 1)
        assert [o for o in origin[s:e] if o >= 0] == list(range(*clean.to_original(i, i + 1)))
        assert origin[s] >= 0  # a span never opens on an inserted character


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("普通のテキスト", []),
        ("請求書\u202eFDP.exe", [3]),
        ("\u2066山田\u2069", [0, 3]),
        ("a\u202ab\u202bc\u202cd\u202de\u202ef", [1, 3, 5, 7, 9]),
        ("\u200e\u200f\u061c marks only", []),  # marks reorder nothing: no refusal for text copied from Word
    ],
)
def test_bidi_controls(text: str, positions: list[int]) -> None:
    assert bidi_controls(text) == positions
    cleaned = remove_bidi_controls(text)
    assert bidi_controls(cleaned) == []
    assert len(cleaned) == len(text) - len(positions)


def test_bidi_controls_are_exactly_the_embeddings_overrides_and_isolates() -> None:
    assert {unicodedata.bidirectional(c) for c in BIDI_CONTROLS} == {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


@pytest.mark.parametrize(
    ("original", "drop", "expected", "spans"),
    [
        # (normalised positions to remove) → text, and each remaining character's original slice
        ("0 9 0", [1, 3], "090", ["0", "9", "0"]),
        ("０　９", [1], "09", ["０", "９"]),
        ("㈱ 1", [3], "(株)1", ["㈱", "㈱", "㈱", "1"]),
        ("1\u200b 2", [1], "12", ["1", "2"]),
    ],
)
def test_without_removes_characters_and_keeps_the_map(
    original: str, drop: list[int], expected: str, spans: list[str]
) -> None:
    n = normalize(original).without(drop)
    assert n.text == expected
    assert [original[slice(*n.to_original(i, i + 1))] for i in range(len(n.text))] == spans


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab1 ㈱ｶﾞ①\u200b\u0301")), max_size=25).map("".join), st.data())
def test_without_agrees_with_the_map_of_the_kept_characters(original: str, data: st.DataObject) -> None:
    n = normalize(original)
    drop = sorted(data.draw(st.sets(st.integers(0, max(0, len(n.text) - 1)))) & set(range(len(n.text))))
    w = n.without(drop)
    kept = [i for i in range(len(n.text)) if i not in set(drop)]
    assert w.text == "".join(n.text[i] for i in kept)
    assert [w.to_original(j, j + 1) for j in range(len(kept))] == [n.to_original(i, i + 1) for i in kept]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab1 ㈱ｶﾞ①…\u200b\u0301\u202e")), max_size=25).map("".join))
def test_to_normalized_inverts_to_original(original: str) -> None:
    n = normalize(original)
    for i in range(len(n.text)):
        s, _ = n.to_original(i, i + 1)
        j = n.to_normalized(s)
        # The first output character of the stretch that starts at s.
        assert j <= i and n.to_original(j, j + 1)[0] == s
        assert j == 0 or n.to_original(j - 1, j)[0] < s
    assert n.to_normalized(len(original)) == len(n.text)


@pytest.mark.parametrize(
    "hostile",
    [
        "\u200b" * 100_000,
        "\U000e0041" * 100_000,
        "a" + "\u0323\u0301" * 50_000,  # alternating combining classes: NFKC's reordering is quadratic in them
        "a" + "\u0301\u034f\u0323" * 30_000,
        "か\u3099\u0301" * 50_000,
        "1\u200e" * 50_000,
    ],
    ids=lambda s: repr(s[:3]),
)
def test_hostile_invisibles_and_marks_stay_linear(hostile: str) -> None:
    import time

    t = time.process_time()
    normalize(hostile)
    # ≤ 0.5 s here; the uncapped reordering took ~4 s for 40,000 marks and grows with the square.
    assert time.process_time() - t < 2.0
