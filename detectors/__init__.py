"""Detect personal data and confidentiality in Japanese text: `scan(text) -> ScanResult`."""

from detectors.classify import DEFAULT_CLASSIFIER, Classifier, ClassRule, Level
from detectors.keywords import Dictionaries
from detectors.model import Detection, Finding, Marking, ScanResult
from detectors.scanner import Scanner, default_scanner, scan

__all__ = [
    "DEFAULT_CLASSIFIER",
    "ClassRule",
    "Classifier",
    "Detection",
    "Dictionaries",
    "Finding",
    "Level",
    "Marking",
    "ScanResult",
    "Scanner",
    "default_scanner",
    "scan",
]
