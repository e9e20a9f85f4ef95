"""Other mentions of a name that any PERSON detector found in full, anywhere in the same chunk.

A prompt names a person once in full and then by family name or given name alone: 「水無瀬 透（相談支援員）
… 水無瀬：はい」, 「設楽 武 … 武さんが」, 「岩渕 蒼くん … 蒼くん本人」. Alone, 水無瀬 is a place to the
dictionary and 蒼 a colour; next to the full name in the same text they are the same person. This pass
runs after every detector, takes the parts of the names they found and marks the other whole-word
occurrences of those parts, before and after the full name.

A part must stand as a word of its own (whole tokens, nothing glued before it, a particle, punctuation,
an honorific, a title or a household word after it; not 「千葉県」「水無瀬川」). A one-character part or a
hiragana part (武, 蒼, ささき) counts only before an honorific or as a speaker label (「武：」).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from typing import Final

from detectors.detector import Artifacts
from detectors.keywords import Dictionaries, trie_regex
from detectors.model import Finding
from detectors.morphology import NOUN, SEI, tokens
from detectors.names_common import KATAKANA_SHIFT, common_names
from detectors.normalize import KANJI_DIGITS, NAME_VARIANT_CHARS, normalize
from detectors.person.chars import HIRAGANA_RUN_RE as _HIRAGANA_RE
from detectors.person.chars import JOINERS
from detectors.person.chars import KANJI as _KANJI
from detectors.person.chars import KANJI_RUN_RE as _KANJI_RE
from detectors.person.chars import KATAKANA_RUN_RE as _KATAKANA_RE
from detectors.person.covered import Covered
from detectors.person.latin import CUE_WORDS, ORG_WORDS
from detectors.person.occurrences import occurrences
from detectors.person.rows import sibling_names
from detectors.person.siblings import listed_with
from detectors.person.words import CALLS, CIRCUMSTANCES, KIN_WORDS, NOT_AFTER_TITLE, NOT_NAMES, ROLE_ENDINGS

_SPACES_RE: Final = re.compile("[ \u3000]+")
# Names that normalisation leaves as they are (kana, ・, kanji other than digits, ASCII letters, spaces, = and -):
# every character is its own NFKC form and none starts a digit run, so they are not normalised again.
# (not the old forms normalisation reads as the common ones: 髙橋 is 高橋 in the normalised text)
_STABLE_NAME_RE: Final = re.compile(f"(?:(?![{NAME_VARIANT_CHARS}])[ぁ-ゖァ-ヺー・一-龥々A-Za-z =\\-])+")
_KANJI_DIGIT_RE: Final = re.compile(f"[{KANJI_DIGITS}]")
_JOINERS_RE: Final = re.compile("[・＝=]")
# Characters that glue a word to the one before it (「大水無瀬」 is another word).
_WORD_CHAR_RE: Final = re.compile(f"[{_KANJI}ァ-ヺーA-Za-z0-9]")
# Words after a family name that still name the person or household (設楽世帯, 岩渕宅).
_HOUSEHOLD_RE: Final = re.compile("世帯|宅|家(?![具電事族屋])|夫妻|一家|親子|方")
# What may follow a name: particles, punctuation, spaces, a colon, a bracket.
_END_RE: Final = re.compile(r"$|[\s、。，,．.・：:；;）)」』】〕〉》｝}（(「『【〔［\[/／|｜!！?？〜～\-]|[はがをにへとでものやらか]|まで|から|より|宛|あて|って|および|及び|など")
_SPEAKER_RE: Final = re.compile("[：:]")
# A caller giving the family name alone before the full name (「森です、森 隆。」「南の妹です。姉の南 絵里が」):
# at a quotation's, a clause's or a line's start, before です or before a relative's word and です.
_INTRODUCED_BEFORE: Final = "「『、。 \u3000\n"
_INTRODUCED_RE: Final = re.compile(
    "(?:の(?:嫁|妻|夫|娘|息子|母|父|妹|姉|弟|兄|孫|家内|主人|者))?(?:です|でございます|と申します|といいます|じゃっど)"
)
# Hiragana before a kana name that is not a particle: the name is part of a longer word.
_KANA_GLUE_RE: Final = re.compile("[ぁ-ゖー](?<![とやもはがにのへをで])")
_LATIN_WORD_RE: Final = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff'\-]+")
_LATIN_CUES: Final = CUE_WORDS | {"The", "And", "City", "Ward"}
# The same name again in another script right after it: 朴 智恩 / 박지은 / PARK JIEUN, 박소연(朴 素妍),
# シュレスタ ビカス（SHRESTHA BIKASH）, 陳 建国（チン ケンコク／CHEN JIANGUO）, Maricel Dela Cruz（ﾏﾘｾﾙ ﾃﾞﾗｸﾙｽ）.
# Scripts a resident's name may be written in beside its Latin or katakana form: Devanagari, Bengali, Sinhala,
# Thai, Lao, Myanmar, Khmer (गुरुङ सीता, สมชาย ใจดี, ဇော်မင်းထက်, ហេង សុភាព).
_SCRIPT: Final = "[\u0900-\u09ff\u0d80-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
_SCRIPT_NAME: Final = f"{_SCRIPT}{{2,20}}(?:[ ]{_SCRIPT}{{2,20}}){{0,3}}"
# Such a name right before the bracket that holds the name found: สมชาย ใจดี (Somchai Jaidee).
_SCRIPT_BEFORE_RE: Final = re.compile(f"(?P<name>{_SCRIPT_NAME})[ \u3000]?[（(][ \u3000]?\\Z")
_ALTERNATE_RE: Final = re.compile(
    # (an honorific may stand between: Lee Sung-ho 様（イ・ソンホ）)
    r"[ \u3000]*(?:様|さん|氏|殿)?[ \u3000]*[/／（(][ \u3000]*(?:(?:フリガナ|ふりがな|カナ|読み|よみ)[:：][ \u3000]*)?"
    rf"(?P<name>{_SCRIPT_NAME}|[가-힣]{{2,5}}|[一-龥]{{1,2}}[ \u3000][一-龥]{{1,3}}|[A-Z]{{2,}}(?:[ ,]+[A-Z]{{2,}}){{1,3}}"
    r"|[ァ-ヺー]{2,8}(?:[ \u3000・][ァ-ヺー]{1,8}){1,3}|[ァ-ヺ]・[ァ-ヺー]{2,8}|[ｦ-ﾟ]{2,8}[ ･][ｦ-ﾟ]{2,8})"
    r"(?=[ \u3000]*(?:[/／、,\n）)]|$))"
)
# The reading in hiragana in brackets right after a name: 左右田 みのり（さうだ）, 蓮見 ハル（はすみ はる）.
_HIRAGANA_READING_RE: Final = re.compile(
    r"[ \u3000]?[（(][ \u3000]?(?P<name>[ぁ-ゖー]{2,8}(?:[ \u3000][ぁ-ゖー]{1,8})?)[ \u3000]?(?:[）)]|[、,](?=[^）)\n]{0,12}[）)]))"
)
# A given name the dictionary does not know, after the family name found, with its reading in brackets:
# 伊藤 蒼空（そら）, 井上 心春（こはる、2歳）.
_GIVEN_READ_AFTER_RE: Final = re.compile(
    r"[ \u3000](?P<given>[一-龥々]{1,3})(?<![長課係員者師士])[（(](?P<name>[ぁ-ゖー]{2,8})(?:[）)]|[、,])"
)
# (KANG JI-WON（姜 知媛）, HUANG Li-Ting（黃麗婷）)
_PINYIN_RE: Final = re.compile(r"[A-Z]{2,}(?:[ \u3000](?:[A-Z]{2,}(?:-[A-Z]{2,})?|[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?)){1,2}")
# Not an occupation or a role in the bracket (会社員, 通訳, 長男, 留学生).
_LATIN_PAIR_RE: Final = re.compile(r"[A-Z][a-z]+[ ][A-Z][a-z]+")  # (Chen Jiahao (陈佳豪))
_HANZI_AFTER_RE: Final = re.compile(r"[ \u3000]?[（(][ \u3000]?(?P<name>[一-龥]{1,3}[^員者人語課係長生師士訳男女父母妻夫子国籍）)\s])[ \u3000]?[）)]")
# The full name in Latin letters in brackets after a name found in part: Ms. Okonkwo (Chiamaka Okonkwo, …).
_LATIN_FULL_AFTER_RE: Final = re.compile(
    r"[ \u3000]?[（(][ \u3000]?(?P<name>[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,3})[ \u3000]*(?=[,、/／）)])"
)
# A name in katakana right before the bracket that holds the name found in Latin letters: ファム・ティ・トゥー（PHAM THI THU）.
_KANA_BEFORE_RE: Final = re.compile(r"(?P<name>[ァ-ヺー]{1,8}(?:[・･][ァ-ヺー]{1,8}){1,3})[ \u3000]?[（(][ \u3000]?\Z")
_LATIN_NAME_RE: Final = re.compile(r"[A-Za-z][A-Za-z .,'-]*")
_FAMILY_ONLY_RE: Final = re.compile("[一-龥々]{1,3}")
# (latin's words for an office or a body, and a farm, a shop or a bank: Oikawa Shigeru (Oikawa Farm, …))
_BRACKET_ORG_WORDS: Final = ORG_WORDS | frozenset(
    "farm corp co shop store restaurant hotel bank group factory foods industries church temple".split()
)
# After an honorific the bracket holds a name in another script, not words in kanji (佐野 美紀さん（本籍 青森県）).
_HONORED_RE: Final = re.compile("[ \u3000]*(?:様|さん|氏|殿)")
_KANJI_NAME_RE: Final = re.compile("[一-龥]{1,2}[ \u3000][一-龥]{1,3}")
_SCORE: Final = 0.72
# The score from which a name found alone counts as found with evidence (an honorific, a title, a slot).
_EVIDENCED: Final = 0.8
_ROLE_ENDINGS: Final = frozenset(ROLE_ENDINGS | set("医長"))


class PersonEcho:
    """Marks the other mentions of names found in full; `find` is called with every detector's findings."""

    id = "echo.person"

    def __init__(self, dictionaries: Dictionaries) -> None:
        words = {*dictionaries.honorifics, *dictionaries.person_titles}
        self._after_re = re.compile(trie_regex(words)) if words else None
        self._calls_re = re.compile("|".join(CALLS))
        not_after = dictionaries.not_person_suffixes
        self._not_re = re.compile(trie_regex(not_after)) if not_after else None
        self._not_words = frozenset({*words, *not_after, *NOT_NAMES, *KIN_WORDS, *CIRCUMSTANCES})
        roles = {*dictionaries.person_titles, *KIN_WORDS, "担任", "担当"}
        self._role_re = re.compile(f"(?:{trie_regex(roles)})$") if roles else None

    def find(self, found: list[Finding], artifacts: Artifacts) -> list[Finding]:
        all_persons = [f for f in found if f.entity == "PERSON"]
        listed = listed_with(all_persons, artifacts)
        listed.extend(_given_read(all_persons, artifacts))
        listed.extend(sibling_names([*all_persons, *listed], artifacts, [f for f in found if f.entity != "PERSON"]))
        persons = [f for f in (*found, *listed) if f.entity == "PERSON" and f.score >= 0.7]
        if not persons:
            return []
        out = _alternates(persons, artifacts)
        out.extend(listed)
        # Each distinct name once: a dense text repeats the same few names thousands of times.
        # A one-word name found where only a person stands (稲船さん, 担当 帯刀) is that person's name
        # wherever else it stands as a word, whether or not the name lists know it.
        keys, loose = self._keys(
            dict.fromkeys(f.text for f in (*persons, *out)),
            frozenset(f.text for f in persons if f.score >= _EVIDENCED),
            _dictionary_families(persons, artifacts),
        )
        if not keys:
            return out
        t = tokens(artifacts)
        text, begins, ends = t.text, t.begins, t.ends
        norm = artifacts.normalized
        taken = Covered((f.start, f.end) for f in found if f.entity != "LOCATION")
        for (key, strict), starts in zip(keys.items(), occurrences(text, list(keys)), strict=True):
            for s in starts:
                e = s + len(key)
                # The cheapest test first: most occurrences lie inside a name already found.
                os_, oe = norm.to_original(s, e)
                if taken.overlaps(os_, oe):
                    continue  # inside or across a finding of another kind, or the name itself
                i = bisect.bisect_left(begins, s)
                j = bisect.bisect_left(ends, e)
                if s > 0 and text[s - 1] in JOINERS and _KATAKANA_RE.fullmatch(key):
                    continue  # the second part of another foreign name (カサ・ハウス), not 薬師寺・阿久根
                if s > 0 and _HIRAGANA_RE.fullmatch(key) and _KANA_GLUE_RE.match(text, s - 1):
                    continue  # inside a longer kana word (みりく), not after a particle (りくとそうすけ)
                if s > 0 and _WORD_CHAR_RE.match(text, s - 1) and not (self._role_re and self._role_re.search(text, max(0, s - 8), s)):
                    continue  # glued to the word before, unless that is a role: 「担任真壁まで」
                # Not whole tokens (「千葉」 of a one-token 「千葉県」), or a dictionary noun used as a
                # katakana name part (ラマ): only when called by name. (Sudachi sometimes swallows brackets
                # into a word: 「同行（ラマさん）」 is one token.)
                whole = i < len(begins) and begins[i] == s and j < len(ends) and ends[j] == e
                lone_noun = (
                    whole and i == j and t.kinds[i] == NOUN and not t.oov[i] and not _KANJI_RE.fullmatch(key) and key not in loose
                )
                if not self._ends_a_name(text, s, e, strict or lone_noun or not whole):
                    continue
                out.append(Finding("PERSON", os_, oe, artifacts.original[os_:oe], _SCORE, self.id))
        return out

    def _keys(
        self, names: Iterable[str], evidenced: frozenset[str] = frozenset(), families: Mapping[str, str] | None = None
    ) -> tuple[dict[str, bool], frozenset[str]]:
        """Name parts to look for, each with whether it needs an honorific or a speaker colon after it; and
        the family names of foreign names, taken even where they are dictionary words."""
        keys: dict[str, bool] = {}
        loose: set[str] = set()
        family, given, readings = common_names().family, common_names().given, common_names().readings
        for raw in names:
            stable = _STABLE_NAME_RE.fullmatch(raw) is not None and _KANJI_DIGIT_RE.search(raw) is None
            name = (raw if stable else normalize(raw).text).strip()  # without invisibles: 水無\u200b瀬 is 水無瀬
            parts = [p for p in _SPACES_RE.split(name) if p]
            joined = [p for p in parts if _JOINERS_RE.search(p) and _KATAKANA_RE.search(p)]
            if joined:
                # ラマ・スニタ (also when a word before it came along: 「ナビゲーター ラマ・スニタ」)
                found = [q for p in joined for q in _JOINERS_RE.split(p) if _KATAKANA_RE.fullmatch(q)]
                # The family name of a foreign name (ジャック・ワーナー … ワーナーが, ゲオルク・ウルフ … ウルフを)
                # counts even where it is also a word the dictionary knows.
                # and the whole name again (ロッド・スチュワート … ロッド・スチュワートが).
                found.extend(p for p in joined if len(p) <= 16)
                last = _JOINERS_RE.split(joined[-1])[-1]
                if len(last) >= 2 and _KATAKANA_RE.fullmatch(last):
                    loose.add(last)
            elif len(parts) == 2 and all(_KANJI_RE.fullmatch(p) or _HIRAGANA_RE.fullmatch(p) for p in parts):
                found = parts  # 山田 太郎, 設楽 武, ささき ゆうこ
            elif len(parts) >= 2 and all(_LATIN_WORD_RE.fullmatch(p.rstrip(",")) for p in parts):
                # Rafael Oliveira da Silva … Obrigado, Rafael: capitalised words of three letters or more.
                found = [q for p in parts if len(q := p.rstrip(",")) >= 3 and q[0].isupper() and q not in _LATIN_CUES]
            elif len(parts) == 1 and _KANJI_RE.fullmatch(name) and 2 <= len(name) <= 5:
                # 三宅 (a speaker or an attendee), 岩渕蒼, 設楽悠人: a known family or given name, or
                # a known family name at the start and a given name after it.
                if name in family or name in given:
                    found = [name]
                else:
                    found = next(
                        ([name[:k], name[k:]] for k in (2, 3, 1) if name[:k] in family and name[k:] in given), []
                    )
                    # 田端正広 … 田端を破り: the family name the dictionary tagged 姓 at its start.
                    if not found and families and raw in families:
                        found = [families[raw]]
                    if raw in evidenced:
                        found.append(name)
            elif raw in evidenced and _KATAKANA_RE.fullmatch(name) and 2 <= len(name) <= 8:
                found = [name]  # タマンさん … タマンが通訳
            elif raw in evidenced and _HIRAGANA_RE.fullmatch(name) and 2 <= len(name) <= 6 and name in given:
                found = [name]  # 関係生徒：りく … りくとそうすけが
                loose.add(name)  # (a dictionary noun too: 陸)
            elif raw in evidenced and _LATIN_WORD_RE.fullmatch(name) and 3 <= len(name) <= 16 and name[0].isupper():
                found = [name] if name not in _LATIN_CUES else []  # 子ども：Lucas（…）… Lucasはブラジルで
            else:
                continue
            for p in found:
                if p in self._not_words or (len(p) > 6 and _JOINERS_RE.search(p) is None):
                    continue
                # 「嘱託医 八木橋」 taken whole by a detector: a role word is no family name.
                if len(p) >= 2 and p[-1] in _ROLE_ENDINGS and p not in family:
                    continue
                # A child's given name in hiragana found where only a person stands (関係生徒：りく) is the
                # child wherever it stands as a word (りくとそうすけが): only then without an honorific.
                kana = _HIRAGANA_RE.fullmatch(p) is not None
                # A one-kanji given name of a full name found with evidence (対象児童：岡本 蓮 … 蓮の腕に).
                one_given = len(p) == 1 and raw in evidenced and len(parts) == 2 and p == parts[1] and p in given
                strict = (len(p) == 1 and not one_given) or (kana and not (raw in evidenced and len(p) >= 2 and p in given))
                keys[p] = keys.get(p, True) and strict
                # The family name said in kana by a caller (「ナガオです、長尾。」, あがりえさん（東江 ミツさん）):
                # its reading, called by name or introducing itself.
                if (reading := readings.get(p)) is not None and len(reading) >= 2:
                    for r in (reading, reading.translate(KATAKANA_SHIFT)):
                        keys.setdefault(r, True)
        return keys, frozenset(loose)

    def _ends_a_name(self, text: str, s: int, e: int, strict: bool) -> bool:
        """What follows the part at [s, e) lets it be a name: an honorific, a title, a particle …"""
        if self._calls_re.match(text, e):
            return True
        if (s == 0 or text[s - 1] == "\n") and _SPEAKER_RE.match(text, e):
            return True  # a speaker label: 「武：…」
        if strict:
            return (s == 0 or text[s - 1] in _INTRODUCED_BEFORE) and _INTRODUCED_RE.match(text, e) is not None
        m = self._after_re.match(text, e) if self._after_re is not None else None
        if m is not None and not (m.end() < len(text) and text[m.end()] in NOT_AFTER_TITLE):
            return True
        if _HOUSEHOLD_RE.match(text, e):
            return True
        if self._not_re is not None and self._not_re.match(text, e):
            return False
        return _END_RE.match(text, e) is not None


def _dictionary_families(persons: list[Finding], artifacts: Artifacts) -> dict[str, str]:
    """Kanji full names written without a space whose first token the dictionary tags 姓, with that family name."""
    out: dict[str, str] = {}
    t = None
    norm = artifacts.normalized
    for f in persons:
        if f.score < 0.75 or len(f.text) < 3 or f.text in out or not _KANJI_RE.fullmatch(f.text):
            continue
        t = t or tokens(artifacts)
        s, e = norm.to_normalized(f.start), norm.to_normalized(f.end)
        i = bisect.bisect_left(t.begins, s)
        if i < len(t) and t.begins[i] == s and t.kinds[i] == SEI and t.ends[i] - s >= 2 and t.ends[i] < e:
            out[f.text] = t.text[s : t.ends[i]]
    return out


def _given_read(persons: list[Finding], artifacts: Artifacts) -> list[Finding]:
    """The given name after a family name found alone, and its reading, where the reading in brackets
    shows the kanji before it are a given name (伊藤 蒼空（そら）): found however weakly the family was."""
    out: list[Finding] = []
    norm = artifacts.normalized
    for f in persons:
        g = _GIVEN_READ_AFTER_RE.match(norm.text, norm.to_normalized(f.end)) if _FAMILY_ONLY_RE.fullmatch(f.text) else None
        if g is not None:
            for part in ("given", "name"):
                s, e = norm.to_original(*g.span(part))
                out.append(Finding("PERSON", s, e, artifacts.original[s:e], 0.8, PersonEcho.id))
    return out


def _alternates(persons: list[Finding], artifacts: Artifacts) -> list[Finding]:
    """Names written again in another script right after a name found, after a slash or in brackets."""
    out: list[Finding] = []
    norm = artifacts.normalized
    text = norm.text  # without invisibles: 박\u200b지은 is 박지은
    # Pinyin in capitals and the hanzi in brackets: ZHANG YUTING（张雨婷）, WANG XIAOMING（王晓明）.
    for f in persons:
        if _PINYIN_RE.fullmatch(f.text) or _LATIN_PAIR_RE.fullmatch(f.text):
            h = _HANZI_AFTER_RE.match(text, norm.to_normalized(f.end))
            if h is not None:
                s, e = norm.to_original(*h.span("name"))
                out.append(Finding("PERSON", s, e, artifacts.original[s:e], 0.8, PersonEcho.id))
    ends = sorted({norm.to_normalized(f.end) for f in persons})
    k = 0
    while k < len(ends):
        m = _ALTERNATE_RE.match(text, ends[k]) or _HIRAGANA_READING_RE.match(text, ends[k])
        k += 1
        if m is not None and not (_HONORED_RE.match(m.group()) and _KANJI_NAME_RE.fullmatch(m.group("name"))):
            s, e = norm.to_original(*m.span("name"))
            out.append(Finding("PERSON", s, e, artifacts.original[s:e], 0.8, PersonEcho.id))
            ends.insert(k, m.end("name"))  # 朴 智恩 / 박지은 / PARK JIEUN: the next one follows this one
    for f in persons:
        if not _LATIN_NAME_RE.fullmatch(f.text):
            continue
        at = norm.to_normalized(f.end)
        full = _LATIN_FULL_AFTER_RE.match(text, at) if " " not in f.text.strip() else None
        words = full.group("name").replace("-", " ").split() if full is not None else []
        if full is not None and f.text.strip() in words and not {w.lower() for w in words} & _BRACKET_ORG_WORDS:
            s, e = norm.to_original(*full.span("name"))
            out.append(Finding("PERSON", s, e, artifacts.original[s:e], 0.8, PersonEcho.id))
        at = norm.to_normalized(f.start)
        kana = _KANA_BEFORE_RE.search(text, max(0, at - 40), at)
        if kana is not None:
            s, e = norm.to_original(*kana.span("name"))
            out.append(Finding("PERSON", s, e, artifacts.original[s:e], 0.8, PersonEcho.id))
    if _SCRIPT_RE.search(text) is not None:
        for f in persons:
            at = norm.to_normalized(f.start)
            b = _SCRIPT_BEFORE_RE.search(text, max(0, at - 90), at)
            if b is not None:
                s, e = norm.to_original(*b.span("name"))
                out.append(Finding("PERSON", s, e, artifacts.original[s:e], 0.8, PersonEcho.id))
    return out


_SCRIPT_RE: Final = re.compile(_SCRIPT)
