"""Every failure reaches the client in OpenAI's error shape, with the right status and no stack trace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import openai
import pytest

from tests.gateway.conftest import STAFF_KEY, Gateway, base_config, closed_port_url
from tests.support.upstream import UpstreamServer

MESSAGES = [{"role": "user", "content": "住民票の写しの請求方法を教えてください。"}]


def _assert_shape(body: dict[str, Any]) -> dict[str, Any]:
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"message", "type", "code", "param"}
    assert isinstance(err["message"], str) and err["message"]
    assert "Traceback" not in err["message"]
    return err


def post(gw: Gateway, body: bytes | dict[str, Any], key: str | None = STAFF_KEY, path: str = "/chat/completions") -> httpx.Response:
    headers = {"content-type": "application/json"}
    if key is not None:
        headers["authorization"] = f"Bearer {key}"
    if isinstance(body, dict):
        return httpx.post(gw.base_url + path, json=body, headers=headers, timeout=30)
    return httpx.post(gw.base_url + path, content=body, headers=headers, timeout=30)


def test_bad_key_is_401(gateway: Gateway) -> None:
    with pytest.raises(openai.AuthenticationError) as info:
        openai.OpenAI(base_url=gateway.base_url, api_key="sk-wrong", max_retries=0).chat.completions.create(
            model="local-llm", messages=MESSAGES
        )
    assert info.value.status_code == 401
    _assert_shape(info.value.response.json())


def test_missing_key_is_401_on_every_api_route(gateway: Gateway) -> None:
    for method, path in [("POST", "/chat/completions"), ("POST", "/embeddings"), ("GET", "/models")]:
        r = httpx.request(method, gateway.base_url + path, json={}, timeout=10)
        assert r.status_code == 401
        assert _assert_shape(r.json())["code"] == "invalid_api_key"


def test_health_endpoints_need_no_key(gateway: Gateway) -> None:
    assert httpx.get(gateway.root + "/healthz").json() == {"status": "ok"}
    ready = httpx.get(gateway.root + "/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"


def test_unknown_model_is_404(gateway: Gateway, upstream: UpstreamServer) -> None:
    with pytest.raises(openai.NotFoundError) as info:
        openai.OpenAI(base_url=gateway.base_url, api_key=STAFF_KEY, max_retries=0).chat.completions.create(
            model="gpt-99", messages=MESSAGES
        )
    err = _assert_shape(info.value.response.json())
    assert err["code"] == "model_not_found" and err["param"] == "model"
    assert upstream.requests == []


def test_body_over_limit_is_413(gateway: Gateway, upstream: UpstreamServer) -> None:
    big = {"model": "local-llm", "messages": [{"role": "user", "content": "あ" * 100_000}]}  # 300 KB of UTF-8
    r = post(gateway, big)
    assert r.status_code == 413
    assert _assert_shape(r.json())["code"] == "request_too_large"
    assert upstream.requests == []


def test_body_over_limit_without_content_length_is_413(gateway: Gateway, upstream: UpstreamServer) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"model": "local-llm", "messages": [{"role": "user", "content": "'
        for _ in range(300):
            yield b"x" * 1024
        yield b'"}]}'

    r = httpx.post(gateway.base_url + "/chat/completions", content=chunks(), headers={"authorization": f"Bearer {STAFF_KEY}"}, timeout=30)
    assert r.status_code == 413
    assert upstream.requests == []


@pytest.mark.parametrize(
    "raw, status",
    [
        (b'{"model": "local-llm", "messages": [', 400),
        (b"\xff\xfe not json", 400),
        (b"[1, 2, 3]", 400),
        (b'{"model": "local-llm"}', 400),
        (b'{"model": "local-llm", "messages": "hello"}', 400),
        (b'{"model": "local-llm", "messages": [{"role": "user", "content": 42}]}', 400),
        # Not JSON either: the standard library read these and they went upstream as NaN.
        (b'{"model": "local-llm", "messages": [{"role": "user", "content": "hi"}], "metadata": {"k": NaN}}', 400),
        (b'{"model": "local-llm", "messages": [{"role": "user", "content": "hi"}], "metadata": {"k": -Infinity}}', 400),
    ],
)
def test_malformed_requests_are_4xx(gateway: Gateway, upstream: UpstreamServer, raw: bytes, status: int) -> None:
    r = post(gateway, raw)
    assert r.status_code == status
    assert _assert_shape(r.json())["type"] == "invalid_request_error"
    assert upstream.requests == []


def test_images_are_refused_not_forwarded_unscanned(gateway: Gateway, upstream: UpstreamServer) -> None:
    body = {"model": "local-llm", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}]}
    r = post(gateway, body)
    assert r.status_code == 400
    assert _assert_shape(r.json())["code"] == "unscannable_content"
    assert upstream.requests == []


def test_token_array_embeddings_are_refused(gateway: Gateway, upstream: UpstreamServer) -> None:
    r = post(gateway, {"model": "local-llm", "input": [[1, 2, 3]]}, path="/embeddings")
    assert r.status_code == 400
    assert upstream.requests == []


def test_upstream_down_is_502(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    cfg = base_config(upstream)
    cfg["models"].append({"name": "down", "zone": "onprem", "upstream": {"type": "openai", "base_url": closed_port_url()}})
    with gateway_for(cfg) as gw:
        for stream in (False, True):
            r = post(gw, {"model": "down", "messages": MESSAGES, "stream": stream})
            assert r.status_code == 502
            assert _assert_shape(r.json())["type"] == "upstream_error"


def test_upstream_timeout_is_504(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    cfg = base_config(upstream)
    cfg["models"].append(
        {"name": "slow", "zone": "onprem", "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "echo;slow=3", "timeout_s": 0.5}}
    )
    with gateway_for(cfg) as gw:
        r = post(gw, {"model": "slow", "messages": MESSAGES})
        assert r.status_code == 504
        assert _assert_shape(r.json())["code"] == "upstream_timeout"
        with pytest.raises(openai.APIStatusError) as info:
            openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0).chat.completions.create(
                model="slow", messages=MESSAGES, stream=True
            )
        assert info.value.status_code == 504


def test_upstream_server_error_is_502_and_client_error_passes_through(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    cfg = base_config(upstream)
    cfg["models"] += [
        {"name": "broken", "zone": "onprem", "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "echo;error=500"}},
        {"name": "picky", "zone": "onprem", "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "echo;error=400"}},
    ]
    with gateway_for(cfg) as gw:
        assert post(gw, {"model": "broken", "messages": MESSAGES}).status_code == 502
        r = post(gw, {"model": "picky", "messages": MESSAGES})
        assert r.status_code == 400
        _assert_shape(r.json())


def test_stream_cut_midway_ends_with_an_error_event(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    cfg = base_config(upstream)
    cfg["models"].append({"name": "flaky", "zone": "onprem", "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "echo;chunk=2;cut=3"}})
    with gateway_for(cfg) as gw:
        with httpx.stream("POST", gw.base_url + "/chat/completions", headers={"authorization": f"Bearer {STAFF_KEY}"},
                          json={"model": "flaky", "stream": True, "messages": MESSAGES}, timeout=30) as r:
            lines = [line for line in r.iter_lines() if line]
    assert r.status_code == 200
    assert '"error"' in lines[-1] and "[DONE]" not in lines[-1]
