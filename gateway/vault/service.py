"""The vault one gateway process holds: a store plus the keys, opened once in the app's lifespan."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gateway.config import ENV_PREFIX, VaultConfig
from gateway.principal import Principal
from gateway.vault.conversation import conversation_id, opening_id
from gateway.vault.errors import VaultConfigError
from gateway.vault.keys import VaultKeys
from gateway.vault.redis_store import RedisStore
from gateway.vault.session import VaultSession
from gateway.vault.store import MemoryStore, VaultStore


@dataclass(frozen=True, slots=True)
class Vault:
    """The process's vault: hands out per-request sessions bound to one conversation."""

    store: VaultStore
    keys: VaultKeys
    shared: bool  # True when the store is Redis (shared by replicas)

    def conversation_id(self, principal_user: str, messages: Sequence[Mapping[str, Any]], header: str | None) -> str:
        """The request's conversation id (keyed hash; see `conversation.conversation_id`)."""
        return conversation_id(principal_user, messages, header, key=self.keys.conversation)

    def opening_id(self, principal_user: str, first: Sequence[tuple[str, str]], header: str | None) -> str:
        """The same, from the opening already read (`conversation.opening`)."""
        return opening_id(principal_user, first, header, key=self.keys.conversation)

    def session(self, conversation: str) -> VaultSession:
        """A fresh session for one request of `conversation`."""
        return VaultSession(self.store, conversation)

    async def ping(self) -> bool:
        """True when the store answers; raises VaultUnavailable when Redis does not."""
        return await self.store.ping()

    async def aclose(self) -> None:
        await self.store.aclose()


def _secret(ref: str, environ: Mapping[str, str]) -> str | None:
    if not ref.startswith(ENV_PREFIX):
        raise VaultConfigError("vault.key: give the key as env:VARIABLE_NAME, never inline")
    return environ.get(ref[len(ENV_PREFIX) :]) or None


def open_store(cfg: VaultConfig, environ: Mapping[str, str] | None = None) -> Vault:
    """Redis when `redis_url` is set (the key is then required), else the in-process store."""
    env = os.environ if environ is None else environ
    secret = _secret(cfg.key, env)
    if cfg.redis_url:
        if secret is None:
            name = cfg.key[len(ENV_PREFIX) :]
            raise VaultConfigError(
                f"vault.redis_url is set but the environment variable {name} (vault.key) is empty or "
                "missing: values in Redis are encrypted with it, so the gateway will not start without it"
            )
        keys = VaultKeys.from_secret(secret)
        return Vault(RedisStore(cfg.redis_url, keys, cfg.ttl_s), keys, shared=True)
    keys = VaultKeys.from_secret(secret) if secret else VaultKeys.ephemeral()
    return Vault(MemoryStore(ttl_s=cfg.ttl_s), keys, shared=False)


async def open_session(vault: Vault, principal: Principal, body: Mapping[str, Any], header: str | None) -> VaultSession:
    """The session for one chat request: conversation from the header, else caller + opening messages."""
    messages = body.get("messages")
    msgs: Sequence[Mapping[str, Any]] = messages if isinstance(messages, list) else []
    # Responses API: its message items (after the instructions) are the conversation.
    if not msgs and isinstance(body.get("input"), list):
        items = [i for i in body["input"] if isinstance(i, Mapping) and "role" in i]
        msgs = ([{"role": "system", "content": body["instructions"]}] if body.get("instructions") else []) + items
    # Embeddings have no messages: their input stands in for the opening.
    if not msgs and "input" in body:
        msgs = [{"role": "user", "content": body["input"] if isinstance(body["input"], str) else repr(body["input"])}]
    return vault.session(vault.conversation_id(principal.user, msgs, header))
