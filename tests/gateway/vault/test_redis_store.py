"""RedisStore against a real redis-server: encryption at rest, TTL, replicas agreeing, failing closed."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import redis

from gateway.config import VaultConfig
from gateway.vault import (
    RedisStore,
    VaultConfigError,
    VaultIntegrityError,
    VaultKeys,
    VaultSession,
    VaultUnavailable,
    open_store,
)
from gateway.vault.redis_store import PREFIX

from tests.support.servers import free_port

from .conftest import RedisServer

SECRET = "correct-horse-battery-staple-0123456789"
KEYS = VaultKeys.from_secret(SECRET)
VALUES = [("氏名", "佐藤花子"), ("電話番号", "090-1234-5678"), ("住所", "東京都千代田区霞が関1-2-3")]
ROOT = Path(__file__).resolve().parents[3]


def test_values_are_encrypted_at_rest_and_ttl_is_set(redis_server: RedisServer) -> None:
    raw = redis.Redis(port=redis_server.port)

    async def go() -> None:
        store = RedisStore(redis_server.url, KEYS, ttl_s=300)
        got = await store.assign("enc", VALUES)
        assert got.numbers == (1, 1, 1)
        stored = raw.hgetall(PREFIX + "enc")
        blob = b"".join(k + v for k, v in stored.items())
        for _, value in VALUES:
            assert value.encode() not in blob
        assert 0 < raw.ttl(PREFIX + "enc") <= 300
        raw.expire(PREFIX + "enc", 5)
        await store.assign("enc", VALUES[:1])  # use refreshes the TTL
        assert raw.ttl(PREFIX + "enc") > 5
        assert await store.lookup("enc") == {"〔氏名1〕": "佐藤花子", "〔電話番号1〕": "090-1234-5678", "〔住所1〕": "東京都千代田区霞が関1-2-3"}
        await store.aclose()

    asyncio.run(go())
    raw.close()


def test_wrong_key_or_altered_value_is_refused(redis_server: RedisServer) -> None:
    raw = redis.Redis(port=redis_server.port)

    async def go() -> None:
        store = RedisStore(redis_server.url, KEYS, ttl_s=300)
        await store.assign("tamper", VALUES[:1])
        other = RedisStore(redis_server.url, VaultKeys.from_secret("another-secret-of-enough-length-000"), ttl_s=300)
        with pytest.raises(VaultUnavailable, match="key differs"):
            await other.assign("tamper", VALUES[:1])  # a replica started with another key must not serve
        field = next(k for k in raw.hkeys(PREFIX + "tamper") if k.startswith(b"p:"))
        blob = bytearray(raw.hget(PREFIX + "tamper", field) or b"")
        blob[-1] ^= 1
        raw.hset(PREFIX + "tamper", field, bytes(blob))
        with pytest.raises(VaultIntegrityError):
            await store.lookup("tamper")
        # Moving a ciphertext to another conversation does not decrypt either (bound by AAD).
        raw.delete(PREFIX + "moved")
        await store.assign("src", VALUES[:1])
        for k, v in raw.hgetall(PREFIX + "src").items():
            raw.hset(PREFIX + "moved", k, v)
        with pytest.raises(VaultIntegrityError):
            await store.lookup("moved")
        await store.aclose()
        await other.aclose()

    asyncio.run(go())
    raw.close()


def test_two_replicas_agree_and_respect_reserved_numbers(redis_server: RedisServer) -> None:
    async def go() -> None:
        a = RedisStore(redis_server.url, KEYS, ttl_s=300)
        b = RedisStore(redis_server.url, KEYS, ttl_s=300)
        got = await a.assign("rep", [("氏名", "佐藤花子")], [("氏名", 2)])
        assert got.numbers == (3,) and got.reserved == (True,)
        got = await b.assign("rep", [("氏名", "鈴木一郎"), ("氏名", "佐藤花子")], [("氏名", 3), ("氏名", 1)])
        assert got.numbers == (4, 3)
        assert got.reserved == (False, True)  # 3 is taken; 1 was skipped and can be reserved
        sa, sb = VaultSession(a, "rep2"), VaultSession(b, "rep2")
        pa, pb = await asyncio.gather(sa.pseudonyms([("PERSON", "x"), ("PERSON", "y")]), sb.pseudonyms([("PERSON", "y"), ("PERSON", "x")]))
        assert dict(zip("xy", pa, strict=True)) == dict(zip("yx", pb, strict=True))
        await a.aclose()
        await b.aclose()

    asyncio.run(go())


RACER = textwrap.dedent(
    """
    import asyncio, json, random, sys
    from gateway.vault import RedisStore, VaultKeys

    async def main(url, seed):
        store = RedisStore(url, VaultKeys.from_secret(sys.argv[3]), ttl_s=300)
        values = [f"住民{i:03d}" for i in range(60)]
        random.Random(seed).shuffle(values)
        out = {}
        for i in range(0, 60, 3):
            got = await store.assign("proc-race", [("氏名", v) for v in values[i:i + 3]])
            out.update(zip(values[i:i + 3], got.numbers))
        await store.aclose()
        print(json.dumps(out))

    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
    """
)


def test_separate_processes_racing_on_one_conversation_agree(redis_server: RedisServer) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", RACER, redis_server.url, str(seed), SECRET], stdout=subprocess.PIPE, env=env, cwd=ROOT)
        for seed in range(3)
    ]
    results = []
    for p in procs:
        out, _ = p.communicate(timeout=60)
        assert p.returncode == 0
        results.append(json.loads(out))
    assert results[0] == results[1] == results[2]
    assert sorted(results[0].values()) == list(range(1, 61))


def test_unreachable_redis_fails_closed_promptly() -> None:
    port = free_port()  # nothing listens here

    async def go() -> None:
        store = RedisStore(f"redis://127.0.0.1:{port}/0", KEYS, ttl_s=300)
        t0 = time.monotonic()
        with pytest.raises(VaultUnavailable) as info:
            await VaultSession(store, "down").pseudonym("PERSON", "佐藤花子")
        assert time.monotonic() - t0 < 1.5
        assert info.value.status == 503 and "佐藤花子" not in info.value.message
        with pytest.raises(VaultUnavailable):
            await store.ping()
        await store.aclose()

    asyncio.run(go())


def test_redis_that_never_answers_times_out_as_unavailable() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # accepts connections and never says a word

        async def go() -> None:
            store = RedisStore(f"redis://127.0.0.1:{silent.getsockname()[1]}/0", KEYS, ttl_s=300)
            t0 = time.monotonic()
            with pytest.raises(VaultUnavailable):
                await store.assign("silent", VALUES[:1])
            assert time.monotonic() - t0 < 3.5
            await store.aclose()

        asyncio.run(go())


def test_redis_dying_mid_conversation_fails_closed(private_redis: RedisServer) -> None:
    async def go() -> None:
        store = RedisStore(private_redis.url, KEYS, ttl_s=300)
        assert (await store.assign("dies", VALUES[:1])).numbers == (1,)
        private_redis.stop()
        with pytest.raises(VaultUnavailable):
            await store.assign("dies", VALUES[1:])
        await store.aclose()

    asyncio.run(go())


def test_open_store_refuses_redis_without_a_key() -> None:
    cfg = VaultConfig(redis_url="redis://127.0.0.1:1/0")
    with pytest.raises(VaultConfigError, match="SEKISHO_VAULT_KEY"):
        open_store(cfg, {})
    with pytest.raises(VaultConfigError, match="at least 24"):
        open_store(cfg, {"SEKISHO_VAULT_KEY": "short"})
    with pytest.raises(VaultConfigError, match="env:"):
        open_store(VaultConfig(redis_url="redis://127.0.0.1:1/0", key="inline-secret"), {})
    assert open_store(cfg, {"SEKISHO_VAULT_KEY": SECRET}).shared
    assert not open_store(VaultConfig(), {}).shared


def test_vault_ping_against_a_live_server(redis_server: RedisServer) -> None:
    vault = open_store(VaultConfig(redis_url=redis_server.url), {"SEKISHO_VAULT_KEY": SECRET})

    async def go() -> bool:
        ok = await vault.ping()
        await vault.aclose()
        return ok

    assert asyncio.run(go()) is True
