"""`sekisho config check`: a referenced secret that is unset, a missing keys file or a bad policy fails it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli import main

CONFIG = """\
models:
  - {name: local-llm, zone: onprem, upstream: {type: openai, base_url: "http://127.0.0.1:9/v1"}}
  - name: domestic-llm
    zone: domestic
    upstream: {type: openai, base_url: "https://api.example.jp/v1", api_key: env:SEKISHO_TEST_DOMESTIC_KEY}
  - name: bedrock
    zone: domestic
    upstream:
      type: litellm
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      params: {aws_region_name: ap-northeast-1, aws_secret_access_key: env:SEKISHO_TEST_AWS_SECRET}
zone_defaults: {onprem: local-llm, domestic: domestic-llm}
keys_file: keys.yaml
audit: {dir: audit, hmac_key: env:SEKISHO_TEST_HMAC}
"""
KEYS = "keys:\n  - {id: k1, hash: 'sha256:00', user: u1, department: 総務課}\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["config", "check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("SEKISHO_TEST_DOMESTIC_KEY", "SEKISHO_TEST_AWS_SECRET", "SEKISHO_TEST_HMAC", "SEKISHO_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "sekisho.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_unset_secrets_and_missing_keys_file_fail(config: Path) -> None:
    code, out, err = run("--config", str(config))
    assert code == 1
    assert out.splitlines()[0] == f"config: {config}"
    assert "error: models[1].upstream.api_key: $SEKISHO_TEST_DOMESTIC_KEY is not set" in err
    assert "error: models[2].upstream.params.aws_secret_access_key: $SEKISHO_TEST_AWS_SECRET is not set" in err
    assert f"error: keys_file: {config.parent / 'keys.yaml'} does not exist" in err
    assert "warning: audit.hmac_key: $SEKISHO_TEST_HMAC is not set" in out
    assert out.splitlines()[-1] == "FAILED: 3 error(s), 1 warning(s)"


def test_everything_present_passes(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SEKISHO_TEST_DOMESTIC_KEY", "SEKISHO_TEST_AWS_SECRET", "SEKISHO_TEST_HMAC"):
        monkeypatch.setenv(name, "x" * 32)
    (config.parent / "keys.yaml").write_text(KEYS, encoding="utf-8")
    code, out, err = run("--config", str(config))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "OK: 0 error(s), 0 warning(s)"
    code, out, _ = run("--config", str(config), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True and doc["problems"] == []
    assert [m["zone"] for m in doc["models"]] == ["onprem", "domestic", "domestic"]


def test_a_bad_policy_and_an_unwritable_audit_dir_fail(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SEKISHO_TEST_DOMESTIC_KEY", "SEKISHO_TEST_AWS_SECRET", "SEKISHO_TEST_HMAC"):
        monkeypatch.setenv(name, "x" * 32)
    (config.parent / "keys.yaml").write_text(KEYS, encoding="utf-8")
    (config.parent / "policy.yaml").write_text("version: 1\nlevels: [{id: a}]\nrules: [{id: r, action: blok}]\n", encoding="utf-8")
    locked = config.parent / "locked"
    locked.mkdir(mode=0o500)
    config.write_text(CONFIG.replace("audit: {dir: audit,", "policy: {path: policy.yaml}\naudit: {dir: locked/audit,"), encoding="utf-8")
    code, out, _ = run("--config", str(config), "--json")
    problems = {p["field"]: p for p in json.loads(out)["problems"]}
    assert code == 1
    assert "policy.yaml:3:" in problems["policy.path"]["message"] and "blok" in problems["policy.path"]["message"]
    import os

    if os.geteuid() != 0:  # root writes anywhere
        assert "cannot be created" in problems["audit.dir"]["message"]


def test_the_bundled_config_says_so() -> None:
    code, out, _ = run()
    assert code == 0
    assert "(the bundled demo config; pass --config PATH or set SEKISHO_CONFIG)" in out.splitlines()[0]
    assert out.splitlines()[1] == "models: echo (onprem), echo-overseas (overseas)"


def test_an_inline_secret_in_params_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sekisho.yaml"
    path.write_text(CONFIG.replace("env:SEKISHO_TEST_AWS_SECRET", "AKIAsecretvalue"), encoding="utf-8")
    code, _, err = run("--config", str(path))
    assert code == 1 and "params.aws_secret_access_key: secrets must be given as env:VARIABLE_NAME" in err
