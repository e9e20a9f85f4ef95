"""Where one request may go: the zones its policy decision allows, checked again for each other model.

The decided target's zone bounds everything: a deployment in a more exposed zone is never permitted.
A deployment in a safer zone, or of another model (a fallback), is permitted only when the policy,
asked again for that model in that zone, neither blocks nor reroutes, and wants no entity type
transformed that the body sent was not already transformed for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gateway.policy.decision import Decision
from gateway.registry import Deployment
from gateway.zones import ZONES, Zone

Redecide = Callable[[str, Zone], Decision]


@dataclass(slots=True)
class Allowance:
    decision: Decision
    target_zone: Zone
    redecide: Redecide
    zones: tuple[Zone, ...] = ()
    _seen: dict[tuple[str, Zone], bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        bound = ZONES[: ZONES.index(self.target_zone) + 1]
        self.zones = tuple(z for z in bound if self._ok(self.decision.target_model, z))

    def permits(self, deployment: Deployment) -> bool:
        return deployment.zone in self.zones and self._ok(deployment.model, deployment.zone)

    def _ok(self, model: str, zone: Zone) -> bool:
        if ZONES.index(zone) > ZONES.index(self.target_zone):
            return False
        if model == self.decision.target_model and zone == self.target_zone:
            return True
        key = (model, zone)
        if key not in self._seen:
            self._seen[key] = self._compatible(self.redecide(model, zone), model)
        return self._seen[key]

    def _compatible(self, other: Decision, model: str) -> bool:
        if other.action == "block" or other.target_model != model:
            return False
        applied = self.decision.entity_actions
        return all(applied.get(entity, "keep") != "keep" for entity, act in other.entity_actions.items() if act != "keep")
