"""A town's districts written beside its people: the district is a place, the person beside it a person."""

from __future__ import annotations

import pytest

from detectors import scan


def _by_type(text: str) -> tuple[list[str], list[str]]:
    findings = scan(text).findings
    return (
        [f.text for f in findings if f.entity == "PERSON"],
        [f.text for f in findings if f.entity == "LOCATION"],
    )


@pytest.mark.parametrize(
    ("text", "persons", "places"),
    [
        # In brackets after a name written in Japanese: where the person lives.
        ("推進委員：田中 公一（田中）、下川原 修（下川原）", ["田中 公一", "下川原 修"], ["田中", "下川原"]),
        # Before の and a name.
        ("・中村の中村 栄さん、金婚式", ["中村 栄"], ["中村"]),
        # A line's label before names and nothing else.
        ("上野：林様、上野 ハル様\n中村：中村 一郎様", ["林", "上野 ハル", "中村 一郎"], ["上野", "中村"]),
        # A column before a full name.
        ("上野二区　林 正　0186-27-1935\n中村　中村 茂　0186-27-6208", ["林 正", "中村 茂"], ["上野二区", "中村"]),
        # After a slash after a full name.
        ("矢吹 誠／奥谷\n上田 サチ／宮原", ["矢吹 誠", "上田 サチ"], ["奥谷", "宮原"]),
        # Before 方面, its school with a year, 山間部; in a list with a 大字 in it; listed after 集落名.
        ("宮原・杉原・奥谷の山間部は消防署から遠い", [], ["宮原", "杉原", "奥谷"]),
        ("被害児童：たいら みお（中村小4年）", ["たいら みお"], ["中村"]),
        ("1 被害状況（中島・堤・大字高木）", [], ["中島", "堤"]),
        ("町内の集落名（上野、平沢、東台など）は名字と同じものが多い", [], ["上野", "平沢"]),
        # A district's head named after the district, before their name.
        ("出席：\n　上原区長 上原 悟\n　宮下区長 宮下 昇", ["上原 悟", "宮下 昇"], ["上原", "宮下"]),
        # The municipality the text is from: its name alone is the place.
        ("峰浦市の案内。国保記号番号 峰浦 0342185", [], ["峰浦市", "峰浦"]),
        # Items before の各集会所; a hamlet before its head of the same name; in brackets after a full name and さん.
        ("保護者説明会を3回（宮原、杉谷、田原の各集会所）開く。", [], ["宮原", "杉谷"]),
        ("参加：宮原自主防災会 宮原 登、杉谷 杉谷 正、横田 横田 実", ["宮原 登", "杉谷 正", "横田 実"], ["杉谷", "横田"]),
        ("12/4 通報者 上山 キミさん（杉谷、0868-72-0835）", ["上山 キミ"], ["杉谷"]),
        # A district the text gives a lot number in (汐見町小浦218番地2) is that district where it stands bare.
        ("新住所：高知県幡多郡汐見町小浦218番地2\n内容：小浦の空き家に入居予定。対応：浜田", ["浜田"], ["小浦"]),
        ("用件：大浦の船揚げ場（大浦5番地）の件", [], ["大浦"]),
        # Where someone lives.
        ("小浦にお住まいの 山本 タツ さん、85歳が", ["山本 タツ"], ["小浦"]),
        # Columns of districts and of their people (the 区長 column is people, not the 区).
        ("| 地区 | 区長 | 電話 |\n|---|---|---|\n| 大浦 | 浜田 重信 | 0880-67-3001 |\n| 小浦 | 山本 武 | 0880-67-3388 |", ["浜田 重信", "山本 武"], ["大浦", "小浦"]),
        ("hamlet,householder\n大浦,浜田 重信\n大浦,浜田 康弘\n西浦,西岡 勇", ["浜田 重信", "浜田 康弘", "西岡 勇"], ["大浦", "大浦", "西浦"]),
        # A word joined by と after a district named as one (not before it: 田中と新田地区へ is a visit with 田中).
        ("対象は新田地区と中川原の浸水想定区域内の世帯。田中と新田地区へ行った。", ["田中"], ["新田地区", "中川原"]),
        # The town an address of the text starts from: bare, with a 班 after it, or the district someone covers.
        ("お父さんの家は長根の奥のほう、長根第6地割88番地とのこと", [], ["長根"]),
        ("| 長根班 | 晴山 ヨネ | 長根第6地割9番地 |\n| 下沢班 | 千葉 トク | 下沢字西ノ沢11番地 |", ["晴山 ヨネ", "千葉 トク"], ["長根班", "下沢班"]),
        ("民生委員 中村 久美子（中野担当）より\n住所は架空村大字中野第3地割5番地", ["中村 久美子"], ["中野"]),
    ],
    ids=[
        "bracket-after-name", "before-no-name", "label-before-names", "column-before-name", "after-slash",
        "mountain-area", "school-year", "list-with-oaza", "listed-hamlets", "district-head", "own-municipality",
        "each-hall", "hamlet-then-head", "bracket-after-san", "lot-number", "lot-number-bare", "lives-in",
        "district-head-column", "hamlet-column", "and-after-district", "address-town-bare", "address-town-unit",
        "address-town-covered",
    ],
)
def test_districts_beside_people_are_places(text: str, persons: list[str], places: list[str]) -> None:
    found_persons, found_places = _by_type(text)
    assert found_persons == persons
    assert all(p in found_places for p in places), found_places


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # A name in another script in brackets after a Latin name is that person, not a district.
        ("氏名：ZHANG YUTING（张雨婷）", ["ZHANG YUTING", "张雨婷"]),
        # A kana reading in brackets after a kanji name is the name.
        ("名字：上河原 健一（かみかわら）", ["上河原 健一", "かみかわら"]),
        # A person called by name before their district's head is still a person.
        ("伏見：山田さんが来ました", ["伏見", "山田"]),
        # A name with an honorific is a person wherever the same word names a place.
        ("上野地区の上野さんに連絡", ["上野"]),
        # A family name in brackets after a given name and 様 is that person's.
        ("11/12 ちえ子様（雨宮） 住民票写し×2", ["ちえ子", "雨宮"]),
        # A person's slot, or a family name before its given name, in a town with a district of that name.
        ("住所：中村123番地　担当：中村", ["中村"]),
        ("旧世帯主：比嘉 カメ 明治45年1月19日生\n住所：潮波町字比嘉3番地", ["比嘉"]),
        # The same for a word an address of the text starts from: a staff slot, a full name, an introduction.
        ("担当：中野\n住所は架空村大字中野第3地割5番地", ["中野"]),
        ("母は比嘉 ツルで、住所は波照町字比嘉118番地。", ["比嘉"]),
        ("「長根です。父の件で」\n住所：長根第6地割88番地", ["長根"]),
    ],
    ids=[
        "latin-then-hanzi", "reading", "speaker", "honorific", "given-then-family", "slot", "family-before-given",
        "address-town-slot", "address-town-full-name", "address-town-introduced",
    ],
)
def test_people_beside_districts_stay_people(text: str, persons: list[str]) -> None:
    assert _by_type(text)[0] == persons
