"""detectors.nfkc.nfkc is unicodedata's NFKC, character for character, whatever the text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.nfkc import nfkc

CASES = [
    "佐藤花子さん（連絡先 ０９０－１２３４－５６７８）",  # full-width brackets and digits
    "ｻﾄｳ ﾊﾅｺ ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟ",  # half-width katakana, voiced marks joined to the letter before them
    "か\u3099き\u309aは\u309b",  # combining and spacing voiced marks
    "㈱架空 ㍻ ①② ㌔ ℡",  # compatibility forms
    "\u1100\u1161\u11a8 한국어",  # Hangul jamo composing into a syllable
    "e\u0301\u0323 a\u0323\u0301 Å",  # marks reordered and composed
    "\u0958 \u2126 \uf900",  # composition exclusions and singletons
    "\U0002f800 𠮷 🙇\u200d",  # beyond the BMP
    "\ud800 lone surrogate",
    "plain ascii",
    "",
]


@pytest.mark.parametrize("text", CASES)
def test_equal_to_unicodedata(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


# Japanese text with the characters NFKC changes or joins mixed in at random.
japanese = st.text(
    alphabet=st.sampled_from(
        [*"佐藤花子あいうかがはぱアイウカガﾊﾟｶﾞｱｲｳﾞﾟ（）０１２ＡＢｃ　 。、「」\n", "\u3099", "\u309a", "\u0301", "\u0323", "\u200b", "\ufe0f", "㈱", "①", "\u1100", "\u1161", "\u11a8", "𠮷"]
    ),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(japanese, st.text(max_size=40)))
def test_any_text(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
