"""Which conversation a request belongs to: a keyed hash of the caller and the opening messages.

Clients resend the whole history every turn, so everything up to and including the first user
message is the same on every turn of one conversation. An explicit id header wins, but is still
scoped to the caller, so one caller can never name another caller's conversation.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Final


def opening(messages: Sequence[object]) -> list[tuple[str, str]]:
    """(role, text) of the messages up to and including the first user message."""
    out: list[tuple[str, str]] = []
    for message in messages:
        if not isinstance(message, Mapping):
            continue
        role = str(message.get("role", ""))
        out.append((role, _text(message.get("content"))))
        if role == "user":
            break
    return out


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, Mapping):
                parts.append(json.dumps(part, ensure_ascii=False, sort_keys=True))
        return "\x1e".join(parts)
    return "" if content is None else json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)


def conversation_id(
    principal_user: str, messages: Sequence[Mapping[str, Any]], header: str | None, *, key: bytes
) -> str:
    """A stable, opaque id (32 hex digits) that reveals nothing about the caller or the text."""
    if header is not None and header.strip():
        return _digest(key, "header", principal_user, header.strip())
    first = opening(messages)
    if sum(len(text) for _, text in first) > _CACHED_CHARS:
        return _digest.__wrapped__(key, "opening", principal_user, tuple(first))
    return _digest(key, "opening", principal_user, tuple(first))


# Every turn of a conversation resends its opening, and a request asks for its id twice (withholding
# earlier blocked messages, then inspection): the ids of recent openings are kept, up to this size each,
# so a worker holds at most ~_CACHE_SIZE × _CACHED_CHARS characters of them.
_CACHED_CHARS: Final = 8_000
_CACHE_SIZE: Final = 1024


@lru_cache(maxsize=_CACHE_SIZE)
def _digest(key: bytes, kind: str, principal_user: str, what: str | tuple[tuple[str, str], ...]) -> str:
    payload = json.dumps([kind, principal_user, list(what) if isinstance(what, tuple) else what], ensure_ascii=False)
    return hmac.digest(key, payload.encode("utf-8"), "sha256").hex()[:32]
