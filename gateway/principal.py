"""Who is calling: the principal an API key maps to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Principal:
    user: str
    department: str
    roles: frozenset[str] = frozenset()
    key_id: str = ""

    def has_role(self, role: str) -> bool:
        return role in self.roles
