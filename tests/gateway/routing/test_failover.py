"""Deployments failing in turn behind real loopback upstreams: order, cooldowns, and zones never crossed.

Each deployment is its own recording upstream, so what each one received is asserted on its own record.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import openai
import pytest

from tests.gateway.conftest import AUDITOR_KEY, KEYS, STAFF_KEY, TAX_KEY, Gateway, closed_port_url
from tests.support.upstream import UpstreamServer, start_upstream

PUBLIC = "市の広報誌に載せる、秋の防災訓練のお知らせ文を三行で作ってください。"
NAMED = "税務課の山田太郎さん（090-1234-5678）への納税相談の回答案を作ってください。"
NAMES = ("ov1", "ov2", "dom1", "dom2", "onp1", "onp2")


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, UpstreamServer]]:
    with ExitStack() as stack:
        yield {name: stack.enter_context(start_upstream()) for name in NAMES}


@pytest.fixture
def ups(servers: dict[str, UpstreamServer]) -> Iterator[dict[str, UpstreamServer]]:
    for s in servers.values():
        s.reset()
    yield servers
    for s in servers.values():
        s.reset()


def up(server: UpstreamServer | str, name: str, timeout_s: float = 5.0) -> dict[str, Any]:
    base = server if isinstance(server, str) else server.base_url
    return {"type": "openai", "base_url": base, "model": name, "timeout_s": timeout_s}


def chain_config(ups: dict[str, UpstreamServer], refused: str) -> dict[str, Any]:
    """`first` (overseas, refused) falls back in order: 500, timeout, 429, then an answer."""
    return {
        "models": [
            {"name": "first", "zone": "overseas", "upstream": up(refused, "first-up"), "fallbacks": ["second", "third", "fourth", "fifth"]},
            {"name": "second", "zone": "overseas", "upstream": up(ups["ov1"], "second-up")},
            {"name": "third", "zone": "domestic", "upstream": up(ups["dom1"], "third-up", timeout_s=0.5)},
            {"name": "fourth", "zone": "domestic", "upstream": up(ups["dom2"], "fourth-up")},
            {"name": "fifth", "zone": "onprem", "upstream": up(ups["onp1"], "fifth-up")},
        ],
        "zone_defaults": {"onprem": "fifth", "domestic": "third"},
        "router": {"cooldown_s": 60},
        "keys": KEYS,
        "audit": {"dir": "audit"},
    }


def zoned_config(ups: dict[str, UpstreamServer]) -> dict[str, Any]:
    """`gpt` overseas with a group of two; `dom` domestic whose fallbacks include an overseas model."""
    return {
        "models": [
            {"name": "gpt", "zone": "overseas", "description": "海外の汎用モデル",
             "deployments": [{"id": "gpt-a", "upstream": up(ups["ov1"], "gpt-a")},
                             {"id": "gpt-jp", "zone": "domestic", "weight": 1, "upstream": up(ups["dom2"], "gpt-jp")}],
             "fallbacks": ["dom", "local"]},
            {"name": "gpt-backup", "zone": "overseas", "upstream": up(ups["ov2"], "gpt-backup")},
            {"name": "dom", "zone": "domestic", "description": "国内モデル",
             "upstream": up(ups["dom1"], "dom-up"), "fallbacks": ["gpt-backup", "local"]},
            {"name": "local", "zone": "onprem", "description": "庁内モデル",
             "deployments": [{"id": "local-1", "upstream": up(ups["onp1"], "local-1")},
                             {"id": "local-2", "upstream": up(ups["onp2"], "local-2")}]},
        ],
        "zone_defaults": {"onprem": "local", "domestic": "dom"},
        "router": {"cooldown_s": 60},
        "keys": KEYS,
        "audit": {"dir": "audit"},
    }  # fmt: skip


def chat(gw: Gateway, model: str, text: str, key: str = STAFF_KEY, stream: bool = False) -> httpx.Response:
    body = {"model": model, "messages": [{"role": "user", "content": text}], "stream": stream}
    return httpx.post(f"{gw.base_url}/chat/completions", json=body, headers={"authorization": f"Bearer {key}"}, timeout=30)


def count(server: UpstreamServer) -> int:
    return len(server.bodies("/v1/chat/completions"))


def test_chain_is_followed_in_order_and_cooled_deployments_are_skipped(
    gateway_for: Callable[[dict[str, Any]], Any], ups: dict[str, UpstreamServer]
) -> None:
    ups["ov1"].behave(error=500)
    ups["dom1"].behave(slow=3)
    ups["dom2"].behave(error=429)
    with gateway_for(chain_config(ups, closed_port_url())) as gw:
        r = chat(gw, "first", PUBLIC)
        assert r.status_code == 200, r.text
        assert r.json()["model"] == "fifth"
        assert (r.headers["x-sekisho-model"], r.headers["x-sekisho-zone"], r.headers["x-sekisho-rerouted"]) == ("fifth", "onprem", "true")
        # Each failing upstream was tried once, in the order of the fallbacks, and the upstream model name sent is its own.
        assert [ups[n].bodies()[-1]["model"] for n in ("ov1", "dom1", "dom2", "onp1")] == ["second-up", "third-up", "fourth-up", "fifth-up"]
        assert [count(ups[n]) for n in ("ov1", "dom1", "dom2", "onp1")] == [1, 1, 1, 1]

        # Every failed one is cooling down now: the next requests go straight to the last, streams too.
        ups["ov1"].reset(), ups["dom1"].reset(), ups["dom2"].reset()
        for stream in (False, True, False):
            r = chat(gw, "first", PUBLIC, stream=stream)
            assert r.status_code == 200
            assert r.headers["x-sekisho-model"] == "fifth"
        assert [count(ups[n]) for n in ("ov1", "dom1", "dom2", "onp1")] == [0, 0, 0, 4]

        metrics = httpx.get(f"{gw.root}/metrics", headers={"authorization": f"Bearer {AUDITOR_KEY}"}).text
        for deployment, reason in (("first", "unreachable"), ("second", "server_error"), ("third", "timeout"), ("fourth", "rate_limited")):
            assert f'sekisho_deployment_cooldown{{deployment="{deployment}",reason="{reason}"}} 1.0' in metrics
            assert f'sekisho_deployment_failures_total{{deployment="{deployment}",reason="{reason}"}} 1.0' in metrics
        assert 'sekisho_deployment_cooldown{deployment="fifth",reason=""} 0.0' in metrics
        ready = httpx.get(f"{gw.root}/readyz").json()
        assert {k: v["reason"] for k, v in ready["detail"]["cooldowns"].items()} == {
            "first": "unreachable", "second": "server_error", "third": "timeout", "fourth": "rate_limited"
        }  # fmt: skip
        assert ready["status"] == "ready"


def test_when_every_allowed_deployment_fails_the_answer_is_503_in_japanese(
    gateway_for: Callable[[dict[str, Any]], Any], ups: dict[str, UpstreamServer]
) -> None:
    for name in ("ov1", "dom1", "dom2", "onp1"):
        ups[name].behave(error=503)
    with gateway_for(chain_config(ups, closed_port_url())) as gw:
        r = chat(gw, "first", PUBLIC)
        assert r.status_code == 503
        err = r.json()["error"]
        assert err["code"] == "no_deployment_available"
        assert "庁内・国内・海外" in err["message"] and "ほかの区分のモデルへは何も送信していません" in err["message"]
        # Now all cool down: nothing at all is sent for the next request.
        before = [count(ups[n]) for n in NAMES]
        assert chat(gw, "first", PUBLIC).status_code == 503
        assert [count(ups[n]) for n in NAMES] == before


def test_a_request_allowed_only_domestic_or_onprem_never_reaches_an_overseas_upstream(
    gateway_for: Callable[[dict[str, Any]], Any], ups: dict[str, UpstreamServer]
) -> None:
    # The tax office's personal data is rerouted by the default policy to [domestic, onprem]; `dom`
    # fails and lists the overseas `gpt-backup` first among its fallbacks.
    ups["dom1"].behave(error=500)
    with gateway_for(zoned_config(ups)) as gw:
        r = chat(gw, "gpt", NAMED, key=TAX_KEY)
        assert r.status_code == 200, r.text
        assert r.headers["x-sekisho-action"] == "reroute"
        assert r.json()["model"] == "local" and r.headers["x-sekisho-zone"] == "onprem"
        assert count(ups["dom1"]) == 1
        assert count(ups["ov1"]) == count(ups["ov2"]) == 0
        # The fallback got exactly the body the policy decided for the rerouted target.
        sent = (ups["onp1"].bodies() + ups["onp2"].bodies())[-1]["messages"]
        assert sent == ups["dom1"].bodies()[-1]["messages"]

        # When the on-prem ones fail too: 503 naming the allowed zones, and still nothing overseas.
        ups["onp1"].behave(error=500)
        ups["onp2"].behave(error=500)
        r = chat(gw, "gpt", NAMED, key=TAX_KEY)
        assert r.status_code == 503
        assert "庁内・国内" in r.json()["error"]["message"] and "海外" not in r.json()["error"]["message"].split("(")[0]
        assert count(ups["ov1"]) == count(ups["ov2"]) == 0


def test_concurrent_requests_and_streams_keep_to_their_zones(
    gateway_for: Callable[[dict[str, Any]], Any], ups: dict[str, UpstreamServer]
) -> None:
    ups["dom1"].behave(error=500, slow=0.05)
    ups["dom2"].behave(slow=0.05)
    ups["ov1"].behave(slow=0.05)

    async def run(gw: Gateway) -> list[tuple[str, str, str]]:
        tax = openai.AsyncOpenAI(base_url=gw.base_url, api_key=TAX_KEY, max_retries=0, timeout=30)
        staff = openai.AsyncOpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)

        async def one(i: int) -> tuple[str, str, str]:
            client, text = (tax, NAMED) if i % 2 == 0 else (staff, PUBLIC)
            messages = [{"role": "user", "content": text}]
            if i % 3 == 0:
                raw = await client.chat.completions.with_raw_response.create(model="gpt", messages=messages, stream=True)
                chunks = [c async for c in raw.parse()]
                content = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
                model = chunks[0].model
            else:
                raw = await client.chat.completions.with_raw_response.create(model="gpt", messages=messages)
                answer = raw.parse()
                content, model = answer.choices[0].message.content or "", answer.model
            assert model == raw.headers["x-sekisho-model"]
            return "tax" if i % 2 == 0 else "staff", raw.headers["x-sekisho-zone"], content

        return await asyncio.gather(*(one(i) for i in range(24)))

    with gateway_for(zoned_config(ups)) as gw:
        results = asyncio.run(run(gw))
    for who, zone, content in results:
        if who == "tax":
            assert zone == "onprem"
            assert "山田太郎" in content  # restored on the way back
        else:
            assert zone in ("overseas", "domestic")  # the `gpt` group: gpt-a or gpt-jp
            assert content == PUBLIC
    # Tax requests (12) never reached an overseas upstream: everything there is the staff's public text.
    overseas = ups["ov1"].bodies() + ups["ov2"].bodies()
    assert overseas and all(b["messages"][0]["content"] == PUBLIC for b in overseas)
    assert len(ups["ov2"].bodies()) == 0
    assert count(ups["onp1"]) + count(ups["onp2"]) == 12
    # The `gpt` group was balanced over both of its deployments.
    assert count(ups["ov1"]) > 0 and count(ups["dom2"]) > 0 and count(ups["ov1"]) + count(ups["dom2"]) == 12


def test_models_list_zone_and_description(gateway_for: Callable[[dict[str, Any]], Any], ups: dict[str, UpstreamServer]) -> None:
    with gateway_for(zoned_config(ups)) as gw:
        models = openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0).models.list()
    by_id = {m.id: m.model_dump() for m in models.data}
    assert by_id["dom"]["zone"] == "domestic" and by_id["dom"]["description"] == "国内モデル"
    assert by_id["gpt"]["zone"] == "overseas"


FALLBACK_POLICY = """\
version: 1
name: fallbacks are decided again
levels:
  - {id: 機密性1, label: 機密性1}
  - {id: 機密性2, label: 機密性2}
  - {id: 機密性3, label: 機密性3}
classification:
  rules:
    - {id: personal, level: 機密性2, tags: [personal]}
rules:
  - id: no-barred
    when: {models: [barred]}
    action: block
  - id: strict-pseudonymises
    when: {models: [strict], tags_any: [personal]}
    action: pseudonymize
  - id: open
    action: allow
"""


def test_a_fallback_the_policy_would_treat_differently_is_never_tried(
    gateway_for: Callable[[dict[str, Any]], Any], ups: dict[str, UpstreamServer], tmp_path: Any
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(FALLBACK_POLICY, encoding="utf-8")
    cfg = {
        "models": [
            {"name": "lax", "zone": "overseas", "upstream": up(ups["ov1"], "lax"), "fallbacks": ["barred", "strict", "spare"]},
            {"name": "barred", "zone": "overseas", "upstream": up(ups["ov2"], "barred")},
            {"name": "strict", "zone": "domestic", "upstream": up(ups["dom1"], "strict")},
            {"name": "spare", "zone": "onprem", "upstream": up(ups["onp1"], "spare")},
        ],
        "policy": {"path": str(policy)},
        "keys": KEYS,
        "audit": {"dir": "audit"},
    }
    ups["ov1"].behave(error=502)
    with gateway_for(cfg) as gw:
        # Personal data, allowed as written to `lax`: `barred` would block it and `strict` would want it
        # pseudonymised, so neither receives it; `spare` decides the same as `lax` and answers.
        r = chat(gw, "lax", NAMED)
        assert r.status_code == 200 and r.headers["x-sekisho-model"] == "spare"
        assert count(ups["ov2"]) == count(ups["dom1"]) == 0
        assert ups["onp1"].bodies()[-1]["messages"][0]["content"] == NAMED
        # Without personal data `strict` decides as `lax` does, and comes before `spare`.
        r = chat(gw, "lax", PUBLIC)
        assert r.headers["x-sekisho-model"] == "strict"
        assert count(ups["ov2"]) == 0 and count(ups["dom1"]) == 1


def test_responses_fail_over_from_a_native_deployment_to_a_bridged_fallback(
    gateway_for: Callable[[dict[str, Any]], Any], ups: dict[str, UpstreamServer]
) -> None:
    cfg = {
        "models": [
            {"name": "native", "zone": "domestic", "responses": "native", "upstream": up(ups["dom1"], "native-up"), "fallbacks": ["bridged", "abroad"]},
            {"name": "bridged", "zone": "onprem", "upstream": up(ups["onp1"], "bridged-up")},
            {"name": "abroad", "zone": "overseas", "upstream": up(ups["ov1"], "abroad-up")},
        ],
        "zone_defaults": {"onprem": "bridged", "domestic": "native"},
        "keys": KEYS,
        "audit": {"dir": "audit"},
    }
    ups["dom1"].behave(error=500)
    with gateway_for(cfg) as gw:
        client = openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)
        raw = client.responses.with_raw_response.create(model="native", input=PUBLIC)
        answer = raw.parse()
        assert answer.output_text == PUBLIC and answer.model == "bridged"
        assert raw.headers["x-sekisho-model"] == "bridged" and raw.headers["x-sekisho-rerouted"] == "true"
        stream = client.responses.create(model="native", input=PUBLIC, stream=True)
        assert "".join(e.delta for e in stream if e.type == "response.output_text.delta") == PUBLIC
    assert [r.path for r in ups["dom1"].requests] == ["/v1/responses"]  # tried once, then cooled down
    assert [r.path for r in ups["onp1"].requests] == ["/v1/chat/completions"] * 2
    assert count(ups["ov1"]) == 0 and not ups["ov1"].requests  # the overseas fallback is outside the decision's zones


def test_embeddings_fall_back_only_to_models_that_serve_embeddings(
    gateway_for: Callable[[dict[str, Any]], Any], ups: dict[str, UpstreamServer]
) -> None:
    cfg = {
        "models": [
            {"name": "emb", "zone": "domestic", "embeddings": True, "upstream": up(ups["dom1"], "emb-up"), "fallbacks": ["chat-only", "emb-local"]},
            {"name": "chat-only", "zone": "onprem", "upstream": up(ups["onp1"], "chat-only")},
            {"name": "emb-local", "zone": "onprem", "embeddings": True, "upstream": up(ups["onp2"], "emb-local")},
        ],
        "zone_defaults": {"onprem": "emb-local", "domestic": "emb"},
        "keys": KEYS,
        "audit": {"dir": "audit"},
    }
    ups["dom1"].behave(error=503)
    with gateway_for(cfg) as gw:
        client = openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)
        raw = client.embeddings.with_raw_response.create(model="emb", input=["図書館の開館時間"])
        assert raw.parse().model == "emb-local" and raw.headers["x-sekisho-zone"] == "onprem"
    assert [r.path for r in ups["dom1"].requests] == ["/v1/embeddings"]
    assert not ups["onp1"].requests
    assert [r.path for r in ups["onp2"].requests] == ["/v1/embeddings"]
