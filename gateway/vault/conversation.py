"""Which conversation a request belongs to: a keyed hash of the caller and the opening messages.

Clients resend the whole history every turn, so everything up to and including the first user
message is the same on every turn of one conversation. An explicit id header wins, but is still
scoped to the caller, so one caller can never name another caller's conversation.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Mapping, Sequence
from typing import Any


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
    return opening_id(principal_user, opening(messages), header, key=key)


def opening_id(principal_user: str, first: Sequence[tuple[str, str]], header: str | None, *, key: bytes) -> str:
    """`conversation_id` from the opening already read (`opening(messages)`)."""
    if header is not None and header.strip():
        payload = json.dumps(["header", principal_user, header.strip()], ensure_ascii=False)
    else:
        payload = json.dumps(["opening", principal_user, list(first)], ensure_ascii=False)
    return hmac.digest(key, payload.encode("utf-8"), "sha256").hex()[:32]
