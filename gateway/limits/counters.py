"""Where rate windows and monthly spend are counted: Redis (shared by replicas, atomic Lua) or memory.

One admission checks every scope of a request (its key, its department) and takes a request slot in
all of them, or in none: a refusal by the department does not use up the key's slot.

Scope state: `rpm:<scope>` a sorted set of request ids by time (ms), so the request window is exact;
`tpm:<scope>` a hash of time bucket (1/60 of the window) → tokens, so a check sums at most 61 fields
however busy the scope; `spend:<YYYY-MM>` a hash of scope → spend in micro-yen (integers, exact).
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Protocol

PREFIX = "sekisho:limits:"
SPEND_TTL_S = 400 * 24 * 3600  # a spend hash outlives its month for the yearly figures
NONE = -1
BUCKETS = 60  # token buckets per window


def bucket_ms(window_ms: int) -> int:
    return max(window_ms // BUCKETS, 1)


@dataclass(frozen=True, slots=True)
class Scope:
    """One counted party of a request, e.g. `dept:税務課` or `key:staff`, with its limits (NONE: no limit)."""

    name: str
    rpm: int = NONE
    tpm: int = NONE
    budget_micro: int = NONE
    soft_micro: int = NONE


@dataclass(frozen=True, slots=True)
class Verdict:
    refused: str | None  # "rpm" | "tpm" | "budget"
    scope: str | None
    retry_after_ms: int
    soft: tuple[str, ...]  # scopes past their budget's soft threshold


class Counters(Protocol):
    async def admit(self, request_id: str, scopes: list[Scope], window_ms: int, month: str) -> Verdict: ...

    async def charge(
        self, request_id: str, scopes: list[str], tokens: int, micro_yen: int, month: str, window_ms: int
    ) -> None: ...

    async def spend(self, month: str) -> dict[str, int]: ...

    async def ping(self) -> bool: ...

    async def aclose(self) -> None: ...


# KEYS: per scope rpm, tpm (2 each), then the month's spend hash. ARGV: window_ms, request id, then per
# scope: name, rpm, tpm, budget, soft. Returns {refused kind or "", scope or "", retry ms, soft scopes...}.
_ADMIT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local n = (#KEYS - 1) / 2
local spendkey = KEYS[#KEYS]
local soft = {}
for i = 1, n do
  local base = 2 + (i - 1) * 5
  local name, rpm, tpm = ARGV[base + 1], tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  local budget, softb = tonumber(ARGV[base + 4]), tonumber(ARGV[base + 5])
  local rkey, tkey = KEYS[(i - 1) * 2 + 1], KEYS[(i - 1) * 2 + 2]
  if budget >= 0 then
    local spent = tonumber(redis.call('HGET', spendkey, name) or '0')
    if spent >= budget then return {'budget', name, 0} end
    if softb >= 0 and spent >= softb then table.insert(soft, name) end
  end
  redis.call('ZREMRANGEBYSCORE', rkey, '-inf', now - window)
  if tpm >= 0 then
    local bms = math.max(math.floor(window / 60), 1)
    local expired = math.floor((now - window) / bms)
    local used, first = 0, nil
    local flat = redis.call('HGETALL', tkey)
    for j = 1, #flat, 2 do
      local b = tonumber(flat[j])
      if b <= expired then
        redis.call('HDEL', tkey, flat[j])
      else
        used = used + tonumber(flat[j + 1])
        if first == nil or b < first then first = b end
      end
    end
    if used >= tpm then return {'tpm', name, (first + 1) * bms + window - now} end
  end
  if rpm >= 0 and redis.call('ZCARD', rkey) >= rpm then
    local first = redis.call('ZRANGE', rkey, 0, 0, 'WITHSCORES')
    local wait = window
    if first[2] then wait = tonumber(first[2]) + window - now end
    return {'rpm', name, wait}
  end
end
for i = 1, n do
  local rkey = KEYS[(i - 1) * 2 + 1]
  redis.call('ZADD', rkey, now, ARGV[2])
  redis.call('PEXPIRE', rkey, window * 2)
end
local out = {'', '', 0}
for _, s in ipairs(soft) do table.insert(out, s) end
return out
"""

# KEYS: per scope tpm, then the spend hash. ARGV: window_ms, tokens, micro-yen, ttl_s, then scope names.
_CHARGE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local bucket = math.floor(now / math.max(math.floor(window / 60), 1))
local n = #KEYS - 1
for i = 1, n do
  if tonumber(ARGV[2]) > 0 then redis.call('HINCRBY', KEYS[i], bucket, ARGV[2]) end
  redis.call('PEXPIRE', KEYS[i], window * 2)
  if tonumber(ARGV[3]) > 0 then redis.call('HINCRBY', KEYS[#KEYS], ARGV[4 + i], ARGV[3]) end
end
redis.call('EXPIRE', KEYS[#KEYS], ARGV[4])
return 1
"""


class RedisCounters:
    def __init__(self, url: str, *, connect_timeout_s: float = 0.5, timeout_s: float = 1.0) -> None:
        import redis.asyncio as aioredis
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff

        self._redis: Any = aioredis.Redis.from_url(
            url, socket_connect_timeout=connect_timeout_s, socket_timeout=timeout_s, retry=Retry(NoBackoff(), 1)
        )
        self._admit = self._redis.register_script(_ADMIT)
        self._charge = self._redis.register_script(_CHARGE)

    async def admit(self, request_id: str, scopes: list[Scope], window_ms: int, month: str) -> Verdict:
        keys = [PREFIX + kind + ":" + s.name for s in scopes for kind in ("rpm", "tpm")] + [PREFIX + "spend:" + month]
        args: list[Any] = [window_ms, request_id]
        for s in scopes:
            args += [s.name, s.rpm, s.tpm, s.budget_micro, s.soft_micro]
        reply = await self._admit(keys=keys, args=args)
        text = [x.decode() if isinstance(x, bytes) else x for x in reply]
        return Verdict(text[0] or None, text[1] or None, int(text[2]), tuple(text[3:]))

    async def charge(
        self, request_id: str, scopes: list[str], tokens: int, micro_yen: int, month: str, window_ms: int
    ) -> None:
        keys = [PREFIX + "tpm:" + s for s in scopes] + [PREFIX + "spend:" + month]
        await self._charge(keys=keys, args=[window_ms, max(tokens, 0), micro_yen, SPEND_TTL_S, *scopes])

    async def spend(self, month: str) -> dict[str, int]:
        raw = await self._redis.hgetall(PREFIX + "spend:" + month)
        return {k.decode(): int(v) for k, v in raw.items()}

    async def ping(self) -> bool:
        return bool(await self._redis.ping())

    async def aclose(self) -> None:
        await self._redis.aclose()


class MemoryCounters:
    """The same counts in this process (one replica): each call runs without awaiting, so it is atomic."""

    def __init__(self) -> None:
        self._rpm: dict[str, deque[int]] = {}  # admission times (ms), oldest first
        self._tpm: dict[str, dict[int, int]] = {}  # bucket → tokens
        self._spend: dict[str, dict[str, int]] = {}

    async def admit(self, request_id: str, scopes: list[Scope], window_ms: int, month: str) -> Verdict:
        now = _now_ms()
        spent = self._spend.get(month, {})
        soft: list[str] = []
        for s in scopes:
            if s.budget_micro >= 0:
                if spent.get(s.name, 0) >= s.budget_micro:
                    return Verdict("budget", s.name, 0, ())
                if s.soft_micro >= 0 and spent.get(s.name, 0) >= s.soft_micro:
                    soft.append(s.name)
            reqs = self._rpm.setdefault(s.name, deque())
            while reqs and reqs[0] <= now - window_ms:
                reqs.popleft()
            if s.tpm >= 0:
                bms, toks = bucket_ms(window_ms), self._tpm.setdefault(s.name, {})
                for b in [b for b in toks if b <= (now - window_ms) // bms]:
                    del toks[b]
                if sum(toks.values()) >= s.tpm:
                    return Verdict("tpm", s.name, (min(toks) + 1) * bms + window_ms - now, ())
            if s.rpm >= 0 and len(reqs) >= s.rpm:
                return Verdict("rpm", s.name, (reqs[0] + window_ms - now) if reqs else window_ms, ())
        for s in scopes:
            self._rpm[s.name].append(now)
        return Verdict(None, None, 0, tuple(soft))

    async def charge(
        self, request_id: str, scopes: list[str], tokens: int, micro_yen: int, month: str, window_ms: int
    ) -> None:
        bucket = _now_ms() // bucket_ms(window_ms)
        spent = self._spend.setdefault(month, {})
        for s in scopes:
            toks = self._tpm.setdefault(s, {})
            toks[bucket] = toks.get(bucket, 0) + max(tokens, 0)
            spent[s] = spent.get(s, 0) + micro_yen

    async def spend(self, month: str) -> dict[str, int]:
        return dict(self._spend.get(month, {}))

    def seed(self, month: str, spend: dict[str, int]) -> None:
        """Start from spend counted before this process (the audit log's), so a restart resets no budget."""
        self._spend[month] = dict(spend)

    async def ping(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None


def _now_ms() -> int:
    return int(time.time() * 1000)
