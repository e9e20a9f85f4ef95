"""Check every chain in a log directory and report the first broken record of each (file, line).

Three things can be wrong at the end of a chain, and they are told apart: a *torn tail* (the last
line of the chain's last file is cut short or unreadable: a crash or a full disk mid-write, the
records before it intact), a *break* (an edit, a deletion, a reordering: anywhere), and records
*missing after a sealed head* (a deleted tail or file, found only against a seal, see `seal.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from gateway.audit.chain import ALG_KEYED, GENESIS, ChainKey, canonical, digest, record_hash
from gateway.audit.query import LogFile, Progress, log_files


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
    head_seq: int | None  # the last intact record: seal it to detect a later truncation
    head_hash: str | None
    first_break: Break | None = None
    torn: Break | None = None  # a torn last line (crash), not counted as a break
    keyed: bool | None = None  # None: no record read
    key_id: str | None = None
    head_file: Path | None = None
    head_ts: str | None = None
    marked: Mapping[int, str] = field(default_factory=dict)  # seq -> hash, for the seqs asked for

    @property
    def ok(self) -> bool:
        return self.first_break is None

    @property
    def unkeyed(self) -> bool:
        return self.keyed is False


@dataclass(frozen=True, slots=True)
class VerifyReport:
    chains: tuple[ChainStatus, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.chains)

    @property
    def records(self) -> int:
        return sum(c.records for c in self.chains)


def verify(
    path: Path,
    progress: Progress | None = None,
    cache: FileCache | None = None,
    key: ChainKey | None = None,
    marks: Mapping[str, int] | None = None,
) -> VerifyReport:
    """Verify every chain found at `path` (a directory or one file).

    `key` checks keyed chains (all the gateway writes); meeting one without it raises
    ChainKeyError. `marks` (chain -> seq) asks for the hash found at that position (seal checks).
    With a `cache` (for the review page), a file whose size, mtime and inode are unchanged since
    it last verified whole, and which starts from the same chain position, is not read again.
    `sekisho audit verify` passes none and reads every byte.
    """
    files = log_files(path)
    marks = marks or {}
    chains = [
        _verify_chain(chain, list(group), progress, cache, key, marks.get(chain))
        for chain, group in groupby(files, key=lambda f: f.chain)
    ]
    return VerifyReport(tuple(chains))


@dataclass(frozen=True, slots=True)
class State:
    seq: int = 0  # the next expected seq
    prev: str = GENESIS  # the hash the next record must link to
    keyed: bool | None = None  # fixed by the chain's first record
    key_id: str | None = None
    ts: str | None = None  # of the last intact record


@dataclass(frozen=True, slots=True)
class _FileResult:
    start: State
    end: State
    records: int


FileCache = dict[tuple[Path, int, int, int], _FileResult]


def _verify_chain(
    chain: str,
    files: list[LogFile],
    progress: Progress | None,
    cache: FileCache | None,
    key: ChainKey | None,
    mark: int | None,
) -> ChainStatus:
    paths = tuple(f.path for f in files)
    state = State()
    count = 0
    head_file: Path | None = None
    marked: dict[int, str] = {}

    def status(brk: Break | None = None, torn: Break | None = None) -> ChainStatus:
        head = (state.seq - 1, state.prev) if count else (None, None)
        return ChainStatus(
            chain, paths, count, head[0], head[1], brk, torn, state.keyed, state.key_id, head_file, state.ts, marked
        )

    for index, f in enumerate(files):
        st = f.path.stat()
        cache_key = (f.path, st.st_size, st.st_mtime_ns, st.st_ino)
        hit = cache.get(cache_key) if cache is not None else None
        if hit is not None and hit.start == state:
            state, count = hit.end, count + hit.records
            if hit.records:
                head_file = f.path
            if progress:
                progress(st.st_size)
            continue
        start, in_file, pos = state, 0, 0
        last_file = index == len(files) - 1
        with f.path.open("rb") as fh:
            for n, line in enumerate(fh, start=1):
                if progress:
                    progress(len(line))
                pos += len(line)
                raw = line.rstrip(b"\n")
                reason, new = _check(raw, chain if f.day else None, state, key)
                at_end = last_file and pos == st.st_size
                if at_end and (not line.endswith(b"\n") or reason == _NOT_JSON):
                    return status(torn=Break(f.path, n, _torn_reason(line)))
                if reason:
                    return status(Break(f.path, n, reason))
                assert new is not None
                state = new
                if mark is not None and state.seq - 1 == mark:
                    marked[mark] = state.prev
                count += 1
                in_file += 1
                head_file = f.path
        if cache is not None:
            cache[cache_key] = _FileResult(start, state, in_file)
    return status()


_NOT_JSON = "not a JSON record (edited or truncated line)"


def _torn_reason(line: bytes) -> str:
    why = "no newline at its end" if not line.endswith(b"\n") else "not readable as a record"
    return (
        f"torn tail: the last line ({len(line)} bytes) is cut short ({why}), as a crash or a full disk "
        "mid-write leaves it; the records before it are intact"
    )


def _check(raw: bytes, chain: str | None, state: State, key: ChainKey | None) -> tuple[str | None, State | None]:
    """(why this line is not the next record of the chain or None, the chain state after it)."""
    try:
        rec = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _NOT_JSON, None
    if not isinstance(rec, dict) or not isinstance(rec.get("hash"), str):
        return "not an audit record (no hash)", None
    reason = _check_record(raw, rec, chain, state, key)
    if reason:
        return reason, None
    keyed = rec.get("alg") == ALG_KEYED
    ts = rec.get("ts") if isinstance(rec.get("ts"), str) else None
    return None, State(state.seq + 1, rec["hash"], keyed, rec.get("key_id") if keyed else None, ts)


def _check_record(raw: bytes, rec: dict[str, Any], chain: str | None, state: State, key: ChainKey | None) -> str | None:
    seq, prev = state.seq, state.prev
    if canonical(rec) != raw:
        return "bytes differ from the canonical form of the record (edited)"
    alg = rec.get("alg")
    if alg not in (None, ALG_KEYED):
        return f"unknown hash algorithm {alg!r} (edited)"
    keyed = alg == ALG_KEYED
    if state.keyed is not None and keyed != state.keyed:
        return (
            "record is not keyed like the rest of its chain (rewritten without the key?)"
            if state.keyed
            else "keyed record in an unkeyed chain (records inserted?)"
        )
    if _hash_of_canonical_line(raw, rec, key) != rec["hash"]:
        if keyed and key is not None and rec.get("key_id") != key.id:
            return (
                f"hash does not verify: written with key id {rec.get('key_id')}, checked with key id {key.id} "
                "(wrong audit.hmac_key, or the record was edited)"
            )
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


def _hash_of_canonical_line(raw: bytes, rec: dict[str, Any], key: ChainKey | None) -> str:
    """record_hash without a second serialisation: cut the `hash` member out of the canonical line.

    Sorted keys put `hash` after `action`, so it is always preceded by a comma; a string value
    cannot hold an unescaped quote, so the member occurs once unless a nested object has the same
    key and value, where the slow path decides.
    """
    stored = rec["hash"]
    member = b',"hash":"' + stored.encode("ascii", "replace") + b'"'
    if raw.count(member) != 1:
        return record_hash(rec, key)
    return digest(raw.replace(member, b""), rec.get("alg"), key)


def summarise(report: VerifyReport) -> Iterable[str]:
    """Human-readable lines: one per chain, broken chains first, then torn and unkeyed ones."""
    for c in sorted(report.chains, key=lambda c: (c.ok, c.torn is None, not c.unkeyed, c.chain)):
        head = f"head seq {c.head_seq} {c.head_hash}"
        if c.first_break:
            yield f"BROKEN {c.chain}: {c.first_break} (after {c.records} intact records)"
        elif c.torn:
            yield f"TORN   {c.chain}: {c.records} intact records, {head}; {c.torn}"
        elif c.unkeyed:
            yield (
                f"UNKEYED {c.chain}: {c.records} records in {len(c.files)} file(s), {head} "
                "(plain SHA-256, written before the chain was keyed: an edit with recomputed hashes would not show)"
            )
        else:
            yield f"OK     {c.chain}: {c.records} records in {len(c.files)} file(s), {head}"
