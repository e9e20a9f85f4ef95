"""The model registry: public model names → zone, deployments (the upstreams that serve them) and fallbacks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gateway.config import Config, DeploymentConfig, ModelConfig, Prices
from gateway.errors import ModelNotFound
from gateway.policy.decision import ModelInfo
from gateway.principal import Principal
from gateway.upstream.base import Upstream
from gateway.upstream.echo import Echo
from gateway.upstream.http import Clients
from gateway.upstream.openai_compat import OpenAICompatible
from gateway.zones import Zone


@dataclass(frozen=True, slots=True)
class Deployment:
    """One upstream serving a public model, in its own zone."""

    id: str
    model: str  # the public name it serves
    zone: Zone
    weight: float
    prices: Prices
    upstream_name: str  # the model name the upstream knows
    upstream: Upstream


@dataclass(frozen=True, slots=True)
class Model:
    config: ModelConfig
    deployments: tuple[Deployment, ...]

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def info(self) -> ModelInfo:
        return ModelInfo(name=self.config.name, zone=self.config.zone)

    @property
    def upstream_name(self) -> str:
        """The first deployment's upstream model name (the router sets each attempt's own)."""
        return self.deployments[0].upstream_name

    @property
    def fallbacks(self) -> tuple[str, ...]:
        return tuple(self.config.fallbacks)


class Registry:
    def __init__(self, config: Config, client: Clients) -> None:
        self._models = {m.name: Model(m, tuple(_deploy(m, d, client) for d in m.deployment_list())) for m in config.models}

    def get(self, name: object) -> Model:
        if not isinstance(name, str) or name not in self._models:
            raise ModelNotFound(f"モデル '{name}' はありません。 (the model `{name}` does not exist)", param="model")
        return self._models[name]

    def for_caller(self, name: object, principal: Principal) -> Model:
        """The requested model, if this caller may use it (others look exactly like unknown ones)."""
        model = self.get(name)
        if not principal.may_use(model.name):
            raise ModelNotFound(f"モデル '{name}' はありません。 (the model `{name}` does not exist)", param="model")
        return model

    def visible_to(self, principal: Principal) -> list[Model]:
        return [m for m in self._models.values() if principal.may_use(m.name)]

    def deployments(self) -> Iterator[Deployment]:
        for model in self._models.values():
            yield from model.deployments

    def __iter__(self) -> Iterator[Model]:
        return iter(self._models.values())

    async def aclose(self) -> None:
        for deployment in self.deployments():
            await deployment.upstream.aclose()


def _deploy(model: ModelConfig, d: DeploymentConfig, client: Clients) -> Deployment:
    assert d.id is not None and d.zone is not None and d.prices is not None  # filled in by deployment_list
    up = d.upstream
    return Deployment(
        id=d.id,
        model=model.name,
        zone=d.zone,
        weight=d.weight,
        prices=d.prices,
        upstream_name=getattr(up, "model", None) or model.name,
        upstream=_build(d, client),
    )


def _build(d: DeploymentConfig, client: Clients) -> Upstream:
    up = d.upstream
    if up.type == "echo":
        return Echo()
    if up.type == "openai":
        return OpenAICompatible(up, client)
    from gateway.upstream.litellm_client import LiteLLM

    return LiteLLM(up)
