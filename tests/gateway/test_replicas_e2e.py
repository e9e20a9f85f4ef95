"""Two gateway processes behind nginx, sharing one Redis, act as one gateway.

Real pieces only: redis-server, `sekisho serve` twice, nginx round-robin in front, the recording
upstream, the official `openai` client, and `sekisho audit collect` reading the audit stream.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from gateway.auth import hash_key
from tests.gateway.audit.cli import sekisho
from tests.gateway.conftest import base_config
from tests.gateway.test_pseudonymisation_e2e import PROMPT, VALUES
from tests.support.nginx import find_nginx, run_nginx
from tests.support.servers import GatewayProcess, free_port, run_gateway_process
from tests.support.upstream import UpstreamServer

PUBLIC = "市の広報誌に載せる、秋の防災訓練のお知らせ文を三行で作ってください。"
N = len(PUBLIC)
RATE, BUDGET, RETRY, FREE = "sk-sekisho-e2e-rate", "sk-sekisho-e2e-budget", "sk-sekisho-e2e-retry", "sk-sekisho-e2e-free"
KEYS = [
    {"id": "rate", "hash": hash_key(RATE), "user": "u1", "department": "企画課"},
    {"id": "budget", "hash": hash_key(BUDGET), "user": "u2", "department": "税務課"},
    {"id": "retry", "hash": hash_key(RETRY), "user": "u3", "department": "市民課"},
    {"id": "free", "hash": hash_key(FREE), "user": "u4", "department": "福祉課"},
]
ENV = {"SEKISHO_VAULT_KEY": "shared-vault-key-for-both-replicas", "TEST_UPSTREAM_KEY": "k",
       "SEKISHO_AUDIT_HMAC_KEY": "shared-audit-hmac-key-0123456789"}  # fmt: skip


@pytest.fixture
def replicas(
    upstream: UpstreamServer, fresh_redis_url: str, tmp_config: Callable[..., Path]
) -> Iterator[tuple[str, GatewayProcess, GatewayProcess, Path]]:
    if find_nginx() is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    limits = {
        "redis_url": fresh_redis_url,
        "window_s": 12,  # wide enough that a loaded host admits the whole burst inside one window
        "departments": {"企画課": {"rpm": 4}, "税務課": {"budget_yen": 5 * N}},
        "keys": {"retry": {"rpm": 1}},
    }
    cfg = base_config(upstream, keys=KEYS, limits=limits, vault={"redis_url": fresh_redis_url},
                      audit={"dir": "audit", "redis_url": fresh_redis_url})  # fmt: skip
    for m in cfg["models"]:
        m["prices"] = {"input_per_mtok": 1e6, "output_per_mtok": 1e6}  # 1 円 per token
    config = tmp_config(cfg)
    # One worker each: two processes, two audit chains.
    one_worker = ("--workers", "1")
    with run_gateway_process(config, ENV, port=free_port(), args=one_worker) as one, \
            run_gateway_process(config, ENV, port=free_port(), args=one_worker) as two:
        with run_nginx([one.base_url, two.base_url]) as front:
            yield front, one, two, config


def post(url: str, key: str, content: str = PUBLIC, model: str = "domestic-llm") -> httpx.Response:
    body = {"model": model, "messages": [{"role": "user", "content": content}]}
    return httpx.post(f"{url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {key}"}, timeout=60, trust_env=False)


def test_two_replicas_behind_nginx_act_as_one(replicas: tuple[str, GatewayProcess, GatewayProcess, Path], upstream: UpstreamServer, fresh_redis_url: str) -> None:
    front, one, two, config = replicas
    ids: list[str] = []

    # A department's rate: 12 requests at once through nginx to both replicas, 4 get through.
    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(timeout=60, trust_env=False) as client:
            body = {"model": "domestic-llm", "messages": [{"role": "user", "content": PUBLIC}]}
            return list(await asyncio.gather(*(client.post(f"{front}/v1/chat/completions", json=body,
                                                           headers={"authorization": f"Bearer {RATE}"}) for _ in range(12))))  # fmt: skip

    rated = asyncio.run(burst())
    ids += [r.headers["x-sekisho-request-id"] for r in rated]
    assert sorted(r.status_code for r in rated) == [200] * 4 + [429] * 8
    assert len(upstream.bodies("/v1/chat/completions")) == 4
    upstream.clear()

    # A department's monthly budget: each request costs 2N 円 of 5N, alternating replicas; 3 get through.
    budget = [post(front, BUDGET) for _ in range(5)]
    ids += [r.headers["x-sekisho-request-id"] for r in budget]
    assert [r.status_code for r in budget] == [200, 200, 200, 429, 429]
    assert budget[3].json()["error"]["code"] == "budget_exceeded"
    assert len(upstream.bodies("/v1/chat/completions")) == 3

    # A conversation pseudonymised by one replica is restored by the other.
    c1 = openai.OpenAI(base_url=one.base_url + "/v1", api_key=FREE, max_retries=0, timeout=60)
    c2 = openai.OpenAI(base_url=two.base_url + "/v1", api_key=FREE, max_retries=0, timeout=60)
    history: list[Any] = [{"role": "user", "content": PROMPT}]
    first = c1.chat.completions.with_raw_response.create(model="gpt-overseas", messages=history)
    ids.append(first.headers["x-sekisho-request-id"])
    turn1 = upstream.last_body["messages"][0]["content"]
    assert all(v not in turn1 for v in VALUES)
    answer = first.parse().choices[0].message.content
    assert answer == PROMPT
    history += [{"role": "assistant", "content": answer}, {"role": "user", "content": "佐藤花子さんへの連絡文を作ってください。"}]
    second = c2.chat.completions.with_raw_response.create(model="gpt-overseas", messages=history, stream=True)
    ids.append(second.headers["x-sekisho-request-id"])
    text = "".join(c.choices[0].delta.content or "" for c in second.parse() if c.choices)
    assert upstream.last_body["messages"][0]["content"] == turn1  # the same placeholders, from the shared vault
    assert text == "佐藤花子さんへの連絡文を作ってください。"

    # The official client through nginx: the model that answered, the headers, and a 429 it retries after Retry-After.
    client = openai.OpenAI(base_url=front + "/v1", api_key=RETRY, max_retries=0, timeout=60)
    raw = client.chat.completions.with_raw_response.create(model="domestic-llm", messages=[{"role": "user", "content": PUBLIC}])
    ids.append(raw.headers["x-sekisho-request-id"])
    assert raw.parse().model == "domestic-llm"
    assert (raw.headers["x-sekisho-model"], raw.headers["x-sekisho-zone"], raw.headers["x-sekisho-rerouted"]) == ("domestic-llm", "domestic", "false")
    with pytest.raises(openai.RateLimitError) as refused:
        client.chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": PUBLIC}])
    ids.append(refused.value.response.headers["x-sekisho-request-id"])
    assert 1 <= int(refused.value.response.headers["retry-after"]) <= 12
    t0 = time.monotonic()
    retried = client.with_options(max_retries=3).chat.completions.with_raw_response.create(
        model="domestic-llm", messages=[{"role": "user", "content": PUBLIC}]
    )
    assert retried.parse().model == "domestic-llm" and time.monotonic() - t0 > 1
    ids.append(retried.headers["x-sekisho-request-id"])

    # Every request has exactly one (final) audit record, collected from the Redis stream; both replicas wrote.
    archive = config.parent / "archive"
    deadline = time.monotonic() + 20
    while True:
        out = sekisho("audit", "collect", "--redis-url", fresh_redis_url, "--archive", str(archive), env=ENV)
        assert out.returncode == 0, out.stderr
        records = [json.loads(line) for f in sorted(archive.glob("*.jsonl")) for line in f.read_text().splitlines()]
        finals = Counter(r["request_id"] for r in records if r.get("phase") != "pending")
        if set(ids) <= set(finals) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert set(ids) <= set(finals)
    assert all(finals[i] == 1 for i in ids)
    chat_records = [r for r in records if r.get("phase") != "pending" and r["request_id"] in ids]
    # The retried client's 429s are records too: at least the one refusal seen above.
    assert len({r["chain"] for r in chat_records}) == 2
    assert sum(1 for r in chat_records if r["status"] == 429) >= 8 + 2 + 1
