"""The evaluation metrics on hand-computed cases: entities, categories, tags, levels, negatives and errors."""

from __future__ import annotations

import pytest

from detectors.evaluation import Counts, GoldExample, Prediction, Span, evaluate, render_text
from detectors.model import ENTITY_TYPES
from tests.detectors.evaluation.helpers import gold, pred


def test_micro_and_per_type_figures_by_hand() -> None:
    text = "山田太郎 090-1234-5678 〒123-4567 東京都千代田区1-1"
    g = [
        gold("a", text, [("PERSON", 0, 4), ("PHONE_NUMBER", 5, 18), ("POSTAL_CODE", 20, 28)]),
        gold("b", text, [("ADDRESS", 29, 39)]),
    ]
    p = [
        pred("a", [("PERSON", 0, 4), ("PHONE_NUMBER", 5, 18), ("BANK_ACCOUNT", 21, 28)]),
        pred("b", [("ADDRESS", 29, 36), ("PERSON", 0, 2)]),
    ]
    r = evaluate(g, p)
    assert (r.micro.tp, r.micro.fp, r.micro.fn) == (3, 2, 1)
    assert r.micro.precision == pytest.approx(3 / 5)
    assert r.micro.recall == pytest.approx(3 / 4)
    assert r.micro.f1 == pytest.approx(2 * 3 / (2 * 3 + 2 + 1))
    assert (r.per_type["PERSON"].tp, r.per_type["PERSON"].fp) == (1, 1)
    assert r.per_type["POSTAL_CODE"].recall == 0.0 and r.per_type["POSTAL_CODE"].precision is None
    assert r.per_type["BANK_ACCOUNT"].precision == 0.0 and r.per_type["BANK_ACCOUNT"].recall is None
    # canonical order, not insertion order
    assert list(r.per_type) == [t for t in ENTITY_TYPES if t in r.per_type]
    # macro F1: PERSON 2/3, ADDRESS 1, PHONE 1, POSTAL 0, BANK 0
    assert r.macro_f1 == pytest.approx((2 / 3 + 1 + 1 + 0 + 0) / 5)
    exact = evaluate(g, p, match="exact")
    assert (exact.micro.tp, exact.micro.fp, exact.micro.fn) == (2, 3, 2)


def test_per_category_figures() -> None:
    g = [
        GoldExample("a", "窓口記録", "山田太郎", (Span("PERSON", 0, 4, "山田太郎"),), frozenset(), "機密性2"),
        GoldExample("b", "英語混在", "John Smith", (Span("PERSON", 0, 10, "John Smith"),), frozenset(), "機密性2"),
        GoldExample("c", "英語混在", "Tokyo", (), frozenset(), "機密性1"),
    ]
    r = evaluate(g, [pred("a", [("PERSON", 0, 4)]), pred("b", []), pred("c", [("PERSON", 0, 5)])])
    assert list(r.per_category) == ["窓口記録", "英語混在"]
    assert (r.per_category["窓口記録"].tp, r.per_category["英語混在"].fp, r.per_category["英語混在"].fn) == (1, 1, 1)
    assert "英語混在" in render_text(r, show_text=False, worst=15) and r.to_json()["entities"]["per_category"]["英語混在"]["recall"] == 0.0  # type: ignore[index]


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        (Counts(), None, None, None),
        (Counts(fp=2), 0.0, None, 0.0),
        (Counts(fn=3), None, 0.0, 0.0),
        (Counts(tp=1, fp=1, fn=2), 0.5, 1 / 3, 0.4),
        (Counts(tp=4), 1.0, 1.0, 1.0),
    ],
)
def test_zero_division_is_undefined_not_zero(counts: Counts, precision: float | None, recall: float | None, f1: float | None) -> None:
    assert counts.precision == (pytest.approx(precision) if precision is not None else None)
    assert counts.recall == (pytest.approx(recall) if recall is not None else None)
    assert counts.f1 == (pytest.approx(f1) if f1 is not None else None)


def test_empty_gold_and_predictions_leave_f1_undefined() -> None:
    r = evaluate([gold("a", "札幌市の人口は？", [], level="機密性1")], [pred("a", [], level="機密性1")])
    assert r.micro.f1 is None and r.macro_f1 is None
    assert r.level_accuracy == 1.0 and r.tag_accuracy == 1.0
    assert r.errors == ()


def test_tags_levels_and_negatives() -> None:
    g = [
        gold("a", "山田太郎", [("PERSON", 0, 4)], {"personal"}, "機密性2"),
        gold("b", "うつ病の山田太郎", [("PERSON", 4, 8)], {"personal", "sensitive_personal"}, "機密性3"),
        gold("c", "札幌市の人口", [("LOCATION", 0, 3)], set(), "機密性1"),
        gold("d", "伝票番号 1234-5678-9012", [], set(), "機密性1"),
    ]
    p = [
        pred("a", [("PERSON", 0, 4)], {"personal"}, "機密性2"),
        pred("b", [("PERSON", 4, 8)], {"personal"}, "機密性2"),  # missed the sensitive tag: under-classified
        pred("c", [("LOCATION", 0, 3)], set(), "機密性1"),  # a LOCATION on a negative is no false alarm
        pred("d", [("MY_NUMBER", 5, 19)], {"personal", "specific_personal"}, "機密性3"),
    ]
    r = evaluate(g, p)
    assert (r.tag_exact, r.tag_accuracy) == (2, 0.5)
    assert (r.per_tag["personal"].tp, r.per_tag["personal"].fp, r.per_tag["personal"].fn) == (2, 1, 0)
    assert (r.per_tag["sensitive_personal"].tp, r.per_tag["sensitive_personal"].fn) == (0, 1)
    assert r.per_tag["specific_personal"].fp == 1
    assert (r.level_correct, r.under_classified, r.over_classified) == (2, 1, 1)
    assert r.confusion == {("機密性2", "機密性2"): 1, ("機密性3", "機密性2"): 1, ("機密性1", "機密性1"): 1, ("機密性1", "機密性3"): 1}
    assert r.levels == ["機密性1", "機密性2", "機密性3"]
    assert (r.negatives, r.negatives_with_findings) == (2, 1)
    # the under-classified example outranks the false alarm, which outranks nothing
    assert [e.id for e in r.errors] == ["d", "b"] or [e.id for e in r.errors] == ["b", "d"]
    assert r.errors[0].severity >= r.errors[1].severity
    assert {e.id for e in r.errors} == {"b", "d"}


def test_under_classification_is_the_worst_error() -> None:
    g = [gold("leak", "x山田", [], set(), "機密性3"), gold("noise", "y", [], set(), "機密性1")]
    p = [pred("leak", [], level="機密性1"), pred("noise", [("PERSON", 0, 1)], level="機密性1")]
    r = evaluate(g, p)
    assert [e.id for e in r.errors] == ["leak", "noise"]


def test_predictions_must_cover_the_gold_set_exactly() -> None:
    g = [gold("a", "x", []), gold("b", "y", [])]
    with pytest.raises(ValueError, match="missing \\['b'\\]"):
        evaluate(g, [pred("a", [])])
    with pytest.raises(ValueError, match="extra \\['z'\\]"):
        evaluate(g, [pred("a", []), pred("b", []), pred("z", [])])
    with pytest.raises(ValueError, match="duplicate prediction"):
        evaluate(g, [pred("a", []), pred("a", []), pred("b", [])])
    with pytest.raises(ValueError, match="match must be"):
        evaluate(g, [pred("a", []), pred("b", [])], match="fuzzy")  # type: ignore[arg-type]


def test_offset_mismatches_are_counted() -> None:
    g = [gold("a", "電話 ０９０－１２３４－５６７８", [("PHONE_NUMBER", 3, 16)])]
    # a detector that reported offsets into its NFKC-normalised copy with the normalised text
    p = [Prediction("a", (Span("PHONE_NUMBER", 3, 16, "090-1234-5678"),), frozenset({"personal"}), "機密性2")]
    assert evaluate(g, p).offset_mismatches == 1


def test_masking_counts_every_character_and_values_found_elsewhere() -> None:
    # 山田 太郎 [0, 5); 山田 again [12, 14); 090-1234-5678 [17, 30); 東京 [31, 33) is a LOCATION, not personal.
    text = "山田 太郎は窓口へ。翌日、山田が 090-1234-5678 東京"
    g = [gold("a", text, [("PERSON", 0, 5), ("PERSON", 13, 15), ("PHONE_NUMBER", 17, 30), ("LOCATION", 31, 33)])]
    # The full name covered in two pieces (the space between needs no mask); the later 山田 missed
    # in place but found as the value 山田 at [0, 2); the phone number only partly covered.
    p = [pred("a", [("PERSON", 0, 2), ("PERSON", 3, 5), ("PHONE_NUMBER", 17, 25)])]
    r = evaluate(g, p)
    assert (r.personal_spans, r.masked_in_place, r.masked_by_value) == (3, 1, 1)
    assert "personal spans masked: 2 of 3" in render_text(r, show_text=False, worst=15)
    assert r.to_json()["masking"] == {"personal_spans": 3, "masked_in_place": 1, "masked_by_value": 1}
