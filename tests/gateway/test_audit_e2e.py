"""Every request leaves a record; the trail verifies; and no byte the gateway writes holds personal data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from gateway.audit import AuditRecord
from tests.gateway.conftest import AUDITOR_KEY, STAFF_KEY, base_config, closed_port_url
from tests.support.servers import REPO_ROOT, free_port, run_gateway_process
from tests.support.upstream import UpstreamServer

POLICY = """\
version: 1
name: audit-test
levels:
  - {id: 機密性1, label: 機密性1}
  - {id: 機密性2, label: 機密性2}
  - {id: 機密性3, label: 機密性3}
classification:
  rules:
    - {id: marking-2, level: 機密性2, markings: [部外秘]}
    - {id: personal, level: 機密性2, tags: [personal]}
    - {id: my-number, level: 機密性3, entities: [MY_NUMBER]}
rules:
  - id: block-my-number
    when: {entities_any: [MY_NUMBER]}
    action: block
    message: 個人番号は送信できません。
  - id: pseudonymize-overseas
    when: {tags_any: [personal], zones: [overseas]}
    action: pseudonymize
  - id: mask-domestic
    when: {tags_any: [personal], zones: [domestic]}
    action: mask
  - id: reroute-internal
    when: {levels: [機密性2], zones: [overseas]}
    action: reroute
    reroute: {zone: domestic}
  - id: allow-rest
    action: allow
"""

PERSONAL = ["佐藤花子", "090-1234-5678", "東京都千代田区霞が関1-2-3", "123456789018", "hanako.sato@example.jp"]
CASES = [
    # (model, prompt, expected action, expected outcome)
    ("gpt-overseas", "防災訓練のお知らせ文を作ってください。", "allow", "ok"),
    ("domestic-llm", "佐藤花子さん（090-1234-5678）への回答案を作成して。", "mask", "ok"),
    ("gpt-overseas", "佐藤花子さん（東京都千代田区霞が関1-2-3）への回答案を作成して。", "pseudonymize", "ok"),
    ("gpt-overseas", "個人番号 123456789018 の扱いについて。連絡先 hanako.sato@example.jp", "block", "blocked"),
    ("gpt-overseas", "部外秘\n来年度予算の方針案を要約して。", "reroute", "ok"),
    ("down", "佐藤花子さんの件を要約して。", "allow", "error"),
]


def _send_all(base_url: str) -> list[httpx.Response]:
    out = []
    with httpx.Client(timeout=30, headers={"authorization": f"Bearer {STAFF_KEY}", "user-agent": "audit-test/1.0"}) as c:
        for model, prompt, _, _ in CASES:
            out.append(c.post(base_url + "/v1/chat/completions", json={"model": model, "messages": [{"role": "user", "content": prompt}]}))
        stream = c.post(base_url + "/v1/chat/completions", json={"model": "gpt-overseas", "stream": True, "messages": [{"role": "user", "content": CASES[2][1]}]})
        out.append(stream)
    return out


def _records(audit_dir: Path) -> list[dict[str, Any]]:
    records = []
    for path in sorted(audit_dir.rglob("*.jsonl")):
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records


def test_records_for_every_outcome_and_no_personal_bytes_anywhere(tmp_path: Path, upstream: UpstreamServer, tmp_config: Callable[..., Path]) -> None:
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    cfg = base_config(upstream, policy={"path": "policy.yaml"})
    cfg["models"].append({"name": "down", "zone": "onprem", "upstream": {"type": "openai", "base_url": closed_port_url()}})
    config = tmp_config(cfg)
    env = {"TEST_UPSTREAM_KEY": "k", "SEKISHO_AUDIT_HMAC_KEY": "audit-hmac-key-for-tests"}
    with run_gateway_process(config, env, port=free_port()) as gw:
        responses = _send_all(gw.base_url)
        statuses = [r.status_code for r in responses]
        assert statuses == [200, 200, 200, 403, 200, 502, 200]
        log_text = gw.log()
    records = _records(tmp_path / "audit")
    # The gateway builds its records without validating them (trail.record_for): every one written,
    # for every outcome and phase, must still be a valid record of the documented schema.
    for rec in records:
        assert AuditRecord.model_validate(rec).model_dump(mode="json") == rec
    by_id = {r["request_id"]: r for r in records}
    for response, (model, _, action, outcome) in zip(responses, CASES, strict=False):
        rec = by_id[response.headers["x-sekisho-request-id"]]
        assert (rec["action"], rec["outcome"], rec["model_requested"]) == (action, outcome, model)
        assert rec["principal"] == {"user": "u1001", "department": "総務課", "roles": []}
        assert rec["client"]["user_agent"] == "audit-test/1.0"
        assert len(rec["prompt_hmac"]) == 64
    reroute = by_id[responses[4].headers["x-sekisho-request-id"]]
    assert (reroute["model_actual"], reroute["zone"]) == ("domestic-llm", "domestic")
    blocked = by_id[responses[3].headers["x-sekisho-request-id"]]
    assert blocked["model_actual"] is None and blocked["entities"]["MY_NUMBER"] == 1 and "specific_personal" in blocked["tags"]
    streamed = by_id[responses[6].headers["x-sekisho-request-id"]]
    assert streamed["stream"] is True and streamed["answer_chars"] > 0
    # Write-ahead: every request that went upstream (the 502 one too) has its pending record before
    # the final one; the blocked one, never sent, has its single record.
    for response in responses:
        phases = [(r["phase"], r["outcome"]) for r in records if r["request_id"] == response.headers["x-sekisho-request-id"]]
        if response.status_code == 403:
            assert phases == [(None, "blocked")]
        else:
            assert phases[0] == ("pending", "pending") and phases[1][0] == "final" and len(phases) == 2
            # Both records of a request hash the same prompt (computed once for the two).
            pending, final = (r for r in records if r["request_id"] == response.headers["x-sekisho-request-id"])
            assert pending["prompt_hmac"] == final["prompt_hmac"]
    assert len({r["prompt_hmac"] for r in records}) == len({p for _, p, _, _ in CASES})  # one per distinct prompt
    # Nothing personal in the audit trail, nor in anything the process printed.
    written = b"".join(p.read_bytes() for p in (tmp_path / "audit").rglob("*") if p.is_file()) + log_text.encode()
    for value in PERSONAL:
        assert value.encode() not in written, f"{value!r} was written"
    def audit_verify(key: str | None) -> subprocess.CompletedProcess[str]:
        run_env = {k: v for k, v in os.environ.items() if k != "SEKISHO_AUDIT_HMAC_KEY"}
        if key is not None:
            run_env["SEKISHO_AUDIT_HMAC_KEY"] = key
        return subprocess.run([sys.executable, "-m", "gateway.cli", "audit", "--config", str(config), "verify",
                               str(tmp_path / "audit")], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60, env=run_env)

    verify = audit_verify("audit-hmac-key-for-tests")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    # The chain is keyed: without the key verify says what it needs; with another key it fails.
    no_key = audit_verify(None)
    assert no_key.returncode == 1 and "SEKISHO_AUDIT_HMAC_KEY" in no_key.stderr
    wrong = audit_verify("another-key-of-the-same-length-00")
    assert wrong.returncode == 1 and "BROKEN" in wrong.stdout and "wrong audit.hmac_key" in wrong.stdout


def test_review_page_and_metrics_need_the_auditor_role(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    with gateway_for(base_config(upstream)) as gw:
        httpx.post(gw.base_url + "/chat/completions", headers={"authorization": f"Bearer {STAFF_KEY}"},
                   json={"model": "local-llm", "messages": [{"role": "user", "content": "こんにちは"}]}, timeout=30)
        staff = httpx.get(gw.root + "/audit/", headers={"authorization": f"Bearer {STAFF_KEY}"})
        assert staff.status_code == 403
        auditor = httpx.get(gw.root + "/audit/", headers={"authorization": f"Bearer {AUDITOR_KEY}"})
        assert auditor.status_code == 200 and "<table" in auditor.text
        assert httpx.get(gw.root + "/metrics", headers={"authorization": f"Bearer {STAFF_KEY}"}).status_code == 403
        metrics = httpx.get(gw.root + "/metrics", headers={"authorization": f"Bearer {AUDITOR_KEY}"})
        assert metrics.status_code == 200
        assert 'sekisho_requests_total{' in metrics.text and 'model="local-llm"' in metrics.text


def test_a_request_that_fails_before_classification_is_audited(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    with gateway_for(base_config(upstream)) as gw:
        bad = httpx.post(gw.base_url + "/chat/completions", content=b"{not json", timeout=30,
                         headers={"authorization": f"Bearer {STAFF_KEY}", "content-type": "application/json"})
        unknown = httpx.post(gw.base_url + "/chat/completions", timeout=30, headers={"authorization": f"Bearer {STAFF_KEY}"},
                             json={"model": "gpt-99", "messages": [{"role": "user", "content": "佐藤花子さんの件"}]})
        records = {r["request_id"]: r for r in _records(gw.audit_dir)}
    assert (bad.status_code, unknown.status_code) == (400, 404)
    first = records[bad.headers["x-sekisho-request-id"]]
    assert (first["outcome"], first["status"], first["model_requested"], first["level"]) == ("error", 400, None, None)
    second = records[unknown.headers["x-sekisho-request-id"]]
    assert (second["outcome"], second["status"], second["model_requested"]) == ("error", 404, "gpt-99")


def test_refused_keys_are_audited_without_the_key(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    wrong = "sk-sekisho-guessed-key-0123456789"
    with gateway_for(base_config(upstream)) as gw:
        sent = [
            httpx.post(gw.base_url + "/chat/completions", headers={"authorization": f"Bearer {wrong}", "user-agent": "probe/1"},
                       json={"model": "local-llm", "messages": [{"role": "user", "content": "佐藤花子さんの件"}]}, timeout=30),
            httpx.post(gw.base_url + "/embeddings", json={"model": "local-llm", "input": "x"}, timeout=30),
            httpx.get(gw.base_url + "/models", headers={"authorization": "Basic dXNlcjpwYXNz"}, timeout=30),
            httpx.get(gw.root + "/metrics", headers={"authorization": f"Bearer {wrong}"}, timeout=30),
        ]
        audit_dir = gw.audit_dir
    assert [r.status_code for r in sent] == [401, 401, 401, 401]
    by_id = {r["request_id"]: r for r in _records(audit_dir)}
    refused = [by_id[r.headers["x-sekisho-request-id"]] for r in sent]
    assert [r["endpoint"] for r in refused] == ["chat.completions", "embeddings", "models", "metrics"]
    for rec in refused:
        assert (rec["status"], rec["outcome"], rec["error_type"]) == (401, "error", "authentication_error")
        assert rec["principal"] == {"user": "", "department": "", "roles": []}
        assert rec["action"] is None and rec["level"] is None and rec["prompt_chars"] == 0
    assert refused[0]["client"]["user_agent"] == "probe/1"
    # The body of a refused request is never read, so nothing of it (nor the key) reaches the trail.
    written = b"".join(p.read_bytes() for p in audit_dir.rglob("*") if p.is_file())
    assert wrong.encode() not in written and "佐藤花子".encode() not in written
    assert b"dXNlcjpwYXNz" not in written
