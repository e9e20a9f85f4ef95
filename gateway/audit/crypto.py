"""Keys for the audit log: the prompt HMAC key and the optional content-encryption key."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger("sekisho.audit")

HMAC_KEY_FILE = ".hmac_key"
_BLOB_PREFIX = "aesgcm1"


class AuditKeyError(Exception):
    """A key is missing, malformed, or does not open this record."""


def prompt_hmac(key: bytes, text: str) -> str:
    """Keyed hash of a prompt: equal prompts correlate, the text itself cannot be recovered."""
    return hmac.digest(key, text.encode("utf-8"), "sha256").hex()


def load_hmac_key(env_value: str | None, log_dir: Path) -> bytes:
    """The HMAC key from the environment, else a key persisted once under the log directory (0600)."""
    if env_value:
        return env_value.encode("utf-8")
    path = log_dir / HMAC_KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        value = path.read_text(encoding="ascii").strip()
        if len(value) < 32:
            raise AuditKeyError(
                f"{path}: HMAC key file is too short; delete it or set the key in the environment"
            ) from None
        return value.encode("ascii")
    value = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(value + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    log.warning("audit HMAC key not set in the environment; generated and stored in %s (mode 0600)", path)
    return value.encode("ascii")


def read_hmac_key(env_value: str | None, directories: list[Path]) -> bytes | None:
    """The HMAC key as the gateway would load it, for tools: never creates one (None when absent)."""
    if env_value:
        return env_value.encode("utf-8")
    for directory in directories:
        path = directory / HMAC_KEY_FILE
        try:
            value = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            raise AuditKeyError(f"{path}: cannot read the HMAC key file ({exc})") from exc
        if len(value) < 32:
            raise AuditKeyError(f"{path}: HMAC key file is too short")
        return value.encode("ascii")
    return None


def parse_content_key(value: str) -> bytes:
    """A 256-bit AES key given as 64 hex digits or as base64 of 32 bytes."""
    text = value.strip()
    raw: bytes | None = None
    if len(text) == 64:
        try:
            raw = bytes.fromhex(text)
        except ValueError:
            raw = None
    if raw is None:
        padded = (text + "=" * (-len(text) % 4)).replace("-", "+").replace("_", "/")
        try:
            raw = base64.b64decode(padded, validate=True)
        except (binascii.Error, ValueError):
            raw = None
    if raw is None or len(raw) != 32:
        raise AuditKeyError("content key must be 32 bytes, written as 64 hex digits or base64")
    return raw


def key_id(key: bytes) -> str:
    """A short fingerprint that tells which key sealed a record, without revealing it."""
    return hashlib.sha256(b"sekisho-audit-content:" + key).hexdigest()[:12]


def seal(key: bytes, prompt: str, answer: str) -> str:
    """Encrypt prompt and answer (AES-256-GCM) into one printable blob."""
    nonce = os.urandom(12)
    plain = json.dumps({"prompt": prompt, "answer": answer}, ensure_ascii=False).encode("utf-8")
    sealed = AESGCM(key).encrypt(nonce, plain, _BLOB_PREFIX.encode())
    return f"{_BLOB_PREFIX}:{key_id(key)}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def unseal(key: bytes, blob: str) -> dict[str, str]:
    """Decrypt a blob made by `seal`; raises AuditKeyError for a wrong key or altered blob."""
    try:
        prefix, kid, data = blob.split(":", 2)
    except ValueError as exc:
        raise AuditKeyError("not an encrypted content blob") from exc
    if prefix != _BLOB_PREFIX:
        raise AuditKeyError(f"unknown content format {prefix!r}")
    if kid != key_id(key):
        raise AuditKeyError(f"this record was sealed with key {kid}, not with the given key ({key_id(key)})")
    raw = base64.b64decode(data)
    try:
        plain = AESGCM(key).decrypt(raw[:12], raw[12:], _BLOB_PREFIX.encode())
    except InvalidTag as exc:
        raise AuditKeyError("content does not decrypt: altered or wrong key") from exc
    result: dict[str, str] = json.loads(plain)
    return result
