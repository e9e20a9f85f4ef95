"""Check every chain in a log directory and report the first broken record of each (file, line)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from gateway.audit.chain import GENESIS, canonical, record_hash
from gateway.audit.query import LogFile, Progress, iter_lines, log_files


@dataclass(frozen=True, slots=True)
class Break:
    file: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ChainStatus:
    chain: str
    files: tuple[Path, ...]
    records: int  # records checked before the first break (all of them when intact)
    head_seq: int | None  # the last intact record: note it down to detect a later truncation
    head_hash: str | None
    first_break: Break | None = None

    @property
    def ok(self) -> bool:
        return self.first_break is None


@dataclass(frozen=True, slots=True)
class VerifyReport:
    chains: tuple[ChainStatus, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.chains)

    @property
    def records(self) -> int:
        return sum(c.records for c in self.chains)


def verify(path: Path, progress: Progress | None = None, cache: FileCache | None = None) -> VerifyReport:
    """Verify every chain found at `path` (a directory or one file).

    With a `cache` (for the review page), a file whose size, mtime and inode are unchanged since
    it last verified whole, and which starts from the same chain position, is not read again.
    `sekisho audit verify` passes none and reads every byte.
    """
    files = log_files(path)
    chains = [
        _verify_chain(chain, list(group), progress, cache) for chain, group in groupby(files, key=lambda f: f.chain)
    ]
    return VerifyReport(tuple(chains))


State = tuple[int, str]  # (next expected seq, hash the next record must link to)


@dataclass(frozen=True, slots=True)
class _FileResult:
    start: State
    end: State
    records: int


FileCache = dict[tuple[Path, int, int, int], _FileResult]


def _verify_chain(chain: str, files: list[LogFile], progress: Progress | None, cache: FileCache | None) -> ChainStatus:
    paths = tuple(f.path for f in files)
    state: State = (0, GENESIS)
    count = 0

    def status(brk: Break | None) -> ChainStatus:
        head = (state[0] - 1, state[1]) if count else (None, None)
        return ChainStatus(chain, paths, count, head[0], head[1], brk)

    for f in files:
        st = f.path.stat()
        key = (f.path, st.st_size, st.st_mtime_ns, st.st_ino)
        hit = cache.get(key) if cache is not None else None
        if hit is not None and hit.start == state:
            state, count = hit.end, count + hit.records
            if progress:
                progress(st.st_size)
            continue
        start, in_file = state, 0
        for _, n, raw in iter_lines([f], progress):
            reason, digest = _check(raw, chain if f.day else None, *state)
            if reason:
                return status(Break(f.path, n, reason))
            state = (state[0] + 1, digest)
            count += 1
            in_file += 1
        if cache is not None:
            cache[key] = _FileResult(start, state, in_file)
    return status(None)


def _check(raw: bytes, chain: str | None, seq: int, prev: str) -> tuple[str | None, str]:
    """(why this line is not the next record of the chain or None, the record's hash)."""
    try:
        rec = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "not a JSON record (edited or truncated line)", ""
    if not isinstance(rec, dict) or not isinstance(rec.get("hash"), str):
        return "not an audit record (no hash)", ""
    return _check_record(raw, rec, chain, seq, prev), rec["hash"]


def _check_record(raw: bytes, rec: dict[str, Any], chain: str | None, seq: int, prev: str) -> str | None:
    if canonical(rec) != raw:
        return "bytes differ from the canonical form of the record (edited)"
    if _hash_of_canonical_line(raw, rec["hash"]) != rec["hash"]:
        return "hash does not match the content (record edited)"
    if chain is not None and rec.get("chain") != chain:
        return f"record belongs to chain {rec.get('chain')!r}, not to this file's chain"
    if rec.get("prev_hash") != prev:
        if isinstance(rec.get("seq"), int) and rec["seq"] > seq:
            return f"record(s) missing before this one (expected seq {seq}, found {rec.get('seq')})"
        if prev == GENESIS:
            return "chain does not start at its first record (earlier records or files removed)"
        return (
            f"does not link to the previous record (expected seq {seq}, found {rec.get('seq')}: reordered or inserted)"
        )
    if rec.get("seq") != seq:
        return f"sequence number {rec.get('seq')} where {seq} was expected"
    return None


def _hash_of_canonical_line(raw: bytes, stored: str) -> str:
    """record_hash without a second serialisation: cut the `hash` member out of the canonical line.

    Sorted keys put `hash` after `action`, so it is always preceded by a comma; a string value
    cannot hold an unescaped quote, so the member occurs once unless a nested object has the same
    key and value, where the slow path decides.
    """
    member = b',"hash":"' + stored.encode("ascii", "replace") + b'"'
    if raw.count(member) != 1:
        return record_hash(json.loads(raw))
    return hashlib.sha256(raw.replace(member, b"")).hexdigest()


def summarise(report: VerifyReport) -> Iterable[str]:
    """Human-readable lines: one per chain, broken chains first."""
    for c in sorted(report.chains, key=lambda c: (c.ok, c.chain)):
        if c.first_break:
            yield f"BROKEN {c.chain}: {c.first_break} (after {c.records} intact records)"
        else:
            yield f"OK     {c.chain}: {c.records} records in {len(c.files)} file(s), head seq {c.head_seq} {c.head_hash}"
