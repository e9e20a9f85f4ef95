"""Which deployment answers: the target's healthy deployments by weight, then its fallbacks in order.

Only deployments the request's policy decision permits are ever tried (`permits`): whatever fails,
nothing is sent to a zone the decision did not allow. A deployment that fails in a way another may
not (refused, timeout, 5xx, 429) is counted against its health and the next one is tried; any other
error is the request's own and is raised at once.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any, TypeVar

from prometheus_client import CollectorRegistry, Counter
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from gateway.config import RouterConfig
from gateway.errors import NoDeploymentLeft, SekishoError
from gateway.registry import Deployment, Model, Registry
from gateway.routing.allowance import Allowance
from gateway.routing.health import Health, failure_reason
from gateway.zones import Zone

T = TypeVar("T")
Call = Callable[[Deployment, dict[str, Any]], Awaitable[T]]

ZONE_LABELS: dict[Zone, str] = {"onprem": "庁内", "domestic": "国内", "overseas": "海外"}


class Router:
    def __init__(
        self, registry: Registry, settings: RouterConfig, metrics: CollectorRegistry | None = None, rng: random.Random | None = None
    ) -> None:
        self._registry = registry
        self.health = Health(settings.allowed_fails, settings.cooldown_s)
        self._rng = rng or random.Random()
        self._failures = Counter(
            "sekisho_deployment_failures",
            "Upstream calls that failed over to the next deployment, by deployment and reason.",
            ("deployment", "reason"),
            registry=metrics,
        )
        if metrics is not None:
            metrics.register(_CooldownCollector(self.health, [d.id for d in registry.deployments()]))

    def chain(self, target: Model, *, embeddings: bool = False) -> Iterator[Deployment]:
        """Deployments in the order they would be tried (cooling ones included; `send` skips them)."""
        yield from self._shuffled(target.deployments)
        for name in target.fallbacks:
            model = self._registry.get(name)
            if embeddings and not model.config.embeddings:
                continue
            yield from self._shuffled(model.deployments)

    async def send(
        self, target: Model, body: dict[str, Any], allowance: Allowance, call: Call[T], *, embeddings: bool = False
    ) -> tuple[T, Deployment]:
        """The first answer from a permitted, healthy deployment; NoDeploymentLeft when there is none."""
        candidates = [d for d in self.chain(target, embeddings=embeddings) if allowance.permits(d)]
        if len(candidates) == 1:
            # Nothing to fail over to: the one upstream's own error is the most useful answer, and
            # a cooldown would only turn a passing failure into a longer one (as LiteLLM does).
            body["model"] = candidates[0].upstream_name
            return await call(candidates[0], body), candidates[0]
        last: SekishoError | None = None
        for deployment in candidates:
            if self.health.cooling(deployment.id):
                continue
            body["model"] = deployment.upstream_name
            try:
                answer = await call(deployment, body)
            except SekishoError as exc:
                reason = failure_reason(exc)
                if reason is None:
                    raise
                self._failures.labels(deployment=deployment.id, reason=reason).inc()
                self.health.failed(deployment.id, reason)
                last = exc
                continue
            self.health.succeeded(deployment.id)
            return answer, deployment
        raise _none_left(allowance.zones, last, any_candidate=bool(candidates))

    def _shuffled(self, deployments: Iterable[Deployment]) -> list[Deployment]:
        # Weighted random order without replacement (key u^(1/w), largest first).
        return sorted(deployments, key=lambda d: self._rng.random() ** (1.0 / d.weight), reverse=True)


def _none_left(zones: tuple[Zone, ...], last: SekishoError | None, *, any_candidate: bool) -> NoDeploymentLeft:
    names = "・".join(ZONE_LABELS[z] for z in zones) or "なし"
    if not any_candidate:
        why = "どれもポリシー上このリクエストを受けられない"
    else:
        why = "すべて応答しなかったか、一時停止中" if last is not None else "すべて一時停止中"
    err = NoDeploymentLeft(
        f"このリクエストの送信が許可された区分（{names}）のモデルが{why}のため、回答できませんでした。"
        "ほかの区分のモデルへは何も送信していません。しばらくしてから再度お試しください。"
        f" (every deployment in the allowed zones [{', '.join(zones)}] failed or is cooling down; nothing was sent elsewhere)"
    )
    if last is not None and "retry-after" in last.headers:
        err.headers = {"retry-after": last.headers["retry-after"]}
    return err


class _CooldownCollector(Collector):
    """`sekisho_deployment_cooldown{deployment, reason}`: 1 while a deployment cools down."""

    def __init__(self, health: Health, deployments: list[str]) -> None:
        self._health = health
        self._deployments = deployments

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "sekisho_deployment_cooldown", "1 while a deployment is cooling down after failures, by reason.", labels=("deployment", "reason")
        )
        cooling = self._health.cooldowns()
        for name in self._deployments:
            state = cooling.get(name)
            family.add_metric([name, str(state["reason"]) if state else ""], 1.0 if state else 0.0)
        yield family
