"""The Lua script and the in-process store agree on every sequence of batches (differential test)."""

from __future__ import annotations

import asyncio
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.vault import MemoryStore, RedisStore, VaultKeys

from .conftest import RedisServer

KEYS = VaultKeys.from_secret("equivalence-test-secret-0123456789")
labels = st.sampled_from(["氏名", "住所", "電話番号"])
values = st.lists(st.tuples(labels, st.sampled_from(["佐藤", "鈴木", "高橋", "田中", "伊藤"])), max_size=6)
literals = st.lists(st.tuples(labels, st.integers(1, 6)), max_size=3)
batches = st.lists(st.tuples(values, literals), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(batches=batches)
def test_redis_and_memory_store_agree(redis_server: RedisServer, batches: list[tuple[list[tuple[str, str]], list[tuple[str, int]]]]) -> None:
    async def go() -> None:
        conversation = uuid.uuid4().hex
        memory = MemoryStore()
        shared = RedisStore(redis_server.url, KEYS, ttl_s=60)
        try:
            for vals, lits in batches:
                assert await shared.assign(conversation, vals, lits) == await memory.assign(conversation, vals, lits)
            assert await shared.lookup(conversation) == await memory.lookup(conversation)
        finally:
            await shared.aclose()

    asyncio.run(go())
