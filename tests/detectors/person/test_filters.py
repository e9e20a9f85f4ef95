"""Spans shaped like names that are something else: a district after 大字 or 字, a 団地 or 荘, an English title."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 大字 and 字 name districts: what follows is a place, even a word the dictionary knows as a surname.
        ("大字上河原　対象54世帯　配布済み30", []),
        ("配布先：若宮町四丁目、大字上河原、字宮ノ前", []),
        # 名字 and 文字 are words of their own: a name after them stays a name.
        ("名字：上河原 健一（かみかわら）", ["上河原 健一", "かみかわら"]),  # the reading is the name too
        # A span ending in a kind of place is that place.
        ("小松団地：排水詰まり 3件\n浦田団地：給湯器不良 1件", []),
        ("| SILVA Roberto Carlos | 旭町3-17-2 旭荘203 |", ["SILVA Roberto Carlos"]),
        # The person beside the place is still found.
        ("大字上河原の民生委員 上河原 健一さんから連絡", ["上河原 健一"]),
        # A Hokkaido -betsu place the dictionary reads as a surname and a word (江丹|別).
        ("清水委員：江丹別地区や志比内地区のように除雪が遅れがち", ["清水"]),
        ("主治医：江丹別診療所 渡辺医師", ["渡辺"]),
        ("佐藤さんとは別の件で", ["佐藤"]),
        # A bank, its branch or a business named in English; an account's state in a CSV; a column header.
        ("Bank: Toun Bank, Shinjuku Branch, Ordinary 6601235", []),
        ("From: Sunrise Translation LLC, 4-7-2 Nishi-Shinjuku", []),
        ('"Muhammad Rizky Pratama",m.rizky@city.example.jp,情報政策課,Disabled', ["Muhammad Rizky Pratama"]),
        ("| 氏名 | 所属 | 用務地 | 交通費 | 日当 |", []),
        ("Dear Ms. Branch, thank you", ["Branch"]),
        # A children's club named after its district, a section before its head's title, a faith's name.
        ("16:20 若葉っ子クラブ支援員 上田より保育課へ電話", ["上田"]),
        ("○学校教育課長　日本語初期指導教室の件", []),
        ("○田中課長　検討します", ["田中"]),
        ("出席：北 浩一課長、南 由香係長、畑 拓海", ["北 浩一", "南 由香", "畑 拓海"]),
        ("信仰上の理由（エホバの証人）により、輸血を拒否", []),
        # A disease named after a physician; a credit union the dictionary cut after 信.
        ("診断：レビー小体型認知症（寺田クリニック）", []),
        ("医者には去年アルツハイマーって言われてる", []),
        ("振込先：南和信用金庫 架空支店 普通 3051726", []),
        # A clinic named after its family; the eras a blank form offers.
        ("医療法人松田会 松田産婦人科の受付", []),
        ("田中内科の田中先生に相談", ["田中"]),
        ("生年月日：昭和・平成・令和　　年　　月　　日", []),
        # A form's name (様式 is no honorific), a mascot, a shop named by its kind first, a pet.
        ("心肺停止事案の記録です。ウツタイン様式の項目に沿って並べ直して", []),
        ("団のマスコット「まもるくん」も来るよ", []),
        ("店舗名,業種\nそば処 玉城,飲食\nカフェ ゆうな,飲食\nベーカリーいのうえ,製パン", []),
        ("所有者,電話,犬の名前\n森 勝,0997-92-1043,タロウ\n新垣 哲,090-5508-2213,ジョン", ["森 勝", "新垣 哲"]),
        ("所有者氏名：平 勇作\n犬の名前：ハナ　種類：雑種", ["平 勇作"]),
        # A historic house, a clan, a district before its head, a funeral hall, a publication, a dialect word,
        # a business called by its kind, an office desk, a building named after its place.
        ("市指定文化財「旧中井家住宅」（主屋・土蔵）について", []),
        ("新垣門中の代表はいま私がやってる", []),
        ("前原区長 東 政信、上城区長 元 義則", ["東 政信", "義則"]),
        ("発信：セレモニーホールくまがい 熊谷さん", ["熊谷"]),
        ("市の統計データ集「あおば」の発行", []),
        ("うちは一人暮らしやけん、書くことなんかなかよ。", []),
        ("会社さんから私の方に連絡がありまして", []),
        ("都合の悪い日を庶務担当へ。", []),
        ("転居先（若林区荒井東1-6-2 パークハウス荒井508）", []),
        ("死亡者の夫（既に死亡）", []),
    ],
    ids=[
        "oaza-row", "aza-list", "myoji-label", "danchi-rows", "so-building", "person-beside-district", "betsu-district",
        "betsu-clinic", "betsu-word", "bank-branch", "llc", "account-state", "header-row", "surname-branch", "kko-club",
        "section-head", "family-head", "full-name-head", "faith",
        "eponym-lewy", "eponym-alzheimer", "credit-union", "clinic", "clinic-and-doctor", "eras",
        "yoshiki", "mascot", "shops", "pet-column", "pet-label",
        "heritage-house", "monchu", "district-head", "funeral-hall", "publication", "dialect-ken", "kaisha-san",
        "shomu", "building-place", "sude-ni",
    ],
)
def test_places_shaped_like_names_are_not_persons(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ryan Kumar (came with his wife, Mrs. Priya Patel)", ["Ryan Kumar", "Priya Patel"]),
        ("Dr. Tanaka will call back.", ["Tanaka"]),
    ],
    ids=["mrs", "dr"],
)
def test_an_english_title_is_not_the_name(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title, a relation, a party or a service in a name's place, whichever detector took it.
        ("1歳6か月児健診の結果、保健師さんの手書きメモを清書してください。", []),
        ("○杉浦ケアマネ　デイサービスは週2回利用中です。", ["杉浦"]),
        ("○神保委員　長男さんが隣町にいるが、月に一度来るかどうか", ["神保"]),
        ("受付時の通話は約15分。申立人はかなり憤慨していました。", []),
        ("長女（別世帯、名古屋市在住）とは年に数回連絡あり。", []),
        # A one-character family name is kept: 関 is a name here.
        ("選挙人名簿への登録を確認済み（選管 関さん）", ["関"]),
        # Labels and words in a name's place: where a car went, what someone wants, a year's head teacher,
        # a sender who gave no name.
        ("7/1 運転者 村上 行先 北部清掃工場 走行18km", ["村上"]),
        ("祖母の希望：児童扶養手当の申請", []),
        ("出席：生徒指導主事 広瀬、学年主任、SC", ["広瀬"]),
        ("申出人：匿名希望（緑ケ丘三丁目在住の女性）", []),
        # A school by its short name, with a pupil's year after it; one called by name stays a name.
        ("生徒：千田 美咲（北中3年）", ["千田 美咲"]),
        ("北中さん（3年担任）", ["北中"]),
        # A place or a country in English.
        ("Aya Sakamoto, Kaku City Children and Family Division", ["Aya Sakamoto"]),
        ("The delegation will travel to the United States next spring.", []),
        # A role ending the finding; a romanised district before its town; a cherry's name.
        ("通報者：デイサービス職員（匿名希望）\n本人：菅原 タケさん", ["菅原 タケ"]),
        ("Her family's house is at 58 Kamino Nakajima, Kaku-machi, Yamagata.", []),
        ("返礼品：佐藤錦 1kg、つや姫 5kg", []),
        # The last character of a town before its head's title; a one-kanji name before it stays a name.
        ("波照町長 比嘉 康夫", ["比嘉 康夫"]),
        ("林町長が挨拶した。", ["林"]),
        # A co-op's branch and a neighbourhood association named after its district.
        ("振込先：JAみさき 山辺支所 普通 2084716", []),
        ("申請団体：大沢第二自治会（代表 鎌田 一男）", ["鎌田 一男"]),
        # Boats, a district's group, a desk's short name, a boat's owner, homes and a programme named in kana.
        ("2,宮下 勝,勝丸,網代浦1-7,北灘漁協", ["宮下 勝"]),
        ("3,岡 義男,第三義丸,大浦乙1020番地", ["岡 義男"]),
        ("有第07-018号,森 健太,岩谷班,9,6,1", ["森 健太"]),
        ("北村が住記担当と連携方法を相談する。", ["北村"]),
        ("所属：第八拓栄丸（船主 浜口 拓海）", ["浜口 拓海"]),
        ("利用施設：乳児院 あいの家", []),
        ("市の健康づくり事業「あゆみ」（ウォーキング）", []),
        # A word that ends in さん; a clinic named after its family with whom it serves between.
        ("「こくほの手紙、来ました。お金、たくさん。なぜ？」", []),
        ("松田こどもクリニック（蕨市）と岩崎耳鼻咽喉科（戸田市）が加わりました。", []),
        # Shops named by their kind glued to a name; a mascot wherever its name recurs; an open-call member;
        # an account in a company's name; an office and a company in English.
        ("・フレッシュ中村（ペットボトル）\n・ホームセンターいしはら（乾電池）\n・うどん処たけうち", []),
        ("マスコット「すいちゃん」と収集車の会話。すいちゃんは水道水のしずくの妖精", []),
        ("委員 Andrew Mills（公募）", ["Andrew Mills"]),
        ("名義：会社名義", []),
        ("Contact: Hiroshi Kuroda, General Affairs, Kamiichi Seiko Co., Ltd.", ["Hiroshi Kuroda"]),
        # A restaurant by its cuisine, in either script; a nickname proposed for a thing.
        ("・Restaurante Silva（ブラジル料理）\n・ネパール料理 ラナ（カレー）", []),
        ("キーホルダーの愛称を「まもるくん」にする案", []),
        # A firm named after its family; a scheme's nickname in quotes; a section's head stays a name.
        ("見積を市内の斎藤印刷と、高橋建設から取りました。", []),
        ("メンター制度「あゆみ」もあります。", []),
        ("高橋建設課長が説明した", ["高橋"]),
        # A counselling office, a circle and a children's service named after a family or a word; a desk's business.
        ("同席：相談支援専門員 竹内 修平さん（相談室たけうち）\n要約筆記サークルあゆみ 代表\nハッピーキッズ吉村では", ["竹内 修平"]),
        ("対応：村上（手帳・手当係）。問い合わせ：給付係 直通", ["村上"]),
        # A place in a facility after its name, a word in kana after 相談者の, a telephone's kind in a bracket.
        ("会場：架空市保健センター 駐車場（献血バス）\n担当 馬場（内線）", ["馬場"]),
        ("・生活支援課：相談者のなかに希死念慮を訴える人が増えている。相談者のさとうさんから電話", ["さとう"]),
        ("議会事務局 議事係（内線 7312）", []),
        # A district named 上・下 and a family name, with no honorific after it; with one it is a person.
        ("陳情第６号　上川原の排水路改修について\n対象：上川原、下川原、八幡町", []),
        ("上川原さんから電話", ["上川原"]),
        # A title read as the end of a given name after a kanji split off (上|田保|健師): the name is 上田.
        ("講師：福祉課 保健師 上田 千尋\n上田保健師が、お話しします。", ["上田 千尋", "上田"]),
        # A facility named with a word read as a name; an event or a service named in quotes.
        ("対象事業：特別養護老人ホーム 寿楽園の運営費補助", []),
        ("住まいの相談会「すまいる・あおい」のご案内\n見守りサービス「はるか」", []),
        # Schools by their short names, a clinic cut inside 小児科, who runs a nursery, a way of reading.
        ("・11/27（木）終日 東中・西中\u3000長尾さん\n堀小児科クリニック\nさくら保育園（私立）\n指数の見方", ["長尾"]),
        ("東中さんから電話", ["東中"]),
    ],
    ids=[
        "title-san", "service-after-speaker", "kin-san", "party", "household", "one-kanji-kept", "destination",
        "wish", "year-head", "anonymous", "school-year", "school-called", "latin-city", "latin-country", "role-ending", "latin-district", "cherry", "town-head",
        "named-head", "co-op", "association", "boat", "boat-numbered", "group", "desk", "boat-owner", "home-kana",
        "programme-quoted", "takusan", "clinic-kodomo", "shops-glued", "mascot-recurs", "open-call", "company-account",
        "english-office", "restaurants", "nickname-proposed", "firms", "scheme-quoted", "section-head",
        "offices-glued", "desk-business", "facility-place", "kana-after-no", "extension", "upper-lower-district", "upper-lower-person",
        "title-split-off", "facility-named", "event-quoted", "school-short-names", "school-short-person",
    ],
)
def test_words_in_a_names_place_are_not_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("対象者：畑中 茂さん（80代、独居、寺町在住）", ["畑中 茂"]),
        ("To: Ms. Fatima Zahra Benali\nCorpo Sakura 201, 1-4-9 Sakuragaoka", ["Fatima Zahra Benali"]),
    ],
    ids=["residence", "latin-building"],
)
def test_where_someone_lives_is_not_a_name(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A transcript's speakers: what follows the label is speech, not a name.
        ("職員：お名前を。\n来庁者：はい、やまぐち ひろしです。\n職員：ご住所は。\n来庁者：みなみだいです。", ["ひろし"]),
        ("職員：はい。\n相談者：あの、母のことで。\n職員：どうぞ。\n相談者：最近、物忘れが。", []),
        ("通報者：えっと、東町です。", []),
        # Pets, shops, associations, a column of places.
        ("写真コーナーは柴犬の「モモ」ちゃん、保護猫の「タマ」くんでした。※飼い主さんの同意を得て掲載。", []),
        ("協賛：森田精肉店、関谷酒店、はやし書店", []),
        ("社会福祉法人 森の里会 デイサービス森の里", []),
        ("| 大字 | 面積 | 遊休 |\n|---|---|---|\n| 上野 | 412.5 | 38.2 |\n| 下野 | 298.1 | 41.7 |\n| 川原 | 176.4 | 12.9 |", []),
        # A name the dictionary cut before 長 is still a name.
        ("福田彩会長が来た", ["福田彩会"]),
    ],
    ids=["dialogue-name", "dialogue-speech", "interjection", "pets", "shops", "association", "place-column", "before-cho"],
)
def test_speech_pets_shops_and_places_are_not_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A town's own districts, written as places elsewhere in the text (大字小浦, 小浦集会所, 上野原公民館).
        ("指定避難所\n上野原：上野原公民館\n網代浜：網代浜漁村センター\n小浦：小浦集会所", []),
        ("上野原区長　様\n中瀬区長　様\n小浦区長　様", []),
        ("対象：大字上野原の全域と大字中瀬のうち西ノ坊", []),
        ("対象：網代浜・小浦の沿岸部全域\n避難先：網代浜神社境内", []),
        ("西ノ坊・堂前の集落にお住まいの方は", []),
        ("地区別：本町 24世帯、網代浜 18世帯、上野原 11世帯", []),
        # A person of the same name, called so, stays a person.
        ("上野さんは上野公民館の館長。", ["上野"]),
        # Column headers, a shop or fishery, a section, a harbour.
        ("No. 氏名 住所 備考\n1 宇佐美 トメ 大字上野原字堂前１２", ["宇佐美"]),
        ("・森商店の干物、林水産のしらす、東屋旅館の磯料理", []),
        ("税務課主査 丸山 剛（現 住民課）", ["丸山 剛"]),
    ],
    ids=["districts", "district-heads", "part-of-oaza", "pair", "settlement-pair", "households", "called-person", "header-row", "businesses", "section"],
)
def test_a_towns_districts_and_headers_are_not_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上野原、奥沢、杉平、下平の4つの大字の読み方を、ローマ字で", []),
        ("区域\t民生委員\t電話\n中村\t林義男\t0265-88-1276\n向山・滝ノ上\t原田 静江\t0265-88-6012\n宮ノ前\t西 孝\t0265-88-4490", ["林義男", "原田 静江", "西 孝"]),
    ],
    ids=["counted-oaza", "district-column"],
)
def test_counted_districts_and_district_columns(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1便：上組→下組→中村→山神小・中学校（7:10発）\n2便：滝ノ上→向山→宮ノ前→山神小・中学校", []),
        ("世帯数は上野原312、奥沢288、杉平156、下平201です。", []),
        ("地区別では杉平と奥沢で被害が多い。", []),
        ("第2投票区（杉平）管理者 滝沢 進", ["滝沢 進"]),
        # Votes per person are no districts.
        ("票数：山田312、鈴木288、田中113", ["山田", "鈴木", "田中"]),
    ],
    ids=["route", "households", "by-district", "division", "votes"],
)
def test_routes_counts_and_divisions_are_places(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A company named after a family or a place and its trade; a cell saying someone is absent or unknown.
        ("水産加工場「丸浜食品」の総務 五十嵐 さんから連絡。", ["五十嵐"]),
        ("透析のため火木土不在", []),
        ("保護者：母 宮下 真理、母の交際相手（氏名不明、30代男性）", ["宮下 真理"]),
        # (a family name read with 不在 after it is still the name)
        ("担当小野寺不在のため折り返し", ["小野寺不在"]),
        ("| 井口 修 | 同左 | 本人 |", ["井口 修"]),
        ("加害者とされる高畑 浩二は千葉県内に住んでいるとのことです。", ["高畑 浩二"]),
        # A river walked along.
        ("大和川沿いの桜並木、竜田川の紅葉も見どころです", []),
    ],
    ids=["food-company", "days-absent", "name-unknown", "family-absent", "ditto", "hearsay", "river-along"],
)
def test_companies_and_what_stands_in_a_names_place(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A family name the dictionary reads as a word, after a line break and before a staff title.
        ("受：4/21 福祉課 西岡\n堀ケアマネより。担当利用者の宮下さん", ["西岡", "堀", "宮下"]),
        # ... not a word that opens a titled phrase, nor a town before its head.
        ("本日、新課長が着任しました。", []),
        # One kanji after a duty or a staff word, set off by spaces; a speaker's label is no such slot.
        ("受：住民課 当直 岸\n男性より電話。", ["岸"]),
        ("昨冬、落雪で職員 南 の車が破損しました。", ["南"]),
        ("職員：園に確認します。", []),
        # A family name the dictionary reads as a proper noun, one space, a given name before 様.
        ("| 9:30 | 安田 光様 | 転入 |", ["安田 光"]),
        # A family name before 町長 is the mayor unless the text names that town itself.
        ("北村町長：空き家の改修補助について説明します。", ["北村"]),
        ("北村町役場にて。北村町長が挨拶した。", []),
        # Latin family names after a post or a section.
        ("Please ask the housing section (建設課住宅係, Matsui).", ["Matsui"]),
        ("Employer: Tokachi Kensetsu / site manager Kuwabara", ["Kuwabara"]),
    ],
    ids=["word-before-title", "new-chief", "on-duty", "staff-spaced", "staff-speaker", "propn-family", "mayor", "town-mayor", "section-latin", "manager-latin"],
)
def test_family_names_the_dictionary_reads_as_words(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("| 曜日 | 桜台 | 旭町 | 本町 |\n|---|---|---|---|\n| 月 | 広瀬 | 熊谷 | 坂口 |", ["広瀬", "熊谷", "坂口"]),
        ("活動をしています。桜台、旭町、宮下町などでは、説明会も開いています。", []),
        # A header row of people stays people.
        ("| 項目 | 山田 | 佐藤 |\n|---|---|---|\n| 件数 | 1 | 2 |", ["山田", "佐藤"]),
    ],
    ids=["header-districts", "list-nado", "header-people"],
)
def test_district_headers_and_lists(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


def test_districts_counted_after_a_list() -> None:
    text = "上平、中尾、日影、寺沢、栃ノ木、大久保の6集落で、人口推移をまとめたいです。"
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Old and variant forms of kanji in registered names read as the common forms.
        ("→ 受けた者：德永。折り返しは17時以降。", ["德永"]),
        ("出席：委員長 髙橋 正 ほか委員7名", ["髙橋 正"]),
        ("請求者氏名：髙橋 𠮷彦（タカハシ ヨシヒコ）", ["髙橋 𠮷彦", "タカハシ ヨシヒコ"]),
        ("担当：髙橋 正。髙橋から折り返します。", ["髙橋 正", "髙橋"]),
        # A caller naming themself as the call opens, by a name the dictionary reads as a place.
        ("「もしもし、上野の北澤ですけど、いま家の裏に熊がいて」", ["北澤"]),
        ("もしもし、役場ですか", []),
        # When a counter is open is no one; an English title before a romanised name.
        ("問い合わせ：役場税務課（夜間・休日は代表 099-000-1234）", []),
        ("We will interview Councillor Emi Yoshinaga about the tax.", ["Emi Yoshinaga"]),
    ],
    ids=["toku", "taka", "taka-yoshi", "echo-variant", "caller", "caller-office", "night", "councillor"],
)
def test_variant_kanji_callers_and_titles(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A caller's one-kanji family name as the call opens or after their address.
        ("「はい、朴です。朴 英子。日本の名前は新井 英子いいます。」", ["朴", "朴 英子", "新井 英子"]),
        ("「もしもし、あの、森ですけど。東淀川区豊新3丁目8-22の。」", ["森"]),
        ("「あのね、藤白台一丁目3番12号の林ですけど。敬老会の案内」", ["林"]),
        ("はい、市です。", []),
        # A speaker's first English word; a clinic, a virus and an apartment block are no one.
        ("Caller: Hi, this is Arjun Venkata Raman.\nStaff: May I have your address?", ["Arjun Venkata Raman"]),
        ("かかりつけの吉川内科には3か月通院が途絶えており", []),
        ("便検査の結果、ノロウイルスが検出されました。", []),
    ],
    ids=["caller-hai", "caller-ano", "caller-after-address", "office", "speaker-words", "clinic", "virus"],
)
def test_callers_and_words_that_are_no_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


def test_a_reading_in_brackets_with_more_after_a_comma() -> None:
    assert _persons("対象児：大西 湊（おおにし みなと、令和2年4月4日生）") == ["大西 湊", "おおにし みなと"]


def test_a_division_written_with_kana_is_no_one_kanji_name() -> None:
    assert _persons("担当：障がい福祉課 給付係\n受付：障がい福祉課 金築") == ["金築"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The districts heads stand for, in brackets after the title; a civil-works firm.
        ("出席：谷口区長（下村）、西田区長（上野）、岡田区長（中島）", ["谷口", "西田", "岡田"]),
        ("中央地区は高田土木が担当。", []),
        # A centre or a club opening a line before a role, and 同行, are no names.
        ("子育て支援センター\nセンター担当：名嘉真（098-939-5560）", ["名嘉真"]),
        ("5/29 照屋 勉（58）の保護申請に同行。", ["照屋 勉"]),
    ],
    ids=["heads-districts", "civil-works", "centre-line", "accompany"],
)
def test_heads_districts_and_words_before_roles(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("架空市障害者福祉センター「あおば」休館のお知らせ\n期間中、生活介護の利用者の方は", []),
        ("グループホーム「ひまわり」の山田 花子さんが入院した。", ["山田 花子"]),
    ],
    ids=["centre-name", "home-name-and-resident"],
)
def test_a_facilitys_quoted_name_is_no_one(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


def test_callers_found_around_the_ending_are_those_the_whole_pattern_finds() -> None:
    from detectors.person.context import _CALLER_RE, _callers

    text = "はい、朴です。\n" * 3 + "あのね、藤白台一丁目3番12号の林ですけど。" + "もしもし、上野の北沢ですけど" + "2025年の森です。"
    assert [m.span() for m in _callers(text)] == [m.span() for m in _CALLER_RE.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A fire brigade's ranks before and after the name, and the secretariat's clerk in minutes.
        ("出席：団長 鳥居 健一、副団長 大橋 実、事務局（警防課）松下", ["鳥居 健一", "大橋 実", "松下"]),
        ("　大橋副団長：OB団員に声をかける。", ["大橋"]),
        ("　事務局松下：10月支給分から振り込む。", ["松下"]),
        ("隊の欠員は浅野消防司令補が調整します。", ["浅野"]),
        ("事務局次長：説明します。", []),
        # A caller saying the family name in kana, its kanji written beside it.
        ("「ひかりFCで代表やってます、タツミです」（代表者 辰巳 浩之氏）", ["タツミ", "辰巳 浩之"]),
        # Latin names after an office's words, a clinical or sports title, Sr. and O'.
        ("Fire Prevention Division Kenji Sakakibara, and volunteer", ["Kenji Sakakibara"]),
        ("Pt John Smith, 71 y/o male", ["John Smith"]),
        ("Coach Johnson ran the relay.", ["Johnson"]),
        ("Mr. O'Connor told us at the desk.", ["O'Connor"]),
        ("となりの ひと は Sr. Carlos だけど", ["Carlos"]),
        ("チャン様（Trần様、ベトナム出身）", ["チャン", "Trần"]),
        ("Please contact Welfare Division Office at once.", []),
        # An older woman's given name in katakana (with 子 too), and a caller saying the name twice in kana.
        ("「原ですたい、原 トメ。うちのじいちゃんが」", ["原 トメ"]),
        ("出席：松永 義一委員長、岡 ハツ子委員", ["松永 義一", "岡 ハツ子"]),
        ("「ひらやまです、ひらやま まゆ。先週生まれた」", ["ひらやま", "ひらやま まゆ"]),
        ("「はい。はいはい。わかりました」", []),
        # Who came from which municipality; a name someone gives themself; caseworkers in English.
        ("出席：久留米市 古川、唐津市 松浦", ["古川", "松浦"]),
        ("自称「タナカ」、下の名前は言わない。", ["タナカ"]),
        ("Visit 2 Aug with CW Kikuchi.", ["Kikuchi"]),
        ("・原口調査員：オートロックのマンションは？", ["原口"]),
    ],
    ids=["brigade-list", "brigade-speaker", "secretariat-speaker", "fire-rank", "secretariat-title", "kana-caller",
         "after-division", "pt", "coach", "o-apostrophe", "senor", "diacritic-honorific", "office-only",
         "old-kana-given", "old-kana-given-ko", "kana-repeated", "not-repeated-name", "from-cities", "self-styled",
         "cw-latin", "census-taker"],
)
def test_people_named_by_rank_reading_or_latin_cue(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected
