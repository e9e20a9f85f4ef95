"""Builders for gold and predicted examples, and the paths of the shipped municipal set."""

from __future__ import annotations

import json
import re
import unicodedata
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


# Check digits, written again here from DESIGN.md rather than imported from the detectors or a
# build script, so the two can disagree.
def my_number_ok(d: str) -> bool:
    weights = [n + 1 if n <= 6 else n - 5 for n in range(1, 12)]
    s = sum(int(d[11 - n]) * weights[n - 1] for n in range(1, 12))
    return int(d[11]) == (0 if s % 11 <= 1 else 11 - s % 11)


def corporate_ok(d: str) -> bool:
    s = sum(int(d[13 - n]) * (1 if n % 2 else 2) for n in range(1, 13))
    return int(d[0]) == 9 - s % 9


def luhn_ok(d: str) -> bool:
    digits = [int(c) for c in reversed(d)]
    return sum(x if i % 2 == 0 else (x * 2 - 9 if x > 4 else x * 2) for i, x in enumerate(digits)) % 10 == 0


def digits(s: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", s))
