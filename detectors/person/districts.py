"""A town's districts written beside its people: where a district bears a family name (上野, 中村, 田中 are
hamlets as often as families), what stands around the word tells which it is.

- in brackets right after a person's name: 田中 公一（田中）, Nguyen Van Hung（田中）: where they live;
- before の and a person's name: 中村の中村 栄さん, 下川原のかわはら そらちゃん;
- as a line's label before a list of people and nothing else: 上野：林様、上野 ハル様;
- before 方面 (上野方面) or quoted before という行政区/地区/集落: 「上野」「中村」という行政区;
- the town an address in the same text starts from (長根 of 長根第6地割88番地, 中野 of 大字中野第3地割),
  standing bare or with a 班/区/組 after it (長根の奥, 長根班, 中野担当), not where a staff slot (担当：中野)
  or an introduction (中野です) makes it a name.

Applied over every detector's PERSON findings (after the echo pass, with the lists of places); a bare
PERSON finding there (no honorific or title after it, no given name in it) becomes a LOCATION finding.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Final

from detectors.model import Finding
from detectors.names_common import common_names
from detectors.person.words import CALLED_AFTER_RE

_DETECTOR_ID: Final = "districts.location"
_LATIN_RE: Final = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff5a]")
# A district's word: two to five kanji (ケ, ヶ and ノ inside), or kana.
_WORD_RE: Final = re.compile(r"[一-龥々](?:[一-龥々ケヶノ]{0,3}[一-龥々])?|[ぁ-ゖ]{2,6}")
_DIRECTION_FIRST: Final = frozenset("・、方地在の集山に沿小中港漁島支各郵一二三四五六七八九十0123456789０１２３４５６７８９")
# (also the last of several: 田中・中村方面)
_DIRECTION_AFTER_RE: Final = re.compile(
    "(?:[・、][一-龥々ケヶノ]{1,5})*(?:方面|地内|地域|在住|にお住まい|に住む|に住んで|の空き家|の集落|集落|の屯所|の公民館|の集会所|の?山間部|の?山間地|の?沿岸部|の各地区|の各集落|の地区|の灯台|の?港(?![湾区町])|の?漁港|の海岸|の島民|島内|の?支所|の?各(?:集会所|公民館|地区|集落|区)|の?郵便局|[一二三四五六七八九十0-9０-９]{1,2}丁目)"
    # its school, with a year after it (中村小4年, 上野中2年)
    "|[小中](?:学校|[1-6１-６]年|体育館|(?=[,、・）)\\s]|$))"
)
_NAMED_AS_RE: Final = re.compile(r"」(?:「[^」\n]{1,8}」)*(?:という|の)(?:行政区|地区|集落|大字|字|自治会|町内会|地名|班)")
_CALL_BEFORE_RE: Final = re.compile(r"(?:さん|様|さま|氏|殿)\Z")
# What may follow a district's name where nothing else marks it (not a title: 中村班長, 宮下区長：).
_BARE_AFTER: Final = frozenset("の、・）)。\nはにへでを")
_SELF_INTRO_AFTER_RE: Final = re.compile("です|でございます|と申し|と言い|といい|じゃけど|ですけど|だけど|から電話|より")
_HEADS: Final = ("区長", "組長", "班長", "自治会長", "町内会長")
_AFTER_OAZA_RE: Final = re.compile("大字[一-龥々ケヶノ]{1,5}[ \u3000]\\Z")
# The town an address runs from: at its start or after 大字/字/a municipality, before 第, 字, a number or 丁目.
_ADDRESS_HEAD_RE: Final = re.compile(
    "(?:^|大字|字|[市町村区郡])([一-龥々ケヶノ]{2,4}?)(?=第|字|[0-9０-９]|[一二三四五六七八九十]{1,3}丁目)"
)
_UNITS: Final = "班区組"
_GROUP_RE: Final = re.compile("[一-龥々ヶケ]{2,4}班")
_GIVEN_AFTER_RE: Final = re.compile("[ \u3000]+[一-龥々ぁ-ゖァ-ヺ]")
_LIST_SEP_RE: Final = re.compile("[・、]")
_LISTED_PLACES_RE: Final = re.compile(r"(?:集落|地区|行政区|大字|地名|町名|自治会)名?[（(][^）)\n]{0,40}$")
# What a label's line may hold besides the names it lists: separators, honorifics, brackets, counts.
_LIST_REST_RE: Final = re.compile(r"(?:[\s、,，・/／（()）]|様|さん|殿|氏|ちゃん|くん|[0-9０-９]{1,3}(?:世帯|人|名|歳)|ほか|他)*")


# The municipality the text is from, named by its office or its own services (峰浦市, 塩浜町役場): its
# name alone is the place (国保記号番号 峰浦 0342185, 峰浦第二中学校), and 峰浦市子 is 峰浦市 and a word.
_KANJI_RE: Final = re.compile("[一-龥々]")
_MUNICIPALITY_SUFFIX_RE: Final = re.compile("市(?![場民長])|[町村](?=役場|長|内|民|立|議会|営)")


def districts_beside_people(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """`findings` with the PERSON findings that name a district beside a person made LOCATION findings."""
    persons = sorted((f for f in findings if f.entity == "PERSON"), key=lambda f: f.start)
    if not persons:
        return list(findings)
    places: set[int] = set()  # ids of the PERSON findings that are places
    own = _municipalities(text)
    if own:
        prefixes = tuple(w + k for w in own for k in "市町村")
        places = {
            id(f)
            for f in persons
            if (f.text in own or f.text.startswith(prefixes)) and CALLED_AFTER_RE.match(text, f.end) is None
        }
        persons = [f for f in persons if id(f) not in places]
    starts = [f.start for f in persons]
    # (the longest where two end together: 上山 キミ, not the given name echoed inside it)
    by_end: dict[int, Finding] = {}
    for f in persons:
        if f.end not in by_end or f.end - f.start > by_end[f.end].end - by_end[f.end].start:
            by_end[f.end] = f
    # Places found by the dictionary or a pattern (the municipality's name among them): a word joined to one
    # by ・ or と is a place too (松島・藤島); gathered only if an island's or a bay's name is among the findings.
    place_spans: list[tuple[int, int]] = []
    if any(f.text[-1] in "島浦" for f in persons):
        place_spans = [(f.start, f.end) for f in findings if f.entity == "LOCATION" or id(f) in places]
    place_starts = frozenset(s for s, _ in place_spans)
    place_ends = frozenset(e for _, e in place_spans)
    listed_places = "大字" in text or "地区" in text
    found: set[int] = set()
    for f in persons:
        if _WORD_RE.fullmatch(f.text) is None or CALLED_AFTER_RE.match(text, f.end) is not None:
            continue
        if (
            _district(text, f, by_end, starts, persons, listed_places)
            or (place_spans and _joined_to_place(text, f, place_starts, place_ends))
            or _GROUP_RE.fullmatch(f.text) is not None  # a district's group (岩谷班), not 中村班長
        ):
            found.add(id(f))
    # A word the text uses as a district is that district wherever else it stands bare (岩井谷の方へ after
    # 岩井谷は区長宅 was read so), unless someone introduces themself by it (田中の、田中です).
    named = {f.text for f in persons if id(f) in found}
    for f in persons:
        if (
            id(f) not in found
            and f.text in named
            and CALLED_AFTER_RE.match(text, f.end) is None
            and _SELF_INTRO_AFTER_RE.match(text, f.end) is None
            and (f.end >= len(text) or text[f.end] in _BARE_AFTER)
        ):
            found.add(id(f))
    heads = _address_heads(findings)
    if heads:
        found |= {id(f) for f in persons if id(f) not in found and _bare_address_head(text, f, heads)}
    places |= found
    if not places:
        return list(findings)
    return [
        Finding("LOCATION", f.start, f.end, f.text, f.score, _DETECTOR_ID) if id(f) in places else f for f in findings
    ]


def _address_heads(findings: Sequence[Finding]) -> frozenset[str]:
    """The towns the text's addresses run from (長根 of 長根第6地割88番地, 下沢 and 西ノ沢 of 下沢字西ノ沢11番地)."""
    return frozenset(m.group(1) for f in findings if f.entity == "ADDRESS" for m in _ADDRESS_HEAD_RE.finditer(f.text))


def _bare_address_head(text: str, f: Finding, heads: frozenset[str]) -> bool:
    """A PERSON finding that is one of the text's address towns, bare or with a district's unit after it,
    and not in a staff slot (担当：中野, 訪問介護 千葉) or an introduction (中野です)."""
    word = f.text[:-1] if f.text[-1:] in _UNITS else f.text
    if word not in heads or CALLED_AFTER_RE.match(text, f.end) is not None or _SELF_INTRO_AFTER_RE.match(text, f.end):
        return False
    before = text[f.start - 1] if f.start > 0 else ""
    if _GIVEN_AFTER_RE.match(text, f.end) is not None:
        return False  # 母は比嘉 ツル: the family name of a full name, written like the village's 字比嘉
    return before not in "：:" and (before not in " \u3000\t" or word != f.text)


def _municipalities(text: str) -> set[str]:
    """The names before 市 (and before 町 or 村 with an office's word after them): a run of two to four
    kanji, looked for back from each suffix."""
    out: set[str] = set()
    for m in _MUNICIPALITY_SUFFIX_RE.finditer(text):
        k = m.start()
        while k > 0 and m.start() - k < 5 and _KANJI_RE.match(text, k - 1):
            k -= 1
        if 2 <= m.start() - k <= 4:
            name = text[k : m.start()]
            # 北村町長： is Mayor 北村 as often as 北村町's mayor: a family name before 町長 or 村長 is the
            # town only where the text names that town without its head too (北村町役場, 北村町の).
            if m.group() != "市" and text.startswith("長", m.end()) and name in common_names().family:
                town = text[k : m.end()]
                if text.count(town) <= text.count(town + "長"):
                    continue
            out.add(name)
    return out


def _district(
    text: str, f: Finding, by_end: dict[int, Finding], starts: list[int], persons: list[Finding], listed_places: bool
) -> bool:
    s, e = f.start, f.end
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    # 田中 公一（田中）: in brackets right after a name written in Japanese (after a name in Latin letters the
    # bracket gives it in Chinese characters: ZHANG YUTING（张雨婷）, Chen Jiahao (陈佳豪)).
    # (a word in kana there is the name's reading: 上河原 健一（かみかわら）)
    if before in "（(" and after in "）)、," and not "ぁ" <= f.text[0] <= "ゖ":
        k = s - 1 if s - 1 in by_end else s - 2 if s >= 2 and text[s - 2] in " \u3000" and s - 2 in by_end else -1
        # (上山 キミさん（杉谷、0868-…）: an honorific between, only after a full name: ちえ子様（雨宮） gives
        # the family name of a given name)
        if k < 0 and (h := _CALL_BEFORE_RE.search(text, max(0, s - 4), s - 1)) is not None and _full_name(by_end.get(h.start())):
            k = h.start()
        if k > 0 and not text[k - 1].isascii() and _LATIN_RE.match(text[k - 1]) is None:
            return True
    # 矢吹 誠／奥谷: after a slash after a full name; 岩崎 正一　宮浦　一本釣り: the next column of a roster.
    if s >= 1 and (text[s - 1] in "／/" or (text[s - 1] in "\t\u3000" and after in "\t\u3000")) and s - 1 in by_end:
        return _full_name(by_end[s - 1])
    # 集落名（上野、中村、田中など）: an item of the places a bracket lists.
    if before in "（(、,・" and "名" in text and _LISTED_PLACES_RE.search(text, max(0, s - 40), s) is not None:
        return True
    # 被害状況（中島・堤・大字高木）: an item of a list with a 大字 or a 地区 in it.
    if listed_places and (before in "（(・、" or after in "）)・、") and _in_list_of_places(text, s, e):
        return True
    # 谷口区長（下村）: the district a head stands for, in brackets after the title.
    if before in "（(" and after in "）)" and text.endswith(_HEADS, 0, s - 1):
        return True
    # 上原区長 上原 悟: a district's head, named after the district, before their name.
    if after in "区組班自町" and text.startswith(_HEADS, e):
        k = e + next(len(h) for h in _HEADS if text.startswith(h, e))
        while k < len(text) and text[k] in " \u3000":
            k += 1
        if _person_at(starts, persons, k):
            return True
    # 大字小池 向原: a 小字 after its 大字.
    if before in " \u3000" and _AFTER_OAZA_RE.search(text, max(0, s - 9), s) is not None:
        return True
    # 中村の中村 栄さん: before の and a name.
    if after == "の" and _person_at(starts, persons, e + 1):
        return True
    if after in _DIRECTION_FIRST and _DIRECTION_AFTER_RE.match(text, e) is not None:
        return True
    # 「上野」「中村」「田中」という行政区
    if before == "「" and after == "」" and _NAMED_AS_RE.match(text, e) is not None:
        return True
    # 杉谷 杉谷 正、横田 横田 実: a hamlet, then its head of the same name.
    if (
        s > 0
        and text[s - 1] in "、,"
        and e < len(text)
        and text[e] in " \u3000"
        and (nxt := _person_at(starts, persons, e + 1)) is not None
        and nxt.text.startswith((f.text + " ", f.text + "\u3000"))
    ):
        return True
    # 上野：林様、上野 ハル様 — a label at the line's start, then only names; 中村　中村 茂　0186-… — a
    # column before a full name.
    if s == 0 or text[s - 1] == "\n":
        if text.startswith(("：", ":"), e):
            return _only_names(text, e + 1, starts, persons)
        k = e
        while k < len(text) and text[k] in " \u3000\t":
            k += 1
        if k > e:
            return _full_name(_person_at(starts, persons, k))
    return False


def _in_list_of_places(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] is an item of a ・ or 、 list (within a bracket or a line) that names a 大字 or a 地区."""
    lo = max(text.rfind(c, 0, s) for c in "（(\n") + 1
    hi = min((k for k in (text.find(c, e) for c in "）)\n") if k >= 0), default=len(text))
    segment = text[lo:hi]
    return ("大字" in segment or "地区" in segment) and text[s:e] in _LIST_SEP_RE.split(segment)


def _joined_to_place(text: str, f: Finding, place_starts: frozenset[int], place_ends: frozenset[int]) -> bool:
    """Whether the word is joined by ・ or と to a place found otherwise."""
    s, e = f.start, f.end
    # (only an island's or a bay's name: a family name joined to a town's, 小此木・新発田, stays a name)
    if f.text[-1] not in "島浦":
        return False
    before = s >= 2 and text[s - 1] in "・と" and (s - 1) in place_ends
    after = e + 1 < len(text) and text[e] in "・と" and (e + 1) in place_starts
    return before or after


def _person_at(starts: list[int], persons: list[Finding], pos: int) -> Finding | None:
    """The PERSON finding that starts at `pos`, if one does."""
    i = bisect.bisect_left(starts, pos)
    return persons[i] if i < len(starts) and starts[i] == pos else None


def _full_name(f: Finding | None) -> bool:
    """Whether `f` is a name written with a space between its parts (田中 公一), not a word alone."""
    return f is not None and (" " in f.text or "\u3000" in f.text)


def _only_names(text: str, pos: int, starts: list[int], persons: list[Finding]) -> bool:
    """Whether the rest of the line from `pos` holds one name or more and nothing but names, honorifics,
    separators and bracketed notes."""
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    i = bisect.bisect_left(starts, pos)
    at, named = pos, 0
    while i < len(persons) and persons[i].start < end:
        f = persons[i]
        if f.start < at:
            i += 1
            continue
        if _LIST_REST_RE.fullmatch(text, at, f.start) is None:
            return False
        at, named = f.end, named + 1
        i += 1
    return named > 0 and _LIST_REST_RE.fullmatch(text, at, end) is not None
