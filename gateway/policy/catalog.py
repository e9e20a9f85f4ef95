"""What a policy may name from the gateway's config: models (public name → zone), each zone's default
model, and the custom recogniser files whose entity types it may name too."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from gateway.policy.decision import ModelInfo
from gateway.zones import Zone

if TYPE_CHECKING:
    from gateway.config import Config


@dataclass(frozen=True, slots=True)
class Catalog:
    models: Mapping[str, ModelInfo]
    zone_defaults: Mapping[Zone, str] = field(default_factory=dict)
    # Presidio-format recogniser files (absolute paths), read by load_policy with the policy itself.
    recognizer_files: tuple[Path, ...] = ()
    # Custom entity types that are not personal data (config `detection.not_personal`).
    not_personal: frozenset[str] = frozenset()

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
    def from_config(cls, cfg: Config, config_path: Path) -> Catalog:
        """The catalog of a validated `sekisho.yaml` read from `config_path` (relative paths start there)."""
        from gateway.config import resolve_path

        files = tuple(p for name in cfg.detection.custom_recognizers if (p := resolve_path(config_path, name)) is not None)
        return replace(
            cls.of((ModelInfo(m.name, m.zone) for m in cfg.models), cfg.zone_defaults),
            recognizer_files=files,
            not_personal=frozenset(cfg.detection.not_personal),
        )

    def with_models(self, models: Iterable[ModelInfo], zone_defaults: Mapping[Zone, str] | None = None) -> Catalog:
        """This catalog with other models (a `policy test` file's own), keeping the recogniser files."""
        return replace(self, models={m.name: m for m in models}, zone_defaults=dict(zone_defaults or {}))

    def zone_default(self, zones: Iterable[Zone]) -> str | None:
        """The default model of the first zone (in preference order) that has one."""
        for zone in zones:
            name = self.zone_defaults.get(zone)
            if name is not None:
                return name
        return None
