"""Spellings of name readings in Latin letters (detectors/person/romaji.py)."""

from __future__ import annotations

import pytest

from detectors.person.romaji import romanised_japanese, spellings


@pytest.mark.parametrize(
    ("kana", "expected"),
    [
        ("さとう", {"sato", "satou", "satoh"}),
        ("おおの", {"ono", "oono", "ohno"}),
        ("なんば", {"nanba", "namba"}),
        ("はっとり", {"hattori"}),
        ("しょうた", {"shota", "shouta", "shohta", "syota", "syouta", "syohta"}),
        ("ちひろ", {"chihiro", "tihiro"}),
        ("ゆうき", {"yuuki", "yuki"}),
    ],
)
def test_spellings(kana: str, expected: set[str]) -> None:
    assert spellings(kana) == expected


def test_a_reading_with_other_characters_has_no_spelling() -> None:
    assert spellings("佐藤") == set()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Yumi", "Hoshino"], True),
        (["HOSHINO", "Yumi"], True),
        (["Sato", "Kenji", "Taro"], True),
        (["Ken", "Mori", "Tower"], False),
        (["Apple", "Music"], False),
        (["Kaku", "City"], False),
        (["Yumi"], False),
    ],
)
def test_a_pair_needs_a_family_and_a_given_name(words: list[str], expected: bool) -> None:
    assert romanised_japanese(words) is expected
