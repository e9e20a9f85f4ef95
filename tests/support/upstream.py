"""A real OpenAI-compatible upstream over loopback that records every request it receives.

Endpoints: `POST /v1/chat/completions` (JSON or SSE stream), `POST /v1/embeddings`, `GET /v1/models`.

Behaviour is a `Behaviour` value, merged from three layers, later wins:

1. the server default: `server.behave(mode="tool", chunk=2)`; `server.reset()` restores `Behaviour()`;
2. directives in the request's `model` name;
3. directives in the request header `X-Upstream-Mode`.

Directives are `;`-separated tokens: a mode name, or `key=value`. Other tokens (a plain model name
such as `gpt-4o-mini`) are ignored, so `"echo"`, `"tool;chunk=2"`, `"gpt-4o;slow=1.5"` and
`"echo;chunk=1;gap=0.05;cut=3"` are all valid; an unknown key is a 400 error.

| directive | meaning |
|---|---|
| `echo` (default) | answer with the text of the last user message (string content or text parts, concatenated) |
| `echo-all` | answer with every message's text joined by "\n" |
| `tool` | answer with one tool call `{"text": <last user text>}` (name: the first tool offered, else `echo`) |
| `reply` | answer with `Behaviour.reply` (server default only: `server.behave(mode="reply", reply="…")`) |
| `chunk=N` | characters per streamed content (or tool-argument) delta; default 4 |
| `slow=S` | sleep S seconds before answering |
| `gap=S` | sleep S seconds between streamed chunks |
| `error=STATUS` | answer with that HTTP status and an OpenAI-shaped error body (chat and embeddings) |
| `cut=N` | break the connection after N streamed deltas, without `[DONE]` |

Usage counts one token per character: prompt = characters of all message texts, completion =
characters of the answer (or of the tool arguments). Embeddings are `embedding_for(text, dims)`
(8 dimensions unless `dimensions` is sent); `encoding_format="base64"` is honoured.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import json
import logging
import struct
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.support.servers import serve_app

MODES = ("echo", "echo-all", "tool", "reply")
MODE_HEADER = "x-upstream-mode"
DEFAULT_MODELS = ("echo", "echo-all", "tool")


@dataclass(frozen=True)
class Behaviour:
    """How the upstream answers one request."""

    mode: str = "echo"
    chunk: int = 4
    slow: float = 0.0
    gap: float = 0.0
    error: int | None = None
    cut: int | None = None
    reply: str = ""


class DirectiveError(ValueError):
    """A directive in a model name or header is not understood."""


def parse_directives(text: str | None) -> dict[str, Any]:
    """Turn `"tool;chunk=2"` into `{"mode": "tool", "chunk": 2}`; tokens that are neither are ignored."""
    out: dict[str, Any] = {}
    for token in (text or "").split(";"):
        token = token.strip()
        if token in MODES:
            out["mode"] = token
        elif "=" in token:
            key, _, value = token.partition("=")
            key = key.strip()
            try:
                if key in ("chunk", "error", "cut"):
                    out[key] = int(value)
                elif key in ("slow", "gap"):
                    out[key] = float(value)
                else:
                    raise DirectiveError(f"unknown upstream directive {key!r}")
            except ValueError as exc:
                raise DirectiveError(f"bad upstream directive {token!r}: {exc}") from exc
    if out.get("chunk", 1) < 1:
        raise DirectiveError("chunk must be >= 1")
    return out


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the upstream received it; header names are lower-case."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or None when the body was empty or not JSON
    raw: bytes


def message_text(message: dict[str, Any]) -> str:
    """The text of one chat message: string content, or its text parts concatenated."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
    return ""


def last_user_text(messages: list[dict[str, Any]]) -> str:
    """The text of the last message whose role is `user` ("" when there is none)."""
    users = [m for m in messages if isinstance(m, dict) and m.get("role") == "user"]
    return message_text(users[-1]) if users else ""


def embedding_for(text: str, dims: int = 8) -> list[float]:
    """A deterministic vector for `text`; values are multiples of 2**-16, exact in float32."""
    digest = hashlib.shake_256(text.encode("utf-8")).digest(2 * dims)
    return [int.from_bytes(digest[2 * i : 2 * i + 2], "big") / 65536 - 0.5 for i in range(dims)]


def chunks(text: str, size: int) -> list[str]:
    """`text` split into pieces of `size` characters (the last may be shorter)."""
    return [text[i : i + size] for i in range(0, len(text), size)]


class RecordingServer:
    """What every test upstream shares: the record of requests and the default behaviour."""

    def __init__(self, routes: list[Route]) -> None:
        self.url = ""  # set when served
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._default = Behaviour()
        self._ids = 0
        # The catch-all records calls to paths we do not serve, so a wrong URL shows up in the record.
        catch_all = Route("/{path:path}", self._unknown, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
        self.app = Starlette(routes=[*routes, catch_all])

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of every request received since the last `clear()`."""
        with self._lock:
            return list(self._requests)

    @property
    def last(self) -> RecordedRequest:
        """The most recent request; fails loudly when there was none."""
        with self._lock:
            if not self._requests:
                raise LookupError(f"{type(self).__name__} received no request")
            return self._requests[-1]

    @property
    def last_body(self) -> Any:
        """The parsed JSON body of the most recent request."""
        return self.last.body

    def bodies(self, path: str | None = None) -> list[Any]:
        """Parsed bodies of all requests, optionally only those to `path` (e.g. "/v1/chat/completions")."""
        return [r.body for r in self.requests if path is None or r.path == path]

    def clear(self) -> None:
        """Forget the recorded requests."""
        with self._lock:
            self._requests.clear()

    def behave(self, **changes: Any) -> None:
        """Change the server default behaviour (fields of `Behaviour`)."""
        with self._lock:
            self._default = dataclasses.replace(self._default, **changes)

    def reset(self) -> None:
        """Forget the records and restore the default behaviour."""
        with self._lock:
            self._requests.clear()
            self._default = Behaviour()

    async def _record(self, request: Request) -> RecordedRequest:
        raw = await request.body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        rec = RecordedRequest(
            method=request.method,
            path=request.url.path,
            query=request.url.query,
            headers={k.lower(): v for k, v in request.headers.items()},
            body=body,
            raw=raw,
        )
        with self._lock:
            self._requests.append(rec)
        return rec

    def _behaviour(self, rec: RecordedRequest, *, from_model: bool) -> Behaviour:
        with self._lock:
            base = self._default
        model = rec.body.get("model") if isinstance(rec.body, dict) and from_model else None
        merged = parse_directives(model if isinstance(model, str) else None)
        merged.update(parse_directives(rec.headers.get(MODE_HEADER)))
        return dataclasses.replace(base, **merged)

    def _next_id(self, prefix: str) -> str:
        with self._lock:
            self._ids += 1
            return f"{prefix}{self._ids}"

    async def _unknown(self, request: Request) -> Response:
        await self._record(request)
        return self._error(404, f"no such endpoint: {request.method} {request.url.path}")

    def _error(self, status: int, message: str) -> JSONResponse:
        return _error(status, message)


class UpstreamServer(RecordingServer):
    """The OpenAI-compatible server; `base_url` is what an OpenAI client or the gateway config points at."""

    def __init__(self, models: tuple[str, ...] = DEFAULT_MODELS) -> None:
        self.models = models
        super().__init__(
            [
                Route("/v1/chat/completions", self._chat, methods=["POST"]),
                Route("/v1/embeddings", self._embeddings, methods=["POST"]),
                Route("/v1/models", self._models, methods=["GET"]),
            ]
        )

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL, ending in `/v1`."""
        return f"{self.url}/v1"

    def model_entry(self, name: str, zone: str = "onprem", upstream_model: str | None = None, **extra: Any) -> dict[str, Any]:
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
            return _error(400, str(exc))
        body = rec.body if isinstance(rec.body, dict) else {}
        messages = body.get("messages")
        if not isinstance(messages, list):
            return _error(400, "messages must be a list")
        if b.slow:
            await asyncio.sleep(b.slow)
        if b.error is not None:
            return _error(b.error, f"upstream test error {b.error}")
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
            message: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_test1", "type": "function", "function": {"name": tool_name, "arguments": out_text}}]}  # fmt: skip
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
            return _error(400, str(exc))
        body = rec.body if isinstance(rec.body, dict) else {}
        if b.slow:
            await asyncio.sleep(b.slow)
        if b.error is not None:
            return _error(b.error, f"upstream test error {b.error}")
        inputs = _embedding_inputs(body.get("input"))
        if inputs is None:
            return _error(400, "input must be a string, a list of strings, or token arrays")
        dims = int(body.get("dimensions") or 8)
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


def _error(status: int, message: str) -> JSONResponse:
    body = {"error": {"message": message, "type": "upstream_test_error", "param": None, "code": str(status)}}
    return JSONResponse(body, status_code=status)


class StreamCut(Exception):
    """Raised inside a stream to break the connection on purpose (`cut=N`)."""


class _HideStreamCut(logging.Filter):
    # A cut asked for by the test is not an error worth a traceback in the test output.
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], StreamCut))


logging.getLogger("uvicorn.error").addFilter(_HideStreamCut())


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
