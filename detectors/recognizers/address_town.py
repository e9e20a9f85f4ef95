"""Addresses as a municipality writes its own residents' (town first, no prefecture or city), and
districts that are only a town and a 丁目.

「みどり台2-4-15」「桜ケ丘1-9-20 第一コーポ201」「ひばりが丘2-1 ひばりが丘団地B棟305」「大字上野1523番地
上野寮」「Sakuragaoka 1-9-20 Daiichi Coop 201」 are addresses: a town name the dictionary reads as a
place, directly followed by a 番地 block, then an optional building and room. 「北町二丁目」 with nothing
after the 丁目 is a district (LOCATION), not an address.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.morphology import NAME, NOUN, PLACE, PROPN, SEI, Tokens
from detectors.openings import Before, Opening

_NUM: Final = "[0-9一二三四五六七八九十百千〇]+"
_DIGITS: Final = "[0-9]{1,4}"
# The 番地 forms a town name may take directly: 2-4-15, 2-1, 3丁目12番, 3丁目5番地の12, 1523番地, 5番2号.
_BLOCK_RE: Final = re.compile(
    f"(?:{_NUM}丁目の?{_NUM}(?:番地?の?|-|の)(?:{_NUM}(?:号)?)?(?:-{_DIGITS})?"
    f"|{_NUM}番地(?:の?{_NUM}(?:号)?)?(?:-{_DIGITS})?"
    f"|{_NUM}番{_NUM}号?"
    f"|{_DIGITS}(?:-{_DIGITS}){{1,3}})"
    r"(?![0-9-])"
)
# Not when a 番地 follows (三丁目5番, 三丁目の12), nor inside an organisation's or facility's name (北町二丁目自治会).
_DISTRICT_RE: Final = re.compile(
    f"{_NUM}丁目(?![0-9一二三四五六七八九十百千〇番-]|の[0-9一二三四五六七八九十百千〇]|自治会|町内会|公民館|集会所|会館|公園|児童)"
)
_PHONE_OR_DATE_RE: Final = re.compile(r"0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}|[12][0-9]{3}-[0-9]{1,2}(?:-[0-9]{1,2})?")
_BUILDING_WORDS: Final = (
    "コーポ|ハイツ|メゾン|マンション|アパート|レジデンス|ハイム|コート|ヒルズ|テラス|荘|寮|団地|住宅|ビル|タワー"
)
_NAME_CHAR: Final = "[一-龥々〆ヶケァ-ヺーぁ-ゖ]"
# A building and room right after the block (a space may come between): 第一コーポ201, コーポみどり102,
# ひばりが丘団地B棟305, 市営桜ケ丘団地4号棟301, みどり荘2号室, 上野寮; or a room alone: 101号室.
BUILDING_RE: Final = re.compile(
    f"[ \\t]?(?:"
    # with a room number: 第一コーポ201, コーポみどり102, ひばりが丘団地B棟305, 市営桜ケ丘団地4号棟301, みどり荘2号室
    f"{_NAME_CHAR}{{0,10}}?(?:{_BUILDING_WORDS}){_NAME_CHAR}{{0,6}}?(?:[A-Z]棟|[0-9]{{1,2}}号?棟)?[ \\t]?[0-9]{{1,4}}(?:号室|号)?(?![0-9A-Za-z-])"
    # a numbered building (第2寮 11号室) or a room written letter-number (サンライズ寮 B-12)
    f"|(?:第[0-9一二三四五六七八九十]{{1,2}}|{_NAME_CHAR}{{1,10}}?)(?:{_BUILDING_WORDS})[ \\t]?(?:[0-9]{{1,4}}(?:号室|号)?|[A-Z]-?[0-9]{{1,4}})(?![0-9A-Za-z-])"
    # without one, ending in the building word or its wing: 上野寮, あけぼのハイツB棟
    f"|{_NAME_CHAR}{{0,10}}?(?:{_BUILDING_WORDS})(?:[A-Z]棟|[0-9]{{1,2}}号?棟)?(?=$|[\\s、。，,）)」』|｜]|[にへでのはがをとや])"
    # a room alone: 101号室
    f"|[0-9]{{1,4}}号室)"
)
# Romanised, town first: Midoridai 3-11-2, Asahimachi 3-1-7, Room 203, Sakuragaoka 1-9-20 Daiichi Coop 201.
_LATIN_RE: Final = re.compile(
    r"(?<![A-Za-z0-9-])(?P<town>[A-Z][a-z]{3,}(?:-(?:cho|machi))?)[ \t](?:[0-9]{1,3}-){2}[0-9]{1,3}(?:-[0-9]{1,4})?(?![0-9-])"
    r"(?:,?[ \t](?:Room|Apt\.?|Unit|#)[ \t]?[0-9]{1,4}[A-Z]?|[ \t](?:[A-Z][a-z]+[ \t]){1,3}[0-9]{1,4}[A-Z]?(?![0-9-]))?"
)
_NOT_TOWNS: Final = frozenset(
    "Article Chapter Section Page Room Table Figure Case Item Step Version Rule Appendix Annex Paragraph "
    "Clause Schedule Form Level Phase Code Ward City Block Lot Phone Mobile Fax Tel Unit Floor Building".split()
)
_TOWN_KINDS: Final = frozenset({PLACE, PROPN})
_SPLIT_TOWN_KINDS: Final = frozenset({NOUN, PLACE, PROPN, SEI})
_STRONG_TOWN_KINDS: Final = frozenset({PLACE, PROPN, SEI, NAME})
# A block no score or count looks like: three numbers, or a 丁目 or 番地 in it.
_STRONG_BLOCK_RE: Final = re.compile("[0-9]+-[0-9]+-[0-9]+|丁目|番地|番")
_TOWN_CHARS: Final = "[一-龥々ヶケ]"
# 大字 and 字 name the land of a rural address; the 番地 after them is written in kanji as often as in
# digits, so the name is found by where the numerals start: 大字長岡八十八番地, 大字川原字堤下五百十七番地.
# A lot number in digits may also follow with no 番地 (大字小松1450-2, 字宮ノ前2031); a 字 alone counts only
# where no kanji stands before it (文字, 数字 and 名字 are words of their own) and it starts no word of
# its own (字数2000, 字幕).
_AZA_CHARS: Final = "[一-龥々ヶケノ]"
_OAZA_RE: Final = re.compile(
    # (a space may part 大字, 字 and the number, and the number may follow の as said aloud: 大字網代浜 字浜田 四〇番地,
    # 大字中瀬の四百十二番地)
    f"(?:大字{_AZA_CHARS}{{1,6}}?(?:[ \u3000]?字{_AZA_CHARS}{{1,6}}?)?|(?<![一-龥々〆ヶケ])字(?!数|幕|体|句|間|面|義|画|形|源|典|順|型|母){_AZA_CHARS}{{1,6}}?)"
    f"(?:[ \u3000]|の(?=[0-9一二三四五六七八九十百千〇]))?"
    f"(?:{_NUM}番地(?:[のノ]?{_NUM}(?:号)?)?(?:-{_DIGITS})?|[0-9]{{2,5}}(?:-[0-9]{{1,4}}){{0,2}}(?![0-9.:/]))"
)
_OAZA_AT: Final = Opening(_OAZA_RE)  # tried only at 大 and 字
# A 大字 written without the word, then 字 and the 小字 and a lot number in digits: 大浜字浜通り7, 長根字上ノ台17,
# 寺浜字大沢3-14 (not 文字, 数字, 名字 …: the word before 字 is a district of two to four kanji).
_BARE_OAZA_RE: Final = re.compile(
    "(?:(?<=[町村])|(?<![一-龥々ヶケノ]))(?P<oaza>[一-龥々ヶケノ]{2,4}?)字[一-龥々ヶケノ][一-龥々ヶケノぁ-ゖァ-ヺー]{0,5}?"
    "[0-9]{1,5}(?:-[0-9]{1,4}){0,2}(?:番地?)?(?![0-9.:/%年月日時分人円件])"
)
_BARE_OAZA_AT: Final = Before(_BARE_OAZA_RE, ("字",), 4)  # tried only in the four characters before 字
_NOT_OAZA_END: Final = frozenset("文数名漢英赤黒十活太細題誤脱点絵略古俗草梵本用")
# The prefecture, county and town written before it (宮城県本吉郡汐浜町大浜字浜通り12).
_TOWN_CHAIN_RE: Final = re.compile("(?:[一-龥]{2,3}[都道府県])?(?:[一-龥]{1,6}?[市郡])?[一-龥ヶケ]{1,6}?[区町村]\\Z")
# A housing estate with its building and room, with no town before it: 中央団地7号棟4階407, さくら団地5-102,
# 市営若葉団地B棟三〇二号, 県営長岡団地3号棟204号室; public housing by its owner too: 県営高見台住宅 7-405.
_ROOM_NUM: Final = "[0-9一二三四五六七八九〇]{1,4}"
_BUILDING_ROOM: Final = (
    # (the building's letter or number, 棟, the room, said with の too: 北町団地1棟の402)
    f"(?:[A-ZＡ-Ｚ]|[0-9一二三四五六七八九十]{{1,2}}号?)棟(?:の|[ \t－-])?(?:[0-9]{{1,2}}階)?(?:[0-9]{{1,2}}-)?{_ROOM_NUM}(?:号室|号)?"
)
_DANCHI_RE: Final = re.compile(
    # (not from the honorific or the particle before it: 小池 千代 様の栄団地C棟201号室)
    f"(?!(?:様|さま|さん|殿|氏)?の)(?:(?:(?:[市県都府道町村]営)?{_NAME_CHAR}{{1,10}}?団地|[市県都府道町村]営{_NAME_CHAR}{{1,10}}?住宅)[ \t]?"
    f"(?:{_BUILDING_ROOM}|[0-9]{{1,2}}-[0-9]{{2,4}}"
    # (or the building's letter, a hyphen and the room: 市営中央団地A-105)
    f"|[A-ZＡ-Ｚ][-－][0-9]{{2,4}}(?:号室|号)?)"
    # a public housing estate named without its owner, by its building and room: 桜台住宅2号棟305, 南町住宅B棟207号室
    f"|{_NAME_CHAR}{{1,10}}?住宅[ \t]?{_BUILDING_ROOM})"
    # (not a count of dwellings or people: 団地3棟120戸)
    r"(?![0-9A-Za-z-]|戸|世帯|人|名|件)"
)
# Particles a match of `_DANCHI_RE` may have begun with before the estate's name (4月から南町団地…, 入居者は
# 桜台住宅…): the name starts after the last of them. Not が or の, which names hold (ひばりが丘団地, 緑の丘団地):
# a match begun before such a particle masks a few characters more, never fewer.
_BEFORE_ESTATE_RE: Final = re.compile("(?:から|まで|より|[にはをでへとも])(?=[一-龥ヶケァ-ヺ])")
_LABEL_IN_RE: Final = re.compile("(?:.*(?:住所|転居先|転入先|居所|所在地|送付先)[はがも]?)")
_DANCHI_AT: Final = Before(_DANCHI_RE, ("団地", "住宅"), 12)  # (営 and ten characters at most before 団地)
_LATIN_BUILDING: Final = (
    "Heights|Haitsu|Coop|Corpo|Kopo|Mansion|Maison|Mezon|Apartments?|Residence|Court|Heim|Danchi|Dormitory|House|"
    "Building|Bldg\\.?|Hills|Terrace|Tower|Villa|Palace|so|sou|ryo"
)
# Romanised, block first with the town alone after it: 4-7-12 Minamidai; [Room 305, Sakuragaoka Heights, ]2-11-4 Sakuragaoka.
_LATIN_BLOCK_FIRST_RE: Final = re.compile(
    r"(?<![A-Za-z0-9-])(?:(?:Room|Apt\.?|Unit|#)[ \t]?[0-9]{1,4}[A-Z]?,[ \t](?:[A-Z][a-z]+[ \t]){1,3}?(?:Heights|Haitsu|Coop|Kopo|Mansion|Apartment|Residence|Court|Heim|Danchi|Dormitory|House|Building|Bldg\.?|Hills|Terrace|Tower),[ \t]"
    # or the building first, its room after it: Corpo Sakura 201, / Kotobuki-so Room 6,
    rf"|(?:(?:{_LATIN_BUILDING})(?:[ \t][A-Z][a-z]+){{0,2}}|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){{0,2}}(?:[ \t]|-)(?:{_LATIN_BUILDING}))"
    r"[ \t](?:(?:Room|Apt\.?|Unit|#)[ \t]?)?[0-9]{1,4}[A-Z]?,[ \t])?"
    r"(?:[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}|(?<=,[ \t])[0-9]{1,3}-[0-9]{1,3})(?![0-9-]),?[ \t](?P<town>[A-Z][a-z]{3,}(?:-(?:cho|machi))?)(?![A-Za-z])"
)
# Tried only where a match can open (a digit, a capital, #): the look-behinds and the groups they open
# with would make sre try every character.
_BLOCK_AT: Final = Opening(_BLOCK_RE)
_LATIN_AT: Final = Opening(_LATIN_RE)
_LATIN_BLOCK_FIRST_AT: Final = Opening(_LATIN_BLOCK_FIRST_RE)
_TOWN_SUFFIXES: Final = frozenset(
    "台 丘 ヶ丘 が丘 ケ丘 野 原 町 谷 沢 田 山 川 島 浜 里 園 坂 森 岡 崎 宮 通 通り 橋".split()
)
# An industrial or housing estate used as the town name, a quarter after it: 工業団地西1-4, 工業団地東2-8.
_ESTATE_TOWN_RE: Final = re.compile(f"{_NAME_CHAR}{{1,8}}?(?:団地|ニュータウン)[東西南北中]?$")
# A town, の, then a 丁目 block, as an address is said aloud: ひばりが丘の3丁目3番12号の101.
_SPOKEN_ROOM_RE: Final = re.compile("の[0-9]{1,4}(?:号室)?(?![0-9])")
_NOT_TOWN_WORDS: Final = frozenset("住所 所在地 居所 氏名 番地 番号 資料 別紙 表 第".split())
_ERAS: Final = ("令和", "平成", "昭和", "大正", "明治")
_TWO_NUMBERS_RE: Final = re.compile("[0-9]+-[0-9]+")


def _town_before(t: Tokens, at: int, strong: bool = False) -> int:
    """Start of the town name whose last token ends at `at` (place or proper-noun tokens, a 大字 before
    them), or -1 when the text before is not a town name. Before a `strong` block (2-5-1, 3丁目の12, 5番地)
    a word the dictionary reads as a family name is the town too (中島4-2-17, 下川原2-5-1): no one's name
    runs straight into a 番地."""
    j = _token_ending_at(t, at)
    if j < 0:
        return -1
    kinds = _STRONG_TOWN_KINDS if strong else _TOWN_KINDS
    i = j
    while i >= 0 and t.kinds[i] in kinds and not t.text[t.begins[i]].isascii() and i > j - 3:
        i -= 1
    if i == j:
        # The dictionary sometimes splits the town it knows elsewhere: みどり + 台, さくら + 野.
        # (or reads the first part as a place or a family name: 松原 + 台)
        if not (
            j > 0
            and t.surface(j) in _TOWN_SUFFIXES
            and t.kinds[j - 1] in _SPLIT_TOWN_KINDS
            and t.ends[j - 1] == t.begins[j]
        ):
            return -1
        if t.surface(j - 1) in _NOT_TOWN_WORDS or t.text[t.begins[j - 1]].isascii():
            return -1
        i = j - 2
    start = t.begins[i + 1]
    if i >= 0 and t.surface(i) == "大字" and t.ends[i] == start:
        start = t.begins[i]
    return start if at - start >= 2 else -1


# A town the dictionary reads as a common word (中央, 新田, 本町) before a block of three numbers, standing as a word
# of its own (after a bracket, a comma, a colon, a space or a line's start): 中央4-9-2, （新田3-5-12）.
_THREE_PARTS_RE: Final = re.compile("[0-9]{1,4}-[0-9]{1,4}-[0-9]{1,4}")
_WORD_TOWN_RE: Final = re.compile("(?:^|(?<=[\n 　（(、,，：:「」）)]))[一-龥々ケヶ]{2,4}\\Z")
# (nor a word ending in a reference or a label: 規則5-2-1, 別表2-1-3, 電話3-1-2)
_NOT_WORD_TOWN_ENDS: Final = tuple(
    "図 表 条 項 号 節 章 頁 規則 条例 要綱 様式 別表 別紙 付録 資料 番号 番地 住所 所在地 電話 携帯 内線 口座 記号 証番号 受付番号".split()
)


def _word_town_before(text: str, at: int) -> int:
    m = _WORD_TOWN_RE.search(text, max(0, at - 4), at)
    return -1 if m is None or m.group().endswith(_NOT_WORD_TOWN_ENDS) else m.start()


def _token_ending_at(t: Tokens, at: int) -> int:
    lo = bisect.bisect_left(t.ends, at)  # the first token ending at or after `at`
    return lo if lo < len(t) and t.ends[lo] == at else -1


def town_addresses(t: Tokens) -> list[tuple[int, int]]:
    """Town-first addresses: a town name, a 番地 block, an optional building and room."""
    text = t.text
    out: list[tuple[int, int]] = []
    for m in _BLOCK_AT.finditer(text):
        if _PHONE_OR_DATE_RE.fullmatch(m.group()) or (m.start() > 0 and text[m.start() - 1] in "0123456789-"):
            continue
        start = _town_before(t, m.start(), _STRONG_BLOCK_RE.search(m.group()) is not None)
        spoken = False
        if start < 0 and ("団地" in text or "ニュータウン" in text):
            e = _ESTATE_TOWN_RE.search(text, max(0, m.start() - 14), m.start())
            start = e.start() if e is not None else start
        if start < 0 and m.start() > 1 and text[m.start() - 1] == "の" and "丁目" in m.group():
            start = _town_before(t, m.start() - 1)
            spoken = start >= 0
        if start < 0 and _THREE_PARTS_RE.fullmatch(m.group()):
            start = _word_town_before(text, m.start())
        if start < 0:
            continue
        if text.startswith(_ERAS, start):
            continue  # 平成2-3: a year, not a town
        b = (_SPOKEN_ROOM_RE if spoken else BUILDING_RE).match(text, m.end())
        end = b.end() if b is not None and b.end() > m.end() else m.end()
        # Two numbers alone (東京2-1で勝利) are a score as often as a block: only with a building after.
        if end == m.end() and _TWO_NUMBERS_RE.fullmatch(m.group()):
            continue
        out.append((start, end))
    for m in _LATIN_AT.finditer(text):
        if m.group("town") not in _NOT_TOWNS:
            out.append(m.span())
    if "-" in text:
        out.extend(m.span() for m in _LATIN_BLOCK_FIRST_AT.finditer(text) if m.group("town") not in _NOT_TOWNS)
    if "団地" in text or "住宅" in text:
        for m in _DANCHI_AT.finditer(text):
            # (the estate's name starts after a label the match began in: 住所は桜台団地5-212)
            label = _LABEL_IN_RE.match(m.group())
            start = m.start() + (label.end() if label else 0)
            name_end = max(text.rfind("団地", start, m.end()), text.rfind("住宅", start, m.end()))
            cut = max((p.end() for p in _BEFORE_ESTATE_RE.finditer(text, start, name_end)), default=start)
            out.append((cut, m.end()))
    return out


# Said aloud and written down as heard: a town in kana or kanji, then numbers joined by の
# (みなみだいの3の12の5, 東町の1の3の9); three numbers, which a date or a count never has so joined.
_SPOKEN_RE: Final = re.compile(
    r"(?<![ぁ-ゖ一-龥ァ-ヺー])(?P<town>[ぁ-ゖ]{1,8}?(?:だい|まち|ちょう|がおか|おか|はら|やま|さわ|がわ|だんち)"
    r"|[一-龥ケヶ]{0,5}[台丘町野原谷山川浜沢田島里園坂森岡崎宮橋通])"
    r"の[0-9０-９一二三四五六七八九十]{1,3}の[0-9０-９一二三四五六七八九十]{1,3}の[0-9０-９一二三四五六七八九十]{1,4}(?:号室?)?(?![0-9０-９])"
)


def spoken_addresses(text: str) -> list[tuple[int, int]]:
    """Addresses as said aloud: a town, then three numbers joined by の (tried only where numbers are so
    joined)."""
    if text.count("の") < 3 or _SPOKEN_NUMBERS_RE.search(text) is None:
        return []
    return [m.span() for m in _SPOKEN_RE.finditer(text)]


_SPOKEN_NUMBERS_RE: Final = re.compile("の[0-9０-９一二三四五六七八九十]{1,3}の[0-9０-９一二三四五六七八九十]")


# A rural lot without 字: the 大字's name, then 甲, 乙, 丙 or 丁 and the 番地 (上松乙77番地, 柑子谷甲45番地1); the
# name is the whole kanji run before the 甲 (one to four kanji), and the 番地 is written out.
_KOU_OTSU_RE: Final = re.compile(
    f"(?<![一-龥々ヶケ]){_TOWN_CHARS}{{1,4}}[甲乙丙丁](?:{_NUM}番地(?:[のノ]?{_NUM}(?:号)?)?(?:-{_DIGITS})?)(?![0-9])"
)
_KOU_OTSU_AT: Final = Before(_KOU_OTSU_RE, ("甲", "乙", "丙", "丁"), 4)


def oaza_addresses(text: str) -> list[tuple[int, int]]:
    """大字…番地 and 字… + lot number addresses (a 番地 in kanji numerals included), and lots of a 大字 parted by
    甲 and 乙: the 番地 or lot number makes them surer than a name read inside them."""
    out = [m.span() for m in _KOU_OTSU_AT.finditer(text)] if "番地" in text else []
    if "字" not in text:
        return out
    out.extend(m.span() for m in _OAZA_AT.finditer(text))
    for m in _BARE_OAZA_AT.finditer(text):
        if m.group("oaza")[-1] in _NOT_OAZA_END:
            continue
        out.append((town_chain_start(text, m.start()), m.end()))
    return out


def town_chain_start(text: str, start: int) -> int:
    """Where the prefecture, county and town written just before `start` begin (宮城県本吉郡汐浜町), or `start`."""
    chain = _TOWN_CHAIN_RE.search(text, max(0, start - 24), start) if start else None
    return chain.start() if chain is not None else start


def districts(t: Tokens) -> list[tuple[int, int]]:
    """A town and a 丁目 with no 番地 after it (北町二丁目): a district."""
    text = t.text
    out: list[tuple[int, int]] = []
    pos = text.find("丁目")
    while pos >= 0:
        m = _DISTRICT_RE.search(text, max(0, pos - 4))
        if m is not None and m.end() == pos + 2:
            start = _town_before(t, m.start())
            if start >= 0:
                out.append((start, m.end()))
        pos = text.find("丁目", pos + 2)
    return out


# A building and its room with no town or block (中瀬ハイツ102, コーポ浜205号室): the room makes it a home.
_ROOM_BUILDINGS: Final = ("ハイツ", "コーポ", "メゾン", "マンション", "アパート", "レジデンス", "ハイム", "荘", "寮")
_BUILDING_ROOM_RE: Final = re.compile(
    f"(?<![{_NAME_CHAR[1:-1]}0-9])[一-龥々ヶケァ-ヺー]{{1,8}}?(?:{'|'.join(_ROOM_BUILDINGS)})"
    r"[ \t]?[A-Z]?[0-9]{3,4}(?:号室|号)?(?![0-9])"
)
_BUILDING_ROOM_AT: Final = Before(_BUILDING_ROOM_RE, _ROOM_BUILDINGS, 8)
# A town and a lot number of three or more digits, then a building or a lot's second number (網代浜102-6,
# 網代浜210 第二寮5): a score or a count is not so written.
# (or said aloud, the second number after の: 上原1127の4)
_LOT_RE: Final = re.compile(r"[0-9]{3,5}(?:-[0-9]{1,4}|の[0-9]{1,3}(?![0-9月日年回人歳件つ時分]))?(?![0-9-])")


_YEAR_MONTH_RE: Final = re.compile(r"(?:19|20)[0-9]{2}-(?:0?[1-9]|1[0-2])")
# Where a rural home is written as its district and lot number alone (日向1187, 上野2301): after a label for a
# place (場所：, 旧：, 物件：, 火元は), in brackets after someone (宮澤 舞さん（日向1187、, 森 トヨさん（91、宮原1450）),
# or in a column after a name on a list's line (栗林 タケ様　奥沢330).
_LOT_LABEL_RE: Final = re.compile(
    r"(?:住所|住まい|居所|場所|現場|物件|所在地?|訪問先|転居先|旧|新|火元|自宅|宅)[ \u3000]*[：:は]?[ \u3000]*\Z"
)
_LOT_AFTER_SOMEONE_RE: Final = re.compile(r"(?:さん|様|氏|宅)[（(](?:[^（()）\n]{0,10}、)?\Z")
_LOT_IN_ROW_RE: Final = re.compile(r"(?:^|[\n\t]|[0-9]{1,3}[ \u3000])[一-龥ァ-ヺー]{1,4}[ \u3000][一-龥ァ-ヺーぁ-ゖ]{1,4}(?:様|さん)?[ \u3000\t]+\Z", re.M)
_LOT_AFTER_RE: Final = re.compile(r"[0-9.,:/%年月日時分人名円件戸頭匹羽本枚台部個回歳号階万千億mkg]")


_WORD_CHAR_RE: Final = re.compile("[一-龥々ノケヶ]")
# (nor a telephone's kind: 松田さん（内線3104）)
_NOT_DISTRICTS: Final = frozenset(
    "定員 合計 予算 人口 世帯 面積 番号 全体 総数 約 計 第 平均 累計 目標 実績 残高 金額 単価 件数 内線 外線 直通 携帯 電話 代表".split()
)


def _word_before(text: str, at: int) -> int:
    """Start of a word of two to five kanji ending at `at` with no kanji before it; -1 if there is none."""
    k = at
    while k > 0 and at - k < 5 and _WORD_CHAR_RE.match(text, k - 1):
        k -= 1
    if at - k < 2 or (k > 0 and _WORD_CHAR_RE.match(text, k - 1)) or text[k:at] in _NOT_DISTRICTS:
        return -1
    return k


def _lot_in_context(text: str, start: int, end: int) -> bool:
    """Whether a place and a bare lot number at text[start:end] stand where a home's address is written, or
    the place is one of the text's districts (上野区, 大字上野, 上野地区)."""
    if end < len(text) and _LOT_AFTER_RE.match(text, end) is not None:
        return False
    lo = max(0, start - 24)
    if any(r.search(text, lo, start) is not None for r in (_LOT_LABEL_RE, _LOT_AFTER_SOMEONE_RE, _LOT_IN_ROW_RE)):
        return True
    k = start
    while k < end and not text[k].isdigit():
        k += 1
    word = text[start:k].rstrip(" \u3000")
    return any(w in text for w in (word + "区", word + "地区", word + "集落", "大字" + word))


def building_rooms(text: str) -> list[tuple[int, int]]:
    """A building's name and a room number, standing alone (the pattern opens with a class, so it runs only
    where a building word is in the text)."""
    if not any(w in text for w in _ROOM_BUILDINGS):
        return []
    return [m.span() for m in _BUILDING_ROOM_AT.finditer(text)]


def town_lots(t: Tokens) -> list[tuple[int, int]]:
    """A place the dictionary knows, then a lot number of three or more digits (and a building, if one follows)."""
    text = t.text
    out: list[tuple[int, int]] = []
    for m in _LOT_RE.finditer(text):
        if m.start() == 0 or text[m.start() - 1] in "0123456789-.:/":
            continue
        if _YEAR_MONTH_RE.fullmatch(m.group()):
            continue  # 2023-12: a month
        # (a lot said with の, 上原1127の4: no one's name runs on into such a number)
        start = _town_before(t, m.start(), "の" in m.group())
        if start < 0 and "-" in m.group() and m.start() > 1 and text[m.start() - 1] in " \u3000":
            start = _town_before(t, m.start() - 1)  # 上野原 ７７２－３
        if start < 0:
            # A district the dictionary does not know (入山, 宮ノ下) where a home is written.
            start = _word_before(text, m.start())
            if start < 0 or not _lot_in_context(text, start, m.end()):
                continue
        if text.startswith(_ERAS, start):
            continue
        b = BUILDING_RE.match(text, m.end())
        end = b.end() if b is not None and b.end() > m.end() else m.end()
        if end == m.end() and "-" not in m.group() and "の" not in m.group() and not _lot_in_context(text, start, m.end()):
            continue  # a place and a bare number (網代浜 210) only with a building after it, or where a home is written
        out.append((start, end))
    return out


# Said aloud and written in kana, numbers too: わかばがおか さんちょうめ にのじゅうご, みなと町のにの十五の三,
# おおあざかみのはら、あざなかむら、せんにひゃくさんばんち.
_KANA_NUM: Final = (
    "(?:(?:いっ|はっ|ろっ|きゅう|じゅう|ひゃく|びゃく|ぴゃく|せん|ぜん|いち|さん|よん|なな|しち|はち|まる|ぜろ|れい|ろく|に|し|ご|く)+"
    "|[0-9０-９一二三四五六七八九十百千〇]+)"
)
_GAP: Final = "[ 、\u3000]*"
_SPOKEN_KANA_RE: Final = re.compile(
    # (the town opens after a particle too: 引っ越し先はみどりちょう いっちょうめ…)
    f"(?:(?<![ぁ-ゖ一-龥ァ-ヺー])|(?<=[はがをにへ]))[ぁ-ゖ一-龥ァ-ヺー]{{0,8}}?(?:ちょう|まち|だい|がおか|おか|町|台|丘)"
    f"(?:{_GAP}{_KANA_NUM}ちょうめ{_GAP}(?:の{_GAP})?{_KANA_NUM}(?:{_GAP}の{_GAP}{_KANA_NUM}){{0,2}}"
    f"|の{_KANA_NUM}の{_KANA_NUM}(?:の{_KANA_NUM})?)(?:ばんち|ばん|ごう)?"
    f"|おおあざ[ぁ-ゖ]{{2,8}}?{_GAP}(?:あざ[ぁ-ゖ]{{2,8}}?{_GAP})?{_KANA_NUM}ばんち(?:の?{_KANA_NUM})?"
)


_SPOKEN_KANA_HINT_RE: Final = re.compile("[町台丘]の(?:に|さん|よん|ご|ろく|なな|はち|きゅう|いち|じゅう)の")


def kana_spoken_addresses(text: str) -> list[tuple[int, int]]:
    """Addresses said aloud and written down in kana (tried only where a kana 丁目 or 番地 is written, or a
    town's number in kana follows の)."""
    if "ちょうめ" not in text and "ばんち" not in text and _SPOKEN_KANA_HINT_RE.search(text) is None:
        return []
    return [m.span() for m in _SPOKEN_KANA_RE.finditer(text)]
