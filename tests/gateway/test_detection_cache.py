"""The per-message detection cache: hits for text seen before, misses for anything changed, shared
through Redis, ignored when tampered with or away; and through the gateway, a long conversation keeps
its cross-turn behaviour (one placeholder per person, tags decided over every message)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import httpx
import pytest

from detectors import default_scanner
from detectors.model import Detection
from gateway.detection_cache import DetectionCache
from tests.gateway.conftest import STAFF_KEY, Gateway
from tests.support.upstream import UpstreamServer

KEY = b"k" * 32
TEXTS = ["相談者の佐藤花子さん（090-1234-5678）から電話", "【機密性３】人事異動案", "窓口案内を作って"]


class Counting:
    def __init__(self) -> None:
        self.scanned: list[str] = []

    async def __call__(self, texts: Sequence[str]) -> list[Detection]:
        self.scanned.extend(texts)
        return [default_scanner().detect(t) for t in texts]


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_seen_text_is_not_scanned_again_and_results_are_identical() -> None:
    cache, scan = DetectionCache(KEY), Counting()
    first = run(cache.detect("p1", TEXTS, scan))
    again = run(cache.detect("p1", TEXTS, scan))
    assert scan.scanned == TEXTS and again == first == [default_scanner().detect(t) for t in TEXTS]
    assert cache.stats()["hits"] == 3


@pytest.mark.parametrize(
    ("scope", "texts"),
    [("p1", [TEXTS[0] + "。", TEXTS[1], TEXTS[2]]), ("p2", TEXTS)],
    ids=["edited-message", "reloaded-policy"],
)
def test_a_changed_message_or_policy_is_scanned_again(scope: str, texts: list[str]) -> None:
    cache, scan = DetectionCache(KEY), Counting()
    run(cache.detect("p1", TEXTS, scan))
    scan.scanned.clear()
    run(cache.detect(scope, texts, scan))
    assert scan.scanned == ([texts[0]] if scope == "p1" else texts)


def test_shared_through_redis_without_any_text_and_tamper_proof(fresh_redis_url: str) -> None:
    from redis import Redis
    from redis.asyncio import Redis as AsyncRedis

    async def go() -> tuple[list[str], list[Detection], list[Detection]]:
        a = DetectionCache(KEY, redis=AsyncRedis.from_url(fresh_redis_url))
        b = DetectionCache(KEY, redis=AsyncRedis.from_url(fresh_redis_url))
        scan_a, scan_b = Counting(), Counting()
        got_a = await a.detect("p1", TEXTS, scan_a)
        got_b = await b.detect("p1", TEXTS, scan_b)
        await a.aclose()
        await b.aclose()
        return scan_b.scanned, got_a, got_b

    scanned_b, got_a, got_b = run(go())
    assert scanned_b == [] and got_b == got_a
    sync = Redis.from_url(fresh_redis_url)
    keys = sync.keys("sekisho:det:*")
    # Each entry is a hex tag, a colon and the payload: no text of the messages in either.
    payloads = [(sync.get(k) or b"").partition(b":")[2] for k in keys]
    assert len(keys) == 3 and all(b'"f"' in p for p in payloads)
    assert not any("佐藤".encode() in p or b"090-1234" in p for p in payloads)
    for k in keys:  # an entry rewritten to say "nothing found" is not believed
        sync.set(k, b"0" * 64 + b':{"f":[],"m":[],"t":[],"k":[]}')

    async def tampered() -> list[str]:
        c = DetectionCache(KEY, redis=AsyncRedis.from_url(fresh_redis_url))
        scan = Counting()
        await c.detect("p1", TEXTS, scan)
        await c.aclose()
        return scan.scanned

    assert run(tampered()) == TEXTS


def test_redis_away_only_costs_a_scan() -> None:
    from redis.asyncio import Redis as AsyncRedis

    from tests.support.servers import free_port

    async def go() -> tuple[list[str], list[Detection]]:
        cache = DetectionCache(KEY, redis=AsyncRedis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=0.5))
        scan = Counting()
        got = await cache.detect("p1", TEXTS, scan)
        await cache.aclose()
        return scan.scanned, got

    scanned, got = run(go())
    assert scanned == TEXTS and got == [default_scanner().detect(t) for t in TEXTS]


def _chat(gw: Gateway, messages: list[dict[str, str]]) -> httpx.Response:
    return httpx.post(gw.base_url + "/chat/completions", json={"model": "gpt-overseas", "messages": messages},
                      headers={"authorization": f"Bearer {STAFF_KEY}"}, timeout=60)


def _conversation(turns: int) -> list[dict[str, str]]:
    msgs = [{"role": "user", "content": "相談者の佐藤花子さん（090-1234-5678）からの相談です。"}]
    for i in range(1, turns):
        msgs += [{"role": "assistant", "content": f"承知しました（{i}）。"}, {"role": "user", "content": f"論点{i}を整理して。"}]
    return msgs


def test_twenty_turns_keep_one_placeholder_per_person_across_turns(gateway: Gateway, upstream: UpstreamServer) -> None:
    seen = []
    for turns in (1, 10, 20):
        msgs = _conversation(turns)
        msgs[-1] = {"role": "user", "content": msgs[-1]["content"] + " 佐藤花子さんへの返信も。"}
        assert _chat(gateway, msgs).status_code == 200
        sent = upstream.last_body["messages"]
        assert "佐藤" not in str(sent) and "090-1234" not in str(sent)
        first, last = sent[0]["content"], sent[-1]["content"]
        name = first[first.index("〔") : first.index("〕") + 1]
        assert name in last
        seen.append(name)
    assert len(set(seen)) == 1


def test_an_edited_earlier_message_is_scanned_again(gateway: Gateway, upstream: UpstreamServer) -> None:
    msgs = _conversation(5)
    assert _chat(gateway, msgs).status_code == 200
    msgs[2] = {"role": "user", "content": "追加：高橋健一さん（03-5555-1234）にも連絡。"}
    assert _chat(gateway, msgs).status_code == 200
    assert "高橋" not in str(upstream.last_body) and "5555-1234" not in str(upstream.last_body)


def test_tags_are_decided_over_every_message(gateway: Gateway, upstream: UpstreamServer) -> None:
    # The person in one message, the 病歴 in another: 要配慮個人情報 as a whole, so not overseas.
    msgs = [{"role": "user", "content": "相談者は佐藤花子さんです。"}, {"role": "assistant", "content": "はい。"},
            {"role": "user", "content": "本人は糖尿病で通院中とのこと。対応を考えて。"}]
    upstream.clear()
    r = _chat(gateway, msgs)
    assert r.status_code == 403 and r.headers["x-sekisho-level"] == "3"
    assert upstream.requests == []
