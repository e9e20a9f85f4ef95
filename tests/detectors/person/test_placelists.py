"""A bare word in a list of places is a place (detectors/person/placelists.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import scan
from detectors.person import placelists


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


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


# Item characters, separators, the characters that end an item, and long runs (an item holds at most 20).
_LIST_PIECES = st.sampled_from(["東雲台", "若宮町", "上河原", "森", "あ", "12", "、", "・", "、、", "・、", " ", "\n", "。", "，", "：",
                                "（", "）", "「", "」", "の", "x" * 19, "y" * 21, "地区は"])  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_LIST_PIECES, max_size=30).map("".join))
def test_lists_are_looked_for_only_before_a_separator(text: str) -> None:
    assert [m.span() for m in placelists._lists(text)] == [m.span() for m in placelists._LIST_RE.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*"大字中瀬集落地区の・、 上野原網代浜小浦区長様）（12３世帯うち公民館神社町内会西ノ坊堂前", "1234", "網代浜小浦", "\u3000"]), max_size=60).map("".join))
def test_the_windowed_scan_finds_what_a_full_scan_finds(text: str) -> None:


    assert [m.span() for m in placelists._marked(text)] == [m.span() for m in placelists._PLACE_MARKED_RE.finditer(text)]
