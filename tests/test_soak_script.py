"""The soak script, on a short budget: concurrent streams while the policy reloads and Redis restarts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.redis_server import find_redis_server
from tests.support.servers import REPO_ROOT


@pytest.mark.skipif(find_redis_server() is None, reason="redis-server not installed")
def test_soak_forwards_no_canary_and_audits_every_request() -> None:
    out = subprocess.run(
        [sys.executable, "bench/soak.py", "--seconds", "6", "--concurrency", "4"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=240,
    )
    figures = dict(line.split(None, 1) for line in out.stdout.splitlines() if line and not line.startswith(("OK", "FAILED")))
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    assert int(figures["requests_sent"]) > 50 and figures["forwarded_with_canary"] == "0"
    assert figures["audit_records_for_requests"] == figures["requests_sent"]
    assert int(figures["redis_restarts"]) >= 1 and int(figures["policy_valid"]) >= 1
    assert figures["tracebacks_in_log"] == "0"
