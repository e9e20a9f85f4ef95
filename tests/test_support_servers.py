"""The test servers themselves, driven by the real clients the gateway's tests rely on."""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import importlib.util
import struct
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
import redis
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from tests.support.anthropic_upstream import AnthropicServer
from tests.support.redis_server import ping
from tests.support.servers import free_port, run_gateway_process, serve_app
from tests.support.upstream import UpstreamServer, embedding_for, parse_directives

TEXT = "東京都千代田区の山田太郎です。電話は03-1234-5678。"
TOOLS = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}]


def client(upstream: UpstreamServer, **kw: Any) -> openai.OpenAI:
    return openai.OpenAI(base_url=upstream.base_url, api_key="sk-upstream", max_retries=0, **kw)


def test_chat_echoes_the_last_user_text_and_records_the_request(upstream: UpstreamServer) -> None:
    messages: Any = [
        {"role": "system", "content": "丁寧に答えてください"},
        {"role": "user", "content": "最初の質問"},
        {"role": "assistant", "content": "回答"},
        {"role": "user", "content": [{"type": "text", "text": "東京都の"}, {"type": "text", "text": "山田です"}]},
    ]
    reply = client(upstream).chat.completions.create(model="echo", messages=messages)

    assert reply.choices[0].message.content == "東京都の山田です"
    assert reply.choices[0].finish_reason == "stop"
    prompt = sum(len(t) for t in ("丁寧に答えてください", "最初の質問", "回答", "東京都の山田です"))
    assert (reply.usage.prompt_tokens, reply.usage.completion_tokens) == (prompt, 8)  # type: ignore[union-attr]
    assert len(upstream.requests) == 1
    assert upstream.last.method == "POST" and upstream.last.path == "/v1/chat/completions"
    assert upstream.last.headers["authorization"] == "Bearer sk-upstream"
    assert upstream.last_body["messages"] == messages


def test_echo_all_joins_every_message(upstream: UpstreamServer) -> None:
    messages: Any = [{"role": "system", "content": "前提"}, {"role": "user", "content": TEXT}]
    reply = client(upstream).chat.completions.create(model="echo-all", messages=messages)
    assert reply.choices[0].message.content == f"前提\n{TEXT}"


def test_server_default_reply(upstream: UpstreamServer) -> None:
    upstream.behave(mode="reply", reply="佐藤花子様の件です")
    reply = client(upstream).chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    assert reply.choices[0].message.content == "佐藤花子様の件です"


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_stream_deltas_carry_chunk_size_characters(upstream: UpstreamServer, size: int) -> None:
    stream = client(upstream).chat.completions.create(
        model=f"echo;chunk={size}",
        messages=[{"role": "user", "content": TEXT}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)

    first, *middle, finish, usage = chunks
    assert first.choices[0].delta.role == "assistant" and first.choices[0].delta.content == ""
    pieces = [c.choices[0].delta.content or "" for c in middle]
    assert "".join(pieces) == TEXT
    assert all(len(p) == size for p in pieces[:-1]) and 1 <= len(pieces[-1]) <= size
    assert finish.choices[0].finish_reason == "stop"
    assert usage.choices == [] and usage.usage is not None
    assert usage.usage.completion_tokens == len(TEXT)


def test_stream_is_sse_framed_like_openai(upstream: UpstreamServer) -> None:
    body = {"model": "echo;chunk=5", "messages": [{"role": "user", "content": "abcdefg"}], "stream": True}
    with httpx.stream("POST", f"{upstream.base_url}/chat/completions", json=body) as resp:
        assert resp.headers["content-type"].startswith("text/event-stream")
        raw = resp.read().decode()

    events = raw.split("\n\n")
    assert events[-2:] == ["data: [DONE]", ""]
    chunks = [json.loads(e.removeprefix("data: ")) for e in events[:-2]]
    assert all(c["object"] == "chat.completion.chunk" and "usage" not in c for c in chunks)
    assert [c["choices"][0]["delta"] for c in chunks] == [
        {"role": "assistant", "content": ""}, {"content": "abcde"}, {"content": "fg"}, {}]  # fmt: skip


@pytest.mark.parametrize("stream", [False, True])
def test_tool_mode_answers_with_a_tool_call(upstream: UpstreamServer, stream: bool) -> None:
    kwargs: Any = {"model": "tool;chunk=3", "messages": [{"role": "user", "content": TEXT}], "tools": TOOLS}
    if stream:
        calls: dict[int, dict[str, str]] = {}
        finish = None
        for chunk in client(upstream).chat.completions.create(stream=True, **kwargs):
            delta = chunk.choices[0].delta
            for call in delta.tool_calls or []:
                entry = calls.setdefault(call.index, {"name": "", "arguments": ""})
                entry["name"] += (call.function and call.function.name) or ""
                entry["arguments"] += (call.function and call.function.arguments) or ""
                assert len((call.function and call.function.arguments) or "") <= 3
            finish = chunk.choices[0].finish_reason or finish
        name, arguments = calls[0]["name"], calls[0]["arguments"]
    else:
        reply = client(upstream).chat.completions.create(**kwargs)
        tool_call: Any = reply.choices[0].message.tool_calls[0]  # type: ignore[index]
        name, arguments, finish = tool_call.function.name, tool_call.function.arguments, reply.choices[0].finish_reason
    assert name == "lookup"
    assert json.loads(arguments) == {"text": TEXT}
    assert finish == "tool_calls"


def test_async_client_chat_and_stream(upstream: UpstreamServer) -> None:
    async def run() -> tuple[str | None, str]:
        async with openai.AsyncOpenAI(base_url=upstream.base_url, api_key="k", max_retries=0) as aclient:
            messages: Any = [{"role": "user", "content": TEXT}]
            reply = await aclient.chat.completions.create(model="echo", messages=messages)
            stream = await aclient.chat.completions.create(model="echo;chunk=2", messages=messages, stream=True)
            text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
            return reply.choices[0].message.content, text

    assert asyncio.run(run()) == (TEXT, TEXT)
    assert len(upstream.requests) == 2


def test_embeddings_are_deterministic_for_str_and_list(upstream: UpstreamServer) -> None:
    c = client(upstream)
    single = c.embeddings.create(model="emb", input="山田太郎", encoding_format="float")
    many = c.embeddings.create(model="emb", input=["山田太郎", "佐藤花子"], dimensions=4)
    default = c.embeddings.create(model="emb", input="山田太郎")  # the client's own default format

    assert single.data[0].embedding == embedding_for("山田太郎")
    assert [d.embedding for d in many.data] == [embedding_for("山田太郎", 4), embedding_for("佐藤花子", 4)]
    assert default.data[0].embedding == embedding_for("山田太郎")
    assert embedding_for("山田太郎") != embedding_for("佐藤花子")
    assert single.usage.prompt_tokens == 4
    assert upstream.bodies("/v1/embeddings")[1]["input"] == ["山田太郎", "佐藤花子"]


def test_embeddings_base64_is_little_endian_float32(upstream: UpstreamServer) -> None:
    body = {"model": "emb", "input": "abc", "encoding_format": "base64"}
    data = httpx.post(f"{upstream.base_url}/embeddings", json=body).json()["data"][0]["embedding"]
    assert list(struct.unpack("<8f", base64.b64decode(data))) == embedding_for("abc")


def test_models_lists_the_server_models(upstream: UpstreamServer) -> None:
    assert [m.id for m in client(upstream).models.list()] == ["echo", "echo-all", "tool"]
    assert upstream.last.method == "GET" and upstream.last.path == "/v1/models"


def test_slow_mode_delays_and_trips_client_timeouts(upstream: UpstreamServer) -> None:
    messages: Any = [{"role": "user", "content": "待って"}]
    started = time.monotonic()
    reply = client(upstream).chat.completions.create(model="echo;slow=0.3", messages=messages)
    assert time.monotonic() - started >= 0.3
    assert reply.choices[0].message.content == "待って"
    with pytest.raises(openai.APITimeoutError):
        client(upstream, timeout=0.2).chat.completions.create(model="echo;slow=2", messages=messages)


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, openai.BadRequestError), (429, openai.RateLimitError), (500, openai.InternalServerError),
     (503, openai.InternalServerError)],  # fmt: skip
)
def test_error_mode_returns_the_status(upstream: UpstreamServer, status: int, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        client(upstream).chat.completions.create(model=f"echo;error={status}", messages=[{"role": "user", "content": ""}])
    assert caught.value.status_code == status  # type: ignore[attr-defined]
    assert len(upstream.requests) == 1


def test_header_directives_override_the_model_name(upstream: UpstreamServer) -> None:
    reply = client(upstream).chat.completions.create(
        model="echo",
        messages=[{"role": "system", "content": "前提"}, {"role": "user", "content": "本文"}],
        extra_headers={"X-Upstream-Mode": "echo-all"},
    )
    assert reply.choices[0].message.content == "前提\n本文"


def test_unknown_directive_is_a_client_error(upstream: UpstreamServer) -> None:
    with pytest.raises(openai.BadRequestError, match="unknown upstream directive 'chunky'"):
        client(upstream).chat.completions.create(model="echo;chunky=2", messages=[{"role": "user", "content": "x"}])
    assert parse_directives("gpt-4o-mini") == {}
    assert parse_directives("tool;chunk=2;slow=0.5") == {"mode": "tool", "chunk": 2, "slow": 0.5}


def test_cut_breaks_the_stream_after_n_deltas(upstream: UpstreamServer) -> None:
    stream = client(upstream).chat.completions.create(
        model="echo;chunk=1;cut=3", messages=[{"role": "user", "content": "abcdef"}], stream=True
    )
    received = []
    with pytest.raises(openai.APIConnectionError):
        for chunk in stream:
            received.append(chunk.choices[0].delta.content)
    assert received == ["", "a", "b", "c"]


def test_unknown_paths_are_recorded_and_refused(upstream: UpstreamServer) -> None:
    resp = httpx.post(f"{upstream.url}/v1/v1/chat/completions", json={"model": "echo"})
    assert resp.status_code == 404
    assert upstream.last.path == "/v1/v1/chat/completions"


def test_records_are_reset_between_tests(upstream: UpstreamServer) -> None:
    assert upstream.requests == []
    with pytest.raises(LookupError):
        upstream.last  # noqa: B018


def _litellm() -> Any:
    import litellm

    litellm.suppress_debug_info = True
    return litellm


ANTHROPIC_MODEL = "anthropic/claude-3-5-sonnet-20241022"


def test_litellm_reaches_the_anthropic_server(anthropic_upstream: AnthropicServer) -> None:
    litellm = _litellm()
    messages = [{"role": "system", "content": "前提"}, {"role": "user", "content": TEXT}]
    reply = asyncio.run(
        litellm.acompletion(model=ANTHROPIC_MODEL, api_base=anthropic_upstream.url, api_key="test", messages=messages)
    )

    assert reply.choices[0].message.content == TEXT
    assert reply.usage.completion_tokens == len(TEXT)
    assert anthropic_upstream.last.path == "/v1/messages"
    assert anthropic_upstream.last.headers["x-api-key"] == "test"
    body = anthropic_upstream.last_body
    assert body["model"] == "claude-3-5-sonnet-20241022"
    assert body["system"] == [{"type": "text", "text": "前提"}]
    assert body["messages"] == [{"role": "user", "content": [{"type": "text", "text": TEXT}]}]


def test_litellm_streams_from_the_anthropic_server(anthropic_upstream: AnthropicServer) -> None:
    litellm = _litellm()
    anthropic_upstream.behave(chunk=3)

    async def run() -> tuple[list[str], Any]:
        stream = await litellm.acompletion(
            model=ANTHROPIC_MODEL, api_base=anthropic_upstream.url, api_key="test", stream=True,
            messages=[{"role": "user", "content": TEXT}], stream_options={"include_usage": True},
        )  # fmt: skip
        pieces, usage = [], None
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                pieces.append(chunk.choices[0].delta.content)
            usage = getattr(chunk, "usage", None) or usage
        return pieces, usage

    pieces, usage = asyncio.run(run())
    assert "".join(pieces) == TEXT
    assert all(len(p) <= 3 for p in pieces)
    assert usage.completion_tokens == len(TEXT)
    assert anthropic_upstream.last_body["stream"] is True


def test_litellm_anthropic_api_base_must_not_end_in_v1(anthropic_upstream: AnthropicServer) -> None:
    litellm = _litellm()
    with pytest.raises(litellm.NotFoundError):
        asyncio.run(
            litellm.acompletion(
                model=ANTHROPIC_MODEL, api_base=f"{anthropic_upstream.url}/v1", api_key="test",
                messages=[{"role": "user", "content": "x"}],
            )  # fmt: skip
        )
    assert anthropic_upstream.last.path == "/v1/v1/messages"


def test_anthropic_stream_event_order(anthropic_upstream: AnthropicServer) -> None:
    body = {"model": "m", "max_tokens": 10, "stream": True, "messages": [{"role": "user", "content": "abcd"}]}
    anthropic_upstream.behave(chunk=2)
    with httpx.stream("POST", f"{anthropic_upstream.url}/v1/messages", json=body) as resp:
        raw = resp.read().decode()
    kinds = [block.split("\n")[0].removeprefix("event: ") for block in raw.strip().split("\n\n")]
    assert kinds == ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                     "content_block_stop", "message_delta", "message_stop"]  # fmt: skip


def test_redis_is_real(redis_url: str) -> None:
    with redis.Redis.from_url(redis_url) as r:
        assert r.ping()
        r.set("sekisho:test", "関所")
        assert r.get("sekisho:test") == "関所".encode()
        assert r.config_get("save") == {"save": ""}
    assert ping(int(redis_url.rsplit(":", 1)[1].split("/")[0]))


def test_fresh_redis_url_is_empty(redis_url: str, fresh_redis_url: str) -> None:
    assert fresh_redis_url == redis_url
    with redis.Redis.from_url(fresh_redis_url) as r:
        assert r.dbsize() == 0


def test_serve_app_runs_lifespan_and_shuts_down_cleanly() -> None:
    events: list[str] = []

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        events.append("startup")
        yield
        events.append("shutdown")

    async def hello(request: Request) -> PlainTextResponse:
        return PlainTextResponse("こんにちは")

    app = Starlette(routes=[Route("/", hello)], lifespan=lifespan)
    with serve_app(app) as url:
        assert httpx.get(url).text == "こんにちは"
    assert events == ["startup", "shutdown"]
    with pytest.raises(httpx.ConnectError):
        httpx.get(url)


def test_model_entries_are_valid_gateway_config(upstream: UpstreamServer, anthropic_upstream: AnthropicServer) -> None:
    from gateway.config import ModelConfig

    entry = ModelConfig.model_validate(upstream.model_entry("local", upstream_model="tool;chunk=2"))
    assert entry.upstream.model_dump()["base_url"] == upstream.base_url
    anthropic = ModelConfig.model_validate(anthropic_upstream.model_entry("claude", api_key="env:ANTHROPIC_KEY"))
    assert anthropic.zone == "overseas"
    assert anthropic.upstream.model_dump()["model"] == "anthropic/claude-3-5-sonnet-20241022"
    assert anthropic.upstream.model_dump()["params"] == {"api_base": anthropic_upstream.url}


def test_free_port_is_bindable() -> None:
    port = free_port()
    assert 1024 < port < 65536


def test_gateway_process_that_fails_to_start_reports_its_log(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(RuntimeError, match="exited with code"):
        with run_gateway_process(missing, startup_timeout_s=60):
            pass  # pragma: no cover


def test_gateway_process_serves_healthz(tmp_config: Callable[..., Path]) -> None:
    if not all(importlib.util.find_spec(m) for m in ("gateway.cli.__main__", "gateway.cli.serve")):
        pytest.skip("gateway.cli serve (and gateway/cli/__main__.py) not written yet")
    from gateway.config import bundled_config_path

    bundled = yaml.safe_load(bundled_config_path().read_text(encoding="utf-8"))
    config = tmp_config({**bundled, "audit": {"dir": "audit"}})
    with run_gateway_process(config) as gw:
        assert httpx.get(f"{gw.base_url}/healthz").status_code == 200
        proc = gw.process
    assert proc.returncode is not None
    assert gw.log_path.exists()


def test_network_guard_refuses_anything_but_loopback() -> None:
    from tests import conftest

    before = len(conftest._refused)
    with pytest.raises(OSError, match="refused by tests/conftest.py"):
        socket.getaddrinfo("api.openai.com", 443)
    with socket.socket() as sock, pytest.raises(OSError, match="refused by tests/conftest.py"):
        sock.connect(("192.0.2.1", 443))
    provoked = conftest._refused[before:]
    del conftest._refused[before:]  # provoked on purpose: not a failure of this test
    assert provoked == ["socket.getaddrinfo 'api.openai.com'", "socket.connect '192.0.2.1'"]
    with pytest.raises(OSError, match="refused"):
        socket.getaddrinfo("upstream.invalid", 443)
    assert len(conftest._refused) == before
    assert socket.getaddrinfo("localhost", 80) and socket.getaddrinfo("127.0.0.1", 80)


@pytest.mark.parametrize(
    ("host", "local"),
    [("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True), ("0.0.0.0", True), (None, True),
     ("10.0.0.1", False), ("api.openai.com", False), ("raw.githubusercontent.com", False)],  # fmt: skip
)
def test_network_guard_loopback_table(host: str | None, local: bool) -> None:
    from tests.conftest import _is_loopback

    assert _is_loopback(host) is local


def test_chromium_runs_headless(chromium_executable: str, tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<title>関所</title>", encoding="utf-8")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable, headless=True, args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.goto(page.as_uri())
            assert tab.title() == "関所"
        finally:
            browser.close()
