"""Spans shaped like names that the text marks as places: a district after 大字 or 字, a 団地 and the like."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 大字 and 字 name districts: what follows is a place, even a word the dictionary knows as a surname.
        ("大字上河原　対象54世帯　配布済み30", []),
        ("配布先：若宮町四丁目、大字上河原、字宮ノ前", []),
        # 名字 and 文字 are words of their own: a name after them stays a name.
        ("名字：上河原 健一（かみかわら）", ["上河原 健一", "かみかわら"]),  # the reading is the name too
        # A span ending in a kind of place is that place.
        ("小松団地：排水詰まり 3件\n浦田団地：給湯器不良 1件", []),
        ("| SILVA Roberto Carlos | 旭町3-17-2 旭荘203 |", ["SILVA Roberto Carlos"]),
        # The person beside the place is still found.
        ("大字上河原の民生委員 上河原 健一さんから連絡", ["上河原 健一"]),
    ],
    ids=["oaza-row", "aza-list", "myoji-label", "danchi-rows", "so-building", "person-beside-district"],
)
def test_places_shaped_like_names_are_not_persons(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare word among places is a place, whatever the dictionary says of it alone.
        ("地区は東雲台、若宮町、上河原の3つです。", []),
        ("巡回先：東雲台、森の里公民館、若宮町、上河原、みどり野", []),
        # An item with an honorific is a person, places around it or not.
        ("東雲台、若宮町、上河原さんの3か所を回った。", ["上河原"]),
        # Names listed with names stay names; a CSV row's columns are not a list of one kind.
        ("出席：上河原、森、林", ["上河原", "森", "林"]),
        ("地区,氏名\n中央地区,勘解由小路 篤\n北部地区,上河原 健一", ["勘解由小路 篤", "上河原 健一"]),
        # Officials listed with their roles are not places because a town is named in the list.
        ("工事報告・金子智、式辞・望月圭介、同・日光町長", ["金子智", "望月圭介"]),
    ],
    ids=["districts-then-no", "patrol-list", "honorific-in-list", "names-list", "csv-row", "roles-list"],
)
def test_a_bare_word_in_a_list_of_places_is_a_place(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ryan Kumar (came with his wife, Mrs. Priya Patel)", ["Ryan Kumar", "Priya Patel"]),
        ("Dr. Tanaka will call back.", ["Tanaka"]),
    ],
    ids=["mrs", "dr"],
)
def test_an_english_title_is_not_the_name(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected
