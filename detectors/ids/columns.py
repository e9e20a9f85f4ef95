"""Table columns: the header (生年月日, 被保険者番号 …) above a cell of a CSV, TSV, Markdown or aligned table."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.labels import LABELS, trie_pattern

# Header words per kind. A header cell must be one of these words, give or take a few characters
# (生年月日（和暦）, 被保険者番号※); a longer cell is prose, not a header.
_OWN_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "DATE_OF_BIRTH": (
        "生年月日", "生年", "誕生日", "出生日", "生年月", "date of birth", "birth date", "birthday", "DOB", "birth",
        "born",
        # a system's output with katakana headers (ｾｲﾈﾝｶﾞｯﾋﾟ, which NFKC makes full-width)
        "セイネンガッピ",
    ),
    "HEALTH_INSURANCE": (*LABELS["HEALTH_INSURANCE"], "被保番号", "被保番", "被保険者No", "保険者No", "ヒホケンシャバンゴウ", "ヒホバン"),
    "BASIC_PENSION_NUMBER": ("基礎年金番号", "年金番号", "年金手帳番号", "年金手帳", "年金証書"),
    "BANK_ACCOUNT": ("口座番号", "口座No", "口座", "account number", "account no"),
    "PASSPORT": (*LABELS["PASSPORT"], "旅券No", "passport no", "passport number"),
    "RESIDENT_CODE": ("住民票コード", "住民票コード番号"),
    "DRIVERS_LICENSE": ("免許証番号", "運転免許証番号", "免許番号", "運転免許証"),
    "POSTAL_CODE": ("郵便番号", "〒", "郵便No", "postal code", "zip code", "zip"),
    # Columns of people's names and of districts (read by forms.person and the LOCATION detector).
    "PERSON": (
        "氏名", "名前", "お名前", "氏名カナ", "カナ氏名", "フリガナ", "ふりがな", "カナ", "名義", "口座名義", "名義人",
        "世帯主", "世帯主名", "相談者", "申請者", "申請者名", "担当", "担当者", "対象者", "受給者名", "児童名",
        "児童氏名", "保護者", "保護者名", "利用者", "利用者名", "職員名", "委員名", "name", "full name",
        # People in a row of a visit or case table: the child, the parents, the staff who visit.
        "児", "児童", "子", "子ども", "こども", "対象児", "母", "父", "母親", "父親", "母氏名", "父氏名",
        "訪問者", "訪問担当", "担任", "来庁者", "届出人", "請求者", "筆頭者", "被保険者", "被保険者名", "受給者",
        "主治医", "面談者", "担当保健師", "担当CW", "ケースワーカー", "担当ケアマネ",
        "立会人", "投票立会人", "事務従事者", "従事者", "投票管理者", "参加者", "出席者", "講師",
        # A duty roster's columns (| 日付 | 日直 | 宿直 |).
        "日直", "宿直", "当直", "当番", "日直者", "宿直者", "当番者", "引率", "引率者",
        # A name column's header in hiragana (保育 rosters), and readings (よみ).
        "なまえ", "おなまえ", "よみ", "読み", "ヨミ", "よみがな", "読み仮名", "よみかた", "kana", "furigana", "シメイ", "カナシメイ",
        # A district's people: its head and its households (| 地区 | 区長 |: the 区 column is the place).
        "区長", "組長", "班長", "自治会長", "町内会長", "区長名", "代表者", "代表者名", "民生委員", "householder",
        "head of household", "contact person",
        # A hospital's and a volunteer roster's people.
        "患者", "患者名", "患者氏名", "紹介医", "担当医", "医師", "医師名",
        "patient", "staff",
    ),
    # Residents' addresses, written town first in the cells (| 住所 | 中央3-14-2 |).
    "ADDRESS": ("住所", "現住所", "新住所", "旧住所", "前住所", "居所", "転居先", "送付先", "転入先", "ジュウショ"),
    "LOCATION": ("地区", "地区名", "地域", "区", "出身区", "出身地区", "所属区", "集落名", "町名", "校区", "大字", "字", "小字", "所在地", "町丁", "町丁目", "行政区", "集落", "学区", "区域", "担当区域", "地区名称", "hamlet", "district", "地区・集落"),
}
# Case variants are spelt out: an IGNORECASE trie scans a long text several times slower.
_KIND_OF: Final = {
    v: kind
    for kind, words in _OWN_WORDS.items()
    for w in words
    for v in {w, w.lower(), w.upper(), w.capitalize(), w.title()}
}
_HEADER_WORD_RE: Final = re.compile(trie_pattern(list(_KIND_OF)))
_SLACK: Final = 4
_WORD_KINDS: Final = frozenset({"PERSON", "LOCATION"})
_NOTE_RE: Final = re.compile(r"[（(][^）)]*[）)]|[※*＊]")
_CACHE_KEY: Final = "ids.columns"

_SEPARATOR_ROW_RE: Final = re.compile(r"[ \t|:+\-]*")
_LIST: Final = "list"
_LIST_SEP_RE: Final = re.compile(r"[ \t]*[・/、][ \t]*")
_ITEM_SEP_RE: Final = re.compile(r"[ \t]*[・/、][ \t]*|[ \t]+")
_BULLET_RE: Final = re.compile(r"[ \t]*[・\-*●○■◆◇□][ \t]*")
_BRACKETED_RE: Final = re.compile(r"[(\[【〔]([^()\[\]【】〔〕]+)[)\]】〕][ \t:]*$")
_SPACES_RE: Final = re.compile(r"[ \t]{2,}")
# A pet's columns in a dog register (犬の名前, 犬の生年月日): an animal's, not a person's.
ANIMALS: Final = "犬|猫|飼い犬|飼犬|愛犬|ペット|動物"  # (a regex alternation, used by the person detector's label check too)
_ANIMAL_RE: Final = re.compile(f"(?:{ANIMALS})の?(?!飼|所有)")
ANIMAL: Final = frozenset({"ANIMAL"})


@dataclass(frozen=True, slots=True)
class Columns:
    """Row cells of tables with a known header, sorted by start: offsets into the normalised text and
    the kinds of the header above each (empty for a column such as 氏名 whose header is no label)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    kinds: tuple[frozenset[str], ...]


_EMPTY: Final = Columns((), (), ())


def cell_at(artifacts: Artifacts, start: int, end: int) -> tuple[int, frozenset[str]] | None:
    """Start of the table cell holding [start, end) and the kinds of its header(s); None outside tables."""
    cols = columns(artifacts)
    i = bisect_right(cols.starts, start) - 1
    if i >= 0 and end <= cols.ends[i]:
        return cols.starts[i], cols.kinds[i]
    return None


def column_kinds(artifacts: Artifacts, start: int, end: int) -> frozenset[str]:
    """Kinds of the header(s) above the table cell holding [start, end); empty outside tables."""
    cell = cell_at(artifacts, start, end)
    return cell[1] if cell else frozenset()


def is_header(word: str) -> bool:
    """Whether `word` is a known column header (氏名, 日直, 地区, 口座番号 …)."""
    return word in _KIND_OF


def cells(artifacts: Artifacts, kind: str, strip: str = "") -> list[tuple[int, int]]:
    """Spans of every cell under a header of `kind`, without the characters in `strip` at either end."""
    cols = columns(artifacts)
    text = artifacts.normalized.text
    out = []
    for s, e, k in zip(cols.starts, cols.ends, cols.kinds, strict=True):
        if kind not in k:
            continue
        while s < e and text[s] in strip:
            s += 1
        while e > s and text[e - 1] in strip:
            e -= 1
        out.append((s, e))
    return out


def columns(artifacts: Artifacts) -> Columns:
    """The table cells of the normalised text that sit under a known header, computed once per text."""
    cached = artifacts.cache.get(_CACHE_KEY)
    if cached is None:
        text = artifacts.normalized.text
        cached = _find(text) if "\n" in text else _EMPTY
        artifacts.cache[_CACHE_KEY] = cached
    return cached


def _find(text: str) -> Columns:
    found: list[tuple[int, int, frozenset[str]]] = []
    done_until = -1
    for m in _HEADER_WORD_RE.finditer(text):
        if m.start() < done_until:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = _line_end(text, m.end())
        done_until = line_end
        header = _header(text, line_start, line_end)
        if header is None:
            continue
        sep, head_cells, head_kinds = header
        done_until = _rows(text, line_start, line_end, sep, head_cells, head_kinds, found)
    if not found:
        return _EMPTY
    found.sort()
    return Columns(tuple(f[0] for f in found), tuple(f[1] for f in found), tuple(f[2] for f in found))


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _header(text: str, lo: int, hi: int) -> tuple[str, list[tuple[int, int]], list[frozenset[str]]] | None:
    """Separator, cell spans and kinds of a header line, or None if the line is not one."""
    line = text[lo:hi]
    sep = _separator(line)
    if sep is None:
        return None
    spans = _split(text, lo, hi, sep)
    if len(spans) < 2:
        return None
    if sep in (_LIST, "/") and any(e - s > 10 or not text[s:e].strip() for s, e in spans):
        return None  # prose (氏名・生年月日を記入してください), not a list of fields
    kinds = [_cell_kind(text, s, e) for s, e in spans]
    if sep == _LIST or (len(kinds) == 2 and kinds[0] and not kinds[1] and not _ruled(text, hi)):
        # A bulleted list's fields (（氏名・生年月日）) name numbers' columns, never a name column: the
        # items below are free text where a name cell cannot be told from a remark. And a line of two
        # cells, a label and its value (児童氏名<TAB>百目鬼 颯太), opens a label/value block: the labels
        # below it (性別, 生年月日) are no names. Unless a Markdown rule follows it (| 氏名 | 電話 |, then
        # |---|---|): that makes it a header.
        kinds = [k - _WORD_KINDS for k in kinds]
    if not any(kinds):
        return None
    return sep, spans, kinds


def _ruled(text: str, hi: int) -> bool:
    """Whether the line after the one ending at `hi` is a Markdown table's rule (|---|---|)."""
    if hi >= len(text):
        return False
    line = text[hi + 1 : _line_end(text, hi + 1)]
    return "-" in line and "|" in line and _SEPARATOR_ROW_RE.fullmatch(line) is not None


def _separator(line: str) -> str | None:
    for sep in ("\t", "|", ","):
        if sep in line:
            return sep
    if _SPACES_RE.search(line.strip()):
        return "  "
    if line.count("/") >= 2 and not _BULLET_RE.match(line):
        return "/"  # 氏名／フリガナ／生年月日／住所 (NFKC makes the full-width slash a slash)
    if _LIST_SEP_RE.search(line):
        return _LIST
    return None


def _cell_kind(text: str, s: int, e: int) -> frozenset[str]:
    cell = text[s:e].strip(" \t\"'*")
    if not cell or len(cell) > 24:
        return frozenset()
    m = _HEADER_WORD_RE.search(cell)
    if m is None or len(cell) - len(m.group()) > _SLACK or any(c.isdigit() for c in cell):
        return frozenset()
    if _ANIMAL_RE.match(cell):
        return ANIMAL
    kind = _KIND_OF[m.group()]
    # Name and district columns are common words in prose (保護者の希望, 担当の方): the header cell must
    # be the word itself, give or take a mark or a bracketed note (氏名※, 氏名（漢字）).
    if kind in _WORD_KINDS and len(_NOTE_RE.sub("", cell)) - len(m.group()) > 1:
        return frozenset()
    return frozenset({kind})


def _split(text: str, lo: int, hi: int, sep: str) -> list[tuple[int, int]]:
    """Cell spans of one line; quoted CSV fields may hold commas, Markdown's outer pipes are dropped."""
    if sep == _LIST:
        return _split_list(text, lo, hi)
    if sep == "  ":
        return [(s, e) for s, e in _between(_SPACES_RE, text, lo, hi) if text[s:e].strip()]
    spans = []
    pos = lo
    while pos <= hi:
        if sep == "," and text.startswith('"', _skip_blank(text, pos, hi)):
            q = _skip_blank(text, pos, hi) + 1
            while True:
                close = text.find('"', q, hi)
                if close < 0:
                    close = hi
                    break
                if text.startswith('""', close):
                    q = close + 2
                    continue
                break
            nxt = text.find(sep, close, hi)
        else:
            nxt = text.find(sep, pos, hi)
        if nxt < 0:
            spans.append((pos, hi))
            break
        spans.append((pos, nxt))
        pos = nxt + 1
    if sep == "|":
        if spans and not text[spans[0][0] : spans[0][1]].strip():
            spans = spans[1:]
        if spans and not text[spans[-1][0] : spans[-1][1]].strip():
            spans = spans[:-1]
    return spans


def _split_list(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """A bulleted list: the header names its fields (（氏名・生年月日・被保険者番号）), each item
    line after it gives them separated by ・ / 、 or spaces."""
    bullet = _BULLET_RE.match(text, lo, hi)
    if bullet is not None:
        lo = bullet.end()
    else:
        # The header: the bracketed part if the line ends in one, else the whole line.
        inner = _BRACKETED_RE.search(text, lo, hi)
        if inner is not None:
            lo, hi = inner.start(1), inner.end(1)
        return _between(_LIST_SEP_RE, text, lo, hi)
    return [(s, e) for s, e in _between(_ITEM_SEP_RE, text, lo, hi) if s < e]


def _between(sep: re.Pattern[str], text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of text[lo:hi] between matches of `sep`."""
    spans = []
    pos = lo
    for m in sep.finditer(text, lo, hi):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, hi))
    return spans


def _skip_blank(text: str, pos: int, hi: int) -> int:
    while pos < hi and text[pos] in " \t":
        pos += 1
    return pos


def _rows(
    text: str,
    head_start: int,
    pos: int,
    sep: str,
    head: list[tuple[int, int]],
    kinds: list[frozenset[str]],
    out: list[tuple[int, int, frozenset[str]]],
) -> int:
    """Map the cells of the rows below a header to its kinds; returns where the table ends."""
    n = len(head)
    head_cols = [_width(text, head_start, s) for s, _ in head] if sep == "  " else []
    while pos < len(text):
        lo = pos + 1
        hi = _line_end(text, lo)
        line = text[lo:hi]
        if not line.strip():
            break
        if sep == _LIST:
            if not _BULLET_RE.match(line):
                break
        elif sep == "  ":
            if not _SPACES_RE.search(line.strip()):
                break
        elif sep not in line:
            break
        pos = hi
        if sep == "|" and _SEPARATOR_ROW_RE.fullmatch(line):
            continue
        spans = _split(text, lo, hi, sep)
        if sep == _LIST and ":" in line:
            continue  # an item of its own label and value (・受付日：…), not the header's fields
        if sep == "  " and len(spans) != n:
            # Aligned columns with a cell missing: the header whose column starts nearest.
            for s, e in spans:
                at = _width(text, lo, s)
                nearest = min(range(n), key=lambda i: abs(head_cols[i] - at))
                out.append((s, e, kinds[nearest]))
            continue
        extra = len(spans) - n
        for i, (s, e) in enumerate(spans):
            # A row with more cells than the header has an unquoted comma in some field: the cells
            # before it align from the left, those after from the right; both readings count.
            k: frozenset[str] = frozenset()
            if i < n:
                k = kinds[i]
            if extra > 0 and 0 <= i - extra < n:
                k = k | kinds[i - extra]
            out.append((s, e, k))
    return pos


def _width(text: str, lo: int, hi: int) -> int:
    """Display width of text[lo:hi]: wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text[lo:hi])
