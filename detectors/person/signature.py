"""PERSON: the name a message is signed with — alone on its last line (…お願いします。\\n日向), after the
last sentence (…もう3回目の連絡です。　日向」), or under a closing (Best regards,\\nO. Adebayo / Obrigado,\\nRodrigo).

A signature is where a message ends: the end of the text, of a quotation, or a line before a quoted
earlier message (> …, ----- 以下、前回). The word there must still read as a family name (the dictionary's
name or place tags, the name lists, a rare family name the dictionary lists as a plain noun).
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts, findings
from detectors.model import Finding
from detectors.morphology import NAME_KINDS, Tokens, tokens
from detectors.names_common import common_names
from detectors.openings import AfterBoundary
from detectors.person.chars import KANJI
from detectors.person.minutes import plain_surname, surname_in_slot
from detectors.person.words import NOT_IN_NAME_SLOTS, NOT_NAMES, RELATIVES

_CLOSING_RE: Final = re.compile(
    r"(?:Best regards|Kind regards|Regards|Sincerely|Thanks|Thank you|Many thanks|Cheers|Obrigad[oa]|Atenciosamente|"
    r"Saludos|Gracias|Salamat po|Salamat|Terima kasih|Hormat saya|Cảm ơn)[!,.]?[ \t]*(?:\n[ \t]*|[ \t]*[—–-][ \t]*)"
    r"(?P<name>(?:[A-Z]\.[ ]?){0,2}[A-Z][a-zà-ÿ]+(?:[ ][A-Z][a-zà-ÿ]+){0,3})(?![A-Za-z])"
)
# A name alone on a line, or after the last sentence of a line, where the message ends.
_LAST_RE: Final = re.compile(
    rf"(?:^|(?<=[。！？!?]))[ \t\u3000]*(?P<name>[{KANJI}][{KANJI}ケノ]{{0,3}})[ \t\u3000]*"
    # (the extension may stand beside it: 関（内線 4321）)
    r"(?:[（(]内線[ \t\u3000:：]?[0-9]{2,5}[）)])?(?P<end>[」』]?[ \t\u3000]*(?:\n|$))",
    re.MULTILINE,
)
_LAST_AT: Final = AfterBoundary(_LAST_RE, "[。！？!?]")  # tried only at line starts and after 。！？!?
# What may follow a signature: the end, a blank line before a quoted message, a quotation's close.
# (contact lines may come under the name first: an e-mail address, a telephone number or extension)
_AFTER_RE: Final = re.compile(
    r"(?:[ \t\u3000]*(?:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|(?:TEL|Tel|電話|内線|携帯)[ \t\u3000:：]*[0-9０-９-]{2,14})[ \t\u3000]*\n?){0,2}"
    r"[ \t\u3000\n]*(?:$|>|＞|-{3,}|―{3,}|ー{3,})"
)
_NOT_SIGNATURES: Final = frozenset("以上 敬具 草々 記 担当 事務局 本文 件名 宛先 御中 各位 不明 同上 別紙 以下 追伸 了解 承知 確認 対応 至急".split())
_SCORE: Final = 0.75
# Field labels and words under a closing that are not the sender (Contact: …, Tel …).
# An office signs too (Sincerely, Child Support Division).
_ORG_WORDS: Final = frozenset(
    "division office section department team center centre city ward hall bureau council committee desk unit "
    "school hospital clinic company corporation association service services support staff government".split()
)
_NOT_LATIN: Final = frozenset("Contact Email Phone Tel Address Name Date From To Subject Sent Mobile Office City Ward PS".split())


def _family_like(t: Tokens, s: int, e: int, word: str) -> bool:
    if word in _NOT_SIGNATURES or word in NOT_IN_NAME_SLOTS or word in NOT_NAMES or word in RELATIVES:
        return False
    i = bisect.bisect_left(t.begins, s)
    if i >= len(t) or t.begins[i] != s or t.ends[i] != e:
        return False
    if len(word) == 1:
        return t.kinds[i] in NAME_KINDS or word in common_names().family
    if t.oov[i]:
        return plain_surname(word)
    return surname_in_slot(word, t.kinds[i], common_names().family, t.plain[i] == 1)


class SignaturePersonDetector:
    """The name a message is signed with."""

    id = "signature.person"
    entities = ("PERSON",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        t = artifacts.normalized.text
        spans: list[tuple[int, int, float]] = [
            (*m.span("name"), _SCORE)
            for m in _CLOSING_RE.finditer(t)
            if m.group("name").split(" ")[0] not in _NOT_LATIN and not _ORG_WORDS & set(m.group("name").lower().split(" "))
        ]
        toks: Tokens | None = None
        for m in _LAST_AT.finditer(t):
            end = m.end("end")
            # The message ends here: the text does, or a quotation closes, or a quoted message follows.
            if not ("」" in m.group("end") or "』" in m.group("end") or _AFTER_RE.match(t, end)):
                continue
            toks = toks or tokens(artifacts)
            s, e = m.span("name")
            if _family_like(toks, s, e, m.group("name")):
                spans.append((s, e, _SCORE))
        return findings(artifacts, "PERSON", spans, self.id)
