"""What limits and routing cost per request: one admission + one charge, in memory and in a real Redis.

    .venv/bin/python bench/bench_limits.py [--n 2000]

Starts a throw-away redis-server on loopback (tests/support/redis_server.py), then times N sequential
admissions (two scopes: a key and a department, rpm + tpm + budget) and charges, and the router's
choice among four deployments with the allowance check (no upstream call). Prints microseconds per call.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gateway.limits.counters import MemoryCounters, RedisCounters, Scope  # noqa: E402
from tests.support.redis_server import run_redis  # noqa: E402

SCOPES = [Scope("key:k1", rpm=10**9, tpm=10**12, budget_micro=10**15, soft_micro=10**14),
          Scope("dept:税務課", rpm=10**9, tpm=10**12, budget_micro=10**15, soft_micro=10**14)]  # fmt: skip


async def run(counters: object, n: int) -> tuple[float, float]:
    admit = charge = 0.0
    for i in range(n):
        t0 = time.perf_counter()
        await counters.admit(f"r{i}", SCOPES, 60_000, "2026-12")  # type: ignore[attr-defined]
        t1 = time.perf_counter()
        await counters.charge(f"r{i}", [s.name for s in SCOPES], 300, 45_000, "2026-12", 60_000)  # type: ignore[attr-defined]
        t2 = time.perf_counter()
        admit += t1 - t0
        charge += t2 - t1
    return admit / n * 1e6, charge / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    n = parser.parse_args().n
    a, c = asyncio.run(run(MemoryCounters(), n))
    print(f"memory: admit {a:.1f} µs, charge {c:.1f} µs per request (n={n}, window holding up to {n} entries)")
    with run_redis() as url:

        async def redis() -> tuple[float, float, float]:
            counters = RedisCounters(url)
            try:
                t0 = time.perf_counter()
                for _ in range(n):
                    await counters.ping()
                ping = (time.perf_counter() - t0) / n * 1e6
                return (*await run(counters, n), ping)
            finally:
                await counters.aclose()

        a, c, p = asyncio.run(redis())
        print(f"redis:  admit {a:.1f} µs, charge {c:.1f} µs per request (n={n}, one Lua script each); a bare PING {p:.1f} µs")


if __name__ == "__main__":
    main()
