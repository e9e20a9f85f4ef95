"""Identifiers spelt out a digit at a time (0 9 0 1 2 3 4 5 6 7 8): read with the spaces taken out."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Final

from detectors.detector import Artifacts, Detector
from detectors.ids.bank_account import BankAccountDetector
from detectors.ids.corporate_number import CorporateNumberDetector
from detectors.ids.credit_card import CreditCardDetector
from detectors.ids.drivers_license import DriversLicenseDetector
from detectors.ids.health_insurance import HealthInsuranceDetector
from detectors.ids.my_number import MyNumberDetector
from detectors.ids.passport import PassportDetector
from detectors.ids.pension import BasicPensionNumberDetector
from detectors.ids.phone import PhoneNumberDetector
from detectors.ids.postal_code import PostalCodeDetector
from detectors.ids.residence_card import ResidenceCardDetector
from detectors.ids.resident_code import ResidentCodeDetector
from detectors.model import Finding
from detectors.normalize import NormalizedText

# The detectors of numbers; dates, e-mail and IP addresses are not spelt out this way.
_NUMBER_DETECTORS: Final[tuple[type[Detector], ...]] = (
    MyNumberDetector,
    CorporateNumberDetector,
    CreditCardDetector,
    PhoneNumberDetector,
    PostalCodeDetector,
    BankAccountDetector,
    DriversLicenseDetector,
    PassportDetector,
    ResidenceCardDetector,
    BasicPensionNumberDetector,
    HealthInsuranceDetector,
    ResidentCodeDetector,
)


# Digit groups a space or two apart, or joined by a hyphen: the stretch a spaced-out number may take.
_SPACED_RUN_RE: Final = re.compile(r"[0-9]+(?:(?: {1,2}| ?- ?)[0-9]+)+")
_GAP_RE: Final = re.compile(r" {1,2}(?=[0-9])")
# A one-digit group a space or two from another digit: the cheap test most texts fail.
_SPACED_HINT_RE: Final = re.compile(r"[0-9](?:(?<![0-9]{2}) {1,2}[0-9]| {1,2}[0-9](?![0-9]))")
# The shortest number an identifier detector reads (a 〒 code, a bank account).
_MIN_JOINED_DIGITS: Final = 7


def join_spaced_digits(norm: NormalizedText) -> tuple[NormalizedText, list[int]] | None:
    """A view of `norm` with the spaces inside spaced-out numbers removed (0 9 0 1 2 3 4 … → 0901234…),
    and the original offsets of the removed spaces; None when there are none.

    A space is removed only where a one-digit group touches it, so 「80 75 90」 and 「090 1234 5678」 stay
    as they are; callers keep only what spans a removed space, so 「1 2 3」 in prose is left alone."""
    text = norm.text
    hint = _SPACED_HINT_RE.search(text)
    if hint is None:
        return None
    removed: list[int] = []
    # Runs end at a letter or punctuation, so the one holding the first hint starts after the last of those.
    start = hint.start()
    while start > 0 and ("0" <= text[start - 1] <= "9" or text[start - 1] in " -"):
        start -= 1
    for m in _SPACED_RUN_RE.finditer(text, start):
        run = m.group()
        if sum("0" <= c <= "9" for c in run) < _MIN_JOINED_DIGITS:
            continue
        base = m.start()
        for g in _GAP_RE.finditer(run):
            s, e = g.start(), g.end()
            if s == 0 or not "0" <= run[s - 1] <= "9":
                continue
            single_before = s < 2 or not "0" <= run[s - 2] <= "9"
            single_after = e + 1 >= len(run) or not "0" <= run[e + 1] <= "9"
            if single_before or single_after:
                removed.extend(range(base + s, base + e))
    if not removed:
        return None
    joined = norm.without(removed)
    return joined, [norm.to_original(p, p + 1)[0] for p in removed]


class SpacedDigitsDetector:
    """Runs the number detectors over a view with the spaces inside spaced-out digit runs removed, and
    keeps what only that view finds: a finding must span a removed space, so 「1 2 3」 in prose and the
    numbers the plain text already shows are left to the others."""

    id = "ids.spaced_digits"
    entities = tuple(dict.fromkeys(e for cls in _NUMBER_DETECTORS for e in cls.entities))

    def __init__(self) -> None:
        self._inner: tuple[Detector, ...] = tuple(cls() for cls in _NUMBER_DETECTORS)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        joined = join_spaced_digits(artifacts.normalized)
        if joined is None:
            return []
        view, removed = joined
        art = Artifacts(original=artifacts.original, normalized=view)
        out: list[Finding] = []
        for det in self._inner:
            for f in det.detect(text, art):
                i = bisect_left(removed, f.start)
                if i < len(removed) and removed[i] < f.end:
                    out.append(replace(f, detector=self.id))
        return out
