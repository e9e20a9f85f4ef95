"""One request's view of its conversation's vault: values in, stable placeholders out."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.vault.placeholders import FALLBACK_LABEL, LABEL_OF, MAX_RESERVED_NUMBER, placeholder
from gateway.vault.store import VaultStore


class VaultSession:
    """Bound to one conversation; remembers what this request pseudonymised, for restoration."""

    def __init__(self, store: VaultStore, conversation_id: str) -> None:
        self._store = store
        self.conversation_id = conversation_id
        self._placeholders: dict[tuple[str, str], str] = {}
        self._reserved: dict[tuple[str, int], bool] = {}
        self._mapping: dict[str, str] = {}

    async def pseudonym(self, entity: str, value: str) -> str:
        """The conversation's placeholder for `value` (created on first use): 〔氏名1〕."""
        return (await self.pseudonyms([(entity, value)]))[0]

    async def pseudonyms(self, items: Sequence[tuple[str, str]]) -> list[str]:
        """Placeholders for many (entity, value) pairs with at most one store round trip."""
        placeholders, _ = await self.assign(items, ())
        return placeholders

    async def assign(
        self, items: Sequence[tuple[str, str]], literals: Sequence[tuple[str, int]]
    ) -> tuple[list[str], list[bool]]:
        """Placeholders for (entity, value) pairs, and for each (label, n) seen verbatim in the
        caller's text whether it could be reserved (True) or is taken and must be escaped."""
        labels = LABEL_OF
        keys = [(labels.get(entity, FALLBACK_LABEL), value) for entity, value in items]
        new_values = list(dict.fromkeys(k for k in keys if k not in self._placeholders))
        new_literals = list(
            dict.fromkeys(x for x in literals if x not in self._reserved and x[1] <= MAX_RESERVED_NUMBER)
        )
        if new_values or new_literals:
            got = await self._store.assign(self.conversation_id, new_values, new_literals)
            for lit, ok in zip(new_literals, got.reserved, strict=True):
                self._reserved[lit] = ok
            for (label, value), n in zip(new_values, got.numbers, strict=True):
                ph = placeholder(label, n)
                self._placeholders[(label, value)] = ph
                self._mapping[ph] = value
        return [self._placeholders[k] for k in keys], [self._reserved.get(x, False) for x in literals]

    def mapping(self) -> dict[str, str]:
        """Placeholder → original for everything this request pseudonymised (a copy)."""
        return dict(self._mapping)
