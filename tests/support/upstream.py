"""A real OpenAI-compatible upstream over loopback that records every request it receives.

Endpoints: `POST /v1/chat/completions` (JSON or SSE stream), `POST /v1/embeddings`, `GET /v1/models`;
any other path is recorded and answered 404. Behaviour per server, per `model` name and per
`X-Upstream-Mode` header: see `tests.support.recording` (`echo`, `echo-all`, `tool`, `reply`,
`chunk=N`, `slow=S`, `gap=S`, `error=STATUS`, `cut=N`), e.g. `model="tool;chunk=2"`.

Usage counts one token per character: prompt = characters of all message texts, completion =
characters of the answer (or of the tool arguments). Embeddings are `embedding_for(text, dims)`
(8 dimensions unless `dimensions` is sent); `encoding_format="base64"` is honoured.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import struct
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.support.recording import (
    Behaviour,
    DirectiveError,
    RecordedRequest,
    RecordingServer,
    StreamCut,
    chunks,
    last_user_text,
    message_text,
    openai_error,
    parse_directives,
)
from tests.support.responses_upstream import response_body, response_events
from tests.support.servers import serve_app

__all__ = ["Behaviour", "RecordedRequest", "UpstreamServer", "embedding_for", "parse_directives", "start_upstream"]

DEFAULT_MODELS = ("echo", "echo-all", "tool")


def embedding_for(text: str, dims: int = 8) -> list[float]:
    """A deterministic vector for `text`; values are multiples of 2**-16, exact in float32."""
    digest = hashlib.shake_256(text.encode("utf-8")).digest(2 * dims)
    return [int.from_bytes(digest[2 * i : 2 * i + 2], "big") / 65536 - 0.5 for i in range(dims)]


class UpstreamServer(RecordingServer):
    """The OpenAI-compatible server; `base_url` is what an OpenAI client or the gateway config points at."""

    def __init__(self, models: tuple[str, ...] = DEFAULT_MODELS) -> None:
        self.models = models
        super().__init__(
            [
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/v1/embeddings", self._embeddings, methods=["POST"]),
                Route("/v1/responses", self._responses, methods=["POST"]),
                Route("/v1/models", self._models, methods=["GET"]),
            ]
        )

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL, ending in `/v1`."""
        return f"{self.url}/v1"

    def model_entry(
        self, name: str, zone: str = "onprem", upstream_model: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        """A `models:` item of sekisho.yaml served by this upstream (`upstream_model` may carry directives)."""
        upstream: dict[str, Any] = {"type": "openai", "base_url": self.base_url}
        if upstream_model is not None:
            upstream["model"] = upstream_model
        return {"name": name, "zone": zone, "upstream": upstream, **extra}

    async def _chat(self, request: Request) -> Response:
        rec = await self._record(request)
        try:
            b = self._behaviour(rec, from_model=True)
        except DirectiveError as exc:
            return openai_error(400, str(exc))
        body = rec.body if isinstance(rec.body, dict) else {}
        messages = body.get("messages")
        if not isinstance(messages, list):
            return openai_error(400, "messages must be a list")
        if b.slow:
            await asyncio.sleep(b.slow)
        if b.error is not None:
            return openai_error(b.error, f"upstream test error {b.error}")
        answer = _answer(b, messages)
        tool_name = _first_tool_name(body)
        prompt_tokens = sum(len(message_text(m)) for m in messages if isinstance(m, dict))
        out_text = json.dumps({"text": answer}, ensure_ascii=False) if b.mode == "tool" else answer
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": len(out_text),
                 "total_tokens": prompt_tokens + len(out_text)}  # fmt: skip
        model = str(body.get("model", ""))
        cid = self._next_id("chatcmpl-test")
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            events = _chat_stream(b, cid, model, out_text, tool_name, usage if include_usage else None)
            return StreamingResponse(events, media_type="text/event-stream")
        if b.mode == "tool":
            call = {"id": "call_test1", "type": "function", "function": {"name": tool_name, "arguments": out_text}}
            message: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [call]}
            finish = "tool_calls"
        else:
            message, finish = {"role": "assistant", "content": out_text}, "stop"
        return JSONResponse({
            "id": cid, "object": "chat.completion", "created": int(time.time()), "model": model,
            "system_fingerprint": None, "usage": usage,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        })  # fmt: skip

    async def _embeddings(self, request: Request) -> Response:
        rec = await self._record(request)
        try:
            b = self._behaviour(rec, from_model=True)
        except DirectiveError as exc:
            return openai_error(400, str(exc))
        body = rec.body if isinstance(rec.body, dict) else {}
        if b.slow:
            await asyncio.sleep(b.slow)
        if b.error is not None:
            return openai_error(b.error, f"upstream test error {b.error}")
        inputs = _embedding_inputs(body.get("input"))
        if inputs is None:
            return openai_error(400, "input must be a string, a list of strings, or token arrays")
        dims = body.get("dimensions") or 8
        if not isinstance(dims, int) or not 1 <= dims <= 4096:
            return openai_error(400, "dimensions must be an integer from 1 to 4096")
        data = []
        for i, text in enumerate(inputs):
            vec = embedding_for(text, dims)
            value: Any = vec
            if body.get("encoding_format") == "base64":
                value = base64.b64encode(struct.pack(f"<{dims}f", *vec)).decode("ascii")
            data.append({"object": "embedding", "index": i, "embedding": value})
        tokens = sum(len(t) for t in inputs)
        return JSONResponse({"object": "list", "data": data, "model": str(body.get("model", "")),
                             "usage": {"prompt_tokens": tokens, "total_tokens": tokens}})  # fmt: skip

    async def _responses(self, request: Request) -> Response:
        rec = await self._record(request)
        try:
            b = self._behaviour(rec, from_model=True)
        except DirectiveError as exc:
            return openai_error(400, str(exc))
        body = rec.body if isinstance(rec.body, dict) else {}
        if b.error is not None:
            return openai_error(b.error, f"upstream test error {b.error}")
        rid = self._next_id("r")
        if body.get("stream"):
            return StreamingResponse(response_events(b, body, rid), media_type="text/event-stream")
        return JSONResponse(response_body(b, body, rid))

    async def _models(self, request: Request) -> Response:
        await self._record(request)
        data = [{"id": m, "object": "model", "created": 0, "owned_by": "sekisho-test"} for m in self.models]
        return JSONResponse({"object": "list", "data": data})


def _answer(b: Behaviour, messages: list[Any]) -> str:
    if b.mode == "echo-all":
        return "\n".join(message_text(m) for m in messages if isinstance(m, dict))
    if b.mode == "reply":
        return b.reply
    return last_user_text(messages)


def _first_tool_name(body: dict[str, Any]) -> str:
    tools = body.get("tools")
    if isinstance(tools, list) and tools and isinstance(tools[0], dict):
        name = (tools[0].get("function") or {}).get("name")
        if isinstance(name, str):
            return name
    return "echo"


def _embedding_inputs(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, int) for v in value):
        return [repr(value)]  # one token array
    if isinstance(value, list) and value and all(isinstance(v, str | list) for v in value):
        return [v if isinstance(v, str) else repr(v) for v in value]
    return None


async def _chat_stream(
    b: Behaviour, cid: str, model: str, text: str, tool_name: str, usage: dict[str, int] | None
) -> AsyncIterator[bytes]:
    created = int(time.time())

    def event(delta: dict[str, Any] | None, finish: str | None = None, **extra: Any) -> bytes:
        chunk: dict[str, Any] = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                                 "system_fingerprint": None, "choices": []}  # fmt: skip
        if delta is not None:
            chunk["choices"] = [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]
        if usage is not None:
            chunk["usage"] = extra.get("usage")
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()

    if b.mode == "tool":
        call = {"index": 0, "id": "call_test1", "type": "function", "function": {"name": tool_name, "arguments": ""}}
        yield event({"role": "assistant", "content": None, "tool_calls": [call]})
        deltas = [{"tool_calls": [{"index": 0, "function": {"arguments": p}}]} for p in chunks(text, b.chunk)]
        finish = "tool_calls"
    else:
        yield event({"role": "assistant", "content": ""})
        deltas = [{"content": p} for p in chunks(text, b.chunk)]
        finish = "stop"
    for n, delta in enumerate(deltas):
        if b.cut is not None and n >= b.cut:
            raise StreamCut(f"stream cut after {n} deltas, as asked")
        if b.gap:
            await asyncio.sleep(b.gap)
        yield event(delta)
    yield event({}, finish)
    if usage is not None:
        yield event(None, usage=usage)
    yield b"data: [DONE]\n\n"


@contextmanager
def start_upstream(models: tuple[str, ...] = DEFAULT_MODELS, **behaviour: Any) -> Iterator[UpstreamServer]:
    """Serve a fresh `UpstreamServer` on a free loopback port for the duration of the block."""
    server = UpstreamServer(models)
    if behaviour:
        server.behave(**behaviour)
    with serve_app(server.app) as url:
        server.url = url
        yield server
