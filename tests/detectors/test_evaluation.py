"""The evaluation metrics (hand-computed cases), the shipped municipal set's integrity, and `sekisho eval`."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from detectors.evaluation import (
    Counts,
    DatasetError,
    GoldExample,
    Prediction,
    Span,
    evaluate,
    level_rank,
    load_gold,
    load_predictions,
    match_spans,
    prediction_from_scan,
)
from detectors.model import ENTITY_TYPES, PERSONAL_ENTITY_TYPES, Detection, Finding, ScanResult
from gateway.cli.evaluate import SHIPPED_SET, evaluate as eval_command

ROOT = Path(__file__).resolve().parents[2]
SET_DIR = ROOT / "eval" / "municipal"
SWITCHBOARD = "099-000-1234"


def gold(ex_id: str, text: str, spans: list[tuple[str, int, int]], tags: set[str] | None = None, level: str = "機密性2") -> GoldExample:
    return GoldExample(ex_id, "test", text, tuple(Span(t, s, e, text[s:e]) for t, s, e in spans), frozenset(tags or set()), level)


def pred(ex_id: str, spans: list[tuple[str, int, int]], tags: set[str] | None = None, level: str = "機密性2") -> Prediction:
    return Prediction(ex_id, tuple(Span(t, s, e, "") for t, s, e in spans), frozenset(tags or set()), level)


# -- metrics -------------------------------------------------------------------------------------------

TEXT = "相談者 山田太郎 様、電話 090-1234-5678。"  # 山田太郎 = [4, 8), phone = [14, 27)


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
    assert "英語混在" in r.to_text() and r.to_json()["entities"]["per_category"]["英語混在"]["recall"] == 0.0  # type: ignore[index]


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


@pytest.mark.parametrize(("label", "rank"), [("機密性1", 1), ("機密性３", 3), ("3A", 3), ("2", 2), ("極秘", None)])
def test_level_rank(label: str, rank: int | None) -> None:
    assert level_rank(label) == rank


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


def test_report_text_and_json() -> None:
    g = [gold("a", TEXT, [("PERSON", 4, 8), ("PHONE_NUMBER", 14, 27)], {"personal"})]
    r = evaluate(g, [pred("a", [("PERSON", 4, 8)], {"personal"})])
    hidden, shown = r.to_text(), r.to_text(show_text=True)
    assert "090-1234-5678" not in hidden and "PHONE_NUMBER@14-27" in hidden
    assert "missed PHONE_NUMBER「090-1234-5678」" in shown
    rows = {line.split()[0]: line for line in hidden.splitlines() if line.strip()}
    assert rows["PERSON"].split()[1:] == ["1", "0", "0", "1.000", "1.000", "1.000"]
    assert rows["PHONE_NUMBER"].split()[1:] == ["0", "0", "1", "—", "0.000", "0.000"]
    assert rows["micro"].split()[1:] == ["1", "0", "1", "1.000", "0.500", "0.667"]
    header = next(line for line in hidden.splitlines() if line.startswith("entity"))
    # right-aligned numeric columns line up under their headers
    assert header.index("F1") + 2 == len(rows["micro"])
    data = json.loads(json.dumps(r.to_json()))
    assert data["entities"]["micro"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)}
    assert data["errors"][0]["missed"] == [{"type": "PHONE_NUMBER", "start": 14, "end": 27}]
    assert r.to_json(show_text=True)["errors"][0]["missed"][0]["text"] == "090-1234-5678"  # type: ignore[index]


def test_prediction_from_scan_uses_the_real_model() -> None:
    finding = Finding("PERSON", 4, 8, "山田太郎", 0.85, "sudachi_person")
    scan = ScanResult(Detection((finding,), tags=frozenset({"personal"})), level="機密性2", rank=2)
    p = prediction_from_scan("a", scan)
    assert p == Prediction("a", (Span("PERSON", 4, 8, "山田太郎"),), frozenset({"personal"}), "機密性2")


# -- loading -------------------------------------------------------------------------------------------


def _write(tmp_path: Path, rows: list[dict[str, object]], name: str = "set.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


ROW = {"id": "x-1", "category": "窓口記録", "text": "来庁者 山田太郎 様", "entities": [{"type": "PERSON", "start": 4, "end": 8, "text": "山田太郎"}],
       "tags": ["personal"], "level": "機密性2"}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"entities": [{"type": "PERSON", "start": 3, "end": 8, "text": "山田太郎"}]}, r":2: entities\[0\]\.text: '山田太郎' != text\[3:8\]"),
        ({"entities": [{"type": "NAME", "start": 4, "end": 8, "text": "山田太郎"}]}, r":2: entities\[0\]\.type: unknown entity type 'NAME'"),
        ({"entities": [{"type": "PERSON", "start": 4, "end": 99, "text": "山田太郎"}]}, r":2: entities\[0\]\.end: 99 is past the end"),
        ({"entities": [{"type": "PERSON", "start": 8, "end": 4, "text": ""}]}, r":2: entities\[0\]: bad offsets"),
        ({"tags": ["private"]}, r":2: tags: expected a list drawn from"),
        ({"id": "x-1"}, r":2: id: duplicate id 'x-1'"),
        ({"level": None}, r":2: level: expected a non-empty string"),
    ],
)
def test_load_gold_rejects_bad_rows_with_file_and_line(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = _write(tmp_path, [ROW, {**ROW, "id": "x-2", **change}])
    with pytest.raises(DatasetError, match=re.escape(str(path)) + message):
        load_gold(path)


def test_load_gold_reports_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(ROW, ensure_ascii=False) + "\n\n{oops\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad\.jsonl:3: col 2: invalid JSON"):
        load_gold(path)


def test_load_predictions_reads_scan_jsonl_and_gold_format(tmp_path: Path) -> None:
    scan_line = {"id": "x-1", "level": "機密性2", "rank": 2, "tags": ["personal"],
                 "findings": [{"type": "PERSON", "start": 4, "end": 8, "text": "山田太郎", "score": 0.9, "detector": "d"}]}  # fmt: skip
    preds = load_predictions(_write(tmp_path, [scan_line], "p.jsonl")) + load_predictions(_write(tmp_path, [ROW], "g.jsonl"))
    assert preds[0] == preds[1] == Prediction("x-1", (Span("PERSON", 4, 8, "山田太郎"),), frozenset({"personal"}), "機密性2")


# -- the shipped set -----------------------------------------------------------------------------------


def _my_number_ok(d: str) -> bool:
    # Written again here from DESIGN.md rather than imported from build.py, so the two can disagree.
    weights = [n + 1 if n <= 6 else n - 5 for n in range(1, 12)]
    s = sum(int(d[11 - n]) * weights[n - 1] for n in range(1, 12))
    return int(d[11]) == (0 if s % 11 <= 1 else 11 - s % 11)


def _corporate_ok(d: str) -> bool:
    s = sum(int(d[13 - n]) * (1 if n % 2 else 2) for n in range(1, 13))
    return int(d[0]) == 9 - s % 9


def _luhn_ok(d: str) -> bool:
    digits = [int(c) for c in reversed(d)]
    return sum(x if i % 2 == 0 else (x * 2 - 9 if x > 4 else x * 2) for i, x in enumerate(digits)) % 10 == 0


def _digits(s: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", s))


@pytest.fixture(scope="module")
def shipped() -> list[GoldExample]:
    return load_gold(SET_DIR / "prompts.jsonl")


def test_check_digit_helpers_agree_with_design_examples() -> None:
    assert _my_number_ok("123456789018") and not _my_number_ok("123456789012")
    assert _corporate_ok("7000012050002") and not _corporate_ok("1000012050002")
    assert _luhn_ok("4111111111111111") and not _luhn_ok("4111111111111112")


def test_shipped_set_size_and_coverage(shipped: list[GoldExample]) -> None:
    assert SHIPPED_SET == SET_DIR / "prompts.jsonl"
    assert len(shipped) >= 180
    strict_negatives = [ex for ex in shipped if not ex.entities]
    assert len(strict_negatives) >= 40
    assert all(ex.tags == frozenset() for ex in strict_negatives)
    categories = Counter(ex.category for ex in shipped)
    for required in ["窓口記録", "相談記録", "通知文", "議事録", "苦情対応", "税", "福祉", "子育て", "戸籍住民", "介護", "国保・年金", "英語混在", "一般質問"]:
        assert categories[required] >= 3, required
    assert set(ENTITY_TYPES) <= {s.type for ex in shipped for s in ex.entities}
    assert sum("\n" in ex.text and len(ex.text) > 250 for ex in shipped) >= 8  # long multi-line prompts
    assert sum(bool(re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", ex.text)) for ex in shipped) >= 10  # English mixed in


def test_shipped_spans_index_the_text(shipped: list[GoldExample]) -> None:
    for ex in shipped:
        for s in ex.entities:
            assert ex.text[s.start : s.end] == s.text, ex.id
            assert s.text == s.text.strip(), ex.id
        ordered = sorted(ex.entities, key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False)), f"{ex.id}: overlapping gold spans"


def test_shipped_annotation_conventions(shipped: list[GoldExample]) -> None:
    spans = [s for ex in shipped for s in ex.entities]
    assert not [s.text for s in spans if s.type == "PERSON" and re.search(r"(様|さん|氏|殿|くん|ちゃん|さま)$", s.text)]
    assert not [s.text for s in spans if s.type == "POSTAL_CODE" and s.text.startswith("〒")]
    assert all(len(_digits(s.text)) == 7 for s in spans if s.type == "POSTAL_CODE")
    phones = [s.text for s in spans if s.type == "PHONE_NUMBER"]
    # the variety the detectors must cope with
    assert any(re.search("[０-９]", p) for p in phones) and any("〇" in p or "一" in p for p in phones)
    assert {"‐", "－", "―", "ー"} <= {ch for p in phones for ch in p} and any(" " in p for p in phones)
    dobs = [s.text for s in spans if s.type == "DATE_OF_BIRTH"]
    joined = "".join(dobs)
    assert all(form in joined for form in ["昭和", "平成", "令和", "/", "-", "年"])


def test_identifiers_carry_valid_check_digits(shipped: list[GoldExample]) -> None:
    by_type: dict[str, list[str]] = {}
    for ex in shipped:
        for s in ex.entities:
            by_type.setdefault(s.type, []).append(_digits(s.text))
    assert by_type["MY_NUMBER"] and all(len(d) == 12 and _my_number_ok(d) for d in by_type["MY_NUMBER"])
    assert all(len(d) == 13 and _corporate_ok(d) for d in by_type["CORPORATE_NUMBER"])
    assert all(len(d) == 16 and _luhn_ok(d) for d in by_type["CREDIT_CARD"])
    assert all(len(d) == 12 and not _my_number_ok(d) for d in by_type["DRIVERS_LICENSE"])


def test_every_valid_my_number_in_the_set_is_annotated(shipped: list[GoldExample]) -> None:
    """A checksum-valid 12-digit run outside a MY_NUMBER span would make the gold wrong; negatives' numbers must fail."""
    # a run of exactly twelve digits: not the head of a card number grouped 4-4-4-4
    twelve = re.compile(r"(?<![0-9])(?<![0-9][ -])[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])(?![ -][0-9])")
    failing_seen = 0
    for ex in shipped:
        norm = unicodedata.normalize("NFKC", ex.text)
        assert len(norm) == len(ex.text), ex.id  # so offsets into `norm` are offsets into the text
        gold_spans = {(s.start, s.end) for s in ex.entities if s.type == "MY_NUMBER"}
        for m in twelve.finditer(norm):
            if _my_number_ok(_digits(m.group())):
                assert (m.start(), m.end()) in gold_spans, f"{ex.id}: unannotated valid 個人番号 at {m.start()}"
            elif not ex.entities:
                failing_seen += 1
    assert failing_seen >= 5  # 伝票番号・物品番号 that look like 個人番号 but fail the check


def test_tags_and_levels_follow_the_documented_rules(shipped: list[GoldExample]) -> None:
    markings3 = re.compile(r"機密性[3３]|極秘|^秘$", re.M)
    markings2 = re.compile(r"機密性[2２]|【機2】|取扱注意|部外秘|関係者限り|取扱制限|複製禁止")
    for ex in shipped:
        types = {s.type for s in ex.entities}
        assert ("personal" in ex.tags) == bool(types & PERSONAL_ENTITY_TYPES), ex.id
        assert ("specific_personal" in ex.tags) == ("MY_NUMBER" in types), ex.id
        assert "sensitive_personal" not in ex.tags or "PERSON" in types, ex.id
        expected = 1
        if markings3.search(ex.text):
            expected = 3
        elif markings2.search(ex.text) or "personal" in ex.tags:
            expected = 2
        if ex.tags & {"sensitive_personal", "specific_personal"}:
            expected = 3
        assert ex.level == f"機密性{expected}", ex.id


def test_switchboard_is_present_and_never_gold(shipped: list[GoldExample]) -> None:
    hits = 0
    for ex in shipped:
        norm = unicodedata.normalize("NFKC", ex.text)
        for m in re.finditer(re.escape(SWITCHBOARD), norm):
            hits += 1
            assert not any(s.start < m.end() and m.start() < s.end for s in ex.entities), ex.id
    assert hits >= 8
    readme = (SET_DIR / "README.md").read_text(encoding="utf-8")
    assert SWITCHBOARD in readme


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("municipal_build", SET_DIR / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_build_script_reproduces_the_committed_set() -> None:
    build = _load_build()
    rows = build.build()
    committed = (SET_DIR / "prompts.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.dumps(r, ensure_ascii=False) for r in rows] == committed
    texts = [t.text for t in [*build.TEMPLATES, *build.NEGATIVES]]
    assert len(set(texts)) == len(texts) >= 60
    assert build.SWITCHBOARD == SWITCHBOARD
    variant = build.build(seed=1)  # held-out style variant: same templates, other people and numbers
    assert [r["id"] for r in variant] == [r["id"] for r in rows]
    assert sum(a["text"] != b["text"] for a, b in zip(variant, rows, strict=True)) > len(rows) // 2


# -- the command ---------------------------------------------------------------------------------------


def _gold_as_predictions(tmp_path: Path, drop_every: int = 0) -> Path:
    rows = []
    for i, line in enumerate((SET_DIR / "prompts.jsonl").read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        findings = [dict(e, score=1.0, detector="gold") for e in row["entities"]]
        if drop_every and i % drop_every == 0:
            findings = findings[1:]
        rows.append({"id": row["id"], "level": row["level"], "rank": int(row["level"][-1]), "tags": row["tags"], "findings": findings})
    return _write(tmp_path, rows, "pred.jsonl")


def test_eval_command_on_perfect_predictions(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_command, ["--predictions", str(_gold_as_predictions(tmp_path)), "--min-f1", "0.99"])
    assert result.exit_code == 0, result.output
    micro = next(line for line in result.output.splitlines() if line.startswith("micro"))
    assert micro.split()[-3:] == ["1.000", "1.000", "1.000"]
    assert "levels: accuracy 1.000" in result.output


def test_eval_command_json_and_threshold(tmp_path: Path) -> None:
    preds = _gold_as_predictions(tmp_path, drop_every=2)
    result = CliRunner().invoke(eval_command, [str(SHIPPED_SET), "--predictions", str(preds), "--json", "--match", "exact"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["match"] == "exact" and data["entities"]["micro"]["fp"] == 0 and data["entities"]["micro"]["fn"] > 0
    assert "text" in data["errors"][0]["missed"][0]  # the shipped set is fictional: snippets allowed
    failing = CliRunner().invoke(eval_command, ["--predictions", str(preds), "--min-f1", "0.99"])
    assert failing.exit_code == 1
    assert "below --min-f1" in failing.output


def test_eval_command_hides_text_of_other_sets(tmp_path: Path) -> None:
    own = _write(tmp_path, [ROW], "own.jsonl")
    empty = _write(tmp_path, [{"id": "x-1", "level": "機密性1", "tags": [], "findings": []}], "p.jsonl")
    result = CliRunner().invoke(eval_command, [str(own), "--predictions", str(empty)])
    assert result.exit_code == 0, result.output
    assert "PERSON@4-8" in result.output and "山田太郎" not in result.output
    bad = CliRunner().invoke(eval_command, [str(tmp_path / "missing.jsonl"), "--predictions", str(empty)])
    assert bad.exit_code != 0 and "no such labelled set" in bad.output


def test_eval_command_imports_no_web_stack() -> None:
    code = "import sys, gateway.cli.evaluate; bad = {'fastapi', 'litellm', 'uvicorn'} & set(sys.modules); assert not bad, bad"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_eval_command_saves_predictions_that_score_the_same(tmp_path: Path) -> None:
    preds, saved = _gold_as_predictions(tmp_path, drop_every=3), tmp_path / "saved.jsonl"
    first = CliRunner().invoke(eval_command, ["--predictions", str(preds), "--json", "--save-predictions", str(saved)])
    second = CliRunner().invoke(eval_command, ["--predictions", str(saved), "--json"])
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert json.loads(first.output) == json.loads(second.output)
    assert len(saved.read_text(encoding="utf-8").splitlines()) == len(load_gold(SHIPPED_SET))


def test_eval_command_classifies_under_a_policy_file(tmp_path: Path) -> None:
    rows = [ROW, {"id": "x-2", "category": "一般質問", "text": "生活保護制度の概要を教えて。", "entities": [], "tags": [], "level": "機密性1"}]
    own = _write(tmp_path, rows, "own.jsonl")
    saved = tmp_path / "saved.jsonl"
    policy = ROOT / "policies" / "default.yaml"
    result = CliRunner().invoke(eval_command, [str(own), "--policy", str(policy), "--json", "--save-predictions", str(saved)])
    assert result.exit_code == 0, result.output
    by_id = {p.id: p for p in load_predictions(saved)}
    assert by_id["x-1"].level == "機密性2" and "personal" in by_id["x-1"].tags
    assert by_id["x-2"].level == "機密性1" and by_id["x-2"].entities == ()
    clash = CliRunner().invoke(eval_command, [str(own), "--policy", str(policy), "--predictions", str(saved)])
    assert clash.exit_code == 2 and "cannot apply to saved --predictions" in clash.output


def test_policy_scan_imports_no_web_stack() -> None:
    code = (
        "import sys; from pathlib import Path; from gateway.cli.evaluate import _policy_scan; "
        "_policy_scan(Path('policies/default.yaml'), None)('来庁者 山田太郎 様'); "
        "bad = {'fastapi', 'litellm', 'uvicorn'} & set(sys.modules); assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_eval_command_runs_the_detectors_in_process(tmp_path: Path) -> None:
    own = _write(tmp_path, [ROW], "own.jsonl")
    result = CliRunner().invoke(eval_command, [str(own), "--json"])
    assert result.exit_code == 0, result.output
    assert "scanned 1 texts" in result.output
    report = json.loads(result.output[result.output.index("{") :])
    assert report["examples"] == 1 and report["levels"]["confusion"][0]["gold"] == "機密性2"
