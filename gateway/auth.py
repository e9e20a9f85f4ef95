"""API keys: hashed in the config, each mapped to a principal (user, department, roles)."""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from typing import Any

from gateway.config import DEMO_KEY, KeyConfig
from gateway.errors import AuthenticationFailed
from gateway.principal import Principal

KEY_PREFIX = "sk-sekisho-"
DEMO_PRINCIPAL = Principal(user="demo", department="デモ", roles=frozenset({"auditor", "admin"}), key_id="demo")
DEMO_REFUSED = (
    "デモキーはこの計算機の中（ループバックアドレス）で受けた接続でのみ使えます。発行された API キーを使ってください。"
    " (the demo key is accepted only on a loopback address)"
)

# The local address the current request arrived on (the ASGI scope's `server`), set per request by
# the app (gateway.app.Gateway). Unset, as outside a request, counts as not loopback.
local_address: ContextVar[Any] = ContextVar("sekisho_local_address", default=None)


def is_loopback(server: Any) -> bool:
    """Whether an ASGI `server` (host, port) is a loopback address; a Unix socket or unknown is not."""
    if not isinstance(server, (tuple, list)) or not server or not isinstance(server[0], str):
        return False
    host = server[0].strip("[]")
    if host == "localhost":
        return True
    try:
        addr = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(addr, "ipv4_mapped", None)
    return bool(addr.is_loopback or (mapped is not None and mapped.is_loopback))


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
        """The principal of a key; the demo key only on a request that arrived on loopback."""
        if self._allow_demo and secrets.compare_digest(key, DEMO_KEY):
            return DEMO_PRINCIPAL if is_loopback(local_address.get()) else None
        return self._by_hash.get(hash_key(key))

    def refuses_demo(self, key: str) -> bool:
        """Whether `key` is the accepted demo key, presented on an address that is not loopback."""
        return self._allow_demo and secrets.compare_digest(key, DEMO_KEY) and not is_loopback(local_address.get())

    def authenticate(self, authorization: str | None) -> Principal:
        """Principal for an `Authorization: Bearer …` header; 401 otherwise."""
        if not authorization:
            raise AuthenticationFailed("API キーがありません。Authorization: Bearer <key> を指定してください。 (missing API key)")
        scheme, _, key = authorization.partition(" ")
        principal = self.lookup(key.strip()) if scheme.lower() == "bearer" else None
        if principal is None and scheme.lower() == "bearer" and self.refuses_demo(key.strip()):
            raise AuthenticationFailed(DEMO_REFUSED)
        if principal is None:
            raise AuthenticationFailed("API キーが正しくありません。 (invalid API key)")
        return principal
