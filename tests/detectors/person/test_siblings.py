"""Family names listed beside a name found; items of sibling lines and cells of a column of names."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return sorted(f.text for f in scan(text).findings if f.entity == "PERSON")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明日、小此木・新発田で現地確認予定。", ["小此木", "新発田"]),
        ("明日午前に 熊谷・日向で訪問予定と伝えた。", ["日向", "熊谷"]),
        # Beside a full name or after と only names the lists or the dictionary know.
        ("式辞・望月圭介、除幕、板垣正貫", ["望月圭介", "板垣正"]),
        ("佐藤と市役所へ行った", ["佐藤"]),
        ("以前から佐藤と親交のあった人", ["佐藤"]),
        # Roles and fields beside a name are not names.
        ("担当：佐藤・主治医", ["佐藤"]),
        # A minutes' speaker mark: the label beside labels that open with a name.
        ("○鷲見　前回から3か月経った\n○ラマ　デイでは表情もよく\n○井筒ケアマネ　はい", ["ラマ", "井筒", "鷲見"]),
        ("○委員長　開会します\n○鷲見委員　はい\n○教育部長　説明します", ["鷲見"]),
        # A numbered list whose items open with names.
        (
            "1. Agus Setiawan　在留カード TC61820493ID\n2. Dewi Lestari Putri（Dear）\n3. Siti Nurhaliza Putri　在留カード",
            ["Agus Setiawan", "Dewi Lestari Putri", "Siti Nurhaliza Putri"],
        ),
    ],
)
def test_listed_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # A table's header is what its column holds, not one of its people (| 雇用主 |, 紹介医,).
        ("| 氏名 | 国籍 | 雇用主 |\n|---|---|---|\n| TRAN VAN MINH | ベトナム | 上條 晃 |\n| Agus Setiawan | インドネシア | 北澤 隆 |",
         ["TRAN VAN MINH", "上條 晃", "Agus Setiawan", "北澤 隆"]),
        ("紹介元,紹介医,患者\nさくら台クリニック,桜田,相馬 俊\n東町診療所,東野,戸田 恵美", ["桜田", "相馬 俊", "東野", "戸田 恵美"]),
        ("| 日目 | 令和元年 | 令和4年 |\n|---|---:|---:|\n| 1 | 812 | 905 |", []),
    ],
    ids=["markdown-header", "csv-header", "counter-header"],
)
def test_a_header_cell_is_no_person(text: str, persons: list[str]) -> None:
    assert [f.text for f in scan(text).findings if f.entity == "PERSON"] == persons
