"""The placeholder form 〔氏名1〕, the mask form ＜氏名＞, and the grammar the restorer accepts.

Canonical pseudonym: 〔 LABEL NUMBER 〕 with a Japanese label per entity type and a number that
counts up per label within one conversation. Accepted spellings (what models rewrite it to):

    OPEN  := 〔 ［ [ 【 （ ( 〈 < ＜ 《 ｛ {
    CLOSE := 〕 ］ ] 】 ） ) 〉 > ＞ 》 ｝ }        (any opener with any closer: a width change on one side)
    WS    := U+0020 | U+3000 | U+00A0            (at most one, anywhere inside the brackets)
    LABEL := the label, full-width ASCII letters allowed (ＩＰアドレス)
    NUMBER:= [1-9][0-9]*, half- or full-width digits, no leading zero
    placeholder := OPEN WS? LABEL WS? NUMBER WS? CLOSE

Quotes 「」『』 and bare 氏名1 are not accepted: both occur in real forms (「氏名1」欄), and a
placeholder the restorer accepts must never be confused with the caller's own text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from detectors.model import ENTITY_TYPES

LABELS: Final[dict[str, str]] = {
    "PERSON": "氏名",
    "ADDRESS": "住所",
    "LOCATION": "地名",
    "PHONE_NUMBER": "電話番号",
    "EMAIL_ADDRESS": "メールアドレス",
    "POSTAL_CODE": "郵便番号",
    "DATE_OF_BIRTH": "生年月日",
    "MY_NUMBER": "個人番号",
    "CORPORATE_NUMBER": "法人番号",
    "BANK_ACCOUNT": "口座番号",
    "CREDIT_CARD": "カード番号",
    "DRIVERS_LICENSE": "免許証番号",
    "PASSPORT": "旅券番号",
    "RESIDENCE_CARD": "在留カード番号",
    "BASIC_PENSION_NUMBER": "基礎年金番号",
    "HEALTH_INSURANCE": "被保険者番号",
    "RESIDENT_CODE": "住民票コード",
    "IP_ADDRESS": "IPアドレス",
}
assert set(LABELS) == set(ENTITY_TYPES), "one label per canonical entity type"

# An entity type we do not know still gets hidden, under a generic label.
FALLBACK_LABEL: Final = "個人情報"
# The caller's own text that looks like one of our placeholders is itself replaced by one of these.
LITERAL_ENTITY: Final = "LITERAL"
LITERAL_LABEL: Final = "原文"

ALL_LABELS: Final = (*LABELS.values(), FALLBACK_LABEL, LITERAL_LABEL)

OPENERS: Final = "〔［[【（(〈<＜《｛{"
CLOSERS: Final = "〕］]】）)〉>＞》｝}"
SPACES: Final = " \u3000\u00a0"
CANON_OPEN, CANON_CLOSE = "〔", "〕"
# Beyond this a number in the caller's text is not reserved but escaped (keeps placeholders short).
MAX_RESERVED_NUMBER: Final = 9999

# Full-width ASCII (letters, digits) to half-width; spaces to one ASCII space. 1:1 in length.
_FOLD: Final = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()} | {
    ord(s): " " for s in SPACES
}


def fold(text: str) -> str:
    """Width-fold a candidate placeholder: full-width letters/digits to ASCII, every space to ' '."""
    return text.translate(_FOLD)


# Every label by entity type, the caller's literals included (a lookup per value of every request).
LABEL_OF: Final[dict[str, str]] = {**LABELS, LITERAL_ENTITY: LITERAL_LABEL}


def label_for(entity: str) -> str:
    """The Japanese label of an entity type (氏名 for PERSON)."""
    return LABEL_OF.get(entity, FALLBACK_LABEL)


def mask_for(entity: str) -> str:
    """The irreversible mask of an entity type: ＜氏名＞."""
    return f"＜{label_for(entity)}＞"


def placeholder(label: str, number: int) -> str:
    """The canonical pseudonym: 〔氏名1〕."""
    return f"{CANON_OPEN}{label}{number}{CANON_CLOSE}"


def _label_pattern(label: str) -> str:
    out = []
    for ch in label:
        if ch.isascii() and ch.isalnum():
            out.append(f"[{ch}{chr(ord(ch) + 0xFEE0)}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _grammar(labels: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(_label_pattern(x) for x in sorted(labels, key=len, reverse=True))
    o, c, s = re.escape(OPENERS), re.escape(CLOSERS), re.escape(SPACES)
    return re.compile(
        rf"[{o}](?P<s1>[{s}]?)(?P<label>{alts})(?P<s2>[{s}]?)"
        rf"(?P<num>[1-9１-９][0-9０-９]*)(?P<s3>[{s}]?)[{c}]"
    )


GRAMMAR: Final = _grammar(ALL_LABELS)
OPENER_RE: Final = re.compile(f"[{re.escape(OPENERS)}]")


def parse(match: re.Match[str]) -> tuple[str, str] | None:
    """(canonical placeholder, folded label) of a grammar match, or None when it has two spaces."""
    if len(match["s1"]) + len(match["s2"]) + len(match["s3"]) > 1:
        return None
    label = fold(match["label"])
    return placeholder(label, int(fold(match["num"]))), label


def literals(text: str) -> list[tuple[int, int, str, int]]:
    """Spans of the caller's text that the restorer would read as a placeholder: (start, end, label, n)."""
    out = []
    for m in GRAMMAR.finditer(text):
        parsed = parse(m)
        if parsed is not None:
            out.append((m.start(), m.end(), parsed[1], int(fold(m["num"]))))
    return out


@lru_cache(maxsize=8192)
def split(canonical: str) -> tuple[str, int]:
    """(label, number) of a canonical placeholder; ValueError for anything else.

    Cached: every answer's restorer splits each placeholder of the conversation again.
    """
    m = GRAMMAR.fullmatch(canonical)
    if m is None or canonical[0] != CANON_OPEN or canonical[-1] != CANON_CLOSE or parse(m) is None:
        raise ValueError("not a canonical placeholder")
    return fold(m["label"]), int(fold(m["num"]))
