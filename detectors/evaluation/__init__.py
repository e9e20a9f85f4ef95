"""Score detector output against a labelled JSONL set: entity P/R/F1, tag and level accuracy.

`dataset` reads the labelled and predicted sets, `matching` pairs predicted spans with gold ones,
`scoring` tallies them into a `Report` (`report`), and `render` prints one (`render_text`).
"""

from detectors.evaluation.dataset import (
    DatasetError,
    GoldExample,
    Prediction,
    Span,
    level_rank,
    load_gold,
    load_predictions,
    prediction_from_scan,
)
from detectors.evaluation.matching import MATCH_MODES, MatchMode, covered, match_spans
from detectors.evaluation.render import render_text
from detectors.evaluation.report import Counts, ExampleErrors, Report
from detectors.evaluation.scoring import evaluate

__all__ = [
    "MATCH_MODES",
    "Counts",
    "DatasetError",
    "ExampleErrors",
    "GoldExample",
    "MatchMode",
    "Prediction",
    "Report",
    "Span",
    "covered",
    "evaluate",
    "level_rank",
    "load_gold",
    "load_predictions",
    "match_spans",
    "prediction_from_scan",
    "render_text",
]
