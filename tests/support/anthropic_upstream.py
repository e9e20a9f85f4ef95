"""A real Anthropic Messages-API upstream over loopback (`POST /v1/messages`) that records every request.

It answers with the text of the last user message, as JSON or as Anthropic's SSE events
(message_start, content_block_start, ping, content_block_delta…, content_block_stop, message_delta,
message_stop). Behaviour uses the same `Behaviour` and directives as `tests.support.upstream`
(server default via `behave(...)`, or the `X-Upstream-Mode` header; `model` is not parsed here
because litellm forwards it as the Anthropic model id): `echo`, `echo-all`, `reply`, `chunk=N`,
`slow=S`, `gap=S`, `error=STATUS`, `cut=N`. Tools are not supported. Usage counts one token per
character. litellm reaches it with `model="anthropic/<id>"` and `api_base=server.url` (no `/v1`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.support.servers import serve_app
from tests.support.recording import Behaviour, DirectiveError, RecordingServer, StreamCut, chunks, message_text


def _system_text(system: Any) -> str:
    if isinstance(system, str):
        return system
    return message_text({"content": system}) if isinstance(system, list) else ""


class AnthropicServer(RecordingServer):
    """The recording Messages-API server; point litellm's `api_base` at `url`."""

    def __init__(self) -> None:
        super().__init__([Route("/v1/messages", self._messages, methods=["POST"])])

    def _error(self, status: int, message: str) -> JSONResponse:
        return _error(status, message)

    def model_entry(
        self,
        name: str,
        zone: str = "overseas",
        model: str = "claude-3-5-sonnet-20241022",
        api_key: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A `models:` item of sekisho.yaml reaching this server through litellm (`api_key`: `env:NAME`)."""
        upstream: dict[str, Any] = {"type": "litellm", "model": f"anthropic/{model}", "params": {"api_base": self.url}}
        if api_key is not None:
            upstream["api_key"] = api_key
        return {"name": name, "zone": zone, "upstream": upstream, **extra}

    async def _messages(self, request: Request) -> Response:
        rec = await self._record(request)
        mid = self._next_id("msg_test")
        try:
            b = self._behaviour(rec, from_model=False)
        except DirectiveError as exc:
            return _error(400, str(exc))
        body = rec.body if isinstance(rec.body, dict) else {}
        messages = body.get("messages")
        if not isinstance(messages, list) or not isinstance(body.get("max_tokens"), int):
            return _error(400, "messages (a list) and max_tokens (an integer) are required")
        if b.slow:
            await asyncio.sleep(b.slow)
        if b.error is not None:
            return _error(b.error, f"upstream test error {b.error}")
        texts = [message_text(m) for m in messages if isinstance(m, dict)]
        users = [message_text(m) for m in messages if isinstance(m, dict) and m.get("role") == "user"]
        if b.mode == "echo-all":
            answer = "\n".join([_system_text(body.get("system")), *texts]).lstrip("\n")
        elif b.mode == "reply":
            answer = b.reply
        else:
            answer = users[-1] if users else ""
        input_tokens = len(_system_text(body.get("system"))) + sum(len(t) for t in texts)
        model = str(body.get("model", ""))
        if body.get("stream"):
            events = _stream(b, mid, model, answer, input_tokens)
            return StreamingResponse(events, media_type="text/event-stream")
        return JSONResponse({
            "id": mid, "type": "message", "role": "assistant", "model": model,
            "content": [{"type": "text", "text": answer}],
            "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": len(answer)},
        })  # fmt: skip


def _error(status: int, message: str) -> JSONResponse:
    kind = {400: "invalid_request_error", 401: "authentication_error", 404: "not_found_error",
            429: "rate_limit_error", 529: "overloaded_error"}.get(status, "api_error")  # fmt: skip
    return JSONResponse({"type": "error", "error": {"type": kind, "message": message}}, status_code=status)


def _sse(kind: str, data: dict[str, Any]) -> bytes:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def _stream(b: Behaviour, mid: str, model: str, text: str, input_tokens: int) -> AsyncIterator[bytes]:
    yield _sse("message_start", {"type": "message_start", "message": {
        "id": mid, "type": "message", "role": "assistant", "model": model, "content": [],
        "stop_reason": None, "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": 1}}})  # fmt: skip
    yield _sse("content_block_start", {"type": "content_block_start", "index": 0,
                                       "content_block": {"type": "text", "text": ""}})  # fmt: skip
    yield _sse("ping", {"type": "ping"})
    for n, piece in enumerate(chunks(text, b.chunk)):
        if b.cut is not None and n >= b.cut:
            raise StreamCut(f"stream cut after {n} deltas, as asked")
        if b.gap:
            await asyncio.sleep(b.gap)
        yield _sse("content_block_delta", {"type": "content_block_delta", "index": 0,
                                           "delta": {"type": "text_delta", "text": piece}})  # fmt: skip
    yield _sse("content_block_stop", {"type": "content_block_stop", "index": 0})
    yield _sse("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                                 "usage": {"output_tokens": len(text)}})  # fmt: skip
    yield _sse("message_stop", {"type": "message_stop"})


@contextmanager
def start_anthropic_upstream(**behaviour: Any) -> Iterator[AnthropicServer]:
    """Serve a fresh `AnthropicServer` on a free loopback port for the duration of the block."""
    server = AnthropicServer()
    if behaviour:
        server.behave(**behaviour)
    with serve_app(server.app) as url:
        server.url = url
        yield server
