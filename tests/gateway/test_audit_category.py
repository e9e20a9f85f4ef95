"""The use-case category is read once the request is on its way: the write-ahead (`pending`) record
goes down without it, the final record carries it, streamed or not, on both chat endpoints; a request
that never leaves (blocked) still has it in its only record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.gateway.conftest import STAFF_KEY, Gateway
from tests.support.upstream import UpstreamServer

AUTH = {"authorization": f"Bearer {STAFF_KEY}"}
TRANSLATE = "この文章を英語に翻訳してください。"


def _records(audit_dir: Path, request_id: str) -> list[dict[str, Any]]:
    lines = (line for p in sorted(audit_dir.glob("*.jsonl")) for line in p.read_text("utf-8").splitlines())
    return [r for r in map(json.loads, lines) if r["request_id"] == request_id]


def _send(gateway: Gateway, path: str, body: dict[str, Any]) -> httpx.Response:
    if not body.get("stream"):
        return httpx.post(gateway.base_url + path, json=body, headers=AUTH, timeout=30)
    with httpx.stream("POST", gateway.base_url + path, json=body, headers=AUTH, timeout=30) as response:
        response.read()  # to the end: the final record is on disk before the stream's last event
        return response


@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/chat/completions", {"model": "local-llm", "messages": [{"role": "user", "content": TRANSLATE}]}),
        ("/responses", {"model": "local-llm", "input": TRANSLATE}),
    ],
    ids=["chat", "responses"],
)
def test_the_category_is_in_the_final_record_and_not_in_the_write_ahead_one(
    gateway: Gateway, upstream: UpstreamServer, path: str, body: dict[str, Any], stream: bool
) -> None:
    response = _send(gateway, path, {**body, "stream": stream})
    assert response.status_code == 200
    records = _records(gateway.audit_dir, response.headers["x-sekisho-request-id"])
    assert [(r["phase"], r["category"]) for r in records] == [("pending", None), ("final", "translation")]
    assert len(upstream.requests) == 1


def test_a_blocked_request_keeps_its_category_in_its_only_record(gateway: Gateway, upstream: UpstreamServer) -> None:
    body = {"model": "gpt-overseas", "messages": [{"role": "user", "content": "個人番号 123456789018 の課税状況を要約して"}]}
    response = httpx.post(gateway.base_url + "/chat/completions", json=body, headers=AUTH, timeout=30)
    assert response.status_code == 403 and upstream.requests == []
    records = _records(gateway.audit_dir, response.headers["x-sekisho-request-id"])
    assert [(r["phase"], r["outcome"], r["category"]) for r in records] == [(None, "blocked", "summary")]


def test_a_stream_cut_by_the_upstream_still_records_its_category(gateway: Gateway, upstream: UpstreamServer) -> None:
    upstream.behave(cut=2)
    body = {"model": "local-llm", "stream": True, "messages": [{"role": "user", "content": TRANSLATE}]}
    response = _send(gateway, "/chat/completions", body)
    records = _records(gateway.audit_dir, response.headers["x-sekisho-request-id"])
    assert [(r["phase"], r["outcome"], r["category"]) for r in records] == [("pending", "pending", None), ("final", "error", "translation")]
