"""Builders for gold and predicted examples, and the paths of the shipped municipal set."""

from __future__ import annotations

import json
from pathlib import Path

from detectors.evaluation import GoldExample, Prediction, Span

ROOT = Path(__file__).resolve().parents[3]
SET_DIR = ROOT / "eval" / "municipal"

TEXT = "相談者 山田太郎 様、電話 090-1234-5678。"  # 山田太郎 = [4, 8), phone = [14, 27)

ROW = {"id": "x-1", "category": "窓口記録", "text": "来庁者 山田太郎 様", "entities": [{"type": "PERSON", "start": 4, "end": 8, "text": "山田太郎"}],
       "tags": ["personal"], "level": "機密性2"}  # fmt: skip


def gold(ex_id: str, text: str, spans: list[tuple[str, int, int]], tags: set[str] | None = None, level: str = "機密性2") -> GoldExample:
    """A gold example whose span texts are cut from `text`."""
    return GoldExample(ex_id, "test", text, tuple(Span(t, s, e, text[s:e]) for t, s, e in spans), frozenset(tags or set()), level)


def pred(ex_id: str, spans: list[tuple[str, int, int]], tags: set[str] | None = None, level: str = "機密性2") -> Prediction:
    """A prediction whose spans carry no text."""
    return Prediction(ex_id, tuple(Span(t, s, e, "") for t, s, e in spans), frozenset(tags or set()), level)


def write_jsonl(tmp_path: Path, rows: list[dict[str, object]], name: str = "set.jsonl") -> Path:
    """Write `rows` as UTF-8 JSONL under `tmp_path`."""
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path
