"""What the edge-case tests share: request helpers, scripted answers, and the personal data they send.

Each edge-case test states the behaviour a serious product needs; each was first written as a strict
xfail against the gateway as it was, with its diagnosis, and the gateway was then fixed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import openai

from tests.gateway.conftest import STAFF_KEY, Gateway

NAME = "佐藤花子"
PHONE = "090-1234-5678"
PROMPT = f"相談者: {NAME}さん（連絡先 {PHONE}）への回答案を作ってください。"
AUTH = {"authorization": f"Bearer {STAFF_KEY}"}
PLACEHOLDER = re.compile(r"〔[^〔〕]{1,12}〕")
MSGS = [{"role": "user", "content": PROMPT}]


def openai_client(gw: Gateway) -> openai.OpenAI:
    """An OpenAI client for the gateway that never retries."""
    return openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)


def post_chat(gw: Gateway, body: dict[str, Any] | bytes) -> httpx.Response:
    """POST a chat completion as the staff key; bytes are sent as they are."""
    if isinstance(body, bytes):
        return httpx.post(gw.base_url + "/chat/completions", content=body, headers={**AUTH, "content-type": "application/json"}, timeout=60)
    return httpx.post(gw.base_url + "/chat/completions", json=body, headers=AUTH, timeout=60)


def stream_events(gw: Gateway, body: dict[str, Any]) -> tuple[httpx.Response, list[Any]]:
    """POST a streamed request; the response and its SSE payloads (dicts, or the string "[DONE]")."""
    out: list[Any] = []
    with httpx.stream("POST", gw.base_url + "/chat/completions", json={**body, "stream": True}, headers=AUTH, timeout=60) as r:
        r.read()
    for line in r.text.split("\n"):
        if line.startswith("data: "):
            payload = line[6:]
            out.append(payload if payload == "[DONE]" else json.loads(payload))
    return r, out


def sent_text(upstream_bodies: list[Any]) -> str:
    """What the upstream received, as one string to search for personal data."""
    return json.dumps(upstream_bodies, ensure_ascii=False)


def audit_records(audit_dir: Path) -> dict[str, dict[str, Any]]:
    """Every audit record under `audit_dir`, by request id."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(audit_dir.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[rec["request_id"]] = rec
    return out


def assert_error_shape(r: httpx.Response, status: int) -> dict[str, Any]:
    """Check `r` is an OpenAI-shaped error with this status; its `error` object."""
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type", "code", "param"}
    return dict(body["error"])


def chunk(choices: list[dict[str, Any]], **extra: Any) -> str:
    """One SSE `data:` line carrying a chat.completion.chunk."""
    obj = {"id": "chatcmpl-x", "object": "chat.completion.chunk", "created": 1, "model": "h", "choices": choices, **extra}
    return "data: " + json.dumps(obj, ensure_ascii=False)


def completion(choices: list[dict[str, Any]]) -> dict[str, Any]:
    """A chat.completion with these choices."""
    return {"id": "chatcmpl-x", "object": "chat.completion", "created": 1, "model": "h", "choices": choices,
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}  # fmt: skip


def user_text(body: dict[str, Any]) -> str:
    """The text of the last user message in a request body."""
    content = [m for m in body["messages"] if m.get("role") == "user"][-1]["content"]
    return content if isinstance(content, str) else "".join(p["text"] for p in content)

