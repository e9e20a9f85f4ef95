"""効果検証 figures: estimated time saved per department and use case, and where the rules stop people.

One pass over the records, shared by `sekisho audit stats`, the stats page and the monthly report so
that their numbers are the same by construction (tests/gateway/audit/test_effect.py checks it too).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from gateway.audit.record import format_ts

BACKGROUND = "background"  # same id as gateway.usecase.BACKGROUND; repeated so the audit CLI stays light
UNKNOWN = "-"


@dataclass
class Effect:
    """Counted requests (answered, staff-typed, categorised) per (department, category), with the minutes used."""

    minutes: Mapping[str, float]
    follow_up_minutes: float
    pairs: dict[tuple[str, str], int] = field(default_factory=dict)
    background: int = 0  # chat UIs' own requests: answered, not counted
    not_answered: int = 0  # blocked or failed chat requests: nothing was saved
    uncategorised: int = 0  # embeddings and requests without a category (records written before categories)
    # (department, rule) → [blocked, rerouted, blocks followed by an answered request of the same user]
    stops: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def hours(self, category: str, requests: int) -> float:
        return round(requests * self.minutes.get(category, 0.0) / 60, 2)

    def rows(self, by: str) -> list[dict[str, Any]]:
        """Counted requests and estimated hours per `department`, `category` or `pair` (both), busiest first."""
        acc: dict[tuple[str, ...], dict[str, float]] = {}
        for (dept, cat), n in self.pairs.items():
            key: tuple[str, ...] = (dept,) if by == "department" else (cat,) if by == "category" else (dept, cat)
            row = acc.setdefault(key, {"requests": 0, "minutes": 0.0})
            row["requests"] += n
            row["minutes"] += n * self.minutes.get(cat, 0.0)
        out = []
        for group, v in acc.items():
            line: dict[str, Any] = {"department": group[0]} if by != "category" else {}
            if by != "department":
                line["category"] = group[-1]
                line["minutes_each"] = self.minutes.get(group[-1], 0.0)
            line["requests"] = int(v["requests"])
            line["hours"] = round(v["minutes"] / 60, 2)
            out.append(line)
        return sorted(out, key=lambda r: (-r["hours"], -r["requests"], tuple(str(r.get(k)) for k in ("department", "category"))))

    @property
    def total_requests(self) -> int:
        return sum(self.pairs.values())

    @property
    def total_hours(self) -> float:
        return round(sum(n * self.minutes.get(c, 0.0) for (_, c), n in self.pairs.items()) / 60, 2)

    def stop_rows(self) -> list[dict[str, Any]]:
        """Blocked and rerouted requests per department and rule, and how often a block was soon followed by success."""
        out = []
        for (dept, rule), (blocked, rerouted, retried) in self.stops.items():
            out.append({
                "department": dept, "rule_id": rule, "blocked": blocked, "rerouted": rerouted,
                "retried_ok": retried, "retried_share": round(retried / blocked, 3) if blocked else 0.0,
            })  # fmt: skip
        return sorted(out, key=lambda r: (-r["blocked"], -r["rerouted"], r["department"], r["rule_id"]))

    def to_json(self) -> dict[str, Any]:
        """Everything, as `sekisho audit stats --json` prints it."""
        return {
            "assumptions": {"minutes_saved": dict(self.minutes), "follow_up_minutes": self.follow_up_minutes},
            "counted_requests": self.total_requests,
            "estimated_hours": self.total_hours,
            "background_requests": self.background,
            "not_answered": self.not_answered,
            "uncategorised": self.uncategorised,
            "by_department": self.rows("department"),
            "by_category": self.rows("category"),
            "by_department_category": self.rows("pair"),
            "stops": self.stop_rows(),
        }


def compute(records: Iterable[dict[str, Any]], minutes: Mapping[str, float], follow_up_minutes: float = 10) -> Effect:
    """Aggregate records (any order) into the effect figures."""
    builder = Builder(minutes, follow_up_minutes)
    for r in records:
        builder.add(r)
    return builder.finish()


def tap(records: Iterable[dict[str, Any]], builder: Builder) -> Iterator[dict[str, Any]]:
    """Pass records through unchanged while `builder` sees each: one read of the log for two aggregations."""
    for r in records:
        builder.add(r)
        yield r


class Builder:
    """Effect figures accumulated one record at a time (`finish` settles the retries after blocks)."""

    def __init__(self, minutes: Mapping[str, float], follow_up_minutes: float = 10) -> None:
        self.eff = Effect(dict(minutes), follow_up_minutes)
        self.blocks: list[tuple[str, str, str, str]] = []  # (user key, ts, department, rule)
        self.answered: dict[str, list[str]] = {}  # user key → timestamps of answered staff requests

    def add(self, r: dict[str, Any]) -> None:
        eff = self.eff
        p = r.get("principal") or {}
        dept = str(p.get("department") or UNKNOWN)
        user = f"{dept}/{p.get('user', '')}"
        category = r.get("category")
        action = r.get("action")
        if action in ("block", "reroute"):
            rule = str(r.get("rule_id") or UNKNOWN)
            stop = eff.stops.setdefault((dept, rule), [0, 0, 0])
            stop[0 if action == "block" else 1] += 1
            if action == "block":
                self.blocks.append((user, r.get("ts", ""), dept, rule))
        if category == BACKGROUND:
            eff.background += 1
            return
        if r.get("outcome") != "ok":
            if category is not None:
                eff.not_answered += 1
            return
        self.answered.setdefault(user, []).append(r.get("ts", ""))
        if category is None:
            eff.uncategorised += 1
            return
        key = (dept, str(category))
        eff.pairs[key] = eff.pairs.get(key, 0) + 1

    def finish(self) -> Effect:
        eff = self.eff
        for times in self.answered.values():
            times.sort()
        window = timedelta(minutes=eff.follow_up_minutes)
        for user, ts, dept, rule in self.blocks:
            later = self.answered.get(user)
            if not later or not ts:
                continue
            limit = format_ts(datetime.fromisoformat(ts.replace("Z", "+00:00")) + window)
            i = bisect.bisect_right(later, ts)
            if i < len(later) and later[i] <= limit:
                eff.stops[(dept, rule)][2] += 1
        return eff
