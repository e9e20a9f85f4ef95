"""What the test upstreams share: a thread-safe record of requests, and behaviour chosen per request.

Behaviour is a `Behaviour` value, merged from three layers, later wins:

1. the server default: `server.behave(mode="tool", chunk=2)`; `server.reset()` restores `Behaviour()`;
2. directives in the request's `model` name (OpenAI server only);
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
| `error=STATUS` | answer with that HTTP status and a provider-shaped error body |
| `cut=N` | break the connection after N streamed deltas, without the closing events |
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

MODES = ("echo", "echo-all", "tool", "reply")
MODE_HEADER = "x-upstream-mode"


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


def chunks(text: str, size: int) -> list[str]:
    """`text` split into pieces of `size` characters (the last may be shorter)."""
    return [text[i : i + size] for i in range(0, len(text), size)]


class StreamCut(Exception):
    """Raised inside a stream to break the connection on purpose (`cut=N`)."""


class _HideStreamCut(logging.Filter):
    # A cut asked for by the test is not an error worth a traceback in the test output.
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], StreamCut))


logging.getLogger("uvicorn.error").addFilter(_HideStreamCut())


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
        return openai_error(status, message)


def openai_error(status: int, message: str) -> JSONResponse:
    """An OpenAI-shaped error response."""
    body = {"error": {"message": message, "type": "upstream_test_error", "param": None, "code": str(status)}}
    return JSONResponse(body, status_code=status)
