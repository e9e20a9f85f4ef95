"""Usage figures for 効果検証: requests, users, tokens, cost and policy actions, grouped one pass."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from gateway.audit.query import JST

GROUPS = ("department", "model", "zone", "day", "action", "level", "user", "category")
NONE_KEY = "-"  # model and zone of a blocked request


@dataclass
class Bucket:
    """Running totals for one group value, or for one combination of values while accumulating."""

    requests: int = 0
    users: set[str] = field(default_factory=set)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cost: float = 0.0
    # A dict, not a Counter: a bucket is made per combination (up to one per record), and a Counter
    # made each one about five times dearer to create.
    actions: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    incomplete: int = 0  # sent upstream, never finished (a write-ahead record without its final one)

    def add(self, other: Bucket, action: str | None = None) -> None:
        """Add another bucket's figures to these; with `action`, count all its requests as that action."""
        self.requests += other.requests
        self.users |= other.users
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.total_tokens += other.total_tokens
        self.cost += other.cost
        for name, n in other.actions.items():
            self.actions[name] = self.actions.get(name, 0) + n
        if action is not None:
            self.actions[action] = self.actions.get(action, 0) + other.requests
        self.errors += other.errors
        self.incomplete += other.incomplete

    def merged(self, other: Bucket | None) -> Bucket:
        """This (fresh) bucket with another's figures added: cached partials are never changed."""
        if other is not None:
            self.add(other)
        return self

    def row(self, key: str) -> dict[str, Any]:
        """The figures as a flat row."""
        return {
            "key": key,
            "requests": self.requests,
            "users": len(self.users),
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
            "cost": round(self.cost, 2),
            "allowed": self.actions.get("allow", 0),
            "masked": self.actions.get("mask", 0),
            "pseudonymized": self.actions.get("pseudonymize", 0),
            "blocked": self.actions.get("block", 0),
            "rerouted": self.actions.get("reroute", 0),
            "errors": self.errors,
            "incomplete": self.incomplete,
        }


COLUMNS = (
    "key", "requests", "users", "prompt_tokens", "completion_tokens", "total_tokens", "cost",
    "allowed", "masked", "pseudonymized", "blocked", "rerouted", "errors", "incomplete",
)  # fmt: skip


@dataclass
class Stats:
    total: Bucket
    groups: dict[str, dict[str, Bucket]]
    first_ts: str | None = None
    last_ts: str | None = None

    def rows(self, by: str) -> list[dict[str, Any]]:
        """Rows for one grouping, days in order, everything else busiest first."""
        buckets = self.groups[by]
        keys = sorted(buckets) if by == "day" else sorted(buckets, key=lambda k: (-buckets[k].requests, k))
        return [buckets[k].row(k) for k in keys]


class _DayOf:
    """Local calendar day of a UTC log timestamp, cached per hour (per minute for offsets like +05:30)."""

    def __init__(self, tz: timezone) -> None:
        self.tz = tz
        offset = tz.utcoffset(None)
        self.prefix = 13 if offset is not None and offset.total_seconds() % 3600 == 0 else 16
        self.cache: dict[str, str] = {}

    def __call__(self, ts: str) -> str:
        part = ts[: self.prefix]
        day = self.cache.get(part)
        if day is None:
            moment = datetime.fromisoformat(ts[:16] + ":00+00:00").astimezone(self.tz)
            day = self.cache[part] = moment.date().isoformat()
        return day


def compute(records: Iterable[dict[str, Any]], groups: Iterable[str] = GROUPS, tz: timezone = JST) -> Stats:
    """Aggregate records into totals and per-group buckets in one pass."""
    wanted = _check_groups(groups)
    return finish(accumulate(records, wanted, tz), wanted)


def _check_groups(groups: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(groups)
    unknown = set(wanted) - set(GROUPS)
    if unknown:
        raise ValueError(f"unknown grouping {sorted(unknown)}; choose from {', '.join(GROUPS)}")
    return wanted


@dataclass
class Partial:
    """Figures per combination of (action, *group values), mergeable across files."""

    # A combination's action is the first part of its key, so its bucket's `actions` stays empty
    # while accumulating and `finish` counts it.
    combos: dict[tuple[str, ...], Bucket] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None
    # Unfinished requests are kept aside until `finish`: the final record of one may turn up in the
    # next file (its request_id then is among that file's orphans, see query.Pairing).
    loose: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    orphans: set[str] = field(default_factory=set)

    def merge(self, other: Partial) -> None:
        """Add another partial's figures to this one."""
        self.loose.update(other.loose)
        self.orphans |= other.orphans
        for key, acc in other.combos.items():
            mine = self.combos.get(key)
            if mine is None:
                mine = self.combos[key] = Bucket()
            mine.add(acc)
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first
        if other.last is not None and (self.last is None or other.last > self.last):
            self.last = other.last


def accumulate(records: Iterable[dict[str, Any]], groups: Iterable[str], tz: timezone = JST) -> Partial:
    """One pass over records into per-combination figures (see `finish`)."""
    wanted = _check_groups(groups)
    day_of = _DayOf(tz)
    # Accumulating per combination and rolling the per-group tables up afterwards is far cheaper
    # per record than updating one bucket per grouping.
    part = Partial()
    combos = part.combos
    first = last = None
    for r in records:
        p = r.get("principal") or {}
        user = f"{p.get('department', '')}/{p.get('user', '')}"
        ts = r.get("ts", "")
        if first is None or ts < first:
            first = ts
        if last is None or ts > last:
            last = ts
        key = (r.get("action") or NONE_KEY, *[_key(g, r, p, ts, day_of) for g in wanted])
        if r.get("outcome") == "incomplete":
            part.loose[str(r.get("request_id"))] = (key, user)
            continue
        acc = combos.get(key)
        if acc is None:
            acc = combos[key] = Bucket()
        acc.requests += 1
        acc.users.add(user)
        usage = r.get("usage")
        if usage:
            acc.prompt_tokens += usage.get("prompt_tokens", 0)
            acc.completion_tokens += usage.get("completion_tokens", 0)
            acc.total_tokens += usage.get("total_tokens", 0)
        acc.cost += r.get("cost") or 0.0
        if r.get("outcome") == "error":
            acc.errors += 1
    part.first, part.last = first, last
    return part


def finish(part: Partial, groups: Iterable[str]) -> Stats:
    """Totals and per-group tables from accumulated figures."""
    wanted = tuple(groups)
    total = Bucket()
    tables: dict[str, dict[str, Bucket]] = {g: {} for g in wanted}
    combos = dict(part.combos)
    for rid, (key, user) in part.loose.items():
        if rid in part.orphans:
            continue  # finished after all, in a later file
        acc = combos[key] = Bucket().merged(combos.get(key))
        acc.requests += 1
        acc.incomplete += 1
        acc.users.add(user)
    for key, acc in combos.items():
        total.add(acc, key[0])
        for g, value in zip(wanted, key[1:], strict=True):
            bucket = tables[g].get(value)
            if bucket is None:
                bucket = tables[g][value] = Bucket()
            bucket.add(acc, key[0])
    return Stats(total, tables, part.first, part.last)


def _key(group: str, r: dict[str, Any], p: dict[str, Any], ts: str, day_of: _DayOf) -> str:
    if group == "department":
        return str(p.get("department", NONE_KEY))
    if group == "day":
        return day_of(ts)
    if group == "model":
        return str(r.get("model_actual") or NONE_KEY)
    if group == "zone":
        return str(r.get("zone") or NONE_KEY)
    if group == "user":
        return f"{p.get('department', '')}/{p.get('user', '')}"
    value = r.get(group)
    return NONE_KEY if value is None else str(value)
