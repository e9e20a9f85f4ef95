"""A Responses API request as a chat completions request, and the chat answer (whole or streamed) as a
Responses API answer: for upstreams that serve only chat completions.

The request given here has already been inspected and transformed; the answers given here have
already been restored and screened as chat answers. This module only changes shape.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import AsyncIterator
from typing import Any

from gateway.errors import BadRequest

Body = dict[str, Any]

# Responses fields with a direct chat completions twin.
_SAME = ("temperature", "top_p", "parallel_tool_calls", "user", "safety_identifier", "prompt_cache_key", "service_tier", "top_logprobs")


def _text_of(content: Any) -> Any:
    """Responses content (a string or input/output text parts) as chat content."""
    if isinstance(content, str):
        return content
    parts = []
    for part in content or []:
        if part.get("type") in ("input_text", "output_text"):
            parts.append({"type": "text", "text": part["text"]})
        elif part.get("type") == "refusal":
            parts.append({"type": "text", "text": part["refusal"]})
    return parts


def _output_text(content: Any) -> str:
    value = _text_of(content)
    return value if isinstance(value, str) else "".join(p["text"] for p in value)


def to_chat(body: Body) -> Body:
    """The chat completions request that asks the same of a model."""
    for stateful in ("previous_response_id", "conversation"):
        if body.get(stateful):
            raise BadRequest(
                f"{stateful}: このモデルでは会話の状態を保持しないため使えません。これまでの発言を input に含めてください。"
                f" (`{stateful}` needs a model whose server keeps Responses state; send the history in `input`)",
                param=stateful,
            )
    messages: list[Body] = []
    if body.get("instructions"):
        messages.append({"role": "system", "content": body["instructions"]})
    items = body.get("input")
    if isinstance(items, str):
        messages.append({"role": "user", "content": items})
    for item in items if isinstance(items, list) else []:
        kind = item.get("type", "message")
        if kind == "message":
            role = item["role"]
            messages.append({"role": role, "content": _text_of(item["content"])})
        elif kind in ("function_call", "custom_tool_call"):
            call = {"id": item["call_id"], "type": "function",
                    "function": {"name": item["name"], "arguments": item.get("arguments", item.get("input", ""))}}  # fmt: skip
            last = messages[-1] if messages else None
            if last is not None and last["role"] == "assistant" and "tool_calls" in last:
                last["tool_calls"].append(call)
            else:
                messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
        elif kind in ("function_call_output", "custom_tool_call_output"):
            messages.append({"role": "tool", "tool_call_id": item["call_id"], "content": _output_text(item["output"])})
        # reasoning and item_reference items mean nothing to a chat model: left out.
    chat: Body = {"model": body["model"], "messages": messages}
    for name in _SAME:
        if body.get(name) is not None:
            chat[name] = body[name]
    if body.get("max_output_tokens") is not None:
        chat["max_tokens"] = body["max_output_tokens"]
    effort = (body.get("reasoning") or {}).get("effort")
    if effort:
        chat["reasoning_effort"] = effort
    tools = [t for t in body.get("tools") or [] if t.get("type") == "function"]
    if tools:
        chat["tools"] = [
            {"type": "function", "function": {k: t[k] for k in ("name", "description", "parameters", "strict") if t.get(k) is not None}}
            for t in tools
        ]
    choice = body.get("tool_choice")
    if isinstance(choice, str):
        chat["tool_choice"] = choice
    elif isinstance(choice, dict) and choice.get("type") == "function":
        chat["tool_choice"] = {"type": "function", "function": {"name": choice["name"]}}
    fmt = (body.get("text") or {}).get("format") or {}
    if fmt.get("type") == "json_schema":
        schema = {k: fmt[k] for k in ("name", "schema", "description", "strict") if fmt.get(k) is not None}
        chat["response_format"] = {"type": "json_schema", "json_schema": schema}
    elif fmt.get("type") == "json_object":
        chat["response_format"] = {"type": "json_object"}
    if body.get("stream"):
        chat["stream"] = True
        chat["stream_options"] = {"include_usage": True}
    return chat


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


def _usage(usage: Any) -> Body | None:
    if not isinstance(usage, dict):
        return None
    inp, out = int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)
    return {"input_tokens": inp, "input_tokens_details": {"cached_tokens": 0}, "output_tokens": out,
            "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": int(usage.get("total_tokens") or inp + out)}  # fmt: skip


def response_shell(request: Body, rid: str, model: str, status: str) -> Body:
    """The Response object's fields that echo the request."""
    return {
        "id": rid, "object": "response", "created_at": int(time.time()), "status": status, "model": model,
        "output": [], "error": None, "incomplete_details": None, "instructions": request.get("instructions"),
        "metadata": request.get("metadata") or {}, "parallel_tool_calls": request.get("parallel_tool_calls", True),
        "temperature": request.get("temperature"), "top_p": request.get("top_p"),
        "tool_choice": request.get("tool_choice", "auto"), "tools": request.get("tools") or [],
        "text": request.get("text") or {"format": {"type": "text"}}, "reasoning": request.get("reasoning"),
        "max_output_tokens": request.get("max_output_tokens"), "previous_response_id": None, "store": False,
        "truncation": request.get("truncation", "disabled"), "user": request.get("user"), "usage": None,
    }  # fmt: skip


# Fields a Response echoes from its request: the client's own values, never the transformed ones.
_ECHOED = ("instructions", "metadata", "tools", "tool_choice", "text", "user", "prompt")


def echo_request(response: Body, request: Body, model: str) -> Body:
    """A passed-through Response made to echo the client's request and name the public model."""
    for name in _ECHOED:
        if name in response and name in request:
            response[name] = request[name]
        elif name in response and name == "instructions":
            response[name] = None
    response["model"] = model
    return response


def _message_item(text: str, status: str = "completed", item_id: str | None = None) -> Body:
    return {"type": "message", "id": item_id or new_id("msg"), "status": status, "role": "assistant",
            "content": [{"type": "output_text", "text": text, "annotations": [], "logprobs": []}]}  # fmt: skip


def _call_item(call: Body, status: str = "completed", item_id: str | None = None) -> Body:
    fn = call.get("function") or {}
    return {"type": "function_call", "id": item_id or new_id("fc"), "call_id": call.get("id") or new_id("call"),
            "name": fn.get("name", ""), "arguments": fn.get("arguments", ""), "status": status}  # fmt: skip


def from_chat(answer: Body, request: Body, model: str) -> Body:
    """A whole chat completion (already restored and screened) as a Response."""
    out = response_shell(request, new_id("resp"), model, "completed")
    choice = (answer.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    content = message.get("content")
    text = content if isinstance(content, str) else "".join(p.get("text", "") for p in content or [] if isinstance(p, dict))
    if text or not message.get("tool_calls"):
        out["output"].append(_message_item(text))
    out["output"].extend(_call_item(c) for c in message.get("tool_calls") or [])
    if choice.get("finish_reason") == "length":
        out["status"], out["incomplete_details"] = "incomplete", {"reason": "max_output_tokens"}
    out["usage"] = _usage(answer.get("usage"))
    return out


class EventStream:
    """Chat chunks (already restored and screened) turned into Responses stream events."""

    def __init__(self, request: Body, model: str) -> None:
        self._response = response_shell(request, new_id("resp"), model, "in_progress")
        self._seq = 0
        self._text_item: Body | None = None
        self._text = ""
        self._calls: dict[int, tuple[int, Body]] = {}  # tool index -> (output index, item)
        self._finish: str | None = None
        self._usage: Body | None = None

    def _event(self, kind: str, **fields: Any) -> Body:
        event = {"type": kind, "sequence_number": self._seq, **fields}
        self._seq += 1
        return event

    def start(self) -> list[Body]:
        snapshot = json.loads(json.dumps(self._response))
        return [self._event("response.created", response=snapshot), self._event("response.in_progress", response=snapshot)]

    def chunk(self, chunk: Body) -> list[Body]:
        events: list[Body] = []
        if isinstance(chunk.get("usage"), dict):
            self._usage = _usage(chunk["usage"])
        for choice in chunk.get("choices") or []:
            if choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta") or {}
            if isinstance(delta.get("content"), str) and delta["content"]:
                events += self._text_delta(delta["content"])
            for call in delta.get("tool_calls") or []:
                events += self._call_delta(call)
            if choice.get("finish_reason"):
                self._finish = choice["finish_reason"]
        return events

    def _text_delta(self, piece: str) -> list[Body]:
        events = []
        if self._text_item is None:
            self._text_item = _message_item("", "in_progress")
            self._text_item["content"] = []
            self._response["output"].append(self._text_item)
            index = len(self._response["output"]) - 1
            events.append(self._event("response.output_item.added", output_index=index, item=json.loads(json.dumps(self._text_item))))
            part = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
            events.append(self._event("response.content_part.added", item_id=self._text_item["id"], output_index=index, content_index=0, part=part))
        self._text += piece
        index = self._response["output"].index(self._text_item)
        events.append(self._event("response.output_text.delta", item_id=self._text_item["id"], output_index=index, content_index=0, delta=piece, logprobs=[]))
        return events

    def _call_delta(self, call: Body) -> list[Body]:
        events = []
        tool = int(call.get("index") or 0)
        fn = call.get("function") or {}
        if tool not in self._calls:
            item = _call_item({"id": call.get("id"), "function": {"name": fn.get("name", ""), "arguments": ""}}, "in_progress")
            self._response["output"].append(item)
            self._calls[tool] = (len(self._response["output"]) - 1, item)
            events.append(self._event("response.output_item.added", output_index=self._calls[tool][0], item=dict(item)))
        index, item = self._calls[tool]
        if fn.get("name") and not item["name"]:
            item["name"] = fn["name"]
        if fn.get("arguments"):
            item["arguments"] += fn["arguments"]
            events.append(self._event("response.function_call_arguments.delta", item_id=item["id"], output_index=index, delta=fn["arguments"]))
        return events

    def finish(self) -> list[Body]:
        events = []
        if self._text_item is not None:
            index = self._response["output"].index(self._text_item)
            part = {"type": "output_text", "text": self._text, "annotations": [], "logprobs": []}
            item_id = self._text_item["id"]
            events.append(self._event("response.output_text.done", item_id=item_id, output_index=index, content_index=0, text=self._text, logprobs=[]))
            events.append(self._event("response.content_part.done", item_id=item_id, output_index=index, content_index=0, part=part))
            self._text_item.update(status="completed", content=[part])
            events.append(self._event("response.output_item.done", output_index=index, item=json.loads(json.dumps(self._text_item))))
        for index, item in sorted(self._calls.values(), key=lambda x: x[0]):
            events.append(self._event("response.function_call_arguments.done", item_id=item["id"], output_index=index, arguments=item["arguments"]))
            item["status"] = "completed"
            events.append(self._event("response.output_item.done", output_index=index, item=dict(item)))
        self._response["status"] = "incomplete" if self._finish == "length" else "completed"
        if self._finish == "length":
            self._response["incomplete_details"] = {"reason": "max_output_tokens"}
        self._response["usage"] = self._usage
        events.append(self._event(f"response.{self._response['status']}", response=self._response))
        return events

    @property
    def usage(self) -> Body | None:
        return self._usage


def sse_event(event: Body) -> bytes:
    return f"event: {event['type']}\ndata: ".encode() + json.dumps(event, ensure_ascii=False).encode("utf-8") + b"\n\n"


async def events_from_chat(chunks: AsyncIterator[Body], request: Body, model: str) -> AsyncIterator[Body]:
    """The whole event sequence of a bridged stream."""
    stream = EventStream(request, model)
    for event in stream.start():
        yield event
    async for chunk in chunks:
        for event in stream.chunk(chunk):
            yield event
    for event in stream.finish():
        yield event
