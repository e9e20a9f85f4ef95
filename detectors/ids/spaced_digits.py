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
from detectors.normalize import KANJI_DIGITS, NormalizedText

# The detectors of numbers; dates, e-mail and IP addresses are not spelt out this way.
# Detectors hold no per-text state, so one shared instance each is safe across threads.
_NUMBER_DETECTORS: Final[tuple[Detector, ...]] = tuple(
    cls()
    for cls in (
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
)


# Digit groups a space or two apart, or joined by a hyphen: the stretch a spaced-out number may take.
# Kanji digits count too: normalize() reads a lone 〇 or 九 as prose, but 〇 九 〇 一 二 … is a number.
_D: Final = f"[0-9{KANJI_DIGITS}]"
_SPACED_RUN_RE: Final = re.compile(f"{_D}+(?:(?: {{1,2}}| ?- ?){_D}+)+")
_GAP_RE: Final = re.compile(f"(?<={_D}) {{1,2}}(?={_D})")
# Two digits a space or two apart: the cheap test most texts fail.
_SPACED_HINT_RE: Final = re.compile(f"{_D} {{1,2}}{_D}")
_KANJI_TO_ASCII: Final = str.maketrans(KANJI_DIGITS, "0123456789")
# The shortest number an identifier detector reads (a 〒 code, a bank account).
_MIN_JOINED_DIGITS: Final = 7


def _apart(norm: NormalizedText, start: int, end: int) -> int:
    """How many neighbouring digits in norm.text[start:end] stood apart in the original (1\u200b2)."""
    s, e = norm.to_original(start, end)
    if e - s == end - start:
        return 0  # nothing was dropped inside the run (the usual case, and one look-up)
    text = norm.text
    count = 0
    prev_end = -1
    for i in range(start, end):
        if "0" <= text[i] <= "9" or text[i] in KANJI_DIGITS:
            s, e = norm.to_original(i, i + 1)
            if prev_end >= 0 and s > prev_end:
                count += 1
            prev_end = e
        else:
            prev_end = -1
    return count


def join_spaced_digits(norm: NormalizedText) -> tuple[NormalizedText, list[int]] | None:
    """A view of `norm` with the spaces inside spelt-out numbers removed (0 9 0 1 2 3 4 … → 0901234…),
    and the original offsets of the removed spaces; None when there are none.

    A run of digit groups is spelt out when at least two in three of its neighbouring digits stand
    apart (a space, a hyphen or an invisible between them): 「80 75 90 60」 and 「090 1234 5678」 are
    not. Callers keep only what spans a removed space, so 「1 2 3」 in prose is left alone."""
    text = norm.text
    hint = _SPACED_HINT_RE.search(text)
    if hint is None:
        return None
    removed: list[int] = []
    runs: list[tuple[int, int]] = []
    # The run holding the first hint starts after the last letter or punctuation before it.
    start = hint.start()
    while start > 0 and ("0" <= text[start - 1] <= "9" or text[start - 1] in " -" + KANJI_DIGITS):
        start -= 1
    for m in _SPACED_RUN_RE.finditer(text, start):
        run = m.group()
        digits = sum("0" <= c <= "9" or c in KANJI_DIGITS for c in run)
        if digits < _MIN_JOINED_DIGITS:
            continue
        gaps = [g.span() for g in _GAP_RE.finditer(run)]
        if not gaps:
            continue
        apart = len(gaps) + run.count("-") + _apart(norm, m.start(), m.end())
        if 3 * apart < 2 * (digits - 1):
            continue
        for s, e in gaps:
            removed.extend(range(m.start() + s, m.start() + e))
        runs.append(m.span())
    if not removed:
        return None
    # Kanji digits in these runs become ASCII one for one, so the map stays as it is.
    pieces: list[str] = []
    pos = 0
    for s, e in runs:
        pieces += [text[pos:s], text[s:e].translate(_KANJI_TO_ASCII)]
        pos = e
    pieces.append(text[pos:])
    ascii_runs = replace(norm, text="".join(pieces))
    return ascii_runs.without(removed), [norm.to_original(p, p + 1)[0] for p in removed]


class SpacedDigitsDetector:
    """Runs the number detectors over a view with the spaces inside spaced-out digit runs removed, and
    keeps what only that view finds: a finding must span a removed space, so 「1 2 3」 in prose and the
    numbers the plain text already shows are left to the others."""

    id = "ids.spaced_digits"
    entities = tuple(dict.fromkeys(e for d in _NUMBER_DETECTORS for e in d.entities))

    def __init__(self) -> None:
        self._inner: tuple[Detector, ...] = _NUMBER_DETECTORS

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
