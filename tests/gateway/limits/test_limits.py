"""Rates and monthly budgets per key and per department, through a real gateway and a real upstream.

The recording upstream counts one token per character, so each request's tokens and 円 are known.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.gateway.conftest import AUDITOR_KEY, STAFF_KEY, TAX_KEY, Gateway, base_config, closed_port_url
from tests.support.upstream import UpstreamServer

PUBLIC = "市の広報誌に載せる、秋の防災訓練のお知らせ文を三行で作ってください。"
N = len(PUBLIC)  # prompt tokens = completion tokens = N for an echo


def limited(upstream: UpstreamServer, limits: dict[str, Any], yen_per_token: float = 1.0) -> dict[str, Any]:
    cfg = base_config(upstream, limits=limits)
    for m in cfg["models"]:
        m["prices"] = {"input_per_mtok": yen_per_token * 1e6, "output_per_mtok": yen_per_token * 1e6}
    return cfg


def chat(gw: Gateway, key: str = STAFF_KEY, stream: bool = False) -> httpx.Response:
    body = {"model": "domestic-llm", "messages": [{"role": "user", "content": PUBLIC}], "stream": stream}
    return httpx.post(f"{gw.base_url}/chat/completions", json=body, headers={"authorization": f"Bearer {key}"}, timeout=30)


def records(gw: Gateway) -> list[dict[str, Any]]:
    """Each request's closing record (write-ahead `pending` ones left out)."""
    lines = [json.loads(line) for f in sorted(gw.audit_dir.glob("*.jsonl")) for line in f.read_text().splitlines()]
    return [r for r in lines if r.get("phase") != "pending"]


@pytest.mark.parametrize("store", ["memory", "redis"])
def test_a_departments_rpm_holds_and_the_429_is_openai_shaped(
    gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, store: str, request: pytest.FixtureRequest
) -> None:
    limits: dict[str, Any] = {"departments": {"総務課": {"rpm": 3}}}
    if store == "redis":
        limits["redis_url"] = request.getfixturevalue("fresh_redis_url")
    with gateway_for(limited(upstream, limits)) as gw:
        answers = [chat(gw, stream=i % 2 == 1) for i in range(5)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429, 429]
        refused = answers[3]
        err = refused.json()["error"]
        assert (err["type"], err["code"]) == ("rate_limit_error", "rate_limit_exceeded")
        assert "部署「総務課」のリクエスト数の上限" in err["message"]
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        # Another department is not affected.
        assert chat(gw, key=TAX_KEY).status_code == 200
        metrics = httpx.get(f"{gw.root}/metrics", headers={"authorization": f"Bearer {AUDITOR_KEY}"}).text
        assert 'sekisho_limit_refusals_total{kind="rpm",scope="dept"} 2.0' in metrics
    assert len(upstream.bodies("/v1/chat/completions")) == 4
    assert [r["status"] for r in records(gw)].count(429) == 2
    # A refusal comes before the write-ahead record: one record, no pending one, for each.
    lines = [json.loads(line) for f in sorted(gw.audit_dir.glob("*.jsonl")) for line in f.read_text().splitlines()]
    for r in answers[3:]:
        mine = [x for x in lines if x["request_id"] == r.headers["x-sekisho-request-id"]]
        assert [(x["phase"], x["status"]) for x in mine] == [(None, 429)]
    sent = [x for x in lines if x["request_id"] == answers[0].headers["x-sekisho-request-id"]]
    assert [x["phase"] for x in sent] == ["pending", "final"]


def test_tokens_per_minute_count_the_upstreams_usage(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    with gateway_for(limited(upstream, {"keys": {"staff": {"tpm": 2 * N + 1}}})) as gw:
        # The stream's usage is asked of the upstream even though the client did not ask for it.
        first = chat(gw, stream=True)
        assert first.status_code == 200 and '"usage"' not in first.text
        assert upstream.last_body["stream_options"] == {"include_usage": True}
        assert chat(gw).status_code == 200
        third = chat(gw)
        assert third.status_code == 429 and "この API キーのトークン数の上限" in third.json()["error"]["message"]
    assert len(upstream.bodies("/v1/chat/completions")) == 2


def test_monthly_budget_soft_then_hard(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    # Each request costs 2N 円; soft at 2.5N (after the second), hard at 5N (after the third).
    limits = {"departments": {"総務課": {"budget_yen": 5 * N, "soft_ratio": 0.5}}}
    with gateway_for(limited(upstream, limits)) as gw:
        answers = [chat(gw, stream=i == 1) for i in range(4)]
        assert [r.status_code for r in answers] == [200, 200, 200, 429]
        assert [r.headers.get("x-sekisho-budget-warning") for r in answers[:3]] == [None, None, "soft-limit"]
        hard = answers[3]
        assert hard.json()["error"]["code"] == "budget_exceeded"
        assert "今月の利用予算に達した" in hard.json()["error"]["message"]
        assert int(hard.headers["retry-after"]) > 0
    assert len(upstream.bodies("/v1/chat/completions")) == 3
    recs = [r for r in records(gw) if r["endpoint"] == "chat.completions"]
    assert [r["flags"] for r in recs] == [[], [], ["budget_soft_limit"], []]
    assert [r["cost"] for r in recs[:3]] == [2 * N] * 3


def test_limits_in_redis_hold_under_concurrency(
    gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, fresh_redis_url: str
) -> None:
    upstream.behave(slow=0.05)
    with gateway_for(limited(upstream, {"redis_url": fresh_redis_url, "departments": {"総務課": {"rpm": 7}}})) as gw:

        async def burst() -> list[int]:
            async with httpx.AsyncClient(timeout=30) as client:
                body = {"model": "domestic-llm", "messages": [{"role": "user", "content": PUBLIC}]}
                rs = await asyncio.gather(*(client.post(f"{gw.base_url}/chat/completions", json=body,
                                                        headers={"authorization": f"Bearer {STAFF_KEY}"}) for _ in range(20)))  # fmt: skip
                return [r.status_code for r in rs]

        codes = asyncio.run(burst())
    assert sorted(codes) == [200] * 7 + [429] * 13
    assert len(upstream.bodies("/v1/chat/completions")) == 7


def test_limits_store_down_fails_closed(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    redis_down = closed_port_url().replace("http://", "redis://").replace("/v1", "/0")
    with gateway_for(limited(upstream, {"redis_url": redis_down, "departments": {"総務課": {"rpm": 100}}})) as gw:
        r = chat(gw)
        assert r.status_code == 503 and r.json()["error"]["code"] == "limits_unavailable"
        assert httpx.get(f"{gw.root}/readyz").json()["checks"]["limits"] == "unreachable"
        # A department without limits needs no counters.
        assert chat(gw, key=TAX_KEY).status_code == 200
    assert len(upstream.bodies("/v1/chat/completions")) == 1


def test_openai_client_retry_honours_retry_after(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    with gateway_for(limited(upstream, {"window_s": 2, "keys": {"staff": {"rpm": 1}}})) as gw:
        client = openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)
        client.chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": PUBLIC}])
        with pytest.raises(openai.RateLimitError) as err:
            client.chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": PUBLIC}])
        assert err.value.status_code == 429 and "上限" in err.value.message
        retrying = client.with_options(max_retries=2)
        t0 = time.monotonic()
        raw = retrying.chat.completions.with_raw_response.create(model="domestic-llm", messages=[{"role": "user", "content": PUBLIC}])
        waited = time.monotonic() - t0
        assert raw.parse().model == "domestic-llm"
        assert raw.headers["x-sekisho-model"] == "domestic-llm" and raw.headers["x-sekisho-rerouted"] == "false"
        # The client slept for what Retry-After said (about what was left of the 2-second window), then got through.
        assert 0.5 < waited < 5
    assert len(upstream.bodies("/v1/chat/completions")) == 2
