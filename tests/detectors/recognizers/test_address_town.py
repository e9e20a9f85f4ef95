"""Town-first addresses (no prefecture or city, as a municipality writes its residents') and districts."""

from __future__ import annotations

import pytest

from detectors import scan


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.entity, f.text) for f in scan(text).findings if f.entity in ("ADDRESS", "LOCATION")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("訪問先：みどり台２－４－１５（独居）", [("ADDRESS", "みどり台２－４－１５")]),
        ("桜台5-11-2", [("ADDRESS", "桜台5-11-2")]),
        # The dictionary splits the town (みどり + 台) when a time or a table comes before it.
        ("結果（列：住所、氏名）。\nみどり台1-6-9　石原 早苗　在宅", [("ADDRESS", "みどり台1-6-9")]),
        ("桜ケ丘1-9-20 第一コーポ201 の佐々木さん宅", [("ADDRESS", "桜ケ丘1-9-20 第一コーポ201")]),
        ("ひばりが丘2-1 ひばりが丘団地B棟305、安否確認", [("ADDRESS", "ひばりが丘2-1 ひばりが丘団地B棟305")]),
        ("桜ケ丘3丁目12番 市営桜ケ丘団地4号棟301", [("ADDRESS", "桜ケ丘3丁目12番 市営桜ケ丘団地4号棟301")]),
        ("みどり台1-8-4 みどり荘2号室に転居", [("ADDRESS", "みどり台1-8-4 みどり荘2号室")]),
        ("みどり台2-14-5 コーポみどり102", [("ADDRESS", "みどり台2-14-5 コーポみどり102")]),
        ("大字上野1523番地 上野寮に入居", [("ADDRESS", "大字上野1523番地 上野寮")]),
        ("若葉町三丁目5番地の12へ", [("ADDRESS", "若葉町三丁目5番地の12")]),
        ("架空市北野町二丁目千三百番地", [("ADDRESS", "架空市北野町二丁目千三百番地")]),
        ("Address: Sakuragaoka 1-9-20 Daiichi Coop 201", [("ADDRESS", "Sakuragaoka 1-9-20 Daiichi Coop 201")]),
        ("Asahimachi 3-1-7, Room 203 is the new address.", [("ADDRESS", "Asahimachi 3-1-7, Room 203")]),
        # A town and a 丁目 with nothing after it is a district.
        ("工事区間はみどり台二丁目です", [("LOCATION", "みどり台二丁目")]),
        ("北町一丁目から北町三丁目まで断水", [("LOCATION", "北町一丁目"), ("LOCATION", "北町三丁目")]),
        ("北町二丁目の集会所で説明会", [("LOCATION", "北町二丁目")]),
        # Not addresses: a year, a score, a numbered item, a district inside an organisation's name.
        ("平成2-3年度の資料", []),
        ("東京2-1で勝利", [("LOCATION", "東京")]),
        ("資料1-2を参照", []),
        ("Article 2-3-1 of the rules", []),
        ("北町二丁目自治会の総会", []),
    ],
)
def test_town_first_addresses_and_districts(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected
