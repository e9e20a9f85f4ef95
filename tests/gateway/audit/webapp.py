"""The review router mounted in a small app, served by uvicorn on loopback in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from gateway.audit.web import build_router
from tests.gateway.audit.factory import CHAIN_KEY
from gateway.principal import Principal
from tests.support.servers import free_port

AUDITOR_KEY = "sk-test-auditor-0001"
STAFF_KEY = "sk-test-staff-0002"
KEYS = {
    AUDITOR_KEY: Principal(user="auditor1", department="監査委員事務局", roles=frozenset({"auditor"})),
    STAFF_KEY: Principal(user="staff1", department="総務課", roles=frozenset({"staff"})),
}


async def authenticate(key: str) -> Principal | None:
    """Async, like the gateway's key store may be."""
    return KEYS.get(key)


def make_app(log_dir: Path) -> FastAPI:
    app = FastAPI()
    app.include_router(build_router(log_dir, authenticate, lambda: CHAIN_KEY))
    return app


@contextmanager
def serve(log_dir: Path) -> Iterator[str]:
    """Run the app on 127.0.0.1:<free port>; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(make_app(log_dir), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
