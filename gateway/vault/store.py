"""Where mappings live: the `VaultStore` protocol and the embedded in-process store."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, overload

from gateway.vault.placeholders import placeholder


@dataclass(frozen=True, slots=True)
class Assignment:
    """What a store answered for one batch."""

    numbers: tuple[int, ...]  # one per value, in order: the value's number under its label
    reserved: tuple[bool, ...]  # one per literal: True = that number is now never handed out


class VaultStore(Protocol):
    """Per conversation: (label, value) → number, atomically; numbers count up per label."""

    async def assign(
        self, conversation: str, values: Sequence[tuple[str, str]], literals: Sequence[tuple[str, int]] = ()
    ) -> Assignment:
        """Reserve the literals' numbers when still free, then number every value (get or create)."""
        ...

    async def lookup(self, conversation: str) -> dict[str, str]:
        """Every placeholder of a conversation with its value (canonical placeholder → value)."""
        ...

    async def mark(self, conversation: str, digest: str) -> None:
        """Remember a keyed digest under a conversation (a message that was blocked)."""
        ...

    async def marked(self, conversation: str, digests: Sequence[str]) -> set[str]:
        """Which of `digests` were remembered under the conversation."""
        ...

    async def has_marks(self, conversation: str) -> bool:
        """Whether any message of the conversation was remembered (most have none: no digest to compute)."""
        ...

    async def ping(self) -> bool: ...

    async def aclose(self) -> None: ...


@dataclass(slots=True)
class _Conversation:
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    values: dict[tuple[str, int], str] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    marks: set[str] = field(default_factory=set)
    expires: float = 0.0


class MemoryStore:
    """The embedded default: one process, TTL refreshed on use, least recently used evicted first."""

    def __init__(
        self,
        ttl_s: float = 7 * 24 * 3600,
        max_conversations: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl_s
        self._max = max_conversations
        self._clock = clock
        self._data: OrderedDict[str, _Conversation] = OrderedDict()
        # The body of `assign` never awaits, so the event loop alone makes it atomic; the lock
        # covers callers on other threads.
        self._lock = threading.Lock()

    async def assign(
        self, conversation: str, values: Sequence[tuple[str, str]], literals: Sequence[tuple[str, int]] = ()
    ) -> Assignment:
        with self._lock:
            conv = self._touch(conversation)
            reserved = []
            for label, n in literals:
                free = (label, n) not in conv.values
                if free and conv.counters.get(label, 0) < n:
                    conv.counters[label] = n
                reserved.append(free)
            numbers = []
            for label, value in values:
                number = conv.numbers.get((label, value))
                if number is None:
                    number = conv.counters.get(label, 0) + 1
                    conv.counters[label] = number
                    conv.numbers[(label, value)] = number
                    conv.values[(label, number)] = value
                numbers.append(number)
            return Assignment(tuple(numbers), tuple(reserved))

    async def lookup(self, conversation: str) -> dict[str, str]:
        with self._lock:
            conv = self._touch(conversation, create=False)
            if conv is None:
                return {}
            return {placeholder(label, n): v for (label, n), v in conv.values.items()}

    async def mark(self, conversation: str, digest: str) -> None:
        with self._lock:
            self._touch(conversation).marks.add(digest)

    async def marked(self, conversation: str, digests: Sequence[str]) -> set[str]:
        with self._lock:
            conv = self._touch(conversation, create=False)
            return set() if conv is None else conv.marks.intersection(digests)

    async def has_marks(self, conversation: str) -> bool:
        with self._lock:
            conv = self._touch(conversation, create=False)
            return conv is not None and bool(conv.marks)

    async def ping(self) -> bool:
        return True

    async def aclose(self) -> None:
        with self._lock:
            self._data.clear()

    @property
    def conversations(self) -> int:
        """How many conversations are held (expired ones go on the next use)."""
        return len(self._data)

    @overload
    def _touch(self, conversation: str) -> _Conversation: ...
    @overload
    def _touch(self, conversation: str, create: bool) -> _Conversation | None: ...

    def _touch(self, conversation: str, create: bool = True) -> _Conversation | None:
        now = self._clock()
        # Every use refreshes the TTL, so least recently used is also soonest to expire.
        while self._data:
            oldest = next(iter(self._data.values()))
            if oldest.expires > now and len(self._data) <= self._max:
                break
            self._data.popitem(last=False)
        conv = self._data.get(conversation)
        if conv is None:
            if not create:
                return None
            conv = self._data[conversation] = _Conversation()
        else:
            self._data.move_to_end(conversation)
        conv.expires = now + self._ttl
        return conv
