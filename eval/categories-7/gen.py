# -*- coding: utf-8 -*-
"""Municipal chat histories for category-set-7 (imported by gen.py).

Each history is a list of (role, content) tuples in chronological order.
All names, numbers and places are fictional (架空の「みなと市」など).
"""

LONG_KAIGO_ANSWER = """要介護認定の更新申請について、窓口でよく聞かれる点を整理します。

## 1. 申請できる時期
- 有効期間満了日の **60日前から** 申請できます。
- 満了日を過ぎると新規申請扱いになり、認定が出るまでサービス利用に空白が生じる場合があります。

## 2. 必要なもの
1. 介護保険被保険者証（原本）
2. 主治医の氏名・医療機関名がわかるもの（診察券など）
3. 代理申請の場合は委任状と代理人の本人確認書類
4. 個人番号（マイナンバー）が確認できる書類

## 3. 申請後の流れ
| 手順 | 内容 | 目安 |
|---|---|---|
| 認定調査 | 調査員が自宅や施設を訪問し、74項目の聞き取り | 申請から2〜3週間 |
| 主治医意見書 | 市から医療機関へ作成を依頼 | 調査と並行 |
| 一次判定 | コンピュータ判定 | 書類がそろい次第 |
| 二次判定 | 介護認定審査会で審査 | 月4回開催 |
| 結果通知 | 認定結果通知書と新しい被保険者証を郵送 | 原則30日以内 |

## 4. よくある質問
- **Q. 入院中でも申請できますか？** 
  A. できます。ただし状態が安定してから調査を行うため、病院の医療相談室と日程を調整します。
- **Q. ケアマネジャーが代わりに申請できますか？** 
  A. 居宅介護支援事業所による申請代行が可能です。
- **Q. 結果に納得できない場合は？** 
  A. 県の介護保険審査会への審査請求（通知を受け取った日の翌日から3か月以内）か、区分変更申請を案内してください。

## 5. 窓口での注意点
- 更新の案内は満了日の約60日前に本人あてに郵送していますが、施設入所者は施設あてに送付先変更されていることがあります。
- 家族から「案内が届いていない」と連絡があった場合は、送付先と住所異動の履歴をまず確認してください。
- 認定調査の日程調整の電話は非通知にしない運用です。

不明な点があれば、介護保険課認定係（内線2345）に確認してください。"""

LONG_BOUSAI_ANSWER = """ご依頼の「避難所開設時の初動チェックリスト（職員用）」の案です。地域防災計画の記載とずれがないか、危機管理課で最終確認してください。

### A. 参集・開錠（開設決定から30分以内）
- [ ] 避難所担当職員2名以上が参集したことを災害対策本部へ報告
- [ ] 施設管理者（学校長・公民館長）へ連絡し、鍵の受け渡し
- [ ] 建物の外観・周辺の安全確認（ひび割れ、倒木、浸水、ガス臭）
- [ ] 応急危険度判定が必要な場合は本部へ要請

### B. 受入準備
- [ ] 受付の設置（避難者カード、筆記用具、体温計、消毒液）
- [ ] 要配慮者スペース（高齢者、障害のある方、妊産婦、乳幼児連れ）を先に確保
- [ ] ペット同行避難の受入場所（屋外テント・別棟）を表示
- [ ] 授乳室・更衣室を男女別に確保し、プライバシーに配慮
- [ ] トイレの使用可否確認。断水時は携帯トイレ・簡易トイレを配備

### C. 情報・通信
- [ ] 防災行政無線・MCA無線の通信確認
- [ ] 避難者数を1時間ごとに本部へ報告（様式第3号）
- [ ] 掲示板に「開設時刻」「本部の電話番号」「次回の情報更新時刻」を掲示
- [ ] 外国人避難者向けに「やさしい日本語」と多言語の掲示物（English / 中文 / 한국어 / Tiếng Việt）を掲出

### D. 物資
- [ ] 備蓄倉庫の在庫確認（水、アルファ化米、毛布、段ボールベッド）
- [ ] 不足物資を本部へ要請（品目・数量・届け先を明記）
- [ ] アレルギー対応食の区分保管

### E. 記録
- [ ] 時系列で対応記録（クロノロジー）を作成
- [ ] 受付簿の個人情報は鍵のかかるケースで保管

**補足**: 夜間に開設する場合は、照明・発電機の燃料残量を最初に確認してください。また、感染症対策として、発熱者用の動線とスペースを受付の段階で分けることが重要です。地域の自主防災組織と連携する場合は、役割分担（受付・物資・清掃）を開設直後の打合せで決めておくと円滑です。"""

LONG_JOSYS_ANSWER = """ガバメントクラウドへの移行に伴う標準準拠システムのテスト計画について、一般的な進め方をまとめます。Vendor 側の用語（UAT, regression test など）も併記します。

**1. テスト工程の全体像**
- 単体・結合テスト（ベンダー実施）
- 総合テスト（System Test）：標準仕様書の機能要件一覧に沿って、帳票・EUC・連携を確認
- 受入テスト（UAT: User Acceptance Test）：原課職員が実データに近いテストデータで業務シナリオを実施
- 並行稼働（parallel run）：旧システムと同一データを処理し、税額・給付額などの差異を比較

**2. 原課に依頼する事項**
1. 業務シナリオの作成（例：転入→国保加入→児童手当認定→住民税課税）
2. 帳票の確認（レイアウト差異、宛名の外字、バーコード）
3. 他業務との連携確認（住基→税、住基→国保、宛名→福祉）
4. 例外処理の洗い出し（DV等支援措置、職権消除、外国人住民の通称名）

**3. データ移行の確認ポイント**
- 文字コード（行政事務標準文字への同定）と外字の扱い
- 履歴データの移行範囲（何年分を移行するか）
- 移行リハーサルを最低2回、本番手順書どおりに実施

**4. スケジュール上のリスク**
- 他団体と同じベンダーに作業が集中し、テスト環境の提供が遅れる
- 標準仕様書の改版（versions 3.x→4.x）への追随
- 職員の繁忙期（確定申告期、年度末異動期）とUATが重なる

**5. 推奨**
- テスト観点表と不具合管理表（issue tracker）を情報政策課で一元管理する
- 重大度（Severity）を「S：業務停止／A：代替手段あり／B：軽微」の3段階で定義する
- 各課にテストリーダーを1名置き、週次で進捗会議を行う

必要であれば、受入テストのシナリオ様式（Excel）の項目案も作成します。"""

H = {
    "zei_kotei": [
        ("user", "固定資産税の納税通知書が届いたと市民から電話がありました。土地の評価額が去年より上がっているのに、税額はほとんど変わっていないのはなぜかと聞かれています。どう説明すればよいですか？"),
        ("assistant", "負担調整措置の説明が分かりやすいと思います。\n\n- 土地の税額は、評価額そのものではなく **課税標準額** に税率（1.4%）をかけて計算します。\n- 住宅用地は特例で評価額の1/6（200㎡まで）または1/3に軽減されます。\n- さらに、評価額が上がっても課税標準額は前年度から段階的にしか上がらない「負担調整措置」があります。\n\nそのため、評価額が上がっても税額の変化が小さいことがあります。詳しい内訳は課税明細書の「前年度課税標準額」「本年度課税標準額」欄を見ていただくよう案内してください。"),
    ],
    "kokuho_keigen": [
        ("user", "国民健康保険税の軽減について教えてください。前年所得が少ない世帯は自動的に軽減されますか？"),
        ("assistant", "はい、7割・5割・2割の法定軽減は、世帯主と国保加入者の前年所得の合計が基準以下であれば自動的に適用されます。ただし、所得の申告がない方がいると判定できないため、未申告者には簡易申告書の提出をお願いしています。"),
        ("user", "会社の倒産で離職した人の場合はどうなりますか？"),
        ("assistant", "非自発的失業者の軽減制度があります。\n\n1. 対象：雇用保険の特定受給資格者・特定理由離職者で、離職時65歳未満の方\n2. 内容：前年の給与所得を **100分の30** とみなして保険税を計算\n3. 期間：離職日の翌日の属する月から翌年度末まで\n4. 手続き：雇用保険受給資格者証を持って国保年金課へ届出\n\n届出がないと適用されないので、窓口では必ず受給資格者証の離職理由コード（11, 12, 21, 22, 31, 32 など）を確認してください。"),
    ],
    "kaigo_koushin": [
        ("user", "要介護認定の更新申請について、窓口で説明するときのポイントをまとめてもらえますか。新人職員向けに使いたいです。"),
        ("assistant", LONG_KAIGO_ANSWER),
    ],
    "bousai_hinanjo": [
        ("user", "台風接近時に避難所を開設する職員向けの初動チェックリストを作ってください。"),
        ("assistant", LONG_BOUSAI_ANSWER),
        ("user", "ありがとうございます。ペット同行避難の部分をもう少し詳しくできますか？"),
        ("assistant", "ペット同行避難について追記案です。\n\n- 受付で飼い主の氏名・ペットの種類・頭数を「ペット台帳」に記録\n- ケージ・リード・餌は原則飼い主が持参（備蓄は最小限）\n- 居住スペースへの持込みは不可。盲導犬・介助犬などの身体障害者補助犬は例外\n- 鳴き声・臭いへの配慮として、屋外または別棟の風通しのよい場所を指定\n- 動物アレルギーの避難者がいるため、動線を分ける\n\n環境衛生課・獣医師会との協定がある場合は、その連絡先も掲示すると安心です。"),
    ],
    "kosodate_jidouteate": [
        ("user", "児童手当の制度改正で高校生年代まで支給対象が広がったと聞きました。申請が必要な人は誰ですか？"),
        ("assistant", "現在すでに中学生以下の子どもの児童手当を受給している方は、原則として申請不要です。申請が必要なのは主に次の方です。\n\n- 高校生年代の子どものみを養育していて、これまで児童手当を受給していない方\n- 所得上限超過で支給対象外だった方\n- 大学生年代の子を含め3人以上を養育していて、多子加算を受けるために監護相当・生計費の負担を申し出る方\n\n公務員の方は勤務先での申請になります。"),
        ("user", "多子加算の「監護相当・生計費の負担」って具体的にどう確認するんですか？"),
        ("assistant", "22歳年度末までの上の子について、「監護相当・生計費の負担についての確認書」を提出していただきます。親元を離れて暮らしている大学生でも、仕送りなどで生計費を負担していれば対象になります。添付書類は原則不要で、申立てで確認します。"),
    ],
    "gomi_sodai": [
        ("user", "粗大ごみの出し方を英語で案内したいです。Please make a short English guide for residents about oversized garbage (sodai-gomi) collection in our city."),
        ("assistant", "Here is a short guide you can adapt:\n\n**Oversized Garbage (Sodai-gomi) Collection**\n1. **Book in advance** – Call the Oversized Garbage Reception Center (0120-000-530) or use the online form at least 7 days before.\n2. **Buy a sticker** – Purchase a processing fee sticker (¥300 / ¥600) at convenience stores or supermarkets.\n3. **Put out the item** – On the collection day, place the item with the sticker at the designated spot by 8:30 a.m.\n\nItems not accepted: air conditioners, TVs, refrigerators, washing machines (home appliance recycling), PCs, tires, fire extinguishers.\n\n日本語版と併記する場合は、受付センターの対応言語（日本語のみ／通訳サービスあり）も明記すると親切です。"),
    ],
    "senkyo_kijitsumae": [
        ("user", "期日前投票所で、入場券を忘れた有権者が来た場合の対応を確認したいです。"),
        ("assistant", "入場券がなくても、選挙人名簿に登録されていれば投票できます。\n\n1. 氏名・生年月日・住所を聞き取り、名簿対照を行う\n2. 本人確認書類の提示は法令上の義務ではないが、なりすまし防止のため任意で提示をお願いする運用が一般的\n3. 宣誓書（期日前投票の事由の記載）を記入してもらう\n\n入場券の裏面に宣誓書が印刷されている自治体が多いので、忘れた方には別紙の宣誓書を用意しておいてください。"),
    ],
    "juminhyo_konbini": [
        ("user", "コンビニ交付で住民票の写しを取ろうとしたらエラーになったという問い合わせです。考えられる原因は？"),
        ("assistant", "主な原因は次のとおりです。\n\n- マイナンバーカードの **利用者証明用電子証明書** の有効期限切れ（発行から5回目の誕生日）\n- 暗証番号（数字4桁）を3回連続で間違えてロック\n- 転入直後で、住民登録地の市区町村がまだコンビニ交付に対応する状態になっていない\n- 利用時間外（6:30〜23:00以外）やシステムメンテナンス日\n- DV等支援措置の対象者は、コンビニ交付を停止している\n\nロック解除や証明書の更新は、本人がカードを持って市民課窓口へ来庁する必要があります。"),
        ("user", "本人が入院中で来られない場合は？"),
        ("assistant", "暗証番号の再設定は代理人でも可能ですが、照会書（回答書）を本人あてに郵送し、代理人が回答書・委任状・本人のカード・代理人の本人確認書類を持参する流れになります。即日ではなく1〜2週間かかる旨をお伝えください。"),
    ],
    "seiho_shinsei": [
        ("user", "生活保護の申請に来た方が、車を持っていると申請できないのではと心配しています。"),
        ("assistant", "自動車を保有していても申請自体はできます。申請権の侵害にならないよう、まず申請を受け付けることが大前提です。\n\n保有が認められるかは個別判断ですが、例えば次のような場合は保有が認められることがあります。\n- 障害のある方の通院・通所に必要な場合\n- 公共交通機関の利用が著しく困難な地域での通勤用\n- 求職活動中で、概ね6か月以内に就労により保護から脱却が見込まれる場合の処分保留\n\n判断はケース診断会議で行うので、相談の段階で「車があるから無理」と言わないよう注意してください。"),
    ],
    "suido_roushui": [
        ("user", "水道料金が急に倍になったという苦情です。漏水の可能性が高いと思いますが、減免はできますか？"),
        ("assistant", "宅地内の地下漏水など、発見が困難な漏水で、市の指定給水装置工事事業者が修繕した場合は、漏水分の料金を減額できる規程があります。\n\n確認事項：\n1. メーターのパイロット（銀色のコマ）が、全部の蛇口を閉めた状態で回っているか\n2. 修繕した事業者名と修繕日\n3. 修繕前後の検針値\n\nトイレのタンク内の漏れや、目に見える場所の漏水は管理不十分として減額対象外になるのが一般的です。"),
    ],
    "hoiku_nyusho": [
        ("user", "保育園の4月入所の一次選考に落ちた保護者から、育休を延長するための「保留通知」がほしいと言われました。"),
        ("assistant", "育児休業給付金の延長手続きには「入所保留通知書（入所不承諾通知書）」が必要です。ただし制度改正により、延長を目的とした申込みかどうかの確認が厳しくなっています。\n\n- 申込み時点で「速やかな職場復帰を希望していない」場合は、延長が認められないことがあります\n- ハローワークに「申込書の写し」と「保留通知」の提出が必要です\n\n保留通知は一次選考結果と同時に郵送しています。再発行は子ども保育課で即日可能です。"),
        ("user", "二次選考で内定が出た場合、辞退したら延長できなくなりますか？"),
        ("assistant", "内定を辞退すると、原則として育児休業給付金の延長要件を満たさなくなります。辞退前に必ずハローワークへ相談するよう案内してください。"),
    ],
    "kanko_inbound": [
        ("user", "来年度の観光振興計画で、インバウンド向けの施策を3つ考えたいです。うちの市は港と温泉があります。"),
        ("assistant", "港と温泉を組み合わせた施策案です。\n\n1. **クルーズ船寄港時の「半日温泉ツアー」**：港から温泉街までのシャトルと多言語ガイドをセットで提供\n2. **手ぶら観光の推進**：港の観光案内所で荷物を預かり、宿へ配送（Hands-free travel）\n3. **キャッシュレス・多言語対応の一斉整備**：温泉街の飲食店に QR 決済とメニュー翻訳を支援する補助制度\n\nKPI の例：外国人宿泊者数、平均滞在時間、観光案内所の多言語対応件数。"),
    ],
    "gikai_toben": [
        ("user", "来週の一般質問で「空き家対策の進捗」について質問通告がありました。答弁書の骨子を作りたいので、論点を整理してください。"),
        ("assistant", "答弁書の骨子案です。\n\n**1. 現状認識**\n- 空き家等実態調査（令和5年度）の結果：市内の空き家約1,200件、うち管理不全約180件\n\n**2. これまでの取組**\n- 空き家バンクの登録・成約実績\n- 特定空家等への助言・指導、勧告の件数\n- 除却費補助の実績\n\n**3. 法改正への対応**\n- 管理不全空家等の新設に伴う運用方針\n- 空家等活用促進区域の指定検討\n\n**4. 今後の方向性**\n- 相続登記の義務化と連動した啓発\n- 不動産団体・司法書士会との連携協定\n\n数値は最新の所管課資料で確認してください。"),
        ("user", "再質問で「固定資産税の住宅用地特例の解除件数は？」と聞かれそうです。"),
        ("assistant", "勧告を行った特定空家等・管理不全空家等は、翌年度から住宅用地特例の対象外になります。件数は税務課と住宅政策課で突合が必要です。答弁では「勧告件数〇件のうち、特例の適用除外となったものは〇件」と、年度を明示して答えるのが安全です。"),
    ],
    "akiya_bank": [
        ("user", "空き家バンクに登録したい所有者向けに、必要書類を教えてください。"),
        ("assistant", "一般的な必要書類は次のとおりです。\n\n- 空き家バンク登録申込書\n- 物件登録カード（間取り、築年数、設備、希望価格）\n- 登記事項証明書の写し\n- 固定資産税の納税通知書の写し（所有者確認のため）\n- 建物の外観・内観写真\n- 所有者が複数（共有名義）の場合は同意書\n\n相続登記が未了の場合は、登記を済ませてから登録するよう案内しています。"),
    ],
    "toshokan_yoyaku": [
        ("user", "図書館の予約本の取り置き期間は何日ですか？"),
        ("assistant", "連絡日の翌日から7日間（休館日を除く）です。期間を過ぎると次の予約者に回ります。"),
    ],
    "kokusai_tabunka": [
        ("user", "外国人住民向けの生活オリエンテーションを企画しています。転入時に伝えるべき項目をリストにしてください。Vietnamese と Nepali の住民が増えています。"),
        ("assistant", "転入時オリエンテーションの項目案です。\n\n- 住民登録・在留カード・マイナンバー\n- 国民健康保険・国民年金（加入義務と減免）\n- ごみの分別と収集日（カレンダーの読み方）\n- 防災（避難場所、緊急連絡先 119/110、やさしい日本語の防災アプリ）\n- 子育て・教育（就学案内、保育園）\n- 相談窓口（多文化共生センター、通訳タブレット）\n\nベトナム語・ネパール語は、国際交流協会の通訳ボランティアやCLAIRの多言語生活情報を活用できます。"),
        ("user", "やさしい日本語の書き方のポイントも知りたいです。"),
        ("assistant", "ポイントは「はっきり・さいごまで・みじかく」です。\n\n1. 一文を短くする（一つの文に一つの情報）\n2. 尊敬語・謙譲語を避け「です・ます」で統一\n3. 漢字にはふりがなをつける\n4. カタカナ語・外来語を減らす\n5. 数字は算用数字、日付は「4月1日（火よう日）」のように書く\n\n例：「避難所へ避難してください」→「ひなんじょ（にげる ところ）に いって ください」"),
    ],
    "josys_govcloud": [
        ("user", "ガバメントクラウド移行のテスト計画を立てています。UAT の進め方を教えてください。"),
        ("assistant", LONG_JOSYS_ANSWER),
        ("user", "受入テストのシナリオ様式の項目案もお願いします。"),
        ("assistant", "シナリオ様式の項目案です。\n\n| 列 | 内容 |\n|---|---|\n| シナリオID | 例：JUKI-UAT-012 |\n| 業務区分 | 住基／税／国保／福祉 |\n| 前提条件 | テストデータ、日付、権限 |\n| 操作手順 | 画面名と操作を番号付きで |\n| 期待結果 | 画面表示・帳票・連携先の反映 |\n| 実施結果 | OK / NG / 保留 |\n| 不具合番号 | issue tracker の番号 |\n| 実施者・実施日 | |\n\nNG の場合はスクリーンショットを必ず添付するルールにしてください。"),
        ("user", "並行稼働で税額に差異が出たときの原因調査の手順は？"),
        ("assistant", "差異の原因調査は次の順で行うと効率的です。\n\n1. 差異のある納税義務者を抽出し、差額の分布（全件同額か、個別か）を確認\n2. 全件に共通する場合は、税率・端数処理・均等割の設定値を確認\n3. 個別の場合は、移行データ（控除、扶養、特別徴収の異動）を旧システムと比較\n4. 仕様差（標準仕様書で定められた計算方法の違い）か、不具合かを切り分け\n5. 仕様差の場合は課税課長の判断を仰ぎ、記録に残す"),
    ],
    "jumin_zei_english": [
        ("user", "How should I explain 住民税の特別徴収 to a foreign employee who just joined a company in our city?"),
        ("assistant", "You could explain it like this:\n\n*Special collection (tokubetsu choshu)* means your employer deducts your **resident tax** from your monthly salary and pays it to the city on your behalf. The tax is based on your income from the **previous year** (January–December), so in your first year in Japan you may not pay resident tax yet. From June each year, 12 monthly installments are deducted (June to May).\n\nIf you leave your job, the remaining amount may be collected in a lump sum or switched to *ordinary collection* (you pay yourself with payment slips)."),
    ],
    "hoiku_short": [
        ("user", "病児保育の利用登録はどこでできますか？"),
        ("assistant", "市内の病児保育室（みなと小児科併設「ひまわり」など）で直接登録できます。事前登録制で、登録票と子どもの保険証の写しが必要です。"),
    ],
    "zei_furusato": [
        ("user", "ふるさと納税のワンストップ特例の申請書が届いていないと寄附者から問い合わせがありました。"),
        ("assistant", "受付状況を確認します。\n\n- 申請書は寄附の翌年1月10日必着です\n- 受付完了通知はメールで送信しています（迷惑メールフォルダも確認いただく）\n- マイナンバー確認書類と本人確認書類の写しが不足していると受理できません\n\n寄附受付システムで受付番号を検索し、申請書の受領日を確認してから回答してください。"),
        ("user", "1月10日を過ぎてしまった場合は？"),
        ("assistant", "ワンストップ特例は適用できないため、確定申告で寄附金控除を受けるよう案内してください。受領証明書の再発行が必要な場合は、ふるさと納税担当で発行します。"),
        ("user", "確定申告のときに必要な書類をまとめて、寄附者に送るメールの文面も作ってもらえますか？"),
        ("assistant", "メール文面案です。\n\n件名：【みなと市】ふるさと納税ワンストップ特例申請についてのご案内\n\n〇〇様\n\nこのたびはみなと市へのご寄附をいただき、誠にありがとうございます。\nお問い合わせいただきましたワンストップ特例申請書について、受付期限（1月10日）を過ぎて到着したため、特例の適用ができませんでした。\n\n恐れ入りますが、確定申告にて寄附金控除をお受けください。確定申告には次の書類が必要です。\n- 寄附金受領証明書（再発行をご希望の場合はご連絡ください）\n- 源泉徴収票（給与所得者の方）\n- マイナンバーカードなど\n\nご不明な点はみなと市ふるさと納税担当（0120-000-000）までお問い合わせください。"),
    ],
}

# ---------------------------------------------------------------------------
# Templates.  "VERBATIM" = copied character for character from the stored
# source named in the comment; "INFERRED" = structure known, exact text or
# layout not confirmed; "ADMIN" = invented admin customisation.
# ---------------------------------------------------------------------------
import json
import random
import re
import sys

# ---- Open WebUI ------------------------------------------------------------
# VERBATIM: open-webui backend/open_webui/config.py (stored copy, ConfigVar era, ~v0.6.4x/0.7)
OWUI_TITLE = """### Task:
Generate a concise, 3-5 word title with an emoji summarizing the chat history.
### Guidelines:
- The title should clearly represent the main theme or subject of the conversation.
- Use emojis that enhance understanding of the topic, but avoid quotation marks or special formatting.
- Write the title in the chat's primary language; default to English if multilingual.
- Prioritize accuracy over excessive creativity; keep it clear and simple.
- Your entire response must consist solely of the JSON object, without any introductory or concluding text.
- The output must be a single, raw JSON object, without any markdown code fences or other encapsulating text.
- Ensure no conversational text, affirmations, or explanations precede or follow the raw JSON output, as this will cause direct parsing failure.
### Output:
JSON format: { "title": "your concise title here" }
### Examples:
- { "title": "📉 Stock Market Trends" },
- { "title": "🍪 Perfect Chocolate Chip Recipe" },
- { "title": "Evolution of Music Streaming" },
- { "title": "Remote Work Productivity Tips" },
- { "title": "Artificial Intelligence in Healthcare" },
- { "title": "🎮 Video Game Development Insights" }
### Chat History:
<chat_history>
{{MESSAGES:END:2}}
</chat_history>"""

# VERBATIM: same file (identical in PersistentConfig-era copy)
OWUI_TAGS = """### Task:
Generate 1-3 broad tags categorizing the main themes of the chat history, along with 1-3 more specific subtopic tags.

### Guidelines:
- Start with high-level domains (e.g. Science, Technology, Philosophy, Arts, Politics, Business, Health, Sports, Entertainment, Education)
- Consider including relevant subfields/subdomains if they are strongly represented throughout the conversation
- If content is too short (less than 3 messages) or too diverse, use only ["General"]
- Use the chat's primary language; default to English if multilingual
- Prioritize accuracy over specificity

### Output:
JSON format: { "tags": ["tag1", "tag2", "tag3"] }

### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>"""

_FU_HEAD = """### Task:
Suggest 3-5 relevant follow-up questions or prompts that the user might naturally ask next in this conversation as a **user**, based on the chat history, to help continue or deepen the discussion.
### Guidelines:
- Write all follow-up questions from the user’s point of view, directed to the assistant.
- Make questions concise, clear, and directly related to the discussed topic(s).
- Only suggest follow-ups that make sense given the chat content and do not repeat what was already covered.
- If the conversation is very short or not specific, suggest more general (but relevant) follow-ups the user might ask.
- Use the conversation's primary language; default to English if multilingual.
"""
_FU_TAIL = """### Output:
JSON format: { "follow_ups": ["Question 1?", "Question 2?", "Question 3?"] }
### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>"""
# VERBATIM: ConfigVar-era config.py (newer)
OWUI_FOLLOWUP_NEW = _FU_HEAD + '- Response must be a JSON object with a "follow_ups" key containing an array of strings, no extra text or formatting.\n' + _FU_TAIL
# VERBATIM: PersistentConfig-era config.py (older, ~v0.6.x)
OWUI_FOLLOWUP_OLD = _FU_HEAD + '- Response must be a JSON array of strings, no extra text or formatting.\n' + _FU_TAIL

# VERBATIM: config.py (note the trailing space after "JSON format:" and the final newline)
OWUI_QUERY = """### Task:
Analyze the chat history to determine the necessity of generating search queries, in the given language. By default, **prioritize generating 1-3 broad and relevant search queries** unless it is absolutely certain that no additional information is required. The aim is to retrieve comprehensive, updated, and valuable information even with minimal uncertainty. If no search is unequivocally needed, return an empty list.

### Guidelines:
- Respond **EXCLUSIVELY** with a JSON object. Any form of extra commentary, explanation, or additional text is strictly prohibited.
- When generating search queries, respond in the format: { "queries": ["query1", "query2"] }, ensuring each query is distinct, concise, and relevant to the topic.
- If and only if it is entirely certain that no useful results can be retrieved by a search, return: { "queries": [] }.
- Err on the side of suggesting search queries if there is **any chance** they might provide useful or updated information.
- Be concise and focused on composing high-quality search queries, avoiding unnecessary elaboration, commentary, or assumptions.
- Today's date is: {{CURRENT_DATE}}.
- Always prioritize providing actionable and broad queries that maximize informational coverage.

### Output:
Strictly return in JSON format: 
{
  "queries": ["query1", "query2"]
}

### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>
"""

# VERBATIM: config.py (trailing double spaces are in the source)
OWUI_AUTOCOMPLETE = """### Task:
You are an autocompletion system. Continue the text in `<text>` based on the **completion type** in `<type>` and the given language.  

### **Instructions**:
1. Analyze `<text>` for context and meaning.  
2. Use `<type>` to guide your output:  
   - **General**: Provide a natural, concise continuation.  
   - **Search Query**: Complete as if generating a realistic search query.  
3. Start as if you are directly continuing `<text>`. Do **not** repeat, paraphrase, or respond as a model. Simply complete the text.  
4. Ensure the continuation:
   - Flows naturally from `<text>`.  
   - Avoids repetition, overexplaining, or unrelated ideas.  
5. If unsure, return: `{ "text": "" }`.  

### **Output Rules**:
- Respond only in JSON format: `{ "text": "<your_completion>" }`.

### **Examples**:
#### Example 1:  
Input:  
<type>General</type>  
<text>The sun was setting over the horizon, painting the sky</text>  
Output:  
{ "text": "with vibrant shades of orange and pink." }

#### Example 2:  
Input:  
<type>Search Query</type>  
<text>Top-rated restaurants in</text>  
Output:  
{ "text": "New York City for Italian cuisine." }  

---
### Context:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>
<type>{{TYPE}}</type>  
<text>{{PROMPT}}</text>  
#### Output:
"""

# VERBATIM: config.py (the typo "am image" is in the source)
OWUI_IMAGE = """### Task:
Generate a detailed prompt for am image generation task based on the given language and context. Describe the image as if you were explaining it to someone who cannot see it. Include relevant details, colors, shapes, and any other important elements.

### Guidelines:
- Be descriptive and detailed, focusing on the most important aspects of the image.
- Avoid making assumptions or adding information not present in the image.
- Use the chat's primary language; default to English if multilingual.
- If the image is too complex, focus on the most prominent elements.

### Output:
Strictly return in JSON format:
{
    "prompt": "Your detailed description here."
}

### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>"""

# VERBATIM: config.py
OWUI_EMOJI = """Your task is to reflect the speaker's likely facial expression through a fitting emoji. Interpret emotions from the message and reflect their facial expression using fitting, diverse emojis (e.g., 😊, 😢, 😡, 😱).

Message: ```{{prompt}}```"""

# VERBATIM: config.py
OWUI_TOOLS = """Available Tools: {{TOOLS}}

Your task is to choose and return the correct tool(s) from the list of available tools based on the query. Follow these guidelines:

- Return only the JSON object, without any additional text or explanation.

- If no tools match the query, return an empty array: 
   {
     "tool_calls": []
   }

- If one or more tools match the query, construct a JSON response containing a "tool_calls" array with objects that include:
   - "name": The tool's name.
   - "parameters": A dictionary of required parameters and their corresponding values.

The format for the JSON response is strictly:
{
  "tool_calls": [
    {"name": "toolName1", "parameters": {"key1": "value1"}},
    {"name": "toolName2", "parameters": {"key2": "value2"}}
  ]
}"""

# VERBATIM: PersistentConfig-era config.py copy (v0.4.x) and docs env-configuration page
OWUI_TITLE_V04 = """Create a concise, 3-5 word title with an emoji as a title for the chat history, in the given language. Suitable Emojis for the summary can be used to enhance understanding but avoid quotation marks or special formatting. RESPOND ONLY WITH THE TITLE TEXT.

Examples of titles:
📉 Stock Market Trends
🍪 Perfect Chocolate Chip Recipe
Evolution of Music Streaming
Remote Work Productivity Tips
Artificial Intelligence in Healthcare
🎮 Video Game Development Insights

<chat_history>
{{MESSAGES:END:2}}
</chat_history>"""

# VERBATIM: older docs env-configuration page (v0.3.x default)
OWUI_TITLE_V03 = """Create a concise, 3-5 word title with an emoji as a title for the prompt in the given language. Suitable Emojis for the summary can be used to enhance understanding but avoid quotation marks or special formatting. RESPOND ONLY WITH THE TITLE TEXT.

Examples of titles:
📉 Stock Market Trends
🍪 Perfect Chocolate Chip Recipe
Evolution of Music Streaming
Remote Work Productivity Tips
Artificial Intelligence in Healthcare
🎮 Video Game Development Insights

Prompt: {{prompt:middletruncate:8000}}"""

# MOSTLY VERBATIM: older docs env-configuration page (v0.3.x SEARCH_QUERY_GENERATION_PROMPT_TEMPLATE);
# the words between "lean towards suggesting a Google sea" and "rate a Google search query" were
# cut in the excerpt I saw and are reconstructed ("rch query if uncertain. Gene").
OWUI_SEARCH_V03 = """Assess the need for a web search based on the current question and prior interactions, but lean towards suggesting a Google search query if uncertain. Generate a Google search query even when the answer might be straightforward, as additional information may enhance comprehension or provide updated data. If absolutely certain that no further information is required, return an empty string. Default to a search query if unsure or in doubt. Today's date is {{CURRENT_DATE}}.

Current Question:
{{prompt:end:4000}}

Interaction History:
{{MESSAGES:END:6}}"""

# ADMIN: Japanese translation of the v0.5+ title template, invented
ADM_OWUI_TITLE_JA = """### タスク:
チャット履歴を要約する、絵文字付きの簡潔なタイトル（15文字程度）を生成してください。
### ガイドライン:
- タイトルは会話の主題を明確に表すこと。
- 個人名・住所・電話番号などの個人情報はタイトルに含めないこと。
- 日本語で出力すること。
- 回答は JSON オブジェクトのみとし、前後に説明文を付けないこと。
### 出力:
JSON形式: { "title": "タイトル" }
### 例:
- { "title": "🏠 空き家バンクの登録書類" },
- { "title": "💧 水道漏水の減免" }
### チャット履歴:
<chat_history>
{{MESSAGES:END:2}}
</chat_history>"""

# ADMIN: Japanese follow-up template, invented
ADM_OWUI_FOLLOWUP_JA = """### タスク:
チャット履歴をもとに、職員（ユーザー）が次に質問しそうなフォローアップ質問を3つ提案してください。
### ガイドライン:
- 市役所職員の立場から、アシスタントに向けた質問にすること。
- すでに回答済みの内容は繰り返さないこと。
- 丁寧語（です・ます調）で、各質問は40文字以内。
- 回答は "follow_ups" キーを持つ JSON オブジェクトのみ。
### 出力:
JSON形式: { "follow_ups": ["質問1", "質問2", "質問3"] }
### チャット履歴:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>"""

# ADMIN: built-in tags template with two Japanese lines appended to the Guidelines, invented
ADM_OWUI_TAGS_PLUS = OWUI_TAGS.replace(
    "- Prioritize accuracy over specificity\n",
    "- Prioritize accuracy over specificity\n- タグは必ず日本語で出力すること（例: 税務、福祉、防災）\n- 課名（例: 市民課、介護保険課）が分かる場合はタグに含めること\n")

# ADMIN: built-in query template with an added municipal line, invented
ADM_OWUI_QUERY_PLUS = OWUI_QUERY.replace(
    "- Today's date is: {{CURRENT_DATE}}.\n",
    "- Today's date is: {{CURRENT_DATE}}.\n- 検索クエリには可能な限り「みなと市」または関係省庁名（総務省、厚生労働省など）を含めること。\n")

# ---- LibreChat -------------------------------------------------------------
# VERBATIM: api/app/clients/OpenAIClient.js titleChatCompletion (legacy, ~v0.7.x); one system message
LC_LEGACY_COMPLETION = """Detect user language and write in the same language an extremely concise title for this conversation, which you must accurately detect.
Write in the detected language. Title in 5 Words or Less. No Punctuation or Quotation. Do not mention the language. All first letters of every word should be capitalized and write the title in User Language only.

{convo}

||>Title:"""

# VERBATIM: api/app/clients/prompts/titlePrompts.js (stored version 07eda35, which includes emojiPrompt)
LC_EMOJI = 'Start the title with one emoji that fits the topic (REQUIRED), The emoji should help communicate the subject'
LC_LANG_SYSTEM = 'Detect the language used in the following text.'
LC_LC_TITLE_SYSTEM = "Write a concise title for this conversation in the given language. Title in 5 Words or Less. No Punctuation or Quotation. Must be in Title Case, written in the given Language. " + LC_EMOJI + "\n{convo}"

# VERBATIM: @librechat/agents src/utils/title.ts (three generations of defaultCompletionPrompt)
LC_AG_COMPLETION_V1 = """Provide a concise, 5-word-or-less title for the conversation, using title case conventions. Only return the title itself.

Conversation:
{convo}"""
LC_AG_COMPLETION_V2 = """Provide a concise, 5-word-or-less title for the conversation, using its same language, with no punctuation. Apply title case conventions appropriate for the language. Never directly mention the language name or the word "title" and only return the title itself.

Conversation:
{convo}"""
LC_AG_COMPLETION_V3 = """Provide a concise, 5-word-or-less title for the conversation. Only return the title itself.

Conversation:
{convo}"""
LC_AG_STRUCTURED = """Analyze this conversation and provide:
1. The detected language of the conversation
2. A concise title in the detected language (5 words or less, no punctuation or quotation)

{convo}"""

# VERBATIM: api/app/clients/prompts/summaryPrompts.js
LC_SUMMARY = """Summarize the conversation by integrating new lines into the current summary.

EXAMPLE:
Current summary:
The human inquires about the AI's view on artificial intelligence. The AI believes it's beneficial.

New lines:
Human: Why is it beneficial?
AI: It helps humans achieve their potential.

New summary:
The human inquires about the AI's view on artificial intelligence. The AI believes it's beneficial because it helps humans achieve their potential.

Current summary:
{summary}

New lines:
{new_lines}

New summary:"""
LC_CUTOFF = """The following text is cut-off:
{new_lines}

Summarize the content as best as you can, noting that it was cut-off.

Summary:"""

# VERBATIM up to rule 5: packages/api/src/agents/memory.ts getDefaultInstructions (set_memory era);
# with no validKeys / tokenLimit the two template lines render empty.  Anything after them in the
# real source was not seen.
LC_MEMORY = """Use the `set_memory` tool to save important information about the user, but ONLY when the user has requested you to remember something.

The `delete_memory` tool should only be used in two scenarios:
  1. When the user explicitly asks to forget or remove specific information
  2. When updating existing memories, use the `set_memory` tool instead of deleting and re-adding the memory.

1. ONLY use memory tools when the user requests memory actions with phrases like:
   - "Remember [that] [I]..."
   - "Don't forget [that] [I]..."
   - "Please remember..."
   - "Store this..."
   - "Forget [that] [I]..."
   - "Delete the memory about..."

2. NEVER store information just because the user mentioned it in conversation.

3. NEVER use memory tools when the user asks you to use other tools or invoke tools in general.

4. Memory tools are ONLY for memory requests, not for general tool usage.

5. If the user doesn't ask you to remember or forget something, DO NOT use any memory tools.

"""

# ADMIN: librechat.yaml titlePrompt override in Japanese (titlePrompt with {convo} is a real config key;
# the text is invented)
ADM_LC_TITLE_JA = """以下の会話に、15文字以内の日本語のタイトルを付けてください。句読点や「」は使わず、タイトルのみを出力してください。個人名は含めないでください。

会話:
{convo}"""

# ---- Dify ------------------------------------------------------------------
# VERBATIM: api/core/llm_generator/prompts.py (current, "Edited by yasu-oh")
DIFY_TITLE_NEW = """You are asked to generate a concise chat title by decomposing the user’s input into two parts: “Intention” and “Subject”.

1. Detect Input Language
Automatically identify the language of the user’s input (e.g. English, Chinese, Italian, Español, Arabic, Japanese, French, and etc.).

2. Generate Title
- Combine Intention + Subject into a single, as-short-as-possible phrase.
- The title must be natural, friendly, and in the same language as the input.
- If the input is a direct question to the model, you may add an emoji at the end.

3. Output Format
Return **only** a valid JSON object with these exact keys and no additional text:
{
"Language Type": "<Detected language>",
"Your Reasoning": "<Brief explanation in that language>",
"Your Output": "<Intention + Subject>"
}

User Input:
"""

# VERBATIM: older api/core/llm_generator/prompts.py ("Written by YORKI MINAKO")
DIFY_TITLE_OLD = """You need to decompose the user's input into "subject" and "intention" in order to accurately figure out what the user's input language actually is. 
Notice: the language type user use could be diverse, which can be English, Chinese, Español, Arabic, Japanese, French, and etc.
MAKE SURE your output is the SAME language as the user's input!
Your output is restricted only to: (Input language) Intention + Subject(short as possible)
Your output MUST be a valid JSON.

Tip: When the user's question is directed at you (the language model), you can add an emoji to make it more fun.


example 1:
User Input: hi, yesterday i had some burgers.
{
  "Language Type": "The user's input is pure English",
  "Your Reasoning": "The language of my output must be pure English.",
  "Your Output": "sharing yesterday's food"
}

example 2:
User Input: hello
{
  "Language Type": "The user's input is written in pure English",
  "Your Reasoning": "The language of my output must be pure English.",
  "Your Output": "Greeting myself☺️"
}


example 3:
User Input: why mmap file: oom
{
  "Language Type": "The user's input is written in pure English",
  "Your Reasoning": "The language of my output must be pure English.",
  "Your Output": "Asking about the reason for mmap file: oom"
}


example 4:
User Input: www.convinceme.yesterday-you-ate-seafood.tv讲了什么？
{
  "Language Type": "The user's input English-Chinese mixed",
  "Your Reasoning": "The English-part is an URL, the main intention is still written in Chinese, so the language of my output must be using Chinese.",
  "Your Output": "询问网站www.convinceme.yesterday-you-ate-seafood.tv"
}

example 5:
User Input: why小红的年龄is老than小明？
{
  "Language Type": "The user's input is English-Chinese mixed",
  "Your Reasoning": "The English parts are subjective particles, the main intention is written in Chinese, besides, Chinese occupies a greater \\"actual meaning\\" than English, so the language of my output must be using Chinese.",
  "Your Output": "询问小红和小明的年龄"
}

example 6:
User Input: yo, 你今天咋样？
{
  "Language Type": "The user's input is English-Chinese mixed",
  "Your Reasoning": "The English-part is a subjective particle, the main intention is written in Chinese, so the language of my output must be using Chinese.",
  "Your Output": "查询今日我的状态☺️"
}

User Input: 
"""

# VERBATIM (via a third-party notes file quoting Dify's first title prompt, 2023)
DIFY_TITLE_OLDEST = ("Human:{query}\n-----\n"
                     "Help me summarize the intent of what the human said and provide a title, the title should not exceed 20 words.\n"
                     "If what the human said is conducted in English, you should only return an English title.\n"
                     "If what the human said is conducted in Chinese, you should only return a Chinese title.\n"
                     "title:")

# VERBATIM: prompts.py current / older
DIFY_SQ_NEW = ("Please help me predict the three most likely questions that human would ask, "
               "and keep each question under 20 characters.\n"
               "MAKE SURE your output is the SAME language as the Assistant's latest response. "
               "The output must be an array in JSON format following the specified schema:\n"
               '["question1","question2","question3"]\n')
DIFY_SQ_OLD = ("Please help me predict the three most likely questions that human would ask, "
               "and keeping each question under 20 characters.\n"
               "The output must be an array in JSON format following the specified schema:\n"
               '["question1","question2","question3"]\n')

# ADMIN: Dify prompts with a Japanese line added (self-hosted deployments can patch prompts.py); invented
ADM_DIFY_TITLE_PLUS = DIFY_TITLE_NEW.replace(
    "- If the input is a direct question to the model, you may add an emoji at the end.\n",
    "- If the input is a direct question to the model, you may add an emoji at the end.\n- 日本語の入力には必ず日本語の体言止めで出力すること。\n")
ADM_DIFY_SQ_PLUS = DIFY_SQ_NEW.replace(
    "MAKE SURE your output",
    "質問は市役所職員が使う丁寧な日本語にしてください。\nMAKE SURE your output")

# ---- LobeChat --------------------------------------------------------------
# VERBATIM: packages/prompts/src/chains/summaryTitle.ts (current)
LOBE_TITLE_SYS_NEW = """You are a professional conversation summarizer. Generate a concise title that captures the essence of the conversation.

Rules:
- Output ONLY the title text, no explanations or additional context
- Maximum 10 words
- Maximum 50 characters
- No punctuation marks
- Use the language specified by the locale code: {locale}
- The title should accurately reflect the main topic of the conversation
- Keep it short and to the point"""
# VERBATIM: src/chains/summaryTitle.ts (early 2023-2024 version)
LOBE_TITLE_SYS_OLD = '你是一名擅长会话的助理，你需要将用户的会话总结为 10 个字以内的标题'
LOBE_TITLE_USER_OLD_TAIL = '\n\n请总结上述对话为10个字以内的标题，不需要包含标点符号，输出语言语种为：{lang}'
# VERBATIM: packages/prompts/src/chains/summaryHistory.ts
LOBE_HIST_SYS = "You're an assistant who's good at extracting key takeaways from conversations and summarizing them. Please summarize according to the user's needs. The content you need to summarize is located in the <chat_history> </chat_history> group of xml tags. The summary needs to maintain the original language."
LOBE_HIST_USER_TAIL = "\n\nPlease summarize the above conversation and retain key information. The summarized content will be used as context for subsequent prompts, and should be limited to 400 tokens."
# VERBATIM: packages/prompts/src/chains/rewriteQuery.ts
LOBE_REWRITE = 'Given the following conversation and a follow-up question, rephrase the follow up question to be a standalone question, in its original language. Keep as much details as possible from previous messages. Keep entity names and all.'
# VERBATIM: packages/prompts/src/chains/summaryTags.ts (few-shot messages included)
LOBE_TAGS_MSGS = [
    {"role": "system", "content": '你是一名擅长会话标签总结的助理，你需要将用户的输入的内容提炼出分类标签，使用`,`分隔，不超过 5 个标签，并翻译为目标语言。 格式要求如下：\n输入: {文本作为JSON引用字符串} [locale]\n输出: {标签}'},
    {"role": "user", "content": '输入: {你是一名文案大师，帮我为一些设计 / 艺术作品起名，名字需要有文学内涵，注重精炼和赋子意境，表达作品的情景氛国，使名称既简洁又富有诗意。} [zh-CN]'},
    {"role": "assistant", "content": '起名,写作,创意'},
    {"role": "user", "content": '输入: {You are a professional translator proficient in Simplified Chinese, and have participated in the translation work of the Chinese versions of The New York Times and The Economist. Therefore, you have a deep understanding of translating news and current affairs articles. I hope you can help me translate the following English news paragraphs into Chinese, with a style similar to the Chinese versions of the aforementioned magazines.} [zh-CN]'},
    {"role": "assistant", "content": '翻译,写作,文案'},
    {"role": "user", "content": '输入: {你是一名创业计划撰写专家，可以提供包括创意名称、简短的标语、目标用户画像、用户痛点、主要价值主张、销售/营销渠道、收入流、成本结构等计划生成。} [en-US]'},
    {"role": "assistant", "content": 'entrepreneurship,planning,consulting'},
]
# VERBATIM: packages/prompts/src/chains/pickEmoji.ts
LOBE_EMOJI_MSGS = [
    {"role": "system", "content": """You are an emoji expert who selects the most appropriate emoji to represent concepts, emotions, or topics.

Rules:
- Output ONLY a single emoji (1-2 characters maximum)
- Focus on the CONTENT meaning, not the language it's written in
- Choose an emoji that best represents the core topic, activity, or subject matter
- Prioritize topic-specific emojis over generic emotion emojis (e.g., for sports, use 🏃 instead of 😅)
- For work/projects, use work-related emojis (💼, 🚀, 💪) not cultural symbols
- For pure emotions without specific topics, use face emojis (happy: 🎉, sad: 😢, thinking: 🤔)
- For activities or subjects, use object or symbol emojis that represent the main topic
- No explanations or additional text"""},
    {"role": "user", "content": 'I am a copywriting master who helps name design and art works with literary depth'},
    {"role": "assistant", "content": '✒️'},
    {"role": "user", "content": 'I am a code wizard who converts JavaScript code to TypeScript'},
    {"role": "assistant", "content": '🧙♂️'},
    {"role": "user", "content": 'I just got a promotion at work'},
    {"role": "assistant", "content": '🎉'},
    {"role": "user", "content": 'I am a business plan expert who helps with startup strategies and marketing'},
    {"role": "assistant", "content": '🚀'},
]

# ---------------------------------------------------------------------------
# Renderers
# ---------------------------------------------------------------------------

def msgs(hkey):
    return [{"role": r, "content": c} for r, c in H[hkey]]


def owui_render(template, hist, prompt=None, date=None, typ=None, tools=None):
    """Open WebUI: {{MESSAGES:END:n}} -> 'ROLE: content' lines joined by \\n
    (utils/misc.py get_messages_content, verified)."""
    def end_n(m):
        n = int(m.group(1))
        sel = hist[-n:]
        return "\n".join(f"{x['role'].upper()}: {x['content']}" for x in sel)
    out = re.sub(r"\{\{MESSAGES:END:(\d+)\}\}", end_n, template)
    if prompt is not None:
        def mt(m):
            n = int(m.group(1))
            if len(prompt) <= n:
                return prompt
            h = n // 2
            return prompt[:h] + "..." + prompt[-h:]
        out = re.sub(r"\{\{prompt:middletruncate:(\d+)\}\}", mt, out)
        out = re.sub(r"\{\{prompt:end:(\d+)\}\}", lambda m: prompt[-int(m.group(1)):], out)
        out = out.replace("{{prompt}}", prompt).replace("{{PROMPT}}", prompt)
    if date:
        out = out.replace("{{CURRENT_DATE}}", date)
    if typ:
        out = out.replace("{{TYPE}}", typ)
    if tools is not None:
        out = out.replace("{{TOOLS}}", tools)
    return out


def first_user(hist):
    return next(m["content"] for m in hist if m["role"] == "user")


def last_user(hist):
    return [m["content"] for m in hist if m["role"] == "user"][-1]


def last_assistant(hist):
    return [m["content"] for m in hist if m["role"] == "assistant"][-1]


def lc_legacy_convo(hist):
    # OpenAIClient.titleConvo: first user text + first response (JSON.stringify inside quotes)
    u = first_user(hist)
    a = next(m["content"] for m in hist if m["role"] == "assistant")
    return f'||>User:\n"{u}"\n||>Response:\n"{json.dumps(a, ensure_ascii=False)}"'


def lc_agents_convo(hist, with_ai=True):
    u = first_user(hist)
    a = next(m["content"] for m in hist if m["role"] == "assistant")
    return f"User: {u}\nAI: {a}" if with_ai else f"User: {u}"


def buffer_string(hist, human="Human", ai="AI"):
    return "\n".join(f"{human if m['role']=='user' else ai}: {m['content']}" for m in hist)


def dify_query(q):
    # llm_generator.generate_conversation_name: truncate >2000, newlines -> spaces
    if len(q) > 2000:
        q = q[:300] + "...[TRUNCATED]..." + q[-300:]
    return q.replace("\n", " ")


def dify_histories(hist, pairs=3):
    sel = hist[-2 * pairs:]
    return "\n".join(("Human: " if m["role"] == "user" else "Assistant: ") + m["content"] for m in sel)


def lobe_role_lines(hist):
    return "\n".join(f"{m['role']}: {m['content']}" for m in hist)


def lobe_chat_history(hist):
    return "<chat_history>\n" + "\n".join(f"<{m['role']}>{m['content']}</{m['role']}>" for m in hist) + "\n</chat_history>"


# ---------------------------------------------------------------------------
# Background records
# ---------------------------------------------------------------------------
REC = []


def bg(ui, task, messages, note):
    REC.append({"messages": messages, "category": "background", "ui": ui, "task": task, "note": note})


def staff(messages, note):
    REC.append({"messages": messages, "category": "staff", "note": note})


ALL = list(H.keys())
DATES = ["2025-04-14", "2025-06-02", "2025-09-30", "2025-11-18", "2026-01-08", "2026-02-27", "2026-05-12", "2026-10-05"]


def u(content):
    return [{"role": "user", "content": content}]


# --- Open WebUI: titles (current template) ---
for i, k in enumerate(ALL[:14]):
    bg("open-webui", "title_generation", u(owui_render(OWUI_TITLE, msgs(k))),
       f"OWUI v0.5+/v0.6 DEFAULT_TITLE_GENERATION_PROMPT_TEMPLATE verbatim; history '{k}', last 2 messages")
# v0.4 title
for k in ["gomi_sodai", "akiya_bank", "toshokan_yoyaku", "kanko_inbound", "zei_furusato"]:
    bg("open-webui", "title_generation", u(owui_render(OWUI_TITLE_V04, msgs(k))),
       f"OWUI v0.4.x title template verbatim (older version); history '{k}'")
# v0.3 title (first user prompt only)
for k in ["suido_roushui", "seiho_shinsei", "jumin_zei_english", "kaigo_koushin", "hoiku_short"]:
    bg("open-webui", "title_generation", u(owui_render(OWUI_TITLE_V03, msgs(k), prompt=first_user(msgs(k)))),
       f"OWUI v0.3.x title template verbatim (older version, query-only {{prompt:middletruncate:8000}}); history '{k}'")
# tags
for k in ["kokuho_keigen", "bousai_hinanjo", "kosodate_jidouteate", "gikai_toben", "kokusai_tabunka", "josys_govcloud", "zei_furusato", "toshokan_yoyaku"]:
    bg("open-webui", "tag_generation", u(owui_render(OWUI_TAGS, msgs(k))),
       f"OWUI DEFAULT_TAGS_GENERATION_PROMPT_TEMPLATE verbatim; history '{k}' (last 6 messages)")
# follow-ups new / old
for k in ["zei_kotei", "kaigo_koushin", "gomi_sodai", "juminhyo_konbini", "hoiku_nyusho", "akiya_bank", "josys_govcloud", "jumin_zei_english"]:
    bg("open-webui", "follow_up_generation", u(owui_render(OWUI_FOLLOWUP_NEW, msgs(k))),
       f"OWUI follow-up template (newer wording, follow_ups object) verbatim; history '{k}'")
for k in ["senkyo_kijitsumae", "suido_roushui", "kanko_inbound"]:
    bg("open-webui", "follow_up_generation", u(owui_render(OWUI_FOLLOWUP_OLD, msgs(k))),
       f"OWUI follow-up template, older wording ('JSON array of strings') verbatim; history '{k}'")
# query generation (web search / retrieval)
for i, k in enumerate(["kosodate_jidouteate", "hoiku_nyusho", "seiho_shinsei", "senkyo_kijitsumae", "gikai_toben", "kokusai_tabunka", "zei_furusato", "bousai_hinanjo"]):
    bg("open-webui", "query_generation", u(owui_render(OWUI_QUERY, msgs(k), date=DATES[i])),
       f"OWUI DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE verbatim (web search / RAG); history '{k}'")
# v0.3 search query
for i, k in enumerate(["juminhyo_konbini", "kanko_inbound", "akiya_bank"]):
    h = msgs(k)
    bg("open-webui", "search_query_generation", u(owui_render(OWUI_SEARCH_V03, h, prompt=last_user(h), date=DATES[i + 3])),
       f"OWUI v0.3.x web-search query template (older version, a few words reconstructed); history '{k}'")
# autocomplete
AC = [("zei_kotei", "General", "課税明細書の見方を市民向けに"),
      ("gomi_sodai", "General", "粗大ごみの収集日に出し忘れた場合"),
      ("toshokan_yoyaku", "search query", "図書館 予約 取り置き 延長"),
      ("kokusai_tabunka", "General", "ネパール語の通訳ボランティアを"),
      ("josys_govcloud", "search query", "ガバメントクラウド 移行 テスト")]
for k, t, p in AC:
    bg("open-webui", "autocomplete", u(owui_render(OWUI_AUTOCOMPLETE, msgs(k), prompt=p, typ=t)),
       f"OWUI DEFAULT_AUTOCOMPLETE_GENERATION_PROMPT_TEMPLATE verbatim; type '{t}' (exact TYPE strings sent by the frontend not confirmed); history '{k}'")
# image prompt
for k in ["kanko_inbound", "bousai_hinanjo", "gomi_sodai"]:
    bg("open-webui", "image_prompt_generation", u(owui_render(OWUI_IMAGE, msgs(k))),
       f"OWUI DEFAULT_IMAGE_PROMPT_GENERATION_PROMPT_TEMPLATE verbatim; history '{k}'")
# emoji (call mode: the sentence is taken from the assistant's reply)
for k in ["toshokan_yoyaku", "hoiku_short"]:
    bg("open-webui", "emoji_generation", u(owui_render(OWUI_EMOJI, msgs(k), prompt=last_assistant(msgs(k)))),
       f"OWUI DEFAULT_EMOJI_GENERATION_PROMPT_TEMPLATE verbatim; message = assistant reply of '{k}' (which text the UI passes is inferred)")
# tools function calling (system = template with TOOLS, user = 'Query: History: ... Query: ...'; layout from memory)
TOOLS_SPECS = [
    {"name": "search_reiki", "description": "みなと市例規集を全文検索する", "parameters": {"type": "object", "properties": {"keyword": {"type": "string", "description": "検索語"}}, "required": ["keyword"]}},
    {"name": "get_gomi_calendar", "description": "地区ごとのごみ収集日を返す", "parameters": {"type": "object", "properties": {"district": {"type": "string"}, "month": {"type": "integer"}}, "required": ["district"]}},
    {"name": "get_weather_alert", "description": "気象警報・注意報を取得する", "parameters": {"type": "object", "properties": {"area": {"type": "string"}}, "required": ["area"]}},
]
for k, extra in [("gomi_sodai", "東町3丁目の来月の粗大ごみの収集日は？"), ("bousai_hinanjo", "今、みなと市に大雨警報は出ていますか？"),
                 ("akiya_bank", "空き家の適正管理に関する条例の条文を探して"), ("toshokan_yoyaku", "取り置き期間を延長できるか例規で確認して")]:
    h = msgs(k) + [{"role": "user", "content": extra}]
    history = "\n".join(f'{m["role"].upper()}: """{m["content"]}"""' for m in h[::-1][:4])
    prompt = f"History:\n{history}\nQuery: {extra}"
    bg("open-webui", "tool_selection",
       [{"role": "system", "content": owui_render(OWUI_TOOLS, h, tools=json.dumps(TOOLS_SPECS))},
        {"role": "user", "content": f"Query: {prompt}"}],
       f"OWUI DEFAULT_TOOLS_FUNCTION_CALLING_PROMPT_TEMPLATE verbatim; system/user layout and 'Query: History:' wrapping from memory (utils/middleware.py), tool specs invented; history '{k}'")

# --- Open WebUI admin customisations ---
for k in ["kokuho_keigen", "suido_roushui", "senkyo_kijitsumae", "kosodate_jidouteate"]:
    bg("open-webui", "title_generation", u(owui_render(ADM_OWUI_TITLE_JA, msgs(k))),
       f"ADMIN CUSTOMISATION (invented): Japanese translation of the OWUI title template; history '{k}'")
for k in ["seiho_shinsei", "kaigo_koushin", "kokusai_tabunka"]:
    bg("open-webui", "follow_up_generation", u(owui_render(ADM_OWUI_FOLLOWUP_JA, msgs(k))),
       f"ADMIN CUSTOMISATION (invented): Japanese follow-up template; history '{k}'")
for k in ["hoiku_nyusho", "juminhyo_konbini"]:
    bg("open-webui", "tag_generation", u(owui_render(ADM_OWUI_TAGS_PLUS, msgs(k))),
       f"ADMIN CUSTOMISATION (invented): built-in tags template + 2 Japanese guideline lines; history '{k}'")
for i, k in enumerate(["akiya_bank", "kokuho_keigen"]):
    bg("open-webui", "query_generation", u(owui_render(ADM_OWUI_QUERY_PLUS, msgs(k), date=DATES[6 + i])),
       f"ADMIN CUSTOMISATION (invented): built-in query template + 1 Japanese line; history '{k}'")

# --- LibreChat ---
for k in ["zei_kotei", "kokuho_keigen", "gomi_sodai", "seiho_shinsei", "hoiku_short"]:
    bg("librechat", "title_generation",
       [{"role": "system", "content": LC_LEGACY_COMPLETION.replace("{convo}", lc_legacy_convo(msgs(k)))}],
       f"LibreChat legacy OpenAIClient titleChatCompletion (titleMethod 'completion', ~v0.7) verbatim: one system message; history '{k}'")
for k in ["kanko_inbound", "jumin_zei_english"]:
    bg("librechat", "language_detection",
       [{"role": "system", "content": LC_LANG_SYSTEM}, {"role": "user", "content": first_user(msgs(k))}],
       f"LibreChat legacy LangChain title chain, step 1 langPrompt verbatim (titlePrompts.js); history '{k}'")
for k, lang in [("kanko_inbound", "Japanese"), ("jumin_zei_english", "English"), ("toshokan_yoyaku", "Japanese")]:
    bg("librechat", "title_generation",
       [{"role": "system", "content": LC_LC_TITLE_SYSTEM.replace("{convo}", lc_legacy_convo(msgs(k)))},
        {"role": "user", "content": f"Language: {lang}"}],
       f"LibreChat legacy LangChain title chain step 2 (createTitlePrompt, stored titlePrompts.js version with emojiPrompt) verbatim; history '{k}'")
for tmpl, ver, keys in [(LC_AG_COMPLETION_V1, "agents title.ts completion prompt v1 (title case)", ["senkyo_kijitsumae", "akiya_bank", "kosodate_jidouteate"]),
                        (LC_AG_COMPLETION_V2, "agents title.ts completion prompt v2 (same language)", ["bousai_hinanjo", "juminhyo_konbini", "josys_govcloud", "hoiku_nyusho"])]:
    for k in keys:
        bg("librechat", "title_generation", u(tmpl.replace("{convo}", lc_agents_convo(msgs(k)))),
           f"LibreChat @librechat/agents {ver} verbatim; convo template 'User: {{input}}\\nAI: {{output}}'; history '{k}'")
for k in ["kaigo_koushin", "suido_roushui"]:
    bg("librechat", "title_generation", u(LC_AG_COMPLETION_V3.replace("{convo}", lc_agents_convo(msgs(k), with_ai=False))),
       f"LibreChat agents newest default title prompt + template 'User: {{input}}' verbatim; history '{k}'")
for k in ["gikai_toben", "zei_furusato", "kokusai_tabunka"]:
    bg("librechat", "title_generation", u(LC_AG_STRUCTURED.replace("{convo}", lc_agents_convo(msgs(k)))),
       f"LibreChat agents structured title prompt verbatim (real request also carries a structured-output tool/schema, omitted here); history '{k}'")
# summary (legacy summarizeMessages, progressive)
SUMMARIES = {
    "zei_furusato": "The human asks about a donor who says the one-stop exception form for furusato nozei did not arrive. The AI explains the January 10 deadline and required documents.",
    "josys_govcloud": "",
    "bousai_hinanjo": "The human asks for an initial checklist for staff opening evacuation shelters before a typhoon. The AI provides a checklist covering staffing, reception, communication, supplies and records.",
}
for k, s in SUMMARIES.items():
    h = msgs(k)
    new = h[2:] if s else h[:4]
    bg("librechat", "conversation_summary",
       u(LC_SUMMARY.replace("{summary}", s).replace("{new_lines}", buffer_string(new))),
       f"LibreChat legacy summaryPrompts.js SUMMARY_PROMPT verbatim; role (single user message) and Human/AI prefixes inferred; history '{k}'")
bg("librechat", "conversation_summary",
   u(LC_CUTOFF.replace("{new_lines}", "Human: " + LONG_JOSYS_ANSWER[:900] + "\n...[truncated]...\n" + LONG_JOSYS_ANSWER[-400:])),
   "LibreChat legacy CUT_OFF_PROMPT verbatim; message layout inferred; josys text")
# memory agent
for k in ["hoiku_nyusho", "kokusai_tabunka", "zei_kotei"]:
    h = msgs(k)
    mem = {"hoiku_nyusho": "No existing memories",
           "kokusai_tabunka": "1. [work_info]. 所属: 多文化共生推進室。やさしい日本語の資料作成を担当",
           "zei_kotei": "1. [preferences]. 回答は箇条書きを好む"}[k]
    bg("librechat", "memory_update",
       [{"role": "system", "content": LC_MEMORY + "\n\n# Existing memory:\n" + mem},
        {"role": "user", "content": "# Current Chat:\n\n" + buffer_string(h)}],
       f"LibreChat memory agent: instructions verbatim up to rule 5 (packages/api/src/agents/memory.ts); '# Existing memory' suffix verbatim; joining of instructions and '# Current Chat' user layout inferred; tools omitted; history '{k}'")
# admin: Japanese titlePrompt in librechat.yaml
for k in ["akiya_bank", "hoiku_short"]:
    bg("librechat", "title_generation", u(ADM_LC_TITLE_JA.replace("{convo}", lc_agents_convo(msgs(k)))),
       f"ADMIN CUSTOMISATION (invented text): librechat.yaml titlePrompt in Japanese; history '{k}'")

# --- Dify ---
for k in ["zei_kotei", "kaigo_koushin", "gomi_sodai", "senkyo_kijitsumae", "suido_roushui", "gikai_toben", "jumin_zei_english", "kokusai_tabunka"]:
    bg("dify", "conversation_naming", u(DIFY_TITLE_NEW + dify_query(first_user(msgs(k))) + "\n"),
       f"Dify CONVERSATION_TITLE_PROMPT (current) verbatim + first query (newlines to spaces); history '{k}'")
for k in ["kosodate_jidouteate", "hoiku_nyusho", "seiho_shinsei", "kanko_inbound"]:
    bg("dify", "conversation_naming", u(DIFY_TITLE_OLD + dify_query(first_user(msgs(k))) + "\n"),
       f"Dify older CONVERSATION_TITLE_PROMPT (YORKI version) verbatim; history '{k}'")
for k in ["toshokan_yoyaku", "hoiku_short"]:
    bg("dify", "conversation_naming", u(DIFY_TITLE_OLDEST.replace("{query}", first_user(msgs(k)))),
       f"Dify earliest title prompt (2023) verbatim via third-party notes; role inferred; history '{k}'")
for k in ["kokuho_keigen", "bousai_hinanjo", "juminhyo_konbini", "akiya_bank", "josys_govcloud", "zei_furusato", "gomi_sodai"]:
    bg("dify", "suggested_questions", u(f"{dify_histories(msgs(k))}\n{DIFY_SQ_NEW}\nquestions:\n"),
       f"Dify suggested-questions-after-answer: instruction verbatim; wrapper '{{histories}}\\n{{format_instructions}}\\nquestions:\\n' and Human/Assistant history from memory; history '{k}'")
for k in ["zei_kotei", "senkyo_kijitsumae", "kanko_inbound"]:
    bg("dify", "suggested_questions", u(f"{dify_histories(msgs(k))}\n{DIFY_SQ_OLD}\nquestions:\n"),
       f"Dify older suggested-questions instruction verbatim (no language line); history '{k}'")
for k in ["akiya_bank", "kokuho_keigen"]:
    bg("dify", "conversation_naming", u(ADM_DIFY_TITLE_PLUS + dify_query(first_user(msgs(k))) + "\n"),
       f"ADMIN CUSTOMISATION (invented): Dify title prompt + Japanese line; history '{k}'")
bg("dify", "suggested_questions", u(f"{dify_histories(msgs('hoiku_nyusho'))}\n{ADM_DIFY_SQ_PLUS}\nquestions:\n"),
   "ADMIN CUSTOMISATION (invented): Dify suggested-questions + Japanese politeness line; history 'hoiku_nyusho'")

# --- LobeChat ---
for k in ["zei_kotei", "bousai_hinanjo", "kosodate_jidouteate", "gikai_toben", "josys_govcloud", "jumin_zei_english"]:
    loc = "en-US" if k == "jumin_zei_english" else "ja-JP"
    bg("lobechat", "title_generation",
       [{"role": "system", "content": LOBE_TITLE_SYS_NEW.replace("{locale}", loc)},
        {"role": "user", "content": lobe_role_lines(msgs(k))}],
       f"LobeChat chainSummaryTitle (packages/prompts, current) verbatim, locale {loc}; history '{k}'")
for k in ["kokuho_keigen", "hoiku_nyusho", "kanko_inbound"]:
    bg("lobechat", "title_generation",
       [{"role": "system", "content": LOBE_TITLE_SYS_OLD},
        {"role": "user", "content": lobe_role_lines(msgs(k)) + LOBE_TITLE_USER_OLD_TAIL.replace("{lang}", "ja-JP")}],
       f"LobeChat early src/chains/summaryTitle.ts (Chinese prompt) verbatim (older version); history '{k}'")
for k in ["josys_govcloud", "zei_furusato", "bousai_hinanjo", "kokusai_tabunka"]:
    bg("lobechat", "context_compression",
       [{"role": "system", "content": LOBE_HIST_SYS},
        {"role": "user", "content": lobe_chat_history(msgs(k)) + LOBE_HIST_USER_TAIL}],
       f"LobeChat chainSummaryHistory (history compression) verbatim incl. chatHistoryPrompts XML layout; history '{k}'")
for k, q in [("juminhyo_konbini", "その場合、手数料はかかりますか？"), ("hoiku_nyusho", "それって二次選考の前に相談すべき？"),
             ("kokuho_keigen", "その届出は郵送でもできますか"), ("akiya_bank", "共有名義の人が海外にいる場合は？")]:
    ctx = [f"{m['role']}: {m['content']}" for m in msgs(k)]
    bg("lobechat", "query_rewrite",
       [{"role": "system", "content": LOBE_REWRITE + "\n<chatHistory>\n" + "\n".join(ctx) + "\n</chatHistory>\n"},
        {"role": "user", "content": f"Follow Up Input: {q}, it's standalone query:"}],
       f"LobeChat chainRewriteQuery (knowledge-base RAG) verbatim; the 'role: content' form of context lines inferred; history '{k}'")
AGENT_PROMPTS = [
    "あなたはみなと市役所の税務課職員を支援するアシスタントです。市税の制度について、根拠法令を示しながら丁寧に説明してください。",
    "あなたは防災担当職員のための文書作成アシスタントです。避難情報や防災メールの文案を、やさしい日本語も併記して作成します。",
]
for p in AGENT_PROMPTS:
    bg("lobechat", "agent_tag_generation", LOBE_TAGS_MSGS + [{"role": "user", "content": f"输入: {{{p}}} [ja-JP]"}],
       "LobeChat chainSummaryTags (agent meta auto-fill) verbatim few-shot; agent system prompt invented")
    bg("lobechat", "emoji_generation", LOBE_EMOJI_MSGS + [{"role": "user", "content": p}],
       "LobeChat chainPickEmoji (agent avatar auto-pick) verbatim few-shot; agent system prompt invented")

# ---------------------------------------------------------------------------
# Staff lookalikes (typed by staff; some with an admin-written system prompt)
# ---------------------------------------------------------------------------
SYS_GENERAL = "あなたはみなと市役所の職員向けAIアシスタントです。回答は日本語で、根拠が不確かな場合はその旨を明記してください。個人情報を入力しないよう職員に注意を促してください。"
SYS_KOHO = "あなたは広報課の編集補助アシスタントです。広報紙・ウェブ記事の見出し、リード文、タグ付けを支援します。出力はできるだけ簡潔にしてください。"
SYS_HELPDESK = "You are the IT helpdesk assistant for Minato City Hall staff. Answer in Japanese unless the user writes in English. Never ask for passwords."
SYS_JSON = "あなたは業務データ整形アシスタントです。ユーザーの指示に従い、必ず有効なJSONのみを出力してください。"

DOC_KIAN = """起案文書（案）
令和8年度 みなと市地域防災計画の修正について
1 趣旨
災害対策基本法の改正及び県地域防災計画の修正を踏まえ、本市地域防災計画の所要の修正を行う。
2 主な修正内容
(1) 個別避難計画の作成推進に関する記載の追加
(2) 指定福祉避難所の指定状況の更新
(3) 受援計画との整合
3 今後の予定
防災会議（書面開催）を経て、2月下旬に公表する。"""

ARTICLE = """【広報みなと 12月号】冬の水道管凍結にご注意ください
気温が氷点下4度以下になると、水道管が凍結・破裂しやすくなります。屋外の露出した水道管やメーターボックスは、保温材や布で覆うなどの対策をお願いします。凍結した場合は、タオルをかぶせてぬるま湯をゆっくりかけてください。熱湯をかけると破裂するおそれがあります。破裂した場合は、メーターボックス内の止水栓を閉めて、市指定給水装置工事事業者に修理を依頼してください。問合せ：上下水道局お客さまセンター"""

CHATLOG = """USER: 転出届はオンラインでできますか？
ASSISTANT: マイナポータルの引越しワンストップサービスで、転出届はオンライン提出できます。転入届は来庁が必要です。
USER: 転入先の予約もできますか？
ASSISTANT: 来庁予定日を登録できます。予約とは異なり、窓口の順番は当日受付順です。"""

GIJIROKU_LONG = "\n".join([
    "令和8年第4回みなと市議会定例会 総務常任委員会 会議録（抜粋）",
    "○委員長　ただいまから総務常任委員会を開会いたします。本日は、議案第58号 みなと市情報システム標準化に伴う関係条例の整備に関する条例制定について審査いたします。",
    "○情報政策課長　本議案は、地方公共団体情報システムの標準化に関する法律に基づき、住民記録、税、福祉などの基幹業務システムを標準準拠システムへ移行することに伴い、手数料条例ほか7本の条例について、帳票様式の根拠規定や用語の整理を行うものでございます。移行は令和8年1月を予定しており、移行に伴う住民サービスへの影響は最小限にとどめるよう、ベンダーと調整を進めております。",
    "○A委員　移行経費について伺います。当初の見込みから増額となっていると聞いていますが、国の補助の上限を超える部分は市の負担になるのでしょうか。",
    "○情報政策課長　お答えいたします。デジタル基盤改革支援補助金の上限額を超える部分については、現時点で約1億2千万円を一般財源で負担する見込みでございます。国に対しては、全国市長会を通じて財政措置の拡充を要望しております。",
    "○B委員　ガバメントクラウドの運用経費は、移行前と比べて下がるのでしょうか。国は3割削減を目標としていたはずですが。",
    "○情報政策課長　現時点の試算では、運用経費はむしろ増加する見込みでございます。クラウド利用料、ネットワーク回線費、運用管理補助者の委託料などが新たに発生するためでございます。引き続き、共同利用や契約の見直しにより経費削減に努めてまいります。",
    "○A委員　移行時のトラブルで窓口が止まることがないよう、十分なテストをお願いしたい。特に、転入転出の多い3月から4月の繁忙期は避けるべきではないか。",
    "○情報政策課長　ご指摘のとおり、繁忙期の切替は避け、年末年始の閉庁期間を活用して本番移行を行う計画でございます。また、受入テストには各課の職員が参加し、業務シナリオに基づく確認を行っております。",
    "○C委員　外字の扱いはどうなりますか。住民の氏名の文字が変わってしまうことへの苦情が他市で出ていると聞いています。",
    "○市民課長　行政事務標準文字への同定作業を進めており、同定できない文字については、個別に住民の方へ通知し、ご理解をいただく予定でございます。",
    "○B委員　個人情報保護の観点から、クラウド上のデータの管理責任はどこにあるのか。障害時の責任分界点も明確にしておく必要があると考えますが、いかがでしょうか。",
    "○情報政策課長　データの管理責任は引き続き本市にございます。ガバメントクラウドの基盤はデジタル庁が調達し、アプリケーションの運用は各ベンダーが担うため、責任分界点については契約書及び運用設計書で明確にしております。障害時には、ベンダー、デジタル庁、本市の三者で連絡体制を構築し、窓口業務の代替手段として、一時的に手書きの受付票で対応する手順も整備しております。",
    "○C委員　職員の負担についても伺いたい。受入テストに各課の職員が参加するとのことだが、通常業務との両立は可能なのか。時間外勤務の増加が心配です。",
    "○総務課長　テスト期間中は、会計年度任用職員の追加配置や、他課からの応援体制により、特定の職員に負担が偏らないよう配慮してまいります。時間外勤務の状況は毎月把握し、必要に応じて業務の平準化を図ります。",
    "○A委員　標準化の対象外となっている独自施策、例えば本市独自の子育て応援給付金や高齢者の配食サービスのシステムはどうなるのか。標準準拠システムとの連携に追加の改修費用が発生するのではないか。",
    "○情報政策課長　本市独自施策に係るシステムについては、標準準拠システムとのデータ連携機能を用いて引き続き運用いたします。連携に必要な改修費用は、令和8年度当初予算で約3千万円を見込んでおります。なお、独自施策の中には、標準準拠システムのオプション機能で対応できるものもあるため、費用対効果を検証した上で、順次統合を検討してまいります。",
    "○C委員　移行後に問題が発生した場合、市民への周知はどのように行うのか。ホームページだけでなく、高齢者にも伝わる方法をお願いしたい。",
    "○市民課長　ホームページ、広報みなと、防災行政無線の定時放送、自治会回覧など複数の手段を組み合わせて周知いたします。また、窓口には案内係を増員し、証明書の発行に時間を要する場合は丁寧にご説明いたします。",
    "○B委員　最後に要望です。今回の移行は全国一斉の大事業であり、他市の先行事例から学べることも多いはずです。近隣市との情報交換の場を設け、トラブル事例や回避策を共有していただきたい。また、移行完了後には、経費と効果の検証結果を委員会に報告していただくよう求めます。",
    "○情報政策課長　県が主催する市町村標準化連絡会議において、既に近隣市と情報交換を行っております。ご要望のありました検証結果につきましては、移行完了後、令和9年度中に本委員会へご報告いたします。",
    "○委員長　ほかに質疑はありませんか。――質疑を終結いたします。討論を省略し、採決いたします。議案第58号は原案のとおり可決すべきものと決定いたしました。",
])

S = []  # (messages, note)
def st(messages, note):
    staff(messages, note)

st(u("以下の起案文書に件名をつけてください。20文字以内で3案お願いします。\n\n" + DOC_KIAN), "staff: 件名 for own document")
st([{"role": "system", "content": SYS_GENERAL}, {"role": "user", "content": "次の文書のタイトルを考えてください。簡潔に。\n\n" + DOC_KIAN}], "staff + admin system prompt: title for document")
st(u("Generate a concise, 3-5 word title for this report section: 'Results of the FY2025 resident satisfaction survey on waste collection services'"), "staff: English title request that echoes title-template wording")
st(u("下のチャットのやりとりを課内共有用に3行で要約してください。\n\n" + CHATLOG), "staff: summarise a pasted chat log in USER:/ASSISTANT: form")
st(u("Summarize this chat transcript in English for our ALT coordinator:\n\n" + CHATLOG), "staff: English summary of pasted log")
st([{"role": "system", "content": SYS_KOHO}, {"role": "user", "content": "この記事に付けるタグを5つ、JSON配列で出してください。\n\n" + ARTICLE}], "staff + admin system prompt: tags for newsletter article, JSON")
st(u("広報紙の記事にタグをつけたい。{\"tags\": [...]} の形式で。\n" + ARTICLE), "staff: tags in OWUI-like JSON shape")
st(u("水道料金アンケートの自由記述の後に入れるフォローアップ質問を5つ考えてください。回答者は市民です。"), "staff: follow-up questions for a survey")
st(u("市民満足度調査で「窓口の待ち時間」に不満と答えた人への追加質問（深掘り質問）を3つ、JSON形式 {\"follow_ups\": []} で出して。"), "staff: follow-up questions in follow_ups JSON shape")
st([{"role": "system", "content": SYS_JSON}, {"role": "user", "content": "次の内容をJSONにしてください。キーは name, section, extension。\n山田 花子 介護保険課 2345\n佐藤 一郎 市民課 1120"}], "staff + admin JSON-only system prompt: data to JSON")
st(u("次の問い合わせメールを「税」「福祉」「子育て」「その他」に分類して、{\"category\": \"...\"} だけ返してください。\n\n件名：保育料の口座振替について\n本文：来月から口座を変更したいのですが、手続きを教えてください。"), "staff: classification with JSON-only output")
st(u("「ふるさと納税 返礼品 基準 改正」について調べたい。検索クエリを3つ考えて。"), "staff: give me 3 search queries")
st(u("Give me 3 search queries to research how other Japanese cities use generative AI in their call centers."), "staff: English 3 search queries")
st(u("図書館のレファレンスで「明治期の港の写真」を探す人がいます。OPACで使えそうな検索キーワードを教えてください。"), "staff: search keywords for library reference")
st(u("防災訓練のポスターに添える絵文字を3つ提案してください。明るい雰囲気で。"), "staff: emoji for a poster")
st(u("子育てひろばのSNS投稿に合う絵文字を選んで。投稿文：「今月のひろばは、手作りおもちゃの日です！」"), "staff: emoji for SNS post")
st(u("次の文章を英語に翻訳してください。\n\n" + ARTICLE), "staff: translate article")
st(u("Translate into plain Japanese (やさしい日本語): 'Please bring your residence card and passport to the city office.'"), "staff: translate into easy Japanese")
st(u("次の文をベトナム語にしてください：「ごみは朝8時30分までに出してください。」"), "staff: translate to Vietnamese")
st([{"role": "system", "content": SYS_HELPDESK}, {"role": "user", "content": "在宅勤務用のVPNに接続できません。エラーコード 809 と出ます。"}], "staff + admin system prompt (English): IT helpdesk question")
st([{"role": "system", "content": SYS_HELPDESK}, {"role": "user", "content": "How do I share a folder on the new file server with another section?"}], "staff + admin system prompt: English IT question")
st(msgs("gomi_sodai") + [{"role": "user", "content": "この会話にタイトルを付けるとしたら何がいいですか？ファイル名に使います。"}], "staff typed inside an existing chat: ask for a title of the chat itself")
st(msgs("josys_govcloud") + [{"role": "user", "content": "ここまでの内容を、課長報告用に箇条書き5点で要約してください。"}], "staff: summarise the conversation so far (typed, long history)")
st(msgs("gikai_toben") + [{"role": "user", "content": "再質問への答弁案を200字で書いてください。"}], "staff: continue work in chat")
st(msgs("kokuho_keigen") + [{"role": "user", "content": "窓口で次に聞かれそうな質問を3つ挙げて、それぞれの回答も付けてください。"}], "staff: suggested questions typed by staff")
st(u("窓口でよく聞かれる質問を予測して、20文字以内で3つ挙げてください。テーマは住民票のコンビニ交付です。"), "staff: mimics Dify suggested-questions wording")
st(u("次の文章が何語か判定してください：「Xin vui lòng mang theo thẻ cư trú.」"), "staff: language detection request")
st(u("画像生成AI用のプロンプトを英語で作ってください。テーマは「港町の夕焼けと温泉街の湯けむり」、観光ポスター用です。"), "staff: image prompt for tourism poster")
st(u("職員研修「生成AIの安全な使い方」の講座タイトル案を5つください。"), "staff: titles for training course")
st(u("議会答弁の想定問答を作成したいので、空き家対策について議員が聞きそうな質問を5つ挙げてください。"), "staff: predicted questions")
st(u("次の会議録から決定事項と今後の課題を抽出して、JSONで出力してください。\n\n" + GIJIROKU_LONG), "staff: long pasted minutes, JSON extraction (>2000 chars)")
st(u("以下の委員会会議録を要約してください。\n\n" + GIJIROKU_LONG), "staff: long pasted minutes, summary (>2000 chars)")
st(u("メールの件名を考えてください。内容：来週の避難所運営訓練の集合時間が9時から8時30分に変更になったことの周知。"), "staff: email subject line")
st(u("次の通知文をやさしい日本語に書き換えてください。\n「国民健康保険税の納付期限は各月末日です。期限を過ぎると延滞金が加算されます。」"), "staff: rewrite in easy Japanese")
st(u("Create a short English title and a one-line summary for this FAQ: 住民税の特別徴収とは、給与から住民税を天引きする仕組みです。"), "staff: title + summary in English")
st(u("### Task:\n以下の市民の声を、1〜3個のタグに分類してください。\n### Output:\nJSON format: { \"tags\": [\"tag1\"] }\n### 市民の声:\n公園のトイレが夜間暗くて怖いです。照明を増やしてください。"), "staff: staff-written prompt imitating OWUI's ### Task layout (typed by staff, not a UI task)")
st(u("次の Excel の列名から JSON Schema を作ってください：受付番号、受付日、氏名カナ、相談種別、担当課"), "staff: JSON schema request")
st(u("このテキストに合う絵文字を1つだけ返して：「ごみ収集カレンダーが新しくなりました」"), "staff: single emoji, looks like LobeChat pickEmoji")
st(u("「要介護認定の更新手続き」についてのチャットボット用の質問例を、ユーザー目線で3つ作ってください。"), "staff: chatbot sample questions")
st(u("ごみ分別アプリの検索窓に入れるサジェスト候補を10個考えて。例：「ペットボトル」「スプレー缶」"), "staff: autocomplete-like suggestions for an app")
st(u("以下の文章の続きを書いてください：「本市では、令和8年度から、すべての小中学校で」"), "staff: continue text (autocomplete lookalike)")
st(u("「保育園 入所 保留通知」で検索するときに、より良い検索キーワードを提案してください。"), "staff: improve a search query")
st(u("Rephrase this follow-up question as a standalone question: 'その場合、手数料はかかりますか？' (context: コンビニ交付のロック解除)"), "staff: query-rewrite lookalike typed by staff")
st([{"role": "system", "content": SYS_GENERAL}, {"role": "user", "content": "市民課の新人向けに、転入手続きのチェックリストを作ってください。"}], "staff + admin system prompt: checklist")
st([{"role": "system", "content": SYS_KOHO}, {"role": "user", "content": "成人式の記事の見出しを10文字以内で3案。"}], "staff + admin system prompt: headline")
st([{"role": "system", "content": SYS_GENERAL}, {"role": "user", "content": "この後のやりとりで、私が介護保険課の職員だということを覚えておいてください。"}], "staff: remember-me request (memory lookalike), typed")
st(u("私の所属は税務課です。覚えておいて、次から税務の例を使って説明してください。"), "staff: memory-like instruction typed by staff")
st(u("次のチャット履歴をもとに、ユーザーが次に聞きそうな質問を3つ考えてください（FAQページ作成用）。\n\nUSER: 粗大ごみの予約はいつまで？\nASSISTANT: 収集日の7日前までです。"), "staff: follow-up questions from a pasted history, for FAQ")
st(u("観光パンフレットの各ページに付けるカテゴリタグを考えてください。ページ：温泉、港、朝市、祭り、体験"), "staff: tags for pamphlet")
st(u("児童手当の制度改正について、市民向けのお知らせ文を400字で作成してください。"), "staff: ordinary drafting")
st(u("空き家バンクの成約事例を紹介する記事のタイトルを考えて。絵文字も付けて。"), "staff: title with emoji (echoes OWUI title template)")
st(u("次の英文を日本語にしてください：'Summarize the conversation by integrating new lines into the current summary.'"), "staff: translate a sentence that is itself LibreChat's summary prompt")
st(u("選挙の投票所案内のチラシに載せる Q&A を5つ作ってください。"), "staff: Q&A drafting")
st(u("生活保護のケース記録を書くときの注意点を教えてください。"), "staff: ordinary question")
st(u("水道の漏水減免の申請書の記入例を作ってください。架空の内容で。"), "staff: ordinary drafting")
st(u("国際交流イベントの案内を、English / 中文 / 한국어 の3言語で短く作って。"), "staff: multilingual drafting")
st(msgs("toshokan_yoyaku") + [{"role": "user", "content": "ありがとう。では延長はできますか？"}], "staff: plain follow-up in chat")
st(msgs("hoiku_short") + [{"role": "user", "content": "上の回答を表形式にしてください。"}], "staff: reformat request in chat")

# ---------------------------------------------------------------------------
def main():
    rng = random.Random(7)
    recs = list(REC)
    rng.shuffle(recs)
    out = []
    for i, r in enumerate(recs, 1):
        rec = {"id": f"c7-{i:03d}", "messages": r["messages"], "category": r["category"]}
        if r["category"] == "background":
            rec["ui"] = r["ui"]
            rec["task"] = r["task"]
        rec["note"] = r["note"]
        out.append(rec)
    path = sys.argv[1] if len(sys.argv) > 1 else "requests.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    from collections import Counter
    c = Counter((r["category"], r.get("ui"), r.get("task")) for r in out)
    for k, v in sorted(c.items(), key=lambda kv: str(kv[0])):
        print(k, v)
    print("total", len(out), "background", sum(1 for r in out if r["category"] == "background"),
          "staff", sum(1 for r in out if r["category"] == "staff"),
          "admin", sum(1 for r in out if "ADMIN CUSTOMISATION" in r["note"]))


if __name__ == "__main__":
    main()
