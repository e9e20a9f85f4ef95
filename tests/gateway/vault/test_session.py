"""Consistency across turns and isolation between conversations, on both stores, under concurrency."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Iterator

import pytest

from detectors.model import Finding
from gateway.config import VaultConfig
from gateway.vault import MemoryStore, Vault, VaultSession, apply, open_store, restore

from .conftest import RedisServer

KEY = "k" * 40


@pytest.fixture(params=["memory", "redis"])
def make_vault(request: pytest.FixtureRequest) -> Iterator[Callable[[], Vault]]:
    """A factory: every call is a new vault over the same backing store (a new replica, for Redis)."""
    if request.param == "memory":
        shared = open_store(VaultConfig(), {})
        yield lambda: shared
    else:
        server: RedisServer = request.getfixturevalue("redis_server")
        cfg = VaultConfig(redis_url=server.url)
        yield lambda: open_store(cfg, {"SEKISHO_VAULT_KEY": KEY})


def run(fn: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(fn())


async def close_all(*vaults: Vault) -> None:
    for v in {id(x): x for x in vaults}.values():
        await v.aclose()


def names(text: str, *values: str) -> list[Finding]:
    out = []
    for v in values:
        i = text.index(v)
        out.append(Finding("PERSON", i, i + len(v), v, 0.9, "t"))
    return out


def test_same_value_same_placeholder_on_every_turn(make_vault: Callable[[], Vault]) -> None:
    async def go() -> None:
        a, b = make_vault(), make_vault()
        cid = f"turns-{random.random()}"
        t1 = "佐藤花子さんと鈴木一郎さんの件"
        s1 = a.session(cid)
        r1 = await apply(t1, names(t1, "佐藤花子", "鈴木一郎"), {"PERSON": "pseudonymize"}, s1)
        # Turn 2 on another replica: the client resends turn 1 and adds a new name.
        t2 = "高橋健さんも同席します"
        s2 = b.session(cid)
        r1b = await apply(t1, names(t1, "佐藤花子", "鈴木一郎"), {"PERSON": "pseudonymize"}, s2)
        r2 = await apply(t2, names(t2, "高橋健"), {"PERSON": "pseudonymize"}, s2)
        assert r1.text == r1b.text == "〔氏名1〕さんと〔氏名2〕さんの件"
        assert r2.text == "〔氏名3〕さんも同席します"
        assert restore(r1b.text + r2.text, s2.mapping()) == t1 + t2
        await close_all(a, b)

    run(go)


def test_conversations_are_isolated_under_concurrency(make_vault: Callable[[], Vault]) -> None:
    pool = ["佐藤花子", "鈴木一郎", "高橋健", "田中美咲", "伊藤翔", "渡辺直美", "山本大輔", "中村優子"]
    tag = random.random()

    async def one(vault: Vault, k: int) -> tuple[int, list[str], dict[str, str]]:
        rng = random.Random(k)
        mine = rng.sample(pool, 4)
        text = "、".join(mine) + f"（相談{k}）"
        s = vault.session(f"iso-{tag}-{k}")
        await asyncio.sleep(rng.random() / 100)
        r = await apply(text, names(text, *mine), {"PERSON": "pseudonymize"}, s)
        assert restore(r.text, s.mapping()) == text
        return k, mine, s.mapping()

    async def go() -> None:
        vaults = [make_vault() for _ in range(3)]
        results = await asyncio.gather(*(one(vaults[k % 3], k) for k in range(60)))
        for _, mine, mapping in results:
            # Each conversation numbers its own values from 1, in its own order, and sees nothing else.
            assert mapping == {f"〔氏名{i + 1}〕": v for i, v in enumerate(mine)}
        await close_all(*vaults)

    run(go)


def test_racing_requests_of_one_conversation_agree(make_vault: Callable[[], Vault]) -> None:
    values = [f"利用者{i:03d}" for i in range(40)]
    cid = f"race-{random.random()}"

    async def one(vault: Vault, seed: int) -> dict[str, str]:
        order = values[:]
        random.Random(seed).shuffle(order)
        s = vault.session(cid)
        for chunk in (order[:13], order[13:27], order[27:]):
            await s.pseudonyms([("PERSON", v) for v in chunk])
        return {v: k for k, v in s.mapping().items()}

    async def go() -> None:
        vaults = [make_vault() for _ in range(4)]
        seen = await asyncio.gather(*(one(vaults[i % 4], i) for i in range(24)))
        first = seen[0]
        assert all(s == first for s in seen)
        assert sorted(first.values(), key=lambda p: int(p[3:-1])) == [f"〔氏名{i}〕" for i in range(1, 41)]
        await close_all(*vaults)

    run(go)


def test_pseudonym_labels_follow_the_entity_type() -> None:
    async def go() -> None:
        s = VaultSession(MemoryStore(), "labels")
        got = [await s.pseudonym(e, v) for e, v in [("PERSON", "佐藤"), ("PHONE_NUMBER", "03-1234-5678"), ("PERSON", "鈴木"), ("PERSON", "佐藤"), ("MY_NUMBER", "123456789018")]]
        assert got == ["〔氏名1〕", "〔電話番号1〕", "〔氏名2〕", "〔氏名1〕", "〔個人番号1〕"]

    run(go)


def test_memory_store_ttl_is_refreshed_on_use_and_expires_after() -> None:
    now = [0.0]
    store = MemoryStore(ttl_s=100, clock=lambda: now[0])

    async def go() -> None:
        a = (await store.assign("a", [("氏名", "佐藤")])).numbers
        now[0] = 90
        assert (await store.assign("a", [("氏名", "鈴木")])).numbers == (2,)
        now[0] = 180  # 90 s after the last use: still alive
        assert (await store.assign("a", [("氏名", "佐藤")])).numbers == a == (1,)
        now[0] = 281  # more than 100 s after the last use: gone, numbering starts again
        await store.assign("b", [("氏名", "x")])
        assert await store.lookup("a") == {}

    run(go)


def test_memory_store_evicts_least_recently_used() -> None:
    store = MemoryStore(max_conversations=3)

    async def go() -> None:
        for c in "abcd":
            await store.assign(c, [("氏名", c)])
        assert store.conversations <= 4
        await store.assign("e", [])
        assert store.conversations <= 4
        assert await store.lookup("a") == {}
        assert store.conversations <= 4
        assert await store.lookup("d") == {"〔氏名1〕": "d"}

    run(go)
