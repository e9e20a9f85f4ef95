"""A rule's `when:` / `unless:` compiled: checks a request's facts and says why it matched or not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gateway.policy.decision import ModelInfo
from gateway.policy.schema import Condition
from gateway.principal import Principal


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything a condition may look at; no prompt content, only names and types."""

    level: str
    rank: int  # position in the policy's level list, 1 = lowest
    tags: frozenset[str]
    entities: frozenset[str]
    keywords: frozenset[str]
    markings: frozenset[str]
    principal: Principal
    model: ModelInfo


@dataclass(frozen=True, slots=True)
class Check:
    """One field of a condition: whether it held, and a sentence saying why (for explain and audit)."""

    field: str
    ok: bool
    detail: str


def _names(values: Sequence[str] | frozenset[str]) -> str:
    return ", ".join(sorted(values)) if values else "none"


@dataclass(frozen=True, slots=True)
class CompiledCondition:
    """All given fields must hold (AND); a list field holds when any of its values is present (OR)."""

    levels: frozenset[str] | None
    min_rank: int | None
    max_rank: int | None
    min_level: str | None
    max_level: str | None
    tags_any: frozenset[str] | None
    entities_any: frozenset[str] | None
    keywords_any: frozenset[str] | None
    markings_any: frozenset[str] | None
    departments: frozenset[str] | None
    roles: frozenset[str] | None
    models: frozenset[str] | None
    zones: frozenset[str] | None

    @classmethod
    def compile(cls, cond: Condition, ranks: dict[str, int]) -> CompiledCondition:
        """Freeze a validated condition; level names become ranks in the policy's scheme."""

        def fs(values: list[str] | None) -> frozenset[str] | None:
            return None if values is None else frozenset(values)

        return cls(
            levels=fs(cond.levels),
            min_rank=ranks[cond.min_level] if cond.min_level else None,
            max_rank=ranks[cond.max_level] if cond.max_level else None,
            min_level=cond.min_level,
            max_level=cond.max_level,
            tags_any=fs(cond.tags_any),
            entities_any=fs(cond.entities_any),
            keywords_any=fs(cond.keywords_any),
            markings_any=fs(cond.markings_any),
            departments=fs(cond.departments),
            roles=fs(cond.roles),
            models=fs(cond.models),
            zones=fs(list(cond.zones) if cond.zones is not None else None),
        )

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__slots__)

    def holds(self, facts: Facts) -> bool:
        """Whether every given field holds (the request path; `checks` says why, for explain)."""
        return (
            (self.levels is None or facts.level in self.levels)
            and (self.min_rank is None or facts.rank >= self.min_rank)
            and (self.max_rank is None or facts.rank <= self.max_rank)
            and (self.tags_any is None or not self.tags_any.isdisjoint(facts.tags))
            and (self.entities_any is None or not self.entities_any.isdisjoint(facts.entities))
            and (self.keywords_any is None or not self.keywords_any.isdisjoint(facts.keywords))
            and (self.markings_any is None or not self.markings_any.isdisjoint(facts.markings))
            and (self.departments is None or facts.principal.department in self.departments)
            and (self.roles is None or not self.roles.isdisjoint(facts.principal.roles))
            and (self.models is None or facts.model.name in self.models)
            and (self.zones is None or facts.model.zone in self.zones)
        )

    def checks(self, facts: Facts) -> tuple[Check, ...]:
        """Each given field checked against the facts, in a fixed order."""
        out: list[Check] = []
        if self.levels is not None:
            out.append(Check("levels", facts.level in self.levels, f"level {facts.level}; wanted one of {_names(self.levels)}"))
        if self.min_rank is not None:
            out.append(Check("min_level", facts.rank >= self.min_rank, f"level {facts.level}; wanted ≥ {self.min_level}"))
        if self.max_rank is not None:
            out.append(Check("max_level", facts.rank <= self.max_rank, f"level {facts.level}; wanted ≤ {self.max_level}"))
        if self.tags_any is not None:
            hit = facts.tags & self.tags_any
            out.append(Check("tags_any", bool(hit), f"tags found: {_names(facts.tags)}; wanted any of {_names(self.tags_any)}"))
        if self.entities_any is not None:
            hit = facts.entities & self.entities_any
            out.append(
                Check(
                    "entities_any",
                    bool(hit),
                    f"entities found: {_names(facts.entities)}; wanted any of {_names(self.entities_any)}",
                )
            )
        if self.keywords_any is not None:
            hit = facts.keywords & self.keywords_any
            out.append(
                Check(
                    "keywords_any",
                    bool(hit),
                    f"keyword lists hit: {_names(facts.keywords)}; wanted any of {_names(self.keywords_any)}",
                )
            )
        if self.markings_any is not None:
            hit = facts.markings & self.markings_any
            out.append(
                Check(
                    "markings_any",
                    bool(hit),
                    f"markings found: {_names(facts.markings)}; wanted any of {_names(self.markings_any)}",
                )
            )
        if self.departments is not None:
            dept = facts.principal.department
            out.append(Check("departments", dept in self.departments, f"department {dept or '-'}; wanted one of {_names(self.departments)}"))
        if self.roles is not None:
            roles = facts.principal.roles
            out.append(
                Check("roles", bool(roles & self.roles), f"roles {_names(roles)}; wanted any of {_names(self.roles)}")
            )
        if self.models is not None:
            name = facts.model.name
            out.append(Check("models", name in self.models, f"model {name}; wanted one of {_names(self.models)}"))
        if self.zones is not None:
            m = facts.model
            out.append(Check("zones", m.zone in self.zones, f"model {m.name} is {m.zone}; wanted one of {_names(self.zones)}"))
        return tuple(out)
