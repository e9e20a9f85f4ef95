"""BASIC_PENSION_NUMBER: the 10-digit 基礎年金番号 (4-digit 記号 + 6-digit 番号)."""

from __future__ import annotations

from detectors.ids.labelled import LabelledNumberDetector


class BasicPensionNumberDetector(LabelledNumberDetector):
    """1234-567890 or 1234567890 after 基礎年金番号/年金手帳."""

    id = "ids.basic_pension_number"
    entities = ("BASIC_PENSION_NUMBER",)
    label = "BASIC_PENSION_NUMBER"
    lengths = frozenset({10})
    layouts = frozenset({(4, 6), (10,)})
    score = 0.95
    back = 30
