"""A blocked message must not poison the chat.

Chat UIs resend the whole history every turn, the blocked user message included (Open WebUI drops
the failed reply and keeps the message, so two user messages follow each other). Without memory,
one 403 would block every later turn of that chat. Sekisho remembers what it blocked (a keyed digest
of the message, per conversation, in the vault's store, so replicas share it) and on later turns
withholds exactly those earlier messages from the upstream, replaced by a short notice; the newest
message is always judged on its own, so resending the blocked text as the newest is blocked again.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from collections.abc import Sequence
from typing import Any, Final

NOTICE: Final = "（この発言は送信ルールにより送信されませんでした）"


def _text(message: Any) -> str | None:
    if not isinstance(message, dict) or message.get("role") != "user":
        return None
    content = message.get("content")
    if isinstance(content, str):
        text = content
    elif isinstance(content, list):
        text = "".join(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    else:
        return None
    # Resent text may differ in width or surrounding space only.
    return unicodedata.normalize("NFKC", text).strip()


def digest(key: bytes, text: str) -> str:
    return hmac.new(key, b"blocked\x00" + text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def newest_user_digest(key: bytes, messages: Sequence[Any]) -> str | None:
    """The digest of the last message when it is the user's (the one a block is about)."""
    text = _text(messages[-1]) if messages else None
    return digest(key, text) if text else None


def earlier_user_digests(key: bytes, messages: Sequence[Any]) -> dict[int, str]:
    """Index → digest of every user message before the last."""
    out = {}
    for i, message in enumerate(messages[:-1]):
        text = _text(message)
        if text:
            out[i] = digest(key, text)
    return out


def withhold(messages: list[Any], indices: Sequence[int]) -> None:
    """Replace the content of those messages with the notice (other fields, such as name, go too)."""
    for i in indices:
        messages[i] = {"role": "user", "content": NOTICE}
