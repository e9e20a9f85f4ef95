"""Identifier recognisers (regex + check digit + label words) and their registry."""

from __future__ import annotations

from typing import Final

from detectors.detector import Detector
from detectors.ids.bank_account import BankAccountDetector
from detectors.ids.corporate_number import CorporateNumberDetector
from detectors.ids.credit_card import CreditCardDetector
from detectors.ids.date_of_birth import DateOfBirthDetector
from detectors.ids.drivers_license import DriversLicenseDetector
from detectors.ids.email import EmailAddressDetector
from detectors.ids.health_insurance import HealthInsuranceDetector
from detectors.ids.ip_address import IpAddressDetector
from detectors.ids.my_number import MyNumberDetector
from detectors.ids.passport import PassportDetector
from detectors.ids.pension import BasicPensionNumberDetector
from detectors.ids.phone import PhoneNumberDetector
from detectors.ids.postal_code import PostalCodeDetector
from detectors.ids.residence_card import ResidenceCardDetector
from detectors.ids.resident_code import ResidentCodeDetector
from detectors.ids.spaced_digits import SpacedDigitsDetector

_CLASSES: Final = (
    MyNumberDetector,
    CorporateNumberDetector,
    CreditCardDetector,
    PhoneNumberDetector,
    PostalCodeDetector,
    EmailAddressDetector,
    IpAddressDetector,
    BankAccountDetector,
    DriversLicenseDetector,
    PassportDetector,
    ResidenceCardDetector,
    BasicPensionNumberDetector,
    HealthInsuranceDetector,
    ResidentCodeDetector,
    DateOfBirthDetector,
    SpacedDigitsDetector,
)

# Detectors hold no per-text state, so one shared instance each is safe across threads.
ID_DETECTORS: Final[dict[str, Detector]] = {cls.id: cls() for cls in _CLASSES}


def default_id_detectors() -> list[Detector]:
    """Every identifier detector, in a stable order."""
    return list(ID_DETECTORS.values())


__all__ = ["ID_DETECTORS", "default_id_detectors"]
