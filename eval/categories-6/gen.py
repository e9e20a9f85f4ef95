# -*- coding: utf-8 -*-
"""category-set-6 generator (deterministic, stdlib only). Run: python3 gen.py  -> writes requests.jsonl next to this file.
Sections: municipal chat histories, UI templates (see WRITER.md for sources), background builders, staff look-alikes, output."""
# ======================================================================== histories
"""Municipal chat histories for category-set-6 (fictional city: 〇〇市 / 架空の「みなと市」).

Each history: key, topic, turns = [(user, assistant), ...], next = a follow-up the
user is about to send (used for query generation / autocomplete, where the history
ends with a user message), partial = a half-typed input (autocomplete).
All names, numbers and procedures are invented for testing; they are plausible but
not authoritative.
"""

H = []


def add(key, topic, turns, nxt=None, partial=None):
    H.append({"key": key, "topic": topic, "turns": turns, "next": nxt, "partial": partial})


add("tax_juminzei", "税", [
    ("住民税の特別徴収と普通徴収の違いを、窓口で市民に説明できるように簡単にまとめてください。",
     "特別徴収は、勤務先が毎月の給与から住民税を差し引いて市に納める方法です。6月から翌年5月までの12回に分けて納めます。\n普通徴収は、市から届く納税通知書で本人が納める方法で、原則として年4回（6月・8月・10月・翌年1月）に分けて納付します。\n退職した場合や給与以外の所得がある場合は普通徴収になることがあります。"),
], nxt="年の途中で退職した人の残りの税額はどうなりますか？", partial="退職者の住民税の一括徴収")

add("tax_furusato", "税", [
    ("ふるさと納税のワンストップ特例の申請書が1月10日を過ぎて届いた場合、どう案内すればいいですか。",
     "ワンストップ特例の申請期限は寄附の翌年1月10日（必着）です。期限を過ぎた申請書は特例の対象になりません。\nその場合は、確定申告で寄附金控除を申告していただくよう案内してください。確定申告をすれば、所得税と住民税の控除を受けられます。"),
    ("確定申告の時に必要な書類は？",
     "寄附先の自治体が発行した寄附金受領証明書（または特定事業者が発行する寄附金控除に関する証明書）と、源泉徴収票、マイナンバーが分かる書類、本人確認書類が必要です。e-Taxを使う場合は、マイナンバーカードがあるとスムーズです。"),
], nxt="医療費控除と一緒に申告する場合の注意点は？", partial="ふるさと納税 確定申告 期限")

add("tax_kotei", "税", [
    ("固定資産税の納税通知書の課税標準額と評価額が違うのはなぜかと問い合わせがありました。",
     "土地の場合、住宅用地の特例（小規模住宅用地は評価額の6分の1など）や、負担調整措置によって課税標準額が評価額より低く設定されることがあります。そのため、通知書では評価額と課税標準額が異なる金額で表示されます。"),
    ("負担調整措置って一言でいうと？", "急に税額が上がらないよう、課税標準額を評価額に少しずつ近づけていく仕組みです。"),
    ("ありがとう、それで説明してみます。", "どういたしまして。説明の際は、通知書の「課税明細書」の該当欄を一緒に見ていただくと分かりやすいと思います。"),
], nxt="家屋の評価替えは何年ごとですか？")

add("kokuho_keigen", "国保", [
    ("国民健康保険税の軽減（7割・5割・2割）の判定基準を教えて。",
     "世帯主と国保加入者の前年の総所得金額等の合計で判定します。\n・7割軽減：43万円＋10万円×（給与所得者等の数−1）以下\n・5割軽減：上記＋29.5万円×被保険者数以下\n・2割軽減：上記＋54.5万円×被保険者数以下\n※金額は年度ごとに改正されるので、最新の条例・通知を確認してください。"),
], nxt="所得の申告をしていない世帯はどう扱われますか？", partial="国保 未申告世帯 軽減")

add("kokuho_taishoku", "国保", [
    ("会社を辞めた人が国保に入る手続きについて、必要書類を教えてください。",
     "主に次のものが必要です。\n1. 健康保険の資格喪失証明書（退職日が分かるもの）\n2. 本人確認書類（マイナンバーカード等）\n3. 世帯全員のマイナンバーが分かるもの\n届出は資格を喪失した日から14日以内にお願いしています。"),
    ("任意継続とどっちが得か聞かれたら？",
     "一概には言えません。任意継続の保険料は退職時の標準報酬月額を基に計算され、国保は前年所得で計算されます。両方の見込み額を比べていただくのが確実です。国保税の試算は保険年金課の窓口または電話で案内できます。"),
], nxt="非自発的失業者の軽減制度も説明して")

add("kaigo_nintei", "介護", [
    ("要介護認定の申請から結果が出るまでの流れを、家族向けにやさしく説明して。",
     "1. 市役所（介護保険課）か地域包括支援センターで申請します。\n2. 認定調査員がご自宅などを訪問し、心身の状態を聞き取ります。\n3. 主治医に意見書を書いてもらいます（市から依頼します）。\n4. 介護認定審査会で、どのくらいの介護が必要かを判定します。\n5. 原則30日以内に結果を郵送でお知らせします。"),
    ("申請してから結果が出るまでにサービスは使えますか？",
     "暫定ケアプランを作成すれば、認定前でもサービスを利用できます。ただし、認定結果が想定より軽い場合や非該当の場合は、自己負担が増えることがあるので、ケアマネジャーとよく相談してください。"),
], nxt="区分変更申請はどんなときにしますか？", partial="要介護認定 区分変更 申請")

add("kaigo_houkatsu", "介護", [
    ("地域包括支援センターの役割を一文で。", "高齢者の暮らしを地域で支えるための総合相談窓口で、介護予防・権利擁護・ケアマネジャー支援などを一体的に行う機関です。"),
], nxt="みなと市内には何か所ありますか？")

add("bousai_hinan", "防災", [
    ("避難所運営マニュアルの受付の部分だけ、要点を箇条書きにしてほしい。",
     "・受付は避難所の入口付近に設置し、動線を一方向にする\n・避難者カード（世帯単位）を記入してもらう\n・要配慮者（高齢者、障害のある方、妊産婦、乳幼児連れ、外国人）を確認し、福祉スペースへ案内\n・ペット同行避難者は指定のスペースへ\n・体調不良者は別室で対応し、保健師に連絡"),
    ("外国人の避難者向けの案内はどうする？",
     "やさしい日本語と多言語（英語・中国語・韓国語・ベトナム語など）の掲示物を用意し、ピクトグラムを活用してください。多言語翻訳アプリやタブレットも有効です。国際交流協会の災害時多言語支援センターとの連携も検討しましょう。"),
    ("Thanks. Can you also give me a short English sign for the reception desk?",
     "Sure: \"Reception / Please register here. If you need help (medical, language, disability), please tell the staff.\""),
], nxt="ペット同行避難のルールも英語で", partial="避難所 受付 英語 掲示")

add("bousai_hazard", "防災", [
    ("ハザードマップの浸水想定区域って、どの程度の雨を想定しているの？",
     "洪水浸水想定区域は、河川ごとに「想定最大規模降雨」（おおむね1000年に1回程度）を前提に作成されています。計画規模（100年に1回程度など）の図もあります。市のハザードマップでどちらを採用しているか、凡例で確認してください。"),
], nxt="内水氾濫のマップはありますか？", partial="内水ハザードマップ")

add("bousai_bichiku", "防災", [
    ("職員向けに、家庭の備蓄について3行で呼びかける文章を書いて。",
     "災害に備え、最低3日分、できれば1週間分の水と食料を備えましょう。\n水は1人1日3リットルが目安です。\n日常的に使いながら買い足す「ローリングストック」がおすすめです。"),
], nxt="乳幼児のいる家庭向けのチェックリストも")

add("kosodate_jidouteate", "子育て", [
    ("児童手当の制度改正（2024年10月）で何が変わったか教えて。",
     "主な変更点は次のとおりです。\n・所得制限の撤廃\n・支給対象を高校生年代（18歳到達後最初の3月31日まで）まで延長\n・第3子以降の支給額を月3万円に増額\n・支払月を年3回から年6回（偶数月）に変更\n詳細は内閣府・こども家庭庁の資料を確認してください。"),
    ("第3子のカウントの仕方は？", "22歳到達後最初の3月31日までの上の子（親等が経済的負担をしている場合）も含めて数えます。そのため、大学生の兄姉がいる場合でも、条件を満たせば第3子として扱われます。"),
], nxt="大学生の兄がいる場合の確認書類は？", partial="児童手当 監護相当 生計費の負担についての確認書")

add("kosodate_ichiji", "子育て", [
    ("一時預かりとファミリー・サポート・センターの違いを、保護者向けに説明して。",
     "一時預かりは、保育園などの施設で保育士がお子さんを預かる事業です。\nファミリー・サポート・センターは、子育ての援助を受けたい方（依頼会員）と援助したい方（提供会員）をつなぐ会員制の相互援助活動で、送迎や短時間の預かりなどに使えます。料金や利用条件が異なるので、用途に合わせて選んでください。"),
], nxt="ファミサポの登録に必要なものは？")

add("gomi_bunbetsu", "ごみ", [
    ("モバイルバッテリーって何ごみ？", "燃やさないごみには出さないでください。発火の危険があるため、みなと市では公共施設などに設置した小型充電式電池の回収ボックスか、家電量販店の回収協力店に出していただく案内になっています（ふくらんだもの・破損したものは清掃事務所に相談）。"),
], nxt="加熱式たばこの本体は？", partial="加熱式たばこ 捨て方")

add("gomi_sodai", "ごみ", [
    ("粗大ごみの申し込み方法を教えて。", "電話（粗大ごみ受付センター）またはインターネットで申し込みます。申し込み後、品目に応じた粗大ごみ処理券をコンビニ等で購入し、品目に貼って、指定日の朝8時30分までに指定場所へ出してください。"),
    ("エアコンは出せる？", "エアコン、テレビ、冷蔵庫・冷凍庫、洗濯機・衣類乾燥機は家電リサイクル法の対象なので、粗大ごみでは出せません。購入店か買い替え先の販売店に引き取りを依頼してください。"),
    ("販売店が分からない場合は？", "指定引取場所に自分で持ち込む方法があります。事前に郵便局でリサイクル料金を振り込み、家電リサイクル券を用意してください。市の許可業者に運搬を頼むこともできます。"),
    ("外国人の住民にも分かるように、やさしい日本語で今の内容を短くして。",
     "大きいごみ（そだいごみ）は、電話かインターネットで申し込みます。コンビニでシール（処理券）を買って、はります。\nエアコン、テレビ、冷蔵庫、洗濯機は、そだいごみに出せません。買った店に聞いてください。"),
], nxt="ベトナム語でも同じ内容をお願い")

add("gomi_jigyou", "ごみ", [
    ("事業系ごみを家庭ごみの集積所に出している飲食店への指導文案を作って。",
     "〇〇店 御中\n\n日頃より本市の廃棄物行政にご協力いただき、ありがとうございます。\n事業活動に伴って生じたごみ（事業系一般廃棄物）は、事業者の責任で処理していただく必要があり、家庭ごみの集積所に出すことはできません。\n許可業者への収集運搬の委託、または清掃工場への自己搬入により、適正に処理していただきますようお願いいたします。\n\nみなと市 環境部 清掃事業課"),
], nxt="もっと柔らかい表現にして")

add("senkyo_kijitsumae", "選挙", [
    ("期日前投票の宣誓書って何を書くの？", "期日前投票をする理由（仕事、旅行、冠婚葬祭、病気など、選挙当日に投票所へ行けない事由）に該当することを宣誓するものです。氏名・生年月日などを記入し、該当する事由にチェックを入れます。入場券の裏面が宣誓書になっている自治体もあります。"),
    ("入場券をなくした人は投票できる？", "入場券がなくても、選挙人名簿に登録されていれば投票できます。投票所で本人確認をしたうえで投票していただけます。"),
], nxt="代理投票の手順も教えて", partial="代理投票 補助者 2人")

add("senkyo_poster", "選挙", [
    ("選挙ポスター掲示場の設置数の基準はどう決まってる？", "公職選挙法施行令で、投票区ごとの選挙人名簿登録者数と面積に応じて設置数が決まります。例えば登録者数が多い投票区ほど多くの掲示場を設置します。特別の事情がある場合は、選挙管理委員会が数を減らすこともできます。"),
], nxt="掲示場の撤去はいつまでに？")

add("juminhyo_tenshutsu", "住民票", [
    ("転出届はマイナンバーカードでオンラインでもできますか？", "はい。マイナポータルの「引越し手続オンラインサービス」で転出届を提出できます。転入先には、原則として転入日から14日以内に来庁していただく必要があります（転入届はオンラインではできません）。"),
], nxt="転入予定日を過ぎてしまった場合は？", partial="転入予定日 過ぎた 転出証明書")

add("juminhyo_konbini", "住民票", [
    ("コンビニ交付で住民票が取れない人がいて、原因として何が考えられる？",
     "主な原因は次のとおりです。\n・利用者証明用電子証明書の有効期限切れ、または暗証番号のロック\n・マイナンバーカードの暗証番号（4桁）の入力誤り\n・住民基本台帳の閲覧制限（DV等支援措置）がかかっている\n・転入直後などでシステムに反映されていない\n・サービス提供時間外（6:30〜23:00以外）やシステムメンテナンス中"),
    ("暗証番号ロックの解除は窓口で？", "はい。ご本人がマイナンバーカードを持って市民課の窓口にお越しください。本人確認のうえ、暗証番号の再設定を行います。代理人の場合は照会書の手続きが必要です。"),
], nxt="代理人の場合の照会書の流れを詳しく")

add("juminhyo_gaikokujin", "住民票", [
    ("A foreign resident asked me in English how to get a juminhyo with her family members listed. How should I explain?",
     "You can say: \"You can request a copy of your residence record (juminhyo) at the Citizens Division counter or at a convenience store with your My Number Card. If you want all household members listed, please choose 'all members of the household'. Please bring your residence card for ID.\""),
    ("ありがとう。在留カードの番号を載せるかどうかも選べるんだっけ？", "はい。外国人住民の住民票では、国籍・地域、在留資格、在留期間、在留カード等の番号などの記載を希望に応じて選択できます。提出先で必要な項目を確認してもらうよう案内してください。"),
], nxt="How about the English translation of the juminhyo?")

add("seiho_shinsei", "生活保護", [
    ("生活保護の申請に来た人に、扶養照会について聞かれた。どう説明すればいい？",
     "扶養照会は、親族に援助が可能かどうかを確認するものですが、扶養は保護の前提条件ではありません。\nまた、DVや虐待がある場合、長期間音信不通の場合、親族が高齢・未成年の場合などは、照会を行わない取扱いがあります。申請者が照会を望まない事情があれば、遠慮なく伝えてもらうよう説明してください。"),
    ("申請権を侵害しないように注意すべきことは？", "申請の意思が示された場合は、必ず申請書を渡して受理してください。「相談だけ」として帰したり、「親族に頼んでから来て」などと申請をためらわせる対応は、申請権の侵害にあたるおそれがあります。"),
], nxt="申請から決定までの期限は？", partial="生活保護 決定 14日 30日")

add("seiho_kasan", "生活保護", [
    ("冬季加算の対象期間は？", "地区によって異なりますが、みなと市（Ⅵ区）では11月から翌年3月までです。"),
], nxt="金額も教えて")

add("suidou_rousui", "水道", [
    ("水道料金が急に高くなったという問い合わせ。漏水の可能性をどう確認してもらう？",
     "家中の蛇口をすべて閉めた状態で、水道メーターのパイロット（銀色のコマ）が回っていないか確認してもらってください。回っている場合は、敷地内のどこかで漏水している可能性があります。\n宅地内の漏水修理はお客様負担ですが、市の指定給水装置工事事業者に依頼すれば、一定の条件で漏水分の料金減免を受けられる場合があります。"),
], nxt="減免申請に必要な書類は？", partial="漏水減免 申請書 修理証明")

add("suidou_kaihei", "水道", [
    ("引っ越しのときの水道の使用開始・中止の手続きは？", "水道お客さまセンターに電話またはインターネットで、使用開始・中止の日の3〜4日前までに連絡してください。中止の際は最終検針をして精算します。"),
    ("ガスと違って立ち会いは必要？", "通常は立ち会い不要です。ただしオートロックのマンションなどでメーターを確認できない場合は、事前に連絡をお願いしています。"),
], nxt="開栓しても水が出ない場合は？")

add("hoiku_nyuen", "保育", [
    ("保育園の入園選考の点数（基準指数）について、保護者から「なぜうちは入れなかったのか」と言われた。説明のポイントは？",
     "・基準指数（保護者の就労時間や疾病など）と調整指数（ひとり親、きょうだい在園、育休明けなど）の合計で順位を決めていること\n・同点の場合の優先順位（所得、居住年数等）があること\n・希望園ごとに空き定員と申込者数が異なること\nを丁寧に説明してください。個人の点数は本人に開示できますが、他の申込者の情報は伝えられません。"),
    ("育休延長のために不承諾通知が欲しいだけの人への対応は？",
     "2025年4月から、育児休業給付の延長には、本人が速やかな職場復帰のために申込みを行ったことの確認（申告書の提出）が必要になりました。入園の意思がない申込みは延長の要件を満たさない場合があるため、ハローワークの案内を確認するよう伝えてください。"),
    ("ありがとう。じゃあ窓口用に短いQ&Aにして。",
     "Q. なぜ入園できなかったのですか？\nA. 基準指数と調整指数の合計点で選考しており、希望された園の定員に対して、より点数の高い方がいらっしゃったためです。\nQ. 自分の点数は教えてもらえますか？\nA. はい、ご本人には開示できます。\nQ. 育休延長のための書類は？\nA. 保留通知に加え、ハローワークへの申告書が必要です。"),
], nxt="2次選考のスケジュールを追加して", partial="2次選考 申込期間")

add("hoiku_byouji", "保育", [
    ("病児保育の利用登録はどこでできる？", "市内の病児保育施設（2か所）で事前登録が必要です。登録は施設への直接持参か、市のオンライン申請で受け付けています。利用当日は、かかりつけ医の連絡票を持参してください。"),
], nxt="料金と減免は？")

add("kanko_inbound", "観光", [
    ("インバウンド向けの観光パンフレット、英語版で「みなと朝市」を紹介する一文を考えて。",
     "\"Minato Morning Market: Enjoy fresh seafood and local vegetables straight from the harbor every Sunday from 6 a.m. — a taste of local life you won't find anywhere else.\""),
    ("もうちょっとカジュアルに。", "\"Come hungry! Every Sunday at 6 a.m., Minato Morning Market serves up the freshest catch and local veggies — grab breakfast with the locals.\""),
], nxt="中国語（繁体字）版も作って", partial="みなと朝市 繁体字")

add("kanko_shukuhakuzei", "観光", [
    ("宿泊税を導入している自治体の例と、税額の決め方のパターンを教えて。",
     "東京都、大阪府、京都市、金沢市、福岡県・福岡市などが導入しています。税額の決め方は主に、(1) 宿泊料金に応じた段階的な定額制（例：1泊1万円未満は100円など）、(2) 一律の定額制、(3) 定率制の検討例、があります。導入時期や税率は各自治体の条例で確認してください。"),
], nxt="みなと市で導入する場合の論点を整理して")

add("gikai_ippan", "議会", [
    ("一般質問の答弁書の書き方で気をつけることは？",
     "・質問の趣旨に正面から答え、結論を先に述べる\n・「検討します」「研究します」などの表現の使い分けに注意（実施の見込みの度合いが異なる）\n・数値や日付は所管課で最新のものを確認\n・他部署に関係する内容は事前に合議する\n・再質問を想定した補足資料を用意しておく"),
    ("「検討」と「研究」の違いをもう少し詳しく。", "一般に「検討する」は実施に向けて具体的に考える段階、「研究する」は情報収集など実施の可否を判断する前段階と受け取られます。議会答弁では慣用的な意味の差が意識されるため、部内で表現をそろえておくことが重要です。"),
], nxt="前向きに検討、はどのくらい前向き？")

add("gikai_iinkai", "議会", [
    ("常任委員会の所管事務調査で、視察報告書のひな形を作って。",
     "1. 視察日時\n2. 視察先（自治体名・施設名）\n3. 参加委員\n4. 視察目的\n5. 視察内容（説明者、主な説明事項）\n6. 質疑応答の要旨\n7. 所感・本市への提言\n8. 添付資料"),
], nxt="所感の書き方の例も")

add("douro_kanbotsu", "道路", [
    ("市道で陥没が見つかったと通報があった。初動対応の流れは？",
     "1. 通報者から場所・規模・危険度を聞き取る（写真があれば送ってもらう）\n2. 道路管理課の職員または委託業者が現地確認\n3. 危険な場合はカラーコーン等で規制し、必要なら警察に連絡\n4. 応急補修（常温合材など）\n5. 原因調査（下水道管の破損等がないか関係課と確認）\n6. 本復旧の計画"),
    ("下水道が原因だった場合の費用負担は？", "原因となった施設の管理者が負担するのが原則です。下水道管の破損が原因であれば下水道事業で対応します。損害賠償が絡む事故が発生した場合は、道路賠償責任保険の適用も確認してください。"),
], nxt="通報アプリ（市民通報システム）の導入事例は？", partial="道路損傷 通報アプリ 導入自治体")

add("douro_senyo", "道路", [
    ("道路占用許可と道路使用許可の違い。", "道路占用許可は道路管理者（市）が出すもので、道路に物件を継続して設置する場合（看板、電柱、足場など）に必要です。道路使用許可は警察署長が出すもので、工事や作業、イベントなど交通に影響する一時的な使用に必要です。両方必要な場合もあります。"),
], nxt="申請の窓口はどこ？")

add("akiya_tokutei", "空き家", [
    ("管理不全空家と特定空家の違いは？", "2023年の空家法改正で「管理不全空家」が新設されました。放置すれば特定空家になるおそれがある状態の空き家で、市町村長が指導・勧告できます。勧告を受けると固定資産税の住宅用地特例が解除されます。特定空家は、倒壊等の危険や衛生上・景観上の著しい問題がある状態の空き家で、助言・指導、勧告、命令、行政代執行まで可能です。"),
    ("所有者が分からない場合はどうする？", "固定資産税の課税情報や登記情報、戸籍などで調査します。それでも判明しない場合は、略式代執行や、所有者不明建物管理制度・財産管理制度の活用を検討します。"),
], nxt="略式代執行の費用回収はどうなる？", partial="略式代執行 費用 回収")

add("akiya_bank", "空き家", [
    ("空き家バンクの登録を増やすための施策を5つ挙げて。",
     "1. 固定資産税の納税通知書に空き家バンクの案内チラシを同封\n2. 相続登記の相談会と空き家相談会を同時開催\n3. 登録時の家財処分・改修費補助\n4. 地元不動産団体との協定による査定・媒介の支援\n5. 移住者向けお試し住宅との連携"),
], nxt="それぞれの予算規模の目安は？")

add("kokusai_kouryu", "国際交流", [
    ("姉妹都市（オーストラリアのポートサイド市）との青少年交流事業の募集要項を作りたい。項目案を出して。",
     "・事業名／目的\n・派遣期間、派遣先\n・募集人数、対象（市内在住・在学の中高生など）\n・費用（市負担、自己負担）\n・応募方法、締切\n・選考方法（書類、面接、英語力）\n・事前研修・事後報告会\n・保険、安全管理\n・問い合わせ先"),
    ("Please also draft a short welcome message in English from the Mayor for the host families.",
     "\"Dear host families, On behalf of the people of Minato City, thank you for opening your homes to our young ambassadors. Your kindness builds the friendship between our two cities for generations to come. — Mayor of Minato City\""),
], nxt="ホストファミリーへのお礼状の日本語版も")

add("kokusai_tabunka", "国際交流", [
    ("多文化共生推進プランの中間見直しで、外国人住民アンケートの設問案を作りたい。",
     "例えば次のような設問が考えられます。\n1. 日本での生活で困っていること（言語、住居、仕事、医療、子育て、災害など）\n2. 市からの情報をどこで得ていますか（広報紙、SNS、友人、母国語コミュニティ）\n3. 希望する言語（やさしい日本語を含む）\n4. 日本語教室の利用状況と希望\n5. 地域活動への参加意向"),
], nxt="回答しやすいように選択肢も付けて")

add("mynumber_card", "住民票", [
    ("マイナ保険証の資格確認書について、窓口でよく聞かれることをまとめて。",
     "・マイナ保険証を持っていない人には、保険者から資格確認書が交付される（申請不要の場合が多い）\n・資格確認書の有効期限は最長5年の範囲で保険者が設定\n・マイナンバーカードの電子証明書の有効期限が切れると、マイナ保険証として使えなくなる\n・国保加入者の場合、資格確認書は市から郵送"),
], nxt="電子証明書の更新手続きは？", partial="電子証明書 更新 通知書")

add("jinji_kenshu", "その他", [
    ("新規採用職員研修で、生成AIの使い方について30分話す。構成案ちょうだい。",
     "1. 導入（5分）：市で利用できる生成AIと利用ルール\n2. できること・できないこと（5分）\n3. 実演（10分）：文書の要約、やさしい日本語への言い換え、議事録の下書き\n4. 注意点（7分）：個人情報・機密情報を入力しない、出力は必ず確認、著作権\n5. 質疑（3分）"),
    ("注意点のところ、具体例を入れて膨らませて。",
     "・個人情報：住民の氏名、住所、マイナンバー、相談内容をそのまま入力しない（匿名化する）\n・機密情報：入札予定価格、人事情報、未公表の政策案は入力しない\n・正確性：法令の条文番号や制度の金額は、必ず原典で確認（AIはもっともらしい誤りを出すことがある）\n・著作権：他者の文章や画像を大量に入力・出力して公開物に使う場合は注意\n・記録：業務で使った場合は、所属のルールに従い利用記録を残す"),
], nxt="研修後のアンケート項目も考えて", partial="生成AI研修 アンケート")

add("kouhou_shimin", "広報", [
    ("広報みなと6月号の特集「梅雨の防災」のリード文を100字で。",
     "梅雨の時期は大雨による浸水や土砂災害が起こりやすくなります。いざというときに慌てないよう、ハザードマップで自宅周辺の危険を確認し、避難のタイミングや家族との連絡方法を話し合っておきましょう。"),
], nxt="見出しの候補を5つ")

add("doc_kaigi", "議会", [
    ("This is a quick one: what's the English for 「議会事務局」?", "\"Secretariat of the City Council\" is commonly used. Some cities also use \"City Council Secretariat\" or \"Council Office\"."),
], nxt="「議長」「副議長」は？")

add("tax_keijidousha", "税", [
    ("軽自動車税の減免（身体障害者等）の申請期限は？", "みなと市では、納期限（5月31日）の7日前までに申請が必要です。身体障害者手帳、運転免許証、車検証、マイナンバーが分かるものを持参してもらいます。"),
    ("納期限を過ぎたらもう無理？", "当該年度の減免は原則として受けられません。翌年度分から申請できるよう案内してください。"),
], nxt="普通自動車（県税）の減免との違いは？")

add("kosodate_ninshin", "子育て", [
    ("妊婦のための支援給付（旧・出産・子育て応援給付金）について、2025年度からの変更点をざっくり。",
     "2025年4月から、出産・子育て応援交付金は「妊婦のための支援給付」として制度化されました。妊娠届出後に5万円、出産後に胎児の数×5万円を給付する形で、面談などの伴走型相談支援（妊婦等包括相談支援事業）と一体的に実施します。"),
], nxt="流産・死産の場合も対象になりますか？", partial="妊婦支援給付 流産 死産 対象")

HIST = {h["key"]: h for h in H}

# ======================================================================== templates
"""Background-task templates, copied from the UIs' sources (see WRITER.md for file/commit).

Naming: <UI>_<TASK>_<VERSION>. Placeholders are kept exactly as the UI writes them
and are filled by gen.py the way the UI fills them.
"""

# ---------------------------------------------------------------- Open WebUI
# v0.3.x default title template (backend/main.py generate_title; also docs env-configuration)
OW_TITLE_V03 = """Create a concise, 3-5 word title with an emoji as a title for the prompt in the given language. Suitable Emojis for the summary can be used to enhance understanding but avoid quotation marks or special formatting. RESPOND ONLY WITH THE TITLE TEXT.

Examples of titles:
📉 Stock Market Trends
🍪 Perfect Chocolate Chip Recipe
Evolution of Music Streaming
Remote Work Productivity Tips
Artificial Intelligence in Healthcare
🎮 Video Game Development Insights

Prompt: {{prompt:middletruncate:8000}}"""

# v0.4.x (Nov 2024) — confirmed from a captured request payload (chat_history form)
OW_TITLE_V04 = """Create a concise, 3-5 word title with an emoji as a title for the chat history, in the given language. Suitable Emojis for the summary can be used to enhance understanding but avoid quotation marks or special formatting. RESPOND ONLY WITH THE TITLE TEXT.

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

# v0.5.x – early v0.6.x (backend/open_webui/config.py DEFAULT_TITLE_GENERATION_PROMPT_TEMPLATE)
OW_TITLE_V05 = """### Task:
Generate a concise, 3-5 word title with an emoji summarizing the chat history.
### Guidelines:
- The title should clearly represent the main theme or subject of the conversation.
- Use emojis that enhance understanding of the topic, but avoid quotation marks or special formatting.
- Write the title in the chat's primary language; default to English if multilingual.
- Prioritize accuracy over excessive creativity; keep it clear and simple.
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

# v0.6.x (three "raw JSON" guideline lines added)
OW_TITLE_V06 = """### Task:
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

# newest (no emoji, 2-4 words) — config.py of the newest stored snapshot
OW_TITLE_V08 = """### Task:
Generate a concise title summarizing the chat history.
### Guidelines:
- The title should clearly represent the main theme or subject of the conversation.
- Keep it short: 2-4 words is best.
- Do not use emojis, quotation marks, or special formatting.
- Write the title in the chat's primary language; default to English if multilingual.
- Prioritize accuracy over creativity.
- Your entire response must consist solely of the JSON object, without any introductory or concluding text.
- The output must be a single, raw JSON object, without any markdown code fences or other encapsulating text.
- Ensure no conversational text, affirmations, or explanations precede or follow the raw JSON output, as this will cause direct parsing failure.
### Output:
JSON format: { "title": "your concise title here" }
### Examples:
- { "title": "Stock Trends" },
- { "title": "Chocolate Chip Cookies" },
- { "title": "Music Streaming" },
- { "title": "Remote Work" }
### Chat History:
<chat_history>
{{MESSAGES:END:2}}
</chat_history>"""

OW_TAGS = """### Task:
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

# v0.6.x first follow-up template ("JSON array of strings")
OW_FOLLOWUP_V1 = """### Task:
Suggest 3-5 relevant follow-up questions or prompts that the user might naturally ask next in this conversation as a **user**, based on the chat history, to help continue or deepen the discussion.
### Guidelines:
- Write all follow-up questions from the user’s point of view, directed to the assistant.
- Make questions concise, clear, and directly related to the discussed topic(s).
- Only suggest follow-ups that make sense given the chat content and do not repeat what was already covered.
- If the conversation is very short or not specific, suggest more general (but relevant) follow-ups the user might ask.
- Use the conversation's primary language; default to English if multilingual.
- Response must be a JSON array of strings, no extra text or formatting.
### Output:
JSON format: { "follow_ups": ["Question 1?", "Question 2?", "Question 3?"] }
### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>"""

# later follow-up template ("JSON object with a follow_ups key")
OW_FOLLOWUP_V2 = """### Task:
Suggest 3-5 relevant follow-up questions or prompts that the user might naturally ask next in this conversation as a **user**, based on the chat history, to help continue or deepen the discussion.
### Guidelines:
- Write all follow-up questions from the user’s point of view, directed to the assistant.
- Make questions concise, clear, and directly related to the discussed topic(s).
- Only suggest follow-ups that make sense given the chat content and do not repeat what was already covered.
- If the conversation is very short or not specific, suggest more general (but relevant) follow-ups the user might ask.
- Use the conversation's primary language; default to English if multilingual.
- Response must be a JSON object with a "follow_ups" key containing an array of strings, no extra text or formatting.
### Output:
JSON format: { "follow_ups": ["Question 1?", "Question 2?", "Question 3?"] }
### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>"""

# v0.3.x web-search query prompt (backend/main.py generate_search_query, default template)
OW_SEARCHQ_V03A = """Given the user's message and interaction history, decide if a web search is necessary. You must be concise and exclusively provide a search query if one is necessary. Refrain from verbose responses or any additional commentary. Prefer suggesting a search if uncertain to provide comprehensive or updated information. If a search isn't needed at all, respond with an empty string. Default to a search query when in doubt. Today's date is {{CURRENT_DATE}}.

User Message:
{{prompt:end:4000}}

Interaction History:
{{MESSAGES:END:6}}

Search Query:"""

# later v0.3.x default (documented in open-webui docs env-configuration)
OW_SEARCHQ_V03B = """Assess the need for a web search based on the current question and prior interactions, but lean towards suggesting a Google search query if uncertain. Generate a Google search query even when the answer might be straightforward, as additional information may enhance comprehension or provide updated data. If absolutely certain that no further information is required, return an empty string. Default to a search query if unsure or in doubt. Today's date is {{CURRENT_DATE}}.

Current Question:
{{prompt:end:4000}}

Interaction History:
{{MESSAGES:END:6}}"""

# v0.4.x (Nov 2024) query generation — confirmed from a captured request payload
OW_QUERY_V04 = """### Task:
Based on the chat history, determine whether a search is necessary, and if so, generate a 1-3 broad search queries to retrieve comprehensive and updated information. If no search is required, return an empty list.

### Guidelines:
- Respond exclusively with a JSON object.
- If a search query is needed, return an object like: { "queries": ["query1", "query2"] } where each query is distinct and concise.
- If no search query is necessary, output should be: { "queries": [] }
- Default to suggesting a search query to ensure accurate and updated information, unless it is definitively clear no search is required.
- Be concise, focusing strictly on composing search queries with no additional commentary or text.
- When in doubt, prefer to suggest a search for comprehensiveness.
- Today's date is: {{CURRENT_DATE}}

### Output:
JSON format: {
  "queries": ["query1", "query2"]
}

### Chat History:
<chat_history>
{{MESSAGES:END:6}}
</chat_history>
"""

# v0.5+ query generation (config.py DEFAULT_QUERY_GENERATION_PROMPT_TEMPLATE)
OW_QUERY_V05 = """### Task:
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

OW_AUTOCOMPLETE = """### Task:
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

OW_EMOJI = """Your task is to reflect the speaker's likely facial expression through a fitting emoji. Interpret emotions from the message and reflect their facial expression using fitting, diverse emojis (e.g., 😊, 😢, 😡, 😱).

Message: ```{{prompt}}```"""

OW_IMAGE_PROMPT = """### Task:
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

OW_MOA = """You have been provided with a set of responses from various models to the latest user query: "{{prompt}}"

Your task is to synthesize these responses into a single, high-quality response. It is crucial to critically evaluate the information provided in these responses, recognizing that some of it may be biased or incorrect. Your response should not simply replicate the given answers but should offer a refined, accurate, and comprehensive reply to the instruction. Ensure your response is well-structured, coherent, and adheres to the highest standards of accuracy and reliability.

Responses from models: {{responses}}"""


# Open WebUI context compaction (backend/open_webui/utils/context_compaction.py), single user message
OW_COMPACTION_V1 = """### Task:
Summarize the conversation history that will be compacted out of the active chat context.

### Instructions:
- Preserve key decisions, user preferences, and constraints.
- Preserve files, artifacts, tool results, and code changes that matter going forward.
- Preserve the current task state, unresolved questions, and next steps.
- Be factual and specific. Do not invent details.
- Keep the summary concise, but complete enough for the assistant to continue without the removed messages.

### Previous Summary:
{{PREVIOUS_SUMMARY}}

### Messages Being Compacted:
{{COMPACTED_MESSAGES}}

### Recent Messages Kept In Context:
{{RECENT_MESSAGES}}"""
# later variant: compacted messages are sent as real chat messages, this is the trailing user turn
OW_COMPACTION_V2 = """### Task:
Summarize the conversation above that will be compacted out of the active chat context.

### Instructions:
- Preserve key decisions, user preferences, and constraints.
- Preserve files, artifacts, tool results, and code changes that matter going forward.
- Preserve the current task state, unresolved questions, and next steps.
- Be factual and specific. Do not invent details.
- Keep the summary concise, but complete enough for the assistant to continue without the removed messages.

### Previous Summary:
{{PREVIOUS_SUMMARY}}"""

# ---------------------------------------------------------------- LibreChat
# api/app/titleConvo.js (early 2023), system role, indentation as in source
LC_TITLE_LEGACY = """Detect user language and write in the same language an extremely concise title for this conversation, which you must accurately detect. Write in the detected language. Title in 5 Words or Less. No Punctuation or Quotation. All first letters of every word should be capitalized and complete only the title in User Language only.

    ||>User:
    "{text}"
    ||>Response:
    "{response_json}"
    
    ||>Title:"""

# api/app/clients/OpenAIClient.js titleConvo fallback (v0.5.x-v0.6.x), system role
LC_TITLE_FALLBACK = """Detect user language and write in the same language an extremely concise title for this conversation, which you must accurately detect.
Write in the detected language. Title in 5 Words or Less. No Punctuation or Quotation. Do not mention the language. All first letters of every word should be capitalized and write the title in User Language only.

{convo}

||>Title:"""

LC_EMOJI_PROMPT = "Start the title with one emoji that fits the topic (REQUIRED), The emoji should help communicate the subject"
LC_TITLE_INSTRUCTION = ('a concise, 5-word-or-less title for the conversation, using its same language, with no punctuation. '
                        'Apply title case conventions appropriate for the language. Never directly mention the language name or the word "title".'
                        + LC_EMOJI_PROMPT)
# OpenAIClient.titleChatCompletion (titleMethod: completion), system role
LC_TITLE_COMPLETION = "Please generate " + LC_TITLE_INSTRUCTION + "\n\n{convo}\n\n||>Title:"

# titlePrompts.js langPrompt + createTitlePrompt (LangChain "functions" title chain)
LC_LANG_SYSTEM = "Detect the language used in the following text."
LC_TITLE_CHAIN_SYSTEM = ("Write a concise title for this conversation in the given language. Title in 5 Words or Less. "
                         "No Punctuation or Quotation. Must be in Title Case, written in the given Language. "
                         + LC_EMOJI_PROMPT + "\n{convo}")

# @librechat/agents src/utils/title.ts (agents endpoint); convo = 'User: {input}\nAI: {output}'
LC_AGENTS_TITLE_STRUCTURED = """Analyze this conversation and provide:
1. The detected language of the conversation
2. A concise title in the detected language (5 words or less, no punctuation or quotation)

{convo}"""
LC_AGENTS_TITLE_COMPLETION = """Provide a concise, 5-word-or-less title for the conversation, using title case conventions. Only return the title itself.

Conversation:
{convo}"""

# api/app/clients/prompts/summaryPrompts.js
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

# packages/api/src/agents/memory.ts getDefaultInstructions (no validKeys, no tokenLimit)
LC_MEMORY_INSTRUCTIONS = """Use the `set_memory` tool to save important information about the user, but ONLY when the user has requested you to remember something.

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

{valid_keys_block}

{token_limit_block}

When in doubt, and the user hasn't asked to remember or forget anything, END THE TURN IMMEDIATELY."""

# @librechat/agents summarization (context compaction), appended as the last user turn
LC_AGENTS_CHECKPOINT = """Hold on, before you continue I need you to write me a checkpoint of everything so far. Your context window is filling up and this checkpoint replaces the messages above, so capture everything you need to pick right back up.

Don't second-guess or fact-check anything you did, your tool results reflect exactly what happened. If a tool result appears truncated, that's just a display artifact from context management: the tool executed fully. Just record what you did and what you observed. Only the checkpoint, don't respond to me or continue the conversation.

## Checkpoint

## Goal
What I asked you to do and any sub-goals you identified.

## Constraints & Preferences
Any rules, preferences, or configuration I established.

## Progress
### Done
- What you completed and the outcomes

### In Progress
- What you're currently working on

## Key Decisions
Decisions you made and why.

## Next Steps
Concrete task actions remaining, in priority order.

## Critical Context
Exact identifiers, names, error messages, URLs, and details you need to preserve verbatim.

Rules:
- Record what you did and observed, don't judge or re-evaluate it
- For each tool call: the tool name, key inputs, and the outcome
- Preserve exact identifiers, names, errors, and references verbatim
- Short declarative sentences
- Skip empty sections"""

# ---------------------------------------------------------------- Dify
# api/core/generator/llm_generator.py + prompts.py, first public versions (2023)
DIFY_TITLE_2023 = ("Human:{query}\n-----\n"
                   "Help me summarize the intent of what the human said and provide a title, the title should not exceed 20 words.\n"
                   "If the human said is conducted in Chinese, you should return a Chinese title.\n"
                   "If the human said is conducted in English, you should return an English title.\n"
                   "title:")
DIFY_SUMMARY_2023 = ("Please generate a short summary of the following conversation.\n"
                     "If the conversation communicating in Chinese, you should return a Chinese summary.\n"
                     "If the conversation communicating in English, you should return an English summary.\n"
                     "[Conversation Start]\n"
                     "{context}\n"
                     "[Conversation End]\n\n"
                     "summary:")

# "Written by YORKI MINAKO, Edited by Xiaoyi" version (2024 - 2025)
DIFY_TITLE_2024 = """You need to decompose the user's input into "subject" and "intention" in order to accurately figure out what the user's input language actually is. 
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
  "Your Reasoning": "The English parts are subjective particles, the main intention is written in Chinese, besides, Chinese occupies a greater \"actual meaning\" than English, so the language of my output must be using Chinese.",
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

# current (Written by YORKI MINAKO, Edited by Xiaoyi, Edited by yasu-oh)
DIFY_TITLE_2025 = """You are asked to generate a concise chat title by decomposing the user’s input into two parts: “Intention” and “Subject”.

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

# suggested questions: wrapper "{{histories}}\n{{format_instructions}}\nquestions:\n"
DIFY_SQ_WRAPPER = "{histories}\n{format_instructions}\nquestions:\n"
DIFY_SQ_2023 = ("Please help me predict the three most likely questions that human would ask, "
                "and keeping each question under 20 characters.\n"
                "The output must be in JSON format following the specified schema:\n"
                "[\"question1\",\"question2\",\"question3\"]\n")
DIFY_SQ_2024A = ("Please help me predict the three most likely questions that human would ask, "
                 "and keeping each question under 20 characters.\n"
                 "The output must be an array in JSON format following the specified schema:\n"
                 "[\"question1\",\"question2\",\"question3\"]\n")
DIFY_SQ_2024B = ("Please help me predict the three most likely questions that human would ask, "
                 "and keeping each question under 20 characters.\n"
                 "MAKE SURE your output is the SAME language as the Assistant's latest response"
                 "(if the main response is written in Chinese, then the language of your output must be using Chinese.)!\n"
                 "The output must be an array in JSON format following the specified schema:\n"
                 '["question1","question2","question3"]\n')
DIFY_SQ_2025 = ("Please help me predict the three most likely questions that human would ask, "
                "and keeping each question under 20 characters.\n"
                "MAKE SURE your output is the SAME language as the Assistant's latest response. "
                "The output must be an array in JSON format following the specified schema:\n"
                '["question1","question2","question3"]\n')

# ---------------------------------------------------------------- LobeChat (src/chains/summaryTitle.ts)
LOBE_TITLE_ZH_SYS = "你是一名擅长会话的助理，你需要将用户的会话总结为 10 个字以内的标题"
LOBE_TITLE_ZH_USER_TAIL = "\n\n请总结上述对话为10个字以内的标题，不需要包含标点符号，输出语言语种为：{locale}"
LOBE_TITLE_EN10_SYS = "You are an assistant skilled in conversation who needs to summarize user conversations into titles within 10 characters."
LOBE_TITLE_EN10_USER_TAIL = "\n\nPlease summarize the above conversation into a title within 10 characters, without punctuation marks, output language: {locale}"
LOBE_TITLE_PRO_SYS = """You are a professional conversation summarizer. Generate a concise title that captures the essence of the conversation.

Rules:
- Output ONLY the title text, no explanations or additional context
- Maximum 10 words
- Maximum 50 characters
- No punctuation marks
- Use the language specified by the locale code: {locale}
- The title should accurately reflect the main topic of the conversation
- Keep it short and to the point"""

# ======================================================================== generator
import json
import random
import re

RNG = random.Random(20260606)

SYS_DEPLOY = ("あなたはみなと市役所の職員の業務を支援するAIアシスタントです。"
              "回答は日本語で、正確かつ簡潔に行ってください。個人情報の入力は避けるよう利用者に注意を促してください。")


def turns_to_msgs(turns, pending=None):
    out = []
    for u, a in turns:
        out.append({"role": "user", "content": u})
        out.append({"role": "assistant", "content": a})
    if pending:
        out.append({"role": "user", "content": pending})
    return out


def ow_render(msgs):
    # open_webui.utils.misc.get_messages_content
    return "\n".join(f"{m['role'].upper()}: {m['content']}" for m in msgs)


def _mt(prompt, n):
    if len(prompt) <= n:
        return prompt
    import math
    return prompt[: math.ceil(n / 2)] + "..." + prompt[-(n // 2):]


def ow_fill(tpl, msgs=None, prompt=None, date=None, typ=None, partial=None, responses=None):
    s = tpl
    if prompt is not None:
        s = s.replace("{{prompt:middletruncate:8000}}", _mt(prompt, 8000))
        s = s.replace("{{prompt:end:4000}}", prompt[-4000:])
        s = s.replace("{{prompt}}", prompt)
    if msgs is not None:
        s = re.sub(r"\{\{MESSAGES:END:(\d+)\}\}", lambda m: ow_render(msgs[-int(m.group(1)):]), s)
    if date is not None:
        s = s.replace("{{CURRENT_DATE}}", date)
    if typ is not None:
        s = s.replace("{{TYPE}}", typ)
    if partial is not None:
        s = s.replace("{{PROMPT}}", partial)
    if responses is not None:
        s = s.replace("{{responses}}", "\n\n".join(f'"""{r}"""' for r in responses))
    return s


def U(c):
    return [{"role": "user", "content": c}]


RECORDS = []


def bg(ui, task, messages, note):
    RECORDS.append({"messages": messages, "category": "background", "ui": ui, "task": task, "note": note})


def staff(messages, note):
    RECORDS.append({"messages": messages, "category": "staff", "note": note})


DATES_V03 = ["2024-07-18", "2024-08-02", "2024-09-11"]
DATES_V04 = ["2024-11-25", "2024-12-09", "2025-01-16"]
DATES_V05 = ["2025-03-04", "2025-06-12", "2025-09-30", "2026-01-20", "2026-05-14", "2026-11-02"]

KEYS = [h["key"] for h in H]


def pick_hist(n, need=None):
    pool = [h for h in H if (need is None or h.get(need))]
    RNG.shuffle(pool)
    out = []
    while len(out) < n:
        out.extend(pool)
    return out[:n]


# ------------------------------------------------------------------ Open WebUI: titles
for h in pick_hist(6):
    first_u = h["turns"][0][0]
    bg("open-webui", "title_generation", U(ow_fill(OW_TITLE_V03, prompt=first_u)),
       f"Open WebUI v0.3.x default title template (prompt-only form), first user message of '{h['key']}'. Verbatim.")
for h in pick_hist(6):
    msgs = turns_to_msgs(h["turns"][:1])
    bg("open-webui", "title_generation", U(ow_fill(OW_TITLE_V04, msgs)),
       f"Open WebUI v0.4.x title template (<chat_history>, RESPOND ONLY WITH THE TITLE TEXT), first exchange of '{h['key']}'. Verbatim.")
for i, h in enumerate(pick_hist(7)):
    msgs = turns_to_msgs(h["turns"] if i % 3 == 2 else h["turns"][:1])
    bg("open-webui", "title_generation", U(ow_fill(OW_TITLE_V05, msgs)),
       f"Open WebUI v0.5.x title template ({{{{MESSAGES:END:2}}}}), '{h['key']}'" + (" last exchange (title regenerated from the chat menu)." if i % 3 == 2 else " first exchange.") + " Verbatim.")
for i, h in enumerate(pick_hist(8)):
    msgs = turns_to_msgs(h["turns"] if i % 4 == 3 else h["turns"][:1])
    bg("open-webui", "title_generation", U(ow_fill(OW_TITLE_V06, msgs)),
       f"Open WebUI v0.6.x title template (raw-JSON guideline lines), '{h['key']}'. Verbatim.")
for h in pick_hist(6):
    msgs = turns_to_msgs(h["turns"][:1])
    bg("open-webui", "title_generation", U(ow_fill(OW_TITLE_V08, msgs)),
       f"Open WebUI newest title template (no emoji, 2-4 words), '{h['key']}'. Verbatim.")

# ------------------------------------------------------------------ Open WebUI: tags
for i, h in enumerate(pick_hist(10)):
    msgs = turns_to_msgs(h["turns"] if i % 2 else h["turns"][:1])
    bg("open-webui", "tag_generation", U(ow_fill(OW_TAGS, msgs)),
       f"Open WebUI tags template ({{{{MESSAGES:END:6}}}}), '{h['key']}'. Verbatim (unchanged v0.5 - newest).")

# ------------------------------------------------------------------ Open WebUI: follow-ups
for h in pick_hist(5):
    msgs = turns_to_msgs(h["turns"])
    bg("open-webui", "follow_up_generation", U(ow_fill(OW_FOLLOWUP_V1, msgs)),
       f"Open WebUI v0.6.x first follow-up template ('JSON array of strings'), '{h['key']}'. Verbatim, older version.")
for h in pick_hist(7):
    msgs = turns_to_msgs(h["turns"])
    bg("open-webui", "follow_up_generation", U(ow_fill(OW_FOLLOWUP_V2, msgs)),
       f"Open WebUI follow-up template (follow_ups key), '{h['key']}'. Verbatim.")

# ------------------------------------------------------------------ Open WebUI: query generation (history ends with USER)
for i, h in enumerate(pick_hist(3, need="next")):
    msgs = turns_to_msgs(h["turns"], h["next"])
    bg("open-webui", "query_generation", U(ow_fill(OW_SEARCHQ_V03A, msgs, prompt=h["next"], date=DATES_V03[i % 3])),
       f"Open WebUI v0.3.x web-search query prompt ('Given the user's message...'), '{h['key']}'. Verbatim template; history rendering as ROLE: content assumed.")
for i, h in enumerate(pick_hist(3, need="next")):
    msgs = turns_to_msgs(h["turns"], h["next"])
    bg("open-webui", "query_generation", U(ow_fill(OW_SEARCHQ_V03B, msgs, prompt=h["next"], date=DATES_V03[(i + 1) % 3])),
       f"Open WebUI late v0.3.x search query prompt ('Assess the need for a web search...', from docs), '{h['key']}'. Verbatim template.")
for i, h in enumerate(pick_hist(4, need="next")):
    msgs = turns_to_msgs(h["turns"], h["next"])
    bg("open-webui", "query_generation", U(ow_fill(OW_QUERY_V04, msgs, date=DATES_V04[i % 3])),
       f"Open WebUI v0.4.x query generation (web_search/retrieval), '{h['key']}'. Verbatim from captured payload.")
for i, h in enumerate(pick_hist(8, need="next")):
    msgs = turns_to_msgs(h["turns"], h["next"])
    bg("open-webui", "query_generation", U(ow_fill(OW_QUERY_V05, msgs, date=DATES_V05[i % 6])),
       f"Open WebUI v0.5+ query generation, '{h['key']}'. Verbatim.")

# ------------------------------------------------------------------ Open WebUI: autocomplete
for i, h in enumerate(pick_hist(6, need="partial")):
    msgs = turns_to_msgs(h["turns"])
    typ = "Search Query" if i % 2 == 1 else "General"
    # General: the half-typed next chat message; Search Query: the half-typed web-search box text
    part = h["partial"] if typ == "Search Query" else (h["next"] or h["partial"])[: max(4, len(h["next"] or h["partial"]) * 3 // 5)]
    bg("open-webui", "autocomplete_generation", U(ow_fill(OW_AUTOCOMPLETE, msgs, typ=typ, partial=part)),
       f"Open WebUI autocomplete template, type={typ}, partial input '{part}' in '{h['key']}'. Verbatim.")
# first-message autocomplete (empty history)
for partial in ["国民健康保険の資格確認書", "Please translate the following"]:
    bg("open-webui", "autocomplete_generation", U(ow_fill(OW_AUTOCOMPLETE, [], typ="General", partial=partial)),
       "Open WebUI autocomplete on a new chat (empty <chat_history>). Verbatim.")

# ------------------------------------------------------------------ Open WebUI: emoji (call mode)
for sent in ["大雨警報が出ていますので、不要不急の外出は控えてください。",
             "お待たせしました！マイナンバーカードの受け取り予約が完了しました。",
             "申し訳ありませんが、その書類は本日の受付時間を過ぎています。",
             "おめでとうございます、出生届の手続きはこれですべて完了です。"]:
    bg("open-webui", "emoji_generation", U(ow_fill(OW_EMOJI, prompt=sent)),
       "Open WebUI emoji generation (voice/call mode) on an assistant sentence. Verbatim.")

# ------------------------------------------------------------------ Open WebUI: image prompt
IMG_HIST = [
    [("防災訓練のお知らせチラシを作っています。", "承知しました。日時・場所・持ち物・問い合わせ先を入れると分かりやすくなります。"),
     ("チラシに載せる、親子で避難訓練に参加しているイラストを作って。", None)],
    [("観光ポスターに使う「みなと朝市」の画像を生成してほしい。朝日と漁船と野菜の屋台が写っている感じで。", None)],
    [("Create an image for our city's sister-city exchange page: students from Japan and Australia planting a cherry tree together.", None)],
]
for hs in IMG_HIST:
    msgs = []
    for u, a in hs:
        msgs.append({"role": "user", "content": u})
        if a:
            msgs.append({"role": "assistant", "content": a})
    bg("open-webui", "image_prompt_generation", U(ow_fill(OW_IMAGE_PROMPT, msgs)),
       "Open WebUI image prompt generation (image generation toggled on). Verbatim (incl. the source typo 'am image').")

# ------------------------------------------------------------------ Open WebUI: MoA
MOA = [
    ("粗大ごみの処理券はどこで買えますか？",
     ["市内のコンビニエンスストアやスーパーなど、粗大ごみ処理券取扱店で購入できます。",
      "粗大ごみ処理券は、取扱店の表示があるコンビニ等で販売しています。市役所本庁舎では販売していません。",
      "処理券は取扱店で買えます。品目ごとに必要な枚数が異なるので、申込み時に確認してください。"]),
    ("What documents do I need to register my address after moving to Minato City?",
     ["You need your moving-out certificate, your residence card or passport, and your My Number Card if you have one.",
      "Bring the tenshutsu shomeisho from your previous city and an ID. Foreign residents should bring their residence card."]),
    ("児童手当の支給日はいつですか？",
     ["2024年10月分以降は、偶数月（2月・4月・6月・8月・10月・12月）にそれぞれ前月分までの2か月分を支給します。",
      "支給日は偶数月の10日頃です（土日祝の場合は前日）。"]),
]
for q, rs in MOA:
    bg("open-webui", "moa_response_generation", U(ow_fill(OW_MOA, prompt=q, responses=rs)),
       "Open WebUI 'merge responses' (MoA) when several models answered. Verbatim template.")

# ------------------------------------------------------------------ Open WebUI: admin customisations
OW_TITLE_JA = """### タスク:
チャット履歴を要約する、絵文字付きの簡潔なタイトル（10〜20文字程度）を作成してください。
### ガイドライン:
- タイトルは会話の主なテーマを明確に表すこと。
- 絵文字はテーマの理解を助けるものを使い、かぎ括弧や特殊な書式は使わないこと。
- タイトルは日本語で書くこと。
- 住民の氏名・住所などの個人情報はタイトルに含めないこと。
### 出力:
JSON形式: { "title": "ここに簡潔なタイトル" }
### 例:
- { "title": "🧾 住民税の納付方法" },
- { "title": "🗑️ 粗大ごみの出し方" },
- { "title": "介護保険の認定申請" }
### チャット履歴:
<chat_history>
{{MESSAGES:END:2}}
</chat_history>"""
for h in pick_hist(4):
    bg("open-webui", "title_generation", U(ow_fill(OW_TITLE_JA, turns_to_msgs(h["turns"][:1]))),
       f"ADMIN CUSTOMISATION (invented): Japanese translation of the Open WebUI v0.5 title template set in Admin > Interface; '{h['key']}'.")
OW_TITLE_V06_PLUS = OW_TITLE_V06.replace(
    "- Prioritize accuracy over excessive creativity; keep it clear and simple.\n",
    "- Prioritize accuracy over excessive creativity; keep it clear and simple.\n"
    "- タイトルは必ず日本語で出力し、個人名・住所・電話番号などの個人情報を含めないこと。\n")
for h in pick_hist(3):
    bg("open-webui", "title_generation", U(ow_fill(OW_TITLE_V06_PLUS, turns_to_msgs(h["turns"][:1]))),
       f"ADMIN CUSTOMISATION (invented): v0.6 title template with an added Japanese guideline line; '{h['key']}'.")
OW_TAGS_JA = OW_TAGS.replace(
    "- Prioritize accuracy over specificity\n",
    "- Prioritize accuracy over specificity\n- タグは日本語の行政分野名で出力すること（例：税務、福祉、防災、子育て、環境）\n")
for h in pick_hist(3):
    bg("open-webui", "tag_generation", U(ow_fill(OW_TAGS_JA, turns_to_msgs(h["turns"]))),
       f"ADMIN CUSTOMISATION (invented): tags template with an added line asking for Japanese administrative-domain tags; '{h['key']}'.")
OW_FOLLOWUP_POLITE = OW_FOLLOWUP_V2.replace(
    "- Use the conversation's primary language; default to English if multilingual.\n",
    "- Use the conversation's primary language; default to English if multilingual.\n"
    "- 市職員が窓口業務で使う想定で、丁寧語（です・ます調）の質問にすること。\n")
for h in pick_hist(3):
    bg("open-webui", "follow_up_generation", U(ow_fill(OW_FOLLOWUP_POLITE, turns_to_msgs(h["turns"]))),
       f"ADMIN CUSTOMISATION (invented): follow-up template with an added politeness line; '{h['key']}'.")
OW_QUERY_CITY = OW_QUERY_V05.replace(
    "- Always prioritize providing actionable and broad queries that maximize informational coverage.\n",
    "- Always prioritize providing actionable and broad queries that maximize informational coverage.\n"
    "- 市の制度に関する質問では、検索クエリに必ず「みなと市」を含めること。\n")
for i, h in enumerate(pick_hist(3, need="next")):
    msgs = turns_to_msgs(h["turns"], h["next"])
    bg("open-webui", "query_generation", U(ow_fill(OW_QUERY_CITY, msgs, date=DATES_V05[(i + 2) % 6])),
       f"ADMIN CUSTOMISATION (invented): query-generation template with an added 'include みなと市' line; '{h['key']}'.")


# ------------------------------------------------------------------ Open WebUI: context compaction
def ow_boundary(msgs, pct=20):
    keep = max(2, len(msgs) * pct // 100)
    return min(max(1, len(msgs) - keep), len(msgs) - 2)


for i, key in enumerate(["gomi_sodai", "hoiku_nyuen", "bousai_hinan", "tax_kotei"]):
    h = HIST[key]
    msgs = turns_to_msgs(h["turns"], h["next"])
    b = ow_boundary(msgs)
    prev = "" if i % 2 == 0 else "職員が制度の概要を質問し、アシスタントが要件と手続を説明した。"
    c = (OW_COMPACTION_V1.replace("{{PREVIOUS_SUMMARY}}", prev)
         .replace("{{COMPACTED_MESSAGES}}", ow_render(msgs[:b]))
         .replace("{{RECENT_MESSAGES}}", ow_render(msgs[b:])))
    bg("open-webui", "conversation_summary", U(c),
       f"Open WebUI context compaction (task 'context_compaction'), utils/context_compaction.py DEFAULT_CONTEXT_COMPACTION_PROMPT with compacted/recent transcripts of '{key}'. Verbatim.")
for i, key in enumerate(["kosodate_jidouteate", "akiya_tokutei"]):
    h = HIST[key]
    msgs = turns_to_msgs(h["turns"], h["next"])
    b = ow_boundary(msgs)
    prev = "" if i == 0 else "The user asked about municipal procedures; the assistant explained the requirements."
    out = [{"role": "system", "content": SYS_DEPLOY}] + msgs[:b] + U(OW_COMPACTION_V2.replace("{{PREVIOUS_SUMMARY}}", prev))
    bg("open-webui", "conversation_summary", out,
       f"Open WebUI context compaction, later variant (compacted messages sent as real chat turns + trailing summary prompt), '{key}'. Prompt verbatim from a stored open_webui/utils/context_compaction.py; inclusion of the system message inferred from the code comment.")

# ------------------------------------------------------------------ LibreChat
def lc_convo(u, a):
    return f'||>User:\n"{u}"\n||>Response:\n"{json.dumps(a, ensure_ascii=False)}"'


for h in pick_hist(4):
    u, a = h["turns"][0]
    c = LC_TITLE_LEGACY.replace("{text}", u).replace('"{response_json}"', '"' + json.dumps(a, ensure_ascii=False) + '"')
    bg("librechat", "title_generation", [{"role": "system", "content": c}],
       f"LibreChat early 2023 api/app/titleConvo.js title prompt (system role, indented ||> blocks), '{h['key']}'. Verbatim, old version.")
for h in pick_hist(4):
    u, a = h["turns"][0]
    bg("librechat", "title_generation", [{"role": "system", "content": LC_TITLE_FALLBACK.replace("{convo}", lc_convo(u, a))}],
       f"LibreChat OpenAIClient.titleConvo fallback prompt (system role), '{h['key']}'. Verbatim, older version; convo format as in later clients.")
for h in pick_hist(6):
    u, a = h["turns"][0]
    bg("librechat", "title_generation", [{"role": "system", "content": LC_TITLE_COMPLETION.replace("{convo}", lc_convo(u, a))}],
       f"LibreChat titleMethod 'completion': 'Please generate ' + titleInstruction (system role), '{h['key']}'. Verbatim (titleInstruction as in the stored titlePrompts.js, with emoji line).")
for h in pick_hist(3):
    u, a = h["turns"][0]
    bg("librechat", "language_detection", [{"role": "system", "content": LC_LANG_SYSTEM}, {"role": "user", "content": u}],
       f"LibreChat titlePrompts.js langPrompt — first step of the LangChain title chain, '{h['key']}'. Verbatim.")
for i, h in enumerate(pick_hist(4)):
    u, a = h["turns"][0]
    lang = "Japanese" if i % 2 == 0 else "日本語"
    bg("librechat", "title_generation",
       [{"role": "system", "content": LC_TITLE_CHAIN_SYSTEM.replace("{convo}", lc_convo(u, a))},
        {"role": "user", "content": f"Language: {lang}"}],
       f"LibreChat titlePrompts.js createTitlePrompt (system + 'Language:' human message), '{h['key']}'. Verbatim template; language value is what step 1 returned.")
for h in pick_hist(7):
    u, a = h["turns"][0]
    bg("librechat", "title_generation", U(LC_AGENTS_TITLE_STRUCTURED.replace("{convo}", f"User: {u}\nAI: {a}")),
       f"LibreChat agents endpoint, @librechat/agents title.ts defaultTitlePrompt (structured output; tool/schema omitted), '{h['key']}'. Verbatim.")
for h in pick_hist(5):
    u, a = h["turns"][0]
    bg("librechat", "title_generation", U(LC_AGENTS_TITLE_COMPLETION.replace("{convo}", f"User: {u}\nAI: {a}")),
       f"LibreChat agents endpoint, titleMethod completion (defaultCompletionPrompt), '{h['key']}'. Verbatim.")
LC_TITLE_CUSTOM = "以下の会話に、日本語で15文字以内の件名を付けてください。句読点やかぎ括弧は使わず、件名だけを出力してください。\n\n{convo}"
for h in pick_hist(3):
    u, a = h["turns"][0]
    bg("librechat", "title_generation", U(LC_TITLE_CUSTOM.replace("{convo}", f"User: {u}\nAI: {a}")),
       f"ADMIN CUSTOMISATION (invented): librechat.yaml titlePrompt in Japanese with the {{convo}} placeholder; '{h['key']}'.")

PREV_SUMMARIES = ["", "職員が制度の概要を質問し、AIが主な要件と手続の流れを説明した。",
                  "The human asked about municipal procedures and the AI explained the basic steps."]
for i, h in enumerate(pick_hist(4)):
    lines = "\n".join(f"Human: {u}\nAI: {a}" for u, a in h["turns"])
    c = LC_SUMMARY.replace("{summary}", PREV_SUMMARIES[i % 3]).replace("{new_lines}", lines)
    bg("librechat", "conversation_summary", U(c),
       f"LibreChat summaryPrompts.js SUMMARY_PROMPT (context strategy 'summarize'), '{h['key']}'. Verbatim template; Human/AI prefixes assumed.")
for h in pick_hist(2):
    text = "\n".join(f"{u}\n{a}" for u, a in h["turns"])
    text = text[: max(60, len(text) * 2 // 3)]
    bg("librechat", "conversation_summary", U(LC_CUTOFF.replace("{new_lines}", text)),
       f"LibreChat summaryPrompts.js CUT_OFF_PROMPT on a truncated message, '{h['key']}'. Verbatim.")

for i, h in enumerate(pick_hist(4)):
    vk = "\nVALID KEYS: work_info, preferences, personal_info" if i % 2 else ""
    tl = "\nTOKEN LIMIT: Maximum 2000 tokens per memory value." if i % 2 else ""
    instr = LC_MEMORY_INSTRUCTIONS.replace("{valid_keys_block}", vk).replace("{token_limit_block}", tl)
    status = ("# Existing memory:\nwork_info: The user works in the Tax Division of Minato City Hall." if i % 2
              else "# Existing memory:\nNo existing memories")
    turns = list(h["turns"][-2:])
    if i == 3:
        turns = turns + [("覚えておいて：私は今年度から介護保険課に異動しました。", "承知しました。")]
    msgs = [{"role": "system", "content": instr + "\n\n" + status}] + turns_to_msgs(turns)
    if msgs[-1]["role"] == "assistant":
        msgs = msgs[:-1]
    bg("librechat", "memory_update", msgs,
       f"LibreChat memory agent: memory.ts getDefaultInstructions + memoryStatus as system; recent messages of '{h['key']}'. Instructions verbatim; how system/additional instructions are joined and which window is sent is inferred.")

for h in [HIST["hoiku_nyuen"], HIST["gomi_sodai"], HIST["jinji_kenshu"]]:
    msgs = [{"role": "system", "content": SYS_DEPLOY}] + turns_to_msgs(h["turns"]) + [{"role": "user", "content": LC_AGENTS_CHECKPOINT}]
    bg("librechat", "conversation_summary", msgs,
       f"LibreChat agents context compaction: @librechat/agents DEFAULT_SUMMARIZATION_PROMPT appended after the conversation of '{h['key']}'. Prompt verbatim; message layout (system + history + prompt as last user turn) inferred from summarizeWithCacheHit.")

# ------------------------------------------------------------------ Dify
def dify_hist(turns):
    return "\n".join(f"Human: {u}\nAssistant: {a}" for u, a in turns)


for h in pick_hist(4):
    q = h["turns"][0][0]
    bg("dify", "conversation_naming", U(DIFY_TITLE_2023.replace("{query}", q)),
       f"Dify 2023 CONVERSATION_TITLE_PROMPT ('Human:{{query}} ... title:'), '{h['key']}'. Verbatim, old version.")
for h in pick_hist(8):
    q = h["turns"][0][0].replace("\n", " ")
    bg("dify", "conversation_naming", U(DIFY_TITLE_2024 + q + "\n"),
       f"Dify 2024-2025 CONVERSATION_TITLE_PROMPT (subject/intention, 6 examples) + query, '{h['key']}'. Verbatim, older version.")
for h in pick_hist(8):
    q = h["turns"][0][0].replace("\n", " ")
    bg("dify", "conversation_naming", U(DIFY_TITLE_2025 + q + "\n"),
       f"Dify current CONVERSATION_TITLE_PROMPT (Intention/Subject, JSON keys) + query, '{h['key']}'. Verbatim.")
for ver, fi, n in [("2023", DIFY_SQ_2023, 3), ("2024a", DIFY_SQ_2024A, 3), ("2024b", DIFY_SQ_2024B, 4), ("2025", DIFY_SQ_2025, 5)]:
    for h in pick_hist(n):
        c = DIFY_SQ_WRAPPER.replace("{histories}", dify_hist(h["turns"][-3:])).replace("{format_instructions}", fi)
        bg("dify", "suggested_questions", U(c),
           f"Dify suggested questions after answer, instruction version {ver}, histories of '{h['key']}'. Verbatim.")
for h in pick_hist(2):
    bg("dify", "conversation_summary", U(DIFY_SUMMARY_2023.replace("{context}", dify_hist(h["turns"]))),
       f"Dify 2023 CONVERSATION_SUMMARY_PROMPT, '{h['key']}'. Template verbatim; context formatting inferred.")

# ------------------------------------------------------------------ LobeChat
def lobe_conv(turns):
    return "\n".join(f"user: {u}\nassistant: {a}" for u, a in turns)


for h in pick_hist(2):
    bg("lobechat", "title_generation",
       [{"role": "system", "content": LOBE_TITLE_ZH_SYS},
        {"role": "user", "content": lobe_conv(h["turns"]) + LOBE_TITLE_ZH_USER_TAIL.replace("{locale}", "ja-JP")}],
       f"LobeChat early chainSummaryTitle (Chinese prompt), '{h['key']}'. Verbatim, old version.")
for h in pick_hist(2):
    bg("lobechat", "title_generation",
       [{"role": "system", "content": LOBE_TITLE_EN10_SYS},
        {"role": "user", "content": lobe_conv(h["turns"]) + LOBE_TITLE_EN10_USER_TAIL.replace("{locale}", "ja-JP")}],
       f"LobeChat chainSummaryTitle (English, 'within 10 characters'), '{h['key']}'. Verbatim, old version.")
for h in pick_hist(3):
    bg("lobechat", "title_generation",
       [{"role": "system", "content": LOBE_TITLE_PRO_SYS.replace("{locale}", "ja-JP")},
        {"role": "user", "content": lobe_conv(h["turns"])}],
       f"LobeChat chainSummaryTitle ('professional conversation summarizer'), '{h['key']}'. Verbatim.")

# ======================================================================== staff look-alikes
S = lambda c: {"role": "system", "content": c}
Us = lambda c: {"role": "user", "content": c}
A = lambda c: {"role": "assistant", "content": c}

# --- titles for their own documents
staff([Us("次の起案文書に、30文字以内の件名を3案考えてください。\n\n本市では、令和8年度から粗大ごみのインターネット受付を24時間化し、あわせてキャッシュレス決済による手数料納付を開始する。ついては、関係規則の改正及び委託契約の変更を行いたい。")],
      "Staff asks for a title (件名) for a draft document they pasted.")
staff([S(SYS_DEPLOY), Us("議事録のファイル名を付けたいです。内容は「第2回 みなと市地域公共交通会議（デマンド交通の実証運行について）」です。日付を先頭にした形式で、短めにお願いします。")],
      "Staff asks for a file name/title; deployment system prompt present.")
staff([Us("Give me a catchy 3-5 word title with an emoji for our city's English newsletter article about the new recycling rules for plastic.")],
      "Staff, English, wording close to Open WebUI's title template ('3-5 word title with an emoji') but for their own article.")
staff([Us("広報紙の特集記事の見出しを考えてほしい。テーマは「空き家を地域の資源に」。読者は高齢の方が多いので、分かりやすい言葉で5案。")],
      "Staff asks for headlines for a newsletter feature.")
staff([Us("以下のチャットのやり取りを報告書に貼るので、タイトルを一つだけ付けてください。JSONで {\"title\": \"...\"} の形で返して。\n\nUSER: 期日前投票の宣誓書って何を書くの？\nASSISTANT: 期日前投票をする理由に該当することを宣誓するものです。")],
      "Hard negative: staff pastes a USER:/ASSISTANT: log and asks for a JSON title, like Open WebUI's template — but typed by staff for a report.")
staff([Us("スライドの表紙タイトル案：『生成AI利活用ガイドライン（職員向け）改訂のポイント』をもっと短く、インパクトのある表現にして。")],
      "Staff shortens a slide title.")

# --- summaries of pasted logs
staff([Us("窓口での対応記録です。300字程度に要約して、課内共有用にしてください。\n\n職員：本日はどのようなご用件でしょうか。\n市民：父が亡くなって、国民健康保険と介護保険の手続きをしたいんですが。\n職員：ご愁傷様でございます。国保の資格喪失の届出と、保険証・資格確認書の返却、介護保険被保険者証の返却が必要です。葬祭費の申請もできます。\n市民：葬祭費って何ですか。\n職員：国保加入者が亡くなった場合、葬儀を行った方に5万円を支給する制度です。会葬礼状や領収書など、喪主が分かる書類をお持ちください。\n市民：今日は持ってきていないので、また来ます。")],
      "Staff pastes a counter-service transcript and asks for a summary.")
staff([Us("Summarize the following conversation between a resident and our chatbot in 3 bullet points for the monthly report.\n\nUser: How do I get a parking permit for my street?\nAssistant: Residential parking permits are not issued by the city. Please check with the police station for garage certificates.\nUser: OK, what about a permit for a moving truck?\nAssistant: For temporary road use, apply for a road use permit at the police station.")],
      "Staff, English, asks to summarize a pasted chatbot log — same task as a background summary but typed.")
staff([S(SYS_DEPLOY), Us("ここまでの会話を、上司に報告するためにA4半分くらいにまとめて。"),],
      "Staff in a chat with only a system prompt asks to summarise 'the conversation so far' (nothing to summarise — still staff).")
staff([S(SYS_DEPLOY),
       Us("生活保護の申請で扶養照会を拒否された場合の対応を教えて。"),
       A("扶養照会は保護の要件ではないため、申請者が照会を望まない事情がある場合は、その理由を丁寧に聴き取り、照会の要否を個別に判断します。DVや虐待がある場合などは照会しない取扱いです。"),
       Us("ありがとう。今のやり取りを、ケース記録に転記できるように3行で要約して。")],
      "Staff asks inside the chat to summarise the preceding exchange for a case record.")
staff([Us("以下の会議メモを「決定事項」「宿題」「次回日程」に分けて整理してください。\n・防災訓練は10月第2日曜に決定\n・避難所の受付に多言語対応タブレットを2台配置（国際交流課が手配）\n・次回は9月5日14時\n・ペット同行避難の区画は検討中、危機管理課が案を作る")],
      "Staff structures meeting notes.")
staff([Us("次の住民からの苦情メールを、要点だけ箇条書きにしてください。\n\n件名：ごみ集積所について\n毎週のように集積所にカラスが来て、ごみが散らかっています。ネットが古くて穴が空いているので交換してほしい。あと、分別されていない袋に貼られる警告シールがそのまま何日も放置されていて景観が悪いです。")],
      "Staff summarises a resident's complaint email.")
staff([Us("Open WebUIのチャット履歴をエクスポートしたら次のようなJSONになった。中身を日本語で要約して。\n\n[{\"role\":\"user\",\"content\":\"軽自動車税の減免の期限は？\"},{\"role\":\"assistant\",\"content\":\"納期限の7日前までです。\"}]")],
      "Hard negative: staff pastes an exported chat JSON and asks for a summary.")
staff([Us("この長いメール、要するに何を頼まれているのか一文で教えて。\n\n「お世話になっております。先日ご依頼いただきました、地域包括支援センターの運営状況調査につきまして、提出期限を当初の10月末から11月15日に延長いたします。ただし、様式2の記載内容に変更がありますので、改めて最新の様式をご使用いただきますようお願い申し上げます。」")],
      "Staff asks for a one-sentence gist of an email.")

# --- tags / keywords
staff([Us("次のお知らせ記事に、ホームページのタグを3〜5個付けて。JSONの配列で返してください。\n\n「令和8年度 国民健康保険税の税率改定について：医療分の所得割を7.2%から7.5%に改定します。」")],
      "Staff asks for tags in JSON for a web article (looks like the tags task).")
staff([Us("Generate 1-3 broad tags and 1-3 specific tags for this press release about our city's new bilingual disaster app. Output as JSON {\"tags\": [...]}.\n\nMinato City launches 'Minato Bousai Navi', an app that delivers evacuation alerts in Japanese and English.")],
      "Hard negative: staff reuses wording like Open WebUI's tag template for their own press release.")
staff([Us("議会だよりの記事から検索用キーワードを10個抜き出して、カンマ区切りで。\n\n「一般質問では、空き家対策、通学路の安全確保、学校給食費の無償化について質疑が行われました。」")],
      "Staff extracts keywords.")
staff([Us("庁内の文書管理システムに登録する分類タグを提案してほしい。文書は『令和7年度 ふるさと納税返礼品事業者募集要項』。")],
      "Staff asks for classification tags for a document.")
staff([Us("このFAQを分類するならどのカテゴリ？ 候補：税、福祉、子育て、環境、くらし\nQ. 犬の登録はどこでできますか？")],
      "Staff classifies an FAQ item.")
staff([Us("SNS投稿用のハッシュタグを5つ考えて。投稿内容：みなと朝市、今週日曜は旬のアジが大漁です！")],
      "Staff asks for hashtags.")

# --- follow-up / survey questions
staff([Us("子育て支援に関する市民アンケートを作っています。「一時預かりを利用したことがある」と答えた人への追加質問を3つ考えてください。")],
      "Staff asks for follow-up questions for a survey.")
staff([Us("Suggest 3-5 follow-up questions we could ask residents in a focus group after they say they have trouble sorting garbage.")],
      "Staff, English, 'suggest 3-5 follow-up questions' — wording close to Open WebUI follow-up template, but for a focus group.")
staff([Us("市民向け説明会で出そうな質問を予想して、5つ挙げてください。テーマは水道料金の改定です。")],
      "Staff predicts likely questions for a briefing (resembles Dify suggested-questions).")
staff([Us("インタビュー調査で、介護者の方に聞く深掘り質問を考えてほしい。最初の質問は『介護で一番大変なことは何ですか』です。")],
      "Staff asks for probing interview questions.")
staff([S(SYS_DEPLOY),
       Us("保育園の入園選考について説明資料を作った。"),
       A("お疲れさまです。資料の内容を共有いただければ、分かりやすさの観点から確認します。"),
       Us("保護者がこの資料を読んだあとに聞いてきそうな質問を3つ、20文字以内で出して。JSON配列で。")],
      "Hard negative: like Dify suggested questions (3, under 20 chars, JSON array) but typed by staff mid-chat.")

# --- search queries for own research
staff([Us("宿泊税の導入事例を調べたい。Google検索で使える検索クエリを3つ作って。")],
      "Staff asks for search queries for their own research.")
staff([Us("Generate 3 search queries I can use to find academic papers on participatory budgeting in Japanese municipalities. Return JSON {\"queries\": [...]}")],
      "Hard negative: staff asks for queries in the same JSON shape as Open WebUI query generation.")
staff([Us("国の通知を探しています。「生活保護 扶養照会 運用 見直し 通知」で検索しても出てこない。どういうキーワードで探せばいい？")],
      "Staff asks for better search keywords.")
staff([Us("e-Govで条文を探したい。ごみの不法投棄の罰則が書いてある法律名と条番号の調べ方を教えて。")],
      "Staff asks how to search legislation.")
staff([Us("次の質問に答えるためにウェブ検索が必要かどうか判断して、必要なら検索語を出して：『2026年の参議院選挙の期日前投票期間はいつから？』")],
      "Hard negative: staff asks the model to decide whether a search is needed (like the query-generation task).")

# --- emoji
staff([Us("庁内報の各記事タイトルの頭に付ける絵文字を選んで。\n1. 防災訓練のお知らせ\n2. 健康診断の日程\n3. 新任職員紹介\n4. 省エネのお願い")],
      "Staff asks for emoji for newsletter headings.")
staff([Us("市の公式LINEで送る『大雨に注意してください』というメッセージに合う絵文字を3つ提案して。")],
      "Staff asks for emoji for a LINE message.")
staff([Us("この文章を読んだ人がどんな表情になりそうか、絵文字1つで表して：「本日、市役所本庁舎は停電のため臨時休庁とします。」")],
      "Hard negative: similar to Open WebUI's emoji task (facial expression as emoji) but typed by staff.")
staff([Us("Slackのリアクションに使う、『確認しました』の意味の絵文字のおすすめは？")],
      "Staff asks for a reaction emoji.")

# --- JSON output / extraction
staff([Us("次の申請内容から、氏名・申請日・申請種別を抜き出してJSONで出力して。個人名は「〇〇」に置き換えて。\n\n申請日：2026年4月3日　申請種別：児童手当認定請求　申請者：〇〇")],
      "Staff asks for JSON extraction.")
staff([Us("Convert this list of evacuation shelters into JSON with keys name, capacity, pet_allowed.\n- Minato Elementary School, 450, yes\n- Central Community Center, 200, no")],
      "Staff, English, JSON conversion.")
staff([Us("以下の問い合わせを分類して、{\"category\": \"...\", \"urgency\": \"high|mid|low\"} の形式だけで返して。\n\n「家の前の道路に大きな穴が開いていて、自転車が転倒しそうになりました」")],
      "Staff asks for JSON classification; strict output format like task prompts.")
staff([Us("CSVの列名を英語のスネークケースに変換して、JSONのマッピングで返してください。\n列名：世帯番号,続柄,生年月日,転入日")],
      "Staff asks for a JSON mapping.")
staff([Us("Respond only in JSON. Which of these are personal information under the APPI? [\"氏名\", \"住所\", \"年齢層\", \"マイナンバー\", \"市区町村名\"]")],
      "Staff, English instruction 'Respond only in JSON'.")
staff([Us("次の文章の続きを自然に書いて、JSONで { \"text\": \"...\" } の形で返してください。\n\n本市では、誰もが安心して暮らせるまちづくりを目指し、")],
      "Hard negative: staff asks for a continuation in the same JSON shape as Open WebUI autocomplete.")

# --- continuation / autocomplete-like
staff([Us("挨拶文の続きを書いて：「新緑の候、皆様におかれましては益々ご清祥のこととお慶び申し上げます。さて、」")],
      "Staff asks for a continuation of a greeting letter.")
staff([Us("議会答弁の書き出しだけある。続きを100字で：「ご質問の通学路の安全対策についてお答えいたします。」")],
      "Staff asks for a continuation of an answer draft.")

# --- image prompts typed by staff
staff([Us("画像生成AIに渡すプロンプトを英語で作ってほしい。内容：ごみの分別を呼びかける、やさしいタッチの子ども向けイラスト。")],
      "Staff asks for an image-generation prompt (typed).")
staff([Us("Write a detailed prompt for an image generator: a poster of Minato City's summer festival with fireworks over the harbor, in watercolor style.")],
      "Staff, English, image prompt request — close to Open WebUI image-prompt task but typed.")

# --- language detection / translation
staff([Us("この問い合わせメールは何語ですか？ 返信はその言語で書いてください。\n\nXin chào, tôi muốn hỏi về thủ tục đăng ký cư trú.")],
      "Staff asks for language detection + reply.")
staff([Us("Detect the language of the following text and translate it into Japanese: 'Bonjour, je voudrais savoir comment obtenir un certificat de résidence.'")],
      "Staff, English, language detection + translation (like LibreChat langPrompt).")

# --- in-chat 'title this conversation'
staff([S(SYS_DEPLOY),
       Us("空き家の略式代執行の費用回収について教えて。"),
       A("所有者が判明しない場合の略式代執行では、費用を所有者に請求できないことが多く、後に所有者が判明した場合に請求します。財産管理制度を使い、売却代金から回収する方法もあります。"),
       Us("このチャットを後で探しやすいように、タイトルを付けるとしたら何がいい？")],
      "Staff asks in-chat for a title for this chat — typed, not the UI's background call.")
staff([S(SYS_DEPLOY),
       Us("水道の漏水減免の申請書の書き方を教えて。"),
       A("申請書には、お客様番号、漏水箇所、修理日、修理業者名を記入し、修理業者の証明欄に記入・押印してもらいます。"),
       Us("ありがとう。この会話の内容をタグ付けして保存したいので、タグを3つ。")],
      "Staff asks in-chat for tags for the conversation.")
staff([S(SYS_DEPLOY),
       Us("選挙ポスター掲示場の撤去はいつまで？"),
       A("選挙期日後、速やかに撤去します。具体的な期限は選挙管理委員会の作業計画で定めます。"),
       Us("次に聞くべきことを3つ提案して。")],
      "Staff asks in-chat for suggested next questions (like follow-ups) — typed.")
staff([S(SYS_DEPLOY),
       Us("Can you summarize what we discussed about the sister-city exchange so far?"),],
      "Staff, English, asks for a summary of 'what we discussed' in a new chat.")
staff([Us("これまでのやり取りを踏まえて、来週の打合せで使うアジェンダにしてください。\n\n前回：介護認定の調査員不足について議論。委託先を増やす案、ICTで調査票入力を効率化する案が出た。")],
      "Staff turns notes into an agenda.")

# --- memory-like typed requests
staff([S(SYS_DEPLOY), Us("覚えておいてほしいんだけど、私は税務課の固定資産税担当です。今後は税務の観点で答えてください。")],
      "Staff asks the assistant to remember their role (memory-like, but typed).")
staff([Us("Please remember that our division's reports always use the format: 結論→理由→今後の対応.")],
      "Staff, English, 'please remember' instruction.")

# --- asking about the templates themselves
staff([Us("Open WebUIの管理画面にある「タイトル生成プロンプト」の初期値って、どんな内容？ 日本語に変えたいので例を見せて。")],
      "Staff/admin asks about the title-generation prompt setting (mentions the task but is a typed question).")
staff([Us("次のプロンプトを日本語に訳して、意味を説明してください。\n\n### Task:\nGenerate 1-3 broad tags categorizing the main themes of the chat history, along with 1-3 more specific subtopic tags.")],
      "Hard negative: staff pastes the start of Open WebUI's tag template and asks for a translation/explanation.")
staff([Us("DifyのチャットボットでSuggested questions after answerをオンにしたら、どんなプロンプトがLLMに送られるの？")],
      "Staff asks how Dify's suggested questions work.")

# --- misc lookalikes
staff([Us("次の住民の質問に対する回答案を3つのモデルに作らせた。いちばん正確なものを選び、必要なら統合して1つの回答にまとめて。\n\n質問：犬の狂犬病予防注射はどこで受けられますか？\n回答A：市内の動物病院で受けられます。\nB：4月の集合注射会場か動物病院で受けられます。\nC：保健所で受けられます。")],
      "Hard negative: staff asks to synthesise several model answers (like Open WebUI MoA) — typed.")
staff([Us("会議の録音の文字起こしが途中で切れています。切れていることを前提に、分かる範囲で要約して。\n\n…というわけで、来年度の予算要求では、デマンド交通の運行エリアを北部地区に拡大する方向で、ただし財源として国の補助金が使えるかどうかを")],
      "Hard negative: like LibreChat's cut-off summary prompt, but a staff request.")
staff([Us("「住民票の写し」と「住民票記載事項証明書」の違いを、窓口で30秒で説明できるようにまとめて。")],
      "Ordinary staff question.")
staff([Us("来月の庁内研修の案内メールを書いて。件名も付けて。テーマ：個人情報保護と生成AI。")],
      "Staff asks for an email with a subject line.")
staff([Us("この一文を、10文字以内の見出しにして：『令和8年4月から、国民健康保険の資格確認書が郵送されます』")],
      "Staff shortens a sentence to a heading of 10 characters (like LobeChat's title limit).")
staff([S(SYS_DEPLOY),
       Us("ごみ分別アプリの英語版の説明文を作りたい。"),
       A("承知しました。アプリの主な機能（品目検索、収集日カレンダー、通知）を教えていただければ、英語の説明文を作成します。"),
       Us("品目検索、収集日カレンダー、前日通知の3つです。100 words以内で。")],
      "Staff multi-turn drafting request.")
staff([Us("Write a one-line subject for an email asking the Tax Division to confirm the 2026 residence tax schedule.")],
      "Staff, English, subject line.")
staff([Us("以下の市民の声を、ポジティブ・ネガティブ・中立に分類し、それぞれ件数を数えて。\n・窓口の対応が丁寧だった\n・待ち時間が長い\n・駐車場が狭い\n・オンライン申請が便利になった")],
      "Staff sentiment classification.")
staff([Us("チャットボットの回答ログを分析しています。「ユーザーが次に聞きそうな質問」を予測する機能を作りたいので、どういうプロンプトを書けばいいか案を出して。")],
      "Staff designs a follow-up-suggestion prompt (meta request).")
staff([Us("市長の年頭あいさつ（約2000字）を、ホームページのトップに載せる要約（100字）にしてください。\n\n（本文）新年あけましておめでとうございます。昨年は、市制施行70周年の節目の年として、多くの市民の皆様とともに記念事業を実施することができました。本年は、子育て世代の定住促進と、防災・減災の取組をさらに加速させてまいります。……")],
      "Staff summarises a speech.")
staff([Us("次の英文のメールに、日本語で件名を付けて内容を3行で要約して。\n\nDear Minato City International Office, We are planning a delegation visit from Portside City in March and would like to discuss the schedule and the homestay program.")],
      "Staff, mixed English/Japanese: title + summary for an email.")
staff([Us("道路占用許可申請の受付チェックリストを作って。チェック項目ごとに絵文字（✅など）を付けて見やすく。")],
      "Staff asks for a checklist with emoji.")
staff([Us("Translate this chat title into Japanese: '📅 Early Voting Procedures'")],
      "Staff, English: translate a chat title (looks like a title task output).")
staff([Us("「要介護認定」に関連する市民向けFAQの質問文だけを10個、短く作って。")],
      "Staff asks for FAQ question list (resembles suggested questions).")
staff([Us("この1行だけでチャットの名前を付けるとしたら？→『国保の軽減判定で所得未申告の世帯の扱い』")],
      "Staff asks to name a chat from one line (resembles Dify conversation naming).")

# ======================================================================== output
def main():
    import os
    recs = list(RECORDS)
    random.Random(6).shuffle(recs)
    out = []
    for i, r in enumerate(recs, 1):
        o = {"id": f"c6-{i:03d}", "messages": r["messages"], "category": r["category"]}
        if r["category"] == "background":
            o["ui"] = r["ui"]
            o["task"] = r["task"]
        o["note"] = r["note"]
        out.append(o)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "requests.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    from collections import Counter
    c = Counter((o["category"], o.get("ui", "-"), o.get("task", "-")) for o in out)
    for k in sorted(c):
        print(k, c[k])
    print("total", len(out), Counter(o["category"] for o in out))
    print("custom", sum(1 for o in out if "ADMIN CUSTOMISATION" in o["note"]))


if __name__ == "__main__":
    main()
