"""Run real servers for tests: any ASGI app in a thread, or the gateway as its own process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

REPO_ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    """A TCP port on the loopback interface that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve_app(app: Any, *, startup_timeout_s: float = 30.0) -> Iterator[str]:
    """Serve an ASGI app under uvicorn on a free loopback port; yield its base URL."""
    # Binding the socket here, not in uvicorn, removes the race between picking a port and using it.
    # IPPROTO_TCP explicitly: asyncio only disables Nagle (TCP_NODELAY) on sockets it knows are TCP,
    # and without it every small response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="auto",
        timeout_graceful_shutdown=2,
        ws="none",
    )
    server = uvicorn.Server(config)
    # uvicorn installs signal handlers only on the main thread; a worker thread leaves them alone.
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + startup_timeout_s
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError(f"ASGI app on port {port} stopped during startup (see the log above)")
            if time.monotonic() > deadline:
                raise TimeoutError(f"ASGI app on port {port} did not start within {startup_timeout_s} s")
            time.sleep(0.01)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        # Do not hide the test's own exception behind a slow shutdown.
        if thread.is_alive() and sys.exc_info()[0] is None:
            raise RuntimeError(f"ASGI app on port {port} did not shut down within 10 s")


@dataclass(frozen=True)
class GatewayProcess:
    """A gateway running as a separate OS process (`sekisho serve`)."""

    base_url: str
    port: int
    log_path: Path
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        """Everything the process wrote to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextmanager
def run_gateway_process(
    config_path: str | Path,
    env: Mapping[str, str] | None = None,
    *,
    port: int | None = None,
    log_path: str | Path | None = None,
    args: Sequence[str] = (),
    startup_timeout_s: float = 60.0,
) -> Iterator[GatewayProcess]:
    """Start `python -m gateway.cli serve --config PATH --port N [args]`, wait for /healthz, stop it at the end.

    The working directory is the config file's directory, so relative paths in it (audit dir …)
    land next to it. stdout and stderr go to one file, readable with `GatewayProcess.log()`.
    """
    config_path = Path(config_path).resolve()
    port = port or free_port()
    log_file = Path(log_path) if log_path else config_path.parent / f"gateway-{port}.log"
    full_env = {**os.environ, **(env or {})}
    # The repo root first on the path: the shared venv in a working tree need not have the project installed.
    full_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), full_env.get("PYTHONPATH", "")) if p)
    full_env["PYTHONUNBUFFERED"] = "1"
    cmd = [sys.executable, "-m", "gateway.cli", "serve", "--config", str(config_path), "--port", str(port), *args]
    with log_file.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=config_path.parent, env=full_env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    gateway = GatewayProcess(base_url=f"http://{LOOPBACK}:{port}", port=port, log_path=log_file, process=proc)
    try:
        _wait_healthy(gateway, startup_timeout_s)
        yield gateway
    finally:
        stop_process(proc)


def _wait_healthy(gateway: GatewayProcess, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=2.0, trust_env=False) as client:
        while True:
            code = gateway.process.poll()
            if code is not None:
                raise RuntimeError(f"gateway exited with code {code} during startup; log:\n{gateway.log()[-4000:]}")
            try:
                if client.get(f"{gateway.base_url}/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"gateway not healthy after {timeout_s} s; log:\n{gateway.log()[-4000:]}")
            time.sleep(0.1)


def stop_process(proc: subprocess.Popen[Any], grace_s: float = 15.0) -> None:
    """SIGTERM a child still running, and SIGKILL it if it has not exited after `grace_s`."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
