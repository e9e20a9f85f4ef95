"""What a conversation's last inspected turn leaves for the next: its messages as received and as sent,
and the facts about them that the whole-request steps need (findings, keywords, values, vault asks).

Clients resend the whole history every turn. With this memo, turn N reads only what is new: messages
after those of the last turn, which must be equal to what was received then, field for field. Kept per
worker in an LRU, keyed by the conversation (caller, opening or id header), the policy version, the
detector version and the reading settings; a miss, or anything that does not match, means full work on
every message (`gateway/chat_inspect.py`), never less. Nothing here is shared or written anywhere: a
worker that has not seen the conversation's last turn reads it all, as before.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from detectors.model import Finding, Marking
from gateway.spans import Source
from gateway.vault.transform import Asked

# A long conversation's memo holds its text a few times over (as received, as sent, joined): entries
# are also evicted by their total length, so the memo of one worker stays within tens of megabytes.
MAX_CHARS = 4_000_000


@dataclass(frozen=True, slots=True)
class Turn:
    """The part of a chat request up to the end of its last message (its head: the fields before
    `messages`, and the messages), as inspected."""

    received: tuple[Any, ...]  # the messages as they came (after withholding), compared with the next turn's
    orders: tuple[tuple[str, ...], ...]  # each one's keys in order (dict equality ignores it; the reading does not)
    nested: tuple[tuple[int, str], ...]  # those holding lists or objects: index and their JSON, in order
    sent: tuple[dict[str, Any], ...]  # the same messages as they were sent (transformed); never handed out as is
    flat: tuple[bool, ...]  # per sent message: every value a string or null (a shallow copy is a copy)
    head: tuple[tuple[str, str, bool, bool], ...]  # the fields before `messages` as read: path, text, glued, key
    head_sent: tuple[str, ...]  # and as sent
    refs: int  # how many texts all this is
    text: str  # those texts joined, as in the request's joined text (it starts there)
    findings: tuple[Finding, ...]  # combined, at their offsets in `text`
    markings: tuple[Marking, ...]
    keywords: frozenset[str]  # every keyword of every segment (before the in-office rule)
    naming: int  # segments that name someone
    in_office: bool  # every one of them carries the in-office keyword
    actions: Mapping[str, str]  # the entity actions the texts were sent under
    session: bool  # whether they were pseudonymised in the conversation's vault
    conversation: str | None  # that vault's conversation id (from the opening messages, which are among these)
    own: Mapping[str, Source]  # acted values found in `text`, each with its last finding's source
    present: frozenset[str]  # values of the whole request that occur in `text` (spread there where unfound)
    adding: Mapping[str, Source]  # those of them that were spread somewhere in `text`, with the source they carried
    asked: Asked  # what `text`'s transform asked the vault and what it answered

    def follows(self, messages: Sequence[Any]) -> bool:
        """Whether `messages` begins with exactly the messages of this turn, keys in the same order
        (the order of a message's fields is the order its texts are read in)."""
        n = len(self.received)
        if len(messages) < n or tuple(messages[:n]) != self.received or tuple(map(tuple, messages[:n])) != self.orders:
            return False
        return all(shape(messages[i]) == dumped for i, dumped in self.nested)

    def handed_out(self) -> list[dict[str, Any]]:
        """Copies of the sent messages for a new body (no request's body shares a dict with the memo)."""
        from gateway.pipeline import copy_body

        return [dict(m) if flat else copy_body(m) for m, flat in zip(self.sent, self.flat, strict=True)]


def is_flat(message: Any) -> bool:
    return isinstance(message, dict) and all(v is None or isinstance(v, str) for v in message.values())


def shape(message: Any) -> str:
    """A message's JSON with its keys in order, nested ones too: equal only for the same reading."""
    return json.dumps(message, ensure_ascii=False)


def nested(received: Sequence[Any], start: int = 0) -> tuple[tuple[int, str], ...]:
    """(index, shape) of the messages from `start` on that hold lists or objects."""
    return tuple((i, shape(m)) for i, m in enumerate(received[start:], start) if not is_flat(m))


class Memo:
    """The last turn of the most recently seen conversations, least recently used evicted first."""

    def __init__(self, max_entries: int, max_chars: int = MAX_CHARS) -> None:
        self._max = max_entries
        self._max_chars = max_chars
        self._turns: OrderedDict[tuple[str, ...], Turn] = OrderedDict()
        self._chars = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, ...]) -> Turn | None:
        turn = self._turns.get(key)
        if turn is not None:
            self._turns.move_to_end(key)
        return turn

    def put(self, key: tuple[str, ...], turn: Turn) -> None:
        old = self._turns.pop(key, None)
        if old is not None:
            self._chars -= 3 * len(old.text)
        self._turns[key] = turn
        self._chars += 3 * len(turn.text)  # received, sent and joined
        while self._turns and (len(self._turns) > self._max or self._chars > self._max_chars):
            _, evicted = self._turns.popitem(last=False)
            self._chars -= 3 * len(evicted.text)

    def forget(self, key: tuple[str, ...]) -> None:
        old = self._turns.pop(key, None)
        if old is not None:
            self._chars -= 3 * len(old.text)

    def stats(self) -> dict[str, int]:
        return {"conversations": len(self._turns), "chars": self._chars, "hits": self.hits, "misses": self.misses}
