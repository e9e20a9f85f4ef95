"""A real redis-server per test module, on a free loopback port, with no persistence."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.redis_server import find_redis_server, start_process


@dataclass
class RedisServer:
    port: int
    proc: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


def start_redis() -> RedisServer:
    binary = find_redis_server()
    if binary is None:
        pytest.fail("redis-server is not installed; the vault's Redis tests need a real server")
    proc, port = start_process(binary, Path(tempfile.mkdtemp(prefix="sekisho-vault-redis-")))
    return RedisServer(port, proc)


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    server = start_redis()
    yield server
    server.stop()


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    """A server of the test's own, for tests that stop it."""
    server = start_redis()
    yield server
    server.stop()
