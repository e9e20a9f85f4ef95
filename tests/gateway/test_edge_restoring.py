"""Placeholders are restored in every choice and every streamed tool call, and nothing follows a choice's end."""

from __future__ import annotations

import json
from typing import Any

from tests.gateway._edge_support import (
    NAME,
    PHONE,
    PLACEHOLDER,
    PROMPT,
    chunk,
    completion,
    openai_client,
    sent_text,
    stream_events,
    user_text,
)
from tests.gateway.conftest import Gateway, Scripted


def test_every_choice_is_restored_when_n_is_2(gw: Gateway, scripted: Scripted) -> None:
    def answer(body: dict[str, Any]) -> dict[str, Any]:
        text = user_text(body)
        assert NAME not in text
        return completion([
            {"index": 0, "message": {"role": "assistant", "content": "案1: " + text}, "finish_reason": "stop"},
            {"index": 1, "message": {"role": "assistant", "content": "案2: " + text}, "finish_reason": "stop"},
        ])  # fmt: skip

    scripted.answer = answer
    r = openai_client(gw).chat.completions.create(model="hostile", n=2, messages=[{"role": "user", "content": PROMPT}])
    assert [c.message.content for c in r.choices] == ["案1: " + PROMPT, "案2: " + PROMPT]


def test_every_choice_is_restored_in_an_interleaved_stream(gw: Gateway, scripted: Scripted) -> None:
    # Two choices, one character per delta, interleaved; choice 1 ends without a sentence boundary
    # and its finish chunk carries no content, so whatever the gateway holds for it must come out.
    def answer(body: dict[str, Any]) -> list[str]:
        text = user_text(body)
        a, b = "案1: " + text, "担当: " + PLACEHOLDER.findall(text)[0]
        events = [chunk([{"index": i, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]) for i in (0, 1)]
        for k in range(max(len(a), len(b))):
            for i, s in ((0, a), (1, b)):
                if k < len(s):
                    events.append(chunk([{"index": i, "delta": {"content": s[k]}, "finish_reason": None}]))
        events += [chunk([{"index": 1, "delta": {}, "finish_reason": "stop"}]),
                   chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]), "data: [DONE]"]  # fmt: skip
        return events

    scripted.answer = answer
    r, events = stream_events(gw, {"model": "hostile", "n": 2, "messages": [{"role": "user", "content": PROMPT}]})
    assert r.status_code == 200 and events[-1] == "[DONE]"
    texts, finished = {0: "", 1: ""}, set()
    for e in events[:-1]:
        for c in e["choices"]:
            if c["delta"].get("content"):
                assert c["index"] not in finished, "content after the choice's finish_reason"
                texts[c["index"]] += c["delta"]["content"]
            if c.get("finish_reason"):
                finished.add(c["index"])
    assert texts == {0: "案1: " + PROMPT, 1: "担当: " + NAME}
    assert finished == {0, 1}


def _tool_stream(body: dict[str, Any]) -> list[str]:
    """Two tool calls whose JSON arguments carry placeholders, one character per delta."""
    phs = PLACEHOLDER.findall(user_text(body))
    args = [json.dumps({"to": phs[0], "note": "折り返し"}, ensure_ascii=False), json.dumps({"tel": phs[1]}, ensure_ascii=False)]
    calls = [{"index": i, "id": f"call_{i}", "type": "function", "function": {"name": f"f{i}", "arguments": ""}} for i in (0, 1)]
    events = [chunk([{"index": 0, "delta": {"role": "assistant", "content": None, "tool_calls": calls[:1]}, "finish_reason": None}])]
    for i, a in enumerate(args):
        if i:
            events.append(chunk([{"index": 0, "delta": {"tool_calls": calls[1:]}, "finish_reason": None}]))
        events += [chunk([{"index": 0, "delta": {"tool_calls": [{"index": i, "function": {"arguments": ch}}]}, "finish_reason": None}]) for ch in a]
    events += [chunk([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]),
               chunk([], usage={"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}), "data: [DONE]"]  # fmt: skip
    return events


def test_streamed_tool_calls_with_two_indices_are_restored(gw: Gateway, scripted: Scripted) -> None:
    scripted.answer = _tool_stream
    _, events = stream_events(gw, {"model": "hostile", "messages": [{"role": "user", "content": PROMPT}], "stream_options": {"include_usage": True}})
    args: dict[int, str] = {}
    for e in events[:-1]:
        for c in e["choices"]:
            for call in c["delta"].get("tool_calls") or []:
                args[call["index"]] = args.get(call["index"], "") + (call.get("function") or {}).get("arguments", "")
    assert json.loads(args[0]) == {"to": NAME, "note": "折り返し"}
    assert json.loads(args[1]) == {"tel": PHONE}
    assert NAME not in sent_text(scripted.bodies)


def test_no_tool_call_arguments_after_finish_reason_or_usage(gw: Gateway, scripted: Scripted) -> None:
    scripted.answer = _tool_stream
    _, events = stream_events(gw, {"model": "hostile", "messages": [{"role": "user", "content": PROMPT}], "stream_options": {"include_usage": True}})
    chunks = events[:-1]
    finish_at = next(i for i, e in enumerate(chunks) if any(c.get("finish_reason") for c in e["choices"]))
    assert all(not e["choices"] for e in chunks[finish_at + 1 :]), "deltas after finish_reason"
    assert "usage" in chunks[-1] and not chunks[-1]["choices"], "the usage chunk must be the last one"
