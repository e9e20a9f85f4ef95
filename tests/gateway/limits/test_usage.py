"""`sekisho usage` and the review page's budget table: spend against budget per department for the month."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from tests.gateway.audit.cli import sekisho
from tests.gateway.conftest import AUDITOR_KEY, STAFF_KEY, TAX_KEY
from tests.gateway.limits.test_limits import N, chat, limited
from tests.support.upstream import UpstreamServer

LIMITS = {"departments": {"総務課": {"budget_yen": 5 * N, "soft_ratio": 0.5}, "税務課": {"budget_yen": 100 * N}}}


def test_usage_from_the_audit_log_and_after_a_restart(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> None:
    cfg = limited(upstream, LIMITS)
    with gateway_for(cfg) as gw:
        assert [chat(gw).status_code for _ in range(2)] == [200, 200]
        assert chat(gw, key=TAX_KEY).status_code == 200
        page = httpx.get(f"{gw.root}/audit/budgets", headers={"authorization": f"Bearer {AUDITOR_KEY}"})
        assert page.status_code == 200
        assert "総務課" in page.text and f"{4 * N:,.2f}" in page.text and "警告" in page.text
        assert httpx.get(f"{gw.root}/audit/budgets", headers={"authorization": f"Bearer {STAFF_KEY}"}).status_code == 403
        bad = httpx.get(f"{gw.root}/audit/budgets", params={"month": "2026-13"}, headers={"authorization": f"Bearer {AUDITOR_KEY}"})
        assert bad.status_code == 400 and "YYYY-MM" in bad.text
    out = sekisho("usage", "--config", str(gw.config_path), "--json")
    assert out.returncode == 0, out.stderr
    rows = {r["department"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert (rows["総務課"]["spend_yen"], rows["総務課"]["budget_yen"], rows["総務課"]["state"]) == (4 * N, 5 * N, "soft")
    assert (rows["税務課"]["spend_yen"], rows["税務課"]["state"]) == (2 * N, "ok")
    table = sekisho("usage", "--config", str(gw.config_path))
    assert "総務課" in table.stdout and "警告" in table.stdout

    # A restarted single process starts from the audit log's spend: the budget still holds.
    with gateway_for(cfg) as gw:
        assert chat(gw).status_code == 200  # 4N → 6N
        refused = chat(gw)
        assert refused.status_code == 429 and refused.json()["error"]["code"] == "budget_exceeded"
    assert len(upstream.bodies("/v1/chat/completions")) == 4


def test_usage_from_redis(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, fresh_redis_url: str) -> None:
    with gateway_for(limited(upstream, {**LIMITS, "redis_url": fresh_redis_url})) as gw:
        for stream in (False, True, False):
            assert chat(gw, stream=stream).status_code == 200
    out = sekisho("usage", "--config", str(gw.config_path), "--json")
    rows = {r["department"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert (rows["総務課"]["spend_yen"], rows["総務課"]["state"]) == (6 * N, "over")
    assert rows["税務課"]["spend_yen"] == 0


def test_serve_refuses_several_workers_with_limits_in_memory(tmp_config: Callable[..., Any], upstream: UpstreamServer) -> None:
    # The vault is shared (so several workers would otherwise be fine); the limits are not.
    config = tmp_config({**limited(upstream, LIMITS), "vault": {"redis_url": "redis://127.0.0.1:9/0"}})
    out = sekisho("serve", "--config", str(config), "--workers", "2", "--port", "9")
    assert out.returncode != 0
    assert "limits.redis_url" in out.stderr


def test_serve_refuses_limits_for_a_key_that_does_not_exist(tmp_config: Callable[..., Any], upstream: UpstreamServer) -> None:
    config = tmp_config(limited(upstream, {"keys": {"staf": {"rpm": 1}}}))
    out = sekisho("serve", "--config", str(config), "--port", "9")
    assert out.returncode != 0
    assert f"{config}:" in out.stderr and "limits.keys.staf: no key has the id 'staf'" in out.stderr
