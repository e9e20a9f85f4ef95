"""The built-in `echo` model: answers with exactly the text it received, so staff see what would leave."""

from __future__ import annotations

import hashlib
import struct
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any

from gateway.upstream.base import Body

_CHUNK = 8
_DIM = 16


def received_text(body: Body) -> str:
    """The text of the last user message (string content or text parts)."""
    for message in reversed(body.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content
            if isinstance(content, list):
                return "".join(p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text")
    return ""


class Echo:
    async def chat(self, body: Body) -> Body:
        text = received_text(body)
        return {
            "id": "chatcmpl-" + uuid.uuid4().hex,
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "echo"),
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop", "logprobs": None}
            ],
            "usage": _usage(body, text),
        }

    async def chat_stream(self, body: Body) -> _EchoStream:
        return _EchoStream(body)

    async def embeddings(self, body: Body) -> Body:
        inputs = body.get("input")
        items = [inputs] if isinstance(inputs, str) else list(inputs or [])
        data = [{"object": "embedding", "index": i, "embedding": _vector(str(x))} for i, x in enumerate(items)]
        tokens = sum(len(str(x)) for x in items)
        return {
            "object": "list",
            "data": data,
            "model": body.get("model", "echo"),
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }

    async def aclose(self) -> None:
        return None


class _EchoStream:
    def __init__(self, body: Body) -> None:
        self._body = body

    async def __aiter__(self) -> AsyncIterator[Body]:
        text = received_text(self._body)
        base: dict[str, Any] = {
            "id": "chatcmpl-" + uuid.uuid4().hex,
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": self._body.get("model", "echo"),
        }
        yield {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}
        for i in range(0, len(text), _CHUNK):
            yield {**base, "choices": [{"index": 0, "delta": {"content": text[i : i + _CHUNK]}, "finish_reason": None}]}
        yield {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        if (self._body.get("stream_options") or {}).get("include_usage"):
            yield {**base, "choices": [], "usage": _usage(self._body, text)}

    async def aclose(self) -> None:
        return None


def _usage(body: Body, answer: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content") or "")) for m in body.get("messages") or [] if isinstance(m, dict))
    return {"prompt_tokens": prompt, "completion_tokens": len(answer), "total_tokens": prompt + len(answer)}


def _vector(text: str) -> list[float]:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    raw = struct.unpack(f"<{_DIM}H", digest[: 2 * _DIM])
    return [v / 65535.0 - 0.5 for v in raw]
