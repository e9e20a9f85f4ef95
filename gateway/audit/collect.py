"""Consume the replicas' audit stream into a central archive, idempotently.

The archive mirrors the replicas' files (same names, same bytes), so `sekisho audit verify` checks
it like any log directory. Position is kept twice: the last stream id read, and each chain's head
(seq, hash); a record at or below its chain's head is a duplicate and is not written again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from gateway.audit.chain import ALG_KEYED, FILE_RE, ChainKey, ChainKeyError, record_hash
from gateway.audit.query import iter_lines, log_files

if TYPE_CHECKING:
    from redis import Redis

STATE_FILE = ".collect-state.json"


@dataclass
class CollectResult:
    read: int = 0
    added: int = 0
    duplicates: int = 0
    gaps: list[str] = field(default_factory=list)  # chains with records missing from the stream
    rejected: list[str] = field(default_factory=list)  # entries that are not intact records


def _load_state(archive: Path, stream: str) -> dict[str, Any]:
    path = archive / STATE_FILE
    if path.exists():
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if state.get("stream") == stream:
            return state
    # No state (first run, or it was lost): rebuild the chain heads from the archive itself.
    heads: dict[str, dict[str, Any]] = {}
    for _, _, raw in iter_lines(log_files(archive)):
        try:
            rec = json.loads(raw)
        except ValueError:
            continue
        head = heads.get(rec.get("chain"))
        if head is None or rec.get("seq", -1) > head["seq"]:
            heads[rec["chain"]] = {"seq": rec["seq"], "hash": rec["hash"]}
    return {"stream": stream, "last_id": "0-0", "heads": heads}


def _save_state(archive: Path, state: dict[str, Any]) -> None:
    tmp = archive / (STATE_FILE + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(state, fh, sort_keys=True)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, archive / STATE_FILE)


def collect(
    redis: Redis,
    stream: str,
    archive: Path,
    *,
    batch: int = 1000,
    trim: bool = False,
    progress: Callable[[int], None] | None = None,
    key: ChainKey | None = None,
) -> CollectResult:
    """Read every new stream entry into the archive; safe to run again (and after a crash).

    With the chain `key`, each keyed record's hash is checked as it arrives; without it only its
    form is (run `sekisho audit verify` on the archive, with the key, to check it whole).
    """
    archive.mkdir(parents=True, exist_ok=True)
    state = _load_state(archive, stream)
    heads: dict[str, dict[str, Any]] = state["heads"]
    result = CollectResult()
    while True:
        entries = _entries(redis.xread({stream: state["last_id"]}, count=batch))
        if not entries:
            break
        handles: dict[str, IO[bytes]] = {}
        try:
            for entry_id, fields in entries:
                result.read += 1
                _take(fields, archive, heads, handles, result, key)
                state["last_id"] = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
            for fh in handles.values():
                fh.flush()
                os.fsync(fh.fileno())
        finally:
            for fh in handles.values():
                fh.close()
        # Records first, position second: a crash in between re-reads entries, which dedupe by head.
        _save_state(archive, state)
        if trim:
            redis.xtrim(stream, minid=state["last_id"])
        if progress:
            progress(len(entries))
    return result


def _entries(reply: object) -> list[tuple[bytes, dict[bytes, bytes]]]:
    """The entries of an XREAD reply for one stream, in RESP2's shape [[stream, [(id, fields), …]]]."""
    if not reply:
        return []
    if not isinstance(reply, list):
        raise TypeError(f"XREAD answered with a {type(reply).__name__}; the collector reads RESP2 replies")
    entries: list[tuple[bytes, dict[bytes, bytes]]] = reply[0][1]
    return entries


def _take(
    fields: dict[bytes, bytes],
    archive: Path,
    heads: dict[str, dict[str, Any]],
    handles: dict[str, IO[bytes]],
    result: CollectResult,
    key: ChainKey | None = None,
) -> None:
    name = fields.get(b"file", b"").decode("utf-8", "replace")
    raw = fields.get(b"record", b"")
    m = FILE_RE.match(name)
    try:
        rec = json.loads(raw)
        if isinstance(rec, dict) and rec.get("alg") == ALG_KEYED and key is None:
            intact = isinstance(rec.get("hash"), str)
        else:
            intact = isinstance(rec, dict) and record_hash(rec, key) == rec.get("hash")
    except (ValueError, ChainKeyError):
        intact = False
    # The file name comes from the stream: only our own pattern (no path parts) is accepted.
    if not m or not intact or rec.get("chain") != m.group(2) or not isinstance(rec.get("seq"), int):
        result.rejected.append(name or "<no file name>")
        return
    chain, seq = rec["chain"], rec["seq"]
    head = heads.get(chain)
    if head is not None and seq <= head["seq"]:
        if seq == head["seq"] and rec["hash"] != head["hash"]:
            result.rejected.append(f"{chain}#{seq}: differs from the archived record at the same position")
        else:
            result.duplicates += 1
        return
    expected = 0 if head is None else head["seq"] + 1
    if seq != expected:
        result.gaps.append(f"{chain}: seq {expected}..{seq - 1} not in the stream")
    fh = handles.get(name)
    if fh is None:
        fh = handles[name] = (archive / name).open("ab")
    fh.write(raw + b"\n")
    heads[chain] = {"seq": seq, "hash": rec["hash"]}
    result.added += 1
