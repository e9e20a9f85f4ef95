"""A policy reload is visible: logged either way, counted on /metrics, and a rejected file named in /readyz."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from gateway.app import create_app
from gateway.config import load_config
from gateway.policy import policies_dir
from tests.gateway.conftest import AUDITOR_KEY, base_config
from tests.support.servers import serve_app
from tests.support.upstream import UpstreamServer


def _metric(text: str, name: str, **labels: str) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = rf"^{re.escape(name)}(?:\{{{re.escape(want)}\}})? (\S+)$" if labels else rf"^{re.escape(name)} (\S+)$"
    found = re.search(pattern, text, re.M)
    return float(found.group(1)) if found else 0.0


def test_reload_outcomes_show_in_log_metrics_and_readyz(
    tmp_config: Callable[..., Path], upstream: UpstreamServer, tmp_path: Path, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("TEST_UPSTREAM_KEY", "upstream-secret")
    policy = tmp_path / "policy.yaml"
    good = (policies_dir() / "default.yaml").read_text(encoding="utf-8")
    policy.write_text(good, encoding="utf-8")
    (tmp_path / "keywords.yaml").write_bytes((policies_dir() / "keywords.yaml").read_bytes())
    config, path = load_config(tmp_config(base_config(upstream, policy={"path": str(policy), "reload_interval_s": 60})))
    app = create_app(config, path)
    auth = {"Authorization": f"Bearer {AUDITOR_KEY}"}
    with serve_app(app) as root, caplog.at_level(logging.INFO, logger="sekisho.policy"):
        gw = _Root(root)
        ready = httpx.get(gw.root + "/readyz").json()
        first = ready["detail"]["policy"]
        assert ready["status"] == "ready" and first.startswith("version ") and first.endswith(" in force")
        version = first.split()[1]
        metrics = httpx.get(gw.root + "/metrics", headers=auth).text
        assert f'sekisho_policy_info{{version="{version}"}} 1.0' in metrics
        assert _metric(metrics, "sekisho_policy_file_rejected") == 0.0

        # The test drives reloads directly instead of waiting for the watcher.
        store = app.state.services.policies
        # A broken edit: refused, logged with its location, counted, and /readyz says so while still ready.
        policy.write_text(good.replace("action: pseudonymize", "action: pseudonymise", 1), encoding="utf-8")
        assert store.reload() is False
        ready = httpx.get(gw.root + "/readyz").json()
        assert ready["status"] == "ready" and ready["checks"]["policy"] == "ok"
        assert ready["detail"]["policy"] == f"file on disk rejected (1 error(s), see the log); serving version {version}"
        metrics = httpx.get(gw.root + "/metrics", headers=auth).text
        assert _metric(metrics, "sekisho_policy_reload_total", result="rejected") == 1.0
        assert _metric(metrics, "sekisho_policy_file_rejected") == 1.0
        assert any("policy reload refused" in r.getMessage() and f"{policy}:" in r.getMessage() for r in caplog.records)

        # A good edit: in force, logged at INFO, counted, the new version exposed.
        policy.write_text(good + "\n# edited\n", encoding="utf-8")
        assert store.reload() is True
        new = store.current().version
        assert new != version
        metrics = httpx.get(gw.root + "/metrics", headers=auth).text
        assert _metric(metrics, "sekisho_policy_reload_total", result="ok") == 1.0
        assert f'sekisho_policy_info{{version="{new}"}} 1.0' in metrics
        assert _metric(metrics, "sekisho_policy_file_rejected") == 0.0
        assert httpx.get(gw.root + "/readyz").json()["detail"]["policy"] == f"version {new} in force"
        assert any(r.levelno == logging.INFO and f"policy reloaded: {policy} version {new} (was {version})" in r.getMessage()
                   for r in caplog.records)  # fmt: skip


class _Root:
    def __init__(self, root: str) -> None:
        self.root = root
