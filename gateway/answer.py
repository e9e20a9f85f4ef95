"""The answer's way back to the client: every text field restored and screened, whole or streamed.

Text fields of an answer: `content` (a string or text parts), `reasoning_content` / `reasoning`
(reasoning models behind vLLM and the like), `refusal`, and tool-call arguments. Each gets its own
OutputGuard (per choice, per field, per tool call), so a placeholder split across chunks of one
field is restored however the stream is cut.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import Any, Protocol

from gateway import wire
from gateway.errors import SekishoError, UpstreamError
from gateway.output import OutputGuard

log = logging.getLogger("sekisho.answer")

TEXT_FIELDS = ("content", "reasoning_content", "reasoning", "refusal")
GuardKey = tuple[int, str]  # (choice index, field name or "tool:N")


class Sink(Protocol):
    """Where the released text and the output counts go (the request's Exchange)."""

    answer_parts: list[str]
    output_entities: dict[str, int]


NewGuard = Callable[[bool], OutputGuard]  # json_escape -> a fresh guard


def _malformed() -> UpstreamError:
    return UpstreamError("上流モデルの応答の形式が正しくありません。 (malformed upstream answer)")


def _count(sink: Sink, guard: OutputGuard) -> int:
    for entity, n in guard.entities.items():
        sink.output_entities[entity] = sink.output_entities.get(entity, 0) + n
    return sum(guard.entities.values())


async def screen_answer(answer: dict[str, Any], new_guard: NewGuard, sink: Sink, drop_logprobs: bool) -> None:
    """Restore and screen a whole (non-streamed) answer in place."""
    choices = answer.get("choices")
    if not isinstance(choices, list) or not all(isinstance(c, dict) for c in choices):
        raise _malformed()

    async def whole(text: str, json_escape: bool = False) -> tuple[str, int]:
        guard = new_guard(json_escape)
        out = await guard.whole(text)
        sink.answer_parts.append(out)
        return out, _count(sink, guard)

    for choice in choices:
        message = choice.get("message")
        if message is None:
            continue
        if not isinstance(message, dict):
            raise _malformed()
        masked = 0
        for field in TEXT_FIELDS:
            value = message.get(field)
            if isinstance(value, str):
                message[field], n = await whole(value)
                masked += n
            elif isinstance(value, list):
                for part in value:
                    if isinstance(part, dict) and isinstance(part.get("text"), str):
                        part["text"], n = await whole(part["text"])
                        masked += n
        calls = [c.get("function") for c in message.get("tool_calls") or [] if isinstance(c, dict)]
        for fn in [*calls, message.get("function_call")]:
            if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                fn["arguments"], n = await whole(fn["arguments"], json_escape=True)
                masked += n
        if masked and drop_logprobs:
            # The token log-probabilities spell out what was just masked.
            choice["logprobs"] = None


async def relay(
    stream: Any, new_guard: NewGuard, sink: Sink, drop_logprobs: bool, on_chunk: Callable[[dict[str, Any]], None]
) -> AsyncIterator[dict[str, Any]]:
    """Restore and screen a stream chunk by chunk; yields the chunks worth sending (errors raise)."""
    guards: dict[GuardKey, OutputGuard] = {}

    def guard(key: GuardKey) -> OutputGuard:
        if key not in guards:
            # Tool-call arguments are JSON text: values go back JSON-escaped.
            guards[key] = new_guard(key[1].startswith("tool:"))
        return guards[key]

    last: dict[str, Any] | None = None
    async for chunk in stream:
        if not isinstance(chunk, dict) or not isinstance(chunk.get("choices", []), list):
            raise _malformed()
        on_chunk(chunk)
        last = chunk
        choices = chunk.get("choices") or []
        if not choices and chunk.get("usage"):
            tail = await _flush(guards, sink, chunk)  # everything held goes out before the usage
            if tail is not None:
                yield tail
        for choice in choices:
            if not isinstance(choice, dict) or not isinstance(choice.get("delta", {}), dict):
                raise _malformed()
            await _relay_choice(choice, guard, guards, sink)
            if drop_logprobs:
                choice.pop("logprobs", None)
        if _worth_sending(chunk):
            yield chunk
    if last is None:
        raise UpstreamError("上流モデルのストリームが空でした。 (upstream stream had no chunks)")
    tail = await _flush(guards, sink, last)
    if tail is not None:
        yield tail
    for g in guards.values():
        _count(sink, g)


async def _relay_choice(choice: dict[str, Any], guard: Callable[[GuardKey], OutputGuard], guards: dict[GuardKey, OutputGuard], sink: Sink) -> None:
    index = int(choice.get("index") or 0)
    delta = choice.get("delta") or {}
    finishing = choice.get("finish_reason") is not None
    for field in TEXT_FIELDS:
        key = (index, field)
        if isinstance(delta.get(field), str) or (finishing and key in guards):
            g = guard(key)
            out = await g.feed(delta.get(field) or "")
            if finishing:
                out += await g.flush()
            if out or field in delta:
                delta[field] = out
            sink.answer_parts.append(out)
    calls = delta.get("tool_calls") or []
    seen = set()
    for call in calls:
        fn = call.get("function") if isinstance(call, dict) else None
        if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
            key = (index, f"tool:{int(call.get('index') or 0)}")
            seen.add(key)
            out = await guard(key).feed(fn["arguments"])
            if finishing:
                out += await guards[key].flush()
            fn["arguments"] = out
            sink.answer_parts.append(out)
    if finishing:
        # Arguments still held for tool calls not in this chunk go out with the finish.
        for key in sorted(k for k in guards if k[0] == index and k[1].startswith("tool:") and k not in seen):
            rest = await guards[key].flush()
            if rest:
                calls.append({"index": int(key[1][5:]), "function": {"arguments": rest}})
                sink.answer_parts.append(rest)
        if calls:
            delta["tool_calls"] = calls
    choice["delta"] = delta


async def _flush(guards: dict[GuardKey, OutputGuard], sink: Sink, last: dict[str, Any]) -> dict[str, Any] | None:
    """What the guards still hold, as one chunk."""
    by_index: dict[int, dict[str, Any]] = {}
    for (index, field), g in sorted(guards.items()):
        rest = await g.flush()
        if not rest:
            continue
        sink.answer_parts.append(rest)
        delta = by_index.setdefault(index, {})
        if field.startswith("tool:"):
            delta.setdefault("tool_calls", []).append({"index": int(field[5:]), "function": {"arguments": rest}})
        else:
            delta[field] = rest
    if not by_index:
        return None
    base: dict[str, Any] = {k: last[k] for k in ("id", "created", "model") if k in last}
    choices = [{"index": i, "delta": d, "finish_reason": None} for i, d in sorted(by_index.items())]
    return {**base, "object": "chat.completion.chunk", "choices": choices}


def _worth_sending(chunk: dict[str, Any]) -> bool:
    """False for a chunk whose text the guards are still holding back and that carries nothing else."""
    if chunk.get("usage") or not chunk.get("choices"):
        return True
    for choice in chunk["choices"]:
        delta = choice.get("delta") or {}
        if choice.get("finish_reason") is not None or delta.get("role"):
            return True
        if any(delta.get(f) for f in TEXT_FIELDS):
            return True
        for call in delta.get("tool_calls") or []:
            fn = call.get("function") or {}
            if call.get("id") or fn.get("name") or fn.get("arguments"):
                return True
        if any(k not in (*TEXT_FIELDS, "tool_calls", "role") for k in delta):
            return True
    return False


def sse(obj: dict[str, Any]) -> bytes:
    return b"data: " + wire.dumps(obj) + b"\n\n"


def error_event(exc: Exception) -> tuple[bytes, SekishoError]:
    """The in-stream error event (the status line has already gone out as 200)."""
    if not isinstance(exc, SekishoError):
        log.error("stream failed: %s", type(exc).__name__)
        exc = UpstreamError("上流モデルのストリームの処理に失敗しました。 (stream failed)")
    return sse(exc.body()), exc
