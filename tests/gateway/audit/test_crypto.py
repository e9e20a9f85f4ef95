from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from gateway.audit import AuditKeyError, AuditLog
from gateway.audit.crypto import parse_content_key, seal, unseal
from gateway.config import AuditConfig
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, build

KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
OTHER_HEX = "ff" * 32


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SEKISHO_AUDIT_CONTENT_KEY", KEY_HEX)
    monkeypatch.setenv("SEKISHO_AUDIT_HMAC_KEY", "hmac-key-for-tests-0123456789abcdef")
    log = AuditLog.open(AuditConfig(dir=str(tmp_path), keep_content=True))
    for n, case in enumerate(CASES[:3]):
        log.append_sync(build(log, case, n))
    return tmp_path


def test_show_decrypt_round_trip(kept: Path) -> None:
    case = CASES[1]
    env = {"SEKISHO_AUDIT_CONTENT_KEY": KEY_HEX}
    plain = sekisho("audit", "show", "req-masked-00001", str(kept), env=env)
    assert plain.returncode == 0, plain.stderr
    assert case.prompt not in plain.stdout and "read with --decrypt" in plain.stdout
    opened = sekisho("audit", "show", "req-masked-00001", str(kept), "--decrypt", env=env)
    assert opened.returncode == 0, opened.stderr
    assert f"--- prompt ---\n{case.prompt}\n--- answer ---\n{case.answer}\n" in opened.stdout


def test_decrypt_refuses_without_the_right_key(kept: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SEKISHO_AUDIT_CONTENT_KEY"}
    missing = sekisho(
        "audit", "show", "req-masked-00001", str(kept), "--decrypt", env=env | {"SEKISHO_AUDIT_CONTENT_KEY": ""}
    )
    assert missing.returncode == 1 and "needs the content key" in missing.stderr
    wrong = sekisho(
        "audit", "show", "req-masked-00001", str(kept), "--decrypt", env={"SEKISHO_AUDIT_CONTENT_KEY": OTHER_HEX}
    )
    assert wrong.returncode == 1 and "sealed with key" in wrong.stderr
    assert CASES[1].prompt not in wrong.stdout + wrong.stderr
    unknown = sekisho("audit", "show", "req-nothing", str(kept))
    assert unknown.returncode == 1 and "no record with request_id" in unknown.stderr


def test_sealed_blob_detects_alteration_and_accepts_base64_keys() -> None:
    key = parse_content_key(KEY_HEX)
    assert parse_content_key(base64.b64encode(key).decode()) == key
    assert parse_content_key(base64.urlsafe_b64encode(key).decode().rstrip("=")) == key
    blob = seal(key, "山田太郎さんの件", "回答")
    assert unseal(key, blob) == {"prompt": "山田太郎さんの件", "answer": "回答"}
    prefix, kid, data = blob.split(":")
    raw = bytearray(base64.b64decode(data))
    raw[-1] ^= 1
    with pytest.raises(AuditKeyError, match="altered"):
        unseal(key, f"{prefix}:{kid}:{base64.b64encode(bytes(raw)).decode()}")
    assert seal(key, "同じ", "同じ") != seal(key, "同じ", "同じ")  # fresh nonce each time


def test_content_is_not_kept_unless_configured(tmp_path: Path) -> None:
    log = AuditLog.open(AuditConfig(dir=str(tmp_path)))
    assert log.seal_content("山田太郎", "回答") is None
