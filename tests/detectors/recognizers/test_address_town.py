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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A housing estate with building and room, no town before it.
        ("Address: 中央団地7号棟4階407\nTEL", [("ADDRESS", "中央団地7号棟4階407")]),
        ("住所\u3000さくら団地5-102（現在は入所中）", [("ADDRESS", "さくら団地5-102")]),
        ("住所：市営若葉団地B棟三〇二号\n提出期限", [("ADDRESS", "市営若葉団地B棟三〇二号")]),
        ("静江様\u3000県営長岡団地3号棟204号室\n", [("ADDRESS", "県営長岡団地3号棟204号室")]),
        # Public housing by its owner (県営, 市営 … 住宅); the words alone are no one's home.
        ("| 4 | 東 勝 | 県営高見台住宅 7-405 | 更新 |", [("ADDRESS", "県営高見台住宅 7-405")]),
        ("住所：市営北町住宅 A棟 402号室\n相談者は", [("ADDRESS", "市営北町住宅 A棟 402号室")]),
        ("住所：市営本町住宅 A棟 4-402\n電話", [("ADDRESS", "市営本町住宅 A棟 4-402")]),
        # An estate's 住宅 named without its owner, by its building and room; the room said with の; the
        # estate's name starts after a particle the match began at.
        ("名義人：大野 隆 様（南町住宅B棟207号室）", [("ADDRESS", "南町住宅B棟207号室")]),
        ("6/3\t南町住宅A棟201\tAhmed Hassan\t換気扇", [("ADDRESS", "南町住宅A棟201")]),
        ("緑ケ丘住宅3号棟412号室の浴室から漏水", [("ADDRESS", "緑ケ丘住宅3号棟412号室")]),
        ("「北町団地1棟の402の孫のさくらです。", [("ADDRESS", "北町団地1棟の402")]),
        ("4月から南町団地C棟502号室に入居中。", [("ADDRESS", "南町団地C棟502号室")]),
        ("入居者は桜台住宅2号棟305です", [("ADDRESS", "桜台住宅2号棟305")]),
        ("春日団地3号棟101の方", [("ADDRESS", "春日団地3号棟101")]),
        # Not a home: dwellings or people counted after the building.
        ("木造住宅2棟120戸を建設", []),
        ("北町団地3棟45世帯が対象", []),
        # A town in hiragana after the address label.
        ("住所：みずき台5-12-1\n父は単身赴任中", [("ADDRESS", "みずき台5-12-1")]),
        ("市営住宅の入居者募集について教えてください", []),
        # 大字 … 番地 in kanji numerals, above a name read inside it.
        ("千代様\u3000大字長岡八十八番地\u3000☎", [("ADDRESS", "大字長岡八十八番地")]),
        ("被災住家：大字川原字堤下五百十七番地（木造", [("ADDRESS", "大字川原字堤下五百十七番地")]),
        # The dictionary reads the town's first part as a place: 松原 + 台.
        ("ご連絡します。松原台4-1-8に住む者です", [("ADDRESS", "松原台4-1-8")]),
        # Romanised, the block first and the town alone after it.
        ("moved to 4-7-12 Minamidai last month", [("ADDRESS", "4-7-12 Minamidai")]),
        (
            "Address: Room 305, Sakuragaoka Heights, 2-11-4 Sakuragaoka\n",
            [("ADDRESS", "Room 305, Sakuragaoka Heights, 2-11-4 Sakuragaoka")],
        ),
        # A rural 番地 as a bare number after the municipality; a 丁 without 目.
        ("ハル,架空市北新田889,999-0231", [("ADDRESS", "架空市北新田889")]),
        ("母住所 沖縄県うるま市架空原９９８）", [("ADDRESS", "沖縄県うるま市架空原９９８")]),
        ("場所は架空市上野田字東原５５８の畑の角", [("ADDRESS", "架空市上野田字東原５５８")]),
        ("兄、大阪府堺市北区中百舌鳥町2丁118番地）", [("ADDRESS", "大阪府堺市北区中百舌鳥町2丁118番地")]),
        # 大字 or a standalone 字 and a lot number in digits, no 番地.
        ("・原 トメ様　大字小松1450-2　足が悪く", [("ADDRESS", "大字小松1450-2")]),
        ("物件1：字宮ノ前2031　所有者", [("ADDRESS", "字宮ノ前2031")]),
        ("物件2：字宮ノ前2040-1　所有者", [("ADDRESS", "字宮ノ前2040-1")]),
        # Not addresses: 字 inside a word (文字数, 数字) or starting one (字数, 字幕).
        ("字数2000字以内で要約して", []),
        ("字幕1080pで配信", []),
        ("文字数3000で", []),
        # Not addresses: a population, a count, a score, a 団地 without a room.
        ("架空市人口150,000人", []),
        ("団地の集会所で説明会", []),
        ("the score was 2-1 Tokyo", []),
    ],
)
def test_estates_rural_and_romanised(text: str, expected: list[tuple[str, str]]) -> None:
    assert [x for x in _found(text) if x[0] == "ADDRESS"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A building's wing with no room; a town ending in 通り; an estate used as the town name.
        ("| 12/15 | 東 翔 | あけぼの町1-1 あけぼのハイツB棟 |", ["あけぼの町1-1 あけぼのハイツB棟"]),
        ("・岸 孝之様：中央通り5-18-3 岸 文代様方に送付希望", ["中央通り5-18-3"]),
        ("勤務先の寮（工業団地西1-4 第2寮 11号室）", ["工業団地西1-4 第2寮 11号室"]),
        ("転入先：工業団地東2-8 サンライズ寮 B-12", ["工業団地東2-8 サンライズ寮 B-12"]),
        # Said aloud, with の between the town and the 丁目 and before the room.
        ("相手：ひばりが丘の3丁目3番12号の101です。", ["ひばりが丘の3丁目3番12号の101"]),
        # Romanised with the building first.
        ("Corpo Sakura 201, 1-4-9 Sakuragaoka, Kakuu-shi", ["Corpo Sakura 201, 1-4-9 Sakuragaoka, Kakuu-shi"]),
        ("at her flat (Kotobuki-so Room 6, 2-3 Kawabatacho) on Tuesday", ["Kotobuki-so Room 6, 2-3 Kawabatacho"]),
        # An estate's building letter and room after a hyphen; a label before the estate is not in it.
        ("在留カード RT66120453KL、住所 市営中央団地A-105", ["市営中央団地A-105"]),
        ("住所は桜台団地5-212です。", ["桜台団地5-212"]),
        # A town the dictionary reads as a word, before three numbers, standing as a word of its own.
        ("来庁：谷 恭子 さん（共有者の一人、新田3-5-12）", ["新田3-5-12"]),
        ("1. 丸山 和人（中央5-2-1）市県民税 約210万円", ["中央5-2-1"]),
        ("規則5-2-1に基づき、別表2-1-3を参照", []),
        # Not addresses: a place and a 丁目 in a match report, a page range.
        ("東京の2丁目で勝った。", []),
        ("Pages 1-4 Sakuragaoka report", []),
    ],
)
def test_buildings_estates_and_spoken_addresses(text: str, expected: list[str]) -> None:
    assert [t for e, t in _found(text) if e == "ADDRESS"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("住所は、えっと、みなみだいの3の12の5です。", ["みなみだいの3の12の5"]),
        ("相談者：桜台二丁目の四番の十五号です。", ["桜台二丁目の四番の十五号"]),
        ("えっと、ひがしまち、東町の1の3の9です。", ["東町の1の3の9"]),
        ("資料の3の1の2を見て", []),
        ("そのの1の2の3", []),
    ],
)
def test_addresses_said_aloud(text: str, expected: list[str]) -> None:
    assert [t for e, t in _found(text) if e == "ADDRESS"] == expected


def test_cells_of_an_address_column_are_addresses() -> None:
    text = (
        "フリガナ\t氏名\t番号\t住所\nｲｹﾀﾞ ﾏｻﾙ\t池田 勝\t118402\t中央3-14-2\n"
        "ﾊﾗ ﾅｵｺ\t原 直子\t118490\t中央５－２－１８ コーポ中央２０１\n"
    )
    assert [t for e, t in _found(text) if e == "ADDRESS"] == ["中央3-14-2", "中央５－２－１８ コーポ中央２０１"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A district and a lot number, with a building or a second number; a building and its room alone.
        ("4 岩 正男 網代浜102-6 息子と同居", ["網代浜102-6"]),
        ("| UJ70254193GB | 網代浜２１０ 第二寮６号室 |", ["網代浜２１０ 第二寮６号室"]),
        ("宮 智也　浜団地1号棟-203", ["浜団地1号棟-203"]),
        ("栗花落 努　中瀬ハイツ102（大字中瀬510-1）", ["中瀬ハイツ102", "大字中瀬510-1"]),
        # 大字 and 字 parted by spaces, or said with の.
        ("西 愛子　大字網代浜 字浜田 四〇番地", ["大字網代浜 字浜田 四〇番地"]),
        ("相手：大字中瀬の四百十二番地です。", ["大字中瀬の四百十二番地"]),
        # A 大字's lots parted by 甲 and 乙, with the 番地 written out and no 字.
        ("新代表者：菊池 隆之（上松乙77番地）", ["上松乙77番地"]),
        ("住居：柑子谷甲45番地1 離れ", ["柑子谷甲45番地1"]),
        ("正しくは 上松甲930番地2。", ["上松甲930番地2"]),
        ("甲第1号証のとおり、契約の甲乙は双方協議する", []),
        # A lot number alone in an address column.
        ("区,氏名,住所,電話\n上野原,北村 ヨネ,上野原１０２３,0997-41-2207\n網代浜,沖 キヌ,網代浜１２－９,0997-41-2208", ["上野原１０２３", "網代浜１２－９"]),
        # Not addresses: a score, a count, a month, a meeting room.
        ("東京2-1で勝利。人口1200人。会議は東京 2023-12 に。会議室305で。", []),
        ("情報政策課の 松田 さん（内線3104）か、堤さん（携帯3000）まで", []),  # a telephone's kind, not a district
        # A district and a bare lot number where a home is written: after a label, in brackets after someone,
        # in a list's column after a name, or a district the text names as one (上野区).
        ("場所：大平1207の自宅裏の畑", ["大平1207"]),
        ("物件：入山1380（築約80年、土蔵あり）", ["入山1380"]),
        ("宮澤 舞さん（日向1187、屋号「油屋」）：子 陸くん", ["日向1187"]),
        ("本人：森 トヨさん（91、宮原1450）、特養に入所中", ["宮原1450"]),
        ("栗林 タケ様　奥沢３３０　T15.5.5生", ["奥沢３３０"]),
        ("4 小池 正樹　上川原412", ["上川原412"]),
        ("入山区の火災。火元は入山1408の畑", ["入山1408"]),
        # A 大字 without the word, then 字, the 小字 and a lot number; with its prefecture and town before it.
        ("4. ﾋｶﾞｼ ﾁﾖ 大浜字浜通り7 インターホン故障", ["大浜字浜通り7"]),
        ("源治さんは寺浜字大沢3-14で一人暮らし。", ["寺浜字大沢3-14"]),
        ("〒988-0512\n宮城県本吉郡汐浜町大浜字浜通り12\n畠山 キミ 様", ["宮城県本吉郡汐浜町大浜字浜通り12"]),
        ("文字12個、数字3桁、英数字12文字以内", []),
        # Not where a number is a count, an amount or a code.
        ("定員：1500、合計1500、上野1500円、受付番号：新規1234、担当：田中　会議室1500", []),
    ],
)
def test_districts_lots_and_rooms(text: str, expected: list[str]) -> None:
    assert [t for e, t in _found(text) if e == "ADDRESS"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A town the dictionary reads as a family name, before a block no score looks like.
        ("場所：中島4-2-17\n内容：床下の泥出し", ["中島4-2-17"]),
        ("住所は「下川原3丁目の12の7」です", ["下川原3丁目の12の7"]),
        # Said aloud and written down in kana.
        ("相手：わかばがおか さんちょうめ にのじゅうご です", ["わかばがおか さんちょうめ にのじゅうご"]),
        ("住所はね、おおあざかみのはら、あざなかむら、せんにひゃくさんばんち。", ["おおあざかみのはら、あざなかむら、せんにひゃくさんばんち"]),
        ("住所がですね、みなと町のにの十五の三、えー", ["みなと町のにの十五の三"]),
        # Romaji: Hokkaido's 条 and 丁目, a 字 between the lot and the 大字, Aza alone.
        ("I moved from 3-7 Kita 5-jo Nishi 2-chome, Horonibetsu to Sapporo", ["3-7 Kita 5-jo Nishi 2-chome, Horonibetsu"]),
        ("Address: 51-2 Kawabata, Oaza Nakamura, Iwanari-machi.", ["51-2 Kawabata, Oaza Nakamura, Iwanari-machi"]),
        ("I moved to Shionami-cho Aza Higa 51 last month.", ["Aza Higa 51"]),
    ],
    ids=[
        "family-name-town", "chome-spoken",
        "kana-chome", "kana-oaza", "kana-numbers", "romaji-jo", "romaji-oaza-aza", "romaji-aza",
    ],
)
def test_spoken_and_family_name_towns(text: str, expected: list[str]) -> None:
    assert [t for e, t in _found(text) if e == "ADDRESS"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A 番地 block near an insurance card's label is still the block.
        ("宮下さん宅の住所表記が、介護保険証では「旭ケ丘2-4-15」", [("ADDRESS", "旭ケ丘2-4-15")]),
        # Hokkaido lots on a line of the survey grid, and the grid's 線・号.
        ("所在地：北海道上川郡清水町字羽帯南9線42番地", [("ADDRESS", "北海道上川郡清水町字羽帯南9線42番地")]),
        ("住所：北海道中川郡幕別町字千住南9線186番地", [("ADDRESS", "北海道中川郡幕別町字千住南9線186番地")]),
        ("東3線沿いの除雪", []),
        # An estate after a name and 様の: the estate, not the honorific.
        ("入居者 小池 千代 様の栄団地C棟201号室について", [("ADDRESS", "栄団地C棟201号室")]),
        # After a prefecture and a municipality, a town ending in any character and a bare lot number.
        ("現在は実家（熊本県玉名市岱明町野口714）に身を寄せている。", [("ADDRESS", "熊本県玉名市岱明町野口714")]),
        ("東京都千代田区役所2025", [("LOCATION", "東京都千代田区")]),
        # A lot said aloud with の, after a word the dictionary reads as a family name.
        ("あのね、上原1127の4のひろせさんね", [("ADDRESS", "上原1127の4")]),
    ],
    ids=["insurance-label", "sen-banchi", "sen-banchi-2", "line-alone", "estate-after-sama", "pref-lot", "city-office", "spoken-lot"],
)
def test_blocks_lines_and_estates(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected
