"""Span matching: exact versus overlap, one-to-one pairing, split and merged names."""

from __future__ import annotations

import pytest

from detectors.evaluation import Span, evaluate, match_spans
from tests.detectors.evaluation.helpers import TEXT, gold, pred


@pytest.mark.parametrize(
    ("mode", "predicted", "tp", "fp", "fn"),
    [
        ("overlap", [("PERSON", 4, 8)], 1, 0, 0),
        ("exact", [("PERSON", 4, 8)], 1, 0, 0),
        ("overlap", [("PERSON", 4, 6)], 1, 0, 0),  # surname only still overlaps
        ("exact", [("PERSON", 4, 6)], 0, 1, 1),
        ("overlap", [("PERSON", 3, 10)], 1, 0, 0),  # honorific swallowed
        ("exact", [("PERSON", 3, 10)], 0, 1, 1),
        ("overlap", [("PERSON", 0, 3)], 0, 1, 1),  # adjacent, no shared character
        ("overlap", [("LOCATION", 4, 8)], 0, 1, 1),  # right span, wrong type
        ("overlap", [("PERSON", 4, 6), ("PERSON", 6, 8)], 1, 0, 0),  # 姓 and 名 reported apart: all covered
        ("exact", [("PERSON", 4, 6), ("PERSON", 6, 8)], 0, 2, 1),
        ("overlap", [("PERSON", 4, 6), ("PERSON", 6, 8), ("PERSON", 0, 2)], 1, 1, 0),
        ("overlap", [], 0, 0, 1),
    ],
)
def test_person_span_matching(mode: str, predicted: list[tuple[str, int, int]], tp: int, fp: int, fn: int) -> None:
    g = [gold("a", TEXT, [("PERSON", 4, 8)])]
    r = evaluate(g, [pred("a", predicted)], match=mode)  # type: ignore[arg-type]
    assert (r.micro.tp, r.micro.fp, r.micro.fn) == (tp, fp, fn)


def test_overlap_counts_one_merged_prediction_for_both_names() -> None:
    text = "世帯員：山田花子、山田一郎"
    g = [gold("a", text, [("PERSON", 4, 8), ("PERSON", 9, 13)])]
    r = evaluate(g, [pred("a", [("PERSON", 4, 13)])])
    assert (r.micro.tp, r.micro.fp, r.micro.fn) == (2, 0, 0)
    exact = evaluate(g, [pred("a", [("PERSON", 4, 13)])], match="exact")
    assert (exact.micro.tp, exact.micro.fp, exact.micro.fn) == (0, 1, 2)


def test_exact_pairs_one_to_one_largest_overlap_first() -> None:
    g = [Span("PHONE_NUMBER", 0, 4, ""), Span("PHONE_NUMBER", 5, 9, "")]
    p = [Span("PHONE_NUMBER", 3, 9, "")]  # shares 1 char with the first, 4 with the second
    assert match_spans(g, p, "overlap") == [(1, 0)]
    assert match_spans(g, p, "exact") == []
