"""Many requests at once: each gets its own names back, placeholders never collide, the event loop stays free."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

import httpx
import openai

from tests.gateway._edge_support import AUTH, NAME, PLACEHOLDER, post_chat, sent_text
from tests.gateway.conftest import STAFF_KEY, Gateway
from tests.support.upstream import UpstreamServer

FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN = ["花子", "一郎"]


def test_concurrent_requests_in_one_conversation_get_distinct_placeholders(gw: Gateway, upstream: UpstreamServer) -> None:
    names = [f + "一郎" for f in FAMILY]
    prompts = [f"氏名: {n}\n{n}さんの件です。" for n in names]

    async def one(client: httpx.AsyncClient, prompt: str) -> str:
        body = {"model": "gpt-overseas", "messages": [{"role": "user", "content": prompt}]}
        r = await client.post(gw.base_url + "/chat/completions", json=body)
        return str(r.json()["choices"][0]["message"]["content"])

    async def run() -> list[str]:
        headers = {**AUTH, "x-sekisho-conversation-id": "case-2026-001"}
        async with httpx.AsyncClient(headers=headers, timeout=60) as client:
            return list(await asyncio.gather(*(one(client, p) for p in prompts)))

    assert asyncio.run(run()) == prompts
    seen: dict[str, str] = {}
    for body in upstream.bodies():
        text = body["messages"][0]["content"]
        ph = PLACEHOLDER.findall(text)[0]
        assert seen.setdefault(ph, text) == text, f"{ph} was given to two different names"
    assert len(seen) == len(names)


def test_twenty_concurrent_streams_each_get_their_own_names_back(gw: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(chunk=2, gap=0.002)
    names = [f + g for f in FAMILY for g in GIVEN]
    prompts = [f"氏名: {n}\n{n}さんへの案内文を作ってください。" for n in names]

    async def one(client: openai.AsyncOpenAI, prompt: str) -> str:
        stream = await client.chat.completions.create(model="gpt-overseas", stream=True, messages=[{"role": "user", "content": prompt}])
        return "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])

    async def run() -> list[str]:
        async with openai.AsyncOpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=60) as client:
            return list(await asyncio.gather(*(one(client, p) for p in prompts)))

    assert asyncio.run(run()) == prompts
    sent = sent_text(upstream.bodies())
    assert len(upstream.bodies()) == 20
    leaked = [n for n in names if n in sent]
    assert not leaked


def test_a_request_with_thousands_of_messages_does_not_stall_the_event_loop(gw: Gateway, upstream: UpstreamServer) -> None:
    # A long tool-using session resent every turn: many small messages, each with a name and a number.
    messages = [{"role": "user", "content": f"氏名: {NAME} 電話: 090-1234-{i % 10000:04d}"} for i in range(2200)]
    body = {"model": "gpt-overseas", "messages": messages}
    assert len(json.dumps(body, ensure_ascii=False).encode()) < 250 * 1024
    result: dict[str, Any] = {}

    def big() -> None:
        result["response"] = post_chat(gw, body)

    worker = threading.Thread(target=big)
    worker.start()
    worst = 0.0
    with httpx.Client(timeout=60) as client:
        while worker.is_alive():
            t0 = time.perf_counter()
            client.get(gw.root + "/healthz")
            worst = max(worst, time.perf_counter() - t0)
            time.sleep(0.05)
    worker.join()
    assert result["response"].status_code == 200
    assert NAME not in sent_text(upstream.bodies())
    assert worst < 1.0, f"/healthz waited {worst:.1f} s behind one large request"
