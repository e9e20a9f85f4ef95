"""Given names after a relative or an introduction, in the languages residents write in, and signatures."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return sorted(f.text for f in scan(text).findings if f.entity == "PERSON")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Hangul and Chinese after a relative; a signature.
        ("그리고 저와 딸 서윤이는 계속 일본에 삽니다.", ["서윤"]),
        ("남편 이준호가 대신 가도 됩니까?", ["이준호"]),
        ("저는 작년 4월부터 살고 있습니다.", []),
        ("我和丈夫孙浩下个月要申请永住。", ["孙浩"]),
        ("我们的孩子李子涵是2024年9月18日出生的。", ["李子涵"]),
        ("我的电话：090-3385-2719\n王秀英 敬上", ["王秀英"]),
        # Latin letters after a Japanese word for a relative.
        ("人工透析（週3回）,娘Juliana 080-2219-6541", ["Juliana"]),
        # English, Portuguese, Indonesian, Tagalog.
        ("I have a son, Yuto, he is 6.", ["Yuto"]),
        ("Our baby Sofia was born on October 3.", ["Sofia"]),
        ("Regarding your wife Sarita's pregnancy, you can apply.", ["Sarita"]),
        ("Hello, my name is Maricel. My card expired.", ["Maricel"]),
        ("Staff (Takeuchi) explained the plan.", ["Takeuchi"]),
        ("Quero matricular o filho Lucas na escola.", ["Lucas"]),
        ("Saya dan suami Agus Setiawan bekerja di pabrik.", ["Agus Setiawan"]),
        ("Ang anak ko si Joshua ay 5 taong gulang.", ["Joshua"]),
        ("My son, he is 6. Your wife, Ms. and the child", []),
    ],
)
def test_relatives(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A child's given name alone after the word for the relation and ・, a colon or a bracket.
        ("小学校３年の長男・湊は自閉スペクトラム症の診断を受けています。", ["湊"]),
        ("上の子（凛、小学2年）がいますが、第2子として申し込みます。", ["凛"]),
        ("同一世帯で長男（湊、小３）も転入。", ["湊"]),
        ("子：王 子涵（1歳3か月）", ["王 子涵"]),
        ("息子・りくは給食だけ食べて帰る。", ["りく"]),
        # What the bracket holds instead of a name; kin words inside other words.
        ("長男（同居）、長女（県外）とも連絡が取れる。", []),
        ("長男（小３）と長女（年長）の二人。", []),
        ("長男（会社員、45歳）が同居。", []),
        ("男子・女子は別々に集合してください。", []),
        ("妻・子は実家に身を寄せている。", []),
        ("市長男女共同参画推進本部", []),
    ],
)
def test_a_given_name_after_a_japanese_relation(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Korean name beside its hanja or Japanese form, alone in Japanese text, or introduced in hanja.
        ("안녕하세요. 저는 朴 志勲（박지훈）です。", ["朴 志勲", "박지훈"]),
        ("메종 305호에 살고 있는 김민준(金 珉俊)입니다.", ["金 珉俊", "김민준"]),
        ("母から「ハングルでは박준호」と説明あり。", ["박준호"]),
        ("氏名：김 서연（KIM SEOYEON）", ["KIM SEOYEON", "김 서연"]),
        # A Korean word glossed in brackets is not a name.
        ("이메일(이메일)로 보내 주세요.", []),
        ("시청 시민과 담당자님께", []),
    ],
)
def test_korean_names_beside_another_form(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ネットが来ない。もう3回目の連絡です。\u3000日向」", ["日向"]),
        ("以上、よろしくお願いします。\n日向", ["日向"]),
        ("明日、ケアマネと同行訪問します。\n寒河江\n\n> ----- 以下、前回", ["寒河江"]),
        ("Best regards,\nO. Adebayo\n080-6621-0947", ["O. Adebayo"]),
        ("Obrigado,\nRodrigo", ["Rodrigo"]),
        ("Regards,\nH. P. Adhikari", ["H. P. Adhikari"]),
        # Closing words and offices are not signatures; a mail's To: after a name ending in 子 is no child's.
        ("From: 総務課 情報係 松井 亜希子\nTo: 全課長\n件名：【周知】", ["松井 亜希子"]),
        ("ご確認ください。\n以上", []),
        ("よろしくお願いします。\n敬具", []),
        ("Sincerely,\nChild Support Division", []),
        ("Salamat po!\nContact: jocelyn@example.com", []),
    ],
)
def test_signatures(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A one-kanji family name before a title, with a given name in kana, or alone at a signature.
        ("・南係長より、窓口アンケートの結果報告", ["南"]),
        ("平主任は、道路交通法違反で処分を受けた。", ["平"]),
        ("12月から宮 ゆかり主事が引き継ぐ。", ["宮 ゆかり"]),
        ("扶養親族：西 ひなた（平成22年9月9日）", ["西 ひなた"]),
        ("なぜうちの所だけ古いままなのですか。\n森\nk.mori@example.jp", ["森"]),
        ("必要な書類を教えてください。\n関（内線 4321）", ["関"]),
        # A family name before と申します or と名乗る.
        ("電話受付の方は「谷」と名乗っていました。", ["谷"]),
        ("相手：あの、原と申します。", ["原"]),
        # Not names: a prefix before a title, a word before と申します.
        ("、本部長が説明した。各課長は出席のこと。", []),
        ("以上と申します。", []),
        ("山に登った。\n森\n川", []),
    ],
)
def test_one_kanji_family_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Latin names with the person's sex, a Spanish title, c/o, a hyphenated given name in capitals.
        ("1. SUTRISNO（男）1999年7月1日\n2. Wahyudi（男）2000年12月24日", ["SUTRISNO", "Wahyudi"]),
        ("Sr. Luis Alberto Ramírez Gómez came for 印鑑登録.", ["Luis Alberto Ramírez Gómez"]),
        ("旭町2-7-1 グリーンコーポ旭102 Oliveira方", ["Oliveira"]),
        ("11/27 KANG JI-WON（姜 知媛）", ["KANG JI-WON", "姜 知媛"]),
        ("児童氏名：GURUNG AARAV（フリガナ：グルン アーラブ）", ["GURUNG AARAV", "グルン アーラブ"]),
        # A roster: names and the days they stand for, two of them found on their own.
        (
            "登録者の一覧です。\n\nSiddharth Rao 月・水\nAyesha Begum 土\n三宅 紗季 月・土\nNurlan 日",
            ["Ayesha Begum", "Nurlan", "Siddharth Rao", "三宅 紗季"],
        ),
        ("ごみ収集日\n本町 月・木\n旭町 火・金\n緑町 水・土", []),
        ("NPO（父）", []),
    ],
)
def test_latin_names_in_lists_and_rosters(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("対象：\n- Putri Anggraeni（帰国予定 12/20）\n- Agus Setiawan（帰国予定 12/20）", ["Agus Setiawan", "Putri Anggraeni"]),
        ("The members are:\n- Arjun Mehta (Interpreter)", ["Arjun Mehta"]),
        ("Interpreter (Tagalog): Joy Mendoza.", ["Joy Mendoza"]),  # the language interpreted is no name
        # Items of English words are no names.
        ("持ち物：\n- Residence Card（在留カード）\n- Health Insurance Card\n- Bank Book（通帳）", []),
        ("- Tax Office (税務署)\n- City Hall\n- Google Chrome（ブラウザ）", []),
    ],
)
def test_latin_names_as_list_items(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Children's given names in hiragana beside a name found, after a label, and again in the text.
        ("12/4 ひよこ組\n・そうた、ゆい、陽翔が園庭で落ち葉集め。", ["そうた", "ゆい", "陽翔"]),
        ("関係生徒：りく、そうすけ（同じクラス）\n休み時間にりくとそうすけが", ["そうすけ", "りく", "りく"]),
        # Not after と, not a pronoun or a conjunction, not inside a longer word.
        ("山田とともに出かけた。山田・ともに。", ["山田", "山田"]),
        ("山田です。なお、来週は休み。ただし、鈴木は除く。", ["山田", "鈴木"]),
        # A duty roster.
        ("| 日付 | 日直 | 宿直 |\n|---|---|---|\n| 12/29 | 森 | 谷 |\n| 12/30 | 平 | 原 |", ["原", "平", "森", "谷"]),
    ],
)
def test_kana_given_names_and_rosters(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One-kanji family names alone in a person's slot, before 議員.
        ("救急隊長：宮\n経過：市立病院へ搬送。", ["宮"]),
        ("状況：転倒。夜勤者 平 が発見。", ["平"]),
        ("◆12番（東議員）　輪番制になると", ["東"]),
        ("私用車を運転中に検問で", []),
        # Latin names: a romanised honorific, a trainee, Tagalog, Hangul with its romanisation, 請求者.
        ("Hi Mori-sensei,\nDuring the lesson", ["Mori"]),
        ("1-4-9 Sakuragaoka, Kakuu-shi", []),
        ("弊社の実習生 Sutrisno が、12月20日に帰国します。", ["Sutrisno"]),
        ("i-enroll ang anak kong si Angelo sa nursery. Ang anak ko si Joshua ay 5.", ["Angelo", "Joshua"]),
        ("相手：박서연（PARK SEOYEON）さん", ["PARK SEOYEON", "박서연"]),
        ("請求者：José Luis Quispe Mamani（ペルー）", ["José Luis Quispe Mamani"]),
        # A relative's label with の, a reading after よみ：.
        ("子の氏名：张 子涵（よみ：チョウ シカン）", ["チョウ シカン", "张 子涵"]),
        ("犬の名前：マロン", []),
        # Name columns headed in hiragana or by a reading.
        ("| なまえ | 月 | 火 |\n|---|---|---|\n| みお | ○ | ○ |\n| 凛 | ○ |  |\n| Gabriel |  | ○ |", ["Gabriel", "みお", "凛"]),
    ],
)
def test_names_in_slots_labels_and_columns(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our trainees Agus, Wahyudi and Putri Lestari will arrive in May.", ["Agus", "Putri Lestari", "Wahyudi"]),
        ("うちの実習生のAgusとYantoが、明日役場に行きます。Yantoは日本語が少しわかります。", ["Agus", "Yanto", "Yanto"]),
        ("Our workers The Team will come.", []),
        ("例）「ポチ」ちゃん（柴犬・オス）は、狂犬病予防注射を", []),
    ],
)
def test_groups_of_latin_names_and_pets(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("南側の空き地は。\n辻（事務局）：南側は県の用地です。", ["辻"]),
        ("大字上野原２２０８番地に住んでいる岡です。先週の放送が", ["岡"]),
        ("10月　担当ケースワーカー四十物が家庭訪問。", ["四十物"]),
        ("・母（関 ハツ）の年金で二人暮らし。", ["関 ハツ"]),
        ("夫（予定）：SILVA Joao Pedro\n父（故人）、母（同居）、妻（パート）", ["SILVA Joao Pedro"]),
        # A district's head addressed by the district is no person; a person with the title is.
        ("上野原区長　様\n小浦区長　様", []),
        ("出席：林 武（上河原区長）\n林区長：上河原の集会所は。", ["林", "林 武"]),
    ],
)
def test_speakers_residents_and_district_heads(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("子：蓮（小2）、心愛（4歳）\n元夫からのDVで", ["心愛", "蓮"]),
        ("請求対象：황지민（黄 智敏、HWANG Ji-min）", ["HWANG Ji-min", "黄 智敏", "황지민"]),
        ("・ソヨン（1年）　母 이수진 070-3825-5160", ["ソヨン", "이수진"]),
        ("相談者：Dewi（インドネシア国籍、30代）", ["Dewi"]),
        ("前住所：12 Nguyen Trai Street, Thanh Xuan District, Hanoi", []),
    ],
)
def test_children_hangul_and_single_latin_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("停留所「北山橋」：りこ（1年）\n停留所「沢口公民館前」：Nicolas（3年）、湊（6年）", ["Nicolas", "りこ", "湊"]),
        ("12/2 つむぎ（1歳）母 鶴見 あかり", ["つむぎ", "鶴見"]),
        ("Name: HUANG Li-Ting（黃麗婷）", ["HUANG Li-Ting", "黃麗婷"]),
        ("学年（1年）の集計。令和（6年）。", []),
    ],
)
def test_childrens_names_with_a_school_year(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("次回は 森・林の2名で訪問する。東・西の2名。", ["林", "森"]),
        ("延長保育をお願いできますか。母の峰です。", ["峰"]),
        ("受付：南　入力：北", ["北", "南"]),
        ("Regards,\nChen Jiahao (陈佳豪)", ["Chen Jiahao", "陈佳豪"]),
        ("Budi（インドネシア語）070-3381-5200", ["Budi"]),
        ("子ども2人（Joshua 8歳、Angel 5歳）。", ["Angel", "Joshua"]),
        ("・蓮（2年）母 泉 さやか\n・Rizky（3年）", ["Rizky", "泉 さやか", "蓮"]),
        # An organisation, an animal, a forest road, a language are no names.
        ("11/25 地域包括支援センター 藤井、社協 熊田と協議。", ["熊田", "藤井"]),
        ("クマの出没情報を週報の表に\n12/1 大字奥沢 向山林道 成獣1頭", []),
        ("박 서연（韓国語）090-8835-0127", ["서연"]),
    ],
)
def test_pairs_relatives_languages_and_animals(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("委員：待合室の改修は。\n堀港湾課長：来年度当初予算で要求中です。", ["堀"]),
        ("本港湾課長が説明。", []),
        ("先月から生活保護を受給している。ケースワーカーは浜。", ["浜"]),
        ("出席：ケアマネ 森、ヘルパー 林、長男", ["林", "森"]),
        ("係長 泉より連絡。", ["泉"]),
        ("汐見重工総務部の星です。説明会をお願いしたく", ["星"]),
        ("第2分団（大島）：浜 直樹\n第3分団（小島）：佐藤 弘", ["佐藤 弘", "浜 直樹"]),
        ("Zhang Wei（中国）", ["Zhang Wei"]),
    ],
)
def test_staff_in_more_slots(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected
