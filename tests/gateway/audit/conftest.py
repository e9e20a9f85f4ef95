"""Fixtures for the audit tests: a real redis-server on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a throwaway redis-server (no persistence), killed after the session."""
    exe = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    workdir: Path = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with Redis.from_url(url) as client:
                    client.ping()
                break
            except Exception:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


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
