"""A Responses API answer from an upstream that serves /responses: every text restored and screened,
whole or event by event.

Texts of an answer: output_text and refusal parts of message items, function and custom tool call
arguments, and reasoning summaries. In a stream, each `*.delta` run (per item, part and kind) has its
own OutputGuard; the matching `*.done` event, the finished item and the final response carry exactly
the text that was released, so a client that rebuilds the answer from either sees the same thing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from gateway.answer import NewGuard, Sink
from gateway.errors import UpstreamError
from gateway.output import OutputGuard

Body = dict[str, Any]
Key = tuple[str, int, str]  # (item id, part index, text kind)
Whole = Callable[[str, bool], Awaitable[str]]

# delta event type -> (field of its .done event, kind, JSON-escaped values)
_DELTAS = {
    "response.output_text.delta": ("response.output_text.done", "text", False),
    "response.refusal.delta": ("response.refusal.done", "refusal", False),
    "response.function_call_arguments.delta": ("response.function_call_arguments.done", "arguments", True),
    "response.custom_tool_call_input.delta": ("response.custom_tool_call_input.done", "input", False),
    "response.reasoning_summary_text.delta": ("response.reasoning_summary_text.done", "text", False),
    "response.reasoning_text.delta": ("response.reasoning_text.done", "text", False),
}
_DONE = {done: (field, escape) for done, field, escape in _DELTAS.values()}
_FINAL = ("response.completed", "response.incomplete", "response.failed")


def _key(event: Body, kind: str) -> Key:
    index = event.get("content_index", event.get("summary_index", 0))
    return (str(event.get("item_id", "")), int(index or 0), kind)


def _whole(new_guard: NewGuard, sink: Sink) -> Whole:
    async def whole(text: str, json_escape: bool) -> str:
        guard = new_guard(json_escape)
        out = await guard.whole(text)
        sink.answer_parts.append(out)
        for entity, n in guard.entities.items():
            sink.output_entities[entity] = sink.output_entities.get(entity, 0) + n
        return out

    return whole


class _Released:
    """The text released so far per key, joined when read: appended to a str kept in a dict, a long
    answer of many deltas would be copied whole at every delta."""

    def __init__(self) -> None:
        self._parts: dict[Key, list[str]] = {}

    def add(self, key: Key, text: str) -> None:
        self._parts.setdefault(key, []).append(text)

    def set(self, key: Key, text: str) -> None:
        self._parts[key] = [text]

    def __contains__(self, key: object) -> bool:
        return key in self._parts

    def __getitem__(self, key: Key) -> str:
        parts = self._parts[key]
        if len(parts) != 1:
            parts[:] = ["".join(parts)]
        return parts[0]

    def get(self, key: Key) -> str:
        return self[key] if key in self._parts else ""


async def _item(item: Any, released: _Released, whole: Whole) -> None:
    """Put the released (or, for text never streamed, screened) texts into an output item."""
    if not isinstance(item, dict):
        raise UpstreamError("上流モデルの応答の形式が正しくありません。 (malformed response item)")
    item_id = str(item.get("id", ""))
    kind = item.get("type")
    if kind == "message":
        for i, part in enumerate(item.get("content") or []):
            for field in ("text", "refusal"):
                if isinstance(part, dict) and isinstance(part.get(field), str):
                    key = (item_id, i, field)
                    part[field] = released[key] if key in released else await whole(part[field], False)
            if isinstance(part, dict) and part.get("logprobs"):
                part["logprobs"] = []  # token log-probabilities would spell out what was masked
    elif kind in ("function_call", "custom_tool_call"):
        field = "arguments" if kind == "function_call" else "input"
        if isinstance(item.get(field), str):
            key = (item_id, 0, field)
            item[field] = released[key] if key in released else await whole(item[field], field == "arguments")
    elif kind == "reasoning":
        for listing in ("summary", "content"):
            for i, part in enumerate(item.get(listing) or []):
                if isinstance(part, dict) and isinstance(part.get("text"), str):
                    key = (item_id, i, "text")
                    part["text"] = released[key] if key in released else await whole(part["text"], False)


async def screen_response(response: Body, new_guard: NewGuard, sink: Sink) -> None:
    """Restore and screen a whole Response in place."""
    output = response.get("output")
    if not isinstance(output, list):
        raise UpstreamError("上流モデルの応答の形式が正しくありません。 (malformed response)")
    whole = _whole(new_guard, sink)
    for item in output:
        await _item(item, _Released(), whole)
    response.pop("output_text", None)  # an SDK convenience some servers add; rebuilt by the client


async def relay_events(stream: Any, new_guard: NewGuard, sink: Sink, on_event: Callable[[Body], None]) -> AsyncIterator[Body]:
    """Restore and screen a Responses stream; yields the events to send, renumbered."""
    guards: dict[Key, OutputGuard] = {}
    released = _Released()
    whole = _whole(new_guard, sink)
    seq = 0

    def numbered(event: Body) -> Body:
        nonlocal seq
        event["sequence_number"] = seq
        seq += 1
        return event

    async for event in stream:
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            raise UpstreamError("上流モデルのストリームの形式が正しくありません。 (malformed event)")
        on_event(event)
        kind = event["type"]
        if kind in _DELTAS and isinstance(event.get("delta"), str):
            _, field, escape = _DELTAS[kind]
            key = _key(event, field)
            if key not in guards:
                guards[key] = new_guard(escape)
            out = await guards[key].feed(event["delta"])
            released.add(key, out)
            sink.answer_parts.append(out)
            if out:
                event["delta"] = out
                yield numbered(event)
            continue
        if kind in _DONE:
            field, _ = _DONE[kind]
            key = _key(event, field)
            guard = guards.get(key)
            if guard is not None:
                rest = await guard.flush()
                if rest:
                    released.add(key, rest)
                    sink.answer_parts.append(rest)
                    delta_type = next(d for d, (done, _, _) in _DELTAS.items() if done == kind)
                    extra = {k: event[k] for k in ("item_id", "output_index", "content_index", "summary_index") if k in event}
                    yield numbered({"type": delta_type, **extra, "delta": rest})
                event[field] = released.get(key)
            elif isinstance(event.get(field), str):
                event[field] = await whole(event[field], field == "arguments")
                released.set(key, event[field])
        elif kind in ("response.content_part.done", "response.reasoning_summary_part.done"):
            part = event.get("part")
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                key = _key(event, "text")
                part["text"] = released[key] if key in released else await whole(part["text"], False)
        elif kind == "response.output_item.done":
            await _item(event.get("item"), released, whole)
        elif kind in _FINAL and isinstance(event.get("response"), dict):
            for item in event["response"].get("output") or []:
                await _item(item, released, whole)
        yield numbered(event)
    for guard in guards.values():
        for entity, n in guard.entities.items():
            sink.output_entities[entity] = sink.output_entities.get(entity, 0) + n
