"""Spend against budget per department for one month: for `sekisho usage` and the review page.

With Redis the figures are the shared counters every replica charges; without it, the audit log's
`cost` fields (the same figures, written once per request).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from gateway.audit.query import Filter, iter_records
from gateway.audit.record import format_ts
from gateway.limits.config import LimitsConfig


@dataclass(frozen=True, slots=True)
class Row:
    department: str
    spend_yen: float
    budget_yen: float | None
    soft_ratio: float

    @property
    def share(self) -> float | None:
        return self.spend_yen / self.budget_yen if self.budget_yen else None

    @property
    def state(self) -> str:
        """ok | soft (past the warning threshold) | over (requests refused) | none (no budget)."""
        if self.budget_yen is None:
            return "none"
        if self.spend_yen >= self.budget_yen:
            return "over"
        return "soft" if self.spend_yen >= self.budget_yen * self.soft_ratio else "ok"

    def as_dict(self) -> dict[str, Any]:
        return {"department": self.department, "spend_yen": round(self.spend_yen, 2), "budget_yen": self.budget_yen,
                "share": None if self.share is None else round(self.share, 4), "state": self.state}  # fmt: skip


def current_month(cfg: LimitsConfig) -> str:
    return datetime.now(cfg.tz).strftime("%Y-%m")


def month_bounds(cfg: LimitsConfig, month: str) -> tuple[str, str]:
    """The month's first and last moments as log timestamps (UTC), the month taken in the configured zone."""
    tz = cfg.tz
    start = datetime.strptime(month, "%Y-%m").replace(tzinfo=tz)
    end = (start + timedelta(days=32)).replace(day=1)
    return format_ts(start.astimezone(UTC)), format_ts((end - timedelta(milliseconds=1)).astimezone(UTC))


def spend_from_audit(cfg: LimitsConfig, audit_dir: Path, month: str) -> dict[str, float]:
    """円 per department from the audit records of the month."""
    since, until = month_bounds(cfg, month)
    out: dict[str, float] = {}
    if not audit_dir.exists():
        return out
    for r in iter_records(audit_dir, Filter(since=since, until=until)):
        cost = float(r.get("cost") or 0.0)
        if cost:
            dept = (r.get("principal") or {}).get("department") or ""
            out[dept] = out.get(dept, 0.0) + cost
    return out


def rows(cfg: LimitsConfig, spend_by_department: dict[str, float]) -> list[Row]:
    """One row per department with a budget or any spend, in name order."""
    names: Iterable[str] = sorted(set(cfg.departments) | set(spend_by_department))
    out = []
    for name in names:
        limit = cfg.for_department(name)
        budget = limit.budget_yen if limit is not None else None
        out.append(Row(name, spend_by_department.get(name, 0.0), budget, limit.soft_ratio if limit is not None else 1.0))
    return out


def departments_only(spend: dict[str, float]) -> dict[str, float]:
    """`dept:NAME` entries of the counters' spend, by NAME."""
    return {k[5:]: v for k, v in spend.items() if k.startswith("dept:")}
