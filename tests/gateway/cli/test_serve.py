"""`sekisho serve --workers`: auto is one per core with a shared (Redis) vault and 1 with the in-memory one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import click
import httpx
import openai
import pytest
import yaml

from gateway.cli.serve import cores, resolve_workers
from tests.support.servers import REPO_ROOT, free_port


@pytest.mark.parametrize(
    ("value", "shared", "expected"),
    [
        ("auto", False, 1),
        ("auto", True, cores()),
        ("1", False, 1),
        ("1", True, 1),
        ("3", True, 3),
    ],
)
def test_workers_resolve(value: str, shared: bool, expected: int) -> None:
    assert resolve_workers(value, shared) == expected


@pytest.mark.parametrize(
    ("value", "shared", "message"),
    [
        ("2", False, "shared vault"),
        ("0", True, "at least 1"),
        ("many", True, "number or auto"),
    ],
)
def test_workers_refused(value: str, shared: bool, message: str) -> None:
    with pytest.raises(click.BadParameter, match=message):
        resolve_workers(value, shared)


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONUNBUFFERED": "1", "SEKISHO_VAULT_KEY": "k" * 40}
    env.pop("SEKISHO_CONFIG", None)
    return env


def test_several_workers_on_the_in_memory_vault_are_refused_before_binding(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "gateway.cli", "serve", "--workers", "2", "--port", str(free_port())],
                            cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode != 0
    assert "vault.redis_url" in result.stderr


def test_auto_serves_one_worker_per_core_with_redis(tmp_path: Path, fresh_redis_url: str) -> None:
    config = tmp_path / "sekisho.yaml"
    config.write_text(yaml.safe_dump({
        "models": [{"name": "echo", "zone": "onprem", "upstream": {"type": "echo"}}],
        "zone_defaults": {"onprem": "echo"},
        "allow_demo_key": True,
        "vault": {"redis_url": fresh_redis_url},
    }), encoding="utf-8")
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "gateway.cli", "serve", "--config", str(config), "--port", str(port)],
                            cwd=tmp_path, env=_env(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline
            time.sleep(0.2)
        client = openai.OpenAI(base_url=base + "/v1", api_key="sk-sekisho-demo", max_retries=0)
        text = "窓口の案内を三行で"
        for _ in range(6):
            assert client.chat.completions.create(model="echo", messages=[{"role": "user", "content": text}]).choices[0].message.content == text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert f"workers: {cores()}\n" in output
    # One audit chain per worker process that served.
    chains = {p.name.split("_")[-1] for p in (tmp_path / "var" / "audit").rglob("*.jsonl")}
    assert 1 <= len(chains) <= cores()
