"""The demo key only on loopback, enforced by the app itself: whatever server loads `gateway.asgi:app`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from gateway.auth import hash_key, is_loopback
from gateway.config import DEMO_KEY, load_config
from tests.support.servers import REPO_ROOT

STAFF_KEY = "sk-sekisho-test-guard-staff"


def _config(tmp_config: Callable[..., Path]) -> Path:
    return tmp_config(
        {
            "models": [{"name": "echo", "zone": "onprem", "upstream": {"type": "echo"}}],
            "zone_defaults": {"onprem": "echo"},
            "keys": [{"id": "staff", "hash": hash_key(STAFF_KEY), "user": "u1001", "department": "総務課"}],
            "allow_demo_key": True,
            "audit": {"dir": "audit"},
        }
    )


def _records(audit_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for p in sorted(audit_dir.glob("*.jsonl")) for line in p.read_text("utf-8").splitlines()]


@pytest.mark.parametrize(
    ("server", "loopback"),
    [
        (("127.0.0.1", 8000), True),
        (["127.0.0.1", 8000], True),  # Starlette's test client gives a list
        (("::1", 8000), True),
        (("::ffff:127.0.0.1", 8000), True),
        (("localhost", 8000), True),
        (("192.0.2.10", 8000), False),
        (("0.0.0.0", 8000), False),
        (("::", 8000), False),
        (("10.0.0.5", 8000), False),
        (("/run/sekisho.sock", None), False),  # a Unix socket: a proxy in front may take anyone
        (None, False),
        (("gateway.example.jp", 443), False),
    ],
)
def test_loopback_is_an_address_on_lo_and_nothing_else(server: Any, loopback: bool) -> None:
    assert is_loopback(server) is loopback


@pytest.mark.parametrize("address", ["192.0.2.10", "10.1.2.3", "[2001:db8::1]"])
def test_the_app_refuses_the_demo_key_on_a_non_loopback_address(
    address: str, tmp_config: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SEKISHO_AUDIT_HMAC_KEY", raising=False)
    config, path = load_config(_config(tmp_config))
    demo = {"authorization": f"Bearer {DEMO_KEY}"}
    body = {"model": "echo", "messages": [{"role": "user", "content": "窓口の受付時間を教えて"}]}
    with TestClient(create_app(config, path), base_url=f"http://{address}:8000") as client:
        models = client.get("/v1/models", headers=demo)
        chat = client.post("/v1/chat/completions", headers=demo, json=body)
        page = client.get("/audit/", headers=demo)
        staff = client.post("/v1/chat/completions", headers={"authorization": f"Bearer {STAFF_KEY}"}, json=body)
    for refused in (models, chat):
        assert refused.status_code == 401
        error = refused.json()["error"]
        assert error["type"] == "authentication_error"
        assert "デモキー" in error["message"] and "loopback" in error["message"]
    assert page.status_code == 401  # the review page does not take it either
    assert staff.status_code == 200 and staff.json()["choices"][0]["message"]["content"] == "窓口の受付時間を教えて"
    refused_ids = {chat.headers["x-sekisho-request-id"]}
    records = _records(path.parent / "audit")
    assert [(r["status"], r["error_type"]) for r in records if r["request_id"] in refused_ids] == [(401, "authentication_error")]


def test_the_app_takes_the_demo_key_on_loopback(tmp_config: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SEKISHO_AUDIT_HMAC_KEY", raising=False)
    config, path = load_config(_config(tmp_config))
    with TestClient(create_app(config, path), base_url="http://127.0.0.1:8000") as client:
        models = client.get("/v1/models", headers={"authorization": f"Bearer {DEMO_KEY}"})
    assert models.status_code == 200 and [m["id"] for m in models.json()["data"]] == ["echo"]


def _local_non_loopback_ipv4() -> str | None:
    """An IPv4 address of this machine that is not loopback (one a socket can bind to), if any."""
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    for candidate in out:
        if ":" in candidate or candidate.startswith("127."):
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((candidate, 0))
            except OSError:
                continue
        return candidate
    return None


def test_uvicorn_serving_gateway_asgi_on_a_non_loopback_address_refuses_the_demo_key(
    tmp_config: Callable[..., Path],
) -> None:
    address = _local_non_loopback_ipv4()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to bind uvicorn to")
    config = _config(tmp_config)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((address, 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "SEKISHO_CONFIG": str(config), "PYTHONUNBUFFERED": "1"}
    env.pop("SEKISHO_AUDIT_HMAC_KEY", None)
    log = config.parent / "uvicorn.log"
    cmd = [sys.executable, "-m", "uvicorn", "gateway.asgi:app", "--host", address, "--port", str(port), "--log-level", "warning"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=config.parent, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    # The client runs in a child process: this test process refuses every non-loopback connection
    # (tests/conftest.py), and this address, though on this machine, is not loopback.
    client = f"""
import json, time, httpx
base = "http://{address}:{port}"
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        if httpx.get(base + "/healthz", timeout=1).status_code == 200:
            break
    except httpx.TransportError:
        time.sleep(0.1)
out = {{}}
for name, key in (("demo", {DEMO_KEY!r}), ("staff", {STAFF_KEY!r})):
    r = httpx.get(base + "/v1/models", headers={{"authorization": "Bearer " + key}}, timeout=10)
    out[name] = [r.status_code, r.json()]
print(json.dumps(out))
"""
    try:
        result = subprocess.run([sys.executable, "-c", client], capture_output=True, text=True, timeout=120, env=env)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    assert result.returncode == 0, result.stderr + log.read_text("utf-8")
    answers = json.loads(result.stdout)
    assert answers["demo"][0] == 401, answers
    assert "loopback" in answers["demo"][1]["error"]["message"]
    assert answers["staff"][0] == 200 and [m["id"] for m in answers["staff"][1]["data"]] == ["echo"]
