"""Sealed heads: the last record of every chain, written down outside the log so that a deletion of a
whole tail or file can be proven later (`sekisho audit seal`, `sekisho audit verify --seal`).

A chain's hash links prove that nothing was changed or removed *between* records, but a tail cut
off (or a whole chain's files deleted) leaves a shorter chain that still links. A head noted down
elsewhere — in Redis, in a signed 公文書 — is what the log must still reach.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gateway.audit.record import utc_now_ts
from gateway.audit.verify import ChainStatus, VerifyReport

SEAL_VERSION = 1


class SealError(ValueError):
    """A seal that cannot be read."""


@dataclass(frozen=True, slots=True)
class Head:
    chain: str
    seq: int
    hash: str


def make_seal(report: VerifyReport) -> dict[str, Any]:
    """The seal of a verified log: every chain's last intact record (file, time, seq, hash)."""
    heads = []
    for c in sorted(report.chains, key=lambda c: c.chain):
        if c.head_seq is None:
            continue
        heads.append(
            {
                "chain": c.chain,
                "seq": c.head_seq,
                "hash": c.head_hash,
                "file": c.head_file.name if c.head_file else None,
                "ts": c.head_ts,
                "key_id": c.key_id,
                "status": _status(c),
            }
        )
    return {"sealed_at": utc_now_ts(), "version": SEAL_VERSION, "heads": heads}


def _status(c: ChainStatus) -> str:
    if c.first_break:
        return "broken"
    if c.torn:
        return "torn"
    return "unkeyed" if c.unkeyed else "ok"


def read_seal(given: str) -> list[Head]:
    """Heads from a seal given as JSON text or as a file holding it (one seal, or one per line)."""
    text = given
    if not given.lstrip().startswith("{"):
        try:
            text = Path(given).read_text(encoding="utf-8")
        except OSError as exc:
            raise SealError(f"{given}: cannot read the seal: {exc.strerror}") from exc
    try:
        docs = [json.loads(text)]
    except ValueError:
        # A file of seals, one JSON document a line (e.g. a day's seals appended over time).
        docs = []
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise SealError(f"seal line {n}: not JSON ({exc.msg})") from exc
    heads: dict[str, Head] = {}
    for n, doc in enumerate(docs, start=1):
        for h in _heads_of(doc, n):
            # Several seals: the furthest head of each chain counts.
            if h.chain not in heads or h.seq > heads[h.chain].seq:
                heads[h.chain] = h
    if not docs:
        raise SealError("the seal is empty")
    return list(heads.values())


def _heads_of(doc: Any, n: int) -> list[Head]:
    if not isinstance(doc, dict) or not isinstance(doc.get("heads"), list):
        raise SealError(f"seal line {n}: no `heads` list")
    out = []
    for h in doc["heads"]:
        if not (isinstance(h, dict) and isinstance(h.get("chain"), str) and isinstance(h.get("seq"), int)
                and isinstance(h.get("hash"), str)):  # fmt: skip
            raise SealError(f"seal line {n}: a head needs chain, seq and hash")
        out.append(Head(h["chain"], h["seq"], h["hash"]))
    return out


def check_seal(report: VerifyReport, heads: list[Head]) -> list[str]:
    """What the log lacks against the sealed heads (empty: every sealed record is still there)."""
    by_chain = {c.chain: c for c in report.chains}
    problems = []
    for h in sorted(heads, key=lambda h: h.chain):
        c = by_chain.get(h.chain)
        if c is None:
            problems.append(f"SEAL   {h.chain}: sealed at seq {h.seq}, but no file of this chain is left (files deleted)")
            continue
        found = c.marked.get(h.seq)
        if found == h.hash:
            continue
        if found is not None:
            problems.append(f"SEAL   {h.chain}: the record at seq {h.seq} is not the sealed one (rewritten since the seal)")
        elif c.first_break is not None and (c.head_seq is None or c.head_seq < h.seq):
            problems.append(f"SEAL   {h.chain}: sealed at seq {h.seq}; the chain breaks before it (see BROKEN above)")
        else:
            last = -1 if c.head_seq is None else c.head_seq
            problems.append(
                f"SEAL   {h.chain}: sealed at seq {h.seq}, but the chain now ends at seq {last}: "
                f"records {last + 1}..{h.seq} deleted (tail or file removed since the seal)"
            )
    return problems
