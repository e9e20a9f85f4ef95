"""The hash chain: canonical JSON per record, each record carrying the hash of the one before."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

GENESIS = "0" * 64
# audit-YYYY-MM-DD-<chain>.jsonl: the date orders a chain's files, the chain id keeps writers apart.
FILE_RE = re.compile(r"^audit-(\d{4}-\d{2}-\d{2})-([A-Za-z0-9._-]+)\.jsonl$")


def canonical(obj: dict[str, Any]) -> bytes:
    """Sorted keys, no spaces, UTF-8 as is: one byte sequence per record, whoever computes it."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def record_hash(obj: dict[str, Any]) -> str:
    """sha256 over the canonical JSON of the record without its own `hash` field."""
    body = {k: v for k, v in obj.items() if k != "hash"}
    return hashlib.sha256(canonical(body)).hexdigest()


def seal(body: dict[str, Any], chain: str, seq: int, prev_hash: str) -> tuple[dict[str, Any], bytes]:
    """Add the chain fields to a record and return it with the exact line to write."""
    sealed = dict(body)
    sealed["chain"] = chain
    sealed["seq"] = seq
    sealed["prev_hash"] = prev_hash
    sealed.pop("hash", None)
    sealed["hash"] = record_hash(sealed)
    return sealed, canonical(sealed) + b"\n"


def file_name(day: str, chain: str) -> str:
    """The file one chain writes on one (UTC) day."""
    return f"audit-{day}-{chain}.jsonl"
