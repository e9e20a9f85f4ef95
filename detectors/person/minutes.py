"""PERSON in minutes and meeting notes: speaker marks (○根本委員, 【道路河川課長（祖父江）】, ◇東海林課長),
speaker lines (伏見：…, [00:00:11] Kenji Soga) and attendance lists (出席：早乙女課長、関保健師、岩渕).

A speaker is a person, so a word the dictionary reads as a place there (祖父江, 寒河江, 鰐淵) is taken as
a family name (`surname_in_slot`); the forms detector uses that test for its other person slots too.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts
from detectors.morphology import MEI, NAME, PLACE, PROPN, SEI, Tokens, tokens
from detectors.names_common import common_names
from detectors.person.chars import KANJI as _KANJI
from detectors.person.words import (
    FIELDS,
    KIN_WORDS,
    NOT_IN_NAME_SLOTS,
    NOT_NAMES,
    ORG_ENDINGS,
    RELATIVES,
    ROLE_ENDINGS,
    SLOT_WORDS,
)
from detectors.recognizers.address import PREFECTURES

_KANJI_ONLY_RE: Final = re.compile(f"[{_KANJI}ケ]+|[{_KANJI}][{_KANJI}ケツノ]*[{_KANJI}]")
# A foreign name in katakana, its parts joined by ・ or ＝ or one space (ブディ・サントソ, シュレスタ ビカス).
KATAKANA_FULL_NAME: Final = r"[ァ-ヺー]{2,8}(?:[・＝][ァ-ヺー]{1,8}){1,3}|[ァ-ヺー]{2,8}[ \u3000][ァ-ヺー]{2,8}(?![ァ-ヺー])"
_KATAKANA_NAME_RE: Final = re.compile("[ァ-ヺー]{2,6}")
_MARKS: Final = "○〇◯◎●◆◇□■△▲▽▼☆★【"
# A schedule's lines open with the day of the week (月：… 金：…), and 金 is a family name too.
_WEEKDAYS: Final = frozenset("月火水木金土日")

# A speaker mark, then 「NAME + role」 or 「role（NAME）」 (○根本委員, ○学校教育課長（矢吹）).
_SPEAKER_RE: Final = re.compile(
    r"^[ \t\u3000]*[○〇◯◎●◆◇□■△▲▽▼☆★](?P<label>[^\s\u3000（(）):：]{1,16})(?:[（(](?P<paren>[^\s\u3000（(）)]{1,8})[）)])?(?=[ \t\u3000:：]|$)",
    re.MULTILINE,
)
# ... or in black lenticular brackets at the start of a line: 【道路河川課長（祖父江）】, 【大河内議員】.
_BRACKET_SPEAKER_RE: Final = re.compile(
    r"^[ \t\u3000]*【(?P<label>[^\s\u3000（(）):：【】]{1,16})(?:[（(](?P<paren>[^\s\u3000（(）)【】]{1,8})[）)])?】",
    re.MULTILINE,
)
# A transcript's speaker line: a timestamp, then a full name (and a section in brackets) alone or before a colon:
# 「[00:00:11] Kenji Soga」「[00:01:05] 宇佐美 奈々: はい」「10:02 ファム・ティ・ラン（通訳）」.
_TIMESTAMP_SPEAKER_RE: Final = re.compile(
    # (bracketed or with seconds: 「10:00 Zoom Meeting」 in a schedule is no speaker)
    r"^[ \t]*(?:\[[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?\]|[0-9]{1,2}:[0-9]{2}:[0-9]{2})[ \t]+"
    rf"(?P<name>[A-Z][a-z]+,?(?:[ ][A-Z][a-z]+){{1,2}}|[{_KANJI}]{{1,4}}[ \u3000][{_KANJI}ぁ-ゖー]{{1,4}}|{KATAKANA_FULL_NAME}"
    # or a family name alone before the colon: [00:00:11] 安次嶺: 情報政策課の安次嶺です
    rf"|[{_KANJI}]{{1,5}}(?=[:：]))"
    r"[ \t]*(?:[(（][^)）\n]{1,20}[)）])?[ \t]*(?=[:：]|\n|$)",
    re.MULTILINE,
)
# A line opening with a name and a colon, as notes of interviews and meetings are written
# (　伏見：やや緊張, ラマ主査：…), and attendance lists (出席：早乙女課長、須藤係長、岩渕、森 一樹).
# A meeting app's transcript: the name (and a role in brackets), then the time at the end of the line:
# 「Oyelaran, Grace (国際交流員)   0:41」「眞鍋 拓海   0:03」.
_TRAILING_TIME_SPEAKER_RE: Final = re.compile(
    rf"^[ \t]*(?P<name>[A-Z][a-z]+,?[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?|[{_KANJI}]{{1,4}}[ \u3000][{_KANJI}ぁ-ゖー]{{1,4}}"
    rf"|{KATAKANA_FULL_NAME})[ \t]*(?:[(（][^)）\n]{{1,20}}[)）])?[ \t]{{2,}}[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?[ \t]*$",
    re.MULTILINE,
)
# A speaker in brackets opening a line of minutes: （能登）訪問看護を週1回…, (佐伯) 最近は… — taken when
# the text has two or more such lines, each name a family name or a place word the dictionary knows.
# (the side may come first: （市・檜垣）今年度中に…)
_BRACKET_LINE_RE: Final = re.compile(
    rf"^[ \t\u3000]*[（(](?:[^）)・\n]{{1,6}}・)?(?P<name>[{_KANJI}]{{1,5}})[）)](?=[ \t\u3000]*[^\s（(])", re.MULTILINE
)
_LINE_NAME_RE: Final = re.compile(
    rf"^[ \t\u3000]*(?P<name>[{_KANJI}]{{1,4}}|[ァ-ヺー]{{2,8}}(?:[・＝][ァ-ヺー]{{1,8}}){{0,3}})(?P<title>[{_KANJI}ァ-ヶー]{{0,6}})[:：]",
    re.MULTILINE,
)
_ATTENDANCE_RE: Final = re.compile(r"(?:出席者?|欠席者?|参加者?|同席者?|立会人?|出席委員)[:：][ \u3000]*(?P<items>[^\n]{1,200})")
_ITEM_SPLIT_RE: Final = re.compile(r"[、，,]")
_ITEM_NAME_RE: Final = re.compile(
    rf"(?P<name>[{_KANJI}]{{1,4}}(?:[ \u3000][{_KANJI}]{{1,3}})?|[ァ-ヺー]{{1,8}}(?:[・＝][ァ-ヺー]{{1,8}}){{1,3}}|[ァ-ヺー]{{2,8}})"
    r"(?P<rest>[一-龥ァ-ヶー]{0,6})(?:[（(][^）)]{0,12}[）)])?[ \u3000]*$"
)

_ADMIN_ENDINGS: Final = frozenset("都道府県市区町村郡")
# Last characters of roles, sections and places, which a rare family name in a slot does not end in.
# (場: a place in a facility, 駐車場, 会場, 売場; 馬場 and 的場 are on the family-name list, which is read first)
_NOT_SURNAME_ENDINGS: Final = ROLE_ENDINGS | frozenset("課係室部局所園会校院館庁署省隊班団組町村市区県都府様殿長査佐事任幹口中次場")
# Prefectures and the largest cities without their suffix: after 担当 they name an area, not a person.
_BIG_PLACES: Final = frozenset(p.rstrip("都府県") for p in PREFECTURES) | frozenset(
    "札幌 仙台 横浜 川崎 名古屋 神戸 広島 福岡 北九州 堺 浜松 新潟 熊本 岡山 相模原 千葉 さいたま 静岡 京都 大阪 東京 "
    "関東 関西 東北 北陸 東海 近畿 中国 四国 九州 沖縄 首都圏 都内 県内 市内 日本 海外".split()
)


def surname_in_slot(word: str, kind: int, family: frozenset[str], plain: bool = False) -> bool:
    """A word in a place only a person fills (a speaker with a title, 担当：…): a family name on the list,
    a dictionary name, a place or proper noun used as one (祖父江, 寒河江, 堂園, 鰐淵), not a
    municipality or a prefecture; or, when `plain` (the token is a plain common noun), a rare family
    name the dictionary lists as a word (稲船, 帯刀, 四十物), not a word for a role, a relative or a section."""
    if word in family or kind in (SEI, NAME):
        return True
    if kind in (PLACE, PROPN):
        return (
            len(word) >= 2
            and word[-1] not in _ADMIN_ENDINGS
            and word not in _BIG_PLACES
            and _KANJI_ONLY_RE.fullmatch(word) is not None
        )
    return plain and plain_surname(word)


def plain_surname(word: str) -> bool:
    """A plain common noun of two to four kanji that may be a family name in a person's slot: not a word
    for a role (保健師), a relative, a section (福祉課) or what fills such slots instead (不在, 窓口)."""
    return (
        2 <= len(word) <= 4
        and _KANJI_ONLY_RE.fullmatch(word) is not None
        and word[-1] not in _NOT_SURNAME_ENDINGS
        and word not in NOT_IN_NAME_SLOTS
        and word not in NOT_NAMES
        and word not in RELATIVES
        and word not in SLOT_WORDS
        and word not in FIELDS
    )


def _bare_title(rest: str) -> str:
    """The title of an attendance item without its bracketed affiliation: 薬剤師（あおば薬局） → 薬剤師."""
    return re.split("[（(]", rest, maxsplit=1)[0].strip(" \u3000")


class MinutesNames:
    """Names in the speaker marks, speaker lines and attendance lists of minutes."""

    def __init__(self, titles: set[str]) -> None:
        self._titles = tuple(sorted(titles, key=len, reverse=True))
        self._title_set = frozenset(titles)

    def find(self, t: str, artifacts: Artifacts) -> list[tuple[int, int, float]]:
        """(start, end, score) of the names in `t`, the normalised text of `artifacts`."""
        spans: list[tuple[int, int, float]] = []
        if any(c in t for c in _MARKS):
            spans.extend(self._speakers(t, tokens(artifacts)))
        spans.extend(self._line_names(t, artifacts))
        spans.extend(self._attendance(t, artifacts))
        if ":" in t:
            spans.extend((*m.span("name"), 0.8) for m in _TIMESTAMP_SPEAKER_RE.finditer(t))
            spans.extend((*m.span("name"), 0.8) for m in _TRAILING_TIME_SPEAKER_RE.finditer(t))
        if "（" in t or "(" in t:
            spans.extend(self._bracket_lines(t, artifacts))
        return spans

    def _bracket_lines(self, t: str, artifacts: Artifacts) -> list[tuple[int, int, float]]:
        lines = [m for m in _BRACKET_LINE_RE.finditer(t) if m.group("name") not in NOT_IN_NAME_SLOTS]
        if len({m.group("name") for m in lines}) < 2:
            return []
        family = common_names().family
        # After the side (（市・檜垣）) the name may be a rare family name the dictionary lists as a word.
        return [
            (*m.span("name"), 0.8)
            for m in lines
            if m.group("name") in family
            or self._dictionary_surname(m.group("name"), m.start("name"), artifacts, "・" in m.group(0))
            or ("・" in m.group(0) and plain_surname(m.group("name")))
        ]

    def is_title(self, word: str) -> bool:
        return word == "" or word in self._titles or any(word.endswith(w) for w in ("長", "係長", "主査", "主任", "主事", "委員", "議員", "ケアマネ"))

    def _line_names(self, t: str, artifacts: Artifacts) -> list[tuple[int, int, float]]:
        """「伏見：…」「ラマ主査：…」: a common family name, or a katakana name with a title, opening a line."""
        out: list[tuple[int, int, float]] = []
        if "：" not in t and ":" not in t:
            return out
        family = common_names().family
        lines = [
            m
            for m in _LINE_NAME_RE.finditer(t)
            if self.is_title(m.group("title")) and m.group("name") not in NOT_IN_NAME_SLOTS and m.group("name") not in _WEEKDAYS
        ]
        for m in lines:
            name, title = m.group("name"), m.group("title")
            if name in family or (name[0] >= "ァ" and name[0] <= "ヺ" and title):
                out.append((*m.span("name"), 0.8))
            elif len(lines) >= 2 and len(name) >= 2 and self._dictionary_surname(name, m.start("name"), artifacts):
                # Minutes with several speaker lines (鰐淵：…, 南雲：…): a place or proper noun the
                # dictionary knows may be the family name of one of them.
                out.append((*m.span("name"), 0.8))
        return out

    def _attendance(self, t: str, artifacts: Artifacts) -> list[tuple[int, int, float]]:
        """Items of an attendance list that are a name, with or without a title after it."""
        out: list[tuple[int, int, float]] = []
        family = common_names().family
        for m in _ATTENDANCE_RE.finditer(t):
            base = m.start("items")
            pos = 0
            items = m.group("items")
            for part in _ITEM_SPLIT_RE.split(items):
                start = base + pos + (len(part) - len(part.lstrip(" \u3000")))
                pos += len(part) + 1
                item = part.strip(" \u3000")
                # 関保健師, 丹羽民生委員: a family name on the list glued to a title.
                glued = next(
                    (k for k in range(1, 4) if item[:k] in family and item[k:] in self._title_set), 0
                ) or next(  # 阿久根薬剤師（あおば薬局）: a place word the dictionary knows, glued to a title
                    (
                        k
                        for k in range(2, 5)
                        if _bare_title(item[k:]) in self._title_set and self._dictionary_surname(item[:k], start, artifacts, True)
                    ),
                    0,
                )
                if glued:
                    out.append((start, start + glued, 0.8))
                    continue
                im = _ITEM_NAME_RE.fullmatch(item)
                if im is None or not self.is_title(im.group("rest")):
                    continue
                name = im.group("name")
                first = name.replace("\u3000", " ").split(" ")[0]
                if name in NOT_IN_NAME_SLOTS or name in KIN_WORDS or name.endswith(ORG_ENDINGS):
                    continue
                # (A katakana name: ァ-ヺ; kanji code points lie above katakana, so a bare >= would take them too.)
                if first in family or " " in name.replace("\u3000", " ") or "ァ" <= name[0] <= "ヺ":
                    out.append((start, start + len(name), 0.8))
                elif (im.group("rest") or "（" in item or "(" in item) and self._dictionary_surname(name, start, artifacts, True):
                    out.append((start, start + len(name), 0.8))  # 能登（障害福祉課）: a place word as a family name
        return out

    @staticmethod
    def _dictionary_surname(name: str, start: int, artifacts: Artifacts, plain_ok: bool = False) -> bool:
        toks = tokens(artifacts)
        i = bisect.bisect_left(toks.begins, start)
        return (
            i < len(toks)
            and toks.begins[i] == start
            and toks.ends[i] == start + len(name)
            and surname_in_slot(name, toks.kinds[i], common_names().family, plain_ok and toks.plain[i] == 1)
        )

    def _speakers(self, t: str, toks: Tokens) -> list[tuple[int, int, float]]:
        out: list[tuple[int, int, float]] = []
        names = common_names()
        for m in (*_SPEAKER_RE.finditer(t), *(_BRACKET_SPEAKER_RE.finditer(t) if "【" in t else ())):
            label, paren = m.group("label"), m.group("paren")
            title = next((w for w in self._titles if label.endswith(w)), None)
            if title is None:
                # ○八代（福祉用具）, ○ハンPT（訪問リハ）: a name, a role after it or in the brackets.
                bare = re.sub(r"(?:CW|SW|MSW|PSW|PT|OT|ST)$", "", label)
                if paren is not None and (bare in names.family or _KATAKANA_NAME_RE.fullmatch(bare)):
                    out.append((m.start("label"), m.start("label") + len(bare), 0.85))
                continue
            if paren is not None:
                if paren not in NOT_IN_NAME_SLOTS and (paren in names.family or len(paren) <= 4):
                    out.append((*m.span("paren"), 0.85))
                continue
            head = label[: len(label) - len(title)]
            if not head:
                continue
            # The name is the label's first token (宮下 of 宮下学校教育課長), with a given name if one follows.
            s = m.start("label")
            i = bisect.bisect_left(toks.begins, s)
            if i >= len(toks) or toks.begins[i] != s:
                continue
            e = toks.ends[i]
            if i + 1 < len(toks) and toks.kinds[i + 1] == MEI and toks.ends[i + 1] <= s + len(head):
                e = toks.ends[i + 1]
            word = t[s:e]
            if e <= s + len(head) and surname_in_slot(word, toks.kinds[i], names.family, toks.plain[i] == 1) and word not in NOT_IN_NAME_SLOTS:
                out.append((s, e, 0.85))
        return out
