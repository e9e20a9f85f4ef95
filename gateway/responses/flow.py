"""/v1/responses through the request path: inspected like chat, then passed to an upstream that serves
it or bridged onto chat completions; the answer restored and screened, whole or event by event."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import aclosing
from typing import Any

from gateway.answer import relay, screen_answer
from gateway.errors import SekishoError, UpstreamError
from gateway.inspect import responses_texts
from gateway.pipeline import (
    Exchange,
    _answered,
    _guards,
    _reading,
    _send,
    audited_stream,
    copy_body,
    inspect,
)
from gateway.registry import Deployment
from gateway.responses import bridge
from gateway.responses.screen import relay_events, screen_response
from gateway.services import Services
from gateway.upstream.base import native_responses

log = logging.getLogger("sekisho.pipeline")

async def responses(services: Services, ex: Exchange, original: dict[str, Any]) -> dict[str, Any]:
    """/v1/responses, whole: passed to an upstream that serves it, else bridged onto chat completions."""
    body = copy_body(original)
    plan = await inspect(services, ex, body, responses_texts(body, *_reading(services)))
    t0 = time.perf_counter()
    native, answer = await _send(services, ex, plan, body, _responses_call(services, stream=False))
    public = _answered(ex) or plan.target.name
    if native:
        ex.upstream_ms = (time.perf_counter() - t0) * 1000
        await screen_response(answer, _guards(services, ex, plan), ex)
        ex.usage = _chat_usage(answer.get("usage"))
        return bridge.echo_request(answer, original, public)
    chat_answer = answer
    ex.upstream_ms = (time.perf_counter() - t0) * 1000
    if not isinstance(chat_answer, dict):
        raise UpstreamError("上流モデルの応答の形式が正しくありません。 (malformed upstream answer)")
    ex.usage = chat_answer.get("usage") if isinstance(chat_answer.get("usage"), dict) else None
    await screen_answer(chat_answer, _guards(services, ex, plan), ex, drop_logprobs=True)
    return bridge.from_chat(chat_answer, original, public)


async def open_responses_stream(services: Services, ex: Exchange, original: dict[str, Any]) -> AsyncIterator[bytes]:
    """/v1/responses, streamed: inspected and opened before the first byte, like chat streams."""
    body = copy_body(original)
    ex.stream = True
    plan = await inspect(services, ex, body, responses_texts(body, *_reading(services)))
    t0 = time.perf_counter()
    native, stream = await _send(services, ex, plan, body, _responses_call(services, stream=True))
    public = _answered(ex) or plan.target.name

    def first(_: Any) -> None:
        if ex.upstream_ms is None:
            ex.upstream_ms = (time.perf_counter() - t0) * 1000

    if native:

        def on_event(event: dict[str, Any]) -> None:
            first(event)
            if event.get("type") in ("response.completed", "response.incomplete") and isinstance(event.get("response"), dict):
                ex.usage = _chat_usage(event["response"].get("usage"))
                bridge.echo_request(event["response"], original, public)
            elif isinstance(event.get("response"), dict):
                bridge.echo_request(event["response"], original, public)

        events = relay_events(stream, _guards(services, ex, plan), ex, on_event)
    else:

        def on_chunk(chunk: dict[str, Any]) -> None:
            first(chunk)
            if isinstance(chunk.get("usage"), dict):
                ex.usage = chunk["usage"]

        chunks = relay(stream, _guards(services, ex, plan), ex, True, on_chunk)
        events = bridge.events_from_chat(chunks, original, public)
    return _relay_events(services, ex, stream, events)


_TERMINAL = ("response.completed", "response.incomplete", "response.failed")


async def _relay_events(services: Services, ex: Exchange, stream: Any, events: AsyncIterator[dict[str, Any]]) -> AsyncIterator[bytes]:
    # The terminal event (response.completed …) is what tells a client the stream is whole: like
    # chat's [DONE], it goes out only once the final audit record is on disk, else an error event does.
    held: list[dict[str, Any]] = []

    async def body() -> AsyncIterator[bytes]:
        nonlocal held
        async for event in events:
            for earlier in held:
                yield bridge.sse_event(earlier)
            held = [event] if event.get("type") in _TERMINAL else []
            if not held:
                yield bridge.sse_event(event)

    # Closed with this generator, not when collected: its cleanup closes the upstream and writes the final record.
    async with aclosing(audited_stream(services, ex, stream, body(), lambda: [bridge.sse_event(e) for e in held], _error_event)) as parts:
        async for part in parts:
            yield part


def _error_event(err: SekishoError) -> bytes:
    return bridge.sse_event({"type": "error", "sequence_number": 0, "code": err.code, "message": err.message, "param": err.param})


def _responses_call(services: Services, *, stream: bool) -> Any:
    """Each deployment is asked the way its model is configured: its own /responses, or chat completions."""

    async def call(d: Deployment, body: dict[str, Any]) -> tuple[bool, Any]:
        if services.registry.get(d.model).config.responses == "native":
            native = native_responses(d.upstream)
            return True, await (native.responses_stream(body) if stream else native.responses(body))
        chat = bridge.to_chat(body)
        return False, await (d.upstream.chat_stream(chat) if stream else d.upstream.chat(chat))

    return call


def _chat_usage(usage: Any) -> dict[str, Any] | None:
    """Responses usage in the chat shape the audit record and prices read."""
    if not isinstance(usage, dict):
        return None
    inp, out = int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0)
    return {"prompt_tokens": inp, "completion_tokens": out, "total_tokens": int(usage.get("total_tokens") or inp + out)}
