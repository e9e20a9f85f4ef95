"""`sekisho serve` on the embedded default, `sekisho keys`, and config errors that point at the line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import openai
import pytest
import yaml

from gateway.config import ConfigError, load_config
from tests.support.servers import REPO_ROOT, free_port

DEMO_KEY = "sk-sekisho-demo"


def _sekisho(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})}
    full_env.pop("SEKISHO_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "gateway.cli", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def test_embedded_default_serves_echo_with_the_demo_key(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONUNBUFFERED": "1"}
    env.pop("SEKISHO_CONFIG", None)
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "gateway.cli", "serve", "--port", str(port)], cwd=tmp_path,
                            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline
            time.sleep(0.1)
        client = openai.OpenAI(base_url=base + "/v1", api_key=DEMO_KEY, max_retries=0)
        assert [m.id for m in client.models.list()] == ["echo", "echo-overseas"]
        text = "山田太郎さんの転入届について、必要書類の案内を作ってください。"
        assert client.chat.completions.create(model="echo", messages=[{"role": "user", "content": text}]).choices[0].message.content == text
        # The overseas stand-in receives 〔氏名1〕; the answer comes back with the name put back.
        raw = client.chat.completions.with_raw_response.create(model="echo-overseas", messages=[{"role": "user", "content": text}])
        assert raw.headers["x-sekisho-action"] == "pseudonymize"
        assert raw.parse().choices[0].message.content == text
        streamed = "".join(c.choices[0].delta.content or "" for c in
                           client.chat.completions.create(model="echo", messages=[{"role": "user", "content": text}], stream=True)
                           if c.choices)
        assert streamed == text
        with pytest.raises(openai.AuthenticationError):
            openai.OpenAI(base_url=base + "/v1", api_key="sk-nope", max_retries=0).models.list()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert DEMO_KEY in output  # the banner prints the demo key
    assert "workers: 1 (in-memory vault)" in output  # --workers auto: one process keeps the vault
    assert "山田太郎" not in output
    assert list((tmp_path / "var" / "audit").glob("*.jsonl"))  # the embedded default audits too


def test_demo_key_config_refuses_a_non_loopback_bind(tmp_path: Path) -> None:
    result = _sekisho("serve", "--host", "0.0.0.0", "--port", str(free_port()), cwd=tmp_path)
    assert result.returncode != 0
    assert "loopback" in result.stderr


def test_keys_add_prints_the_key_once_and_stores_only_its_hash(tmp_path: Path) -> None:
    config = tmp_path / "sekisho.yaml"
    config.write_text("models:\n  - {name: echo, zone: onprem, upstream: {type: echo}}\nkeys_file: keys.yaml\n", encoding="utf-8")
    result = _sekisho("keys", "add", "--config", str(config), "--user", "u3001", "--department", "税務課", "--role", "auditor", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert key.startswith("sk-sekisho-") and len(key) > 40
    stored = (tmp_path / "keys.yaml").read_text(encoding="utf-8")
    assert key not in stored
    entry = yaml.safe_load(stored)["keys"][0]
    assert (entry["user"], entry["department"], entry["roles"]) == ("u3001", "税務課", ["auditor"])
    from gateway.auth import KeyStore, hash_key
    from gateway.config import load_keys

    cfg, path = load_config(config)
    principal = KeyStore(load_keys(cfg, path)).lookup(key)
    assert principal is not None and principal.department == "税務課" and principal.has_role("auditor")
    assert entry["hash"] == hash_key(key)
    listed = _sekisho("keys", "list", "--config", str(config), cwd=tmp_path)
    assert "u3001" in listed.stdout and key not in listed.stdout
    as_json = _sekisho("keys", "list", "--config", str(config), "--json", cwd=tmp_path)
    import json

    (shown,) = json.loads(as_json.stdout)
    assert shown["user"] == "u3001" and shown["roles"] == ["auditor"] and "hash" not in shown and key not in as_json.stdout


@pytest.mark.parametrize(
    "text, where",
    [
        ("models:\n  - name: a\n    zone: abroad\n    upstream: {type: echo}\n", ":3:5: models[0].zone:"),
        ("models:\n  - name: a\n    zone: onprem\n    upstream: {type: openai, base_url: 'http://x', api_key: sk-inline}\n", ":4:5: models[0].upstream"),
        ("models:\n  - {name: a, zone: onprem, upstream: {type: echo}}\nmodles: []\n", ":3:1: modles:"),
        ("models:\n  - {name: a, zone: onprem, upstream: {type: echo}}\nzone_defaults: {domestic: a}\n", "zone_defaults.domestic"),
        ("models: [\n", "YAML syntax error"),
    ],
)
def test_config_errors_name_file_line_and_field(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "sekisho.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert where in str(info.value)


def test_serve_refuses_an_invalid_policy_with_located_errors(tmp_path: Path) -> None:
    config = tmp_path / "sekisho.yaml"
    config.write_text("models:\n  - {name: m, zone: overseas, upstream: {type: echo}}\npolicy: {path: policy.yaml}\n", encoding="utf-8")
    (tmp_path / "policy.yaml").write_text("version: 1\nname: t\nlevels: [{id: 機密性1, label: 機密性1}]\nrules:\n  - id: a\n    action: mask2\n", encoding="utf-8")
    result = _sekisho("serve", "--config", str(config), "--port", str(free_port()), cwd=tmp_path)
    assert result.returncode != 0
    assert f"{tmp_path / 'policy.yaml'}:6:" in result.stderr and "rules[0].action" in result.stderr
    assert "Traceback" not in result.stderr
