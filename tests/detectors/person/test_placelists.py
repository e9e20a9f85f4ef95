"""A bare word in a list of places is a place (detectors/person/placelists.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import scan
from detectors.keywords import Dictionaries
from detectors.person import placelists
from detectors.scanner import Scanner


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


@pytest.mark.parametrize(
    ("text", "persons", "places"),
    [
        # The municipality lists its own districts that are also family names (local_places).
        ("送迎バスは比嘉・宮城を経由します。", [], ["比嘉", "宮城"]),
        ("津波避難タワーの候補地を比嘉と大城の2か所とする。", [], ["比嘉", "大城"]),
        # Called by name, with a given name, a title, a section or a slot: a person.
        ("比嘉さんから電話。町長 比嘉 康夫", ["比嘉", "比嘉 康夫"], []),
        ("東委員：保護者説明会を開く。対応：住民係 玉城", ["東", "玉城"], []),
        ("担当：玉城", ["玉城"], []),
    ],
    ids=["listed-route", "listed-pair", "called", "title-and-section", "slot"],
)
def test_the_municipalitys_own_districts(tmp_path: Path, text: str, persons: list[str], places: list[str]) -> None:
    lists = tmp_path / "lists.yaml"
    lists.write_text("local_places: [比嘉, 宮城, 玉城, 大城, 東]\n", encoding="utf-8")
    findings = Scanner(Dictionaries.load(lists)).scan(text).findings
    assert [f.text for f in findings if f.entity == "PERSON"] == persons
    assert all(p in [f.text for f in findings if f.entity == "LOCATION"] for p in places)


def test_without_the_list_a_district_that_is_a_family_name_reads_as_one() -> None:
    # What local_places is for: nothing in this text marks 比嘉 as a place.
    assert "比嘉" in _persons("送迎バスは比嘉・宮城を経由します。")
