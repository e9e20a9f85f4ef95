"""A real, throw-away `redis-server` on a free loopback port: no persistence, stopped at the end."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.servers import LOOPBACK, free_port, stop_process

DEFAULT_BINARY = "/usr/bin/redis-server"


def find_redis_server() -> str | None:
    """The redis-server binary: /usr/bin/redis-server, else the first on PATH; None when absent."""
    if Path(DEFAULT_BINARY).is_file():
        return DEFAULT_BINARY
    return shutil.which("redis-server")


def ping(port: int, timeout_s: float = 0.5) -> bool:
    """True when a Redis server on the loopback port answers PING with PONG."""
    try:
        with socket.create_connection((LOOPBACK, port), timeout=timeout_s) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def run_redis(binary: str | None = None, *, startup_timeout_s: float = 20.0) -> Iterator[str]:
    """Start redis-server (no RDB, no AOF, loopback only), yield `redis://127.0.0.1:PORT/0`, stop it."""
    binary = binary or find_redis_server()
    if binary is None:
        raise FileNotFoundError("redis-server not found (apt-get install redis-server)")
    with tempfile.TemporaryDirectory(prefix="sekisho-redis-") as workdir:
        proc, port = start_process(binary, Path(workdir), startup_timeout_s)
        try:
            yield f"redis://{LOOPBACK}:{port}/0"
        finally:
            stop_process(proc, grace_s=10)


def start_process(binary: str, workdir: Path, timeout_s: float = 20.0) -> tuple[subprocess.Popen[bytes], int]:
    """Start redis-server on a free loopback port in `workdir`; return the process and its port."""
    log = workdir / "redis.log"
    # A port picked by free_port can be taken before redis binds it; try a few.
    for _ in range(3):
        port = free_port()
        cmd = [binary, "--port", str(port), "--bind", LOOPBACK, "--save", "", "--appendonly", "no",
               "--dir", str(workdir), "--logfile", str(log), "--daemonize", "no"]  # fmt: skip
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout_s
        while proc.poll() is None and time.monotonic() < deadline:
            if ping(port):
                return proc, port
            time.sleep(0.02)
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
            break
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"redis-server did not start; its log:\n{tail}")


def flushall(url: str) -> None:
    """Empty every database of the Redis server at `url` (a test's clean slate)."""
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection((LOOPBACK, port), timeout=5) as sock:
        sock.sendall(b"FLUSHALL\r\n")
        reply = sock.recv(64)
    if not reply.startswith(b"+OK"):
        raise RuntimeError(f"FLUSHALL failed: {reply!r}")
