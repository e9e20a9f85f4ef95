"""Reading and validating labelled and predicted JSONL sets; level labels; adapting a scan result."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from detectors.evaluation import (
    DatasetError,
    Prediction,
    Span,
    level_rank,
    load_gold,
    load_predictions,
    prediction_from_scan,
)
from detectors.model import Detection, Finding, ScanResult
from tests.detectors.evaluation.helpers import ROW, write_jsonl


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
    path = write_jsonl(tmp_path, [ROW, {**ROW, "id": "x-2", **change}])
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
    preds = load_predictions(write_jsonl(tmp_path, [scan_line], "p.jsonl")) + load_predictions(write_jsonl(tmp_path, [ROW], "g.jsonl"))
    assert preds[0] == preds[1] == Prediction("x-1", (Span("PERSON", 4, 8, "山田太郎"),), frozenset({"personal"}), "機密性2")


@pytest.mark.parametrize(("label", "rank"), [("機密性1", 1), ("機密性３", 3), ("3A", 3), ("2", 2), ("極秘", None)])
def test_level_rank(label: str, rank: int | None) -> None:
    assert level_rank(label) == rank


def test_prediction_from_scan_uses_the_real_model() -> None:
    finding = Finding("PERSON", 4, 8, "山田太郎", 0.85, "sudachi_person")
    scan = ScanResult(Detection((finding,), tags=frozenset({"personal"})), level="機密性2", rank=2)
    p = prediction_from_scan("a", scan)
    assert p == Prediction("a", (Span("PERSON", 4, 8, "山田太郎"),), frozenset({"personal"}), "機密性2")
