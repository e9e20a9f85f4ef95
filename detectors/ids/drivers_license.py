"""DRIVERS_LICENSE: the 12-digit 運転免許証番号, recognised by its label."""

from __future__ import annotations

from detectors.ids.labelled import LabelledNumberDetector


class DriversLicenseDetector(LabelledNumberDetector):
    """12 digits after 免許証/運転免許 (wins over MY_NUMBER even when the check digit happens to pass)."""

    id = "ids.drivers_license"
    entities = ("DRIVERS_LICENSE",)
    label = "DRIVERS_LICENSE"
    lengths = frozenset({12})
    score = 0.95
    back = 30
