"""PERSON: Japanese and foreign names from Sudachi's 人名 tags, honorifics, titles and 姓+名 merging."""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts, findings
from detectors.ids.columns import ANIMAL, ANIMALS, column_kinds
from detectors.keywords import Dictionaries, trie_regex
from detectors.model import Finding
from detectors.morphology import (
    COUNTRY,
    MEI,
    NAME,
    NAME_KINDS,
    NOUN,
    NUM,
    PART,
    PLACE,
    PROPN,
    PUNCT,
    SEI,
    SPACE,
    SUFFIX,
    SYM,
    Tokens,
    kind_class,
    tokens,
)
from detectors.names_common import common_names
from detectors.person.chars import JOINERS as _JOINERS
from detectors.person.chars import KANJI_RUN_RE as _KANJI_RE
from detectors.person.cues import inside_a_word, is_katakana, kana_family, relation_after, unknown_subject
from detectors.person.extent import Extent, chain_start, extend
from detectors.person.filters import not_a_person
from detectors.person.lists import listed_names
from detectors.person.words import (
    COMPANY_FORMS,
    GROUPS,
    KIN_ROLES,
    NOT_AFTER_ROLE,
    NOT_AFTER_TITLE,
    NOT_NAMES,
    NOT_ROLES,
    PLACE_ENDINGS,
    ROLE_ENDINGS,
)

_NAMED_NEXT: Final = frozenset({PLACE, PROPN, SEI, MEI, NAME, COUNTRY})
_START_KINDS: Final = frozenset({SEI, MEI, NAME, PLACE, PROPN})
_START_CODES: Final = kind_class(_START_KINDS)
_SYM_CODES: Final = kind_class({SYM})
_SUFFIX_CODES: Final = kind_class({SUFFIX})
# A common noun, one space, a given name: 大橋 誠, 石橋 恵 (the dictionary reads the family name as a word).
_NOUN_SPACE_GIVEN_CODES: Final = re.compile(re.escape(bytes([NOUN, SPACE, MEI])))
_SECTION_HEADS: Final = ("課長", "部長", "係長", "局長", "室長", "所長", "課", "部", "係", "局", "室")
# Titles too general or too much a place's to make a word before them a family name (平職員, 東町長 of 東町).
_NOT_STAFF_TITLES: Final = frozenset(
    "職員 社員 担当 代表 本人 自身 候補 市長 町長 村長 区長 知事 県知事 副市長 副町長 副村長 副区長 副知事 大統領 首相 国王 皇帝 王子 王女".split()
)
# Family names that are also words opening a titled phrase (新課長, 前部長, 元校長).
_NOT_FAMILY_WORDS: Final = frozenset("新 前 元 現 旧 副 各 同 当 本 総 全 主 次 故 某 両 上 下 平".split())


class PersonDetector:
    """Names from the morphology pass; context (敬称, 役職, 〜市, 〜大学) raises or vetoes each candidate."""

    id = "morph.person"
    entities = ("PERSON",)

    def __init__(self, dictionaries: Dictionaries) -> None:
        self._honorifics = frozenset(dictionaries.honorifics)
        self._titles = frozenset(dictionaries.person_titles)
        self._not_person_re = (
            re.compile(trie_regex(dictionaries.not_person_suffixes)) if dictionaries.not_person_suffixes else None
        )
        self._not_person_words = frozenset(dictionaries.not_person_suffixes)
        self._hon_re = re.compile(
            "|".join(re.escape(h) for h in sorted({*self._honorifics, *self._titles}, key=len, reverse=True))
        )
        staff = sorted(w for w in self._titles if len(w) >= 2 and w not in _NOT_STAFF_TITLES)
        self._staff_title_re = re.compile(trie_regex(staff)) if staff else None

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        toks = tokens(artifacts)
        spans = self._spans(toks)
        spans.extend(listed_names(toks, spans))
        spans = [x for x in spans if not not_a_person(toks.text, *x) and not _a_pet(artifacts, x[0], x[1])]
        return findings(artifacts, "PERSON", spans, self.id)

    def _follow(self, text: str, end: int) -> tuple[str, str]:
        """What follows `end`: ("honorific" | "title" | "not_person" | "", the word)."""
        m = self._hon_re.match(text, end)
        # 「選手権」「作品」「王朝」 begin with a title but are other words.
        # (nor is くん in くんち, a festival: 汐見くんち, 長崎くんち)
        if m is not None and not (m.end() < len(text) and text[m.end()] in NOT_AFTER_TITLE) and not text.startswith("くんち", end):
            w = m.group()
            return ("honorific" if w in self._honorifics else "title"), w
        # 「やまだ たろう さん」: an honorific (not a title) may follow one space.
        if m is None and end < len(text) and text[end] in " \u3000":
            m = self._hon_re.match(text, end + 1)
            if m is not None and m.group() in self._honorifics:
                return "honorific", m.group()
        m = self._not_person_re.match(text, end) if self._not_person_re is not None else None
        if m is not None:
            return "not_person", m.group()
        return "", ""

    def _candidates(self, t: Tokens) -> list[int]:
        """Tokens that may open a name: name, place and unknown words, before ・ or within three of an honorific.

        Found by regex scans over the kind codes, not a Python loop over every token: this is the hot path.
        """
        codes, text, begins = t.kind_codes, t.text, t.begins
        out = {m.start() for m in _START_CODES.finditer(codes)}
        # Unknown words, except whitespace and numbers in digits (Sudachi calls those unknown too):
        # neither can be or start a name, and they are half of all unknown tokens.
        oov, kinds = t.oov_codes, t.kinds
        i = oov.find(1)
        while i >= 0:
            k = kinds[i]
            if k != SPACE and not (k == NUM and text[begins[i]].isdigit()):
                out.add(i)
            i = oov.find(1, i + 1)
        for m in _SYM_CODES.finditer(codes):
            i = m.start()
            if i > 0 and text[begins[i]] in _JOINERS:
                out.add(i - 1)
        for m in _NOUN_SPACE_GIVEN_CODES.finditer(codes):
            if t.ends[m.start() + 1] - t.begins[m.start() + 1] == 1:
                out.add(m.start())
        for m in _SUFFIX_CODES.finditer(codes):
            i = m.start()
            h = self._hon_re.match(text, begins[i])
            if h is not None and h.group() in self._honorifics:
                out.update(range(max(0, i - 3), i))
        out.update(self._family_before_title(t))
        return sorted(out)

    def _family_before_title(self, t: Tokens) -> list[int]:
        """Common words that are family names, alone between a boundary and a staff title (堀ケアマネ, 森保健師,
        改行の後の「林課長」): the dictionary reads 堀 or 林 as a word there, but no word is so titled."""
        if self._staff_title_re is None:
            return []
        begins, kinds = t.begins, t.kinds
        out: list[int] = []
        for m in self._staff_title_re.finditer(t.text):
            j = bisect.bisect_left(begins, m.start())
            if 0 < j < len(begins) and begins[j] == m.start() and kinds[j - 1] == NOUN and self._titled_family(t, j - 1):
                out.append(j - 1)
        return out

    def _spans(self, t: Tokens) -> list[tuple[int, int, float]]:
        """Names from the candidates: each opening token is extended over the name's parts, then judged
        by what surrounds it (honorific, title, role, what it is glued to)."""
        out: list[tuple[int, int, float]] = []
        pos = 0  # tokens before pos are already part of a name
        for i in self._candidates(t):
            if i < pos:
                continue
            named, k, kata = self._opening(t, i)
            if not named and not kata:
                # An unknown or common word directly before an honorific: ヒョンビン氏, 田中花子さん.
                hit = self._bare_before_honorific(t, i)
                if hit is not None:
                    out.append(hit[:3])
                    pos = hit[3]
                continue
            span, pos = self._judge(t, i, extend(t, i, k, named, self._given_name_follows))
            if span is not None:
                out.append(span)
        return out

    def _opening(self, t: Tokens, i: int) -> tuple[bool, int, bool]:
        """(named, kind, katakana) of a candidate opening token: a dictionary name (a place read as a
        family name counts), or an unknown katakana word that may be a foreign name."""
        kinds, oov = t.kinds, t.oov
        k = kinds[i]
        # Latin words Sudachi calls names (Smiles, KING) count only in context (person/context.py).
        named = k in NAME_KINDS and not oov[i] and not t.text[t.begins[i]].isascii()
        if not named and k == NOUN and self._titled_family(t, i):
            named, k = True, SEI
        if not named and k == PLACE and self._surname_like_place(t, i):
            named, k = True, SEI
        # 安田 光様: a common family name the dictionary reads as a proper noun, one space, a given name.
        if not named and k == PROPN and self._proper_noun_family(t, i):
            named, k = True, SEI
        # 大橋 誠: a common family name the dictionary reads as a word, one space, a given name it knows.
        if (
            not named
            and k == NOUN
            and i + 2 < len(t)
            and kinds[i + 1] == SPACE
            and kinds[i + 2] == MEI
            and not oov[i + 2]
            and t.ends[i + 1] - t.begins[i + 1] == 1
            and t.surface(i) in common_names().family
        ):
            named, k = True, SEI
        # Unknown katakana words may be foreign names; dictionary nouns (デザイン) and places (スイス) are not.
        kata = (
            not named
            and (oov[i] or k == PROPN or (i + 2 < len(t) and kinds[i + 1] == SYM and chain_start(t, i)))
            and t.ends[i] - t.begins[i] >= 2
            and is_katakana(t.surface(i))
        )
        return named, k, kata

    @staticmethod
    def _proper_noun_family(t: Tokens, i: int) -> bool:
        """Whether token `i` is a common family name, then one space and a common given name."""
        names = common_names()
        return (
            i + 2 < len(t)
            and t.kinds[i + 1] == SPACE
            and t.ends[i + 1] - t.begins[i + 1] == 1
            and t.surface(i) in names.family
            and (t.kinds[i + 2] == MEI or t.surface(i + 2) in names.given)
        )

    def _titled_family(self, t: Tokens, i: int) -> bool:
        """Whether token `i` is a family name the dictionary reads as a word, right before a staff title."""
        if self._staff_title_re is None or i + 1 >= len(t) or t.ends[i] - t.begins[i] > 2 or t.oov[i]:
            return False
        word = t.surface(i)
        if word not in common_names().family or word in _NOT_FAMILY_WORDS:
            return False
        m = self._staff_title_re.match(t.text, t.ends[i])
        return m is not None and (i == 0 or t.kinds[i - 1] in (SYM, SPACE, PUNCT, PART))

    def _bare_before_honorific(self, t: Tokens, i: int) -> tuple[int, int, float, int] | None:
        # Most tokens have no suffix within three tokens; checked inline because this loop is hot.
        n, kinds = len(t), t.kinds
        near_suffix = (
            (i + 1 < n and kinds[i + 1] == SUFFIX)
            or (i + 2 < n and kinds[i + 2] == SUFFIX)
            or (i + 3 < n and kinds[i + 3] == SUFFIX)
        )
        return self._oov_before_honorific(t, i) if near_suffix else None

    def _judge(self, t: Tokens, i: int, x: Extent) -> tuple[tuple[int, int, float] | None, int]:
        """The span and score of the name t[i:x.end], or None when what surrounds it vetoes it; and the
        token where the next name may start."""
        text, kinds = t.text, t.kinds
        n = len(t)
        j = x.end
        s, e = t.begins[i], t.ends[j - 1]
        rel, word = self._follow(text, e)
        # 丹羽民生委員: the last token opens the title (民生委員), not the given name.
        title_head = rel == "title" and j - i > 1 and t.surface(j - 1) + word in self._titles
        if title_head:
            j -= 1
            e = t.ends[j - 1]
            word = t.surface(j) + word
        # 「山」 of 山梨 is not a mountain: a place word counts only as a whole token (横内正明山梨県知事).
        if rel == "not_person" and j < n and t.ends[j] - t.begins[j] > len(word) and kinds[j] in _NAMED_NEXT:
            rel = ""
        last = t.surface(j - 1)
        # A chain of unknown katakana counts only before a title or honorific (ヴァヒド・ハリルホジッチ監督);
        # one ending in an organisation word is not a person (ギブソン・ギター・コーポレーション).
        by_role = not x.has_name and rel not in ("honorific", "title") and self._role_before(t, i, j)
        subject = (
            not x.has_name
            and not by_role
            and rel == ""
            and (unknown_subject(t, i, j) or relation_after(t, i, j))
        )
        by_role = by_role or subject
        if (not x.has_name and rel not in ("honorific", "title") and not by_role) or (
            j - i > 1 and len(last) >= 4 and last in self._not_person_words
        ):
            return None, j
        prev_adjacent = (
            i > 0 and t.ends[i - 1] == s and (kinds[i - 1] in (PLACE, PROPN) or t.surface(i - 1) in COMPANY_FORMS)
        )
        next_adjacent = j < n and kinds[j] in (NOUN, PROPN, PLACE) and not ("ぁ" <= text[e] <= "ゖ")
        full = x.has_sei and x.has_mei
        # A name glued to a noun is usually part of an organisation, facility or product name
        # (小沢艦隊, ブルッキングス研究所); honorifics and titles were checked first.
        # Joined foreign names and dictionary full names (手塚治虫原作) are names whatever follows.
        whole = x.joined or (kinds[i] == NAME and j - i == 1 and e - s >= 3 and _KANJI_RE.fullmatch(text, s, e))
        if rel == "not_person" or (rel == "" and (prev_adjacent or (next_adjacent and not full and not whole))):
            return None, j
        # 有限会社村越印刷様, 株式会社山田様: a company's name with 様 is the company.
        if i > 0 and kinds[i - 1] == NOUN and t.ends[i - 1] == s and t.surface(i - 1) in COMPANY_FORMS:
            return None, j
        if rel in ("honorific", "title"):
            s = kana_family(t, i, s)
        single = j - i == 1 and rel == ""
        # One kanji alone (千, 鶴) or a temple, shop or tomb name (東大寺, 白木屋) is rarely a person.
        if single and x.named and (e - s < 2 or text[e - 1] in PLACE_ENDINGS or inside_a_word(t, i) or t.surface(i) in NOT_AFTER_ROLE):
            return None, j
        if rel == "honorific":
            score = 0.95 if x.has_name else 0.85
        elif rel == "title":
            score = 0.9 if x.has_name else 0.85
        elif by_role:
            score = 0.75
        elif full:
            score = 0.85
        elif j - i > 1 or kinds[i] == NAME:
            score = 0.75
        else:
            score = 0.6
        return (s, e, score), (j + 1 if title_head else j)

    def _given_name_follows(self, t: Tokens, j: int) -> bool:
        """A family name followed by a given name the dictionary lacks: 早川漣, 李元馥, 影山ヒロノブ."""
        n = len(t)
        if j >= n or t.begins[j] != t.ends[j - 1] or t.kinds[j] not in (NOUN, PROPN):
            return False
        w = t.surface(j)
        if not ((len(w) <= 2 and _KANJI_RE.fullmatch(w)) or (t.oov[j] and is_katakana(w) and len(w) >= 2)):
            return False
        if w in self._titles or w in self._not_person_words or self._follow(t.text, t.begins[j])[0] != "":
            return False
        # 山田総務課長: a word before a section's head is the section (総務課), not a given name.
        if t.kinds[j] == NOUN and t.text.startswith(_SECTION_HEADS, t.ends[j]):
            return False
        # The name must end there: a particle, punctuation or an honorific follows, not more nouns.
        return (
            j + 1 >= n
            or t.kinds[j + 1] in (PART, PUNCT, SYM, SPACE)
            or self._follow(t.text, t.ends[j])[0]
            in (
                "honorific",
                "title",
            )
        )

    def _surname_like_place(self, t: Tokens, i: int) -> bool:
        """A 2–3 kanji place name used as a family name: 兵庫慎司, 大村知事, 岡田社長 (not 東京都知事: 都 ends it)."""
        w = t.surface(i)
        if not (2 <= len(w) <= 5 and _KANJI_RE.fullmatch(w)):
            return False
        if len(w) > 3:
            # 勘解由小路 正: a longer place word is a family name only before a space and a given name.
            return self._place_then_given(t, i, w)
        # An island (宮古島) or a municipality is no family name, unless it is a common one (大島, 中島).
        if w[-1] in "都道府県市区町村郡島" and not (w[-1] == "島" and w in common_names().family):
            return False
        if i + 1 < len(t) and t.kinds[i + 1] == MEI and not t.oov[i + 1]:
            return True
        # 大島 清様, 伏見 道子, 所沢 隼人: a common family name, one space, a given name (which the
        # dictionary may read as a place too).
        if (
            i + 2 < len(t)
            and t.kinds[i + 1] == SPACE
            and t.ends[i + 1] - t.begins[i + 1] == 1
            and (t.kinds[i + 2] == MEI or t.surface(i + 2) in common_names().given)
            and (w in common_names().family or self._follow(t.text, t.ends[i + 2])[0] == "honorific")
        ):
            return True
        if self._place_then_given(t, i, w):
            return True
        rel, word = self._follow(t.text, t.ends[i])
        # 札幌市長 is the mayor of a place, not a person called 札幌.
        return rel in ("honorific", "title") and word[0] not in "市町村区県都府道州"

    def _place_then_given(self, t: Tokens, i: int, w: str) -> bool:
        """高円寺 真理子, 勘解由小路 正: a place word, one space, a given name that ends there."""
        n = len(t)
        if w[-1] in "都道府県市区町村郡" or i + 2 >= n or t.kinds[i + 1] != SPACE or t.ends[i + 1] - t.begins[i + 1] != 1:
            return False
        g = t.surface(i + 2)
        if not ((t.kinds[i + 2] == MEI and not t.oov[i + 2] and len(g) >= 2) or g in common_names().given):
            return False
        if not _KANJI_RE.fullmatch(g) or g in self._titles or g in self._not_person_words:
            return False
        return i + 3 >= n or t.kinds[i + 3] in (PART, PUNCT, SYM, SPACE) or self._follow(t.text, t.ends[i + 2])[0] in (
            "honorific",
            "title",
        )

    def _role_before(self, t: Tokens, i: int, j: int) -> bool:
        """An occupation or title right before a katakana name: 哲学者シセラ・ボク, 俳優のギグ・ヤング."""
        if j - i == 1 and t.surface(i) in NOT_AFTER_ROLE:
            return False
        p = i - 1
        if p >= 0 and t.surface(p) == "の":
            # Only a clearly foreign name after の: 「国家のシステム」 must not count.
            if not (j - i > 1 or t.oov[i]):
                return False
            p -= 1
        if p < 0 or t.kinds[p] not in (NOUN, SUFFIX):
            return False
        word = t.surface(p)
        if word in self._titles or (word in self._honorifics and word not in GROUPS) or word in KIN_ROLES:
            return True
        return len(word) >= 2 and word[-1] in ROLE_ENDINGS and word not in NOT_ROLES

    def _oov_before_honorific(self, t: Tokens, i: int) -> tuple[int, int, float, int] | None:
        k = t.kinds[i]
        if k not in (NOUN, PROPN, NAME, MEI, SEI) and not t.oov[i]:
            return None
        j = i
        text = t.text
        # Up to three unknown/common katakana or kanji tokens right before さん/氏/様.
        while j < len(t) and j - i < 3 and (t.oov[j] or t.kinds[j] in (NOUN, PROPN, SEI, MEI, NAME)):
            j += 1
            if j < len(t) and t.kinds[j] == SUFFIX:
                break
        if j >= len(t) or t.kinds[j] != SUFFIX or j == i:
            return None
        s, e = t.begins[i], t.ends[j - 1]
        word = text[s:e]
        rel, _ = self._follow(text, e)
        if rel != "honorific" or word in NOT_NAMES or len(word) < 2 or len(word) > 12:
            return None
        if t.surface(i) in COMPANY_FORMS or (i > 0 and t.ends[i - 1] == s and t.surface(i - 1) in COMPANY_FORMS):
            return None  # 有限会社村越印刷様: a company's name with 様 is the company
        if not (is_katakana(word) or _KANJI_RE.fullmatch(word)):
            return None
        if any(t.kinds[x] == NOUN and not t.oov[x] for x in range(i, j)) and not any(
            t.kinds[x] in (SEI, MEI, NAME) for x in range(i, j)
        ):
            return None  # only common words: 担当者様, 部長さん
        return (s, e, 0.8, j)


# A pet's name given under its label (犬の名前：ハナ) or in a register's pet column: a dog's, not a person's.
_PET_LABEL_RE: Final = re.compile(f"(?:{ANIMALS})(?:の名前|の名|名)[ \u3000]*[：:][ \u3000]*$")


def _a_pet(artifacts: Artifacts, start: int, end: int) -> bool:
    text = artifacts.normalized.text
    before = text[max(0, start - 16) : start]  # (a label is short: never a scan back over the whole text)
    line = before[before.rfind("\n") + 1 :]
    return _PET_LABEL_RE.search(line) is not None or bool(column_kinds(artifacts, start, end) & ANIMAL)
