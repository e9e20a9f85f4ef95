"""Small tests the PERSON detector applies to a candidate token and its neighbours."""

from __future__ import annotations

from detectors.morphology import MEI, NAME, NOUN, PART, PROPN, PUNCT, SEI, SPACE, SYM, Tokens
from detectors.person.chars import KATAKANA_NAME_RE as _KATAKANA_RE
from detectors.person.words import CLAUSE_OPENERS, COMPANY_FORMS, KIN_WORDS, RELATIONS


def inside_a_word(t: Tokens, i: int) -> bool:
    """A lone name token that is a kin word (元夫) or ends a company's name (株式会社 + 田 + 中組)."""
    if t.surface(i) in KIN_WORDS:
        return True
    k = i
    while k > 0 and i - k < 3 and t.ends[k - 1] == t.begins[k] and t.kinds[k - 1] not in (PART, PUNCT, SYM, SPACE):
        k -= 1
        if t.surface(k) in COMPANY_FORMS:
            return True
    return False


def unknown_subject(t: Tokens, i: int, j: int) -> bool:
    """An unknown katakana word opening a clause as its subject (「ヘルムは議会に…」): often a foreign name."""
    # Names are short; long unknown words are mostly chemicals and brands (キサンチドロール).
    if not all(t.oov[x] or t.kinds[x] == SYM for x in range(i, j)) or not 3 <= t.ends[j - 1] - t.begins[i] <= 7:
        return False
    if j >= len(t) or t.surface(j) not in ("は", "が"):
        return False
    return i == 0 or t.surface(i - 1) in CLAUSE_OPENERS


def relation_after(t: Tokens, i: int, j: int) -> bool:
    """An unknown katakana name before の and a word only people have: 「ローウェットの代理人」「Xの息子」."""
    if not all(t.oov[x] or t.kinds[x] == SYM for x in range(i, j)) or j + 1 >= len(t) or t.surface(j) != "の":
        return False
    return t.surface(j + 1) in RELATIONS


def kana_family(t: Tokens, i: int, s: int) -> int:
    """Start of 「スズキ イチロウさん」: a kana word and one space before a kana given name join it."""
    first = t.surface(i)
    if i < 2 or t.kinds[i - 1] != SPACE or t.ends[i - 1] - t.begins[i - 1] > 1:
        return s
    prev = t.surface(i - 2)
    same_script = (is_katakana(first) and is_katakana(prev)) or (is_hiragana(first) and is_hiragana(prev))
    if same_script and 2 <= len(prev) <= 6 and t.kinds[i - 2] in (SEI, MEI, NAME, NOUN, PROPN):
        return t.begins[i - 2]
    return s


def is_latin(s: str) -> bool:
    return s[:1].isascii() and s[:1].isupper()


def is_hiragana(s: str) -> bool:
    return all("ぁ" <= c <= "ゖ" or c == "ー" for c in s)


def is_katakana(s: str) -> bool:
    return _KATAKANA_RE.fullmatch(s) is not None
