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
    _seen: dict[tuple[str, Zone], bool] = field(default_factory=dict)

    @property
    def zones(self) -> tuple[Zone, ...]:
        """The zones this request may go to (for the 503 message): asked of the policy only when needed."""
        bound = ZONES[: ZONES.index(self.target_zone) + 1]
        return tuple(z for z in bound if self._ok(self.decision.target_model, z))

    def permits(self, deployment: Deployment) -> bool:
        # Another zone must suit the decided target too: a zone the policy refuses for it is refused for all.
        zone_ok = deployment.zone == self.target_zone or self._ok(self.decision.target_model, deployment.zone)
        return zone_ok and self._ok(deployment.model, deployment.zone)

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
