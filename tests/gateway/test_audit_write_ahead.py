"""Audit before send: the pending record is on disk while the upstream still holds the request, and
the final record is on disk before the answer (or the stream's [DONE]) reaches the client."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.gateway.conftest import STAFF_KEY, Gateway, base_config
from tests.support.upstream import UpstreamServer

AUTH = {"authorization": f"Bearer {STAFF_KEY}"}


def _records(audit_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for p in sorted(audit_dir.glob("*.jsonl")) for line in p.read_text("utf-8").splitlines()]


def test_the_pending_record_is_written_before_the_upstream_sees_the_request(
    gateway: Gateway, upstream: UpstreamServer
) -> None:
    upstream.behave(slow=1.0)
    answers: list[httpx.Response] = []
    body = {"model": "gpt-overseas", "messages": [{"role": "user", "content": "会議室の予約方法を教えてください。"}]}
    sender = threading.Thread(target=lambda: answers.append(httpx.post(gateway.base_url + "/chat/completions", json=body, headers=AUTH, timeout=30)))
    sender.start()
    deadline = time.monotonic() + 20
    while not upstream.requests:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    during = _records(gateway.audit_dir)  # the upstream holds the request now
    sender.join(timeout=30)
    request_id = answers[0].headers["x-sekisho-request-id"]
    assert answers[0].status_code == 200
    assert [(r["phase"], r["outcome"], r["status"]) for r in during if r["request_id"] == request_id] == [("pending", "pending", 0)]
    pending = next(r for r in during if r["request_id"] == request_id)
    assert (pending["model_actual"], pending["zone"], pending["action"], pending["level"]) == ("gpt-overseas", "overseas", "allow", "機密性1")
    assert pending["content"] is None and pending["answer_chars"] == 0
    after = [(r["phase"], r["outcome"]) for r in _records(gateway.audit_dir) if r["request_id"] == request_id]
    assert after == [("pending", "pending"), ("final", "ok")]


def test_the_final_record_is_on_disk_before_the_stream_says_done(gateway: Gateway, upstream: UpstreamServer) -> None:
    body = {"model": "local-llm", "stream": True, "messages": [{"role": "user", "content": "ごみの分別方法を教えてください。"}]}
    seen_at_done: list[tuple[str | None, str]] = []
    with httpx.stream("POST", gateway.base_url + "/chat/completions", json=body, headers=AUTH, timeout=30) as response:
        request_id = response.headers["x-sekisho-request-id"]
        for line in response.iter_lines():
            if line == "data: [DONE]":  # read the log the moment the client sees the stream complete
                seen_at_done = [(r["phase"], r["outcome"]) for r in _records(gateway.audit_dir) if r["request_id"] == request_id]
                break
    assert seen_at_done == [("pending", "pending"), ("final", "ok")]


def test_a_request_refused_before_the_upstream_has_its_single_record(gateway: Gateway, upstream: UpstreamServer) -> None:
    body = {"model": "gpt-overseas", "messages": [{"role": "user", "content": "個人番号 123456789018 の課税状況を要約して"}]}
    response = httpx.post(gateway.base_url + "/chat/completions", json=body, headers=AUTH, timeout=30)
    assert response.status_code == 403 and upstream.requests == []
    mine = [r for r in _records(gateway.audit_dir) if r["request_id"] == response.headers["x-sekisho-request-id"]]
    assert [(r["phase"], r["outcome"]) for r in mine] == [(None, "blocked")]


@pytest.mark.parametrize("native", [False, True], ids=["bridged", "native"])
def test_a_responses_stream_completes_only_after_its_final_record(
    gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, native: bool
) -> None:
    cfg = base_config(upstream)
    cfg["models"].append({"name": "gpt-native", "zone": "overseas", "responses": "native",
                          "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "gpt-4o"}})  # fmt: skip
    body = {"model": "gpt-native" if native else "gpt-overseas", "stream": True, "input": "ごみの分別方法を教えてください。"}
    seen: list[tuple[str | None, str]] = []
    with gateway_for(cfg) as gw, httpx.stream("POST", gw.base_url + "/responses", json=body, headers=AUTH, timeout=30) as response:
        request_id = response.headers["x-sekisho-request-id"]
        for line in response.iter_lines():
            if line == "event: response.completed":  # the client now takes the response as whole
                seen = [(r["phase"], r["outcome"]) for r in _records(gw.audit_dir) if r["request_id"] == request_id]
                break
    assert seen == [("pending", "pending"), ("final", "ok")]
    assert [r.path for r in upstream.requests] == ["/v1/responses" if native else "/v1/chat/completions"]
