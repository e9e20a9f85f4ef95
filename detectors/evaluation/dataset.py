"""The labelled-set data model and its JSONL readers; every malformed row names its file, line and field."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from detectors.model import ENTITY_TYPES, TAGS

if TYPE_CHECKING:
    from detectors.model import ScanResult


class DatasetError(ValueError):
    """A labelled or prediction file is malformed; the message names file, line and field."""


@dataclass(frozen=True, slots=True)
class Span:
    """One entity occurrence; offsets are Python character offsets, end exclusive."""

    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class GoldExample:
    """One labelled prompt."""

    id: str
    category: str
    text: str
    entities: tuple[Span, ...]
    tags: frozenset[str]
    level: str
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a detector said about one example."""

    id: str
    entities: tuple[Span, ...]
    tags: frozenset[str]
    level: str


def level_rank(level: str) -> int | None:
    """The numeric rank of a level label (「機密性3」, 「3A」 → 3), or None when it has no digit."""
    m = re.search(r"[0-9０-９]", level)
    return int(unicodedata.normalize("NFKC", m.group())) if m else None


def _fail(path: Path, line: int, where: str, message: str) -> DatasetError:
    return DatasetError(f"{path}:{line}: {where}: {message}")


def _read_jsonl(path: Path) -> Iterable[tuple[int, dict[str, object]]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise _fail(path, lineno, f"col {exc.colno}", f"invalid JSON: {exc.msg}") from exc
            if not isinstance(obj, dict):
                raise _fail(path, lineno, "(line)", "expected a JSON object")
            yield lineno, obj


def _spans(path: Path, lineno: int, key: str, raw: object, text: str | None) -> tuple[Span, ...]:
    if not isinstance(raw, list):
        raise _fail(path, lineno, key, "expected a list")
    out: list[Span] = []
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            raise _fail(path, lineno, where, "expected an object")
        etype, start, end = item.get("type"), item.get("start"), item.get("end")
        if etype not in ENTITY_TYPES:
            raise _fail(path, lineno, f"{where}.type", f"unknown entity type {etype!r}; valid: {', '.join(ENTITY_TYPES)}")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            raise _fail(path, lineno, where, f"bad offsets start={start!r} end={end!r}")
        span_text = item.get("text", "")
        if not isinstance(span_text, str):
            raise _fail(path, lineno, f"{where}.text", "expected a string")
        if text is not None:
            if end > len(text):
                raise _fail(path, lineno, f"{where}.end", f"{end} is past the end of text ({len(text)})")
            if text[start:end] != span_text:
                raise _fail(path, lineno, f"{where}.text", f"{span_text!r} != text[{start}:{end}] {text[start:end]!r}")
        out.append(Span(str(etype), start, end, span_text))
    return tuple(out)


def _tags(path: Path, lineno: int, raw: object) -> frozenset[str]:
    if not isinstance(raw, list) or any(t not in TAGS for t in raw):
        raise _fail(path, lineno, "tags", f"expected a list drawn from {', '.join(TAGS)}; got {raw!r}")
    return frozenset(str(t) for t in raw)


def load_gold(path: str | Path) -> list[GoldExample]:
    """Read and validate a labelled JSONL set (offsets must index `text` exactly)."""
    path = Path(path)
    examples: list[GoldExample] = []
    seen: set[str] = set()
    for lineno, obj in _read_jsonl(path):
        ex_id, text, level = obj.get("id"), obj.get("text"), obj.get("level")
        if not isinstance(ex_id, str) or not ex_id:
            raise _fail(path, lineno, "id", "expected a non-empty string")
        if ex_id in seen:
            raise _fail(path, lineno, "id", f"duplicate id {ex_id!r}")
        seen.add(ex_id)
        if not isinstance(text, str):
            raise _fail(path, lineno, "text", "expected a string")
        if not isinstance(level, str) or not level:
            raise _fail(path, lineno, "level", "expected a non-empty string")
        spans = _spans(path, lineno, "entities", obj.get("entities", []), text)
        examples.append(
            GoldExample(
                id=ex_id,
                category=str(obj.get("category", "")),
                text=text,
                entities=tuple(sorted(spans, key=lambda s: (s.start, s.end, s.type))),
                tags=_tags(path, lineno, obj.get("tags", [])),
                level=level,
                notes=str(obj.get("notes", "")),
            )
        )
    return examples


def load_predictions(path: str | Path) -> list[Prediction]:
    """Read predictions as written by `sekisho scan --jsonl` (`findings`) or in the gold format (`entities`)."""
    path = Path(path)
    out: list[Prediction] = []
    for lineno, obj in _read_jsonl(path):
        ex_id = obj.get("id")
        if not isinstance(ex_id, str) or not ex_id:
            raise _fail(path, lineno, "id", "expected a non-empty string")
        key = "findings" if "findings" in obj else "entities"
        level = obj.get("level", "")
        out.append(
            Prediction(
                id=ex_id,
                entities=_spans(path, lineno, key, obj.get(key, []), None),
                tags=_tags(path, lineno, obj.get("tags", [])),
                level=str(level),
            )
        )
    return out


def prediction_from_scan(example_id: str, scan: ScanResult) -> Prediction:
    """Adapt a `detectors.scan` result to a Prediction."""
    spans = tuple(Span(f.entity, f.start, f.end, f.text) for f in scan.findings)
    return Prediction(id=example_id, entities=spans, tags=frozenset(scan.tags), level=scan.level)
