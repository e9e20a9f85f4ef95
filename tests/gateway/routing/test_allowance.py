"""Allowance: the decided zone bounds everything; other models and zones are asked of the policy, once, only when needed."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.config import Prices
from gateway.policy.decision import Decision
from gateway.registry import Deployment
from gateway.routing import Allowance
from gateway.zones import Zone


def dep(model: str, zone: Zone) -> Deployment:
    return Deployment(id=f"{model}@{zone}", model=model, zone=zone, weight=1, prices=Prices(), upstream_name=model, upstream=None)  # type: ignore[arg-type]


def decision(target: str, action: str = "allow", **entities: str) -> Decision:
    return Decision(action, "r", "", "機密性2", 2, target_model=target, entity_actions=entities)  # type: ignore[arg-type]


class Policy:
    """Answers per (model, zone) as the table says; counts what it was asked."""

    def __init__(self, table: dict[tuple[str, str], Decision]) -> None:
        self.table, self.asked = table, []  # type: ignore[var-annotated]

    def __call__(self, model: str, zone: Zone) -> Decision:
        self.asked.append((model, zone))
        return self.table.get((model, zone), decision(model))


def test_the_target_in_its_own_zone_needs_no_second_opinion() -> None:
    policy = Policy({})
    allowance = Allowance(decision("dom"), "domestic", policy)
    assert allowance.permits(dep("dom", "domestic"))
    assert policy.asked == []


@pytest.mark.parametrize(
    ("candidate", "table", "permitted"),
    [
        (dep("dom", "overseas"), {}, False),  # more exposed than the decision: never, not even asked
        (dep("gpt", "overseas"), {}, False),
        (dep("local", "onprem"), {}, True),
        (dep("local", "onprem"), {("local", "onprem"): decision("local", "block")}, False),
        (dep("local", "onprem"), {("local", "onprem"): decision("other-model", "reroute")}, False),
        # It would want names pseudonymised, but the body went as written: not that one.
        (dep("local", "onprem"), {("local", "onprem"): decision("local", "pseudonymize", PERSON="pseudonymize")}, False),
        # The decided target itself refuses on-prem for this request: no model goes there.
        (dep("local", "onprem"), {("dom", "onprem"): decision("dom", "block")}, False),
    ],
)
def test_other_models_and_zones(candidate: Deployment, table: dict[Any, Decision], permitted: bool) -> None:
    policy = Policy(table)
    allowance = Allowance(decision("dom"), "domestic", policy)
    assert allowance.permits(candidate) is permitted
    assert all(zone != "overseas" for _, zone in policy.asked)
    asked = len(policy.asked)
    allowance.permits(candidate)
    assert len(policy.asked) == asked  # each (model, zone) is asked once


def test_a_transformed_body_may_go_where_the_policy_wants_as_much_or_less() -> None:
    applied = decision("dom", "pseudonymize", PERSON="pseudonymize", PHONE_NUMBER="mask")
    table = {("local", "onprem"): decision("local", "mask", PERSON="mask")}
    assert Allowance(applied, "domestic", Policy(table)).permits(dep("local", "onprem"))


def test_zones_name_what_the_policy_allows_for_the_target() -> None:
    policy = Policy({("dom", "onprem"): decision("dom", "block")})
    assert Allowance(decision("dom"), "domestic", policy).zones == ("domestic",)
    assert Allowance(decision("gpt"), "overseas", Policy({})).zones == ("onprem", "domestic", "overseas")
