"""Usage figures for 効果検証: requests, users, tokens, cost and policy actions, grouped one pass."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from gateway.audit.query import JST

GROUPS = ("department", "model", "zone", "day", "action", "level", "user")
NONE_KEY = "-"  # model and zone of a blocked request


@dataclass
class Bucket:
    """Running totals for one group value."""

    requests: int = 0
    users: set[str] = field(default_factory=set)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cost: float = 0.0
    actions: Counter[str] = field(default_factory=Counter)
    errors: int = 0

    def add(self, r: dict[str, Any], user: str) -> None:
        self.requests += 1
        self.users.add(user)
        usage = r.get("usage")
        if usage:
            self.prompt_tokens += usage.get("prompt_tokens", 0)
            self.completion_tokens += usage.get("completion_tokens", 0)
            self.total_tokens += usage.get("total_tokens", 0)
        self.cost += r.get("cost") or 0.0
        self.actions[r.get("action", "")] += 1
        if r.get("outcome") == "error":
            self.errors += 1

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
            "allowed": self.actions["allow"],
            "masked": self.actions["mask"],
            "pseudonymized": self.actions["pseudonymize"],
            "blocked": self.actions["block"],
            "rerouted": self.actions["reroute"],
            "errors": self.errors,
        }


COLUMNS = (
    "key", "requests", "users", "prompt_tokens", "completion_tokens", "total_tokens", "cost",
    "allowed", "masked", "pseudonymized", "blocked", "rerouted", "errors",
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
    """Local calendar day of a UTC log timestamp, cached per minute (offsets may be +05:30)."""

    def __init__(self, tz: timezone) -> None:
        self.tz = tz
        self.cache: dict[str, str] = {}

    def __call__(self, ts: str) -> str:
        minute = ts[:16]
        day = self.cache.get(minute)
        if day is None:
            moment = datetime.fromisoformat(minute + ":00+00:00").astimezone(self.tz)
            day = self.cache[minute] = moment.date().isoformat()
        return day


def compute(records: Iterable[dict[str, Any]], groups: Iterable[str] = GROUPS, tz: timezone = JST) -> Stats:
    """Aggregate records into totals and per-group buckets in one pass."""
    wanted = tuple(groups)
    unknown = set(wanted) - set(GROUPS)
    if unknown:
        raise ValueError(f"unknown grouping {sorted(unknown)}; choose from {', '.join(GROUPS)}")
    day_of = _DayOf(tz)
    total = Bucket()
    tables: dict[str, dict[str, Bucket]] = {g: {} for g in wanted}
    first = last = None
    for r in records:
        p = r.get("principal") or {}
        user = f"{p.get('department', '')}/{p.get('user', '')}"
        total.add(r, user)
        ts = r.get("ts", "")
        if first is None or ts < first:
            first = ts
        if last is None or ts > last:
            last = ts
        for g in wanted:
            key = _key(g, r, p, day_of)
            bucket = tables[g].get(key)
            if bucket is None:
                bucket = tables[g][key] = Bucket()
            bucket.add(r, user)
    return Stats(total, tables, first, last)


def _key(group: str, r: dict[str, Any], p: dict[str, Any], day_of: _DayOf) -> str:
    if group == "department":
        return str(p.get("department", NONE_KEY))
    if group == "user":
        return f"{p.get('department', '')}/{p.get('user', '')}"
    if group == "model":
        return str(r.get("model_actual") or NONE_KEY)
    if group == "zone":
        return str(r.get("zone") or NONE_KEY)
    if group == "day":
        return day_of(r.get("ts", ""))
    return str(r.get(group, NONE_KEY))
