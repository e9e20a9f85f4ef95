"""Names in the same place of sibling lines: the items of a list or the cells of one column, when a
name has been found in that place on another line.

「1. RIZKY PRATAMA　在留カード …」「2. PUTRI AYU LESTARI　在留カード …」: the lines open the same way
and one of them opens with a name found by its own evidence, so the others do too. The same holds for a
column of a CSV, TSV or pipe table with no header naming it (a staff column: …\\t要介護3\\t宮城).
A cell counts only if it is shaped like a name (Latin words, kana, kanji, Hangul; no digit, no section).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.columns import is_header
from detectors.model import Finding
from detectors.names_common import common_names
from detectors.openings import AfterBoundary
from detectors.person.covered import Covered
from detectors.person.words import NOT_IN_NAME_SLOTS, ORG_ENDINGS, RELATIVES

# A list marker (1. / 1　/ - / ・ / ①), then the first item up to a wide space, a bracket, a tab, a slash.
_ITEM_RE: Final = re.compile(
    r"(?m)^[ \t]*(?P<marker>[0-9０-９]{1,3}[.．)）]?[ \t\u3000]|[-‐・•*＊][ \t\u3000]?|[①-⑳])[ \t\u3000]*"
    r"(?P<item>[^\t\u3000（(／/|｜,，\n]+?)(?=[ \t]{2,}|[\t\u3000（(／/|｜,，]|[ ]*$)"
)
# A speaker mark of minutes opening a line (○轟　…, ○ラマ　…); its label is a name, or a name and a title.
_MARK_RE: Final = re.compile(r"(?m)^[ \t\u3000]*(?P<mark>[○〇◯◎●◆◇□■△▲▽▼☆★])(?P<item>[^\s\u3000（(：:、。]{1,16})")
# A labelled list on one line (1年：ゆうと、ひなた、こはる / 子：Gabriel、Sofia): its items are one place.
_LABELLED_LIST_RE: Final = re.compile(r"(?m)^[ \t\u3000]*[^\s：:、,，]{1,12}[：:][ \t\u3000]*(?P<list>[^\n、,，]{1,20}(?:[、,，][ \u3000]*[^\n、,，]{1,20})+)$")
_LIST_ITEM_RE: Final = re.compile(r"[^、,，]+")
_DELIMS: Final = ("\t", ",", "|", "｜")
_DELIM_RE: Final = re.compile("[\t,|｜]")
# Name-shaped: two to four capitalised Latin words, a kana or kanji name with one space, Hangul.
_NAME_SHAPE_RE: Final = re.compile(
    r"[A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ\u00c0-\u024f'\-.]+(?:[ 　][A-ZＡ-Ｚ][A-Za-zＡ-Ｚａ-ｚ\u00c0-\u024f'\-]+){1,3}"
    r"|[一-龥々ヶ]{1,4}(?:[ \u3000][一-龥々ヶ]{1,3})?"
    r"|[ァ-ヺー]{2,8}(?:[ \u3000・][ァ-ヺー]{1,8}){0,2}"
    r"|[ぁ-ゖー]{2,6}(?:[ \u3000][ぁ-ゖー]{2,5})?"
    r"|[ｦ-ﾟ]{2,8}(?: [ｦ-ﾟ]{1,8}){0,2}"
    r"|[가-힣]{2,4}(?: [가-힣]{1,3})?"
)
_SCORE: Final = 0.75
# A line with no marker: a name, then only the days or the times it stands for (Siddharth Rao 月・水,
# 三宅 紗季 月・土, Nurlan 日), as rosters of volunteers and shifts are written.
_ROSTER_RE: Final = re.compile(
    r"(?:^|(?<=\n))[ \t\u3000]*(?P<item>[^\s\u3000].{0,30}?)[ \t\u3000]+(?:[月火水木金土日](?:[・、,／/][月火水木金土日])*|"
    r"[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[〜~\-－][0-9０-９]{1,2}[:：][0-9０-９]{2})?)[ \t\u3000]*$",
    re.MULTILINE,
)
_ROSTER_AT: Final = AfterBoundary(_ROSTER_RE, r"\n")  # tried only at line starts
_ONE_LATIN_WORD_RE: Final = re.compile(r"[A-Z][a-z\u00c0-\u024f]{2,15}")
# A column's header, not a name in it (氏名, フリガナ, 相談者, 口座名義, 児童名).
_HEADERS: Final = frozenset("氏名 名前 フリガナ ふりがな カナ 名義 口座名義 担当 担当者 保護者 児童 地区 町名 備考 状況 受講".split())
# A title or a role as a speaker's label (○委員長, ○教育部長, ○長女), not a name.
_ROLE_LAST: Final = frozenset("長員者師士官女男母父")
_HEADER_ENDINGS: Final = ("名", "者", "地区", "町", "丁目", "番号")


_SEPARATOR_ROW_RE: Final = re.compile(r"[ \t|｜:：\-―－]+")


def _header_row(lines: list[str], i: int, d: str) -> bool:
    """Whether line `i` heads a table: a Markdown row above its separator row, or the first of three or more
    lines with as many `d` delimiters (a CSV's header)."""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if d in "|｜" and _SEPARATOR_ROW_RE.fullmatch(nxt) is not None and "-" in nxt:
        return True
    n = lines[i].count(d)
    first = i == 0 or lines[i - 1].count(d) != n
    return first and d in ",，\t" and i + 2 < len(lines) and lines[i + 1].count(d) == n and lines[i + 2].count(d) == n


def _name_like(cell: str) -> bool:
    cell = cell.strip(" \u3000")
    return (
        _NAME_SHAPE_RE.fullmatch(cell) is not None
        and len(cell) >= 2
        and cell not in NOT_IN_NAME_SLOTS
        and cell not in _HEADERS
        and not is_header(cell)
        and not cell.endswith(ORG_ENDINGS)
        and not cell.endswith(_HEADER_ENDINGS)
        and cell[-1] not in _ROLE_LAST
        and cell not in RELATIVES
    )


def _listed_alone(cell: str) -> bool:
    """One word that is a name as an item of a list of names: a capitalised Latin word (Miguel) or one kanji
    the name lists hold (紬, 蓮)."""
    if _ONE_LATIN_WORD_RE.fullmatch(cell) is not None:
        return True
    names = common_names()
    return len(cell) == 1 and (cell in names.given or cell in names.family) and cell not in NOT_IN_NAME_SLOTS


def _covered(found: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """Whether a finding covers most of [s, e) (the cell is that name); `starts` are the findings' starts."""
    k = bisect.bisect_right(starts, s + 1)
    return any(found[i][1] >= e - 1 and found[i][1] > s for i in range(max(0, k - 3), k))


def sibling_names(persons: list[Finding], artifacts: Artifacts, others: Sequence[Finding] = ()) -> list[Finding]:
    """Name-shaped cells in the place of sibling lines where a name was found (offsets into the original);
    a cell that another detector took (a district: 港南) is left to it."""
    text = artifacts.original
    found = sorted((f.start, f.end) for f in persons)
    starts = [a for a, _ in found]
    start_set = frozenset(starts)
    overlaps = Covered([*found, *((f.start, f.end) for f in others)])
    if not found or "\n" not in text:
        return []
    slots: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for m in _ITEM_RE.finditer(text):
        marker = m.group("marker").strip(" \t\u3000")
        kind = "digit" if marker[:1].isdigit() or "０" <= marker[:1] <= "９" else marker[:1]
        s, e = m.span("item")
        while e > s and text[e - 1] in " \u3000":
            e -= 1
        slots[("item", kind)].append((s, e))
    for m in _MARK_RE.finditer(text):
        slots[("mark", m.group("mark"))].append(m.span("item"))
    for m in _LABELLED_LIST_RE.finditer(text) if "：" in text or ":" in text else ():
        for item in _LIST_ITEM_RE.finditer(text, *m.span("list")):
            s, e = item.span()
            s += len(item.group()) - len(item.group().lstrip(" \u3000"))
            e -= len(item.group()) - len(item.group().rstrip(" \u3000"))
            slots[("list", str(m.start()))].append((s, e))
    roster = [m.span("item") for m in _ROSTER_AT.finditer(text)]
    pos = 0
    headers: set[int] = set()
    lines = text.split("\n") if _DELIM_RE.search(text) is not None else []
    for i, line in enumerate(lines):
        for d in _DELIMS:
            if line.count(d) >= 2:
                header = _header_row(lines, i, d)
                at = pos
                for k, cell in enumerate(line.split(d)):
                    s = at + len(cell) - len(cell.lstrip(" \u3000"))
                    e = at + len(cell.rstrip(" \u3000"))
                    if e > s:
                        slots[("cell", d, str(line.count(d)), str(k))].append((s, e))
                        if header:  # the column's header (| 雇用主 |, 紹介医,): what it holds, not one of them
                            headers.add(s)
                    at += len(cell) + 1
                break
        pos += len(line) + 1
    out: list[Finding] = []
    # A roster: two names found among its lines make the other name-shaped ones names too.
    if len(roster) >= 3 and sum(1 for c in roster if _covered(found, starts, *c)) >= 2:
        for s, e in roster:
            cell = text[s:e]
            if s in start_set or overlaps.overlaps(s, e) or not (_name_like(cell) or _ONE_LATIN_WORD_RE.fullmatch(cell)):
                continue
            out.append(Finding("PERSON", s, e, cell, _SCORE, "echo.person"))
    for key, cells in slots.items():
        if len(cells) < 2:
            continue
        marks = key[0] == "mark"
        # A speaker's label holds the name first (○左近課長補佐): a name found at its start counts.
        hits = [c for c in cells if (c[0] in start_set if marks else _covered(found, starts, *c))]
        # Names in most of the place, not one name among districts or notes (one found name in a
        # column of places may itself be a false alarm).
        if not hits or len(hits) * 2 < len(cells) - 1:
            continue
        for s, e in cells:
            if (s, e) in hits or s in start_set or s in headers:
                continue
            if not (_name_like(text[s:e]) or (key[0] in ("list", "item") and _listed_alone(text[s:e]))):
                continue
            if overlaps.overlaps(s, e):
                continue
            out.append(Finding("PERSON", s, e, text[s:e], _SCORE, "echo.person"))
    return out
