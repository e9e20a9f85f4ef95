"""The router's guarantees over many shapes of chain, failure and allowed zone (hypothesis).

The upstreams here stand in for providers at the `Upstream` seam (the router's only I/O): each one
fails or answers as drawn. The loopback tests in test_failover.py cover the same paths over HTTP.
"""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.config import Config, RouterConfig
from gateway.errors import NoDeploymentLeft, UpstreamStatusError, UpstreamTimeout, UpstreamUnreachable
from gateway.policy.decision import Decision
from gateway.registry import Deployment, Model, Registry
from gateway.routing import Allowance, Router
from gateway.zones import ZONES

_NO_HTTP: Any = None

FAILURES = {
    "refused": lambda: UpstreamUnreachable("refused"),
    "timeout": lambda: UpstreamTimeout("timeout"),
    "500": lambda: UpstreamStatusError(500, "boom"),
    "429": lambda: UpstreamStatusError(429, "slow down"),
}


class Scripted:
    """A provider that answers or fails as drawn, and logs every call it got."""

    def __init__(self, name: str, outcome: str, log: list[str]) -> None:
        self.name, self.outcome, self.log = name, outcome, log

    async def chat(self, body: dict[str, Any]) -> dict[str, Any]:
        self.log.append(self.name)
        if self.outcome != "ok":
            raise FAILURES[self.outcome]()
        return {"answered_by": self.name, "model": body["model"]}

    async def aclose(self) -> None:
        return None


@st.composite
def chains(draw: st.DrawFn) -> dict[str, Any]:
    n_models = draw(st.integers(1, 4))
    models = []
    for i in range(n_models):
        zone = draw(st.sampled_from(ZONES))
        deployments = [
            {"id": f"m{i}d{j}", "zone": draw(st.sampled_from(ZONES[: ZONES.index(zone) + 1])), "weight": draw(st.sampled_from([0.5, 1, 3])),
             "upstream": {"type": "echo"}, "outcome": draw(st.sampled_from(["ok", "refused", "timeout", "500", "429"]))}
            for j in range(draw(st.integers(1, 3)))
        ]  # fmt: skip
        models.append({"name": f"m{i}", "zone": zone, "deployments": deployments})
    models[0]["fallbacks"] = [m["name"] for m in models[1:]]
    return {"models": models, "bound": draw(st.sampled_from(ZONES))}


def build(drawn: dict[str, Any], log: list[str]) -> tuple[Router, Model, Allowance, dict[str, str]]:
    outcomes = {d["id"]: d.pop("outcome") for m in drawn["models"] for d in m["deployments"]}
    config = Config.model_validate({"models": drawn["models"]})
    registry = Registry(config, _NO_HTTP)  # echo-typed config: the client is never used
    for model in registry:
        scripted = tuple(Deployment(**{**{f: getattr(d, f) for f in d.__slots__}, "upstream": Scripted(d.id, outcomes[d.id], log)}) for d in model.deployments)  # type: ignore[arg-type]
        object.__setattr__(model, "deployments", scripted)
    target = registry.get("m0")
    bound = ZONES[min(ZONES.index(drawn["bound"]), ZONES.index(target.config.zone))]
    decision = Decision("allow", "open", "", "機密性1", 1, target_model="m0")
    allowance = Allowance(decision, bound, lambda m, z: Decision("allow", "open", "", "機密性1", 1, target_model=m))
    return Router(registry, RouterConfig(cooldown_s=3600)), target, allowance, outcomes


@settings(max_examples=200, deadline=None)
@given(chains())
def test_the_chain_is_followed_in_order_within_the_allowed_zones(drawn: dict[str, Any]) -> None:
    log: list[str] = []
    router, target, allowance, outcomes = build(drawn, log)
    order = {f"m{i}": i for i in range(len(drawn["models"]))}
    bound = ZONES.index(allowance.target_zone)
    permitted = [d for d in router.chain(target) if ZONES.index(d.zone) <= bound]

    async def call(d: Deployment, body: dict[str, Any]) -> Any:
        return await d.upstream.chat(body)  # type: ignore[attr-defined]

    async def once() -> Any:
        try:
            return await router.send(target, {"model": "m0"}, allowance, call)
        except Exception as exc:  # noqa: BLE001
            return exc

    first = asyncio.run(once())
    tried = list(log)
    by_id = {d.id: d for d in permitted}
    # Only permitted deployments, each at most once, models in fallback order.
    assert set(tried) <= set(by_id)
    assert len(tried) == len(set(tried))
    assert [order[by_id[t].model] for t in tried] == sorted(order[by_id[t].model] for t in tried)
    if len(permitted) == 1:
        assert tried == [permitted[0].id]
        return
    if isinstance(first, tuple):
        answer, deployment = first
        assert tried[-1] == deployment.id == answer["answered_by"] and outcomes[deployment.id] == "ok"
        assert answer["model"] == deployment.upstream_name
        assert all(outcomes[t] != "ok" for t in tried[:-1])
    else:
        assert isinstance(first, NoDeploymentLeft)
        assert sorted(tried) == sorted(d.id for d in permitted)
        assert all(outcomes[t] != "ok" for t in tried)
    # The failed ones cool down: the next request skips every one of them.
    failed = {t for t in tried if outcomes[t] != "ok"}
    log.clear()
    asyncio.run(once())
    assert not failed & set(log)
