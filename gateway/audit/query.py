"""Find log files and read records from them fast: one json.loads per line, no model per record."""

from __future__ import annotations

import heapq
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import IO, Any

from gateway.audit.chain import FILE_RE
from gateway.audit.record import format_ts

Progress = Callable[[int], None]  # called with the number of bytes just read
JST = timezone(timedelta(hours=9), "JST")


@dataclass(frozen=True, slots=True)
class LogFile:
    path: Path
    day: str  # UTC day from the file name; "" when the name is not ours
    chain: str


def log_files(path: Path) -> list[LogFile]:
    """Audit files at `path` (a file or a directory of them), ordered by chain then day."""
    if path.is_file():
        m = FILE_RE.match(path.name)
        return [LogFile(path, m.group(1), m.group(2)) if m else LogFile(path, "", path.name)]
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no such audit file or directory")
    found = []
    for p in path.iterdir():
        m = FILE_RE.match(p.name)
        if m and p.is_file():
            found.append(LogFile(p, m.group(1), m.group(2)))
    return sorted(found, key=lambda f: (f.chain, f.day))


def total_bytes(files: Iterable[LogFile]) -> int:
    """Combined size, for progress bars."""
    return sum(f.path.stat().st_size for f in files)


def iter_lines(files: Iterable[LogFile], progress: Progress | None = None) -> Iterator[tuple[LogFile, int, bytes]]:
    """(file, 1-based line number, raw line without newline) over every file."""
    for f in files:
        with f.path.open("rb") as fh:
            for n, raw in enumerate(fh, start=1):
                if progress:
                    progress(len(raw))
                yield f, n, raw.rstrip(b"\n")


def parse_when(text: str, *, end: bool = False, tz: timezone = JST) -> str:
    """A user-given date or time as a log timestamp; naive values are in `tz` (Japan by default).

    A bare date as an upper bound means the end of that day.
    """
    try:
        if len(text) == 10:
            d = date.fromisoformat(text)
            moment = datetime.combine(d + timedelta(days=1) if end else d, time(), tz)
            if end:
                moment -= timedelta(milliseconds=1)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=tz)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date (2026-04-01) or time (2026-04-01T09:00)") from exc
    return format_ts(moment)


@dataclass(frozen=True, slots=True)
class Filter:
    """Search criteria; each one given must match (model matches requested or actual)."""

    since: str | None = None  # log timestamps (see parse_when), inclusive
    until: str | None = None
    user: str | None = None
    department: str | None = None
    level: str | None = None
    action: str | None = None
    model: str | None = None
    zone: str | None = None
    entity: str | None = None
    outcome: str | None = None
    request_id: str | None = None
    category: str | None = None  # use-case category id (gateway/usecase)

    def matches(self, r: dict[str, Any]) -> bool:
        """Whether one record meets every criterion."""
        ts = r.get("ts", "")
        if self.since and ts < self.since:
            return False
        if self.until and ts > self.until:
            return False
        p = r.get("principal") or {}
        checks = (
            (self.user, p.get("user")),
            (self.department, p.get("department")),
            (self.level, r.get("level")),
            (self.action, r.get("action")),
            (self.zone, r.get("zone")),
            (self.outcome, r.get("outcome")),
            (self.request_id, r.get("request_id")),
            (self.category, r.get("category")),
        )
        if any(want is not None and want != got for want, got in checks):
            return False
        if self.model is not None and self.model not in (r.get("model_requested"), r.get("model_actual")):
            return False
        return self.entity is None or bool((r.get("entities") or {}).get(self.entity))


class Pairing:
    """One request, one record: a write-ahead `pending` record and its `final` one count once.

    A pending record is held until its final record (same request_id) arrives, and then dropped;
    one left over at the end was sent upstream but never finished (a crash, a final write that
    failed): it is surfaced as outcome "incomplete". Only requests in flight are ever held.
    """

    def __init__(self) -> None:
        self.open: dict[str, Any] = {}
        # Final records whose pending record was not in what was read (e.g. in the previous file).
        self.orphans: set[str] = set()

    def take(self, r: dict[str, Any], token: Any = None) -> bool:
        """Whether `r` is to be shown now (a pending record is held, with `token`, instead)."""
        phase = r.get("phase")
        rid = str(r.get("request_id"))
        if phase == "pending":
            self.open[rid] = (r, token)
            return False
        if phase == "final" and self.open.pop(rid, None) is None:
            self.orphans.add(rid)
        return True

    def leftovers(self) -> list[tuple[dict[str, Any], Any]]:
        """The pending records never finished, as incomplete records (with their tokens)."""
        out = [(incomplete(r), token) for r, token in self.open.values()]
        self.open.clear()
        return out


def incomplete(r: dict[str, Any]) -> dict[str, Any]:
    """A pending record without its final one, as readers show it."""
    return {**r, "outcome": "incomplete"}


def iter_records(
    path: Path, flt: Filter | None = None, progress: Progress | None = None, pairing: Pairing | None = None
) -> Iterator[dict[str, Any]]:
    """Records under `path` that match `flt`, one per request (see Pairing); lines that do not parse
    are skipped (verify reports them). Unfinished requests come last."""
    flt = flt or Filter()
    pairing = pairing if pairing is not None else Pairing()
    # Every file is read: a file's day is the writer's clock, which need not bound the records' ts.
    for _, _, raw in iter_lines(log_files(path), progress):
        try:
            r = json.loads(raw)
        except ValueError:
            continue
        # Pair before filtering: a final record the filter rejects still closes its pending one.
        if isinstance(r, dict) and pairing.take(r) and flt.matches(r):
            yield r
    for r, _ in pairing.leftovers():
        if flt.matches(r):
            yield r


def iter_sorted(
    path: Path, flt: Filter | None = None, newest_first: bool = False, progress: Progress | None = None
) -> Iterator[dict[str, Any]]:
    """Matching records in time order without holding them all: sort small keys, then re-read by offset."""
    flt = flt or Filter()
    files = log_files(path)
    keys: list[tuple[str, str, int, int, int, bool]] = []
    pairing = Pairing()
    for index, f in enumerate(files):
        with f.path.open("rb") as fh:
            offset = 0
            for raw in fh:
                if progress:
                    progress(len(raw))
                try:
                    r = json.loads(raw)
                except ValueError:
                    r = None
                if isinstance(r, dict) and pairing.take(r, (index, offset)) and flt.matches(r):
                    keys.append((r.get("ts", ""), r.get("chain", ""), r.get("seq", 0), index, offset, False))
                offset += len(raw)
    for r, (index, offset) in pairing.leftovers():
        if flt.matches(r):
            keys.append((r.get("ts", ""), r.get("chain", ""), r.get("seq", 0), index, offset, True))
    keys.sort(reverse=newest_first)
    handles: dict[int, IO[bytes]] = {}
    try:
        for *_, index, offset, unfinished in keys:
            handle = handles.get(index)
            if handle is None:
                handle = handles[index] = files[index].path.open("rb")
            handle.seek(offset)
            rec = json.loads(handle.readline())
            yield incomplete(rec) if unfinished else rec
    finally:
        for handle in handles.values():
            handle.close()


def _order(r: dict[str, Any]) -> tuple[str, str, int]:
    return (r.get("ts", ""), r.get("chain", ""), r.get("seq", 0))


def search(
    path: Path, flt: Filter | None = None, limit: int | None = None, newest_first: bool = True
) -> list[dict[str, Any]]:
    """Matching records ordered by time (newest first by default), at most `limit`."""
    return search_page(path, flt, 0, limit, newest_first)[1]


def search_page(
    path: Path, flt: Filter | None = None, offset: int = 0, limit: int | None = None, newest_first: bool = True
) -> tuple[int, list[dict[str, Any]]]:
    """(number of matches, the matches from `offset` on, at most `limit`) in time order.

    With a limit only offset + limit records are kept in memory, whatever the size of the log.
    """
    total = 0

    def matches() -> Iterator[dict[str, Any]]:
        nonlocal total
        for r in iter_records(path, flt):
            total += 1
            yield r

    if limit is None:
        found = sorted(matches(), key=_order, reverse=newest_first)
    else:
        pick = heapq.nlargest if newest_first else heapq.nsmallest
        found = pick(offset + limit, matches(), key=_order)
    return total, found[offset:]


def month_bounds(month: str, tz: timezone = JST) -> tuple[str, str]:
    """The first and last log timestamps of a calendar month (YYYY-MM) in `tz`."""
    try:
        first = datetime.strptime(month, "%Y-%m").replace(tzinfo=tz)
    except ValueError as exc:
        raise ValueError(f"{month!r} is not a month (2026-04)") from exc
    after = first.replace(year=first.year + (first.month == 12), month=first.month % 12 + 1)
    return format_ts(first), format_ts(after - timedelta(milliseconds=1))
