"""Building findings from spans of the normalised text (the helper lives in detectors.detector)."""

from __future__ import annotations

from detectors.detector import finding

__all__ = ["finding"]
