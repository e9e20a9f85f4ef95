"""The gateway as a drop-in OpenAI endpoint: the official client, sync and async, against real upstreams."""

from __future__ import annotations

import asyncio
import json

import httpx
import openai
import pytest

from tests.gateway.conftest import INTERN_KEY, STAFF_KEY, Gateway
from tests.support.anthropic_upstream import AnthropicServer
from tests.support.upstream import UpstreamServer

# 機密性1: nothing personal, so the default policy lets it go anywhere unchanged.
PUBLIC_PROMPT = "市の広報誌に載せる、秋の防災訓練のお知らせ文を三行で作ってください。"


def client(gw: Gateway, key: str = STAFF_KEY) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.base_url, api_key=key, max_retries=0, timeout=30)


def aclient(gw: Gateway, key: str = STAFF_KEY) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url=gw.base_url, api_key=key, max_retries=0, timeout=30)


def test_chat_passes_every_field_through(gateway: Gateway, upstream: UpstreamServer) -> None:
    tools = [{"type": "function", "function": {"name": "lookup", "description": "施設を検索", "parameters": {"type": "object", "properties": {}}}}]
    answer = client(gateway).chat.completions.create(
        model="gpt-overseas",
        messages=[{"role": "system", "content": "あなたは市役所の広報担当です。"}, {"role": "user", "content": PUBLIC_PROMPT}],
        temperature=0.2,
        top_p=0.9,
        n=1,
        seed=7,
        max_tokens=200,
        tools=tools,
        tool_choice="auto",
        response_format={"type": "text"},
        user="u1001",
    )
    assert answer.choices[0].message.content == PUBLIC_PROMPT
    assert answer.model == "gpt-overseas"
    sent = upstream.last_body
    assert sent["model"] == "gpt-4o"  # the upstream's own name for the public model
    assert sent["messages"][1]["content"] == PUBLIC_PROMPT
    for key, value in {"temperature": 0.2, "top_p": 0.9, "n": 1, "seed": 7, "max_tokens": 200, "tool_choice": "auto", "user": "u1001"}.items():
        assert sent[key] == value
    assert sent["tools"] == tools
    assert sent["response_format"] == {"type": "text"}
    assert upstream.last.headers["authorization"] == "Bearer upstream-secret"


def test_content_parts_are_forwarded(gateway: Gateway, upstream: UpstreamServer) -> None:
    parts = [{"type": "text", "text": "次の文を英訳してください。"}, {"type": "text", "text": "図書館は月曜休館です。"}]
    answer = client(gateway).chat.completions.create(model="domestic-llm", messages=[{"role": "user", "content": parts}])
    assert answer.choices[0].message.content == "次の文を英訳してください。図書館は月曜休館です。"
    assert upstream.last_body["messages"][0]["content"] == parts


def test_stream_with_usage(gateway: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(chunk=3)
    stream = client(gateway).chat.completions.create(
        model="gpt-overseas",
        messages=[{"role": "user", "content": PUBLIC_PROMPT}],
        stream=True,
        stream_options={"include_usage": True},
    )
    text, usage, finish = "", None, None
    for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            text += choice.delta.content or ""
            finish = choice.finish_reason or finish
    assert text == PUBLIC_PROMPT
    assert finish == "stop"
    assert usage is not None and usage.completion_tokens == len(PUBLIC_PROMPT)
    assert upstream.last_body["stream"] is True
    assert upstream.last_body["stream_options"] == {"include_usage": True}


def test_models_lists_the_registry(gateway: Gateway) -> None:
    ids = {m.id for m in client(gateway).models.list()}
    assert ids == {"local-llm", "domestic-llm", "gpt-overseas", "tool-overseas", "claude-overseas"}


def test_a_key_sees_and_uses_only_its_models(gateway: Gateway, upstream: UpstreamServer) -> None:
    intern = client(gateway, INTERN_KEY)
    assert [m.id for m in intern.models.list()] == ["local-llm"]
    with pytest.raises(openai.NotFoundError):
        intern.chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": PUBLIC_PROMPT}])
    assert upstream.requests == []
    assert intern.chat.completions.create(model="local-llm", messages=[{"role": "user", "content": PUBLIC_PROMPT}]).choices[0].message.content == PUBLIC_PROMPT


def test_embeddings(gateway: Gateway, upstream: UpstreamServer) -> None:
    result = client(gateway).embeddings.create(model="domestic-llm", input=["図書館の開館時間", "ごみの分別"])
    assert len(result.data) == 2
    assert upstream.last_body["input"] == ["図書館の開館時間", "ごみの分別"]
    assert upstream.last.path == "/v1/embeddings"


def test_async_client_chat_stream_models_embeddings(gateway: Gateway, upstream: UpstreamServer) -> None:
    asyncio.run(_async_round(gateway, upstream))


async def _async_round(gateway: Gateway, upstream: UpstreamServer) -> None:
    ac = aclient(gateway)
    answer = await ac.chat.completions.create(model="local-llm", messages=[{"role": "user", "content": PUBLIC_PROMPT}])
    assert answer.choices[0].message.content == PUBLIC_PROMPT
    stream = await ac.chat.completions.create(model="local-llm", messages=[{"role": "user", "content": PUBLIC_PROMPT}], stream=True)
    text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    assert text == PUBLIC_PROMPT
    models = await ac.models.list()
    assert "local-llm" in {m.id for m in models.data}
    emb = await ac.embeddings.create(model="local-llm", input="防災マップ")
    assert len(emb.data[0].embedding) > 0
    assert upstream.last_body["input"] == "防災マップ"
    await ac.close()


def test_litellm_translated_provider(gateway: Gateway, anthropic_upstream: AnthropicServer) -> None:
    answer = client(gateway).chat.completions.create(
        model="claude-overseas",
        messages=[{"role": "system", "content": "丁寧に答えてください。"}, {"role": "user", "content": PUBLIC_PROMPT}],
        max_tokens=300,
    )
    assert answer.choices[0].message.content == PUBLIC_PROMPT
    sent = anthropic_upstream.last_body
    assert sent["model"] == "claude-3-5-sonnet-20241022"
    assert sent["system"] in ("丁寧に答えてください。", [{"type": "text", "text": "丁寧に答えてください。"}])
    assert sent["messages"][-1]["content"] in (PUBLIC_PROMPT, [{"type": "text", "text": PUBLIC_PROMPT}])
    assert anthropic_upstream.last.headers["x-api-key"] == "anthropic-secret"


def test_litellm_translated_provider_streams(gateway: Gateway, anthropic_upstream: AnthropicServer) -> None:
    stream = client(gateway).chat.completions.create(
        model="claude-overseas", messages=[{"role": "user", "content": PUBLIC_PROMPT}], max_tokens=300, stream=True
    )
    text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    assert text == PUBLIC_PROMPT
    assert anthropic_upstream.last_body["stream"] is True


def test_sse_wire_format(gateway: Gateway) -> None:
    """Raw bytes, as curl or a browser sees them: data lines and a closing [DONE]."""
    with httpx.stream(
        "POST",
        f"{gateway.base_url}/chat/completions",
        headers={"authorization": f"Bearer {STAFF_KEY}"},
        json={"model": "local-llm", "stream": True, "messages": [{"role": "user", "content": "こんにちは"}]},
        timeout=30,
    ) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)


@pytest.mark.parametrize("content", ["", "   "])
def test_empty_text_is_still_served(gateway: Gateway, content: str) -> None:
    answer = client(gateway).chat.completions.create(model="local-llm", messages=[{"role": "user", "content": content}])
    assert answer.choices[0].message.content == content
