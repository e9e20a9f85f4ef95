"""A blind bypass corpus, asserted on what the recording upstream received under the shipped policy.

`data/blind_bypass.jsonl` was written by a tester who never saw the gateway's code: 116 attacks
(values in unread fields, keys, numbers, identifiers and enum fields; invisible and look-alike
characters; values split across parts; encodings; combinations) and 34 benign requests of the same
shapes. An attack passes when none of its canaries can be read, however disguised, in anything the
overseas model received (a refusal or a block sends nothing); a benign request must reach the model
exactly as it was sent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.responses import bridge
from tests.gateway.conftest import STAFF_KEY, Gateway
from tests.support.canary import leaked
from tests.support.upstream import UpstreamServer

CORPUS = [
    json.loads(line)
    for path in sorted((Path(__file__).parent / "data").glob("blind_bypass*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
PATHS = {"chat": "/chat/completions", "embeddings": "/embeddings", "responses": "/responses"}
# Attacks the detectors do not yet read: strict xfails, so each one fixed must be taken off this list.
NOT_YET: set[str] = set()
ATTACKS = [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True, reason="detectors")] if c["id"] in NOT_YET else [])
    for c in CORPUS
    if c["kind"] == "attack"
]
BENIGN = [c for c in CORPUS if c["kind"] == "benign"]
OVERSEAS_UPSTREAM_MODEL = "gpt-4o"
# Benign in the tester's eyes, refused by design: what cannot be scanned is not sent (README, API).
REFUSED_BY_DESIGN = {"B31": "unscannable_content"}  # an image: its pixels cannot be read for names
# Benign in the tester's eyes, changed by design (pseudonymised, restored in the answer, nothing else
# changed): a phone number even where the text calls it fictitious; a message's `name`, which names a
# participant and is always treated as a person's name (docs/inspection.md).
PSEUDONYMISED_BY_DESIGN = {"b30-date-not-dob": ("0120-000-000", "〔電話番号1〕"), "B23": ('"clerk_01"', '"〔氏名1〕"')}


def _send(gw: Gateway, upstream: UpstreamServer, case: dict[str, Any]) -> tuple[httpx.Response, list[Any]]:
    upstream.clear()
    r = httpx.post(gw.base_url + PATHS[case["endpoint"]], json=case["body"], headers={"authorization": f"Bearer {STAFF_KEY}"}, timeout=60)
    return r, [rec.body for rec in upstream.requests]


@pytest.mark.parametrize("case", ATTACKS)
def test_no_canary_reaches_the_overseas_model(module_gw: Gateway, upstream_server: UpstreamServer, case: dict[str, Any]) -> None:
    r, received = _send(module_gw, upstream_server, case)
    assert r.status_code < 500, r.text
    overseas = [b for b in received if isinstance(b, dict) and b.get("model") == OVERSEAS_UPSTREAM_MODEL]
    assert not leaked(overseas, case["canaries"]), f"{case['id']} ({case['note']}) leaked with status {r.status_code}"


@pytest.mark.parametrize("case", BENIGN, ids=[c["id"] for c in BENIGN])
def test_benign_requests_reach_the_model_unchanged(module_gw: Gateway, upstream_server: UpstreamServer, case: dict[str, Any]) -> None:
    r, received = _send(module_gw, upstream_server, case)
    if case["id"] in REFUSED_BY_DESIGN:
        assert r.status_code == 400 and r.json()["error"]["code"] == REFUSED_BY_DESIGN[case["id"]]
        assert received == []
        return
    assert r.status_code == 200, r.text
    expected = {**case["body"], "model": OVERSEAS_UPSTREAM_MODEL}
    if case["id"] in PSEUDONYMISED_BY_DESIGN:
        value, placeholder = PSEUDONYMISED_BY_DESIGN[case["id"]]
        expected = json.loads(json.dumps(expected, ensure_ascii=False).replace(value, placeholder))
    # A Responses request reaches a chat-only upstream as the chat request that asks the same.
    assert received == [bridge.to_chat(expected) if case["endpoint"] == "responses" else expected]
