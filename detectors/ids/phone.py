"""PHONE_NUMBER: Japanese fixed lines, mobiles, IP phones, free dial and +81 forms."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.context import nearest_label
from detectors.model import Finding

# Hyphen or space between groups; or の, as a number read out on the phone is written down
# (「090の1234の5678」).
_H: Final = r"(?:[ \t]{0,2}-[ \t]{0,2}|[ \t]{1,2}|の)"
_END: Final = r"(?![0-9])(?!-[0-9])"
# Each branch opens with a literal ( "(", "0", "+" ) so sre can skip ahead to candidates; the
# look-behinds after it keep the number from being the tail of a longer one.
_PHONE_RE: Final = re.compile(
    rf"\((?<![0-9+]\()(?P<paren_area>[ \t]?0[0-9]{{1,4}}[ \t]?\)[ \t]{{0,2}}[0-9]{{1,4}}{_H}?[0-9]{{3,4}}){_END}"
    rf"|0(?<![0-9+]0)(?<![0-9]-0)(?:"
    rf"(?P<paren_local>[0-9]{{0,4}}[ \t]{{0,2}}\([ \t]{{0,2}}[0-9]{{1,4}}[ \t]{{0,2}}\)[ \t]{{0,2}}[0-9]{{3,4}})"
    rf"|(?P<grouped>[0-9]{{0,4}}{_H}[0-9]{{1,4}}{_H}[0-9]{{3,4}})"
    rf"|(?P<plain>[0-9]{{9,10}})){_END}"
    rf"|\+(?<![0-9+]\+)(?P<intl>81[ \t-]{{0,2}}(?:\(0\)[ \t-]{{0,2}})?[1-9][0-9]{{0,3}}(?:{_H}|[()])[0-9]{{1,4}}"
    rf"(?:{_H}|[()])[0-9]{{3,4}}|81[ \t-]?[1-9][0-9]{{8,9}}){_END}"
)
_DIGIT_RE: Final = re.compile(r"[0-9]+")
# Prefix → total digits (with the leading 0). Fixed lines are 10 digits.
_SERVICE_LENGTHS: Final = (
    ("0120", 10), ("0800", 11), ("0570", 10), ("0990", 10), ("0180", 10),
    ("070", 11), ("080", 11), ("090", 11), ("050", 11), ("020", 11), ("060", 11),
)
# A grouped phone (03-1234-5678) is overruled only by NEG words: its shape speaks for itself, and a
# nearby 支店 or 保険 (a branch's or an office's phone) says nothing against it. Unseparated digits
# (0312345678) have less shape, so these labels of other numbers claim them too.
_OTHER_KINDS: Final = frozenset({"NEG", "GENERIC_NEG", "RESIDENT_CODE", "BASIC_PENSION_NUMBER", "HEALTH_INSURANCE"})
# An office's main or extension line (代表, 内線) is the organisation's, not a person's.
_PUBLIC_BEFORE_RE: Final = re.compile(r"代表|内線")
_PUBLIC_AFTER_RE: Final = re.compile(r"[ \t]*[(（]?[ \t]*(?:代表|内線)")


def _plausible(digits: str, groups: list[str]) -> bool:
    """Whether the digits (national form, leading 0) make a Japanese number of the right length."""
    if len(digits) < 10 or (digits[1] == "0" and not digits.startswith(("020", "050", "060", "070", "080", "090"))):
        return False
    for prefix, length in _SERVICE_LENGTHS:
        if digits.startswith(prefix):
            return len(digits) == length
    if len(digits) != 10:
        return False
    # Fixed line: area + local = 6 digits, subscriber = 4.
    return len(groups) == 1 or len(groups[-1]) == 4


class PhoneNumberDetector:
    """Japanese phone numbers in the usual spellings: 03-1234-5678, 03(1234)5678, 090 1234 5678, +81-90-…."""

    id = "ids.phone_number"
    entities = ("PHONE_NUMBER",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        for m in _PHONE_RE.finditer(norm):
            kind = m.lastgroup
            groups = _DIGIT_RE.findall(m.group())
            if not groups:
                continue
            if kind == "intl":
                groups[0] = groups[0][2:]  # drop the country code 81
                if not groups[0]:
                    groups = groups[1:]
                if groups and groups[0] == "0":  # +81 (0)3 …
                    groups = groups[1:]
                if not groups:
                    continue
                groups[0] = "0" + groups[0]
            digits = "".join(groups)
            if not _plausible(digits, groups):
                continue
            label = nearest_label(artifacts, m.start(), m.end())
            if label == "NEG" or (kind == "plain" and label in _OTHER_KINDS):
                continue
            if _PUBLIC_BEFORE_RE.search(norm, max(0, m.start() - 12), m.start()) or _PUBLIC_AFTER_RE.match(
                norm, m.end()
            ):
                continue
            if label == "PHONE_NUMBER":
                score = 0.95
            elif kind == "plain":
                score = 0.6
            else:
                score = 0.85
            out.append(finding(artifacts, "PHONE_NUMBER", m.start(), m.end(), score, self.id))
        return out
