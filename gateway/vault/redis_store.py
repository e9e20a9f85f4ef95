"""The shared vault: one Redis hash per conversation, values AES-GCM encrypted, numbering in Lua.

Layout of `sekisho:vault:<conversation id>` (one key, so one EXPIRE and one cluster slot):
    v:<label>:<keyed hash of value>  → number
    p:<label>:<number>               → nonce ‖ AES-GCM(value), bound to (conversation, label, hash)
    n:<label>                        → highest number handed out or reserved
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from gateway.vault.errors import VaultUnavailable
from gateway.vault.keys import VaultKeys
from gateway.vault.placeholders import placeholder
from gateway.vault.store import Assignment

PREFIX: Final = "sekisho:vault:"
# Written by the first replica; one started with another key would number values differently.
KEYCHECK: Final = "sekisho:vault-keycheck"

# Atomic across replicas: two gateways racing on the same value both get the first one's number.
_ASSIGN: Final = """
local key = KEYS[1]
local nv = tonumber(ARGV[2])
local nl = tonumber(ARGV[3])
local out = {}
local base = 3 + nv * 3
for j = 1, nl do
  local label = ARGV[base + j * 2 - 1]
  local n = tonumber(ARGV[base + j * 2])
  if redis.call('HEXISTS', key, 'p:' .. label .. ':' .. n) == 1 then
    out[nv + j] = 0
  else
    local cur = tonumber(redis.call('HGET', key, 'n:' .. label) or '0')
    if cur < n then redis.call('HSET', key, 'n:' .. label, n) end
    out[nv + j] = 1
  end
end
for i = 1, nv do
  local label = ARGV[1 + i * 3]
  local field = 'v:' .. label .. ':' .. ARGV[2 + i * 3]
  local n = redis.call('HGET', key, field)
  if not n then
    n = redis.call('HINCRBY', key, 'n:' .. label, 1)
    redis.call('HSET', key, field, n, 'p:' .. label .. ':' .. n, ARGV[3 + i * 3])
  end
  out[i] = tonumber(n)
end
redis.call('EXPIRE', key, ARGV[1])
return out
"""


def _aad(conversation: str, label: str, idx: str) -> bytes:
    # Bound to the slot's index, not its number: the number is only known inside the script.
    return f"{conversation}\x00{label}\x00{idx}".encode()


class RedisStore:
    """Vault store shared by every replica; any Redis failure is `VaultUnavailable`."""

    def __init__(
        self,
        url: str,
        keys: VaultKeys,
        ttl_s: int,
        *,
        connect_timeout_s: float = 0.5,
        timeout_s: float = 1.0,
    ) -> None:
        self._keys = keys
        self._ttl = ttl_s
        # One quick retry covers a connection the server closed; more would only delay the 503.
        self._redis: Any = aioredis.Redis.from_url(
            url,
            socket_connect_timeout=connect_timeout_s,
            socket_timeout=timeout_s,
            retry=Retry(NoBackoff(), 1),
            decode_responses=False,
        )
        self._script = self._redis.register_script(_ASSIGN)
        self._key_ok = False

    async def _check_key(self) -> None:
        if self._key_ok:
            return
        mine = self._keys.index_of("keycheck", "sekisho").encode()
        await self._redis.set(KEYCHECK, mine, nx=True)
        if await self._redis.get(KEYCHECK) != mine:
            raise VaultUnavailable("this replica's vault key differs from the one already used in Redis")
        self._key_ok = True

    async def assign(
        self, conversation: str, values: Sequence[tuple[str, str]], literals: Sequence[tuple[str, int]] = ()
    ) -> Assignment:
        if not values and not literals:
            return Assignment((), ())
        args: list[Any] = [self._ttl, len(values), len(literals)]
        for label, value in values:
            idx = self._keys.index_of(label, value)
            args += [label, idx, self._keys.seal(value, _aad(conversation, label, idx))]
        for label, n in literals:
            args += [label, n]
        try:
            await self._check_key()
            out = await self._script(keys=[PREFIX + conversation], args=args)
        except (RedisError, OSError) as exc:
            raise VaultUnavailable(type(exc).__name__) from exc
        nums = [int(x) for x in out]
        return Assignment(tuple(nums[: len(values)]), tuple(x == 1 for x in nums[len(values) :]))

    async def lookup(self, conversation: str) -> dict[str, str]:
        try:
            await self._check_key()
            raw = await self._redis.hgetall(PREFIX + conversation)
            if raw:
                await self._redis.expire(PREFIX + conversation, self._ttl)
        except (RedisError, OSError) as exc:
            raise VaultUnavailable(type(exc).__name__) from exc
        fields = {k.decode(): v for k, v in raw.items()}
        out = {}
        for name, n in fields.items():
            if not name.startswith("v:"):
                continue
            _, label, idx = name.split(":", 2)
            blob = fields.get(f"p:{label}:{int(n)}")
            if blob is None:
                continue
            value = self._keys.open(blob, _aad(conversation, label, idx))
            out[placeholder(label, int(n))] = value
        return out

    async def mark(self, conversation: str, digest: str) -> None:
        key = PREFIX + conversation + ":marks"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.sadd(key, digest)
                pipe.expire(key, self._ttl)
                await pipe.execute()
        except (RedisError, OSError) as exc:
            raise VaultUnavailable(type(exc).__name__) from exc

    async def marked(self, conversation: str, digests: Sequence[str]) -> set[str]:
        if not digests:
            return set()
        try:
            found = await self._redis.smismember(PREFIX + conversation + ":marks", list(digests))
        except (RedisError, OSError) as exc:
            raise VaultUnavailable(type(exc).__name__) from exc
        return {d for d, hit in zip(digests, found, strict=True) if hit}

    async def has_marks(self, conversation: str) -> bool:
        try:
            return bool(await self._redis.exists(PREFIX + conversation + ":marks"))
        except (RedisError, OSError) as exc:
            raise VaultUnavailable(type(exc).__name__) from exc

    async def ping(self) -> bool:
        try:
            ok = bool(await self._redis.ping())
            await self._check_key()
            return ok
        except (RedisError, OSError) as exc:
            raise VaultUnavailable(type(exc).__name__) from exc

    async def aclose(self) -> None:
        await self._redis.aclose()
