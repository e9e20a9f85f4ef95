"""The models a policy may name: public name → zone, and each zone's default model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from gateway.policy.decision import ModelInfo, Zone

if TYPE_CHECKING:
    from gateway.config import Config


@dataclass(frozen=True, slots=True)
class Catalog:
    models: Mapping[str, ModelInfo]
    zone_defaults: Mapping[Zone, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Read-only views: a policy compiled against this catalog must not see it change.
        object.__setattr__(self, "models", MappingProxyType(dict(self.models)))
        object.__setattr__(self, "zone_defaults", MappingProxyType(dict(self.zone_defaults)))
        for zone, name in self.zone_defaults.items():
            info = self.models.get(name)
            if info is None or info.zone != zone:
                raise ValueError(f"zone_defaults.{zone}: {name!r} is not a model in zone {zone}")

    @classmethod
    def of(cls, models: Iterable[ModelInfo], zone_defaults: Mapping[Zone, str] | None = None) -> Catalog:
        """Build from ModelInfo objects (tests, `policy test` files)."""
        return cls({m.name: m for m in models}, dict(zone_defaults or {}))

    @classmethod
    def from_config(cls, cfg: Config) -> Catalog:
        """The catalog of a validated `sekisho.yaml`."""
        return cls.of((ModelInfo(m.name, m.zone) for m in cfg.models), cfg.zone_defaults)

    def zone_default(self, zones: Iterable[Zone]) -> str | None:
        """The default model of the first zone (in preference order) that has one."""
        for zone in zones:
            name = self.zone_defaults.get(zone)
            if name is not None:
                return name
        return None
