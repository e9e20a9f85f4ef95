"""Answers are screened for personal data the model invented, in every field and across the stream's release points."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.gateway._edge_support import (
    NAME,
    PHONE,
    PLACEHOLDER,
    PROMPT,
    chunk,
    completion,
    openai_client,
    post_chat,
    stream_events,
    user_text,
)
from tests.gateway.conftest import Gateway, Scripted
from tests.support.upstream import UpstreamServer

NEW_PHONE = "03-5253-2111"
ANSWER = f"{NAME}さんの連絡先は{PHONE}です。折り返しは{NEW_PHONE}までお願いします。"


@pytest.mark.parametrize("stream", [False, True])
def test_answer_keeps_input_phone_and_masks_a_new_one(gw: Gateway, upstream: UpstreamServer, stream: bool) -> None:
    upstream.behave(mode="reply", reply=ANSWER, chunk=3)
    r = openai_client(gw).chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": PROMPT}], stream=stream)
    text = "".join(c.choices[0].delta.content or "" for c in r if c.choices) if stream else r.choices[0].message.content
    assert PHONE in text and NAME in text
    assert NEW_PHONE not in text and "＜電話番号＞" in text


LONG = "あ" * 396 + NEW_PHONE + "までご連絡ください。"


def test_a_long_answer_without_boundary_is_screened_whole(gw: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(mode="reply", reply=LONG)
    text = openai_client(gw).chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": "案内文"}]).choices[0].message.content
    assert NEW_PHONE not in text and "＜電話番号＞" in text


def test_a_new_phone_straddling_the_400_char_release_is_masked_in_a_stream(gw: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(mode="reply", reply=LONG, chunk=4)
    stream = openai_client(gw).chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": "案内文"}], stream=True)
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert text.startswith("あ" * 396)
    assert "5253-2111" not in text


def _split(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@pytest.mark.parametrize("stream", [False, True])
def test_reasoning_content_is_restored_and_screened(gw: Gateway, scripted: Scripted, stream: bool) -> None:
    def answer(body: dict[str, Any]) -> Any:
        ph = PLACEHOLDER.findall(user_text(body))[0]
        thought = f"{ph}さんへの回答。折り返し先は{NEW_PHONE}にする。"
        if not stream:
            return completion([{"index": 0, "message": {"role": "assistant", "content": "回答案です。", "reasoning_content": thought}, "finish_reason": "stop"}])
        return [chunk([{"index": 0, "delta": {"reasoning_content": p}, "finish_reason": None}]) for p in _split(thought, 3)] + [
            chunk([{"index": 0, "delta": {"content": "回答案です。"}, "finish_reason": None}]),
            chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]),
            "data: [DONE]",
        ]

    scripted.answer = answer
    body = {"model": "hostile", "messages": [{"role": "user", "content": PROMPT}]}
    if stream:
        _, events = stream_events(gw, body)
        thought = "".join(c["delta"].get("reasoning_content") or "" for e in events[:-1] for c in e["choices"])
    else:
        thought = post_chat(gw, body).json()["choices"][0]["message"]["reasoning_content"]
    assert NAME in thought and "〔" not in thought
    assert NEW_PHONE not in thought


def _answer_with(where: str) -> dict[str, Any]:
    invented = f"折り返しは{NEW_PHONE}までお願いします。"
    message: dict[str, Any] = {"role": "assistant", "content": "回答案です。"}
    choice: dict[str, Any] = {"index": 0, "message": message, "finish_reason": "stop"}
    if where == "logprobs":
        message["content"] = invented
        tokens = [invented[i : i + 2] for i in range(0, len(invented), 2)]
        choice["logprobs"] = {"content": [{"token": t, "logprob": -0.1, "bytes": None, "top_logprobs": []} for t in tokens]}
    elif where == "refusal":
        message["refusal"] = invented
    elif where == "content-parts":
        message["content"] = [{"type": "text", "text": invented}]
    return completion([choice])


@pytest.mark.parametrize("where", ["logprobs", "refusal", "content-parts"])
def test_no_answer_field_carries_unscreened_personal_data(gw: Gateway, scripted: Scripted, where: str) -> None:
    scripted.answer = lambda body: _answer_with(where)
    r = post_chat(gw, {"model": "hostile-dom", "messages": [{"role": "user", "content": "窓口の案内文を作って"}], "logprobs": True})
    assert r.status_code == 200, r.text
    choice = r.json()["choices"][0]
    spelled = "".join(t["token"] for t in ((choice.get("logprobs") or {}).get("content") or []))
    assert NEW_PHONE not in r.text and NEW_PHONE not in spelled


def test_masking_new_data_inside_tool_arguments_keeps_them_valid_json(gw: Gateway, scripted: Scripted) -> None:
    args = json.dumps({"宛先": "田中真一", "住所": "大阪府大阪市北区中之島1-3-20", "電話": NEW_PHONE, "件名": "回答"}, ensure_ascii=False)
    call = {"id": "c1", "type": "function", "function": {"name": "send", "arguments": args}}
    scripted.answer = lambda body: completion([
        {"index": 0, "message": {"role": "assistant", "content": None, "tool_calls": [call]}, "finish_reason": "tool_calls"}
    ])  # fmt: skip
    r = openai_client(gw).chat.completions.create(model="hostile-dom", messages=[{"role": "user", "content": "窓口の案内を送って"}])
    out = json.loads(r.choices[0].message.tool_calls[0].function.arguments)
    assert set(out) == {"宛先", "住所", "電話", "件名"} and out["件名"] == "回答"
    assert "田中真一" not in out["宛先"] and NEW_PHONE not in out["電話"] and "中之島" not in out["住所"]
