"""LOCATION: bare place names (地名) from the morphology pass; not personal by themselves."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts, finding
from detectors.ids.columns import cells
from detectors.keywords import trie_regex
from detectors.model import Finding
from detectors.morphology import PLACE_KINDS, SUFFIX, kind_class, tokens

# Administrative suffixes Sudachi sometimes splits off a place name (「豊島」+「区」).
_ADMIN_SUFFIXES: Final = frozenset({"都", "道", "府", "県", "市", "区", "町", "村", "郡", "州", "省", "島"})


# Municipalities and districts the dictionary lacks (架空市, 東雲地区): a short kanji name, an
# administrative suffix, then a particle or punctuation. 同市/本市/当市 and 〜都市 refer to no place.
# Found from the suffix backwards: a pattern starting with a look-behind would be tried at every position.
_ADMIN_END_RE: Final = re.compile(r"(?:地区|[市町村区])(?=[のへにでをはがとや内、。・\s（(）)]|から|まで)")
_KANJI: Final = re.compile(r"[一-龥々ヶ]")
_NOT_PLACES: Final = frozenset("同本当各全他両旧新前元")
# Words before 市/町/区 that make no place name: 隣接市, 近隣町, 市区町村.
_NOT_PLACE_WORDS: Final = frozenset(
    {"隣接", "近隣", "周辺", "近接", "県内", "市内", "区内", "町内", "政令", "中核", "特例", "投票", "選挙", "通学", "行政", "特別"}
    | {"重点", "対象", "指定", "当該", "該当", "被災", "一部", "先行", "モデル"}  # 重点地区, 対象地区 …
)
_ADMIN_CHARS: Final = frozenset("都道府県市区町村郡")
# A place name glued to one of these is part of an organisation's, facility's or building's name
# (南台小学校, 港南支店, 本町コミュニティセンター, 山本工務店, 若松ハイツ), not a place standing alone.
_FACILITY_RE: Final = re.compile(
    # An ordinal, a block or a kana word (not a particle) may come between: 港南第二住宅, 港南三丁目町内会,
    # 東山ふれあいセンター.
    "(?:第?[一二三四五六七八九十0-9]{1,3}(?:丁目)?|[ァ-ヺー]{2,8}|(?![のにとへでをはがもや])[ぁ-ゖー]{3,8})?(?:" + trie_regex(
        "小学校 中学校 高等学校 高校 義務教育学校 大学 学校 幼稚園 保育園 保育所 こども園 "
        "支店 本店 支所 出張所 営業所 事務所 分室 "
        "住宅 団地 自治会 町内会 センター コミュニティセンター 公民館 会館 集会所 体育館 図書館 "
        "地域包括支援センター 包括支援センター 地域包括 社会福祉協議会 社協 "
        "病院 医院 診療所 クリニック 薬局 郵便局 警察署 交番 消防署 駅 内科 外科 小児科 歯科 眼科 皮膚科 整形外科 "
        "語 号線 "
        "電機 工務店 工業 建設 商事 商店 産業 銀行 信用金庫 信金 農協 "
        "ハイツ コート ヒルズ マンション ハウス レジデンス テラス 荘 寮 ビル タワー".split())
    # 旭小, 南台中 as school names only when they end there (not 奈良市中の, 州中部); 桜町小の子ども.
    # (A demonym, インドネシア人, stays a place: the stockmark set marks the country in it.)
    + r"|[小中高](?=[）)」』、。，,\s]|$)|小(?=の))"
)
# Building names that start with a word like these and end with a place name (メゾン栄, コーポ若松).
_BUILDING_WORDS: Final = ("ハイツ", "コーポ", "メゾン", "パークコート", "グランメゾン", "レジデンス", "マンション", "ハイム", "パレス", "ヴィラ", "シャトー", "カーサ", "ドミール", "コート")
_BUILDING_BEFORE_RE: Final = re.compile("(?:" + "|".join(_BUILDING_WORDS) + ")$")
_BUILDING_LAST_CHARS: Final = frozenset(w[-1] for w in _BUILDING_WORDS)
# A city named before a section (架空市 市民課, 架空市 障がい福祉課 給付係) is the sender or the
# addressee, part of an organisation's name, not a place the text is about.
_SECTION = r"(?:課|係|室|局|部|センター|事務所|窓口)(?![一-龥])"
_SECTION_AFTER_RE: Final = re.compile(
    rf"[ \t\u3000]+[一-龥ぁ-ゖァ-ヶー]{{1,10}}?{_SECTION}|[一-龥ァ-ヶー]{{1,10}}?{_SECTION}|[ \t\u3000]*御中"
)
# A company's or body's legal form earlier in the same word makes the place part of its name.
_COMPANY_BEFORE_RE: Final = re.compile(r"(?:株式会社|有限会社|合同会社|協同組合|社会福祉法人|医療法人|NPO法人|\(株\)|\(有\))[ァ-ヺー一-龥々]{0,8}$")
# Table words that a district column also holds.
_NOT_DISTRICTS: Final = frozenset({"合計", "計", "小計", "総計", "平均", "全体", "その他", "不明", "市外", "市内", "全市"})
_ASCII_ALNUM: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_PLACE_CODES: Final = kind_class(PLACE_KINDS)


def _admin_names(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _ADMIN_END_RE.finditer(text):
        p = m.start()
        k = p
        while k > 0 and p - k < 5 and _KANJI.match(text, k - 1):
            k -= 1
        # The whole kanji run before the suffix is the name, and it is 2-4 characters long.
        if not 2 <= p - k <= 4 or (k > 0 and _KANJI.match(text, k - 1)):
            continue
        name = text[k:p]
        if name in _NOT_PLACE_WORDS or all(c in _ADMIN_CHARS for c in name):
            continue
        out.append((k, m.end()))
    return out


_DISTRICT_CELL_RE: Final = re.compile(r"[一-龥々ヶぁ-ゖァ-ヺー]{1,8}")


def _district_cells(text: str, artifacts: Artifacts) -> list[tuple[int, int]]:
    """Cells under a 地区 / 町名 column that hold a bare place name (港南, 北浜)."""
    out: list[tuple[int, int]] = []
    for s, e in cells(artifacts, "LOCATION", strip=" \t\u3000"):
        if _DISTRICT_CELL_RE.fullmatch(text, s, e) is not None and text[s:e] not in _NOT_DISTRICTS:
            out.append((s, e))
    return out


def _stands_alone(text: str, s: int, e: int) -> bool:
    """False for a place name inside a facility, building, organisation or identifier, or naming a sender."""
    if text[s] in _ASCII_ALNUM and ((s > 0 and text[s - 1] in _ASCII_ALNUM) or (e < len(text) and text[e] in _ASCII_ALNUM)):
        return False  # k2 of user=k20317 (but 東京16区 and 英国BBC stay places)
    if text[s].islower() and text[s] in _ASCII_ALNUM:
        return False  # a lower-case English word the dictionary also lists as a place (us, male, nice)
    if _FACILITY_RE.match(text, e) is not None:
        return False
    if all(c in _ADMIN_CHARS for c in text[s:e]):
        return False  # 市市 of 架空市市民: the dictionary's split of a name it lacks
    if s > 0 and text[s - 1] in _BUILDING_LAST_CHARS and _BUILDING_BEFORE_RE.search(text, max(0, s - 8), s) is not None:
        return False
    if _COMPANY_BEFORE_RE.search(text, max(0, s - 12), s) is not None:
        return False  # 株式会社ブラジルワークス, 協同組合アジア人材交流センター
    return not (text[e - 1] in "都道府県市町村区" and _SECTION_AFTER_RE.match(text, e) is not None)


class LocationDetector:
    """Runs of 地名 tokens, with a split-off 市/区/町/村 suffix re-attached."""

    id = "morph.location"
    entities = ("LOCATION",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        t = tokens(artifacts)
        kinds = t.kinds
        n = len(t)
        norm = artifacts.normalized
        out: list[Finding] = []
        # Only place tokens start a finding; a regex scan over the kind codes finds them at C speed.
        last_end = -1
        for m in _PLACE_CODES.finditer(t.kind_codes):
            i = m.start()
            if i < last_end:
                continue
            j = i + 1
            while j < n and (kinds[j] in PLACE_KINDS or (kinds[j] == SUFFIX and t.surface(j) in _ADMIN_SUFFIXES)):
                j += 1
            if j < n and t.surface(j) == "地区":  # 青葉地区: the district word belongs to the name
                j += 1
            last_end = j
            if not _stands_alone(norm.text, t.begins[i], t.ends[j - 1]):
                continue
            out.append(finding(artifacts, "LOCATION", t.begins[i], t.ends[j - 1], 0.6, self.id))
        for s, e in _district_cells(norm.text, artifacts):
            out.append(finding(artifacts, "LOCATION", s, e, 0.7, self.id))
        for s, e in _admin_names(norm.text):
            name = norm.text[s:e]
            if name[0] in _NOT_PLACES or name.endswith("都市") or not _stands_alone(norm.text, s, e):
                continue
            out.append(finding(artifacts, "LOCATION", s, e, 0.55, self.id))
        return out
