"""Fuzzing the request path: schemathesis against the published OpenAPI schema, and hypothesis placing
a canary in every kind of field under every disguise the inspector handles; no 500, no hang, no leak.

The CI budget is fixed by SEKISHO_FUZZ_EXAMPLES (default 60 per test); the longer run documented in
docs/inspection.md sets it to thousands.
"""

from __future__ import annotations

import json
import os
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from tests.gateway.conftest import STAFF_KEY, Gateway
from tests.support.canary import leaked
from tests.support.upstream import UpstreamServer

EXAMPLES = int(os.environ.get("SEKISHO_FUZZ_EXAMPLES", "60"))
AUTH = {"authorization": f"Bearer {STAFF_KEY}"}
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=not os.environ.get("SEKISHO_FUZZ_RANDOM"))


@pytest.mark.parametrize("path", ["/v1/chat/completions", "/v1/embeddings"])
def test_schema_fuzz_never_errors(module_gw: Gateway, path: str) -> None:
    # schemathesis's pytest plugin does not load under this pytest; its strategies are driven directly.
    schema = schemathesis.openapi.from_url(module_gw.root + "/openapi.json")
    operation = schema[path]["POST"]

    @given(case=operation.as_strategy())
    @FUZZ
    def check(case: Any) -> None:
        # Generated model names are unknown (404 before any scan): most go to a real model instead.
        if isinstance(case.body, dict) and case.body.get("model") != "no-such-model":
            case.body["model"] = "gpt-overseas"
        response = case.call(headers=AUTH, timeout=30)
        case.validate_response(response, checks=(not_a_server_error,))

    check()


# Values that must never reach an overseas model in any disguise the inspector itself undoes.
CANARIES = {
    "phone": ("佐藤花子さんの携帯 090-1234-5678", ["090-1234-5678"]),
    "my_number": ("個人番号 123456789018", ["123456789018"]),
    "marking": ("【機密性３】次年度の人事異動案", ["機密性３", "人事異動案"]),
}


def _tagged(text: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) if c.isascii() and c.isprintable() else c for c in text)


DISGUISES = {
    "plain": lambda t: t,
    "bidi": lambda t: "\u202e" + t + "\u202c",
    "tags": _tagged,
}


def _place(where: str, text: str) -> tuple[str, dict[str, Any]]:
    msgs: list[dict[str, Any]] = [{"role": "user", "content": "返信文を作ってください。"}]
    body: dict[str, Any] = {"model": "gpt-overseas", "messages": msgs}
    half = len(text) // 2
    match where:
        case "content":
            msgs[0]["content"] = text
        case "parts":
            msgs[0]["content"] = [{"type": "text", "text": text[:half]}, {"type": "text", "text": text[half:]}]
        case "system":
            msgs.insert(0, {"role": "system", "content": text})
        case "name":
            msgs[0]["name"] = text
        case "metadata_key":
            body["metadata"] = {text: "x"}
        case "metadata_value":
            body["metadata"] = {"id": text}
        case "unknown":
            body["context"] = {"type": text}
        case "tool_schema":
            body["tools"] = [{"type": "function", "function": {"name": "f", "parameters": {"properties": {text: {"type": "string"}}}}}]
        case "tool_args":
            msgs.append({"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": json.dumps({"memo": text}, ensure_ascii=False)}}]})
            msgs.append({"role": "tool", "tool_call_id": "call_1", "content": "ok"})
        case "stop":
            body["stop"] = [text]
        case "user":
            body["user"] = text
        case "embedding":
            return "/embeddings", {"model": "gpt-overseas", "input": [text[:half], text[half:]]}
    return "/chat/completions", body


PLACES = ["content", "parts", "system", "name", "metadata_key", "metadata_value", "unknown", "tool_schema",
          "tool_args", "stop", "user", "embedding"]


@given(canary=st.sampled_from(sorted(CANARIES)), disguise=st.sampled_from(sorted(DISGUISES)), where=st.sampled_from(PLACES),
       prefix=st.text(alphabet="あいうえお窓口申請 。、\n", max_size=20))
@FUZZ
def test_a_canary_in_any_field_never_reaches_the_overseas_model(
    module_gw: Gateway, upstream_server: UpstreamServer, canary: str, disguise: str, where: str, prefix: str
) -> None:
    text, values = CANARIES[canary]
    path, body = _place(where, prefix + DISGUISES[disguise](text))
    upstream_server.clear()
    r = httpx.post(module_gw.base_url + path, json=body, headers=AUTH, timeout=30)
    assert r.status_code < 500, r.text
    overseas = [rec.body for rec in upstream_server.requests if isinstance(rec.body, dict) and rec.body.get("model") == "gpt-4o"]
    assert not leaked(overseas, values), (where, disguise, r.status_code)
