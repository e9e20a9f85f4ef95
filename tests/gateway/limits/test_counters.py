"""The counters, in memory and in a real Redis, agree on every rule (a table of scenarios run on both)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from gateway.limits.counters import MemoryCounters, RedisCounters, Scope

WINDOW = 600  # ms
MONTH = "2026-12"


def run(store: str, redis_url: str | None, body: Callable[[Any], Awaitable[None]]) -> None:
    async def main() -> None:
        counters: Any = MemoryCounters() if store == "memory" else RedisCounters(redis_url or "")
        try:
            await body(counters)
        finally:
            await counters.aclose()

    asyncio.run(main())


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> tuple[str, str | None]:
    if request.param == "redis":
        return "redis", request.getfixturevalue("fresh_redis_url")
    return "memory", None


def test_a_refusal_by_one_scope_takes_no_slot_in_the_other(store: tuple[str, str | None]) -> None:
    async def body(c: Any) -> None:
        key, dept = Scope("key:a", rpm=3), Scope("dept:税務課", rpm=1)
        assert (await c.admit("r1", [key, dept], WINDOW, MONTH)).refused is None
        refused = await c.admit("r2", [key, dept], WINDOW, MONTH)
        assert (refused.refused, refused.scope) == ("rpm", "dept:税務課") and 0 < refused.retry_after_ms <= WINDOW
        # The key alone still has two slots: the refused request did not use one.
        assert (await c.admit("r3", [key], WINDOW, MONTH)).refused is None
        assert (await c.admit("r4", [key], WINDOW, MONTH)).refused is None
        assert (await c.admit("r5", [key], WINDOW, MONTH)).refused == "rpm"
        await asyncio.sleep(WINDOW / 1000 + 0.05)
        assert (await c.admit("r6", [key, dept], WINDOW, MONTH)).refused is None  # the window slid

    run(*store, body)


def test_tokens_count_until_their_bucket_leaves_the_window(store: tuple[str, str | None]) -> None:
    async def body(c: Any) -> None:
        scope = Scope("key:t", tpm=100)
        assert (await c.admit("r1", [scope], WINDOW, MONTH)).refused is None
        await c.charge("r1", ["key:t"], 60, 0, MONTH, WINDOW)
        assert (await c.admit("r2", [scope], WINDOW, MONTH)).refused is None
        await c.charge("r2", ["key:t"], 40, 0, MONTH, WINDOW)
        refused = await c.admit("r3", [scope], WINDOW, MONTH)
        assert refused.refused == "tpm" and 0 < refused.retry_after_ms <= WINDOW + WINDOW // 60
        await asyncio.sleep(refused.retry_after_ms / 1000 + 0.05)
        assert (await c.admit("r4", [scope], WINDOW, MONTH)).refused is None

    run(*store, body)


def test_budgets_warn_then_refuse_and_months_are_apart(store: tuple[str, str | None]) -> None:
    async def body(c: Any) -> None:
        scope = Scope("dept:税務課", budget_micro=1000, soft_micro=800)
        for spent, expect in ((0, (None, ())), (799, (None, ())), (1, (None, ("dept:税務課",))), (200, ("budget", ()))):
            await c.charge("x", ["dept:税務課"], 0, spent, MONTH, WINDOW)
            verdict = await c.admit("r", [scope], WINDOW, MONTH)
            assert (verdict.refused, verdict.soft) == expect
        assert (await c.admit("r", [scope], WINDOW, "2027-01")).refused is None
        assert await c.spend(MONTH) == {"dept:税務課": 1000}

    run(*store, body)
