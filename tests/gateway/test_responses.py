"""The Responses API through the official openai client: plain, streamed and with a function tool,
against an upstream that serves /responses (passed through) and one asked through chat completions
(bridged); pseudonyms restored in `output_text`, in the streamed deltas and in tool arguments."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import openai
import pytest

from tests.gateway.conftest import STAFF_KEY, Gateway, base_config
from tests.support.upstream import UpstreamServer

PROMPT = "相談者の佐藤花子さん（090-1234-5678）への回答案を作ってください。"
MODELS = {"bridged": "gpt-overseas", "native": "gpt-native"}


@pytest.fixture
def rgw(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> Iterator[Gateway]:
    cfg = base_config(upstream)
    cfg["models"].append({"name": "gpt-native", "zone": "overseas", "responses": "native",
                          "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "gpt-4o"}})  # fmt: skip
    cfg["models"].append({"name": "tool-native", "zone": "overseas", "responses": "native",
                          "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "gpt-4o;tool"}})  # fmt: skip
    with gateway_for(cfg) as gw:
        yield gw


def client(gw: Gateway) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)


def sent(upstream: UpstreamServer) -> str:
    return json.dumps([r.body for r in upstream.requests], ensure_ascii=False)


def paths(upstream: UpstreamServer) -> list[str]:
    return [r.path for r in upstream.requests]


@pytest.mark.parametrize("way", ["bridged", "native"])
def test_plain_answer_restores_the_name(rgw: Gateway, upstream: UpstreamServer, way: str) -> None:
    r = client(rgw).responses.create(model=MODELS[way], instructions="丁寧な日本語で。", input=PROMPT)
    assert "佐藤花子" in r.output_text and "090-1234-5678" in r.output_text
    assert r.model == MODELS[way] and r.status == "completed" and r.usage is not None
    assert r.instructions == "丁寧な日本語で。"
    assert "佐藤" not in sent(upstream) and "1234-5678" not in sent(upstream)
    assert paths(upstream) == (["/v1/chat/completions"] if way == "bridged" else ["/v1/responses"])


@pytest.mark.parametrize("way", ["bridged", "native"])
def test_stream_restores_the_name_in_the_deltas(rgw: Gateway, upstream: UpstreamServer, way: str) -> None:
    upstream.behave(chunk=3)
    deltas, done = [], None
    with client(rgw).responses.stream(model=MODELS[way], input=[{"role": "user", "content": PROMPT}]) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)
            elif event.type == "response.output_text.done":
                done = event.text
        final = stream.get_final_response()
    assert "".join(deltas) == done == final.output_text
    assert "佐藤花子" in final.output_text and "〔" not in final.output_text
    assert "佐藤" not in sent(upstream)


@pytest.mark.parametrize(("way", "model"), [("bridged", "tool-overseas"), ("native", "tool-native")])
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "streamed"])
def test_function_tool_arguments_are_restored(rgw: Gateway, upstream: UpstreamServer, way: str, model: str, stream: bool) -> None:
    tools = [{"type": "function", "name": "send_reply", "description": "返信を送る",
              "parameters": {"type": "object", "properties": {"text": {"type": "string"}}}}]  # fmt: skip
    c = client(rgw)
    if stream:
        with c.responses.stream(model=model, input=PROMPT, tools=tools) as s:
            for _ in s:
                pass
            r = s.get_final_response()
    else:
        r = c.responses.create(model=model, input=PROMPT, tools=tools)
    (call,) = [item for item in r.output if item.type == "function_call"]
    assert call.name == "send_reply" and "佐藤花子" in json.loads(call.arguments)["text"]
    assert "佐藤" not in sent(upstream)


def test_function_call_output_goes_back_inspected(rgw: Gateway, upstream: UpstreamServer) -> None:
    items = [
        {"role": "user", "content": "連絡先を調べて"},
        {"type": "function_call", "call_id": "call_1", "name": "lookup", "arguments": "{}"},
        {"type": "function_call_output", "call_id": "call_1", "output": "佐藤花子 090-1234-5678"},
    ]
    r = client(rgw).responses.create(model="gpt-overseas", input=items)
    assert r.status == "completed"
    body = upstream.last_body
    assert body["messages"][1]["tool_calls"][0]["id"] == "call_1" and body["messages"][2]["role"] == "tool"
    assert "佐藤" not in sent(upstream)


def test_my_number_is_blocked_and_nothing_is_sent(rgw: Gateway, upstream: UpstreamServer) -> None:
    with pytest.raises(openai.PermissionDeniedError) as err:
        client(rgw).responses.create(model="gpt-native", input="個人番号 123456789018 の件")
    assert "マイナンバー" in str(err.value) and upstream.requests == []


@pytest.mark.parametrize(
    "extra",
    [{"tools": [{"type": "web_search"}]}, {"input": [{"role": "user", "content": [{"type": "input_image", "image_url": "https://x/y.png"}]}]},
     {"reasoning": {"effort": "佐藤花子"}}],
    ids=["built-in-tool", "image", "enum-free-text"],
)
def test_what_cannot_be_inspected_is_refused(rgw: Gateway, upstream: UpstreamServer, extra: dict[str, Any]) -> None:
    with pytest.raises(openai.BadRequestError):
        client(rgw).responses.create(model="gpt-native", **{"input": "こんにちは", **extra})
    assert upstream.requests == []


def test_audit_record_for_a_response(rgw: Gateway, upstream: UpstreamServer) -> None:
    from tests.gateway._edge_support import audit_records

    r = client(rgw).responses.with_raw_response.create(model="gpt-native", input=PROMPT)
    rid = r.headers["x-sekisho-request-id"]
    record = audit_records(rgw.audit_dir)[rid]
    assert record["endpoint"] == "responses" and record["action"] == "pseudonymize"
    assert "佐藤" not in json.dumps(record, ensure_ascii=False)


def test_state_is_refused_where_no_server_keeps_it(rgw: Gateway, upstream: UpstreamServer) -> None:
    with pytest.raises(openai.BadRequestError) as err:
        client(rgw).responses.create(model="gpt-overseas", input="続き", previous_response_id="resp_1")
    assert "previous_response_id" in str(err.value) and upstream.requests == []
