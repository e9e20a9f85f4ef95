"""Hostile or broken upstreams: errors pass through in OpenAI shape, broken streams end cleanly, all is audited."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.responses import JSONResponse

from tests.gateway._edge_support import (
    AUTH,
    MSGS,
    NAME,
    assert_error_shape,
    audit_records,
    chunk,
    completion,
    post_chat,
    sent_text,
    stream_events,
)
from tests.gateway.conftest import Gateway, Scripted, base_config
from tests.support.anthropic_upstream import AnthropicServer
from tests.support.upstream import UpstreamServer


def test_upstream_429_passes_through_as_rate_limit(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    cfg = base_config(upstream)
    cfg["models"].append(upstream.model_entry("busy", "onprem", "echo;error=429"))
    with gateway_for(cfg) as g:
        r = post_chat(g, {"model": "busy", "messages": MSGS})
        err = assert_error_shape(r, 429)
        assert err["type"] == "rate_limit_error"
        assert r.headers["x-sekisho-request-id"].startswith("req_")
        rs, _ = stream_events(g, {"model": "busy", "messages": MSGS})
        assert rs.status_code == 429 and rs.json()["error"]["type"] == "rate_limit_error"


def test_upstream_429_keeps_retry_after(gw: Gateway, scripted: Scripted) -> None:
    body = {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}
    scripted.answer = lambda b: JSONResponse(body, status_code=429, headers={"retry-after": "7"})
    r = post_chat(gw, {"model": "hostile", "messages": MSGS})
    assert assert_error_shape(r, 429)["type"] == "rate_limit_error"
    assert r.headers.get("retry-after") == "7"


def test_a_cookie_one_upstream_answer_sets_is_never_sent_again(gw: Gateway, scripted: Scripted) -> None:
    """The upstream client is shared by every user: a cookie set while answering one must not follow the next."""
    ok = completion([{"index": 0, "message": {"role": "assistant", "content": "はい"}, "finish_reason": "stop"}])
    scripted.answer = lambda b: JSONResponse(ok, headers={"set-cookie": "vendor_session=user-A; Path=/"})
    assert post_chat(gw, {"model": "hostile", "messages": MSGS}).status_code == 200
    scripted.answer = lambda b: ok
    assert post_chat(gw, {"model": "hostile", "messages": MSGS}).status_code == 200
    assert len(scripted.headers) == 2
    assert "cookie" not in scripted.headers[1]


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_an_upstream_redirect_is_not_followed(gw: Gateway, scripted: Scripted, status: int) -> None:
    """The prompt goes only to the configured upstream: a redirect would send it wherever the upstream points."""
    scripted.answer = lambda b: JSONResponse({}, status_code=status, headers={"location": "/v1/chat/completions?again=1"})
    r = post_chat(gw, {"model": "hostile", "messages": MSGS})
    assert_error_shape(r, 502)
    assert len(scripted.bodies) == 1


def test_upstream_invalid_json_is_502(gw: Gateway, scripted: Scripted) -> None:
    scripted.answer = lambda body: b'{"choices": [ {"index": 0, "message": '
    r = post_chat(gw, {"model": "hostile", "messages": MSGS})
    assert assert_error_shape(r, 502)["type"] == "upstream_error"
    assert r.headers["x-sekisho-request-id"] in audit_records(gw.audit_dir)


@pytest.mark.parametrize("answer", [{"choices": [None]}, {"choices": "oops"}, {"choices": [{"index": 0, "message": "text"}]}])
def test_upstream_answer_of_the_wrong_shape_is_502_and_audited(gw: Gateway, scripted: Scripted, answer: dict[str, Any]) -> None:
    scripted.answer = lambda body: answer
    r = post_chat(gw, {"model": "hostile", "messages": MSGS})
    assert assert_error_shape(r, 502)["type"] == "upstream_error"
    record = audit_records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]
    assert record["outcome"] == "error" and record["status"] == 502


@pytest.mark.parametrize(
    "bad",
    [
        "data: {not json",
        'data: {"error": {"message": "overloaded", "type": "server_error"}}',
    ],
    ids=["garbage-line", "error-event"],
)
def test_a_broken_stream_ends_with_an_error_event_and_is_audited(gw: Gateway, scripted: Scripted, bad: str) -> None:
    scripted.answer = lambda body: [
        chunk([{"index": 0, "delta": {"role": "assistant", "content": "途中まで。"}, "finish_reason": None}]),
        ": keep-alive comment is fine",
        bad,
        chunk([{"index": 0, "delta": {"content": "続き"}, "finish_reason": None}]),
        "data: [DONE]",
    ]
    r, events = stream_events(gw, {"model": "hostile", "messages": MSGS})
    assert r.status_code == 200
    assert events[0]["choices"][0]["delta"]["content"] == "途中まで。"
    assert "[DONE]" not in events and set(events[-1]) == {"error"}
    record = audit_records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]
    assert record["outcome"] == "error"


@pytest.mark.parametrize("bad", ["data: [1, 2]", 'data: {"choices": [null]}'], ids=["array-chunk", "null-choice"])
def test_a_chunk_of_the_wrong_shape_ends_the_stream_with_an_error_event(gw: Gateway, scripted: Scripted, bad: str) -> None:
    scripted.answer = lambda body: [
        chunk([{"index": 0, "delta": {"role": "assistant", "content": "途中まで。"}, "finish_reason": None}]),
        bad,
        "data: [DONE]",
    ]
    try:
        r, events = stream_events(gw, {"model": "hostile", "messages": MSGS})
    except httpx.RemoteProtocolError:
        events, r = [], None
    assert r is not None, "the gateway dropped the connection mid-stream"
    assert set(events[-1]) == {"error"}
    assert audit_records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]["outcome"] == "error"


def test_a_stream_request_answered_with_plain_json_is_an_error(gw: Gateway, scripted: Scripted) -> None:
    scripted.answer = lambda body: {"error": {"message": "model is overloaded", "type": "server_error"}}
    r, events = stream_events(gw, {"model": "hostile", "messages": MSGS})
    # Known before the first byte, so it is an HTTP error rather than an in-stream event.
    assert assert_error_shape(r, 502)["type"] == "upstream_error", f"the client got {events!r}"
    assert audit_records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]["outcome"] == "error"


def test_a_stream_the_client_abandons_is_still_audited(gw: Gateway, upstream: UpstreamServer) -> None:
    # Staff press "stop generating" all the time: the prompt already left, so the record must exist.
    upstream.behave(chunk=1, gap=0.05)
    body = {"model": "gpt-overseas", "stream": True, "messages": MSGS}
    with httpx.stream("POST", gw.base_url + "/chat/completions", json=body, headers=AUTH, timeout=30) as r:
        request_id = r.headers["x-sekisho-request-id"]
        next(r.iter_lines())
    deadline = time.monotonic() + 10
    # The pending record is written before the upstream call; the abandoned stream must get its final one too.
    while audit_records(gw.audit_dir).get(request_id, {}).get("phase") != "final" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert audit_records(gw.audit_dir)[request_id]["phase"] == "final"
    assert NAME not in sent_text(upstream.bodies())


def test_a_stream_the_client_abandons_stops_at_once(gw: Gateway, upstream: UpstreamServer) -> None:
    # The model would write for ~12 s more; a client gone means nobody reads it: the upstream's stream is
    # closed and the final record written now, with what had come so far.
    upstream.behave(chunk=1, gap=0.05)
    prompt = "防災訓練のお知らせ文を作ってください。" * 12
    body = {"model": "gpt-overseas", "stream": True, "messages": [{"role": "user", "content": prompt}]}
    with httpx.stream("POST", gw.base_url + "/chat/completions", json=body, headers=AUTH, timeout=30) as r:
        request_id = r.headers["x-sekisho-request-id"]
        next(r.iter_lines())
        left = time.monotonic()
    while audit_records(gw.audit_dir).get(request_id, {}).get("phase") != "final" and time.monotonic() < left + 10:
        time.sleep(0.05)
    record = audit_records(gw.audit_dir)[request_id]
    assert record["phase"] == "final" and time.monotonic() - left < 3, "the stream went on after the client left"
    assert record["answer_chars"] < len(prompt) // 2


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "api_base"), ({"api_base": "http://anthropic.invalid"}, "base_url")],
    ids=["api_base-not-configured", "base_url-beside-configured-api_base"],
)
def test_a_client_cannot_redirect_a_litellm_upstream(
    gateway_for: Callable[[dict[str, Any]], Any],
    upstream: UpstreamServer,
    anthropic_upstream: AnthropicServer,
    monkeypatch: pytest.MonkeyPatch,
    params: dict[str, str],
    field: str,
) -> None:
    # The legitimate provider is unreachable here (.invalid); the "attacker" is the recording server.
    monkeypatch.setenv("ANTHROPIC_API_BASE", "http://anthropic.invalid")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://anthropic.invalid")
    cfg = base_config(upstream)
    cfg["models"].append(
        {"name": "claude", "zone": "overseas",
         "upstream": {"type": "litellm", "model": "anthropic/claude-3-5-sonnet-20241022",
                      "api_key": "env:TEST_ANTHROPIC_KEY", "params": params}}
    )  # fmt: skip
    with gateway_for(cfg) as g:
        body = {"model": "claude", "messages": [{"role": "user", "content": "防災訓練の案内"}], field: anthropic_upstream.url}
        r = post_chat(g, body)
    stolen = [req.headers.get("x-api-key") for req in anthropic_upstream.requests]
    assert stolen == [], "the provider key was sent to a host the client chose"
    assert r.status_code in (400, 502), r.text


def test_a_cookie_a_litellm_provider_sets_is_never_sent_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same holds for providers reached through litellm, whose HTTP clients are litellm's own."""
    import asyncio

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.routing import Route

    from gateway.config import LiteLLMUpstream
    from gateway.upstream.litellm_client import LiteLLM
    from tests.support.servers import serve_app

    cookies: list[str | None] = []

    async def messages(request: Request) -> JSONResponse:
        cookies.append(request.headers.get("cookie"))
        body = await request.json()
        answer = {"id": "msg_1", "type": "message", "role": "assistant", "model": body["model"],
                  "content": [{"type": "text", "text": "はい"}], "stop_reason": "end_turn", "stop_sequence": None,
                  "usage": {"input_tokens": 1, "output_tokens": 1}}  # fmt: skip
        return JSONResponse(answer, headers={"set-cookie": f"vendor_session=user-{len(cookies)}; Path=/"})

    monkeypatch.setenv("TEST_COOKIE_KEY", "anthropic-secret")
    app = Starlette(routes=[Route("/v1/messages", messages, methods=["POST"])])
    with serve_app(app) as url:
        cfg = LiteLLMUpstream(type="litellm", model="anthropic/claude-3-5-sonnet-20241022",
                              api_key="env:TEST_COOKIE_KEY", params={"api_base": url})  # fmt: skip
        client = LiteLLM(cfg)

        async def three_users() -> None:
            for _ in range(3):
                await client.chat({"messages": [{"role": "user", "content": "こんにちは"}], "max_tokens": 5})

        asyncio.run(three_users())
    assert cookies == [None, None, None]
