"""A Responses stream screened event by event, native and bridged from chat chunks: cut anywhere, the
deltas, the done text and the completed response all equal screening the whole answer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway import vault
from gateway.answer import relay
from gateway.output import OutputGuard
from gateway.responses import bridge
from gateway.responses.screen import relay_events
from tests.gateway.test_output import (
    ACTIONS,
    ADDRESSES,
    DISGUISED_PHONES,
    MAPPING,
    NAMES,
    PHONES,
    PROMPT,
    PROMPT_NAME,
    _mask,
    _scan,
    answers,
    whole,
)

INVENTED = NAMES + PHONES + ADDRESSES + DISGUISED_PHONES


class Sink:
    def __init__(self) -> None:
        self.answer_parts: list[str] = []
        self.output_entities: dict[str, int] = {}


def new_guard(json_escape: bool) -> OutputGuard:
    return OutputGuard(vault.StreamRestorer(MAPPING, json_escape=json_escape), _scan, ACTIONS, PROMPT, _mask)


def pieces(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *sorted(c for c in set(cuts) if 0 < c < len(text)), len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]


async def _each(items: list[dict[str, Any]]) -> AsyncIterator[dict[str, Any]]:
    for item in items:
        yield item


def native_events(text: str, cuts: list[int]) -> list[dict[str, Any]]:
    """What an upstream serving /responses streams for a one-message answer (the model's text, placeholders and all)."""
    part = {"type": "output_text", "text": text, "annotations": []}
    item = {"id": "msg_1", "type": "message", "role": "assistant", "status": "completed", "content": [part]}
    at = {"item_id": "msg_1", "output_index": 0, "content_index": 0}
    response = {"id": "resp_1", "object": "response", "status": "completed", "model": "gpt-4o", "output": [item]}
    return [
        {"type": "response.created", "response": {**response, "status": "in_progress", "output": []}},
        {"type": "response.output_item.added", "output_index": 0, "item": {**item, "content": [], "status": "in_progress"}},
        {"type": "response.content_part.added", **at, "part": {**part, "text": ""}},
        *({"type": "response.output_text.delta", **at, "delta": p} for p in pieces(text, cuts)),
        {"type": "response.output_text.done", **at, "text": text},
        {"type": "response.content_part.done", **at, "part": json.loads(json.dumps(part))},
        {"type": "response.output_item.done", "output_index": 0, "item": json.loads(json.dumps(item))},
        {"type": "response.completed", "response": json.loads(json.dumps(response))},
    ]


def chat_chunks(text: str, cuts: list[int]) -> list[dict[str, Any]]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "gpt-4o",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip

    return [chunk({"role": "assistant", "content": ""}), *(chunk({"content": p}) for p in pieces(text, cuts)), chunk({}, "stop")]


def _sent(answer: str) -> str:
    """The answer as the model writes it: the prompt's name as its placeholder."""
    return answer.replace(PROMPT_NAME, "〔氏名1〕")


def _check(events: list[dict[str, Any]], expected: str) -> None:
    deltas = "".join(e["delta"] for e in events if e["type"] == "response.output_text.delta")
    done = [e["text"] for e in events if e["type"] == "response.output_text.done"]
    final = [e["response"] for e in events if e["type"] == "response.completed"]
    assert deltas == expected
    assert done == [expected]
    assert [c["text"] for item in final[0]["output"] if item["type"] == "message" for c in item["content"]] == [expected]
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    everything = json.dumps(events, ensure_ascii=False)
    for value in INVENTED:
        assert value not in everything
    assert "〔" not in everything or "〔" in expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers, cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=60))
def test_native_stream_cut_anywhere_equals_the_whole_answer(answer: str, cuts: list[int]) -> None:
    model_text = _sent(answer)
    expected = asyncio.run(whole(model_text))

    async def run() -> list[dict[str, Any]]:
        sink = Sink()
        return [e async for e in relay_events(_each(native_events(model_text, cuts)), new_guard, sink, lambda e: None)]

    _check(asyncio.run(run()), expected)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers, cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=60))
def test_bridged_stream_cut_anywhere_equals_the_whole_answer(answer: str, cuts: list[int]) -> None:
    model_text = _sent(answer)
    expected = asyncio.run(whole(model_text))

    async def run() -> list[dict[str, Any]]:
        sink = Sink()
        chunks = relay(_each(chat_chunks(model_text, cuts)), new_guard, sink, True, lambda c: None)
        return [e async for e in bridge.events_from_chat(chunks, {"model": "gpt-overseas", "input": PROMPT}, "gpt-overseas")]

    _check(asyncio.run(run()), expected)
