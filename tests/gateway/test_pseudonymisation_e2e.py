"""Names leave as placeholders and come back in the answer: plain, streamed in any chunking, in tool
calls, across turns, and across two gateway processes sharing one Redis."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.gateway.conftest import STAFF_KEY, Gateway, base_config, closed_port_url
from tests.support.servers import free_port, run_gateway_process
from tests.support.upstream import UpstreamServer

PROMPT = (
    "以下の相談記録を要約してください。\n"
    "相談者: 佐藤花子さん（昭和58年4月1日生まれ）\n"
    "住所: 東京都千代田区霞が関1-2-3\n"
    "連絡先: 090-1234-5678 / hanako.sato@example.jp\n"
    "内容: 児童手当の振込先を変更したいとのこと。担当の鈴木一郎が対応した。"
)
VALUES = ["佐藤花子", "東京都千代田区霞が関1-2-3", "090-1234-5678", "hanako.sato@example.jp", "鈴木一郎"]


def _client(gw: Gateway) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)


def _assert_nothing_leaked(upstream: UpstreamServer) -> None:
    raw = json.dumps([r.body for r in upstream.requests], ensure_ascii=False)
    for value in VALUES:
        assert value not in raw, f"{value!r} reached the upstream"


def test_non_streaming_round_trip(gateway: Gateway, upstream: UpstreamServer) -> None:
    answer = _client(gateway).chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": PROMPT}])
    _assert_nothing_leaked(upstream)
    assert answer.choices[0].message.content == PROMPT


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_streaming_round_trip_in_any_chunking(gateway: Gateway, upstream: UpstreamServer, chunk: int) -> None:
    upstream.behave(chunk=chunk)
    stream = _client(gateway).chat.completions.create(
        model="gpt-overseas", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    _assert_nothing_leaked(upstream)
    assert text == PROMPT


@pytest.mark.parametrize("chunk", [1, 5])
def test_tool_call_arguments_are_restored(gateway: Gateway, upstream: UpstreamServer, chunk: int) -> None:
    upstream.behave(chunk=chunk)
    tools = [{"type": "function", "function": {"name": "save_record", "parameters": {"type": "object", "properties": {"text": {"type": "string"}}}}}]
    answer = _client(gateway).chat.completions.create(
        model="tool-overseas", messages=[{"role": "user", "content": PROMPT}], tools=tools
    )
    args = json.loads(answer.choices[0].message.tool_calls[0].function.arguments)
    assert args == {"text": PROMPT}
    stream = _client(gateway).chat.completions.create(
        model="tool-overseas", messages=[{"role": "user", "content": PROMPT}], tools=tools, stream=True
    )
    streamed = "".join(
        (tc.function.arguments or "") for c in stream if c.choices for tc in (c.choices[0].delta.tool_calls or [])
    )
    assert json.loads(streamed) == {"text": PROMPT}
    _assert_nothing_leaked(upstream)


def test_same_value_same_placeholder_across_turns(gateway: Gateway, upstream: UpstreamServer) -> None:
    client = _client(gateway)
    history = [{"role": "user", "content": PROMPT}]
    first = client.chat.completions.create(model="gpt-overseas", messages=history)
    turn1 = upstream.last_body["messages"][0]["content"]
    history += [{"role": "assistant", "content": first.choices[0].message.content},
                {"role": "user", "content": "佐藤花子さんへの返信文も作ってください。"}]
    second = client.chat.completions.create(model="gpt-overseas", messages=history)
    sent = upstream.last_body["messages"]
    assert sent[0]["content"] == turn1  # the resent history is pseudonymised identically
    placeholder = _placeholder_of(turn1, sent[2]["content"])
    assert placeholder and placeholder in turn1
    assert second.choices[0].message.content == "佐藤花子さんへの返信文も作ってください。"
    _assert_nothing_leaked(upstream)


def _placeholder_of(turn1: str, text: str) -> str:
    start = text.index("〔")
    return text[start : text.index("〕", start) + 1]


def test_conversations_do_not_share_mappings(gateway: Gateway, upstream: UpstreamServer) -> None:
    client = _client(gateway)
    client.chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": "高橋健太さんの件で確認です。"}])
    a = upstream.last_body["messages"][0]["content"]
    client.chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": "中村美咲さんの件で確認です。"}])
    b = upstream.last_body["messages"][0]["content"]
    # Each conversation numbers from its own start; a placeholder never carries another's value.
    assert "高橋健太" not in b and "中村美咲" not in a


def test_explicit_conversation_header(gateway: Gateway, upstream: UpstreamServer) -> None:
    headers = {"authorization": f"Bearer {STAFF_KEY}", "x-sekisho-conversation-id": "case-42"}
    body1 = {"model": "gpt-overseas", "messages": [{"role": "user", "content": "伊藤真由美さんについて。"}]}
    body2 = {"model": "gpt-overseas", "messages": [{"role": "user", "content": "別件ですが、伊藤真由美さんの続きです。"}]}
    httpx.post(gateway.base_url + "/chat/completions", headers=headers, json=body1, timeout=30)
    p1 = _placeholder_of("", upstream.last_body["messages"][0]["content"])
    r = httpx.post(gateway.base_url + "/chat/completions", headers=headers, json=body2, timeout=30)
    assert _placeholder_of("", upstream.last_body["messages"][0]["content"]) == p1
    assert r.json()["choices"][0]["message"]["content"] == body2["messages"][0]["content"]


def test_invented_personal_data_in_the_answer_is_masked(gateway: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(mode="reply", reply="担当は田中真一です。折り返しは 03-5253-2111 までお願いします。")
    r = _client(gateway).chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": "窓口の案内文を作って"}])
    content = r.choices[0].message.content or ""
    assert "田中真一" not in content and "03-5253-2111" not in content
    assert "＜" in content


def test_embeddings_inputs_are_pseudonymised(gateway: Gateway, upstream: UpstreamServer) -> None:
    _client(gateway).embeddings.create(model="gpt-overseas", input=["佐藤花子さんの相談記録", "ごみの分別"])
    sent = upstream.last_body["input"]
    assert "佐藤花子" not in sent[0] and sent[1] == "ごみの分別"


def test_redis_unreachable_fails_closed_with_503(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEKISHO_VAULT_KEY", "test-vault-key-0123456789abcdef")
    dead = closed_port_url().replace("http://", "redis://").replace("/v1", "/0")
    with gateway_for(base_config(upstream, vault={"redis_url": dead})) as gw:
        r = httpx.post(gw.base_url + "/chat/completions", headers={"authorization": f"Bearer {STAFF_KEY}"},
                       json={"model": "gpt-overseas", "messages": [{"role": "user", "content": PROMPT}]}, timeout=30)
        assert r.status_code == 503
        assert r.json()["error"]["type"] == "service_unavailable"
        assert upstream.requests == []
        # A request that needs no vault is still served.
        ok = httpx.post(gw.base_url + "/chat/completions", headers={"authorization": f"Bearer {STAFF_KEY}"},
                        json={"model": "gpt-overseas", "messages": [{"role": "user", "content": "防災訓練のお知らせ"}]}, timeout=30)
        assert ok.status_code == 200


def test_two_processes_share_one_redis(tmp_path: Path, upstream: UpstreamServer, fresh_redis_url: str, tmp_config: Callable[..., Path]) -> None:
    env = {"SEKISHO_VAULT_KEY": "shared-vault-key-for-both-replicas", "TEST_UPSTREAM_KEY": "k"}
    config = tmp_config(base_config(upstream, vault={"redis_url": fresh_redis_url}))
    with run_gateway_process(config, env, port=free_port()) as one, run_gateway_process(config, env, port=free_port()) as two:
        c1 = openai.OpenAI(base_url=one.base_url + "/v1", api_key=STAFF_KEY, max_retries=0, timeout=30)
        c2 = openai.OpenAI(base_url=two.base_url + "/v1", api_key=STAFF_KEY, max_retries=0, timeout=30)
        history = [{"role": "user", "content": PROMPT}]
        first = c1.chat.completions.create(model="gpt-overseas", messages=history)
        turn1 = upstream.last_body["messages"][0]["content"]
        history += [{"role": "assistant", "content": first.choices[0].message.content},
                    {"role": "user", "content": "鈴木一郎から佐藤花子さんへの連絡文を作ってください。"}]
        upstream.behave(chunk=1)
        stream = c2.chat.completions.create(model="gpt-overseas", messages=history, stream=True)
        text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        assert upstream.last_body["messages"][0]["content"] == turn1
        assert text == "鈴木一郎から佐藤花子さんへの連絡文を作ってください。"
        _assert_nothing_leaked(upstream)
        for proc in (one, two):
            for value in VALUES:
                assert value not in proc.log()
