"""API keys: hashed in the config, each mapped to a principal (user, department, roles)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping

from gateway.config import DEMO_KEY, KeyConfig
from gateway.errors import AuthenticationFailed
from gateway.principal import Principal

KEY_PREFIX = "sk-sekisho-"
DEMO_PRINCIPAL = Principal(user="demo", department="デモ", roles=frozenset({"auditor", "admin"}), key_id="demo")


def hash_key(key: str) -> str:
    """The form keys are stored in: `sha256:<hex>` (keys are random, so no salt is needed)."""
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


class KeyStore:
    """Maps a presented key to its principal; never keeps a key in clear."""

    def __init__(self, keys: Iterable[KeyConfig], *, allow_demo: bool = False) -> None:
        self._by_hash: Mapping[str, Principal] = {
            k.hash: Principal(
                user=k.user,
                department=k.department,
                roles=frozenset(k.roles),
                key_id=k.id,
                models=frozenset(k.models) if k.models is not None else None,
            )
            for k in keys
        }
        self._allow_demo = allow_demo

    def lookup(self, key: str) -> Principal | None:
        if self._allow_demo and secrets.compare_digest(key, DEMO_KEY):
            return DEMO_PRINCIPAL
        return self._by_hash.get(hash_key(key))

    def authenticate(self, authorization: str | None) -> Principal:
        """Principal for an `Authorization: Bearer …` header; 401 otherwise."""
        if not authorization:
            raise AuthenticationFailed("API キーがありません。Authorization: Bearer <key> を指定してください。 (missing API key)")
        scheme, _, key = authorization.partition(" ")
        principal = self.lookup(key.strip()) if scheme.lower() == "bearer" else None
        if principal is None:
            raise AuthenticationFailed("API キーが正しくありません。 (invalid API key)")
        return principal
