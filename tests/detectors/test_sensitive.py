"""要配慮 words as facts about someone: denied or asked about, in texts whose only people act in office,
English phrases, and the word classes of sensitive.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import Scanner, scan
from detectors.keywords import Dictionaries
from detectors.normalize import normalize
from detectors.sensitive import english_hits, negated

SENSITIVE = {"personal", "sensitive_personal"}
PERSONAL = {"personal"}


@pytest.mark.parametrize(
    ("text", "word", "denied"),
    [
        ("就学援助の受給なし", "就学援助", True),
        ("生活保護は受けていない", "生活保護", True),
        ("要介護認定は受けておらず自立", "要介護認定", True),
        ("支援措置の申出があるかは未確認", "支援措置", True),
        ("虐待かどうか確認するため訪問", "虐待", False),  # a suspected victimisation is stated all the same
        ("住居確保給付金について知りたいとのこと", "住居確保給付金", True),
        ("障害者手帳の有無を確認した", "障害者手帳", True),
        ("障害者手帳は持っていない", "障害者手帳", True),
        ("生活保護を受給中", "生活保護", False),
        ("生活費を渡さない状態が続く", "生活費を渡さ", False),  # the word is itself a denial
        ("通院中。服薬はない", "通院", False),  # another clause
        ("糖尿病（合併症なし）", "糖尿病", False),  # a bracket closes the clause
    ],
)
def test_negated(text: str, word: str, denied: bool) -> None:
    start = text.index(word)
    category = "犯罪被害" if word == "虐待" else "福祉"
    assert negated(text, start, start + len(word), category) is denied


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("彼女は夫にベトナム語で hit me と言った", ["犯罪被害"]),
        ("He was beaten by his supervisor.", ["犯罪被害"]),
        ("The employer keeps her passport in the office safe.", ["犯罪被害"]),
        ("They took my residence card.", ["犯罪被害"]),
        ("The company has not paid her wages since June.", ["犯罪被害"]),
        ("Diagnosed earlier with gastritis.", ["病歴"]),
        ("He has been on welfare since 2020.", ["福祉"]),
        ("Mr. Tanaka was taken to hospital by ambulance.", ["病歴"]),
        ("He was rushed to hospital.", ["病歴"]),
        ("He was not taken to hospital.", []),
        ("Mr. Rajesh Kumar was admitted to your hospital on 2 September.", ["病歴"]),
        ("She was discharged on 9 September.", ["病歴"]),
        ("Came to ER on 10/22 with severe flank pain; CT showed a kidney stone.", ["病歴"]),
        ("The ER entrance is on the east side.", []),
        ("Thank you for attending the dementia-friendly seminar.", []),
        ("Thank you for your question about the disability certificate.", []),
        ("The hall has wheelchair access.", []),
        ("The meeting room is on the second floor.", []),
        ("Please pay the fee by the end of the month.", []),
    ],
)
def test_english_hits(text: str, found: list[str]) -> None:
    assert sorted({name for _, _, name in english_hits(normalize(text).text)}) == found


_WORDS = ["hit", "her", "was", "hospitalized", "not", "paid", "wages", "passport", "took", "on", "welfare", "the", "山田", "。", "\n", " ", "-itis", "appendicitis"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30).map(" ".join) | st.text(max_size=200))
def test_english_hits_are_spans_of_the_text(text: str) -> None:
    for start, end, name in english_hits(text):
        assert 0 <= start < end <= len(text)
        assert name in {"犯罪被害", "病歴", "福祉"}


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        # Stated about a named person, however far from the name.
        ("相談者：山田 花子様（78歳）\n同居：長男\n経過：先月自宅で転倒し、大腿骨を骨折。", SENSITIVE),
        ("対象児：佐藤 蒼くん\n健診結果：有意語なし、指さしなし。経過観察。", SENSITIVE),
        ("鈴木 一郎様\n保護開始日：令和7年4月1日\n扶助の種類：生活扶助・住宅扶助", SENSITIVE),
        ("通告受付票\n児童：田中 陽太（小2）\n内容：腕にあざがある", SENSITIVE),
        ("母の高橋 文子が、電話で言われるまま200万円を振り込んでしまった。", SENSITIVE),
        ("利用者 中村 トメ様の区分変更申請について、主治医意見書の状況を教えて", SENSITIVE),
        ("申出人 小林 匠様：車いすを使っているので段差が困る", SENSITIVE),
        # Violence and abuse told without the words for them: a child put out on the balcony or hit, a burn,
        # shouting, lying in wait and a threat to kill, a court's order, a shelter after violence in English.
        ("隣の平 恵美さんとこの男の子がまた夜中に泣いてて、ベランダに出されてるんよ。", SENSITIVE),
        ("2年の岡田 颯太君の左腕に、たばこを押しつけたようなやけどの痕が3か所。", SENSITIVE),
        ("中川理沙さんは夫の大輔から日常的に怒鳴られ、生活費を1日千円に制限されている。", SENSITIVE),
        ("林 優子さん。別居中の夫が帰りを待ち伏せるようになり、「家に戻らないなら殺す」と言われた。", SENSITIVE),
        ("谷 涼子さんについて、地方裁判所が本日付けで接近禁止命令を発令。", SENSITIVE),
        ("Client: Maricel Dela Cruz Bautista. She left her husband after repeated violence.", SENSITIVE),
        ("Ms. NGUYEN THI THU TRANG is staying at a shelter after leaving her abusive husband.", SENSITIVE),
        # Shouting at the counter, a hand on the counter: no one's victimisation.
        ("窓口対応で怒鳴られた件。市民課窓口に男性来庁（鬼頭 剛、1961年8月2日生）", PERSONAL),
        ("男性（山崎 剛）は「前は出してくれた」と大声を出し、カウンターを叩いた。", PERSONAL),
        # A welfare office's words for public assistance and disability services.
        ("申請者 藤井 隼人\n保護申請中。カードは解約を指導するべきか。", SENSITIVE),
        ("対象者：吉野 幸子\n12月15日付で当市の保護を廃止。", SENSITIVE),
        ("吉岡 翔太様の家賃を、住宅扶助費の代理納付で福祉事務所が支払います。", SENSITIVE),
        ("利用者 平 誠さんが、就労継続支援B型の事業所で職員に叱責された。", SENSITIVE),
        ("宮下 清さんは心臓の薬を飲み忘れることがある。", SENSITIVE),
        # The list of residents a disaster plan names is not a care level (避難行動要支援者, not 要支援).
        ("防災安全課 小野寺様\n避難行動要支援者名簿のデータを6月末までに提供いただけますか。", PERSONAL),
        # Denied, asked about, or a topic.
        ("保護者 伊藤 徹様。就学援助の受給なし。", PERSONAL),
        ("相談者 渡辺 健様、住居確保給付金について知りたいとのこと。", PERSONAL),
        ("担当の加藤です。生活困窮者自立支援制度の研修に出張します。", PERSONAL),
        ("戸籍謄本の請求です。本籍地は架空市、請求者 山本 誠", PERSONAL),
        ("吉田 キヨさん（82）の豆腐店には、子どもたちが「がんもある？」と寄っていく。", PERSONAL),
        ("児童扶養手当の現況届を出してください。受給者 松本 麻衣様", PERSONAL),
        # A notice about a facility or a service, signed by staff.
        ("市立病院の診療時間変更のお知らせ（透析室は月水金）。問い合わせ：病院総務課 吉川", PERSONAL),
        ("精神科デイケアの見学会のチラシを作ってください。連絡先 保健センター 川口 美紀（内線234）", PERSONAL),
        ("先日は認知症サポーター養成講座の講師をありがとうございました。北村 早苗先生", PERSONAL),
        ("Notice: The dialysis center will close early on Dec 28. Contact: Ito Makoto (Hospital Administration)", PERSONAL),
        # English-mixed records.
        ("Caller: Priya Sharma. Her husband hits her and took her passport.", SENSITIVE),
        ("The resident (Kim Soo-jin) is on welfare and has diabetes.", SENSITIVE),
        ("Mr. Silva's wife told us he was hospitalized after a stroke.", SENSITIVE),
        ("Client: Ana Souza. She was hospitalised for two weeks.", SENSITIVE),
        ("Client: Ana Souza. Her son has epilepsy.", SENSITIVE),
        ("Client: Ana Souza. She uses a wheelchair.", SENSITIVE),
        ("Client: Ana Souza. She was not hospitalized.", PERSONAL),
        # Everyone named acts in office: minutes, a councillor's question, a lecturer.
        ("○井上委員長　開会します。\n○木村委員　就学援助の対象家庭への補助はどうなりますか。\n○林教育長　検討します。", PERSONAL),
        ("清水議員の一般質問（生活保護の運用について）の想定問答を作って", PERSONAL),
        ("講師：准教授 森 沙也加先生\n演題：地域で支える認知症\n差出人：長寿支援課長 池田 聡", PERSONAL),
        ("[00:00:10] 山口 恵: がん検診の受診率です。\n[00:00:30] 松井 健: 入院患者数も報告します。", PERSONAL),
        ("一般質問通告書\n質問者 安藤 一郎\n1 認知症高齢者の見守りについて\n2 障害者の就労支援について", PERSONAL),
        ("出席者：会長 小松、副会長 内田、委員 丸山\n議題：見守り活動（要介護者名簿の取扱い）", PERSONAL),
        ("Teams会議メモ\n[10:02] 野村 健: 特定健診の受診勧奨の件\n[10:05] 菅原 綾: がん検診も入れましょう", PERSONAL),
        # An agenda's column headed 議員, an answerer in brackets, a lecturer by profession, staff joined by ・.
        ("| 順 | 議員 | 質問事項 |\n|---|---|---|\n| 1 | 関 龍之介 | 生活保護の捕捉率 |\n| 2 | 畑 秀樹 | 障害者の就労支援 |", PERSONAL),
        ("◆12番（東 昭彦議員）　障害のある方の移動支援を。\n◎市長（岸 雄一郎）　検討します。", PERSONAL),
        ("内容：産後うつの予防について\n講師：助産師 林 恭子 氏\n問い合わせ：母子保健係 沖・桜田", PERSONAL),
        ("| 児童 | 年齢 | 備考 |\n|---|---|---|\n| 大翔 | 1歳 | |\n| 湊 | 2歳 | 発達に遅れの疑い、療育センター通所中 |", SENSITIVE),
        ("サッカー部の山田 翔が練習中に骨折した", SENSITIVE),  # a club is no office
        # ... unless the record is about one of them, a resident is named beside them, or a resident speaks.
        ("人事課 樋口 様\n職員 島田 学（職員番号 12345）が本日より入院のため病気休暇を取得します。", SENSITIVE),
        ("担当 今井\n相談者 080-1234-5678 の方、うつ病で休職中", SENSITIVE),
        ("担当 今井\n来所者 藤井 ミツ様\n要件：おむつ代の助成（要介護4の夫の介護）", SENSITIVE),
        ("民生委員の大塚さんから、近所の千葉 ヨシエさん（85）が最近徘徊しているとの連絡。", SENSITIVE),
        ("対象職員：税務課 主事 久保 明日香\n状況：うつ病の診断で病気休暇中", SENSITIVE),
        ("○前田（CM）：退院後1か月。\n○岡田 清様（本人）：トイレに行けるようになりたい。", SENSITIVE),
        # A staff member labelled as the record's subject is not acting in office.
        ("職員：下水道課 主任 佐伯 健一\n事由：腰椎椎間板ヘルニアの手術", SENSITIVE),
        ("被処分予定者：道路河川課 技師 藤原 大輔\n深夜に酒気帯び運転で検挙。罰金30万円の略式命令。", SENSITIVE),
        # Infectious disease, infant check-ups, memory clinics, drinking, halal meals about a named person.
        ("患者：森 優斗（32歳）\n11/28 夕方から発熱38.6℃、咽頭痛。迅速検査陽性。", SENSITIVE),
        ("田村 湊\tR6.9.14\t言語：経過観察", SENSITIVE),
        ("大石 ハルさん（87歳）。昨年、物忘れ外来の受診歴あり。", SENSITIVE),
        ("母親 岡 由紀 さんから「私はアルコールがやめられない」と電話があった", SENSITIVE),
        ("Aung Ko Koさん：ハラール対応の食事", SENSITIVE),
        # The same words where they say nothing about the person named.
        ("診療所開設届\n開設者・管理者：田中 聡（医師）\n所在地：架空市本町5-1-20", PERSONAL),
        ("所有者：森 キミさん（83）\n猫 推定20匹以上、不妊去勢手術は未実施。", PERSONAL),
        ("調査員：大野 彩\n住家被害認定調査の結果、全壊と判定。", PERSONAL),
        # A notice to a facility's head, staff reached by extension, a lecturer, an English signature's post:
        # all in office, so the notice's health words are about no one.
        ("特別養護老人ホーム わかば苑 施設長 福田 直樹 様\n疥癬の発生に伴う指導事項について（通知）", PERSONAL),
        ("感染症情報システムの端末で印刷できない。連絡は 岸本（内線 4315）まで", PERSONAL),
        ("講師の渡部 直子先生に、結核への対応についてご講義いただきました。", PERSONAL),
        ("Facilities must report outbreaks of gastroenteritis.\nMakoto Ogawa, Director, Disease Prevention", PERSONAL),
        # An answerer written with the section glued to the title; a check-up notice's staff and interpreter.
        ("中西学校教育課長：個別に家庭訪問を行い、障害のある子と連携しています。", PERSONAL),
        ("※発熱や感染症の症状がある場合は受診を控えてください。\n担当保健師：森、東（ポルトガル語通訳 Nakamura）", PERSONAL),
        # Those present at a meeting are there in office; a resident party called with さん is not.
        ("出席：部会長 三好 勝也、河本（ハローワーク）、事務局 関・平\n・精神障害のある方の定着支援について協議", PERSONAL),
        ("出席：区長 東 正人、移住者 Thomas Berger さん\n・Bergerさん：うつ病の治療中で対応が遅れた。", SENSITIVE),
        # A personnel list is about the staff it names (森大輔 市民課主査, set apart from the title).
        ("次の人事異動案を整えてください。\n森大輔 市民課主査 → 福祉総務課主査\n中山 主事（税務課） 病気休暇明けのため据置", SENSITIVE),
        # A resident with 様 stays someone the record is about.
        ("入所者 山田 花子 様\n疥癬の治療中です。", SENSITIVE),
        # An ambulance record's symptoms and destination; a funeral benefit; a DV victim kept hidden.
        ("傷病者：夫のRodel Bautistaさん（41歳）。胸の痛みを訴え、心電図でST上昇あり。", SENSITIVE),
        ("葬祭扶助の申請：故 木村 ツネ（長男 木村 昭夫）", SENSITIVE),
        ("保護世帯の渋谷 りくくんの件、母親の転居先は加害者に知られないよう郵送は当課経由で", SENSITIVE),
        ("受講者：Sri Wahyuniさん「ラマダンの間、夕方のクラスを休みたいです」", SENSITIVE),
        # A child's illness behind a school absence, an intelligence test, a parent's mental state, an injury at
        # work, a theft from a named farmer; school aid written in kana by a parent.
        ("児童：荻野 蒼空（3年1組）\n理由：インフルエンザ（7月8日、小児科で診断）", SENSITIVE),
        ("対象：上田 航平（5年）\n・WISC-Vの結果、ワーキングメモリーが低い。", SENSITIVE),
        ("受電（菅原）ゆいなさんから。母は去年から精神的に不安定で、昼間も寝ている。", SENSITIVE),
        ("相談者：Bishnu Adhikariさん。工場で右手を挟まれてけがをし、2針縫った。", SENSITIVE),
        ("さなえです、汐見町の。みかん盗まれた件で。→ 薬師神 早苗さんと確認。", SENSITIVE),
        ("わたし デラクルス マリセル。しゅうがくえんじょ、もらってる。", SENSITIVE),
        ("奥様いわく「夫の林田 正雄は先月から病院に入ってて」とのこと。", SENSITIVE),
        # Staff named in a mail's address block, an attendance list after the date, and the writer's own
        # address for mail or a colleague's extension: all in office. A number that stands for someone does not.
        ("高齢福祉課 地域支援係\n大西 さん\n\n法務担当の 小田切 です。成年後見の申立て審査会の日程です。資料は私（odagiri-m@example.jp）まで。", PERSONAL),
        ("日時：7月3日 13:30～　出席：環境課長 長尾、藤井、石原\n長尾課長：現行は要介護2以上か身体障害者手帳1・2級。", PERSONAL),
        ("虐待対応の記録は入力しないでください。不明な点は情報政策課の 松田 さん（内線3104）まで。", PERSONAL),
        ("担当 佐藤：090-1234-5678 の方、うつ病で休職中とのこと", SENSITIVE),
        # A menu's option is no one's belief; a resident's need is.
        ("Rana Thapa さま（出店者）\n・メニューの表示に、「ハラール対応」「辛さ」を書いてください。", PERSONAL),
        ("山田さんはハラールの食事が必要です", SENSITIVE),
        # A disability said in a clause that goes on; hearing lost later in life; an occupational physician
        # and a health officer in a safety committee's minutes are in office.
        ("氏名：菅原 翔\n備考：聴覚に障害があり、相談は筆談で行った。", SENSITIVE),
        ("申込者：西村 優斗様（中途失聴、手話は使わない）", SENSITIVE),
        ("出席：産業医 田村 昭彦、衛生管理者 今野 さやか\n今野委員：メンタル不調による病気休暇は延べ11名", PERSONAL),
        # A children's medical-expense certificate is every child's: not a welfare status.
        ("児童：柳田 心（H30.10.01生）\n子ども医療費受給者証の申請", PERSONAL),
        # A disease named as what a vaccine is given against, in a sentence about the vaccination: the
        # vaccine, no one's illness; caught, treated or tested positive, it is the child's.
        ("児：李 沐晨くん\n中国で受けた接種：BCG、B型肝炎1回目・2回目。", PERSONAL),
        ("子：咲良ちゃん\nこれまで：ヒブ、小児用肺炎球菌、B型肝炎、ロタ、五種混合をそれぞれ2回ずつ接種済み。", PERSONAL),
        ("対象者：新田 浩様\n風しんの追加的対策のクーポン券の再発行", PERSONAL),
        ("松本 蒼くんは麻しんに感染し、予防接種を受けていなかった。", SENSITIVE),
        ("山田 太郎さんはB型肝炎の治療中です。", SENSITIVE),
        # A check-up's values are its result; a health certificate named is a document.
        ("対象者：平 和也様（52歳・男性）\n腹囲 94.5cm、BMI 27.3、HbA1c 6.1%、中性脂肪 210mg/dL", SENSITIVE),
        ("氏名,国保番号,収縮期血圧,HbA1c,備考\n辻 健一,417263,168,6.9,服薬なし", SENSITIVE),
        ("来所者：Sunita Gurungさん\n前回の妊婦健診で「貧血」と言われて鉄剤が出た", SENSITIVE),
        ("I need a health certificate (健康診断書). TRAN MINH DUC", PERSONAL),
        # An event's audience after 対象： is no one's record: the lecturer is in office.
        ("講座「うつ病を知り、支える」\n講師：佐野 浩二先生（精神科医）\n対象：市内在住・在勤の方　定員60名", PERSONAL),
        # Whom a record is about, by its label: a staff member's own request or injury.
        ("要求者：子育て支援課 保育士 青木 里美\n理由：長男の蒼は自閉スペクトラム症の診断を受けており", SENSITIVE),
        ("被災職員：議会事務局 主任 杉浦 典子\n右手首を骨折し手術を受け、心療内科を受診している。", SENSITIVE),
        ("対象職員：上下水道課 主任 熊谷 亮介\n市は業務上横領罪で警察署に告訴し、受理された。", SENSITIVE),
        # Accessible dwellings as a topic of a meeting attended by staff.
        ("長谷川課長\n小西です。吉川さんと出席しました。\n・車いす使用者向け住戸の改修基準の説明がありました。", PERSONAL),
        # Council minutes: speakers named in brackets after the seat or the post, with 君, are in office.
        (
            "○議長（山本 一郎君）　７番　石黒 久美子君。\n○７番（石黒 久美子君）　生活保護の申請窓口について伺います。\n"
            "○福祉部長（日比野 聡君）　申請の意思が確認できた方には申請書をお渡ししております。",
            PERSONAL,
        ),
        # A body's head addressed with 様 and the post in brackets; a facility's staff by post in an audit.
        ("あて先：奥村 晴美様（特定非営利活動法人ひまわり会 理事長）\n内容：陳情「障害者の就労支援の充実を求める陳情」の審査", PERSONAL),
        ("応対者：理事長 国枝 康弘、事務長 後藤\n・備品台帳（介護ベッド、車いす）の記載と現物が一致しない。\n・事務長 後藤氏によれば", PERSONAL),
        # The public housing income report every tenant files is no welfare status; rent paid by welfare is.
        ("来庁者：岸本 浩さん\n収入申告書の提出を受け、収入超過者に該当。", PERSONAL),
        ("吉岡様　生活福祉課の坂下です。家賃の代理納付の手続きが終わりました。", SENSITIVE),
        # School aid paid is a status; the scheme explained, asked about, or offered whoever receives it, is not.
        ("受給者番号,児童生徒氏名,保護者氏名,金額\nR7-0412,原田 結衣,原田 恵,12400\n就学援助費（9月支給分）の振込データ", SENSITIVE),
        ("保護者：田中 花子さん\n就学援助の制度について知りたいとのこと。", PERSONAL),
        ("保護者：田中 花子さん\n就学援助を受けているかどうかにかかわらず、誰でも利用できる。", PERSONAL),
        ("対象職員：主任 堤 和夫\n市は現時点では告訴しない方向。", PERSONAL),
        # A hospital's records: a patient seen (受診), a child admitted said in easy Japanese, a pregnancy by its week.
        ("対象：沖 康弘（外来・救急分 計41,800円、最終受診 3月）", SENSITIVE),
        ("「わたし、グエンです。こども、きのうから、にゅういん、しています。なまえ、グエン ジア バオ。」", SENSITIVE),
        ("ひかりさん（17歳）が妊娠30週で初めて産科を受診。本人氏名：中野 ひかり", SENSITIVE),
        # A check-up's reminder, a scheme's instructions and a pregnancy on a handbook's record are no one's care.
        ("竹内 千夏 様\nりくくん（令和6年12月18日生）の10か月児健診がまだお済みでないようです。受診勧奨の手紙。", PERSONAL),
        ("刘 晓燕様\nあなたの資格確認書をお送りします。病院で受診するときは、この確認書を窓口で見せてください。", PERSONAL),
        ("申請者：菊地 葵さん\n理由：引越しの際に紛失。妊娠30週。", PERSONAL),
        # A school's food allergy list and a family's faith behind a diet.
        ("除去食対象者一覧\n学校,学年,氏名,除去品目,エピペン\n北小,1,石井 心春,卵・乳,なし\n南小,5,金子 颯,そば・落花生,あり", SENSITIVE),
        ("武田 萌さんの保護者 武田 恭子さんと面談。家族でキリスト教の教会に通っており、肉類を口にしない。", SENSITIVE),
        ("Bikash Gurungさん一家。ヒンドゥー教徒のため牛肉は不可。", SENSITIVE),
        # A committee's chair and members under 委員長： and 委員：, speaking of allergy labelling in general.
        ("委員長：小田切 進（学識経験者）\n委員：新田 佳代（小学校PTA連合会）、今村（中学校長会）\n今村委員：アレルギー表示も多言語で載せる必要がある。", PERSONAL),
        # ... but the scheme's words (受診券, 受診率) and a place of work are no one's care.
        ("受診券は4月に送付します。問い合わせは健康推進課 山田まで。", PERSONAL),
        ("健診の受診率向上について、担当の山田から説明します。", PERSONAL),
        ("氏名：BUDI SANTOSO\n在留資格：特定技能1号（介護）\n勤務先：特別養護老人ホーム しおさい苑\n住所：灘町3丁目5番8号", PERSONAL),
        ("氏名：山田 花子\n利用サービス：特別養護老人ホーム しおさい苑（入所中）", SENSITIVE),
        ("宇佐美 葵さん：社会福祉士。前職は足利市内の回復期リハビリテーション病院。", PERSONAL),
        # Members of a council listed after 出席委員：, an interpreter with the post in brackets, a 室's staff.
        ("出席委員：会長 須藤 道夫（大学教授）、早川 恒夫（自治会連合会）、三上 葵（公募委員）\n須藤会長：認知症の方の被害は表に出にくい。", PERSONAL),
        ("To: Rowena Dela Cruz（タガログ語通訳）\n内容：患者さんへの抗がん剤治療の副作用の説明。\n問合せ：地域医療連携室 宇佐美 葵", PERSONAL),
    ],
)
def test_sensitive_tag(text: str, tags: set[str]) -> None:
    assert scan(text).tags == tags


def test_official_titles_merge_from_user_files(tmp_path: Path) -> None:
    text = "技監 岡 正人の講演「糖尿病と地域医療」の案内"
    assert "sensitive_personal" in scan(text).tags  # 技監 is no shipped title: 岡 正人 might be a patient
    extra = tmp_path / "lists.yaml"
    extra.write_text("official_titles: [技監]\n", encoding="utf-8")
    assert Scanner(Dictionaries.load(extra)).scan(text).tags == PERSONAL
