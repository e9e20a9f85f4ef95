"""LOCATION: a place name standing alone; not inside a facility, building or organisation name, nor a sender."""

from __future__ import annotations

import pytest

from detectors import scan


def _locations(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "LOCATION"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Places standing alone.
        ("札幌に出張します。", ["札幌"]),
        ("青葉地区（高齢化率が高い）の見守り", ["青葉地区"]),
        ("重点地区は東雲地区、青葉地区内の集会所", ["東雲地区", "青葉地区"]),
        ("秋田1区から立候補した。", ["秋田"]),  # digits glued after a place: an electoral district
        ("英国BBCの番組", ["英国"]),
        # Inside an organisation's, facility's or building's name: not a place standing alone.
        ("指定校は南台小学校です。", []),
        ("東雲銀行 大和田支店 普通", []),
        ("本町コミュニティセンターで説明会", []),
        ("東山ふれあいセンター（17時開設）", []),
        ("住所：架空市港南町1丁目4番3号 港南第二住宅2-105", []),
        ("在籍校（旭小）に連絡", []),
        ("株式会社山本工務店の工事", []),
        ("グランメゾン若葉台に住む", []),
        # The city as the sender or addressee.
        ("架空市 障がい福祉課 給付係\n戸川", []),
        ("架空市 市民税課 御中", []),
        ("架空市市民課へ", []),
        # Words before 市・区 that name no place.
        ("第３投票区の投票所", []),
        ("隣接市の業者", []),
        ("最寄りの市区町村で請求", []),
        ("user=k20317 がログイン", []),  # K2 is a mountain, k2 here part of an identifier
        ("ネパール語の通訳を希望", []),  # a language, not the country
        ("件名\u3000市道北野3号線への横断歩道設置", []),  # a road's name
        ("架空市市民モニターにご応募", []),  # 市市: the dictionary's split of a name it lacks
        ("上野原地域包括支援センターの職員", []),
        ("株式会社ブラジルワークスから連絡", []),
        ("かかりつけの北山内科に情報提供", []),
        ("港南三丁目町内会の会長", []),
        ("近くの桜町小の子どもたち", []),
        ("架空市 女性相談窓口 二階堂様", []),
        ("Pt 71 y/o male, he told us at home", []),  # English words the dictionary also lists as places
        ("He moved from Lima, Peru", ["Lima", "Peru"]),
    ],
)
def test_locations(text: str, expected: list[str]) -> None:
    assert _locations(text) == expected


def test_a_place_before_a_particle_is_not_taken_for_a_facility() -> None:
    # 「にある郵便局」 and 「の路線」 follow the place: it still stands alone.
    assert _locations("茨城県神栖市にある郵便局") == ["茨城県神栖市"]
    assert _locations("生野区の路線も一部") == ["生野区"]


def test_a_district_column_holds_places() -> None:
    text = "地区,氏名,住所\n北浜,田中 一郎,架空市北浜1-2-3\n港南,佐藤 花子,架空市港南町4-5-6\n合計,,"
    assert _locations(text) == ["北浜", "港南"]
