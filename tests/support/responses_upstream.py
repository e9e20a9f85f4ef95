"""The Responses API side of the recording upstream: `POST /v1/responses`, whole or streamed.

It answers like the chat side: `echo` answers with the text of the last user input, `tool` with one
function call `{"text": <that text>}`; `chunk=N` sets the characters per streamed delta.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

from tests.support.recording import Behaviour, chunks


def last_user_input(body: dict[str, Any]) -> str:
    items = body.get("input")
    if isinstance(items, str):
        return items
    for item in reversed(items if isinstance(items, list) else []):
        if isinstance(item, dict) and item.get("role") == "user":
            content = item.get("content")
            if isinstance(content, str):
                return content
            return "".join(p.get("text", "") for p in content or [] if isinstance(p, dict))
    return ""


def _items(b: Behaviour, body: dict[str, Any], rid: str) -> list[dict[str, Any]]:
    text = b.reply if b.mode == "reply" else last_user_input(body)
    if b.mode == "tool":
        tools = body.get("tools") or [{}]
        name = tools[0].get("name") or "echo"
        return [{"type": "function_call", "id": f"fc_{rid}", "call_id": "call_test1", "name": name,
                 "arguments": json.dumps({"text": text}, ensure_ascii=False), "status": "completed"}]  # fmt: skip
    return [{"type": "message", "id": f"msg_{rid}", "status": "completed", "role": "assistant",
             "content": [{"type": "output_text", "text": text, "annotations": []}]}]  # fmt: skip


def response_body(b: Behaviour, body: dict[str, Any], rid: str) -> dict[str, Any]:
    output = _items(b, body, rid)
    n_in = len(last_user_input(body))
    n_out = sum(len(json.dumps(i, ensure_ascii=False)) for i in output)
    return {"id": f"resp_{rid}", "object": "response", "created_at": int(time.time()), "status": "completed",
            "model": body.get("model"), "output": output, "instructions": body.get("instructions"),
            "tools": body.get("tools") or [], "metadata": body.get("metadata") or {},
            "usage": {"input_tokens": n_in, "output_tokens": n_out, "total_tokens": n_in + n_out}}  # fmt: skip


async def response_events(b: Behaviour, body: dict[str, Any], rid: str) -> AsyncIterator[bytes]:
    final = response_body(b, body, rid)
    seq = 0

    def event(kind: str, **fields: Any) -> bytes:
        nonlocal seq
        data = {"type": kind, "sequence_number": seq, **fields}
        seq += 1
        return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()

    yield event("response.created", response={**final, "status": "in_progress", "output": []})
    for index, item in enumerate(final["output"]):
        if item["type"] == "message":
            text = item["content"][0]["text"]
            yield event("response.output_item.added", output_index=index, item={**item, "content": [], "status": "in_progress"})
            yield event("response.content_part.added", item_id=item["id"], output_index=index, content_index=0,
                        part={"type": "output_text", "text": "", "annotations": []})  # fmt: skip
            for piece in chunks(text, b.chunk):
                yield event("response.output_text.delta", item_id=item["id"], output_index=index, content_index=0, delta=piece)
            yield event("response.output_text.done", item_id=item["id"], output_index=index, content_index=0, text=text)
            yield event("response.content_part.done", item_id=item["id"], output_index=index, content_index=0, part=item["content"][0])
        else:
            args = item["arguments"]
            yield event("response.output_item.added", output_index=index, item={**item, "arguments": "", "status": "in_progress"})
            for piece in chunks(args, b.chunk):
                yield event("response.function_call_arguments.delta", item_id=item["id"], output_index=index, delta=piece)
            yield event("response.function_call_arguments.done", item_id=item["id"], output_index=index, arguments=args)
        yield event("response.output_item.done", output_index=index, item=item)
    yield event("response.completed", response=final)
