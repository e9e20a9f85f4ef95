"""Fixtures for the audit tests: small logs written through the real writer."""

from __future__ import annotations

from pathlib import Path

import pytest

# The session's real redis-server is `redis_url` in tests/conftest.py.


# (case index, ts): 総務課 n=0,3; 税務課 n=1,4; 福祉課 n=2,5. The third and fourth requests straddle
# midnight in Japan (15:00 UTC), the last falls on the next Japanese day.
SMALL_LOG_TS = (
    "2026-04-01T00:30:00.000Z",  # 09:30 JST 04-01
    "2026-04-01T05:00:00.000Z",  # 14:00 JST 04-01
    "2026-04-01T14:59:59.999Z",  # 23:59 JST 04-01
    "2026-04-01T15:00:00.000Z",  # 00:00 JST 04-02
    "2026-04-02T01:00:00.000Z",  # 10:00 JST 04-02
    "2026-04-02T23:30:00.000Z",  # 08:30 JST 04-03
)


@pytest.fixture
def small_log(tmp_path: Path) -> Path:
    """Six records, one per kind of request, in a directory of their own."""
    from gateway.audit import AuditLog
    from tests.gateway.audit.factory import CASES, build

    directory = tmp_path / "log"
    directory.mkdir()
    log = AuditLog(directory, hmac_key=b"k" * 32, chain_id="host-1-small")
    for n, case in enumerate(CASES):
        log.append_sync(build(log, case, n, ts=SMALL_LOG_TS[n]))
    return directory
