"""ADDRESS: 都道府県 + 市区町村 + 町名 + 番地, with or without the prefecture; bare places are LOCATION."""

from __future__ import annotations

import pytest

from detectors import scan


def _of(text: str, entity: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == entity]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("住所は東京都千代田区霞が関１－２－３です。", "東京都千代田区霞が関１－２－３"),
        ("千代田区霞が関一丁目2番3号に移転", "千代田区霞が関一丁目2番3号"),
        ("大阪市北区梅田１丁目２番３号", "大阪市北区梅田１丁目２番３号"),
        ("北海道札幌市中央区北一条西２丁目１番地", "北海道札幌市中央区北一条西２丁目１番地"),
        # Hokkaido's grid towns written with digits: 条 and side, then the block (blind bypass corpus F25).
        ("住所：北海道札幌市中央区北1条西2-1 木村さくら方", "北海道札幌市中央区北1条西2-1"),
        ("札幌市北区北8条西5-3-12", "札幌市北区北8条西5-3-12"),
        ("旭川市4条通8丁目1番", "旭川市4条通8丁目1番"),
        ("横浜市中区山下町２７９番地の２５", "横浜市中区山下町２７９番地の２５"),
        ("京都府京都市左京区吉田本町36-1", "京都府京都市左京区吉田本町36-1"),
        ("さいたま市浦和区高砂3-15-1", "さいたま市浦和区高砂3-15-1"),
        ("関所市本町3丁目4-5 関所ハイツ101号室", "関所市本町3丁目4-5 関所ハイツ101号室"),
        ("送付先：神奈川県川崎市川崎区宮本町１番地", "神奈川県川崎市川崎区宮本町１番地"),
        # Block numbers said aloud with の.
        ("住所は関所市みなと台4の12の7です", "関所市みなと台4の12の7"),
        ("関所市本町2丁目8の3に住んでいます", "関所市本町2丁目8の3"),
        # A land parcel: 大字 and 字, then the 地番.
        ("隣接地番 | 所有者\n上野原字中原105-2 | 鬼塚 辰雄", "上野原字中原105-2"),
        ("大字上野原字中原107番地の1、", "大字上野原字中原107番地の1"),
        ("隣家（若葉台二丁目１８番地の８）より", "若葉台二丁目１８番地の８"),
        # A town block without the municipality: after 住所・所在地 or a postal code, or in the full 丁目 form.
        ("住所：桜台5-11-2", "桜台5-11-2"),
        ("所在地 桜台二丁目4番1号", "桜台二丁目4番1号"),
        ("〒123-4567 桜台5-11-2 コーポ桜101号室", "桜台5-11-2 コーポ桜101号室"),
        ("家は 桜台5丁目11-2 の角です", "桜台5丁目11-2"),
        ("実家は桜台5丁目11番2号にある", "桜台5丁目11番2号"),
        # A Hokkaido grid town's 条 without the city, and a block said aloud after 丁目の.
        ("| 林 大地 | 40代 | 末広5条2丁目6-1 | 070-2290-1234 |", "末広5条2丁目6-1"),
        ("住所：豊岡4条6丁目3-1 コーポ豊岡101号室", "豊岡4条6丁目3-1 コーポ豊岡101号室"),
        ("住所は架空市新富3条7丁目の2の11です", "架空市新富3条7丁目の2の11"),
        ("住所：架空市本町1ノ5ノ3\n緊急連絡先", "架空市本町1ノ5ノ3"),
    ],
)
def test_addresses(text: str, expected: str) -> None:
    assert _of(text, "ADDRESS") == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "東京都の人口は増えた。",
        "第1-2-3項を参照",
        "令和6年4月1日",
        "神奈川県横浜市",
        "住所変更の届出は2番窓口へ",
        "住所は後日確認",
        "桜台5丁目の公園",  # a 丁目 alone, with no cue, is a place
        "第3の5の7項",
        "ご不明な点は架空市役所代表 099-000-1234 までお問い合わせください",  # an office and its phone number
        "架空市役場 0995-31-4472",
        "赤字化2期連続、文字列123、数字12-3、黒字3億円、前年比赤字化2",
    ],
)
def test_no_address_without_a_street_number(text: str) -> None:
    assert _of(text, "ADDRESS") == []


def test_prefecture_raises_the_score() -> None:
    with_pref = scan("東京都千代田区霞が関1-2-3").findings[0]
    without = scan("千代田区霞が関1-2-3").findings[0]
    assert with_pref.score > without.score


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京都の人口は増えた。", ["東京都"]),
        ("神奈川県横浜市で開催", ["神奈川県横浜市"]),
        ("来週は札幌に出張", ["札幌"]),
        ("東京都から架空市への転入", ["東京都", "架空市"]),  # a municipality the dictionary lacks
        ("東雲地区の避難所", ["東雲地区"]),
        ("同市の都市計画", []),
    ],
)
def test_bare_places_are_locations_and_not_personal(text: str, expected: list[str]) -> None:
    result = scan(text)
    assert [f.text for f in result.findings if f.entity == "LOCATION"] == expected
    assert "personal" not in result.tags
    assert result.level == "機密性1"
