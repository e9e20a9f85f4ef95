"""Hand-written prompt templates for the municipal evaluation set (rendered by build.py).

Slots: `{TYPE:key}` is an annotated value drawn from the example's context (see build.Gen.context),
`{_:key}` the same value left unannotated, `{TYPE=literal}` annotated literal text.
Every person, number and address is invented; the city 架空市 is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    prefix: str
    category: str
    text: str
    n: int = 1
    sensitive: bool = False  # 要配慮個人情報 about the identifiable person in the text
    mark: int = 0  # level required by a confidentiality marking in the text
    notes: str = ""


T = Template

TEMPLATES: list[Template] = [
    # 窓口記録 ---------------------------------------------------------------------------------------
    T("madoguchi", "窓口記録", """以下の窓口記録を要約して、引継ぎ用に3行でまとめてください。

【窓口記録】{_:day} 10:15 市民課窓口
来庁者：{PERSON:p1}様（{_:age}歳）
用件：住民票の写し2通の交付請求。本人確認書類として運転免許証（{DRIVERS_LICENSE:license}）を確認。
連絡先：{PHONE_NUMBER:tel}
対応：交付済み。手数料600円受領。担当 {PERSON:st}""", n=3),
    T("madoguchi", "窓口記録", """次の記録を敬語を使わずに簡潔に書き直して。
{PERSON:p1sei}さんが来庁。転居先の住所は{ADDRESS:caddr}とのこと。転居届の記入漏れ（世帯主欄）があったため、その場で補記してもらった。電話番号は{PHONE_NUMBER:tel}。""", n=3),
    T("madoguchi", "窓口記録", """窓口対応メモを時系列で整理して箇条書きにしてください。
・9:40 {PERSON:p1}（フリガナ：{PERSON:p1kana}）様来所、印鑑登録の廃止を希望
・生年月日 {DATE_OF_BIRTH:dob}、住所 〒{POSTAL_CODE:zip} {ADDRESS:addr}
・登録印を紛失したとのことで、亡失届を受理
・9:58 手続完了、控えをお渡し（担当：{PERSON:st}、確認：{PERSON:st2}）""", n=2),
    T("madoguchi", "窓口記録", """この窓口記録から、次回来庁時に必要な書類を抜き出してください。

来庁者 {PERSON:p1} 様／代理人 {PERSON:p3} 様（委任状あり）
用件：戸籍謄本および附票の請求。代理人の本人確認は健康保険証で実施（被保険者番号 {HEALTH_INSURANCE:kokuho}）。
委任状の日付が空欄のため受付できず、後日再来庁予定。
代理人連絡先 {PHONE_NUMBER:tel2}""", n=2),
    T("madoguchi", "窓口記録", """窓口で受けた内容を課内共有用のチャット文にしてください（100字以内）。
本日、{PERSON:p1}さん（{EMAIL_ADDRESS:email}）から、マイナンバーカードの暗証番号ロック解除について相談あり。本人来庁のうえ再設定済み。""", n=2),
    T("madoguchi", "窓口記録", """下記の受付内容を「用件・対応・残課題」の3項目に分けて整理して。

受付番号 {_:ukno}
申請者：{PERSON:p1}（{DATE_OF_BIRTH:dob}生）
住所：{ADDRESS:caddrb}
電話：{PHONE_NUMBER:tel}
用件：印鑑登録証明書の交付、及び住所変更に伴う国保の手続き
対応：証明書は交付済み。国保は被保険者証（番号 {HEALTH_INSURANCE:kokuho}）の回収を忘れたため、後日郵送で返却を依頼。""", n=2),
    T("madoguchi", "窓口記録", """以下を、上司への報告メールの本文に整えてください。

本日午後、窓口にて{PERSON:p1}様から、ご家族の{PERSON:p2}様名義の証明書を本人の委任なく取得したいとの強い要望がありました。規則上お受けできない旨を説明し、{PERSON:p1sei}様にはご納得いただけないまま退庁されました。再来庁の可能性がありますので共有します。連絡先は{PHONE_NUMBER:tel}です。""", n=2),
    T("madoguchi", "窓口記録", """この記録の誤字脱字をチェックして。
来庁者：{PERSON:p1hira}さま（本人の希望によりひらがな表記）
ようけん：ごみ収集カレンダーの再発行と、粗大ごみの申込み
れんらくさき：{PHONE_NUMBER:tel}""", n=1),
    T("madoguchi", "窓口記録", """国外転出届の受付メモです。転出予定日と必要な案内事項を整理して。
届出人：{PERSON:p1}（{DATE_OF_BIRTH:dob}生）
本人確認：旅券 {PASSPORT:passport}、運転免許証 第{DRIVERS_LICENSE:license}号
転出先：{LOCATION=シンガポール}（勤務先の海外赴任）
転出予定日：令和8年{_:day}
国民年金の任意加入について案内済み。海外での連絡先メール {EMAIL_ADDRESS:email}""", n=2),
    # 相談記録 ---------------------------------------------------------------------------------------
    T("soudan", "相談記録", """この相談記録から、支援機関につなぐ際に必要な情報だけを抜き出して要約してください。

相談日：{_:day}
相談者：{PERSON:p1}（{_:age}歳）
住所：{ADDRESS:caddr}
内容：勤務先の倒産により収入が途絶え、家賃を2か月滞納している。現在、生活保護を受給中の母 {PERSON:mo} と同居。住居確保給付金の利用を希望。
連絡先：{PHONE_NUMBER:tel}""", n=3, sensitive=True, notes="生活保護受給 about a named person"),
    T("soudan", "相談記録", """以下の相談内容について、今後の支援方針案を3つ挙げてください。
{PERSON:p1sei}さん（{DATE_OF_BIRTH:dob}生）は、うつ病で通院中であり、半年前から休職している。精神障害者保健福祉手帳2級を所持。障害年金の申請を検討したいとの相談。""", n=3, sensitive=True),
    T("soudan", "相談記録", """次のケース記録を、支援会議で配る1枚資料の形式にまとめてください。

■対象者 {PERSON:wife}（{_:age}歳・女性）
■住所 {ADDRESS:addr}
■経緯 夫からの暴力（DV）被害を受け、子ども2人と隣県の実家に避難中。{_:day}に警察へ相談済み。
■希望 住民票の閲覧制限（DV等支援措置）の申出
■連絡 本人携帯 {PHONE_NUMBER:tel}（夫に知られないよう、着信は非通知不可）""", n=3, sensitive=True, notes="犯罪被害 (DV) about a named person"),
    T("soudan", "相談記録", """相談記録の文章を、記録票に転記するために客観的な表現に直してください。
「{PERSON:wife}さんがまた来た。息子の{PERSON:sonmei}くんが不登校で、学校とうまくいっていないらしい。お母さんはかなり疲れている様子。電話は{PHONE_NUMBER:tel}。」""", n=2),
    T("soudan", "相談記録", """ケース記録の要約をお願いします。なお、記載の内容は関係者限りです。
相談者 {PERSON:p1}（{DATE_OF_BIRTH:dob}）は、過去に窃盗罪で服役しており、本年{_:day}に出所。就労先が見つからず、更生保護施設を退所後の住居について相談。担当保護司は{PERSON:p3}氏。""", n=2, sensitive=True, mark=2, notes="犯罪歴; marked 関係者限り"),
    T("soudan", "相談記録", """以下の相談票の内容をもとに、関係課への照会文を作ってください。

相談者：{PERSON:p1}（{PERSON:p1kana}）
生年月日：{DATE_OF_BIRTH:dobold}
住所：{ADDRESS:caddr}
相談内容：一人暮らしで物忘れが増えている。近所の{PERSON:p3}さんから心配の連絡があった。預金口座（{_:bank} 普通 {BANK_ACCOUNT:acct}）の管理に不安があるとのこと。""", n=2),
    T("soudan", "相談記録", """次の電話相談の記録を、時系列の表（時刻・発言者・要旨）にしてください。
14:02 {PERSON:p1}様より入電。隣家の騒音について。
14:05 {PERSON:st}が対応。警察への相談歴を確認、未相談とのこと。
14:11 折返し先 {PHONE_NUMBER:tel} を聴取して終話。""", n=2),
    # 通知文 ------------------------------------------------------------------------------------------
    T("tsuchi", "通知文", """以下の内容で、保険料の納付勧奨通知の下書きを作成してください。丁寧だが要点が分かる文面で。

宛先：〒{POSTAL_CODE:zip} {ADDRESS:addr} {PERSON:p1} 様
未納額：{_:amount}円（令和6年度 第3期〜第5期）
納付期限：令和7年{_:day}
問合せ先：架空市役所 保険年金課（代表 {_:switchboard}）""", n=3, notes="代表電話 is public: not annotated"),
    T("tsuchi", "通知文", """次の通知文を、やさしい日本語に書き換えてください。

{PERSON:p1}様
あなたの児童手当について、現況の確認が必要です。{_:day}までに、同封の書類を返送してください。
ご不明な点は、こども家庭課 担当 {PERSON:st}（電話 {_:switchboard} 内線2413）までお問い合わせください。""", n=2),
    T("tsuchi", "通知文", """【機2】以下の決定通知書の文面に誤りがないか確認してください。

決定通知書
{PERSON:p1} 様（個人番号 {MY_NUMBER:mynum}）
令和7年度 住民税非課税世帯等臨時特別給付金について、下記のとおり支給を決定しましたので通知します。
支給額：{_:amount}円
振込先：{_:bank} 普通預金 {BANK_ACCOUNT:acct}
架空市長""", n=3, mark=2, notes="valid 個人番号 → specific_personal, 機密性3 despite the 機2 marking"),
    T("tsuchi", "通知文", """この督促状の文案を、威圧的に感じられない表現に修正してください。
{ADDRESS:addr}
{PERSON:p1} 殿
市税（固定資産税）が納期限を過ぎても納付されていません。このまま納付がない場合、法令に基づき財産の差押えを行うことがあります。
通知番号 {_:ukno}""", n=2),
    T("tsuchi", "通知文", """以下の情報から、介護保険の要介護認定結果通知の送付状を作成してください。
宛名：{PERSON:p1} 様方 {PERSON:p2} 様
被保険者番号：{HEALTH_INSURANCE:kaigo}
送付先：〒{POSTAL_CODE:zip} {ADDRESS:caddr}""", n=2, sensitive=True,
      notes="要介護認定 of a named person reveals 心身の状態"),
    T("tsuchi", "通知文", """次の通知の英訳をお願いします（外国人住民向け）。

{PERSON:flatin} 様
在留カード番号：{RESIDENCE_CARD:zairyu}
国民健康保険の加入手続きが完了しましたので、被保険者証を送付します。被保険者番号は {HEALTH_INSURANCE:kokuho} です。""", n=2),
    # 議事録 ------------------------------------------------------------------------------------------
    T("gijiroku", "議事録", """以下の会議メモから議事録（決定事項・宿題・次回日程）を作ってください。

令和7年度 第2回 地域ケア会議
出席：{PERSON:st}（地域包括支援センター）、{PERSON:st2}（高齢福祉課）、{PERSON:p3}ケアマネ
検討事例：{PERSON:mo}様（{_:oldage}歳、{ADDRESS:caddr}在住）
・認知症の進行により服薬管理が困難。
・長女の{PERSON:adau}様は遠方在住で、週末のみ訪問。
→ 訪問看護の導入を提案、次回までに{PERSON:p3sei}ケアマネが家族と調整""", n=3, sensitive=True, notes="認知症 (病歴) of a named person"),
    T("gijiroku", "議事録", """会議の録音の文字起こしです。話者ごとに要点を整理してください。
{PERSON:st}：では次に、{PERSON:p1}さんの件です。滞納が3年分あって、分納誓約も守られていません。
{PERSON:st2}：財産調査の結果、{_:bank}に口座（{BANK_ACCOUNT:acct}）がありました。
{PERSON:st}：差押えの前に一度、電話で連絡してみましょう。番号は{PHONE_NUMBER:tel}です。""", n=2),
    T("gijiroku", "議事録", """取扱注意
以下の要保護児童対策地域協議会（個別ケース検討会議）の記録を要約してください。

対象児童：{PERSON:c1}（{DATE_OF_BIRTH:dobchild}生）
保護者：{PERSON:wife}
概要：保育園から、身体に複数のあざがあると通告。母親は「転んだ」と説明。児童相談所と情報共有し、見守りを継続。
次回：{_:day} 14:00〜""", n=3, sensitive=True, mark=2, notes="虐待の疑い (犯罪被害) about a named child; 取扱注意 → 2"),
    T("gijiroku", "議事録", """次の打合せメモを、庁内向けの簡潔な議事メモに直してください。
日時：{_:day} 15:00-16:00　場所：第3会議室
出席：情報政策課 {PERSON:stfull}、契約先 株式会社かくうシステム（法人番号 {CORPORATE_NUMBER:corp}）営業担当
内容：住民情報システムの更改スケジュール確認。移行リハーサルは2回実施予定。""", n=2, notes="staff name is personal; 法人番号 alone would not be"),
    T("gijiroku", "議事録", """部外秘
人事評価会議のメモです。箇条書きを文章にしてください。
・{PERSON:stfull}主査：窓口対応の評価は高いが、残業が月60時間を超えている
・{PERSON:st2}主事：異動希望あり（福祉部門）""", n=2, mark=2),
    # 苦情対応 -----------------------------------------------------------------------------------------
    T("kujo", "苦情対応", """以下の苦情メールに対する返信案を作成してください。謝罪と今後の対応を含めて、300字程度で。

件名：ごみ収集について
差出人：{PERSON:p1} <{EMAIL_ADDRESS:email}>
本文：{ADDRESS:caddr}に住んでいます。先週から燃えるごみが2回続けて回収されていません。カラスが散らかして困っています。早急に対応してください。""", n=3),
    T("kujo", "苦情対応", """電話で受けた苦情の記録を、担当課に回付する文書にしてください。
入電者：{PERSON:p1}様　TEL {PHONE_NUMBER:tel}
内容：{_:day}、市民課窓口で職員（名札は{PERSON:st}）の態度が高圧的だった。謝罪してほしい。
対応：話を伺い、所属長から折り返すことを約束。""", n=3),
    T("kujo", "苦情対応", """次の苦情に対するお詫び文を書いてください。
道路の陥没でタイヤがパンクしたと、{PERSON:p1}さん（{PHONE_NUMBER:tel}）から連絡がありました。場所は{ADDRESS:caddr}の前の市道です。修理代{_:amount}円の補償を求めています。""", n=2),
    T("kujo", "苦情対応", """この苦情の内容を分類（制度・職員対応・施設・その他）して、理由も書いてください。
「{PERSON:p1}と申します。先日、息子の障害福祉サービスの更新で相談支援事業所の方と面談しましたが、息子の{PERSON:sonmei}の特性（自閉スペクトラム症）を全く理解していない説明で、とても傷つきました。」""", n=2, sensitive=True),
    T("kujo", "苦情対応", """以下のメールに、個人情報の取扱いについて説明する返信を作ってください。
From: {EMAIL_ADDRESS:email}
市役所から届いた封筒に、隣の{PERSON:p3}さん宛の通知が混ざっていました。{PERSON:p3sei}さんの生年月日（{DATE_OF_BIRTH:dobold}）まで書いてありました。どういう管理をしているのですか。
{PERSON:p1}""", n=2),
    T("kujo", "苦情対応", """公園の騒音に関する苦情です。町内会への依頼文を作成してください。苦情主は匿名希望ですが、記録のために記します：{PERSON:p1}（{ADDRESS:caddr2}）。""", n=2),
    T("kujo", "苦情対応", """施設予約サイトの決済トラブルについて、お詫びと返金手続きの案内メールを作成してください。
{PERSON:p1}様より：{_:day}に市民体育館を予約した際、利用料2,400円が二重に決済された。カード番号は{CREDIT_CARD:card}、予約番号は{_:ukno}。至急返金してほしい。
連絡先：{PHONE_NUMBER:tel}""", n=2),
    # 税 ----------------------------------------------------------------------------------------------
    T("zei", "税", """次の内容から、固定資産税の減額申告についての回答メモを作ってください。
納税義務者：{PERSON:p1}
所在地：{ADDRESS:caddr}
家屋番号：{LOCATION:town}字{_:age}番
相談：耐震改修工事を行ったので減額を受けたい。工事費は{_:amount}円。""", n=2),
    T("zei", "税", """【機密性２】以下の課税資料を要約してください。

氏名 {PERSON:p1}　個人番号 {MY_NUMBER:mynum}
給与収入 4,260,000円、社会保険料控除あり
扶養親族 {PERSON:c1}（{DATE_OF_BIRTH:dobchild}生）
口座振替先 {_:bank} {BANK_ACCOUNT:acct}""", n=3, mark=2),
    T("zei", "税", """市県民税の納付相談の記録です。分納計画の表を作って。
{PERSON:p1}様（{PHONE_NUMBER:tel}）、滞納額{_:amount}円。月2万円ずつの分納を希望。勤務先は株式会社東雲物流（法人番号 {CORPORATE_NUMBER:corp}）。""", n=2),
    T("zei", "税", """次のメールに返信してください。所得証明書の郵送請求についての問い合わせです。

{PERSON:p1} です。令和6年度の所得証明書を郵送で取り寄せたいです。現住所は〒{POSTAL_CODE:zip} {ADDRESS:addr}、生年月日は{DATE_OF_BIRTH:dob}です。返信は {EMAIL_ADDRESS:email} までお願いします。""", n=2),
    T("zei", "税", """軽自動車税の減免申請書の記載内容をチェックしてください。
申請者：{PERSON:p1}
身体障害者手帳：1級（下肢機能障害）
車両使用者：{PERSON:p2}（申請者の配偶者）
運転免許証番号：{DRIVERS_LICENSE:license}""", n=2, sensitive=True, notes="障害 of a named person"),
    T("zei", "税", """ふるさと納税の寄附受付データの一部です。重複登録を見つけてください。
1. {PERSON:p1} / {EMAIL_ADDRESS:email} / {_:amount}円
2. {PERSON:p3} / {PHONE_NUMBER:tel2} / 10,000円
3. {PERSON:p1} / {EMAIL_ADDRESS:email} / {_:amount}円
支払：クレジットカード（{CREDIT_CARD:card}）""", n=2),
    # 福祉 --------------------------------------------------------------------------------------------
    T("fukushi", "福祉", """生活保護の申請に関するケース記録を要約してください。
申請者 {PERSON:p1}（{DATE_OF_BIRTH:dob}生、{ADDRESS:caddrb}）
世帯構成：本人のみ。糖尿病により就労困難。
預貯金：{_:bank} 普通 {BANK_ACCOUNT:acct}、残高約3万円
基礎年金番号：{BASIC_PENSION_NUMBER:pension}（年金受給なし）""", n=3, sensitive=True),
    T("fukushi", "福祉", """障害福祉サービスの支給決定について、以下の情報で説明資料を作って。
利用者：{PERSON:p1}（療育手帳 A判定）
保護者：{PERSON:p2}　{PHONE_NUMBER:tel}
サービス：生活介護 週5日、短期入所 月7日""", n=2, sensitive=True),
    T("fukushi", "福祉", """民生委員さんからの連絡メモです。対応すべき順に並べ替えて。
・{PERSON:p1}さん（{LOCATION:town}、一人暮らし）最近姿を見ない
・{PERSON:p3}さん 入院中（{LOCATION=東雲}の病院）、退院後の見守り希望
・民生委員 {PERSON:st2}さんの連絡先 {PHONE_NUMBER:tel2}""", n=2, sensitive=True, notes="入院 of a named person (病歴)"),
    T("fukushi", "福祉", """次の文章をケース会議用に要約して。
{PERSON:hus}（{_:age}歳）は、アルコール依存症の治療のため{_:day}から入院中。退院後は自宅（{ADDRESS:caddr}）に戻る予定だが、妻の{PERSON:wife}は同居を拒否している。""", n=2, sensitive=True),
    T("fukushi", "福祉", """以下の内容で、福祉タクシー券の交付決定通知を作ってください。
対象者：{PERSON:p1} 様
住所：{ADDRESS:caddr}
交付枚数：24枚（500円券）""", n=2, notes="福祉タクシー券 alone does not reveal a 障害 grade; personal only"),
    # 子育て ------------------------------------------------------------------------------------------
    T("kosodate", "子育て", """保育所入所申込みの内容確認です。不足している書類を指摘してください。

児童氏名：{PERSON:c1}（{PERSON:c1kana}）
生年月日：{DATE_OF_BIRTH:dobtot}
保護者：{PERSON:p1}（勤務先：株式会社東雲商事）、{PERSON:p2}（育児休業中）
住所：{ADDRESS:caddr}　電話：{PHONE_NUMBER:tel}""", n=3),
    T("kosodate", "子育て", """乳幼児健診の結果連絡です。保護者向けの説明文を作ってください。
{PERSON:c1mei}ちゃん（保護者 {PERSON:p1} 様）は、3歳児健診で聴力の精密検査が必要と判定されました。紹介先医療機関への受診をお願いします。""", n=2, sensitive=True, notes="健診結果 about a named child"),
    T("kosodate", "子育て", """児童手当の認定請求書の記載内容をまとめてください。
請求者：{PERSON:p1}　個人番号：{MY_NUMBER:mynum}
配偶者：{PERSON:p2}
対象児童：{PERSON:c1}（{DATE_OF_BIRTH:dobchild}）
振込口座：{_:bank} 普通 {BANK_ACCOUNT:acct}""", n=3),
    T("kosodate", "子育て", """放課後児童クラブの利用者連絡網の文面を整えて。
{PERSON:c1}さんの保護者 {PERSON:p1}様　緊急連絡先 {PHONE_NUMBER:tel}
{PERSON:mo}さん（祖母）お迎え可　{PHONE_NUMBER:tel2}""", n=2),
    T("kosodate", "子育て", """以下のメールに返信して。
差出人：{EMAIL_ADDRESS:email}
件名：一時預かりの予約
{PERSON:p1}です。{_:day}に、娘（{PERSON:daumei}、{_:cage}歳）の一時預かりをお願いしたいです。食物アレルギー（卵）があります。""", n=2, sensitive=True, notes="アレルギー (health) of a named child"),
    T("kosodate", "子育て", """妊娠届出時の面談記録を、母子保健システムに入力する形に整理して。
妊婦：{PERSON:wife}（{DATE_OF_BIRTH:dob}生）
住所：〒{POSTAL_CODE:zip} {ADDRESS:caddr}
分娩予定日：令和8年{_:day}
連絡先：{PHONE_NUMBER:tel}　メール：{EMAIL_ADDRESS:email}""", n=2),
    # 戸籍住民 ----------------------------------------------------------------------------------------
    T("koseki", "戸籍住民", """転入届の受付内容を確認してください。
氏名：{PERSON:p1}（{PERSON:p1kana}）
生年月日：{DATE_OF_BIRTH:dob}
前住所：{ADDRESS:addr}
新住所：{ADDRESS:caddrb}
住民票コード：{RESIDENT_CODE:jcode}
世帯員：{PERSON:p2}、{PERSON:c1}""", n=3),
    T("koseki", "戸籍住民", """次の婚姻届の記載事項に不備がないか確認して。
夫になる人：{PERSON:hus}　生年月日 {DATE_OF_BIRTH:dob}
妻になる人：{PERSON:pf}　生年月日 {DATE_OF_BIRTH:dob}
新本籍：{ADDRESS:caddr}
証人：{PERSON:st}、{PERSON:st2}""", n=2),
    T("koseki", "戸籍住民", """戸籍届出の窓口で受けた質問への回答文を作って。
{PERSON:p1}さんから、亡くなった父 {PERSON:fa}（{DATE_OF_BIRTH:dobold}生）の出生から死亡までの戸籍を集めたいとの相談。本籍は{ADDRESS:addr}。""", n=2),
    T("koseki", "戸籍住民", """住民票の写しの第三者請求について、請求理由が妥当か判断材料をまとめて。
請求者：{PERSON:p3}（債権者、株式会社かくうファイナンス 法人番号 {CORPORATE_NUMBER:corp}）
対象者：{PERSON:p1}、最終住所 {ADDRESS:caddr}
請求理由：貸金の返還請求訴訟のため""", n=2),
    T("koseki", "戸籍住民", """マイナンバーカード交付予約の一覧です。時間帯ごとに人数を数えて。
10:00 {PERSON:p1}（{PHONE_NUMBER:tel}）
10:00 {PERSON:p3}
10:30 {PERSON:p2}（代理：{PERSON:c1}）""", n=2),
    T("koseki", "戸籍住民", """【機密性3】以下の支援措置対象者情報を、庁内照会の回答文に使える形にして。
対象者：{PERSON:p1}　住民票コード {RESIDENT_CODE:jcode}
加害者：{PERSON:p3}（元配偶者）
措置期間：令和8年{_:day}まで""", n=2, sensitive=True, mark=3, notes="DV支援措置 (犯罪被害); marked 機密性3"),
    # 介護 --------------------------------------------------------------------------------------------
    T("kaigo", "介護", """要介護認定の訪問調査メモを、特記事項の文体に直して。
被保険者：{PERSON:fa}（被保険者番号 {HEALTH_INSURANCE:kaigo}、{DATE_OF_BIRTH:dobold}生）
脳梗塞の後遺症で右半身にまひ。屋内は伝い歩き。入浴は長男の妻 {PERSON:wife} さんが介助。""", n=3, sensitive=True),
    T("kaigo", "介護", """ケアプランの変更連絡をFAX送付状にしてください。
宛先：{PERSON:p3}ケアマネジャー様
利用者：{PERSON:p1}様（{ADDRESS:caddr}）
変更内容：通所介護を週2回→週3回""", n=2, sensitive=True,
      notes="介護サービスの利用 of a named person reveals 心身の状態"),
    T("kaigo", "介護", """介護保険料の還付通知の文面を作成して。
{PERSON:p1} 様（被保険者番号 {HEALTH_INSURANCE:kaigo}）
還付額：{_:amount}円
振込先：{_:bank} 普通 {BANK_ACCOUNT:acct}""", n=2),
    T("kaigo", "介護", """地域包括支援センターへの引継ぎ文を作って。
{PERSON:fa}さん（{_:oldage}歳）の娘の{PERSON:adau}さん（{PHONE_NUMBER:tel}）から、父が最近同じ話を繰り返し、財布をなくしたと何度も電話してくるとの相談がありました。""", n=2),
    # 国保・年金 ----------------------------------------------------------------------------------------
    T("kokuho", "国保・年金", """国民健康保険の資格取得届の内容を確認してください。
世帯主：{PERSON:p1}　個人番号 {MY_NUMBER:mynum}
加入者：{PERSON:p2}　個人番号 {MY_NUMBER:mynum2}
前保険：協会けんぽ（資格喪失日 令和7年{_:day}）
住所：{ADDRESS:caddr}""", n=2),
    T("kokuho", "国保・年金", """高額療養費の申請勧奨通知の下書きを作成して。
被保険者番号：{HEALTH_INSURANCE:kokuho}
氏名：{PERSON:p1} 様
診療月：令和7年{_:day}分（入院：人工透析）""", n=2, sensitive=True, notes="人工透析 (病歴)"),
    T("kokuho", "国保・年金", """国民年金の免除申請について、以下の方への案内文を作ってください。
{PERSON:p1}様　基礎年金番号 {BASIC_PENSION_NUMBER:pension}
失業により収入なし。{_:day}に離職。
電話 {PHONE_NUMBER:tel}""", n=3),
    T("kokuho", "国保・年金", """年金の相談記録を要約して。
{PERSON:wife}さん（{DATE_OF_BIRTH:dobold}生）が来所。夫 {PERSON:hus}（基礎年金番号 {BASIC_PENSION_NUMBER:pension}）の死亡に伴う遺族年金の手続きについて。戸籍謄本と死亡診断書の写しを持参。""", n=2,
      notes="a 死亡診断書 is only named as a document brought; no medical content, not sensitive"),
    # 英語混在 ---------------------------------------------------------------------------------------
    T("english", "英語混在", """Please summarize the following 窓口記録 in English for our ALT staff.
来庁者：{PERSON:flatin}（在留カード {RESIDENCE_CARD:zairyu}）
用件：転入届. Moved from {ADDRESS:addr}. Phone: {PHONE_NUMBER:tel}
Passport No. {PASSPORT:passport} confirmed.""", n=3),
    T("english", "英語混在", """以下の英語の問い合わせに、日本語と英語の両方で返信案を作ってください。

Dear City Hall,
My name is {PERSON:flatin}. I live at {ADDRESS:caddr}. My residence card number is {RESIDENCE_CARD:zairyu}.
I would like to apply for the child allowance (児童手当) for my son {PERSON:fchild}. Please contact me at {EMAIL_ADDRESS:femail}.""", n=2),
    T("english", "英語混在", """Translate into Japanese and format as a 相談記録:
Client: {PERSON:flatinup}, DOB {DATE_OF_BIRTH:dob}
According to the client, the employer is holding the client's passport ({PASSPORT:passport}) and has paid no wages for two months. The client wants to consult 労働基準監督署.
Contact: {PHONE_NUMBER:tel}""", n=2, sensitive=True, notes="犯罪被害 (passport confiscation, unpaid wages)"),
    T("english", "英語混在", """次のメモを英語のメールにしてください。
{PERSON:fkata}さん（{PERSON:flatin}）へ：国民健康保険の保険料 {_:amount}円 が未納です。口座振替を希望する場合は、{_:bank}の口座番号（{BANK_ACCOUNT:acct}）を確認のうえ届出書を返送してください。""", n=2),
    T("english", "英語混在", """Check this log excerpt from the 住民情報システム and tell me which user accessed 住民票 records after hours.
2026-11-12 22:41:07 user={PERSON:stfull} ip={IP_ADDRESS:ip} action=view target=住民票({RESIDENT_CODE:jcode})
2026-11-12 22:43:55 user={PERSON:stfull} ip={IP_ADDRESS:ip} action=print""", n=2, notes="staff names and IPs in an access log"),
    T("english", "英語混在", """Please proofread: "Dear {PERSON:flatin}, your application for the 在留資格 renewal support letter has been received. We will call you at {PHONE_NUMBER:tel} when it is ready. 架空市役所 国際交流課 {PERSON:st}\"""", n=2),
    # 長文 (long multi-section prompts) ------------------------------------------------------------------
    T("chobun", "相談記録", """以下は生活困窮者自立相談支援の経過記録です。支援調整会議に提出する「支援経過の要約」（400字程度）と「今後の課題」（箇条書き3点）を作成してください。固有名詞は残したままで構いません。

【基本情報】
相談者：{PERSON:hus}（{PERSON:huskana}）　{DATE_OF_BIRTH:dob}生
住所：〒{POSTAL_CODE:zip} {ADDRESS:caddrb}
電話：{PHONE_NUMBER:tel}　メール：{EMAIL_ADDRESS:email}
世帯：本人、妻 {PERSON:wife}、長女 {PERSON:dau}（中学2年）

【経過】
{_:day}　初回面談。建設業の日雇いで生計を立てていたが、元請けの受注が減ってから仕事が減り、月収が8万円程度に落ち込んだ。家賃（月6万2千円）を3か月滞納し、管理会社から退去を求める書面が届いている。国民健康保険料も滞納あり（被保険者番号 {HEALTH_INSURANCE:kokuho}）。
2回目　家計表を一緒に作成。携帯電話料金とカードローンの返済が負担になっている。カードローンの借入先は2社、残高合計約90万円。法テラスの利用を案内した。
3回目　妻の{PERSON:wife}さんも同席。パート就労を始めたいが、長女の通学の送迎があり時間が限られるとのこと。ハローワークの就労支援ナビゲーターにつなぐことで合意。
4回目　住居確保給付金の申請書を受理。振込先は{_:bank} 普通 {BANK_ACCOUNT:acct}（本人名義）。

【担当】自立相談支援機関 相談支援員 {PERSON:stfull}""", n=2, sensitive=True,
      notes="生活困窮者自立支援 and 住居確保給付金 of a named household, treated like 生活保護"),
    T("chobun", "議事録", """次の会議の文字起こし（抜粋）から、正式な議事録を作成してください。形式は「1. 日時・場所」「2. 出席者」「3. 議事」「4. 決定事項」「5. 次回」とし、発言は要旨にまとめてください。

令和7年度 第3回 架空市国民健康保険運営協議会
日時：{_:day} 14:00〜15:40　場所：市役所本庁舎 5階 大会議室
出席委員：{PERSON:p3}会長、{PERSON:stfull}委員、{PERSON:st2}委員（以下略）
事務局：保険年金課長、国保係長

会長：定刻になりましたので始めます。本日の議題は、令和8年度の保険税率の改定についてです。事務局から説明をお願いします。
事務局：資料1をご覧ください。被保険者数は前年度比で約3%減少しており、一人当たり医療費は増加傾向にあります。基金の残高は約4億2千万円で、このまま税率を据え置くと、令和9年度には基金が枯渇する見込みです。
{PERSON:stfull}委員：激変緩和の措置は考えていないのですか。特に低所得世帯への影響が心配です。
事務局：均等割の軽減判定所得の基準額の引上げにより、一定の緩和が見込まれます。
{PERSON:st2}委員：資料2の試算は、モデル世帯として年金収入のみの夫婦世帯が入っていますが、子育て世帯の試算も示してほしい。
会長：それでは、子育て世帯の試算を追加したうえで、次回、答申案を審議することとします。
（15:40 閉会）""", n=2, notes="委員 names are personal data even in a public meeting record"),
    T("chobun", "苦情対応", """以下のメールのやり取り（新しい順）を読んで、①経緯の時系列整理、②市としての見解案、③再発防止策案 を作成してください。

----- 最新 -----
From: {PERSON:p1} <{EMAIL_ADDRESS:email}>
To: 架空市 市民相談室
Subject: Re: Re: 除雪について（再度）
前回のお返事では「順次対応」とのことでしたが、3日経っても家の前（{ADDRESS:caddr}）の市道は除雪されていません。高齢の母（{PERSON:mo}、{_:oldage}歳）が通院できずに困っています。これ以上待てません。至急連絡をください。携帯 {PHONE_NUMBER:tel}

----- 2通目 -----
From: 架空市 市民相談室
{PERSON:p1sei} 様
ご連絡ありがとうございます。ご指摘の路線については、道路維持課に伝え、順次対応いたします。今しばらくお待ちください。
市民相談室 {PERSON:st}

----- 最初 -----
From: {PERSON:p1} <{EMAIL_ADDRESS:email}>
自宅前の道路が除雪されておらず、車が出せません。通勤にも支障が出ています。対応をお願いします。""", n=2, sensitive=True, notes="通院 of a named mother (病歴 implied); mother's identity is in the text"),
    T("chobun", "福祉", """下記の訪問記録を、障害者総合支援法に基づくサービス等利用計画のモニタリング報告書の書式に直してください。専門用語は残し、主観的な表現は削ってください。

モニタリング訪問記録
利用者氏名：{PERSON:p1}　（{DATE_OF_BIRTH:dob}生）
受給者証番号：{_:ukno}
住所：{ADDRESS:caddr}
障害等：統合失調症（精神障害者保健福祉手帳2級）
訪問日：{_:day}　同席者：母 {PERSON:mo}、就労継続支援B型事業所 支援員 {PERSON:p3}

・通所状況：週4日の予定に対し、この1か月は週2〜3日。朝起きられない日がある。
・服薬：主治医の指示どおり服薬できている。母が毎朝声かけしている。
・本人の希望：「作業は楽しい。もう少し工賃が上がるとうれしい。」
・母の話：最近、夜中に独り言が増えた。次回の受診時に主治医へ伝える予定。
・事業所の話：作業態度は安定している。昼休みに一人でいることが多い。
・今後：通所日数は現状を維持。次回モニタリングは3か月後。相談支援専門員 {PERSON:stfull}（連絡先 {PHONE_NUMBER:telh}）""", n=2, sensitive=True),
    # 庁内事務 ---------------------------------------------------------------------------------------
    T("jimu", "庁内事務", """このVPN接続ログから、不審な接続をした職員を特定する手順を教えて。
{_:day} 02:13 {PERSON:stfull} 接続元 {IP_ADDRESS:ip} 認証成功
{_:day} 02:14 {PERSON:stfull} 接続元 {IP_ADDRESS:ip2} 認証失敗×5""", n=2),
    T("jimu", "庁内事務", """以下の職員の時間外勤務申請をまとめてください。
{PERSON:stfull}（市民課）{_:day} 18:00-21:30 窓口混雑対応
{PERSON:st2}（市民課）同日 18:00-20:00 システム入力""", n=2),
    T("jimu", "庁内事務", """給与振込口座の変更届の内容を確認して。
職員：{PERSON:stfull}（職員番号 {_:ukno}）
新口座：{_:bank} 普通 {BANK_ACCOUNT:acct}
自宅電話：{PHONE_NUMBER:telh}""", n=2),
    T("jimu", "庁内事務", """出張旅費の精算で、法人カードではなく個人のクレジットカード（{CREDIT_CARD:card}、名義 {PERSON:stfull}）で支払った場合の処理を教えてください。""", n=2),
    T("jimu", "庁内事務", """秘
次の人事異動案を、内示文の形に整えてください。
{PERSON:stfull} 市民課主査 → 福祉総務課主査
{PERSON:st2} 主事（税務課） 病気休暇明けのため、現所属に据置""", n=2, sensitive=True, mark=3, notes="病気休暇 of a named staff member; 秘 → 3"),
    # 電話記録 (calls written down as said: kana names, numbers read out with の) ----------------------
    T("denwa", "電話記録", """次の電話受付メモを、担当課への引継ぎ文にしてください。
{_:day} 14:05 受電（市民課）
「もしもし、わたし、{PERSON:p1hira}と申しますが、粗大ごみの申込みをしたいんです」
折り返し先：{PHONE_NUMBER=〇九〇の四四一二の八八〇三}（日中は仕事のため夕方以降希望）
対応：受付票を作成。担当 {PERSON:st}""", n=2, notes="a caller naming themselves in kana; a number read out with の"),
    T("denwa", "電話記録", """この電話記録を要約して、保育課へ回付する文にしてください。
受電：{_:day} 10:20
申出人　{PERSON:p1}（父）
児童：{PERSON:c1}（{_:cage}歳）
内容：保育所の入所保留通知について、理由を詳しく知りたい。
連絡先：{PHONE_NUMBER=０８０の２２３１の９９０４}""", n=2, notes="form labels 申出人・児童"),
    T("gijiroku", "議事録", """常任委員会の記録の要点を箇条書きにしてください。
出席者：{PERSON:st}委員長、{PERSON:st2}副委員長、{PERSON:p3sei}委員
○{PERSON:st2}副委員長　子育て支援センターの利用者数の推移について伺います。
○こども未来課長　前年比で1割増加しております。""", n=2, notes="deputy titles in minutes"),
]

NEGATIVES: list[Template] = [
    T("ippan", "一般質問", "生活保護制度の概要を、新任職員向けに5行で説明してください。"),
    T("ippan", "一般質問", "住民票の写しと住民票記載事項証明書の違いを分かりやすく教えて。"),
    T("ippan", "一般質問", "児童手当の制度改正（令和6年10月）のポイントを箇条書きでまとめてください。"),
    T("ippan", "一般質問", "要配慮個人情報とは何か、個人情報保護法の条文に沿って解説してください。病歴や犯罪歴が含まれることも説明して。"),
    T("ippan", "一般質問", "マイナンバーカードの電子証明書の有効期限は何年ですか。更新手続きの流れも教えて。"),
    T("ippan", "一般質問", "障害者差別解消法の合理的配慮について、窓口での具体例を3つ挙げてください。"),
    T("ippan", "一般質問", "ふるさと納税のワンストップ特例制度の申請期限はいつですか。"),
    T("ippan", "一般質問", "国民健康保険と後期高齢者医療制度の違いを表にしてください。"),
    T("ippan", "一般質問", "Please explain the difference between 住民税 and 所得税 in plain English for foreign residents."),
    T("ippan", "一般質問", "介護保険の第1号被保険者と第2号被保険者の違いを説明して。"),
    T("ippan", "一般質問", "DV等支援措置の制度の概要と、申出から決定までの一般的な流れを説明してください。"),
    T("ippan", "一般質問", "「個人番号」の検査用数字はどのように計算されますか。計算式だけ教えて。"),
    T("ippan", "一般質問", "ExcelでVLOOKUPの代わりにXLOOKUPを使う方法を教えてください。"),
    T("ippan", "一般質問", "議事録を作るときに、発言の要旨をまとめるコツを教えてください。"),
    T("ippan", "一般質問", "苦情対応で「クッション言葉」を使う例文を10個ください。"),
    T("ippan", "一般質問", "高齢者の見守りネットワークを作るうえで、民生委員と地域包括支援センターの役割分担はどうあるべきですか。"),
    T("ippan", "一般質問", "自治体情報セキュリティポリシーガイドラインにおける機密性の分類について説明してください。"),
    T("ippan", "一般質問", "犯罪被害者等基本法に基づく自治体の支援施策にはどのようなものがありますか。"),
    T("ippan", "一般質問", "令和7年度の予算編成方針の書き方の例を示してください。"),
    T("ippan", "一般質問", "公用車の運転日誌の様式案を作ってください。項目は日付、行先、走行距離、運転者の所属です。"),
    T("ippan", "一般質問", "Write a short welcome message for new foreign residents, mentioning 転入届 and 国民健康保険 registration."),
    T("ippan", "一般質問", "子ども・子育て支援法の一部改正で、こども誰でも通園制度はいつから始まりますか。"),
    # place names alone: LOCATION is annotated, but nothing personal is present
    T("chimei", "一般質問", "{LOCATION=札幌市}の人口と{LOCATION=旭川市}の人口を比較して、増減の傾向を教えて。"),
    T("chimei", "一般質問", "{LOCATION=東京都}から{LOCATION=架空市}への転入者数が増えている理由として考えられることは？"),
    T("chimei", "一般質問", "{LOCATION=北海道}と{LOCATION=沖縄県}で、高齢化率の違いをまとめてください。"),
    T("chimei", "一般質問", "市内の{LOCATION=桜町}地区と{LOCATION=東雲}地区の避難所の収容人数を比較する表を作って。"),
    T("chimei", "一般質問", "{LOCATION=横浜市}や{LOCATION=福岡市}の子育て支援策で参考になるものは？"),
    T("chimei", "一般質問", "What are the main tourist spots in {LOCATION=Kyoto}? I want to include them in a sister-city presentation."),
    T("chimei", "一般質問", "{LOCATION=松本市}と{LOCATION=山口県}の観光入込客数の推移を調べる方法を教えてください。",
      notes="place names that are also common surnames"),
    T("ippan", "一般質問", "株式会社山田製作所との清掃業務委託契約を随意契約で更新する場合の注意点を教えて。",
      notes="a surname inside a company name is no PERSON"),
    # numbers that look like identifiers but are not personal
    T("bango", "一般質問", "伝票番号 {_:bad12g} の支出命令が二重に起票されています。取消の手順を教えてください。", n=2,
      notes="12-digit 伝票番号 failing the 個人番号 check"),
    T("bango", "一般質問", "注文番号 {_:bad12} の消耗品（コピー用紙 50箱）の納品が遅れています。業者への督促文を作って。",
      notes="12 digits failing the 個人番号 check"),
    T("bango", "一般質問", "受付番号 {_:ukno} の案件の処理期限を、受付日 令和7年{_:day} から起算して14日後で計算して。"),
    T("bango", "一般質問", "起案番号 架総第{_:age}号 の決裁が止まっています。合議先に催促するメールを書いて。"),
    T("bango", "一般質問", "この見積書の合計金額 {_:amount}円 に消費税10%を加えた額を計算してください。"),
    T("bango", "一般質問", "物品番号 {_:bad12} と {_:bad12g} の備品を廃棄したい。備品台帳から削除する手続きは？", n=2),
    T("bango", "一般質問", "令和7年{_:day}に開催する防災訓練の実施要領を作成してください。集合は午前9時30分です。"),
    T("bango", "一般質問", "庁内LANの更新で、端末のOSバージョンが 10.0.19045.3803 のままのものを洗い出す方法を教えて。"),
    T("bango", "一般質問", "補助金の交付申請額 {_:amount}円 のうち、対象経費の上限を2分の1とした場合の交付額を教えて。"),
    T("bango", "一般質問", "会議室予約システムで、3-201会議室の{_:day} 13:00〜15:00が二重予約になっています。調整のメール文を作って。"),
    T("bango", "一般質問", "文書管理システムの文書番号 2025-000123-4567 と 2025-000124-0001 の保存年限をそれぞれ確認したい。一般的な考え方を教えて。"),
    T("bango", "一般質問", "ISBN 978-4-00-000000-0 のような図書を購入する際の予算科目は何になりますか。"),
    T("bango", "一般質問", "令和6年度決算で、歳入総額が 48,213,550,000円、歳出総額が 46,902,118,000円でした。実質収支の説明文を作って。"),
    # the city's public switchboard and other public contacts
    T("daihyo", "通知文", """次のお知らせ文を、広報紙向けに200字以内にまとめてください。

【年末年始の窓口業務について】
12月29日から1月3日まで、市役所の窓口業務はお休みします。戸籍の届出（出生・死亡など）は夜間休日受付で受け付けます。
お問い合わせ：架空市役所 代表 {_:switchboard}""", notes="代表電話 is public"),
    T("daihyo", "通知文", "「ご不明な点は、架空市役所（代表電話 {_:switchboard}）までお問い合わせください。」という締めの一文を、もう少し柔らかい表現にして。"),
    T("daihyo", "通知文", "市のホームページのフッターに載せる文言を整えて：架空市役所　開庁時間 平日8:30〜17:15　電話 ０９９－０００－１２３４（代表）",
      notes="the switchboard in full-width digits"),
    T("daihyo", "通知文", """以下の記者発表資料の誤字をチェックしてください。
架空市 新庁舎の開庁について
新庁舎は令和8年5月7日（木）に開庁します。旧庁舎での業務は5月1日（金）で終了します。
問合せ先：総務課 庁舎整備係（代表 {_:switchboard}　内線2105）"""),
    # marked but without personal data: level follows the marking
    T("hyoji", "議事録", """【機2】以下の庁議資料を3行で要約してください。
議題：次期基幹系システムのガバメントクラウド移行について
・移行対象20業務のうち、住民記録・税務は令和8年1月移行
・移行経費の概算は約3億円。国の補助対象外経費の取扱いが課題""", mark=2),
    T("hyoji", "議事録", """機密性３情報
次の入札予定価格の算定メモを読みやすく整えてください。
清掃業務委託　予定価格 12,400,000円（税抜）／最低制限価格 10,540,000円""", mark=3),
    T("hyoji", "議事録", "部外秘：来年度の組織改正案（子育て支援課とこども家庭課の統合）について、メリット・デメリットを整理してください。", mark=2),
    T("hyoji", "議事録", "極秘 災害時の庁舎非常用電源の配置図の説明文を作ってください（警備上の理由で取扱注意）。", mark=3),
    T("hyoji", "議事録", "取扱制限　次期総合計画の素案（未公表）の第3章を要約して。", mark=2),
    T("hyoji", "議事録", "複製禁止　次の防災行政無線の運用マニュアル改訂案を、変更点が分かる表にしてください。", mark=2),
    T("hyoji", "通知文", "【機密性１】広報紙11月号の「図書館だより」の原稿を、小学生にも読めるように書き直して。", mark=1),
    T("hyoji", "議事録", "関係者限り：ごみ処理施設の建替え候補地3か所の比較表（面積・造成費・アクセス）を作って。", mark=2),
    # a public notice with a corporate number only: no personal data
    T("hojin", "通知文", """次の契約締結のお知らせを作ってください。
契約の相手方：株式会社かくうシステム（法人番号 {CORPORATE_NUMBER:corp}）
契約金額：{_:amount}円
契約期間：令和8年4月1日から令和9年3月31日まで""", n=2, notes="法人番号 is not personal"),
]
