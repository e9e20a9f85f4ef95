"""A bare word in a list of places is a place: 東雲台、若宮町、上河原 — the last reads as a family name alone;
and so is a cell in a table's column of places (| 大字 | … |, | 所在地 |): 上野, 川原, 本町 there are places.

Applied over every detector's PERSON findings (after the echo pass), since a name-shaped place can come
from the morphology pass, a list of siblings or an echo. A finding is dropped when it is a whole list
item (not running past it) with nothing after it in the item but の…, so no honorific or title, and at
least two other items of its list (or all of them) are places by their own shape (a district or facility
suffix, 大字/字 before them) or by a LOCATION or ADDRESS finding over the whole item.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import Final

from detectors.model import Finding
from detectors.names_common import common_names
from detectors.openings import AfterBoundary, Before
from detectors.person.words import CALLED_AFTER_RE

# A list in running text: items of up to 20 characters with no space or sentence punctuation, separated
# by 、 or ・ (not commas: a CSV row's columns are of different kinds, 中央地区,勘解由小路 篤).
_ITEM: Final = r"[^\s、・，,。：:（）()「」『』【】]{1,20}"
_LIST_RE: Final = re.compile(rf"{_ITEM}(?:[、・]{_ITEM})+")
_SEP_RE: Final = re.compile(r"[、・]")
# The item that ends where a separator stands (searched with the separator as the end of the text).
_LAST_ITEM_RE: Final = re.compile(rf"{_ITEM}\Z")
_PLACE_END_RE: Final = re.compile(
    r"(?:町|台|丁目|村|地区|団地|住宅|ケ丘|が丘|ヶ丘|公民館|センター|館|広場|公園|小学校|中学校|学区|区域|方面|駅|通り|集落|沿岸部?|漁港)"
    r"(?:(?:の|など|等|ほか)\S{0,8})?$"
)
_PLACE_START_RE: Final = re.compile(r"^(?:大字|字)")
# A given name after a space (比嘉 カメ, read as 比嘉 alone): the family name of a person, not the district.
_GIVEN_NAME_AFTER_RE: Final = re.compile("[ \u3000][一-龥々ァ-ヺー]")
# A title or a speaker's colon after the word (東委員：, 玉城課長), a section or a receiver before it (住民係 玉城,
# 保健福祉課 宮城へ, 受　仲村渠): a member of staff, whatever the text calls a place.
_TITLE_AFTER_RE: Final = re.compile("[ \u3000]?(?:委員|会長|区長|課長|係長|主査|主事|主任|部長|所長|議員|町長|村長|市長|先生|医師|看護師|保健師|[：:])")
_SECTION_BEFORE_RE: Final = re.compile("(?:課|係|室|班|受|担当|対応|記録)[ \u3000]+\\Z")
# A person's slot (担当：中村, 受付者：上野): the word there is someone, whatever the text calls a place.
_PERSON_LABEL_RE: Final = re.compile(r"(?:者|主|担当|氏名|名前|受付|受|対応|記録|職員|員|長|係|宛先?)[ \u3000]*[：:][ \u3000]*\Z")


def places_in_lists(
    text: str,
    findings: Sequence[Finding],
    cells: frozenset[tuple[int, int]] = frozenset(),
    local: frozenset[str] = frozenset(),
) -> list[Finding]:
    """`findings` without the PERSON findings that are bare items of a list of places; a PERSON finding
    that is a whole cell of a column of places (`cells`: their spans in `text`) becomes a LOCATION finding, and so
    does one that is one of the municipality's own districts (`local`, from `local_places`) standing bare."""
    persons = [f for f in findings if f.entity == "PERSON"]
    if not persons:
        return list(findings)
    # A word the text also writes as a place (大字小浦, 小浦漁港, 網代浜集落) is that
    # place where it stands alone as a PERSON finding with no honorific: a town's own districts.
    marked = _place_words(text)
    listed = frozenset(w for w in local if w in text)
    if marked or listed:
        findings = [
            Finding("LOCATION", f.start, f.end, f.text, f.score, "placelists.location")
            if f.entity == "PERSON" and (f.text in marked or f.text in listed) and _bare_place(text, f, f.text in marked)
            else f
            for f in findings
        ]
        persons = [f for f in findings if f.entity == "PERSON"]
    if cells:
        findings = [
            Finding("LOCATION", f.start, f.end, f.text, f.score, "placelists.location")
            if f.entity == "PERSON"
            and ((f.start, f.end) in cells or any(s <= f.start and f.end <= e for s, e in cells))
            else f
            for f in findings
        ]
        persons = [f for f in findings if f.entity == "PERSON"]
    places = sorted((f.start, f.end) for f in findings if f.entity in ("LOCATION", "ADDRESS"))
    # The place spans by start, and the furthest end reached by any of the first k of them: an item lies
    # inside some place when a place starting at or before it reaches its end.
    place_starts = [s for s, _ in places]
    reach: list[int] = []
    for _, e in places:
        reach.append(max(e, reach[-1]) if reach else e)
    # By start, so the findings inside a list are found by bisection (Wikipedia text holds thousands of
    # 、-separated runs and hundreds of names per chunk).
    persons.sort(key=lambda f: f.start)
    starts = [f.start for f in persons]
    dropped: set[int] = set()
    for lo_at, hi_at, items in (*_list_items(text), *_header_cells(text)):
        lo = bisect.bisect_left(starts, lo_at)
        hi = bisect.bisect_left(starts, hi_at, lo)
        if lo == hi:
            continue
        shaped = [_is_place(text, s, e, place_starts, reach) for s, e in items]
        if sum(shaped) < 2:
            continue
        for f in persons[lo:hi]:
            item = next(((s, e) for s, e in items if s <= f.start < e), None)
            if item is None or f.start != item[0] or f.end > item[1]:
                continue
            # The item is the finding, or the finding then の and words (上河原の3つ).
            rest = text[f.end : item[1]]
            if rest and not rest.startswith("の"):
                continue
            others = [sh for (s, e), sh in zip(items, shaped, strict=True) if (s, e) != item]
            if sum(others) >= 2 or (others and all(others)):
                dropped.add(id(f))
    return [f for f in findings if id(f) not in dropped]


Items = list[tuple[int, int]]


def _list_items(text: str) -> Iterator[tuple[int, int, Items]]:
    """Each list of running text: its span and its items' spans."""
    for m in _lists(text):
        items: Items = []
        pos = m.start()
        for sep in _SEP_RE.finditer(text, m.start(), m.end()):
            items.append((pos, sep.start()))
            pos = sep.end()
        items.append((pos, m.end()))
        yield m.start(), m.end(), items


# A Markdown table's header row (the line above |---|---|): its cells name the columns, and a column
# headed by a district (| 曜日 | 桜台 | 旭町 | 本町 |) is that district's, not a person's.
_HEADER_ROW_RE: Final = re.compile(r"^\|(?P<cells>[^\n]*)\|[ \t]*\n\|[ \t:]*-{3,}", re.MULTILINE)
_CELL_RE: Final = re.compile(r"[^|\s](?:[^|\n]*[^|\s])?")


def _header_cells(text: str) -> Iterator[tuple[int, int, Items]]:
    """Each Markdown header row: its span and its cells' spans (blanks around them left out); a cell
    holding a space (山田 太郎) is no column's district and is left out too."""
    if "|" not in text:
        return
    for m in _HEADER_ROW_RE.finditer(text):
        cells = [c.span() for c in _CELL_RE.finditer(text, m.start("cells"), m.end("cells"))]
        items = [(s, e) for s, e in cells if " " not in text[s:e] and "\u3000" not in text[s:e]]
        if len(items) >= 3:
            yield m.start("cells"), m.end("cells"), items


def _bare_place(text: str, f: Finding, marked: bool) -> bool:
    """Whether a PERSON finding over a district's word stands as the place: no honorific, person's slot or given
    name around it; and for a word known only from the municipality's list (not marked as a place in this
    text), no title, speaker's colon, section or receiver either (東委員：, 住民係 玉城)."""
    if (
        CALLED_AFTER_RE.match(text, f.end) is not None
        or _PERSON_LABEL_RE.search(text, max(0, f.start - 12), f.start) is not None
        or _GIVEN_NAME_AFTER_RE.match(text, f.end) is not None
    ):
        return False
    return marked or (
        _TITLE_AFTER_RE.match(text, f.end) is None and _SECTION_BEFORE_RE.search(text, max(0, f.start - 8), f.start) is None
    )


def _lists(text: str) -> Iterator[re.Match[str]]:
    """`_LIST_RE.finditer(text)`, tried only just before a separator. A list's first item ends at a
    separator and holds at most 20 characters, so the leftmost list from `pos` starts at the leftmost
    place, within 20 characters before the first separator after `pos`, from which only item characters
    reach it; where the list fails there (nothing after the separator), it fails from every such place."""
    pos = 0
    for sep in _SEP_RE.finditer(text, 1):
        q = sep.start()
        if q <= pos:
            continue
        item = _LAST_ITEM_RE.search(text, max(pos, q - 20), q)
        if item is None:
            continue
        m = _LIST_RE.match(text, item.start())
        if m is not None:
            yield m
            pos = m.end()


def _is_place(text: str, s: int, e: int, place_starts: Sequence[int], reach: Sequence[int]) -> bool:
    item = text[s:e]
    # (a family name ending in a settlement's character is no place by its shape: 今村, 中村, 北町)
    if _PLACE_START_RE.search(item) or (_PLACE_END_RE.search(item) and item not in common_names().family):
        return True
    k = bisect.bisect_right(place_starts, s)  # a place found over the whole item
    return k > 0 and reach[k - 1] >= e


# A place by its construction: after 大字 or 字, before a kind of settlement or facility, or before a lot number.
_PLACE_MARKED_RE: Final = re.compile(
    # a part of a 大字 (大字中瀬のうち西ノ坊), a district counted by households (網代浜 18世帯)
    r"(?:大字|字)[一-龥ケヶノ]{1,6}のうち(?P<c>[一-龥ケヶノ]{2,5})"
    r"|(?<![一-龥ケヶノ])(?P<d>[一-龥ケヶノ]{2,5})[ \u3000]?[0-9０-９]{1,4}世帯"
    r"|(?:大字|(?<![一-龥々])字)(?P<a>[一-龥ケヶノ]{1,5}?)(?=字|[0-9０-９一二三四五六七八九十百]|[、・\s（(：:]|の|$)"
    # the head of a district addressed by it (上河原区長　様) or named after someone (林 武（上河原区長）)
    r"|(?<![一-龥ケヶノ])(?P<e>[一-龥ケヶノ]{2,5})区長(?:[ \u3000]*(?:様|殿)|[）)])"
    # the district of a lot number, after its town or on its own (汐見町小浦218番地2, | 大浦5番地 |)
    r"|(?:(?<=[町村])|(?<![一-龥ケヶノ]))(?P<f>[一-龥ケヶノ]{2,4}?)[0-9０-９]{1,4}番地"
    r"|(?P<b>[一-龥ケヶノ]{2,6}?)(?:の集落|集落|地区|漁港|公民館|集会所|小学校|中学校|神社|自治会|町内会|区域|沿岸|漁村|分校|航路|支所|出張所|港|沖)",
    re.MULTILINE,
)
# Every alternative of _PLACE_MARKED_RE holds one of these; a match lies within 12 characters before and
# 20 after one, so the pattern (which opens with classes, slow at every kanji) runs only in those windows.
_TRIGGER_RE: Final = re.compile(
    "字|世帯|区長|番地|集落|地区|漁港|公民館|集会所|小学校|中学校|神社|自治会|町内会|区域|沿岸|漁村|分校|航路|支所|出張所|港|沖"
)


def _marked(text: str) -> list[re.Match[str]]:
    """_PLACE_MARKED_RE's matches, found in merged windows around its trigger words."""
    windows: list[list[int]] = []
    for t in _TRIGGER_RE.finditer(text):
        lo, hi = max(0, t.start() - 12), min(len(text), t.end() + 20)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    out: list[re.Match[str]] = []
    for lo, hi in windows:
        out.extend(_PLACE_MARKED_RE.finditer(text, lo, hi))
    return out


_ROUTE_RE: Final = re.compile(r"[一-龥ケヶノ]{1,6}(?:→[一-龥ケヶノ]{1,6}){2,}")
_COUNTED_ITEM_RE: Final = re.compile(
    r"(?:^|(?<=[、，,：:\s]))(?P<w>[一-龥ケヶノ]{2,5})[0-9０-９]{2,5}(?=[、，,。\s]|です|$)", re.MULTILINE
)
_COUNTED_ITEM_AT: Final = AfterBoundary(_COUNTED_ITEM_RE, r"[、，,：:\s]")
_BY_DISTRICT_RE: Final = re.compile(
    r"地区別(?:では|は|に|で|：|:)?[ \u3000]?(?P<items>[一-龥ケヶノ]{2,5}(?:[と、・][一-龥ケヶノ]{2,5})+)"
)
_BY_SEP_RE: Final = re.compile("[と、・]")
_DIVISION_RE: Final = re.compile(r"(?:投票区|投票所|分団|学区|校区|行政区|班)[（(](?P<w>[一-龥ケヶノ]{2,5})[）)]")
_COUNTED_LIST_RE: Final = re.compile(
    r"(?P<items>[一-龥ケヶノ]{2,5}(?:[、・][一-龥ケヶノ]{2,5})+)の[0-9０-９一二三四五六七八九十]{1,2}(?:つの(?:大字|地区|集落|町|地域|行政区|区|班|自治会|町内会)|(?:大字|地区|集落|行政区|自治会|町内会))"
)
# What every match of _COUNTED_LIST_RE ends with; it opens with の, which sre skips ahead to.
_COUNTED_TAIL_RE: Final = re.compile("の[0-9０-９一二三四五六七八九十]{1,2}(?:つの|大字|地区|集落|行政区|自治会|町内会)")
_LIST_SEP_RE: Final = re.compile("[、・]")
_AND_DISTRICT_RE: Final = re.compile(
    "(?<![一-龥ケヶノ])[一-龥ケヶノ]{2,5}?(?:地区|集落)と(?P<r>[一-龥ケヶノ]{2,5}?)(?![一-龥ケヶノ]|さん|様|氏|君|くん|ちゃん)"
)
_AND_DISTRICT_AT: Final = Before(_AND_DISTRICT_RE, ("地区と", "集落と"), 5)
# Two places joined by ・ (網代浜・小浦の沿岸部, 西ノ坊・堂前の集落): a marked one makes the other a place too.
_PAIR_RE: Final = re.compile(r"(?:大字)?(?P<l>[一-龥ケヶノ]{2,5})・(?:大字)?(?P<r>[一-龥ケヶノ]{2,5})")
# (its ・ stands at most 大字 and five characters after the start)
_PAIR_AT: Final = Before(_PAIR_RE, ("・",), 7)


def _place_words(text: str) -> frozenset[str]:
    """Words `text` writes as places by construction: what 大字/字 or a settlement's suffix mark. (Not the
    LOCATION findings: the dictionary reads many family names as places, 能登, 砂川, 堀之内.)"""
    out: set[str] = set()
    if (
        "字" in text
        or "世帯" in text
        or "区長" in text
        or "番地" in text
        or "つの" in text
        or any(
            w in text
            for w in ("集落", "地区", "漁港", "公民館", "集会所", "小学校", "中学校", "神社", "自治会", "航路", "支所", "出張所", "港", "沖")
        )
    ):
        for m in _marked(text):
            w = m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e") or m.group("f") or ""
            # (旧上野原小学校: 上野原 is the place; every ending of two characters or more is kept)
            out.update(w[k:] for k in range(len(w) - 1))
            if m.group("a") or m.group("c") or m.group("d") or m.group("e") or m.group("f"):
                out.add(w)
    # a route (上組→下組→中村→…), districts counted (上野原312、奥沢288、杉平156), by district (地区別では杉平と奥沢),
    # a district in brackets after what it divides (第2投票区（杉平）)
    if "→" in text:
        for m in _ROUTE_RE.finditer(text):
            out.update(w for w in m.group().split("→") if 2 <= len(w) <= 6)
    counted = (
        [m.group("w") for m in _COUNTED_ITEM_AT.finditer(text)]
        if "、" in text and ("世帯" in text or "人口" in text or "戸数" in text)
        else []
    )
    if len(counted) >= 3:
        out.update(counted)
    for m in _BY_DISTRICT_RE.finditer(text) if "地区別" in text else ():
        out.update(w for w in _BY_SEP_RE.split(m.group("items")) if 2 <= len(w) <= 5)
    for m in _DIVISION_RE.finditer(text) if ("（" in text or "(" in text) else ():
        out.add(m.group("w"))
    # …、奥沢、杉平、下平の4つの大字 (or の6集落): every item of the list is one
    for m in _COUNTED_LIST_RE.finditer(text) if _COUNTED_TAIL_RE.search(text) else ():
        out.update(w for w in _LIST_SEP_RE.split(m.group("items")) if 2 <= len(w) <= 5)
    # 新田地区と中川原: a word joined by と after a district named as one is another district. (Not before one:
    # 林と新田地区を訪問 is a visit with 林.)
    if ("地区" in text or "集落" in text) and "と" in text:
        out.update(m.group("r") for m in _AND_DISTRICT_AT.finditer(text))
    if out and "・" in text:
        for m in _PAIR_AT.finditer(text):
            left, right = m.group("l"), m.group("r")
            if left in out or any(right.startswith(w) for w in out if len(w) >= 2):
                out.add(right)
            if right in out or any(right.startswith(w) and right[len(w) :] in ("の集落", "集落") for w in out):
                out.add(left)
    return frozenset(w for w in out if w)
