"""Odd and malformed requests are refused in OpenAI shape and audited; Sekisho's headers are on every answer."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.gateway._edge_support import (
    MSGS,
    NAME,
    PROMPT,
    assert_error_shape,
    audit_records,
    post_chat,
    sent_text,
    stream_events,
)
from tests.gateway.conftest import Gateway
from tests.support.upstream import UpstreamServer


def test_sekisho_headers_on_streams_and_on_errors(gw: Gateway, upstream: UpstreamServer) -> None:
    r, events = stream_events(gw, {"model": "gpt-overseas", "messages": MSGS})
    assert events[-1] == "[DONE]"
    assert r.headers["x-sekisho-request-id"].startswith("req_")
    assert r.headers["x-sekisho-level"] == "2" and r.headers["x-sekisho-action"] == "pseudonymize"
    assert r.headers["x-sekisho-policy-version"]
    blocked = post_chat(gw, {"model": "gpt-overseas", "messages": [{"role": "user", "content": "個人番号 123456789018 の件"}]})
    assert assert_error_shape(blocked, 403)["code"] == "blocked_by_policy"
    assert blocked.headers["x-sekisho-action"] == "block" and blocked.headers["x-sekisho-level"] == "3"
    bad = post_chat(gw, {"model": "gpt-overseas", "messages": []})
    assert_error_shape(bad, 400)
    assert bad.headers["x-sekisho-request-id"] in audit_records(gw.audit_dir)
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
    assert_error_shape(post_chat(gw, body), status)
    assert upstream.bodies() == []


@pytest.mark.parametrize("form", ["escaped", "utf-8 bytes"])
@pytest.mark.parametrize("model", ["gpt-overseas", "local-llm"])
def test_a_lone_surrogate_from_a_truncated_emoji_is_not_a_500(gw: Gateway, upstream: UpstreamServer, model: str, form: str) -> None:
    # JavaScript clients that cut a string inside an emoji send half a surrogate pair, JSON-escaped;
    # a broken encoder writes its UTF-8 bytes (json.loads reads them with surrogatepass).
    body = {"model": model, "messages": [{"role": "user", "content": f"{PROMPT}よろしく\ud83d"}]}
    if form == "escaped":
        raw = json.dumps(body).encode("ascii")
        assert b"\\ud83d" in raw
    else:
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass")
        assert b"\\u" not in raw and b"\xed\xa0\xbd" in raw
    r = post_chat(gw, raw)
    assert r.status_code in (200, 400), r.text
    assert r.headers["x-sekisho-request-id"] in audit_records(gw.audit_dir)
    if model == "gpt-overseas":
        assert NAME not in sent_text(upstream.bodies())


def test_deeply_nested_json_is_a_400(gw: Gateway, upstream: UpstreamServer) -> None:
    depth = 50_000
    head = json.dumps({"model": "local-llm", "messages": MSGS})[:-1]
    raw = (head + ', "metadata": {"x": ' + "[" * depth + "]" * depth + "}}").encode()
    assert len(raw) < 256 * 1024
    r = post_chat(gw, raw)
    assert_error_shape(r, 400)
    assert r.headers["x-sekisho-request-id"] in audit_records(gw.audit_dir)


@pytest.mark.parametrize("value", ["false", "yes", 1])
def test_a_non_boolean_stream_flag_is_refused(gw: Gateway, upstream: UpstreamServer, value: Any) -> None:
    r = post_chat(gw, {"model": "gpt-overseas", "messages": MSGS, "stream": value})
    assert assert_error_shape(r, 400)["param"] == "stream"
    assert upstream.bodies() == []


def test_unknown_fields_are_forwarded_and_the_tool_choice_kept(gw: Gateway, upstream: UpstreamServer) -> None:
    body = {"model": "local-llm", "messages": [{"role": "user", "content": "防災訓練の案内"}], "seed": 7,
            "tool_choice": "none", "parallel_tool_calls": False, "x_vendor": {"top_k": 20}}  # fmt: skip
    assert post_chat(gw, body).status_code == 200
    sent = upstream.last_body
    assert (sent["seed"], sent["tool_choice"], sent["parallel_tool_calls"], sent["x_vendor"]) == (7, "none", False, {"top_k": 20})
    assert sent["model"] == "onprem-qwen"
