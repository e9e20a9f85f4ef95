"""Spans shaped like names that the text marks as something else: a quoted title, a club (ACミラン)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

from detectors.ids.columns import is_header
from detectors.names_common import common_names
from detectors.person.chars import KANJI_RE as _KANJI_RE
from detectors.person.chars import KATAKANA_NAME_RE as _KATAKANA_RE
from detectors.person.occurrences import occurrences
from detectors.person.words import (
    CALLED_AFTER_RE,
    GROUPS,
    NOT_IN_NAME_SLOTS,
    NOT_NAMES,
    NOT_ROLES,
    RELATIVES,
    SENTENCE_OPENERS,
    SLOT_WORDS,
)

# Latin prefixes of club names right before the name (ACミラン, FC町田ゼルビア, SCバスティア, ASナンシー).
_CLUB_RE: Final = re.compile(r"(?<![A-Za-z])(?:FC|AC|AS|SC|CR|CF|CD|SS|US|SV|VfB|VfL|TSG|RC|AFC|JP)$")
_QUOTES: Final = {"「": "」", "『": "』", "“": "”", "〈": "〉", "《": "》"}
# A mascot's name (マスコット「まもるくん」) and a shop named after its owner or a word, its kind first
# (そば処 玉城, カフェ ゆうな, ベーカリーいのうえ, スナック 夜来香).
_MASCOT_WORDS: Final = ("マスコット", "キャラクター", "ゆるキャラ", "着ぐるみ")
_MASCOT: Final = f"(?:{'|'.join(_MASCOT_WORDS)})(?:の)?[「『]?"
_NAMED_THING_RE: Final = re.compile(
    rf"(?:{_MASCOT}"
    r"|(?<![ァ-ヺー])(?:カフェ|喫茶|そば処|食堂|居酒屋|スナック|ベーカリー|美容室|ヘアサロン|サロン|民宿|ペンション|ゲストハウス)[ \u3000]?|料理[ \u3000]"
    # a funeral hall (セレモニーホールくまがい), a publication or a nickname in quotes (データ集「あおば」, 広報紙「ゆいまーる通信」)
    r"|(?:ホール|斎場|葬祭)[ \u3000]?|(?:紙|誌|集|冊子|だより|愛称|通称の?ない)[「『]|(?:愛称|名称)[をは][「『]"
    # an event or a service named in quotes, its name's kana words joined by ・ (相談会「すまいる・あおい」, サービス「はるか」)
    r"|(?:会|サービス|プラン|教室|講座|サロン)[「『](?:[ぁ-ゖァ-ヺー]{1,6}・)?)$"
)
_MASCOT_BEFORE_RE: Final = re.compile(f"{_MASCOT}$")


def mascot_names(text: str, names: Iterable[str]) -> set[str]:
    """The names `text` gives a mascot somewhere (マスコット「すいちゃん」): that mascot wherever else they stand
    (すいちゃんは水道水のしずくの妖精)."""
    if not any(w in text for w in _MASCOT_WORDS):
        return set()
    distinct = list(set(names))
    return {
        name
        for name, starts in zip(distinct, occurrences(text, distinct), strict=True)
        if any(_MASCOT_BEFORE_RE.search(text, max(0, at - 8), at) is not None for at in starts)
    }


# A building named after its place, its room after it (パークハウス荒井508, ハイツ山田201).
_BUILDING_KIND_RE: Final = re.compile("(?:ハウス|ハイツ|コーポ|メゾン|レジデンス|マンション|ヒルズ|コート)[ \u3000]?$")
_ROOM_AFTER_RE: Final = re.compile("[一-龥]{0,3}[0-9０-９]")
_HEAD_THEN_NAME_RE: Final = re.compile(
    r"(?:区長|自治会長|町内会長|校長|園長|館長|支店長)[ \u3000]+[一-龥]{1,3}[ \u3000][一-龥ぁ-ゖァ-ヺ]{1,4}(?=[、,。\s）)]|$)"
)
# A span that ends in a kind of place or facility is that place (浦田団地, 緑ケ丘住宅), not a person.
_PLACE_END_RE: Final = re.compile(
    r"(?:団地|住宅|荘|寮|公園|会館|病院|小学校|中学校|保育園|幼稚園|漁港|港|集落|公民館|集会所|神社|地区|林道|農道|市道|県道|町道|村道|語|緑地|広場|霊園|墓地|マリーナ|運動場|グラウンド|箇所|仮設|支所|出張所|葬祭|葬儀社|(?<=.)沖)$"
    # an island named in three characters or more (大鰯島); the two-character ones are family names too (中島)
    "|^[一-龥々ヶケ]{2,}島$"
    # a bridge named in four characters or more, or a 大橋 (東谷大橋, 中央大橋); 高橋, 石橋 and 八木橋 are family names
    "|^[一-龥々ヶケ]{3,}橋$|^[一-龥々ヶケ]+大橋$"
)
_BOAT_RE: Final = re.compile("[一-龥々ヶケ]+丸")
_KANA_RE: Final = re.compile("[ぁ-ゖァ-ヺー]+")
# Words that end in さん (たくさん, みなさん …), read as a kana name and an honorific by someone writing in easy Japanese.
_SAN_WORD_HEADS: Final = frozenset("たく みな おかあ おとう おにい おねえ おじい おばあ おじ おば".split())
# An English title is what comes before a name, never the name (Mrs. Priya Patel).
_TITLES: Final = frozenset("Mr Mrs Ms Miss Mx Dr Prof Sir Madam MR MRS MS MISS DR".split())


# Words a name's slot holds that name no one: services and plans (デイサービスは…, ケアプランは…),
# parties to a case (申立人, 世帯主), and the like, as they came up where a person detector expected a name.
_SERVICE_WORDS: Final = frozenset(
    (
        "デイサービス デイケア ショートステイ ケアプラン メンタルケア ヘルパー 申立人 申請人 世帯主 別世帯 同世帯 "
        "特定健診 将来 協会派遣 담당자 実習生 技能実習生 研修生 留学生 社協 包括 エホバ "
        # diseases named after a physician (レビー小体型認知症, アルツハイマー型)
        "レビー アルツハイマー パーキンソン クローン バセドウ メニエール ハンチントン ギラン "
        # the eras a blank form offers to circle (昭和・平成・令和)
        "明治 大正 昭和 平成 令和 "
        # animals of a wildlife report
        "クマ ツキノワグマ イノシシ シカ ニホンジカ サル ニホンザル タヌキ ハクビシン アライグマ カモシカ キツネ"
    ).split()
)
# One-character words that are no one's name where a detector took them alone (飼い主さん, 大字).
_NOT_A_NAME_ALONE: Final = frozenset({"主", "大字", "字", "小字", "新", "旧", "現", "元"})
# Two or more characters: a one-character word there (孫, 関) may be a family name.
_NOT_A_NAME: Final = frozenset(
    w for w in (NOT_NAMES | RELATIVES | NOT_IN_NAME_SLOTS | SLOT_WORDS | NOT_ROLES | GROUPS | _SERVICE_WORDS) if len(w) >= 2
)


# A building's name in Latin letters, as an address label writes it (Corpo Sakura 201, Heights Midori).
# Where someone lives or comes from, not who they are (寺町在住, 県外出身).
_RESIDENCE_END_RE: Final = re.compile("(?:在住|在勤|在学|出身|方面)$")
# A street or a district in Latin letters (Nguyen Trai Street, Thanh Xuan District): a place.
_LATIN_PLACE_END_RE: Final = re.compile(
    r"\b(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Boulevard|Blvd|District|Province|Ward|Prefecture|County|Village|Town|City)\.?$"
)
# A business, a bank or its branch named in English (Toun Bank, Shinjuku Branch, Sunrise Translation LLC).
_LATIN_BUSINESS_END_RE: Final = re.compile(
    r"[A-Za-z]\s+(?:Bank|Branch|LLC|Inc|Ltd|Corp|Corporation|Company|GmbH|Foundation|Association|Cooperative|Agency)\.?$"
)
# What a column of account states holds (Active, Disabled, Locked), and a form's Bank: label.
_LATIN_STATES: Final = frozenset(
    "Active Inactive Disabled Enabled Locked Suspended Deleted Pending Expired Valid Invalid Bank".split()
)
_LATIN_BUILDING_RE: Final = re.compile(
    r"(?:Corpo|Kopo|Coop|Heights|Haitsu|Maison|Mezon|Mansion|Residence|Villa|Palace|Heim|Oaza|Aza)\b"
)


# A shop, a pharmacy, an association (関谷酒店, はやし書店, 森の里会): a business, not its owner.
_BUSINESS_END_RE: Final = re.compile(
    "(?:店|薬局|会|組合|水産|漁協|農協|旅館|工業|建設|商事|物産|造園|農園|工務店|運送|設備|塗装|土建|興業|牧場|商店"
    "|食品|製菓|醸造|畜産|観光|不動産|電設|石油|燃料|木材|土木|印刷|書店|製作所|商会|運輸|電機"
    # a clinic named after its doctor (吉川内科), a virus or a germ (ノロウイルス)
    "|内科|外科|小児科|眼科|歯科|皮膚科|耳鼻科|耳鼻咽喉科|整形外科|産婦人科|医院|クリニック|ウイルス|ウィルス)$"
)
# A place in Latin letters: a word ending in a municipality's or a district's suffix, or 大字/字.
_ROMAJI_PLACE_RE: Final = re.compile(r"(?i)\b(?:\w+-(?:machi|cho|shi|ku|mura|son|gun)|oaza|aza)\b")
# What a cell or a slot says instead of a name: someone absent or not known (火木土不在, 氏名不明).
_STATE_END_RE: Final = re.compile("(?:不在|不明|不詳|未定)$")
# Headers of a table's columns, besides those `is_header` knows: a header row read as a name (住所 備考).
_COLUMN_WORDS: Final = frozenset("備考 番号 No 摘要 区分 状況 内容 船名 屋号 続柄 性別 年齢 電話 連絡先 地区 メモ 日当 旅費 金額 合計 用務地".split())
# A section (現 住民課, 総務課): where someone works, not who they are.
_SECTION_END_RE: Final = re.compile("(?:課|係|室|道部|務部|政部|祉部|画部|設部|育部|境部|業部)$")
# What a pet is called (柴犬の「モモ」ちゃん, 保護猫の「タマ」くん): the animal, not a person.
_PET_BEFORE_RE: Final = re.compile(
    "(?:犬|猫|ねこ|いぬ|ペット|プードル|ダックス|チワワ|ハムスター|うさぎ|ウサギ|インコ|オウム|金魚|亀|カメ)(?:の|は|、)?[ \u3000]?[「『]?\\Z"
)


# ... or after it: 「ポチ」ちゃん（柴犬・オス）.
_PET_AFTER_RE: Final = re.compile("[」』]?(?:ちゃん|くん)?[（(](?:柴犬|犬|猫|ねこ|いぬ|オス|メス|雄|雌|プードル|ダックス|チワワ|雑種)")


_PREMISES_BEFORE_RE: Final = re.compile("(?:ホテル|旅館|ハイツ|コーポ|メゾン|支店[:：]?|銀行|金庫|信金|信組|農協|JA|ＪＡ|漁協)[ \u3000]?\\Z")
# A shop named by its kind, glued to the name (うどん処たけうち, ホームセンターいしはら, フレッシュ中村, でんきのヤマモト).
# (and a counselling office, a circle, a children's service: 相談室たけうち, サークルあゆみ, ハッピーキッズ吉村)
_SHOP_KINDS: Final = (
    "処", "ホームセンター", "スーパー", "フレッシュ", "マート", "ストア", "ショップ", "ベーカリー", "ドラッグ", "でんきの", "電器の",
    "クリーニング", "相談室", "サークル", "キッズ",
)  # fmt: skip
_FACILITY_QUOTED_BEFORE_RE: Final = re.compile(
    "(?:センター|ホーム|園|館|施設|事業所|作業所|サロン|カフェ|ハウス|クラブ|教室|広場|ステーション|事業|講座|プログラム|制度)[「『]\\Z"
)
_INSIDE_AZA_RE: Final = re.compile("大字[一-龥々ケヶノ]{1,5}字[一-龥々ケヶノ]{0,3}\\Z")
_ORG_AFTER_RE: Final = re.compile(
    r"[ ](?:Farm|Farms|Town|City|Village|Ward|Office|Corporation|Co\.|Inc|Ltd|School|Hospital|Clinic|Shop|Store|Center|Centre|"
    r"Station|Hotel|Ryokan|Port|Island|Bank|Company|Association|Council)\b"
    r"|保育園|幼稚園|こども園|保育所|学園|郵便局|駐在所|交番|第?[一二三四五六七八九十0-9０-９]{0,2}(?:町内会|自治会)(?!長)"
)
_CALLED_RE: Final = re.compile("[ \u3000]?(?:様|さん|さま|氏|殿|くん|ちゃん)")
_NOT_PERSON_TEXT_RE: Final = re.compile(
    "株式会社|有限会社|合同会社|[（(][株有][）)]|㈱|㈲|不動産$"
    # a neighbourhood group of a district (北組, 中組, 上組), days of the week, a school year
    "|^(?:[東西南北上中下前後新本奥]組|[月火水木金土日]{2,4}|[小中高][1-6１-６])$"
    # a role that ends the finding (デイサービス職員, 訪問調査員): the name is never the role
    "|.(?:職員|相談員|支援員|指導員|調査員)$"
)
# A romanised district, then its town (58 Kamino Nakajima, Kaku-machi): an address, not a name.
_LATIN_TOWN_AFTER_RE: Final = re.compile(r",[ ]?[A-Z][a-z]+-(?:machi|cho|chō|mura|son|shi|ku|gun|ken)\b")
_SMALL_KANA: Final = frozenset("ゃゅょぁぃぅぇぉっャュョァィゥェォッ")
_HIRAGANA_RE: Final = re.compile("[ぁ-ゖー]+")


def not_a_name(entity: str, text: str, titles: frozenset[str], before: str = "", after: str = "") -> bool:
    """A PERSON finding, from any detector, that is only a title (Mrs, Dr., 保健師 of 保健師さん), a word for a
    relative, a role or a party (長男さん, 申立人), what fills a name's slot instead of a name (デイサービス), a
    residence, a building or a business; or a pet's name (`before` and `after`: the text around the finding)."""
    if entity != "PERSON":
        return False
    if _not_a_name_text(text, titles):
        return True
    # (not 福田彩会 of 福田彩会長, a name the dictionary cut one character long)
    if _BUSINESS_END_RE.search(text) is not None and not after.startswith("長"):
        return True
    if text in SENTENCE_OPENERS:
        return True  # (Caller: Hi, this is …; Staff: May I have …)
    if text.isascii() and _ROMAJI_PLACE_RE.search(text) is not None:
        return True  # (KAKU-MACHI OAZA SHIMOMURA 77-3: a place in passport capitals)
    if (m := _STATE_END_RE.search(text)) is not None and text[: m.start()] not in common_names().family:
        return True  # (担当小野寺不在: the name, read with the word after it)
    if before != "":
        if _PET_BEFORE_RE.search(before) is not None:
            return True
        # a hotel's, a building's or a bank branch's name (ホテル川端, ハイツ川端105, 支店：下川原, 信用金庫 中島)
        if (before.endswith(_SHOP_KINDS) or _PREMISES_BEFORE_RE.search(before) is not None) and _CALLED_RE.match(after) is None:
            return True
        # a facility's own name in quotes after what it is (障害者福祉センター「あおば」, グループホーム「ひまわり」)
        if after.startswith(("」", "』")) and _FACILITY_QUOTED_BEFORE_RE.search(before) is not None:
            return True
        # kana inside a word, after a small kana no name opens with (さんちょうめ → うめ)
        if before[-1] in _SMALL_KANA and _HIRAGANA_RE.fullmatch(text) is not None:
            return True
    if text[-1] == "丸" and _BOAT_RE.fullmatch(text) is not None and _CALLED_RE.match(after) is None:
        return True  # a boat (勝丸, 第三義丸), unless called by name (堀丸さん)
    if after.startswith(("の家", "の里", "の郷")) and _KANA_RE.fullmatch(text) is not None:
        return True  # a home or a facility named in kana (乳児院 あいの家, ひまわりの里)
    if text in _SAN_WORD_HEADS and after.startswith("さん"):
        return True  # (お金、たくさん: a word that ends in さん, not a name and an honorific)
    if after != "":
        # a farm, an office, a school named in English after a family or a place (Oikawa Farm, Kamihonami Town
        # Office); a nursery, a kindergarten, a post office named after a place or a word (汐見なぎさ保育園)
        if _ORG_AFTER_RE.match(after) is not None and (after[0] != " " or text.isascii()):
            return True
        if _PET_AFTER_RE.match(after) is not None:
            return True
        # a river, a road or a coast the text walks along (大和川沿いの桜並木)
        if after.startswith("沿い"):
            return True
        # a place whose name runs on past the word read as a name (江丹|別地区, 江丹|別診療所: Hokkaido's -betsu)
        if _BETSU_AFTER_RE.match(after) is not None:
            return True
        # a clinic named after its family (松田産婦人科, 田中内科の受付; not 田中医師 or 田中先生)
        if _CLINIC_AFTER_RE.match(after) is not None:
            return True
        # a firm named after its family (斎藤印刷と, 高橋建設から; not 高橋建設課長)
        if after[0] in _FIRM_FIRSTS and _FIRM_AFTER_RE.match(after) is not None:
            return True
        # a credit union or a cooperative the dictionary cut after 信 (南和信|用金庫)
        if after.startswith(("用金庫", "用組合")):
            return True
        # a children's club named after its district (若葉っ子クラブ), a section before its head's title
        # (学校教育課長: not a family name, as 田中 of 田中課長 is)
        if after.startswith("っ子") or (
            after[:1] == "課" and len(text) >= 4 and _SECTION_WORD_RE.fullmatch(text) and text not in common_names().family
        ):
            return True
        if text.isascii() and _LATIN_TOWN_AFTER_RE.match(after) is not None:
            return True
        # the last character of a municipality before its head's title (波照町長 → 照)
        if len(text) == 1 and after.startswith(("町長", "市長", "村長")) and before and _KANJI_RE.match(before[-1]):
            return True
        # a school by its short name, with a pupil's year after it (北中3年, 若葉小2年)
        if len(text) >= 2 and text[-1] in "小中高" and _SCHOOL_YEAR_RE.match(after) is not None:
            return True
    return False


_SCHOOL_YEAR_RE: Final = re.compile("[1-6１-６一二三四五六]年")
_CLINIC_AFTER_RE: Final = re.compile(
    # (a word for whom it serves may come between: 松田こどもクリニック, 山本レディースクリニック)
    "(?:こども|子ども|キッズ|レディース|メンタル|ファミリー|ペイン)?(?:産婦人科|産科|婦人科|小児科|内科|外科|整形外科|眼科|耳鼻科|耳鼻咽喉科|皮膚科|歯科|医院|クリニック|助産院)(?![医先])"
)
_FIRM_WORDS: Final = "印刷 建設 工務店 商店 商会 工業 製作所 運輸 運送 興業 設計 電機 塗装 不動産 書店".split()
_FIRM_AFTER_RE: Final = re.compile(f"(?:{'|'.join(_FIRM_WORDS)})(?![一-龥ァ-ヺー])")
_FIRM_FIRSTS: Final = frozenset(w[0] for w in _FIRM_WORDS)
_SECTION_WORD_RE: Final = re.compile("[一-龥々ぁ-ゖァ-ヺー]+")  # one word: no space, as a full name has
_BETSU_AFTER_RE: Final = re.compile(
    "別(?:地区|地域|方面|町|村|川|岳|駅|小|中|線|中央|診療所|支所|出張所|公民館|市民|若者|の(?:農家|集落|郊外|奥))"
)
# A place or a country named in English (Kaku City Children and Family Division, the United States).
_LATIN_PLACE_WORD_RE: Final = re.compile(r"\b(?:City|Ward|Prefecture|County|States|Kingdom|Republic|Township)\b")


@functools.lru_cache(maxsize=8192)
def _not_a_name_text(text: str, titles: frozenset[str]) -> bool:
    """not_a_name's checks on the finding's own text, which recurs (a roster names the same people often)."""
    return (
        text.rstrip(".") in _TITLES
        or text in _NOT_A_NAME
        or text in titles
        or text in _NOT_A_NAME_ALONE
        or _LATIN_BUILDING_RE.match(unicodedata.normalize("NFKC", text)) is not None
        or _LATIN_PLACE_END_RE.search(text) is not None
        or _LATIN_BUSINESS_END_RE.search(text) is not None
        or text in _LATIN_STATES
        or (text.isascii() and _LATIN_PLACE_WORD_RE.search(text) is not None)
        or _RESIDENCE_END_RE.search(text) is not None
        or _PLACE_END_RE.search(text) is not None
        or _SECTION_END_RE.search(text) is not None
        or all(is_header(w) or w in _COLUMN_WORDS for w in unicodedata.normalize("NFKC", text).split(" ") if w)
        # a company (株式会社みどり不動産, (有)森設備), days of the week (人工透析（火木土）), a school year (中1),
        # a neighbourhood group (中組)
        or _NOT_PERSON_TEXT_RE.search(text) is not None
    )


def named_thing(text: str, s: int) -> bool:
    """Whether the name at `s` is a mascot's or a shop's, its kind written before it."""
    if s == 0:
        return False
    if _NAMED_THING_RE.search(text, max(0, s - 8), s) is not None:
        return True
    return _BUILDING_KIND_RE.search(text, max(0, s - 8), s) is not None and _ROOM_AFTER_RE.match(text, s) is not None


def not_a_person(text: str, s: int, e: int, score: float) -> bool:
    """A club name, a district after 大字 or 字, a place ending in 団地 or the like, or katakana filling a
    quotation of its own (「ハミング」, 『アイ・ラブ・ルーシー』) with no cue."""
    if s > 0 and _CLUB_RE.search(text, max(0, s - 4), s):
        return True
    if named_thing(text, s):
        return True
    # A district or a school before its head's title, the head's full name after it (上城区長 元 義則).
    if _HEAD_THEN_NAME_RE.match(text, e):
        return True
    # Kyushu's and Chugoku's "because" (一人暮らしやけん、), and "must" (払わないけん), not 健.
    if text[s:e] == "けん" and s > 0 and text[s - 1] in "やだい":  # (and its "must": 払わないけん)
        return True
    # A historic house named after the family that lived in it (旧中井家住宅, 「上田家住宅 主屋」), and an
    # Okinawan clan (新垣門中): a building or a body, not a person.
    if text.startswith("門中", e) or text.endswith("門中", s, e) or (text.startswith("家住宅", e) and s > 0 and text[s - 1] in "旧「『"):
        return True
    # What follows 大字 or a standalone 字 is a district (大字上河原, 字宮ノ前), never a person; 名字 and 文字
    # are words of their own, so a 字 counts only after 大 or where no kanji stands before it.
    if s > 0 and text[s - 1] == "字" and (s < 2 or text[s - 2] == "大" or not _KANJI_RE.match(text, s - 2)):
        return True
    # ... or runs on in a 小字 after a 大字 (大字横田字奥谷口 → 谷口)
    if s > 0 and _KANJI_RE.match(text, s - 1) and _INSIDE_AZA_RE.search(text, max(0, s - 12), s) is not None:
        return True
    if _PLACE_END_RE.search(text, s, e):
        return True
    # Kanji names in quotes (「山田太郎」と名乗る男) and names with an honorific or title stay: masking them is the point.
    if s > 0 and e < len(text) and score < 0.85 and _KATAKANA_RE.fullmatch(text, s, e):
        close = _QUOTES.get(text[s - 1])
        if close is not None and text[e] == close:
            return True
    # A title read as the end of a given name after a kanji the dictionary split off (上|田保|健師 for 上田保健師):
    # the name is the kanji before it and the part before the title.
    if s > 0 and _KANJI_RE.match(text, s - 1) and _TITLE_END_RE.search(text, s, e):
        return True
    # A school by its short name (東中, 西中, 北小: a direction and 中 or 小), or a name cut inside 小児科 (堀小|児科).
    if e - s == 2 and text[s] in "東西南北" and text[s + 1] in "中小" and not CALLED_AFTER_RE.match(text, e):
        return True
    if text.startswith("児科", e) and text[e - 1] == "小":
        return True
    # A facility named with a word the dictionary reads as a name, its kind before it (特別養護老人ホーム 寿楽園)
    if e < len(text) and text[e] in "園荘苑寮" and _FACILITY_KIND_RE.search(text, max(0, s - 12), s):
        return True
    # A district named 上・下 and a family name (上川原、下川原; 上川原の排水路) where nothing
    # after it makes it a person's: no honorific or given name but a particle, a list mark or a district word next.
    return e - s == 3 and text[s] in "上下" and e < len(text) and text[e] in _AFTER_DISTRICT and text[s + 1 : e] in common_names().family


_FACILITY_KIND_RE: Final = re.compile("(?:ホーム|施設|保育|福祉|介護|老人|障害者|作業所)[ \u3000]?$")
_TITLE_END_RE: Final = re.compile("(?:保健師|看護師|助産師|医師|課長|係長|部長|主任|主査|主事|室長|所長)$")
_AFTER_DISTRICT: Final = frozenset("のへにで、・，,）)」地区町集会自治")
