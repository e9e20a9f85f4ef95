"""Word lists the PERSON detector reads: words that look like names but are not, and words around names."""

from __future__ import annotations

import re
from typing import Final

# The words that call a person by name (山田さん, 湊くん, 森氏); none is the start of another.
CALLS: Final = ("さん", "様", "さま", "くん", "君", "ちゃん", "氏", "殿")
# One of them or 先生 right after a word, a space allowed between (山田 様, 上野さん): a person called by name.
CALLED_AFTER_RE: Final = re.compile(rf"[ \u3000]?(?:{'|'.join((*CALLS, '先生'))})")

# Words that take さん/様 but name nobody (お客さん, 皆様 …).
NOT_NAMES: Final = frozenset(
    (
        "橋長 宮司 施主 "  # a bridge's length (a table's column), a shrine's priest, a builder's client: said with さん, no one's name
        "皆 皆さん みな みんな お客 客 奥 お母 お父 母 父 兄 姉 弟 妹 お兄 お姉 お嬢 坊 お子 子 娘 息子 赤 おばあ おじい おじ おば ばあ じい 神 仏 王 殿 あなた "
        "貴方 皆々 各位 関係者 担当者 利用者 申請者 相談者 職員 市民 住民 先方 相手 患者 本人 ご本人 家族 ご家族 保護者 お隣 隣 学生 生徒 "
        # a column's header in katakana, and words the dictionary also lists as names (整文 of minutes)
        "シメイ ｼﾒｲ フリガナ ｶﾅ 整文 近隣住民 友人 ちょう ちょうめ "
        # what a relation's or a role's slot holds instead of a name (夫：日本人, （協力隊）, 防災担当（役場）)
        "日本人 外国人 旧氏 旧姓 要件 保護要件 ケバ 農業 協力隊 役場 役所 船長代理 船長 機関長 甲板員 トング "
        "通訳同席 通訳同行 空欄 未記入 記入なし 日目 本人と ボランティア 雇用主 紹介医 匿名希望 匿名 氏名不詳 名義 先名義 長宅 行先 行き先 希望 学年 佐藤錦 水見 "
        # a table's "ditto" and what a hearsay clause ends with (…に住んでいるとのことです)
        "同左 同上 同右 同前 とのこと "
        # times a counter is open (（夜間・休日は…）)
        "夜間 休日 平日 土日 祝日 早朝 深夜 "
        # a place or a task that opens a line before a role (センター担当：, クラブ支援員：, 申請に同行)
        "センター クラブ 同行 "
        # a business or an office's desk called by its kind (会社さんから, 庶務担当へ)
        "会社 業者 庶務 大家 既 "
        # who runs a nursery or a school, a way of reading, a work pattern, a month of fasting, a cell of a
        # timetable, a disability class's name, a program (（私立）, 指数の見方, 母フルタイム, 巡回, Excel)
        "私立 公立 市立 県立 国立 町立 村立 見方 フルタイム パート ラマダン 巡回 言語障害 Excel Tôi "
        # a course's term, a room in a list of rooms, "every week" in easy Japanese
        "春期 夏期 秋期 冬期 前期 後期 ホール まいしゅう まいにち まいつき まいあさ "
        # an office's desk by its short name (住記担当, 住記の履歴), a boat's owner, a class's kind (通級指導教室（情緒）)
        "住記 船主 情緒 "
        # who holds an account or a contract when no person does, and a member chosen by open call (委員（公募）)
        "会社名義 法人名義 公募 "
        # a desk's business, a service's short name, a line's kind, oneself (手帳・手当係, 放デイ, 直通, 私自身)
        "手帳 放デイ 直通 私自身"
    ).split()
)

# A company's legal form right before a word makes it the company's name (株式会社マルゴ).
COMPANY_FORMS: Final = frozenset(
    {"株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "社団法人", "財団法人", "学校法人", "医療法人"}
)

# What may come right before a clause's subject (「ヘルムは…」 opens a clause after 、 or 。).
CLAUSE_OPENERS: Final = frozenset({"、", "。", "「", "『", "(", "（", "\n", " ", "　", "が", "は", "と", "に", "も"})

# Nouns after 「Xの」 that only a person has.
RELATIONS: Final = frozenset(
    (
        "息子 娘 妻 夫 父 母 兄 弟 姉 妹 長男 長女 次男 次女 孫 祖父 祖母 叔父 叔母 伯父 伯母 甥 姪 後任 前任 代理人 秘書 弟子 師匠 "
        "遺族 遺体 葬儀 死後 死去 生涯 自伝 伝記 肖像 銅像 愛人 恋人 婚約者 夫人 未亡人 子孫 子供 子ども 没後 生誕 誕生日 妻子 両親 "
        "父親 母親 兄弟 姉妹 側近 後継者 友人 親友 盟友 政敵 恩師 教え子 代役 発言 証言 著書 回顧録"
    ).split()
)

# Characters after a title word that make it part of another word (選手権, 作品, 王朝, 国立, ウツタイン様式).
NOT_AFTER_TITLE: Final = frozenset("権品朝国國立室冠座所場割年号会団館戦家業曲式")

# Last characters of temple, shop and tomb names (東大寺, 白木屋, 陵, 堂), rarely people alone.
PLACE_ENDINGS: Final = frozenset("寺屋陵堂")

# Last characters of nouns naming a person's role (哲学者, 作家, 歌手, 会社員, 医師, 弁護士, 外交官, 女優, 詩人).
ROLE_ENDINGS: Final = frozenset("者家手員師士官優人")

# Relatives: the one list of kin words every stage uses (長男 颯真, 妻の美香, 叔父 健一, 長女さつき).
RELATIVES: Final = frozenset(
    "夫 妻 元夫 元妻 前夫 前妻 後妻 内縁 妻子 長男 長女 次男 次女 三男 三女 四女 息子 娘 子 子ども 子供 "
    "父 母 父親 母親 義父 義母 祖父 祖母 孫 兄 姉 弟 妹 叔父 伯父 叔母 伯母".split()
)

# Kin words the dictionary also lists as given names (元夫 もとお, 妻 …): alone, they are the relation.
KIN_WORDS: Final = RELATIVES - frozenset("後妻 妻子 四女 子ども 子供 父親 母親 叔父 伯父 叔母 伯母".split())

# Relatives and roles that come right before a name (父ヴィッサリオン, 王子カロル, MFロリック・カナ).
KIN_ROLES: Final = KIN_WORDS | {"後妻"} | frozenset(
    "王子 王女 王妃 酋長 通訳 主人公 ドラマー ギタリスト ベーシスト ボーカリスト MF FW DF GK".split()
)

# Katakana nouns that follow a role word as the thing it has, not as a name (参加者リスト, 利用者データ).
NOT_AFTER_ROLE: Final = frozenset("リスト データ ファイル シート カード アンケート コード メール アドレス グループ チーム".split())

# Honorifics naming a group, which come after names, not before them (ガンビーノ一家のアンダーボス).
GROUPS: Final = frozenset({"一家", "夫妻", "兄弟", "姉妹", "親子", "父子", "母子"})

# Words ending in a role character that name no role (国家, 一家, 個人 …).
NOT_ROLES: Final = frozenset(
    {"国家", "一家", "住人", "法人", "個人", "他人", "本人", "万人", "数人", "人", "業者"}
    | {"消費者", "事業者", "高齢者", "障害者", "障がい者", "若者", "第三者", "関係者"}  # 消費者ホットライン
)

# Occupations and circumstances written where a relative's name would go (妻（パート）, 長男 会社員).
CIRCUMSTANCES: Final = frozenset(
    "パート アルバイト 会社員 公務員 自営業 無職 主婦 学生 大学生 高校生 中学生 小学生 園児 同居 別居 死亡 入院中".split()
)

# Words in a name's place that are not names (長男 会社員（45歳）, 妻 パート).
NOT_IN_NAME_SLOTS: Final = CIRCUMSTANCES | frozenset(
    "不明 なし 未定 本人 同上 在宅 施設入所 単身赴任 年金 生活 担当 事務局 不在 以下 同様 内線 外線 直通 代表".split()
)

# Last words of sections and organisations, which a name slot may hold instead of a name (福祉課, 包括センター).
ORG_ENDINGS: Final = ("課", "係", "室", "部", "局", "所", "センター", "会社", "事業所", "病院", "園", "会", "組合")

# Plain nouns that fill a person's slot without naming anyone (担当：窓口, 記録：本人, 受付：電話).
SLOT_WORDS: Final = frozenset(
    (
        "窓口 書面 自宅 現地 庁内 当日 後日 全員 各自 双方 当方 先方 上司 同僚 家庭 学校 職場 施設 病院 地域 地区 全体 "
        "文書 書類 口頭 電話 手紙 郵送 持参 代理 代筆 複数 未定 調整 一同 有志 匿名 多数 若干 別紙 別添 下記 上記 前回 次回"
    ).split()
)

# Words before a title that name a field, not a person (児童福祉司, 社会福祉主事, 地域支援員).
FIELDS: Final = frozenset(
    (
        "児童 社会 福祉 教育 学校 地域 生活 家庭 保育 医療 介護 保健 看護 総務 市民 財政 企画 環境 都市 建設 道路 "
        "住宅 農林 商工 観光 防災 消防 議会 会計 人事 情報 政策 経営 行政 保護 障害 高齢 文化 国際 交流 管理 税務 "
        "収納 国保 年金 戸籍 住民 子育て こども 子ども 家族 発達 訪問 相談 支援 地区 民生 主任 副 担当 当番 広報 "
        "監査 選挙 契約 管財 土木 水道 下水道 上下水道 病院 薬局 施設 事業 事務 技術 専門 臨床 精神"
    ).split()
)

# The commonest Chinese family names (simplified and traditional), each one character.
ZH_FAMILY: Final = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪"
    "庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商"
    "刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜"
    "海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "張劉陳楊黃趙吳許韓馮鄧蔣蘇呂盧鍾譚陸鄒龔錢嚴顏聶魯單閻韋賈龍賀顧羅鄭謝"
)

# English words that open a speaker's sentence after a label (Caller: Hi, this is …; Staff: May I have …),
# read as a one-word name there.
SENTENCE_OPENERS: Final = frozenset(
    "Hi Hello Hey Yes No Okay Sure Sorry Thanks Thank Please Well May Can Could Would Will We Our My Good".split()
)
