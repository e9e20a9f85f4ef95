"""The vault's errors; `VaultUnavailable` is a 503 through the gateway's own error tree.

VaultError
 ├── VaultConfigError        the gateway refuses to start (redis_url without a key, bad key)
 ├── VaultUnavailable        503: Redis unreachable or timing out; the request is not forwarded
 └── VaultIntegrityError     a stored value does not decrypt under our key (tampered, wrong key)
TransformError               findings that do not match the text they claim to index (fail closed)
"""

from __future__ import annotations

from gateway.errors import ServiceUnavailable


class VaultError(Exception):
    """Base of every vault failure."""


class VaultConfigError(VaultError):
    """The vault cannot be opened as configured; the message says what to set."""


class VaultUnavailable(VaultError, ServiceUnavailable):
    """The vault's store did not answer; requests that need it fail closed with 503."""

    def __init__(self, detail: str) -> None:
        ServiceUnavailable.__init__(
            self,
            f"仮名化の対応表（vault）に接続できないため送信を止めました。 ({detail})",
            code="vault_unavailable",
        )


class VaultIntegrityError(VaultError):
    """A stored value failed authentication; it is never used."""


class TransformError(ValueError):
    """A finding does not index the text it was given; nothing is sent."""
