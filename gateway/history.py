"""A blocked message must not poison the chat.

Chat UIs resend the whole history every turn, the blocked user message included (Open WebUI drops
the failed reply and keeps the message, so two user messages follow each other). Without memory,
one 403 would block every later turn of that chat. Sekisho remembers what it blocked (a keyed digest
of the message, per conversation, in the vault's store, so replicas share it) and on later turns
withholds exactly those earlier messages from the upstream, replaced by a short notice; the newest
message is always judged on its own, so resending the blocked text as the newest is blocked again.
"""

from __future__ import annotations

import hmac
import logging
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from gateway.vault.errors import VaultUnavailable

if TYPE_CHECKING:
    from gateway.pipeline import Exchange
    from gateway.services import Services

log = logging.getLogger("sekisho.history")

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
    return hmac.digest(key, b"blocked\x00" + text.encode("utf-8"), "sha256").hex()[:32]


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


def _conversation(services: Services, ex: Exchange, messages: list[Any]) -> str:
    return ex.conversation_in(services.vault, messages)


async def withhold_blocked(services: Services, ex: Exchange, body: dict[str, Any]) -> None:
    """Earlier user messages that were blocked in this conversation are not sent again."""
    messages = body.get("messages")
    policy = services.policies.current()
    if policy.history != "withhold_blocked" or not isinstance(messages, list) or len(messages) < 2:
        return
    # VaultUnavailable is a 503: without the memory, nothing is sent (fail closed).
    conversation = _conversation(services, ex, messages)
    if not await services.vault.store.has_marks(conversation):
        return  # nothing was ever blocked here: no digest of every earlier message to compute
    digests = earlier_user_digests(services.vault.keys.index, messages)
    if not digests:
        return
    marked = await services.vault.store.marked(conversation, list(set(digests.values())))
    hits = [i for i, d in digests.items() if d in marked]
    withhold(messages, hits)
    ex.withheld = len(hits)


async def remember_block(services: Services, ex: Exchange, body: dict[str, Any], policy: Any) -> None:
    """Remember the newest user message of a request the policy blocked."""
    messages = body.get("messages")
    if policy.history != "withhold_blocked" or not isinstance(messages, list):
        return
    d = newest_user_digest(services.vault.keys.index, messages)
    if d is None:
        return
    try:
        await services.vault.store.mark(_conversation(services, ex, messages), d)
    except VaultUnavailable:
        log.warning("blocked message not remembered: vault unavailable")  # the block itself stands
