"""Names found by the slot they fill, the list they are in or the word for a relative before them (the classes
blind sets 21-36 found): one-kanji staff names, children's given names, rarer family names, Chinese names."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One kanji in a staff slot, before a title, in a role's bracket, introducing itself.
        ("転入先：汐見台１丁目５番地１６\n対応：舟", ["舟"]),
        ("「あのー、汐と申しますけど、住所がですね」", ["汐"]),
        ("4年2組　翔太（姓は南）", ["翔太", "南"]),
        ("12/5　3:40出動　オペレーター：森、平", ["森", "平"]),
        ("12/29 東副班長、谷 圭吾", ["東", "谷 圭吾"]),
        ("町の保健師（東）が面談した", ["東"]),
        ("原です。谷地の坂の下に住んでいます。", ["原"]),
        ("一文で：係長の森から、明日の予定を伝える", ["森"]),
        ("受付者：荻原　→ 9:15 関技師が現地確認", ["荻原", "関"]),
        # who took the call, staff in brackets, a section and a name in a speaker's bracket, a task after an
        # arrow, a section signing a message; 受 of 受電 is nobody
        ("7/15 14:05　受電者 林（環境政策課）", ["林"]),
        ("8/12 11:10　受電 森\n「もしもし", ["森"]),
        ("職員（森）：どんなお手紙か、封筒に", ["森"]),
        ("事務局（多文化共生推進室 東）：いただいた意見は", ["東"]),
        ("・研修の日程 → 林が日程案を作る。", ["林"]),
        ("関係課に伝えておきます。\n多文化共生推進室 東", ["東"]),
        ("14:35 受電　受：横山\nひまわり薬局", ["横山"]),
        ("折り返し先：0995-62-4817（自宅）\n受電者：平", ["平"]),
        ("担当者：森\n記録者：東", ["森", "東"]),
        ("R7.7.10 16:50 受電（平）\n町外の業者", ["平"]),
        ("R7.7.14 健康福祉課窓口（東）\n来所", ["東"]),
        ("森管理者：昨年度の対象は9件", ["森"]),
        ("受電 辻 9:48\n「あの」", ["辻"]),
        ("相手「はい、えっと、サントスです。サントス ジョゼ カルロス。」", ["サントス", "サントス ジョゼ カルロス"]),
        ("相手：あー、シュレスタです。ビカス シュレスタ。会社かわりました。", ["シュレスタ", "ビカス シュレスタ"]),
        ("これはサービスです。サービス 内容は以下", []),
        ("木下さん：母のことなんですけど。", ["木下"]),
        ("（受電：森）\n相手「はい」", ["森"]),
        ("訪問者：保健師 林・社会福祉士 平\n訪問先：", ["林", "平"]),
        ("曜日,午前,午後\n月,林,森\n火,泉,平\n水,堀田,林", ["林", "森", "泉", "平", "堀田", "林"]),
        ("曜日,燃えるごみ,資源\n月,可燃,なし\n火,不燃,缶\n水,可燃,瓶", []),
        ("・長女 中山 和代（旧姓岡田）", ["中山 和代", "岡田"]),
        # A section, an interpreter or the 社協 before a family name.
        ("資料は財政課 堀江まで提出してください。", ["堀江"]),
        ("（保護課 中川ケースワーカーに確認済み）", ["中川"]),
        ("DV相談の記録（中国語での聞き取り、通訳 李）", ["李"]),
        ("・上下水道課（関）：寒波予報。", ["関"]),
        # A rarer one-kanji family name before a listed given name; a Chinese name standing alone.
        ("旧深江村：岩 ハツ\n大島：鯨 一郎", ["岩 ハツ", "鯨 一郎"]),
        ("申込者\t世帯構成\n王 梓涵\t夫婦＋子1", ["王 梓涵"]),
        # A family name the dictionary reads as a word, before a given name it knows.
        ("受任者（支店長）：大橋 誠", ["大橋 誠"]),
        # Children: a labelled list, a day's line, a school year in brackets, after a relative.
        ("1年：ゆうと、ひなた、こはる\n2年：大翔、紬\n3年：Miguel、咲良", ["ゆう", "ひなた", "こはる", "大翔", "紬", "Miguel", "咲良"]),
        ("月曜 そうた ゆい リク\n火曜 そうた メイ", ["そうた", "ゆい", "リク", "そうた", "メイ"]),
        ("ひかりクラブ：湊斗(1) 紬(2) 一花(2) 蓮(4)", ["湊斗", "紬", "一花", "蓮"]),
        ("再交付はできますか？子どもは ひなの、2024年2月29日生まれです。", ["ひなの"]),
        ("うちの孫のそうたが通学でそこを通る", ["そうた"]),
        # A Markdown table of two columns, ruled below its header.
        ("| 氏名 | 電話 |\n|---|---|\n| Siti Rahayu | 09055180342 |\n| Sutrisno | 080 2219 6630 |", ["Siti Rahayu", "Sutrisno"]),
        # A week's roster one day a line, with notes in brackets.
        ("月：西（区民課）、Phan（ベトナム語通訳）\n火：林、坂口\n水：西、ラム（ネパール語通訳）", ["西", "Phan", "林", "坂口", "西", "ラム"]),
        # Remarks signed with who said them.
        ("・「英語の案内があって助かった」 Marco\n・「駐車場が少ない」 無記名\n・「土曜日も開けてほしい」 Phuong", ["Marco", "Phuong"]),
        ("「消火器の使い方がわかってよかった」（ヴォー・ティ・ラン）\n「階段だけなので」（本田）", ["ヴォー・ティ・ラン", "本田"]),
        # A ペット column does not make the next row's name a pet's.
        ("世帯主\t続柄\t氏名\t年齢\tペット\n小池 正樹\t本人\t小池 正樹\t52\t犬1", ["小池 正樹", "小池 正樹"]),
        ("受付：7月8日 学校教育課 窓口（堀江）\n来庁者", ["堀江"]),  # a family name the dictionary reads as a place
        # Titles of a fishery co-op and an agricultural committee glued to the name.
        ("高月職務代理者：女性農業者が少ない。", ["高月"]),
        ("1. 状況：森岡研究員から、水温が高いと報告。", ["森岡"]),
    ],
    ids=[
        "taio-slot", "to-moushimasu", "sei-wa", "operator-list", "vice-leader", "role-bracket", "desu-line",
        "title-no", "engineer", "took-the-call", "took-the-call-spaced", "staff-bracket", "section-speaker",
        "arrow-task", "section-signed", "uke-label", "longer-role", "longer-roles", "call-bracket", "slot-time", "slot-in-bracket", "kana-caller", "kana-caller-last",
        "kana-word-not-caller", "koto-nan",
        "desk-bracket", "manager", "listed-roles", "csv-roster", "csv-not-roster", "maiden-glued", "section-made", "section-caseworker", "interpreter",
        "section-bracket", "rare-family", "chinese", "noun-family", "labelled-list", "day-line", "school-years",
        "kin-spaced", "kin-no", "week-roster", "signed-remarks", "signed-in-brackets", "two-column-table", "pet-header",
        "desk-bracket-place", "title-glued-deputy", "title-glued-researcher",
    ],
)
def test_names_by_slot_list_and_relative(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("東保健師：雪の間だけでも短期入所を検討したい。", "雪"),  # a speaker's role, then speech
        ("出席：福祉部長、保健センター所長", "福祉"),  # fields before a title
        ("高 品質の製品", "高 品質"),  # a Chinese family name's character before a word
        ("　　　陳　情　書", "陳　情"),  # a title spaced out
        ("蓮（3年）　水・金　祖父", "金　祖父"),  # Friday before a relative
        ("秋祭り（汐見くんち）の神輿巡行", "汐見"),  # a festival, not くん
        ("わかばがおか さんちょうめ にのじゅうご", "うめ"),  # kana inside a spoken address
        ("人工透析（火木土）、送迎", "木土"),  # days of the week
        ("12/2\t株式会社みどり不動産\t賃料滞納", "株式会社みどり不動産"),  # a company
        ("11/28 シカ成獣 1頭 大字横田字奥谷口", "谷口"),  # inside a 小字
        ("第1希望：汐見なぎさ保育園", "汐見なぎさ"),  # a nursery's name
        ("月：会議、研修\n火：出張\n水：休み", "会議"),  # a week of work, not a roster of people
        ("「はい」と言った。\n「わかりました」（要約）", "要約"),  # a note on the quotation
    ],
    ids=[
        "speaker-speech", "fields", "zh-word", "spaced-title", "friday", "kunchi", "spoken-address", "weekdays",
        "company", "koaza", "nursery", "work-week", "quote-note",
    ],
)
def test_not_names_in_the_same_places(text: str, word: str) -> None:
    assert word not in _persons(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A family name of two kanji in a slot only a person fills, even where it names a place too.
        ("R7.6.24 10:05　受電：石田\n発信者：三宅 美佐子さん", ["石田", "三宅 美佐子"]),
        ("担当ケアマネは 辻 です。", ["辻"]),
        ("申し送り：サービス提供責任者 上田へ報告済み。", ["上田"]),
        # A word after the role is no one.
        ("記録：作成中", []),
    ],
    ids=["call-taker-two-kanji", "care-manager-desu", "service-lead-he", "word-after-role"],
)
def test_family_names_in_slots_only_a_person_fills(text: str, expected: list[str]) -> None:
    assert [f.text for f in scan(text).findings if f.entity == "PERSON"] == expected
