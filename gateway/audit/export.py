"""Export records as CSV (one flat row per request) or as the original JSON lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

# `ts_utc`: the record's `ts`, in UTC (the header says so; the CLI and the review page show JST).
CSV_COLUMNS = (
    "ts_utc", "request_id", "user", "department", "roles", "user_agent", "address", "endpoint", "stream",
    "model_requested", "model_actual", "zone", "level", "rank", "tags", "entities", "action", "rule_id",
    "policy_version", "category", "output_entities", "output_action", "prompt_chars", "answer_chars", "prompt_tokens",
    "completion_tokens", "total_tokens", "cost", "upstream_ms", "overhead_ms", "detector_ms", "outcome",
    "status", "error_type", "prompt_hmac", "content_kept", "chain", "seq", "hash",
)  # fmt: skip

# A spreadsheet runs a cell starting with these as a formula; user agents are client-controlled.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _counts(d: dict[str, int] | None) -> str:
    return ";".join(f"{k}:{v}" for k, v in sorted((d or {}).items()))


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def flat_row(r: dict[str, Any]) -> dict[str, Any]:
    """One record as a flat CSV row (personal-data-free: content is reported only as kept or not)."""
    p = r.get("principal") or {}
    c = r.get("client") or {}
    u = r.get("usage") or {}
    row = {
        "ts_utc": r.get("ts"),
        "request_id": r.get("request_id"),
        "user": p.get("user"),
        "department": p.get("department"),
        "roles": ";".join(p.get("roles") or []),
        "user_agent": c.get("user_agent"),
        "address": c.get("address"),
        "tags": ";".join(r.get("tags") or []),
        "entities": _counts(r.get("entities")),
        "output_entities": _counts(r.get("output_entities")),
        "prompt_tokens": u.get("prompt_tokens"),
        "completion_tokens": u.get("completion_tokens"),
        "total_tokens": u.get("total_tokens"),
        "content_kept": bool(r.get("content")),
    }
    for col in CSV_COLUMNS:
        if col not in row:
            row[col] = r.get(col)
    return {k: _cell(row[k]) for k in CSV_COLUMNS}


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write a header and one row per record; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow(flat_row(r))
        n += 1
    return n


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write records as JSON lines; returns the number written."""
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
        n += 1
    return n
