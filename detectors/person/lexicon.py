"""PERSON from a name lexicon (JMnedict) where Sudachi's tags miss: 星一徹, 中野雅至, 林文察, 長女さつき."""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts, findings
from detectors.keywords import Dictionaries, trie_regex
from detectors.model import Finding
from detectors.morphology import COUNTRY, NAME_KINDS, NOUN, NUM, PART, PLACE, PROPN, PUNCT, SEI, Tokens, tokens
from detectors.names_lexicon import NameLexicon, lexicon
from detectors.person.chars import KANJI
from detectors.person.chars import KANJI_RE as _KANJI
from detectors.person.words import RELATIVES

_KANJI_RUN: Final = re.compile(f"[{KANJI}]{{2,}}")
_KANA_KINDS: Final = frozenset({NOUN, PROPN, *NAME_KINDS})
# Chinese and Korean family names of one character, which Sudachi reads as common nouns (林, 金, 文 …).
# 全, 方, 元, 高, 明 and the like are left out: they open too many ordinary words.
_CJK_SURNAMES: Final = frozenset(
    "李金朴崔鄭姜趙尹張林韓呉申権黄宋孫洪劉許柳沈盧丁郭蔡辛禹具羅陳楊周徐胡朱何梁謝唐馮鄧曹彭蕭董袁潘蔣"
    "余杜葉程蘇魏呂姚廖賈夏韋鄒孟熊秦邱薛閻段侯龍陶黎賀顧毛郝龔邵錢嚴覃戴莫孔湯汪范譚陸鍾閔裵卞玄馬"
)
# Last characters of place, event and organisation names that JMnedict also lists as given names.
_NOT_GIVEN_ENDINGS: Final = frozenset("山岳港祭城楼市党会展制道堂洋代末河州島川寺宮院館園橋野原台谷沢池湖浦崎坂町村郡区県府国藩軍戦線駅")
# What may follow a name: a case or topic particle, punctuation, ら (a group), or an honorific/title.
_AFTER_PARTICLES: Final = frozenset({"は", "が", "の", "と", "や", "に", "を", "も", "へ", "から", "より", "ら", "による"})
# Words naming a relative or a role right before a bare given name (長女さつき, 妻のお延, 主人公・すみれ).
_KIN: Final = RELATIVES | frozenset("主人公 ヒロイン 女房 彼女 少女 幼なじみ 恋人 親友".split())

# Hiragana words JMnedict also lists as given names but that mostly are grammar (娘たち).
_NOT_KANA_NAMES: Final = frozenset({"たち", "ども", "さま", "さん", "ちゃん", "くん", "もの", "こと", "ところ", "ため"})


class LexiconPersonDetector:
    """Names the dictionary pass misses, each confirmed by a name lexicon and by its position in the sentence."""

    id = "lexicon.person"
    entities = ("PERSON",)

    def __init__(self, dictionaries: Dictionaries, names: NameLexicon | None = None) -> None:
        words = sorted({*dictionaries.honorifics, *dictionaries.person_titles}, key=len, reverse=True)
        self._hon_re = re.compile("|".join(re.escape(w) for w in words)) if words else None
        self._not_person_re = (
            re.compile(trie_regex(dictionaries.not_person_suffixes)) if dictionaries.not_person_suffixes else None
        )
        self._names = names

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        spans = ((s, e, score) for s, e, score, _rule in self.candidates(tokens(artifacts)))
        return findings(artifacts, "PERSON", spans, self.id)

    def candidates(self, t: Tokens) -> list[tuple[int, int, float, str]]:
        """(start, end, score, rule) over the normalised text of `t`."""
        names = self._names if self._names is not None else lexicon()
        if not len(names):
            return []
        text = t.text
        out: list[tuple[int, int, float, str]] = []
        for m in _KANJI_RUN.finditer(text):
            hit = self._kanji_run(t, m.start(), m.end(), names)
            if hit is not None:
                out.append(hit)
        kinds, oov, begins = t.kinds, t.oov, t.begins
        for i in range(1, len(t) - 1):
            # Hiragana nouns only; checked inline because this loop runs over every token.
            if (kinds[i] in _KANA_KINDS or oov[i]) and "ぁ" <= text[begins[i]] <= "ゖ":
                hit = self._kana_given(t, i, names)
                if hit is not None:
                    out.append(hit)
        return out

    def _ends_name(self, text: str, e: int, t: Tokens, j: int) -> bool:
        """A name may end at `e`: a particle, punctuation or an honorific/title follows, not a place word."""
        if e >= len(text):
            return True
        if self._not_person_re is not None and self._not_person_re.match(text, e):
            return False
        if self._hon_re is not None and self._hon_re.match(text, e):
            return True
        if j >= len(t):
            return True
        return t.surface(j) in _AFTER_PARTICLES or t.kinds[j] == PUNCT or text[e] in "（(「」・"

    def _kanji_run(self, t: Tokens, s: int, e: int, names: NameLexicon) -> tuple[int, int, float, str] | None:
        i = _token_at(t, s)
        if i < 0:
            return None
        text = t.text
        if s > 0 and (text[s - 1] in "々〆" or text[s - 1].isdigit() or _KANJI.match(text, s - 1)):
            return None
        # The run may end before a title glued to it (金正恩第一書記, 大村知事): cut at the last token
        # boundary where an honorific or title starts.
        last = i
        while last + 1 < len(t) and t.ends[last + 1] <= min(e, s + 6):
            last += 1
        for j in range(last, i - 1, -1):
            end = t.ends[j]
            if end - s < 2:
                break
            if end < e and not (self._hon_re is not None and self._hon_re.match(text, end)):
                continue
            word = text[s:end]
            if not self._ends_name(text, end, t, j + 1):
                continue
            toks = range(i, j + 1)
            if any(t.kinds[x] in NAME_KINDS for x in toks) and end - s <= 3 and len(toks) == 1:
                return None  # Sudachi already knows it as a name; person.py decides
            # A dictionary word (浄土真宗) or a number (東洋一) is not a name, whatever JMnedict lists.
            if word in names.full and not (
                any(t.kinds[x] == NUM for x in toks)
                or (len(toks) == 1 and t.kinds[i] in (NOUN, PROPN) and not t.oov[i])
                or word.endswith(("殿下", "陛下", "閣下"))  # 皇太子殿下: a rank, not a name
            ):
                return (s, end, 0.8, "full")
            if 3 <= end - s <= 4 and len(toks) >= 2 and self._surname_given(word, t, i, j, names):
                return (s, end, 0.75, "pair")
        return None

    @staticmethod
    def _surname_given(word: str, t: Tokens, i: int, j: int, names: NameLexicon) -> bool:
        """中野+雅至, 林+文察: a family name then a given name, split where Sudachi split the run."""
        if t.kinds[i] not in (NOUN, PROPN, PLACE, SEI) or any(t.kinds[x] == COUNTRY for x in range(i, j + 1)):
            return False
        if all(t.kinds[x] == NOUN and not t.oov[x] for x in range(i, j + 1)) and word[0] not in _CJK_SURNAMES:
            return False  # ordinary compounds (中央政府) split into common nouns
        if word[-1] in _NOT_GIVEN_ENDINGS:
            return False
        # A character Sudachi does not know (金斗+鎔) marks a Chinese or Korean name whatever the split.
        rare = any(t.oov[x] for x in range(i + 1, j + 1))
        for cut in (1, 2):
            fam, giv = word[:cut], word[cut:]
            if len(giv) != 2:
                continue
            if t.begins[i] + cut not in t.begins[i : j + 1]:
                if cut == 1 and rare and fam in _CJK_SURNAMES:
                    return True
                continue
            # A given name that is one dictionary word (時代, 戦争, 女子) makes a compound, not a name.
            g = t.begins.index(t.begins[i] + cut, i)
            if g == j and t.kinds[j] == NOUN and not t.oov[j]:
                continue
            if cut == 1 and fam in _CJK_SURNAMES:
                return True
            if fam in names.surnames and giv in names.given:
                return True
        return False

    def _kana_given(self, t: Tokens, i: int, names: NameLexicon) -> tuple[int, int, float, str] | None:
        """A hiragana given name after a relative or role word: 長女さつき, 姉のゆり, 主人公・すみれ."""
        # JMnedict lists some particles and verbs as names too (から, まで): only nouns reach here.
        w = t.surface(i)
        if w not in names.kana_given or w in _NOT_KANA_NAMES:
            return None
        p = i - 1
        if t.surface(p) in ("の", "・") and p > 0:
            p -= 1
        if t.surface(p) not in _KIN and not (t.kinds[p] == SEI and p == i - 1):
            return None
        if i + 1 < len(t) and (t.surface(i + 1) in _AFTER_PARTICLES or t.kinds[i + 1] in (PART, PUNCT)):
            return (t.begins[i] if t.kinds[p] != SEI else t.begins[p], t.ends[i], 0.75, "kana")
        return None


def _token_at(t: Tokens, begin: int) -> int:
    """Index of the token starting exactly at `begin`, or -1."""
    i = bisect.bisect_left(t.begins, begin)
    return i if i < len(t.begins) and t.begins[i] == begin else -1
