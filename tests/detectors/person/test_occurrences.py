"""Every occurrence of many words: the automaton (long texts) and the find loop (prompts) agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.person import occurrences as occ

_CHARS = st.sampled_from(["山", "田", "太", "郎", "や", "ま", "ヤ", "A", "a", " ", "𠮷", "😀", "\ud800", "\n"])


def _naive(text: str, word: str) -> list[int]:
    return [i for i in range(len(text) - len(word) + 1) if text.startswith(word, i)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=400).map("".join), st.lists(st.lists(_CHARS, min_size=1, max_size=4).map("".join), min_size=1, max_size=30, unique=True))
def test_every_start_of_every_word_either_way(text: str, words: list[str]) -> None:
    expected = [_naive(text, w) for w in words]
    assert occ.occurrences(text, words) == expected
    # The same again through the automaton, however short the text.
    automaton_from, occ._AUTOMATON_FROM = occ._AUTOMATON_FROM, 0
    try:
        assert occ.occurrences(text, words) == expected
    finally:
        occ._AUTOMATON_FROM = automaton_from


def test_a_long_text_takes_the_automaton_and_finds_overlapping_names() -> None:
    text = "山田太郎さん、山田さん。" * 2_000 + "ああああ"
    words = ["山田", "山田太郎", "太郎", "ああ"]
    assert len(text) * len(words) >= occ._AUTOMATON_FROM
    found = occ.occurrences(text, words)
    assert found == [_naive(text, w) for w in words]
    assert found[3] == [len(text) - 4, len(text) - 3, len(text) - 2]  # overlapping starts, as str.find gives
