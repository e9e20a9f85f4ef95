"""PERSON: Japanese names first, every written form, then foreign names and the words that are not names."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("山田太郎さんから電話がありました。", ["山田太郎"]),
        ("山田 太郎様の件で連絡します。", ["山田 太郎"]),
        ("申請者：山本 一郎", ["山本 一郎"]),
        ("田中氏が出席した。", ["田中"]),
        ("佐藤君とはなこちゃんが来た。", ["佐藤", "はなこ"]),
        ("鈴木部長に報告した。", ["鈴木"]),
        ("山田花子さんの申請書", ["山田花子"]),
        ("伊藤さんと加藤さん", ["伊藤", "加藤"]),
        ("鈴木一郎、鈴木花子の両名", ["鈴木一郎", "鈴木花子"]),
        ("ｽｽﾞｷ ｲﾁﾛｳさん", ["ｽｽﾞｷ ｲﾁﾛｳ"]),  # half-width katakana, offsets into the original
        ("すずき いちろうさん", ["すずき いちろう"]),
        ("ヒョンビン氏が来日した。", ["ヒョンビン"]),  # unknown to the dictionary, named by the honorific
        ("ジョン・スミス氏と面会", ["ジョン・スミス"]),
        ("加害者：元夫 桐生 隆司", ["桐生 隆司"]),
        ("○大島 清様（本人）：自分でトイレに行きたい", ["大島 清"]),  # 大島 is a place to the dictionary
        ("宛名：伏見 道子 様", ["伏見 道子"]),
        ("相談者：所沢 隼人さん（45）", ["所沢 隼人"]),  # both parts are places to the dictionary  # 元夫 is also a given name (もとお), not here
        ("ジャン＝ポール・サルトルの著作", ["ジャン＝ポール・サルトル"]),
        ("John Smith氏が来庁した。", ["John Smith"]),
        ("ＹＡＭＡＤＡ　Ｔａｒｏ様", ["ＹＡＭＡＤＡ\u3000Ｔａｒｏ"]),
        ("Meeting with Mr. Bob Jones", ["Bob Jones"]),
        # Named by the form around them rather than by the dictionary.
        ("対象者 工藤愛（30歳・女性）", ["工藤愛"]),
        ("保護者：金子さくら", ["金子さくら"]),
        ("配偶者：内田陽翔", ["内田陽翔"]),
        ("娘（さくら、4歳）の一時預かり", ["さくら"]),
        ("児童氏名：酒井　千尋（サカイ　チヒロ）", ["酒井\u3000千尋", "サカイ\u3000チヒロ"]),
        ("My name is Siti Rahayu. I live in 架空市.", ["Siti Rahayu"]),
        ("児童：森 ひなた（3歳）、保護者：森 美穂", ["森 ひなた", "森 美穂"]),
        ("申出人　清水 はるか", ["清水 はるか"]),
        ("出席者：田中議長、鈴木副議長、高橋委員", ["田中", "鈴木", "高橋"]),
        ("○山田委員　本件について質問します。\n○佐藤課長　お答えします。", ["山田", "佐藤"]),
        ("斉藤教育長が答弁した。", ["斉藤"]),
        # A caller naming themselves in kana, written down as said.
        ("市民からの電話：「わたし、やまもとと申しますが」", ["やまもと"]),
        ("「はい、やまもと はなこと申します」", ["やまもと はなこ"]),
        ("こちら、ふじいと言います", ["ふじい"]),
        # Titles of rank and office after a name the dictionary does not know.
        ("サルマーン皇太子が来日した。", ["サルマーン"]),
        ("第11作では等々力警部が活躍する。", ["等々力"]),
        ("アイゼンハワー米大統領の訪日", ["アイゼンハワー"]),
        ("ミキオ・ハセモト一等兵とともに戦った。", ["ミキオ・ハセモト"]),
        # A relative, role or honorific word right before an unknown foreign name.
        ("父ヴィッサリオン・ジュガシヴィリは靴職人だった。", ["ヴィッサリオン・ジュガシヴィリ"]),
        ("ベルリン高等音楽学校教授カール・クリングラーに師事した。", ["カール・クリングラー"]),
        ("若手守備的MFロリック・カナと共に中盤を形成した。", ["ロリック・カナ"]),
        # Quotes make a katakana word a title only without a cue; kanji names in quotes are still names.
        ("「山田太郎」と名乗る男から電話があった。", ["山田太郎"]),
        ("「ジョン・スミス氏」の件", ["ジョン・スミス"]),
        # The family name alone, after the full name in the same text.
        ("田端正広が当選し続けたが、中島正純が田端を破った。", ["田端正広", "中島正純", "田端"]),
        ("山田太郎の件。山田町に行く。", ["山田太郎"]),
        ("大塚守康が大塚造園設計事務所を設立した。", ["大塚守康"]),
        ("マヌエル帝の陣営に現れた。", ["マヌエル"]),
        # A place word must be a whole token: 山 of 山梨 does not make the name a mountain.
        ("横内正明山梨県知事の時代", ["横内正明"]),
        ("for my son Kenta Rahayu.", ["Kenta Rahayu"]),
        ("Client: RAHAYU Siti, DOB H10.2.21", ["RAHAYU Siti"]),
        ("Dear Minji Park, your application", ["Minji Park"]),
        # Latin names with the cues letters and forms give: a reading in brackets, a sign-off, a role.
        ("氏名：TRAN VAN NAM（チャン・ヴァン・ナム）", ["TRAN VAN NAM", "チャン・ヴァン・ナム"]),
        ("Best regards,\nLucia Fernandes\nMobile: 090-0000-1111", ["Lucia Fernandes"]),
        ("interpreter: Paulo Mendes", ["Paulo Mendes"]),
        ("Wife Rosa Lima works part-time.", ["Rosa Lima"]),
        ("技師のLee Minho（李 敏鎬）が担当", ["Lee Minho", "李 敏鎬"]),
        # One word is enough after a title, a relation, or before an honorific.
        ("My friend Ravi said it is fine.", ["Ravi"]),
        ("Please write to Ms. Kobayashi.", ["Kobayashi"]),
        ("通訳の Rosa さんに確認した。", ["Rosa"]),
        ("Eu quero saber do meu filho, Lucas.", ["Lucas"]),
        ("com minha esposa Juliana e nosso filho Lucas (14/08/2018).", ["Juliana", "Lucas"]),
        ("長女：Larissa（2016-10-03）小学4年に編入予定\n長男：Gabriel（2020-01-15）保育園希望", ["Larissa", "Gabriel"]),
        ("Name: REYES, Analyn\nTel: 090-2217-5843", ["REYES, Analyn"]),  # family name first, a comma
        ("Selamat siang. Saya Dewi Kartika Sari.", ["Dewi Kartika Sari"]),  # Saya: "I"
        ("Xin chào, tôi là Lê Thị Thu Hà, thực tập sinh", ["Lê Thị Thu Hà"]),
        ("むすこ Lucas Oliveira Souza (10さい) と むすめ Beatriz (7さい) が", ["Lucas Oliveira Souza", "Beatriz"]),
        ("同一世帯：妻 SANTOS Juliana、長女 Sofia（2019.03.27）", ["SANTOS Juliana", "Sofia"]),
        ("相談対応：国際交流協会 Tanaka Yuri（ポルトガル語通訳）", ["Tanaka Yuri"]),
        ("Married to Kenta Sakaguchi (Japanese, 41).\n- Husband Kenta hits her when he is drunk.", ["Kenta Sakaguchi", "Kenta"]),
        ("産婦：芦刈 ひなの（27）初産\n児：芦刈 湊斗（男、出生体重2,640g）", ["芦刈 ひなの", "芦刈 湊斗"]),
        ("税務課カウンターにてヨシザワと名乗る男性が大声。担当はサカグチと名乗った。", ["ヨシザワ", "サカグチ"]),
        # A name someone goes by, quoted: a scam's caller, a salesman (not 名前を名乗る, not a song).
        ("市役所保険年金課の「タナカ」を名乗る男から自宅に電話。", ["タナカ"]),
        ("同じ業者の営業担当「カワシマ」という男が毎月のように来ていた。「田中」という女性からも電話。", ["カワシマ", "田中"]),
        # Korean names in Hangul beside their Japanese forms, or under a label.
        ("氏名（漢字）：金 敏俊　ハングル：김민준　カナ：キム ミンジュン", ["金 敏俊", "김민준", "キム ミンジュン"]),
        ("母：李 秀妍（이수연）、連絡先 090-1234-5678", ["李 秀妍", "이수연"]),
        ("신청자: 박서연", ["박서연"]),
        ("보낸 사람: 박서연 (2학년 1반)\n선생님 안녕하세요. 다음 주 급식 메뉴표를 한국어로 받을 수 있을까요? 감사합니다.", ["박서연"]),
        ("高橋さんと石橋さんと八木橋さんが来庁。", ["高橋", "石橋", "八木橋"]),  # family names ending in 橋
        ("The applicant is Daniel O'Connor (born 14 March 1991, Ireland).", ["Daniel O'Connor"]),
        ("・母：柊木 由佳（２９）、母の交際相手：砂川（下の名前不明、同居）", ["柊木 由佳", "砂川"]),
        ("From: Lee Jiwoo <jiwoo.lee@example.com>", ["Lee Jiwoo"]),
        ("Jomar Dela Cruz（父）、Ludwig van Berg（夫）", ["Jomar Dela Cruz", "Ludwig van Berg"]),
        ("子：Angel（2017年5月22日生）、Lucas（8歳）", ["Angel", "Lucas"]),
        ("Siti Rahmawati / child: Arka (2 years)", ["Arka"]),
        # Residents write in their own languages: diacritics, and "my name is" in each.
        ("Tôi tên là Trần Thị Mai, sinh ngày 14/02/1997.", ["Trần Thị Mai"]),
        ("Olá, meu nome é Ana Souza.", ["Ana Souza"]),
        ("Nama saya Dewi Kartika Sari.", ["Dewi Kartika Sari"]),
        ("Maria Santos 様", ["Maria Santos"]),
        ("来庁者は John Smith でした。", ["John Smith"]),  # known to the dictionary, no cue needed
        ("マリア・サントスさん（Maria Santos）へ", ["マリア・サントス", "Maria Santos"]),
        ("小川浩二ケアマネが調整", ["小川浩二"]),
        # Obfuscations: spaced characters, zero-width and ideographic spaces, kana and half-width forms.
        ("山 田 太 郎さん", ["山 田 太 郎"]),
        ("氏名：山 田 太 郎", ["山 田 太 郎"]),
        ("山田\u200b太郎さん", ["山田\u200b太郎"]),
        ("山田　太郎様", ["山田\u3000太郎"]),
        ("やまだ たろう さん", ["やまだ たろう"]),
        ("ヤマダ タロウ様", ["ヤマダ タロウ"]),
        ("ﾔﾏﾀﾞ ﾀﾛｳ様", ["ﾔﾏﾀﾞ ﾀﾛｳ"]),
        ("山田太郎（ﾔﾏﾀﾞﾀﾛｳ）", ["山田太郎", "ﾔﾏﾀﾞﾀﾛｳ"]),
    ],
)
def test_names_are_found(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "豊田市役所に行く。",
        "名前を名乗るよう求めたが「それは言えない」とのこと。",
        "「ハミング」という曲を流す。",
        "なんで払わないけんのか、と大きな声で。",
        "受けた人：小児病棟クラーク",
        "안녕하세요. 이번 주 금요일에 학교 행사가 있습니다. 부모님께서는 참석해 주세요.",
        "감사합니다. 안녕히 계세요.",
        "東谷川にかかる東谷大橋の橋梁補修工事のため通行止め。",
        "橋梁名\t路線名\t橋長(m)\n松下橋\t市道\t12.0",
        "宮司さんに連絡。施主さんと業者さんに説明。",
        "早稲田大学を卒業した。",
        "渋谷駅で待ち合わせ。",
        "お客様各位",
        "皆さんこんにちは。",
        "担当者様へ",
        "トヨタ自動車の決算",
        "ブルッキングス研究所の報告",
        "小沢艦隊が出撃した。",
        "NHK News によると",
        "生活保護制度の一般的な事例",
        "保護者会の案内",
        "保護者：なし",
        "対象者の状況を確認",
        "New York Times の記事",
        "Dear Sir,",
        "Sincerely,\nChild Support Division",
        "Thank you,\nThe Welfare Team",
        "Apple Music（アップルミュージック）の契約",  # a one-part reading is a product's, not a name's
        "Apple Music（2019年開始）の契約",  # a year is no birth date
        "東京 大阪 名古屋の三都市",  # places side by side are no family and given name
        # Eponyms and firms named after a person.
        "アルツハイマー型認知症と診断された。",
        "株式会社田中組に発注した。",
        "うち佐藤組は前回の落札者。",
        "Dear City Hall,\nI would like to apply.",  # a greeting to an office
        "Dear Support Team, thank you.",
        "Hello Ward Office staff",
        "Apple Music の契約",
        "株式会社マルゴが買収",
        "一家のアンダーボスとなった。",  # 一家 follows names, it does not name the next word
        "皇太子殿下の行事",
        "東京帝國大學を卒業した。",
        # Clubs and titles of works shaped like foreign names.
        "決勝ではACミランを破った。",
        "2005年にSCバスティアへ移籍した。",
        "FC町田ゼルビアへ期限付き移籍。",
        "「アイ・ラブ・ルーシー」シリーズの再放送",
        # と申します after words that are not names.
        "これをよろしくと申しますのも",
        "「あ、それと申しますと」",
        "そう、ありがとうといいます",
        # A service's name after a word for a group of people, not a role before a name.
        "相談先として「消費者ホットライン188」も入れてください。",
        "面接会場は有限会社村越印刷様の２階会議室",  # a company's name with 様
        "研修の参加者リスト（タブ区切り）です。",  # リスト is a list here, not Liszt
        "犬の名前：マロン（登録番号 R2-金-0331）",  # a pet's name after の
        "母の交際相手（氏名不詳、同居）",
    ],
)
def test_non_names_are_not_persons(text: str) -> None:
    assert _persons(text) == []


def test_offsets_index_the_original_text() -> None:
    text = "ｽｽﾞｷ ｲﾁﾛｳさん、ＹＡＭＡＤＡ　Ｔａｒｏ様"
    for f in scan(text).findings:
        assert text[f.start : f.end] == f.text


def test_honorific_raises_the_score() -> None:
    bare = [f.score for f in scan("山田太郎が来た。").findings]
    with_hon = [f.score for f in scan("山田太郎さんが来た。").findings]
    assert bare and with_hon and with_hon[0] > bare[0]
