"""RESIDENT_CODE: the 11-digit 住民票コード."""

from __future__ import annotations

from detectors.ids.labelled import LabelledNumberDetector


class ResidentCodeDetector(LabelledNumberDetector):
    """11 digits after 住民票コード."""

    id = "ids.resident_code"
    entities = ("RESIDENT_CODE",)
    label = "RESIDENT_CODE"
    lengths = frozenset({11})
    layouts = frozenset({(11,), (4, 4, 3), (3, 4, 4)})
    score = 0.95
    back = 30
