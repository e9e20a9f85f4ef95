"""Who is calling: the principal an API key maps to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Principal:
    user: str
    department: str
    roles: frozenset[str] = frozenset()
    key_id: str = ""
    models: frozenset[str] | None = None  # the public models this key may request; None: all

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def may_use(self, model: str) -> bool:
        return self.models is None or model in self.models


# Who a request is attributed to when its key was refused: nobody (the audit record keeps only the address).
UNAUTHENTICATED = Principal(user="", department="")
