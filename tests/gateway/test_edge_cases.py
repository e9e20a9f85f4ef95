"""The request path under pressure: what real clients send and what hostile or buggy upstreams answer.

Each test states the behaviour a serious product needs; each was first written as a strict xfail
against the gateway as it was, with its diagnosis, and the gateway was then fixed.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.gateway.conftest import STAFF_KEY, Gateway, base_config
from tests.support.anthropic_upstream import AnthropicServer
from tests.support.servers import serve_app
from tests.support.upstream import UpstreamServer

NAME = "佐藤花子"
PHONE = "090-1234-5678"
NEW_PHONE = "03-5253-2111"
PROMPT = f"相談者: {NAME}さん（連絡先 {PHONE}）への回答案を作ってください。"
AUTH = {"authorization": f"Bearer {STAFF_KEY}"}
PLACEHOLDER = re.compile(r"〔[^〔〕]{1,12}〕")
FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN = ["花子", "一郎"]


class Scripted:
    """A hostile or buggy OpenAI-compatible upstream: answers what the test scripted, records what it got.

    `answer(body)` returns a dict (sent as JSON), bytes (sent raw as application/json), a list of str
    (sent as SSE events, each `data: …` line followed by a blank line, exactly as given), or a Response.
    """

    def __init__(self) -> None:
        self.url = ""
        self.bodies: list[Any] = []
        self.status = 200
        self.answer: Callable[[dict[str, Any]], Any] = lambda body: {}
        self.app = Starlette(routes=[Route("/v1/chat/completions", self._chat, methods=["POST"])])

    def reset(self) -> None:
        self.bodies.clear()
        self.status = 200
        self.answer = lambda body: {}

    async def _chat(self, request: Request) -> Response:
        body = json.loads(await request.body())
        self.bodies.append(body)
        out = self.answer(body)
        if isinstance(out, Response):
            return out
        if isinstance(out, list):

            async def events() -> AsyncIterator[bytes]:
                for line in out:
                    yield (line + "\n\n").encode("utf-8")

            return StreamingResponse(events(), media_type="text/event-stream")
        if isinstance(out, bytes):
            return Response(out, status_code=self.status, media_type="application/json")
        return JSONResponse(out, status_code=self.status)


@pytest.fixture(scope="module")
def scripted_server() -> Iterator[Scripted]:
    server = Scripted()
    with serve_app(server.app) as url:
        server.url = url
        yield server


@pytest.fixture
def scripted(scripted_server: Scripted) -> Iterator[Scripted]:
    scripted_server.reset()
    yield scripted_server
    scripted_server.reset()


@pytest.fixture
def gw(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, scripted: Scripted) -> Iterator[Gateway]:
    """The test gateway plus two models served by the scripted upstream (overseas and domestic)."""
    cfg = base_config(upstream)
    cfg["models"] += [
        {"name": "hostile", "zone": "overseas", "upstream": {"type": "openai", "base_url": scripted.url + "/v1", "model": "h"}},
        {"name": "hostile-dom", "zone": "domestic", "upstream": {"type": "openai", "base_url": scripted.url + "/v1", "model": "h"}},
    ]
    with gateway_for(cfg) as gateway:
        yield gateway


def _client(gw: Gateway) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)


def _post(gw: Gateway, body: dict[str, Any] | bytes) -> httpx.Response:
    if isinstance(body, bytes):
        return httpx.post(gw.base_url + "/chat/completions", content=body, headers={**AUTH, "content-type": "application/json"}, timeout=60)
    return httpx.post(gw.base_url + "/chat/completions", json=body, headers=AUTH, timeout=60)


def _events(gw: Gateway, body: dict[str, Any]) -> tuple[httpx.Response, list[Any]]:
    """POST a streamed request; the response and its SSE payloads (dicts, or the string "[DONE]")."""
    out: list[Any] = []
    with httpx.stream("POST", gw.base_url + "/chat/completions", json={**body, "stream": True}, headers=AUTH, timeout=60) as r:
        r.read()
    for line in r.text.split("\n"):
        if line.startswith("data: "):
            payload = line[6:]
            out.append(payload if payload == "[DONE]" else json.loads(payload))
    return r, out


def _sent(upstream_bodies: list[Any]) -> str:
    return json.dumps(upstream_bodies, ensure_ascii=False)


def _records(audit_dir: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(audit_dir.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[rec["request_id"]] = rec
    return out


def _assert_error_shape(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type", "code", "param"}
    return dict(body["error"])


def _chunk(choices: list[dict[str, Any]], **extra: Any) -> str:
    obj = {"id": "chatcmpl-x", "object": "chat.completion.chunk", "created": 1, "model": "h", "choices": choices, **extra}
    return "data: " + json.dumps(obj, ensure_ascii=False)


def _completion(choices: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": "chatcmpl-x", "object": "chat.completion", "created": 1, "model": "h", "choices": choices,
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}  # fmt: skip


def _user_text(body: dict[str, Any]) -> str:
    content = [m for m in body["messages"] if m.get("role") == "user"][-1]["content"]
    return content if isinstance(content, str) else "".join(p["text"] for p in content)


def _split(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


# --- Nothing unscanned leaves ---------------------------------------------------------------------

LEAK = f"{NAME}（{PHONE}）"


def _with_field(where: str) -> dict[str, Any]:
    body: dict[str, Any] = {"model": "gpt-overseas", "messages": [{"role": "user", "content": PROMPT}]}
    schema = {"type": "object", "properties": {"reply": {"type": "string", "description": f"{LEAK} への返信文"}}}
    if where == "tools.parameters":
        body["tools"] = [{"type": "function", "function": {"name": "send", "description": "送信", "parameters": schema}}]
    elif where == "tools.parameters.enum":
        enum_schema = {"type": "object", "properties": {"to": {"type": "string", "enum": [LEAK, "その他"]}}}
        body["tools"] = [{"type": "function", "function": {"name": "send", "parameters": enum_schema}}]
    elif where == "response_format":
        body["response_format"] = {"type": "json_schema", "json_schema": {"name": "r", "description": LEAK, "schema": schema}}
    elif where == "functions":
        body["functions"] = [{"name": "send", "description": f"{LEAK} に送る", "parameters": {"type": "object", "properties": {}}}]
    elif where == "metadata":
        body["metadata"] = {"case": LEAK}
    elif where == "user":
        body["user"] = LEAK
    elif where == "prediction":
        body["prediction"] = {"type": "content", "content": f"{LEAK} 様への回答です。"}
    elif where == "stop":
        body["stop"] = [LEAK]
    elif where == "unknown-top-level":
        body["context_notes"] = f"参考: {LEAK}"
    elif where == "message.refusal":
        body["messages"].insert(0, {"role": "assistant", "content": "承知しました。", "refusal": f"{LEAK} についてはお答えできません。"})
    return body


@pytest.mark.parametrize(
    "where",
    [
        "tools.parameters",
        "tools.parameters.enum",
        "response_format",
        "functions",
        "metadata",
        "user",
        "prediction",
        "stop",
        "unknown-top-level",
        "message.refusal",
    ],
)
def test_no_free_text_field_reaches_the_upstream_unscanned(gw: Gateway, upstream: UpstreamServer, where: str) -> None:
    # Correct is either: the field is scanned and pseudonymised like the messages, or the request is
    # refused. What must never happen is the raw value reaching an overseas model.
    r = _post(gw, _with_field(where))
    assert r.status_code in (200, 400), r.text
    sent = _sent(upstream.bodies())
    assert NAME not in sent and PHONE not in sent, f"{where}: raw personal data reached the upstream"


def test_names_in_ascii_escaped_json_history_are_pseudonymised(gw: Gateway, upstream: UpstreamServer) -> None:
    # What Python agents (json.dumps defaults) put in the history: tool arguments and tool results.
    args = json.dumps({"name": NAME, "tel": PHONE})
    result = json.dumps({"status": "found", "resident": {"name": NAME, "address": "東京都千代田区霞が関1-2-3"}})
    messages = [
        {"role": "user", "content": f"{NAME}さんの住所を調べて"},
        {"role": "assistant", "content": None,
         "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": args}}]},
        {"role": "tool", "tool_call_id": "c1", "content": result},
        {"role": "user", "content": "結果を要約して"},
    ]  # fmt: skip
    assert _post(gw, {"model": "gpt-overseas", "messages": messages}).status_code == 200
    sent = upstream.last_body["messages"]
    decoded = json.dumps([json.loads(sent[1]["tool_calls"][0]["function"]["arguments"]), json.loads(sent[2]["content"])], ensure_ascii=False)
    assert NAME not in decoded


def test_personal_data_anywhere_in_the_history_is_pseudonymised(gw: Gateway, upstream: UpstreamServer) -> None:
    args = json.dumps({"name": NAME, "tel": PHONE}, ensure_ascii=False)
    messages = [
        {"role": "system", "content": f"あなたは市民課の職員です。担当は鈴木一郎、相談者の電話は {PHONE} です。"},
        {"role": "user", "name": "sato", "content": [{"type": "text", "text": "次の方の件です。"}, {"type": "text", "text": f"相談者: {NAME}さん"}]},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": args}}]},
        {"role": "tool", "tool_call_id": "c1", "content": f"氏名: {NAME} 電話: {PHONE} 住所: 東京都千代田区霞が関1-2-3"},
        {"role": "assistant", "content": f"{NAME}さんの記録が見つかりました。"},
        {"role": "user", "content": "要約して"},
    ]  # fmt: skip
    r = _post(gw, {"model": "gpt-overseas", "messages": messages})
    assert r.status_code == 200, r.text
    sent = upstream.last_body["messages"]
    raw = _sent([sent])
    for value in (NAME, PHONE, "鈴木一郎", "東京都千代田区霞が関1-2-3"):
        assert value not in raw, f"{value} reached the upstream"
    assert json.loads(sent[2]["tool_calls"][0]["function"]["arguments"])["name"].startswith("〔")
    assert r.headers["x-sekisho-action"] == "pseudonymize"


def test_a_value_pseudonymised_in_one_message_is_replaced_in_every_message(gw: Gateway, upstream: UpstreamServer) -> None:
    messages = [
        {"role": "system", "content": f"担当は鈴木一郎（内線 {PHONE}）。"},
        {"role": "user", "content": PROMPT},
    ]
    assert _post(gw, {"model": "gpt-overseas", "messages": messages}).status_code == 200
    sent = upstream.last_body["messages"]
    assert PHONE not in sent[1]["content"]  # found here, with its 連絡先 label
    assert PHONE not in sent[0]["content"]


# --- Several choices, tool calls, flushing --------------------------------------------------------


def test_every_choice_is_restored_when_n_is_2(gw: Gateway, scripted: Scripted) -> None:
    def answer(body: dict[str, Any]) -> dict[str, Any]:
        text = _user_text(body)
        assert NAME not in text
        return _completion([
            {"index": 0, "message": {"role": "assistant", "content": "案1: " + text}, "finish_reason": "stop"},
            {"index": 1, "message": {"role": "assistant", "content": "案2: " + text}, "finish_reason": "stop"},
        ])  # fmt: skip

    scripted.answer = answer
    r = _client(gw).chat.completions.create(model="hostile", n=2, messages=[{"role": "user", "content": PROMPT}])
    assert [c.message.content for c in r.choices] == ["案1: " + PROMPT, "案2: " + PROMPT]


def test_every_choice_is_restored_in_an_interleaved_stream(gw: Gateway, scripted: Scripted) -> None:
    # Two choices, one character per delta, interleaved; choice 1 ends without a sentence boundary
    # and its finish chunk carries no content, so whatever the gateway holds for it must come out.
    def answer(body: dict[str, Any]) -> list[str]:
        text = _user_text(body)
        a, b = "案1: " + text, "担当: " + PLACEHOLDER.findall(text)[0]
        events = [_chunk([{"index": i, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]) for i in (0, 1)]
        for k in range(max(len(a), len(b))):
            for i, s in ((0, a), (1, b)):
                if k < len(s):
                    events.append(_chunk([{"index": i, "delta": {"content": s[k]}, "finish_reason": None}]))
        events += [_chunk([{"index": 1, "delta": {}, "finish_reason": "stop"}]),
                   _chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]), "data: [DONE]"]  # fmt: skip
        return events

    scripted.answer = answer
    r, events = _events(gw, {"model": "hostile", "n": 2, "messages": [{"role": "user", "content": PROMPT}]})
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
    phs = PLACEHOLDER.findall(_user_text(body))
    args = [json.dumps({"to": phs[0], "note": "折り返し"}, ensure_ascii=False), json.dumps({"tel": phs[1]}, ensure_ascii=False)]
    calls = [{"index": i, "id": f"call_{i}", "type": "function", "function": {"name": f"f{i}", "arguments": ""}} for i in (0, 1)]
    events = [_chunk([{"index": 0, "delta": {"role": "assistant", "content": None, "tool_calls": calls[:1]}, "finish_reason": None}])]
    for i, a in enumerate(args):
        if i:
            events.append(_chunk([{"index": 0, "delta": {"tool_calls": calls[1:]}, "finish_reason": None}]))
        events += [_chunk([{"index": 0, "delta": {"tool_calls": [{"index": i, "function": {"arguments": ch}}]}, "finish_reason": None}]) for ch in a]
    events += [_chunk([{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]),
               _chunk([], usage={"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}), "data: [DONE]"]  # fmt: skip
    return events


def test_streamed_tool_calls_with_two_indices_are_restored(gw: Gateway, scripted: Scripted) -> None:
    scripted.answer = _tool_stream
    _, events = _events(gw, {"model": "hostile", "messages": [{"role": "user", "content": PROMPT}], "stream_options": {"include_usage": True}})
    args: dict[int, str] = {}
    for e in events[:-1]:
        for c in e["choices"]:
            for call in c["delta"].get("tool_calls") or []:
                args[call["index"]] = args.get(call["index"], "") + (call.get("function") or {}).get("arguments", "")
    assert json.loads(args[0]) == {"to": NAME, "note": "折り返し"}
    assert json.loads(args[1]) == {"tel": PHONE}
    assert NAME not in _sent(scripted.bodies)


def test_no_tool_call_arguments_after_finish_reason_or_usage(gw: Gateway, scripted: Scripted) -> None:
    scripted.answer = _tool_stream
    _, events = _events(gw, {"model": "hostile", "messages": [{"role": "user", "content": PROMPT}], "stream_options": {"include_usage": True}})
    chunks = events[:-1]
    finish_at = next(i for i, e in enumerate(chunks) if any(c.get("finish_reason") for c in e["choices"]))
    assert all(not e["choices"] for e in chunks[finish_at + 1 :]), "deltas after finish_reason"
    assert "usage" in chunks[-1] and not chunks[-1]["choices"], "the usage chunk must be the last one"


# --- Output screening -----------------------------------------------------------------------------

ANSWER = f"{NAME}さんの連絡先は{PHONE}です。折り返しは{NEW_PHONE}までお願いします。"


@pytest.mark.parametrize("stream", [False, True])
def test_answer_keeps_input_phone_and_masks_a_new_one(gw: Gateway, upstream: UpstreamServer, stream: bool) -> None:
    upstream.behave(mode="reply", reply=ANSWER, chunk=3)
    r = _client(gw).chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": PROMPT}], stream=stream)
    text = "".join(c.choices[0].delta.content or "" for c in r if c.choices) if stream else r.choices[0].message.content
    assert PHONE in text and NAME in text
    assert NEW_PHONE not in text and "＜電話番号＞" in text


LONG = "あ" * 396 + NEW_PHONE + "までご連絡ください。"


def test_a_long_answer_without_boundary_is_screened_whole(gw: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(mode="reply", reply=LONG)
    text = _client(gw).chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": "案内文"}]).choices[0].message.content
    assert NEW_PHONE not in text and "＜電話番号＞" in text


def test_a_new_phone_straddling_the_400_char_release_is_masked_in_a_stream(gw: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(mode="reply", reply=LONG, chunk=4)
    stream = _client(gw).chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": "案内文"}], stream=True)
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert text.startswith("あ" * 396)
    assert "5253-2111" not in text




@pytest.mark.parametrize("stream", [False, True])
def test_reasoning_content_is_restored_and_screened(gw: Gateway, scripted: Scripted, stream: bool) -> None:
    def answer(body: dict[str, Any]) -> Any:
        ph = PLACEHOLDER.findall(_user_text(body))[0]
        thought = f"{ph}さんへの回答。折り返し先は{NEW_PHONE}にする。"
        if not stream:
            return _completion([{"index": 0, "message": {"role": "assistant", "content": "回答案です。", "reasoning_content": thought}, "finish_reason": "stop"}])
        return [_chunk([{"index": 0, "delta": {"reasoning_content": p}, "finish_reason": None}]) for p in _split(thought, 3)] + [
            _chunk([{"index": 0, "delta": {"content": "回答案です。"}, "finish_reason": None}]),
            _chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}]),
            "data: [DONE]",
        ]

    scripted.answer = answer
    body = {"model": "hostile", "messages": [{"role": "user", "content": PROMPT}]}
    if stream:
        _, events = _events(gw, body)
        thought = "".join(c["delta"].get("reasoning_content") or "" for e in events[:-1] for c in e["choices"])
    else:
        thought = _post(gw, body).json()["choices"][0]["message"]["reasoning_content"]
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
    return _completion([choice])


@pytest.mark.parametrize("where", ["logprobs", "refusal", "content-parts"])
def test_no_answer_field_carries_unscreened_personal_data(gw: Gateway, scripted: Scripted, where: str) -> None:
    scripted.answer = lambda body: _answer_with(where)
    r = _post(gw, {"model": "hostile-dom", "messages": [{"role": "user", "content": "窓口の案内文を作って"}], "logprobs": True})
    assert r.status_code == 200, r.text
    choice = r.json()["choices"][0]
    spelled = "".join(t["token"] for t in ((choice.get("logprobs") or {}).get("content") or []))
    assert NEW_PHONE not in r.text and NEW_PHONE not in spelled


def test_masking_new_data_inside_tool_arguments_keeps_them_valid_json(gw: Gateway, scripted: Scripted) -> None:
    args = json.dumps({"宛先": "田中真一", "住所": "大阪府大阪市北区中之島1-3-20", "電話": NEW_PHONE, "件名": "回答"}, ensure_ascii=False)
    call = {"id": "c1", "type": "function", "function": {"name": "send", "arguments": args}}
    scripted.answer = lambda body: _completion([
        {"index": 0, "message": {"role": "assistant", "content": None, "tool_calls": [call]}, "finish_reason": "tool_calls"}
    ])  # fmt: skip
    r = _client(gw).chat.completions.create(model="hostile-dom", messages=[{"role": "user", "content": "窓口の案内を送って"}])
    out = json.loads(r.choices[0].message.tool_calls[0].function.arguments)
    assert set(out) == {"宛先", "住所", "電話", "件名"} and out["件名"] == "回答"
    assert "田中真一" not in out["宛先"] and NEW_PHONE not in out["電話"] and "中之島" not in out["住所"]


def test_concurrent_requests_in_one_conversation_get_distinct_placeholders(gw: Gateway, upstream: UpstreamServer) -> None:
    names = [f + "一郎" for f in FAMILY]
    prompts = [f"氏名: {n}\n{n}さんの件です。" for n in names]

    async def one(client: httpx.AsyncClient, prompt: str) -> str:
        body = {"model": "gpt-overseas", "messages": [{"role": "user", "content": prompt}]}
        r = await client.post(gw.base_url + "/chat/completions", json=body)
        return str(r.json()["choices"][0]["message"]["content"])

    async def run() -> list[str]:
        headers = {**AUTH, "x-sekisho-conversation-id": "case-2026-001"}
        async with httpx.AsyncClient(headers=headers, timeout=60) as client:
            return list(await asyncio.gather(*(one(client, p) for p in prompts)))

    assert asyncio.run(run()) == prompts
    seen: dict[str, str] = {}
    for body in upstream.bodies():
        text = body["messages"][0]["content"]
        ph = PLACEHOLDER.findall(text)[0]
        assert seen.setdefault(ph, text) == text, f"{ph} was given to two different names"
    assert len(seen) == len(names)


# --- Placeholders typed by the user, long prompts -------------------------------------------------


@pytest.mark.parametrize("stream", [False, True])
def test_placeholder_lookalike_typed_by_the_user_round_trips(gw: Gateway, upstream: UpstreamServer, stream: bool) -> None:
    prompt = f"申請書の〔氏名1〕欄と［氏名２］欄には{NAME}さんの氏名を書きます。"
    upstream.behave(chunk=1)
    r = _client(gw).chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": prompt}], stream=stream)
    text = "".join(c.choices[0].delta.content or "" for c in r if c.choices) if stream else r.choices[0].message.content
    assert text == prompt
    assert NAME not in _sent(upstream.bodies())


def test_a_100kb_prompt_is_pseudonymised_end_to_end(gw: Gateway, upstream: UpstreamServer) -> None:
    filler = "本市の窓口業務の手順を確認しています。\n" * 1900  # ~110 KB of UTF-8
    prompt = f"相談者: {NAME}さん\n{filler}連絡先: {PHONE}\n担当: 鈴木一郎\n"
    assert 100_000 < len(prompt.encode("utf-8")) < 250_000
    r = _client(gw).chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": prompt}])
    assert r.choices[0].message.content == prompt
    sent = _sent(upstream.bodies())
    assert NAME not in sent and PHONE not in sent and "鈴木一郎" not in sent


def test_phone_across_the_scanner_window_in_compact_json_is_pseudonymised(gw: Gateway, upstream: UpstreamServer) -> None:
    user = "検索結果の連絡先を整理して"
    head = f"{user}\n\n"  # the tool result follows the user text in the joined scan
    records, text = [], "["
    n = 0
    while len(head) + len(text) < 12_000 - 200:
        rec = json.dumps({"id": n, "tel": f"03-{1000 + n:04d}-{2000 + n:04d}"}, separators=(",", ":"))
        records.append(rec)
        text += rec + ","
        n += 1
    # Pad so the next phone number starts 6 characters before the 12,000th character of the scan.
    prefix = '{"id":9999,"memo":"'
    pad = 12_000 - 6 - len(head) - len(text) - len(prefix) - len('","tel":"')
    target = "080-9876-5432"
    text += prefix + "x" * pad + '","tel":"' + target + '"}]'
    assert (head + text).index(target) == 12_000 - 6
    messages = [{"role": "user", "content": user}, {"role": "tool", "tool_call_id": "c1", "content": text}]
    assert _post(gw, {"model": "gpt-overseas", "messages": messages}).status_code == 200
    sent = upstream.last_body["messages"][1]["content"]
    assert "03-1000-2000" not in sent  # the control: a number well inside the window is replaced
    assert target not in sent


# --- Concurrency ----------------------------------------------------------------------------------


def test_twenty_concurrent_streams_each_get_their_own_names_back(gw: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(chunk=2, gap=0.002)
    names = [f + g for f in FAMILY for g in GIVEN]
    prompts = [f"氏名: {n}\n{n}さんへの案内文を作ってください。" for n in names]

    async def one(client: openai.AsyncOpenAI, prompt: str) -> str:
        stream = await client.chat.completions.create(model="gpt-overseas", stream=True, messages=[{"role": "user", "content": prompt}])
        return "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])

    async def run() -> list[str]:
        async with openai.AsyncOpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=60) as client:
            return list(await asyncio.gather(*(one(client, p) for p in prompts)))

    assert asyncio.run(run()) == prompts
    sent = _sent(upstream.bodies())
    assert len(upstream.bodies()) == 20
    leaked = [n for n in names if n in sent]
    assert not leaked


def test_a_request_with_thousands_of_messages_does_not_stall_the_event_loop(gw: Gateway, upstream: UpstreamServer) -> None:
    # A long tool-using session resent every turn: many small messages, each with a name and a number.
    messages = [{"role": "user", "content": f"氏名: {NAME} 電話: 090-1234-{i % 10000:04d}"} for i in range(2200)]
    body = {"model": "gpt-overseas", "messages": messages}
    assert len(json.dumps(body, ensure_ascii=False).encode()) < 250 * 1024
    result: dict[str, Any] = {}

    def big() -> None:
        result["response"] = _post(gw, body)

    worker = threading.Thread(target=big)
    worker.start()
    worst = 0.0
    with httpx.Client(timeout=60) as client:
        while worker.is_alive():
            t0 = time.perf_counter()
            client.get(gw.root + "/healthz")
            worst = max(worst, time.perf_counter() - t0)
            time.sleep(0.05)
    worker.join()
    assert result["response"].status_code == 200
    assert NAME not in _sent(upstream.bodies())
    assert worst < 1.0, f"/healthz waited {worst:.1f} s behind one large request"


# --- Hostile or broken upstreams ------------------------------------------------------------------

MSGS = [{"role": "user", "content": PROMPT}]


def test_upstream_429_passes_through_as_rate_limit(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    cfg = base_config(upstream)
    cfg["models"].append(upstream.model_entry("busy", "onprem", "echo;error=429"))
    with gateway_for(cfg) as g:
        r = _post(g, {"model": "busy", "messages": MSGS})
        err = _assert_error_shape(r, 429)
        assert err["type"] == "rate_limit_error"
        assert r.headers["x-sekisho-request-id"].startswith("req_")
        rs, _ = _events(g, {"model": "busy", "messages": MSGS})
        assert rs.status_code == 429 and rs.json()["error"]["type"] == "rate_limit_error"


def test_upstream_429_keeps_retry_after(gw: Gateway, scripted: Scripted) -> None:
    body = {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}
    scripted.answer = lambda b: JSONResponse(body, status_code=429, headers={"retry-after": "7"})
    r = _post(gw, {"model": "hostile", "messages": MSGS})
    assert _assert_error_shape(r, 429)["type"] == "rate_limit_error"
    assert r.headers.get("retry-after") == "7"


def test_upstream_invalid_json_is_502(gw: Gateway, scripted: Scripted) -> None:
    scripted.answer = lambda body: b'{"choices": [ {"index": 0, "message": '
    r = _post(gw, {"model": "hostile", "messages": MSGS})
    assert _assert_error_shape(r, 502)["type"] == "upstream_error"
    assert r.headers["x-sekisho-request-id"] in _records(gw.audit_dir)


@pytest.mark.parametrize("answer", [{"choices": [None]}, {"choices": "oops"}, {"choices": [{"index": 0, "message": "text"}]}])
def test_upstream_answer_of_the_wrong_shape_is_502_and_audited(gw: Gateway, scripted: Scripted, answer: dict[str, Any]) -> None:
    scripted.answer = lambda body: answer
    r = _post(gw, {"model": "hostile", "messages": MSGS})
    assert _assert_error_shape(r, 502)["type"] == "upstream_error"
    record = _records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]
    assert record["outcome"] == "error" and record["status"] == 502


@pytest.mark.parametrize(
    "bad",
    [
        "data: {not json",
        'data: {"error": {"message": "overloaded", "type": "server_error"}}',
    ],
    ids=["garbage-line", "error-event"],
)
def test_a_broken_stream_ends_with_an_error_event_and_is_audited(gw: Gateway, scripted: Scripted, bad: str) -> None:
    scripted.answer = lambda body: [
        _chunk([{"index": 0, "delta": {"role": "assistant", "content": "途中まで。"}, "finish_reason": None}]),
        ": keep-alive comment is fine",
        bad,
        _chunk([{"index": 0, "delta": {"content": "続き"}, "finish_reason": None}]),
        "data: [DONE]",
    ]
    r, events = _events(gw, {"model": "hostile", "messages": MSGS})
    assert r.status_code == 200
    assert events[0]["choices"][0]["delta"]["content"] == "途中まで。"
    assert "[DONE]" not in events and set(events[-1]) == {"error"}
    record = _records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]
    assert record["outcome"] == "error"


@pytest.mark.parametrize("bad", ["data: [1, 2]", 'data: {"choices": [null]}'], ids=["array-chunk", "null-choice"])
def test_a_chunk_of_the_wrong_shape_ends_the_stream_with_an_error_event(gw: Gateway, scripted: Scripted, bad: str) -> None:
    scripted.answer = lambda body: [
        _chunk([{"index": 0, "delta": {"role": "assistant", "content": "途中まで。"}, "finish_reason": None}]),
        bad,
        "data: [DONE]",
    ]
    try:
        r, events = _events(gw, {"model": "hostile", "messages": MSGS})
    except httpx.RemoteProtocolError:
        events, r = [], None
    assert r is not None, "the gateway dropped the connection mid-stream"
    assert set(events[-1]) == {"error"}
    assert _records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]["outcome"] == "error"


def test_a_stream_request_answered_with_plain_json_is_an_error(gw: Gateway, scripted: Scripted) -> None:
    scripted.answer = lambda body: {"error": {"message": "model is overloaded", "type": "server_error"}}
    r, events = _events(gw, {"model": "hostile", "messages": MSGS})
    # Known before the first byte, so it is an HTTP error rather than an in-stream event.
    assert _assert_error_shape(r, 502)["type"] == "upstream_error", f"the client got {events!r}"
    assert _records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]["outcome"] == "error"


def test_a_stream_the_client_abandons_is_still_audited(gw: Gateway, upstream: UpstreamServer) -> None:
    # Staff press "stop generating" all the time: the prompt already left, so the record must exist.
    upstream.behave(chunk=1, gap=0.05)
    body = {"model": "gpt-overseas", "stream": True, "messages": MSGS}
    with httpx.stream("POST", gw.base_url + "/chat/completions", json=body, headers=AUTH, timeout=30) as r:
        request_id = r.headers["x-sekisho-request-id"]
        next(r.iter_lines())
    deadline = time.monotonic() + 10
    while request_id not in _records(gw.audit_dir) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert request_id in _records(gw.audit_dir)
    assert NAME not in _sent(upstream.bodies())


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "api_base"), ({"api_base": "http://anthropic.invalid"}, "base_url")],
    ids=["api_base-not-configured", "base_url-beside-configured-api_base"],
)
def test_a_client_cannot_redirect_a_litellm_upstream(
    gateway_for: Callable[[dict[str, Any]], Any],
    upstream: UpstreamServer,
    anthropic_upstream: AnthropicServer,
    monkeypatch: pytest.MonkeyPatch,
    params: dict[str, str],
    field: str,
) -> None:
    # The legitimate provider is unreachable here (.invalid); the "attacker" is the recording server.
    monkeypatch.setenv("ANTHROPIC_API_BASE", "http://anthropic.invalid")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://anthropic.invalid")
    cfg = base_config(upstream)
    cfg["models"].append(
        {"name": "claude", "zone": "overseas",
         "upstream": {"type": "litellm", "model": "anthropic/claude-3-5-sonnet-20241022",
                      "api_key": "env:TEST_ANTHROPIC_KEY", "params": params}}
    )  # fmt: skip
    with gateway_for(cfg) as g:
        body = {"model": "claude", "messages": [{"role": "user", "content": "防災訓練の案内"}], field: anthropic_upstream.url}
        r = _post(g, body)
    stolen = [req.headers.get("x-api-key") for req in anthropic_upstream.requests]
    assert stolen == [], "the provider key was sent to a host the client chose"
    assert r.status_code in (400, 502), r.text


# --- Headers, request validation ------------------------------------------------------------------


def test_sekisho_headers_on_streams_and_on_errors(gw: Gateway, upstream: UpstreamServer) -> None:
    r, events = _events(gw, {"model": "gpt-overseas", "messages": MSGS})
    assert events[-1] == "[DONE]"
    assert r.headers["x-sekisho-request-id"].startswith("req_")
    assert r.headers["x-sekisho-level"] == "2" and r.headers["x-sekisho-action"] == "pseudonymize"
    assert r.headers["x-sekisho-policy-version"]
    blocked = _post(gw, {"model": "gpt-overseas", "messages": [{"role": "user", "content": "個人番号 123456789018 の件"}]})
    assert _assert_error_shape(blocked, 403)["code"] == "blocked_by_policy"
    assert blocked.headers["x-sekisho-action"] == "block" and blocked.headers["x-sekisho-level"] == "3"
    bad = _post(gw, {"model": "gpt-overseas", "messages": []})
    _assert_error_shape(bad, 400)
    assert bad.headers["x-sekisho-request-id"] in _records(gw.audit_dir)
    assert upstream.bodies() == [upstream.bodies()[0]]  # only the first request was sent


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"model": 123, "messages": MSGS}, 404),
        ({"model": ["gpt-overseas"], "messages": MSGS}, 404),
        ({"model": "gpt-overseas", "messages": [{"role": "user", "content": 42}]}, 400),
        ({"model": "gpt-overseas", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:,"}}]}]}, 400),
        ({"model": "gpt-overseas", "messages": ["hello"]}, 400),
        ({"model": "gpt-overseas", "messages": {"role": "user", "content": "x"}}, 400),
    ],
    ids=["model-int", "model-list", "content-int", "image-part", "message-str", "messages-object"],
)
def test_malformed_requests_are_refused_in_openai_shape(gw: Gateway, upstream: UpstreamServer, body: dict[str, Any], status: int) -> None:
    _assert_error_shape(_post(gw, body), status)
    assert upstream.bodies() == []


@pytest.mark.parametrize("model", ["gpt-overseas", "local-llm"])
def test_a_lone_surrogate_from_a_truncated_emoji_is_not_a_500(gw: Gateway, upstream: UpstreamServer, model: str) -> None:
    # JavaScript clients that cut a string inside an emoji send half a surrogate pair, JSON-escaped.
    raw = json.dumps({"model": model, "messages": [{"role": "user", "content": f"{PROMPT}よろしく\ud83d"}]})
    assert "\\ud83d" in raw
    r = _post(gw, raw.encode("ascii"))
    assert r.status_code in (200, 400), r.text
    assert r.headers["x-sekisho-request-id"] in _records(gw.audit_dir)
    if model == "gpt-overseas":
        assert NAME not in _sent(upstream.bodies())


def test_deeply_nested_json_is_a_400(gw: Gateway, upstream: UpstreamServer) -> None:
    depth = 50_000
    head = json.dumps({"model": "local-llm", "messages": MSGS})[:-1]
    raw = (head + ', "metadata": {"x": ' + "[" * depth + "]" * depth + "}}").encode()
    assert len(raw) < 256 * 1024
    r = _post(gw, raw)
    _assert_error_shape(r, 400)
    assert r.headers["x-sekisho-request-id"] in _records(gw.audit_dir)


@pytest.mark.parametrize("value", ["false", "yes", 1])
def test_a_non_boolean_stream_flag_is_refused(gw: Gateway, upstream: UpstreamServer, value: Any) -> None:
    r = _post(gw, {"model": "gpt-overseas", "messages": MSGS, "stream": value})
    assert _assert_error_shape(r, 400)["param"] == "stream"
    assert upstream.bodies() == []


def test_unknown_fields_are_forwarded_and_the_tool_choice_kept(gw: Gateway, upstream: UpstreamServer) -> None:
    body = {"model": "local-llm", "messages": [{"role": "user", "content": "防災訓練の案内"}], "seed": 7,
            "tool_choice": "none", "parallel_tool_calls": False, "x_vendor": {"top_k": 20}}  # fmt: skip
    assert _post(gw, body).status_code == 200
    sent = upstream.last_body
    assert (sent["seed"], sent["tool_choice"], sent["parallel_tool_calls"], sent["x_vendor"]) == (7, "none", False, {"top_k": 20})
    assert sent["model"] == "onprem-qwen"
