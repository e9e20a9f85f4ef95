"""Keys derived from the one vault secret: value encryption, value index, conversation ids."""

from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from gateway.vault.errors import VaultConfigError, VaultIntegrityError

MIN_SECRET_CHARS: Final = 24
_NONCE: Final = 12


@lru_cache(maxsize=4)
def _cipher(key: bytes) -> AESGCM:
    # Made once per key: every turn of a conversation seals each of its values again (the vault keeps
    # the first), and building the cipher was a third of each seal's cost.
    return AESGCM(key)


def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"sekisho-vault-v1", info=info).derive(secret)


@dataclass(frozen=True, slots=True)
class VaultKeys:
    """Independent 256-bit keys; one leaking does not reveal the others."""

    encryption: bytes
    index: bytes
    conversation: bytes
    detection_cache: bytes  # names and seals cached detection results (gateway/detection_cache.py)

    def __repr__(self) -> str:
        return "VaultKeys(<redacted>)"

    @classmethod
    def from_secret(cls, secret: str) -> VaultKeys:
        """Derive the keys from the configured secret (at least 24 characters)."""
        if len(secret) < MIN_SECRET_CHARS:
            raise VaultConfigError(
                f"the vault key must be at least {MIN_SECRET_CHARS} characters "
                "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        raw = secret.encode("utf-8")
        return cls(
            _derive(raw, b"encryption"), _derive(raw, b"index"), _derive(raw, b"conversation"), _derive(raw, b"detection-cache")
        )

    @classmethod
    def ephemeral(cls) -> VaultKeys:
        """Random keys for one process (the in-memory vault needs nothing to survive a restart)."""
        return cls.from_secret(secrets.token_urlsafe(32))

    def index_of(self, label: str, value: str) -> str:
        """Keyed hash naming a value in the store, so Redis never holds the value as a key."""
        msg = label.encode("utf-8") + b"\x00" + value.encode("utf-8")
        return hmac.digest(self.index, msg, "sha256").hex()[:32]

    def seal(self, value: str, aad: bytes) -> bytes:
        """AES-256-GCM with a random nonce; `aad` binds the ciphertext to its slot."""
        nonce = os.urandom(_NONCE)
        return nonce + _cipher(self.encryption).encrypt(nonce, value.encode("utf-8"), aad)

    def open(self, blob: bytes, aad: bytes) -> str:
        """Decrypt what `seal` produced; VaultIntegrityError when it was altered or the key differs."""
        try:
            return _cipher(self.encryption).decrypt(blob[:_NONCE], blob[_NONCE:], aad).decode("utf-8")
        except (InvalidTag, ValueError) as exc:
            raise VaultIntegrityError("a vault value failed authentication (wrong key or altered)") from exc
