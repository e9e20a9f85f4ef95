"""Identifiers spelt out a digit at a time (0 9 0 1 2 3 4 5 6 7 8): read with the spaces taken out."""

from __future__ import annotations

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
from detectors.normalize import join_spaced_digits

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
