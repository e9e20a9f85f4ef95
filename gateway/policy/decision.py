"""What the policy decided for one request; the contract between policy and pipeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from gateway.zones import Zone

Action = Literal["allow", "mask", "pseudonymize", "block", "reroute"]
EntityAction = Literal["keep", "mask", "pseudonymize"]


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """What the policy needs to know about a model: its public name and zone."""

    name: str
    zone: Zone


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    rule_id: str
    reason: str  # human-readable: which rule matched and why (for explain and audit)
    level: str
    rank: int
    target_model: str  # public model name the request goes to; the requested one unless rerouted
    # Per entity type: what to do with each finding of that type before sending. Types
    # not listed are kept as they are.
    entity_actions: Mapping[str, EntityAction] = field(default_factory=dict)
    message: str | None = None  # Japanese text shown to staff when blocked
    policy_version: str = ""
    # Every rule that decided, in order: the requested model's, then each reroute target's.
    rules: tuple[str, ...] = ()
