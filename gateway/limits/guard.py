"""Admit a request against its key's and department's limits before it is sent; charge it after.

Fail closed: when the counters cannot be reached, a request that has limits is refused (503), since
nothing could say it is within them. Spend is charged from the upstream's own usage and the prices of
the deployment that answered; a budget is checked before each request, so requests already in
flight when it runs out still finish (the overshoot is at most those).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter

from gateway.errors import RateLimited, ServiceUnavailable
from gateway.limits.config import Limit, LimitsConfig
from gateway.limits.counters import NONE, Counters, MemoryCounters, RedisCounters, Scope

if TYPE_CHECKING:
    from gateway.pipeline import Exchange

log = logging.getLogger("sekisho.limits")

MICRO = 1_000_000  # spend is counted in micro-yen


def dept_scope(department: str) -> str:
    return "dept:" + department


def key_scope(key_id: str) -> str:
    return "key:" + key_id


class Limits:
    def __init__(
        self, cfg: LimitsConfig, counters: Counters | None = None, metrics: CollectorRegistry | None = None
    ) -> None:
        self.cfg = cfg
        self.counters: Counters = counters or (RedisCounters(cfg.redis_url) if cfg.redis_url else MemoryCounters())
        self._tz = cfg.tz
        self._refusals = Counter(
            "sekisho_limit_refusals",
            "Requests refused before sending, by what ran out (rpm, tpm, budget) and whose (key, dept), or unavailable.",
            ("kind", "scope"),
            registry=metrics,
        )

    @property
    def active(self) -> bool:
        return self.cfg.active

    def month(self, moment: datetime | None = None) -> str:
        """The budget month (YYYY-MM) in the configured time zone."""
        return (moment or datetime.now(self._tz)).astimezone(self._tz).strftime("%Y-%m")

    def _scopes(self, ex: Exchange) -> list[Scope]:
        p = ex.principal
        out = []
        for name, limit in ((key_scope(p.key_id), self.cfg.keys.get(p.key_id)), (dept_scope(p.department), self.cfg.for_department(p.department))):
            if limit is not None:
                out.append(_scope(name, limit))
        return out

    async def admit(self, ex: Exchange) -> None:
        """Take a request slot in every scope, or raise RateLimited (429) naming what ran out."""
        scopes = self._scopes(ex)
        if not scopes:
            return
        try:
            verdict = await self.counters.admit(ex.request_id, scopes, self._window_ms, self.month())
        except Exception as exc:  # any store failure: the limits cannot be checked
            log.error("limits unavailable: %s", type(exc).__name__)
            self._refusals.labels(kind="unavailable", scope="").inc()
            raise ServiceUnavailable(
                "利用上限を確認できないため送信を止めました。情報政策課に連絡してください。 (limits store unavailable)",
                code="limits_unavailable",
            ) from exc
        if verdict.soft:
            ex.flags.append("budget_soft_limit")
        if verdict.refused is None:
            return
        self._refusals.labels(kind=verdict.refused, scope=(verdict.scope or "").partition(":")[0]).inc()
        who = _who(verdict.scope or "")
        if verdict.refused == "budget":
            raise RateLimited(
                f"{who}の今月の利用予算に達したため、送信を止めました。来月まで利用できません。"
                "予算の追加は情報政策課に相談してください。 (monthly budget exhausted)",
                retry_after_s=self._until_next_month(),
                code="budget_exceeded",
            )
        kind = "リクエスト数" if verdict.refused == "rpm" else "トークン数"
        raise RateLimited(
            f"{who}の{kind}の上限（{int(self.cfg.window_s)}秒あたり）に達しました。"
            f"{max(1, -(-verdict.retry_after_ms // 1000))}秒ほど待ってから再度お試しください。 (rate limit: {verdict.refused})",
            retry_after_s=max(verdict.retry_after_ms, 1) / 1000,
        )

    async def charge(self, ex: Exchange) -> None:
        """Count the answer's tokens and its cost; a failure is logged (the answer has gone)."""
        from gateway.trail import cost_of

        scopes = [s.name for s in self._scopes(ex)]
        if not scopes or ex.deployment is None or not isinstance(ex.usage, dict):
            return
        tokens = int(ex.usage.get("total_tokens") or 0) or int(ex.usage.get("prompt_tokens") or 0) + int(ex.usage.get("completion_tokens") or 0)
        try:
            await self.counters.charge(ex.request_id, scopes, tokens, round(cost_of(ex) * MICRO), self.month(), self._window_ms)
        except Exception as exc:  # noqa: BLE001
            log.error("usage of %s not counted: %s", ex.request_id, type(exc).__name__)

    async def spend(self, month: str | None = None) -> dict[str, float]:
        """Spend in 円 per scope for the month (`dept:…`, `key:…`)."""
        raw = await self.counters.spend(month or self.month())
        return {k: v / MICRO for k, v in raw.items()}

    def seed_from_audit(self, audit_dir: Path) -> None:
        """In memory only: this month's department spend from the audit log (key budgets start at zero)."""
        from gateway.limits.usage import spend_from_audit

        if isinstance(self.counters, MemoryCounters) and self.active:
            month = self.month()
            spent = spend_from_audit(self.cfg, audit_dir, month)
            self.counters.seed(month, {dept_scope(d): round(v * MICRO) for d, v in spent.items()})

    async def ping(self) -> bool:
        return await self.counters.ping()

    async def aclose(self) -> None:
        await self.counters.aclose()

    @property
    def _window_ms(self) -> int:
        return int(self.cfg.window_s * 1000)

    def _until_next_month(self) -> float:
        now = datetime.now(self._tz)
        first = (now.replace(day=1, hour=0, minute=0, second=0, microsecond=0) + timedelta(days=32)).replace(day=1)
        return (first - now).total_seconds()


def _scope(name: str, limit: Limit) -> Scope:
    budget = round(limit.budget_yen * MICRO) if limit.budget_yen is not None else NONE
    return Scope(
        name,
        rpm=limit.rpm if limit.rpm is not None else NONE,
        tpm=limit.tpm if limit.tpm is not None else NONE,
        budget_micro=budget,
        soft_micro=round(budget * limit.soft_ratio) if budget != NONE else NONE,
    )


def _who(scope: str) -> str:
    kind, _, name = scope.partition(":")
    return f"部署「{name}」" if kind == "dept" else "この API キー"
