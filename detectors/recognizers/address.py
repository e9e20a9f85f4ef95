"""ADDRESS: 都道府県 + 市区町村 + 町名 + 番地 (丁目・番地・号, 1-2-3), with or without the prefecture."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts, finding
from detectors.ids.columns import cells
from detectors.model import Finding
from detectors.morphology import tokens
from detectors.recognizers.address_grid import iroha_addresses, jiwari_addresses, sen_go_addresses
from detectors.recognizers.address_latin import latin_addresses
from detectors.recognizers.address_town import (
    building_rooms,
    districts,
    kana_spoken_addresses,
    oaza_addresses,
    spoken_addresses,
    town_addresses,
    town_lots,
)

PREFECTURES: Final = (
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 新潟県 富山県 "
    "石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 奈良県 和歌山県 鳥取県 島根県 "
    "岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 熊本県 大分県 宮崎県 鹿児島県 沖縄県"
).split()
_PREFECTURE_SET: Final = tuple(PREFECTURES)
_PREF: Final = "(?:" + "|".join(PREFECTURES) + ")"
_CJK: Final = "[一-龥々〆ヶケがの之ノぁ-んァ-ヺー]"
# 市区町村: a run of name characters ending in 市/区/町/村 (or 郡 … 町), shortest first so
# 「千代田区霞が関」 splits after 区.
_MUNI: Final = f"(?:{_CJK}{{1,6}}?郡)?{_CJK}{{1,7}}?[市区町村]"
_NUM: Final = "[0-9０-９一二三四五六七八九十百千〇]+"
# The 番地 part: 1丁目2番3号, 2番地の5, 1-2-3, 三丁目, and as said aloud 2の8の5 or 3丁目5の2.
_BANCHI: Final = (
    f"(?:{_NUM}丁目(?:の?{_NUM}(?:番地?の?|-|の)(?:{_NUM}(?:号|-{_NUM})?)?)?"
    f"|{_NUM}番地?(?:の?{_NUM}(?:号)?)?"
    f"|{_NUM}(?:-{_NUM}){{1,3}}(?:号)?"
    f"|{_NUM}(?:[のノ]{_NUM}){{2}}(?:号)?)"
)
# Building and room after the 番地 (「〇〇ハイツ101号室」) are part of the address.
_BUILDING: Final = f"(?:[ \\t]?{_CJK}{{1,12}}?[ \\t]?{_NUM}(?:号室|号|F|階))?"
# Hokkaido's grid towns: a 条 and a side before the 丁目 or block (札幌市中央区北1条西2-1, 旭川市4条通8丁目).
_JO: Final = f"(?:[東西南北]?{_NUM}条(?:[東西南北]|通)?)"
_ADDRESS_RE: Final = re.compile(
    f"(?:(?P<pref>{_PREF})[ \\t]?(?:{_MUNI})?(?:{_MUNI})?|(?:{_MUNI}){{1,2}})"
    f"(?P<town>{_CJK}{{0,12}}?{_JO}?)[ \\t]?(?P<banchi>{_BANCHI}){_BUILDING}"
)
_OFFICE_RE: Final = re.compile("役所|役場|議会|庁舎|代表")
# A 丁目 with nothing after it names a district (北町二丁目), found as LOCATION by address_town.
_CHOME_ONLY_RE: Final = re.compile(f"{_NUM}丁目")
_PHONE_SHAPE_RE: Final = re.compile("0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}")
# Particles that end the words before an address (「住所は千代田区…」); only looked for before the
# first 市区町村 character, since town names hold が and の (霞が関, 緑ケ丘, 木の下).
_STOP_BEFORE: Final = frozenset("はがをにでへとやのも")
_MARKERS: Final = frozenset("市区町村郡都道府県")


def _trim_left(t: str, s: int, e: int) -> int:
    """Start of the address once leading words and particles are cut off; -1 if nothing is left."""
    first = next((i for i in range(s, e) if t[i] in _MARKERS), e)
    for i in range(first - 1, s - 1, -1):
        if t[i] in _STOP_BEFORE:
            return i + 1 if i + 1 < first else -1
    return s


# Where a 番地 could end; the full pattern is tried only in a window around each, so a long run of
# 市区町村 characters cannot make the backtracking search quadratic.
_TAIL_RE: Final = re.compile(f"{_NUM}(?:丁目|番|-|号|[のノ]{_NUM}[のノ])")
_WINDOW: Final = 48


def _matches(t: str) -> list[re.Match[str]]:
    windows: list[list[int]] = []
    for m in _TAIL_RE.finditer(t):
        lo, hi = max(0, m.start() - _WINDOW), min(len(t), m.end() + _WINDOW)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    out: list[re.Match[str]] = []
    for lo, hi in windows:
        out.extend(_ADDRESS_RE.finditer(t, lo, hi))
    return out


# A town block without the municipality: after 住所/所在地 or a postal code, any 番地 form; elsewhere
# only the full 丁目 + 番 + 号 form (柳原3丁目5-22), which nothing but an address takes.
_TOWN: Final = "[一-龥々〆ヶケァ-ヺー]"
# Not a bare 2番 (住所変更は2番窓口): the block needs a 丁目, 番地, 番…号, hyphens or の-pairs.
_BARE_BANCHI: Final = (
    f"(?:{_NUM}丁目(?:の?{_NUM}(?:番地?|-|の)(?:{_NUM}(?:号|-{_NUM})?)?)?"
    f"|{_NUM}番地(?:の?{_NUM}(?:号)?)?|{_NUM}番{_NUM}号"
    f"|{_NUM}(?:-{_NUM}){{1,3}}(?:号)?|{_NUM}(?:[のノ]{_NUM}){{2}}(?:号)?)"
)
_BARE_CUED_RE: Final = re.compile(
    f"(?:(?:住所|所在地|居所)(?:[ \\t]*(?:は|:)[ \\t]*|[ \\t]+)|〒[ \\t]?[0-9]{{3}}-?[0-9]{{4}}[ \\t]*)"
    # (a town in hiragana too, after the cue: 住所：みずき台5-12-1)
    f"(?P<addr>(?:{_TOWN}|[ぁ-ゖ]){_CJK}{{0,11}}?{_JO}?[ \\t]?{_BARE_BANCHI}{_BUILDING})"
)
_BARE_CHOME_RE: Final = re.compile(
    # (a Hokkaido grid town's 条 before it: 末広5条2丁目6-1)
    f"(?<!{_TOWN})(?P<addr>{_TOWN}{{1,8}}?{_JO}?{_NUM}丁目の?{_NUM}(?:番地?の?|-|の){_NUM}(?:号)?(?![0-9０-９]){_BUILDING})"
)
_NOT_AZA_BEFORE: Final = frozenset("赤黒文数漢名活習細誤脱印点十題苗綴国")
# A land parcel: (大字) + 字 + 地番, as in a register of neighbouring plots (上野原字中原105-2).
_PARCEL_RE: Final = re.compile(
    f"(?<!{_TOWN})(?P<addr>(?:大字)?{_TOWN}{{2,6}}?字{_TOWN}{{1,6}}?{_NUM}(?:番地?)?(?:(?:-|の){_NUM})*)"
    r"(?=[-]?[ \t|｜,、）)\n]|$)"
)


_CUES: Final = ("住所", "所在地", "居所", "〒")
# A rural address after its municipality whose 番地 is a bare number (架空市北新田889, うるま市架空原９９８,
# 足利市五十部町218, 架空市上野田字東原５５８) or a 丁 without 目 (堺市北区中百舌鳥町2丁118番地): the town
# must end as towns do, the number must end there.
_TOWN_END: Final = "[町原田野台丘山川谷沢澤島浜崎岡森里坂宮橋江瀬尾]"
_DIGITS_AFTER_MUNI_RE: Final = re.compile(f"[市区町村][^0-9０-９\\s、。]{{0,10}}?(?:[0-9０-９]{{2,4}}|{_NUM}丁{_NUM}番)")
_BARE_NUMBER_RE: Final = re.compile(
    # after a prefecture and a municipality, a town ending in any character (熊本県玉名市岱明町野口714)
    f"(?:{_PREF}[ \\t]?(?:{_MUNI}){{1,2}}{_TOWN}{{1,7}}?(?<![所場館校院課係局署部室庁園会店社])[0-9０-９]{{2,4}}(?:番地)?"
    f"|(?:{_PREF}[ \\t]?)?(?:{_MUNI}){{1,2}}(?:{_CJK}{{0,8}}?字)?{_TOWN}{{0,7}}?"
    f"(?:{_TOWN_END}[0-9０-９]{{2,4}}(?:番地)?|{_NUM}丁{_NUM}番地?(?:{_NUM}号?)?))"
    r"(?=[,，、。）)\s|｜]|$|の[^0-9０-９])"
)


def _bare_numbers(t: str) -> list[tuple[int, int]]:
    """Spans of _BARE_NUMBER_RE, tried only in a window before each 市区町村 character that digits follow."""
    out: list[tuple[int, int]] = []
    for m in _DIGITS_AFTER_MUNI_RE.finditer(t):
        lo = max(0, m.start() - 16)
        b = _BARE_NUMBER_RE.search(t, lo, min(len(t), m.end() + 24))
        if b is not None and b.start() <= m.start() < b.end():
            s = _trim_left(t, *b.span())
            if s >= 0:
                out.append((s, b.end()))
    return out


def _bare(t: str) -> list[tuple[int, int]]:
    # Both patterns open with classes, and sre would try them at every position of a long text:
    # they are tried only at a cue or around a 丁目, found with str.find.
    if not ("丁目" in t or "住所" in t or "所在地" in t or "居所" in t or "〒" in t or "字" in t):
        return []
    spans = []
    for cue in _CUES:
        pos = t.find(cue)
        while pos >= 0:
            m = _BARE_CUED_RE.match(t, pos, min(len(t), pos + _WINDOW))
            if m:
                spans.append(m.span("addr"))
            pos = t.find(cue, pos + 1)
    pos = t.find("字")
    while pos >= 0:
        m = _PARCEL_RE.search(t, max(0, pos - 9), min(len(t), pos + 24))
        # 赤字, 文字, 数字, 漢字 …: common words end in 字 too.
        if m and m.start("addr") < pos < m.end("addr") and t[pos - 1] not in _NOT_AZA_BEFORE:
            spans.append(m.span("addr"))
        pos = t.find("字", pos + 1)
    pos = t.find("丁目")
    while pos >= 0:
        m = _BARE_CHOME_RE.search(t, max(0, pos - 12), min(len(t), pos + _WINDOW))
        if m and m.start("addr") < pos:
            spans.append(m.span("addr"))
        pos = t.find("丁目", pos + 2)
    return spans


# A cell of an address column: a town name, then a 番地 in digits or kanji, then a building at most.
_ADDRESS_CELL_RE: Final = re.compile(
    r"[^\s\d０-９|,〒]{1,12}(?:[0-9０-９一二三四五六七八九十]{1,4}(?:丁目|番地?|号|[-－ー‐の])[^|\n\t,]{0,40}"
    # or a town and a lot number alone (上野原１０２３)
    r"|[ \u3000]?[0-9０-９]{2,5})"
)

class AddressDetector:
    """Postal addresses by pattern on the normalised text: with the municipality, after an address label,
    or town first as a municipality writes its residents' (みどり台2-4-15); and districts (北町二丁目)."""

    id = "pattern.address"
    entities = ("ADDRESS", "LOCATION")

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        t = artifacts.normalized.text
        spans: list[tuple[int, int, float]] = []
        if any(c in t for c in "市区町村都道府県郡"):
            for m in _matches(t):
                s, e = m.span()
                # 架空市役所代表 099-000-1234: an office and its telephone number, not an address.
                banchi = m.group("banchi")
                if _OFFICE_RE.match(m.group("town")) or _PHONE_SHAPE_RE.fullmatch(banchi) or _CHOME_ONLY_RE.fullmatch(banchi):
                    continue
                s = _trim_left(t, s, e)
                if s >= 0:
                    spans.append((s, e, 0.95 if t.startswith(_PREFECTURE_SET, s) else 0.85))
        spans.extend((s, e, 0.8) for s, e in _bare(t) + latin_addresses(t))
        spans.extend((s, e, 0.8) for s, e in _bare_numbers(t))
        toks = tokens(artifacts)
        spans.extend((s, e, 0.8) for s, e in town_addresses(toks))
        spans.extend((s, e, 0.9) for s, e in oaza_addresses(toks.text))
        spans.extend((s, e, 0.8) for s, e in spoken_addresses(toks.text))
        spans.extend((s, e, 0.85) for s, e in sen_go_addresses(toks.text))
        spans.extend((s, e, 0.9) for s, e in jiwari_addresses(toks.text))
        spans.extend((s, e, 0.9) for s, e in iroha_addresses(toks.text))
        spans.extend((s, e, 0.8) for s, e in kana_spoken_addresses(toks.text))
        # (as sure as the place read as a family name inside it: 上野原 ７７２－３)
        spans.extend((s, e, 0.85) for s, e in town_lots(toks))
        spans.extend((s, e, 0.75) for s, e in building_rooms(toks.text))
        # A cell under 住所 holding a town and a 番地 (中央3-14-2, 中央５－２－１８ コーポ中央２０１).
        spans.extend((s, e, 0.8) for s, e in cells(artifacts, "ADDRESS", strip=" \t\u3000") if _ADDRESS_CELL_RE.fullmatch(t, s, e))
        # The patterns overlap (住所：架空市本町1-2-3 is also a cued town block): the first one's score, over
        # the union of the overlapping spans (Corpo Sakura 201, 1-4-9 Sakuragaoka + 1-4-9 Sakuragaoka, Kakuu-shi).
        merged: list[list[float]] = []
        for s, e, score in spans:
            hit = next((m for m in merged if s < m[1] and m[0] < e), None)
            if hit is None:
                merged.append([s, e, score])
            else:
                hit[0], hit[1] = min(hit[0], s), max(hit[1], e)
        taken = [(int(s), int(e)) for s, e, _ in merged]
        out = [finding(artifacts, "ADDRESS", int(s), int(e), score, self.id) for s, e, score in merged]
        out.extend(finding(artifacts, "LOCATION", s, e, 0.85, self.id) for s, e in districts(toks) if not _inside(s, e, taken))
        return out


def _inside(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(ts <= s and e <= te for ts, te in spans)
