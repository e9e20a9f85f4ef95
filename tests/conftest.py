"""Shared fixtures: real upstreams over loopback, a real redis-server, config files; and a network guard.

Municipal networks are closed, so the whole suite runs as the gateway must: offline. The environment
below is set before anything imports litellm, presidio or tldextract, and an audit hook refuses any
connection or DNS lookup that is not loopback; a test that tried one fails, naming the host. Hosts
under `.invalid` are refused without failing the test (for tests of unreachable upstreams); a closed
loopback port is the better way to test that.
"""

from __future__ import annotations

import os

# The gateway package sets its offline defaults (gateway/offline.py) when imported: importing it
# first means the suite runs under exactly the settings production has, and the guard below
# catches anything they miss.
import gateway  # noqa: E402,F401

import errno  # noqa: E402
import ipaddress  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Iterator, Mapping  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402

from tests.support.anthropic_upstream import AnthropicServer, start_anthropic_upstream  # noqa: E402
from tests.support.redis_server import find_redis_server, flushall, run_redis  # noqa: E402
from tests.support.upstream import UpstreamServer, start_upstream  # noqa: E402

_refused: list[str] = []


def _is_loopback(host: object) -> bool:
    if host is None:
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    text = text.strip("[]").split("%")[0]
    if text in ("", "localhost") or text.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def _network_guard(event: str, args: tuple[Any, ...]) -> None:
    if not event.startswith("socket."):
        return
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event == "socket.connect" and isinstance(args[1], tuple):
        host = args[1][0]
    else:
        return
    if _is_loopback(host):
        return
    if not str(host).endswith(".invalid"):
        _refused.append(f"{event} {host!r}")
    raise OSError(errno.ENETUNREACH, f"tests run offline: {event} to {host!r} refused by tests/conftest.py")


sys.addaudithook(_network_guard)


@pytest.fixture(autouse=True)
def _offline() -> Iterator[None]:
    before = len(_refused)
    yield
    tried = _refused[before:]
    if tried:
        pytest.fail(f"the test tried to reach the network (the gateway must run offline): {sorted(set(tried))}")


@pytest.fixture(scope="session")
def upstream_server() -> Iterator[UpstreamServer]:
    """One OpenAI-compatible recording upstream for the session."""
    with start_upstream() as server:
        yield server


@pytest.fixture
def upstream(upstream_server: UpstreamServer) -> Iterator[UpstreamServer]:
    """The OpenAI-compatible upstream with no records and the default behaviour (`echo`, chunk 4)."""
    upstream_server.reset()
    yield upstream_server
    upstream_server.reset()


@pytest.fixture(scope="session")
def anthropic_server() -> Iterator[AnthropicServer]:
    """One Anthropic Messages-API recording upstream for the session."""
    with start_anthropic_upstream() as server:
        yield server


@pytest.fixture
def anthropic_upstream(anthropic_server: AnthropicServer) -> Iterator[AnthropicServer]:
    """The Anthropic upstream with no records and the default behaviour."""
    anthropic_server.reset()
    yield anthropic_server
    anthropic_server.reset()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """`redis://127.0.0.1:PORT/0` of a real redis-server shared by the session (skipped only outside CI)."""
    binary = find_redis_server()
    if binary is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the Redis tests")
        pytest.skip(message)
    with run_redis(binary) as url:
        yield url


@pytest.fixture
def fresh_redis_url(redis_url: str) -> str:
    """The session's Redis, emptied (FLUSHALL) before the test."""
    flushall(redis_url)
    return redis_url


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """The system Chromium for Playwright (`launch(executable_path=...)`); no browser is ever downloaded."""
    path = "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else shutil.which("chromium")
    if path is None:
        message = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the browser tests")
        pytest.skip(message)
    return path


@pytest.fixture
def tmp_config(tmp_path: Path) -> Callable[..., Path]:
    """A writer: `tmp_config(data, name="sekisho.yaml") -> Path` dumps `data` as YAML into tmp_path."""

    def write(data: Mapping[str, Any], name: str = "sekisho.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write
