"""The model registry: public model names → zone and the upstream that serves them."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from gateway.config import Config, ModelConfig
from gateway.errors import ModelNotFound
from gateway.policy.decision import ModelInfo
from gateway.principal import Principal
from gateway.upstream.base import Upstream
from gateway.upstream.echo import Echo
from gateway.upstream.openai_compat import OpenAICompatible


@dataclass(frozen=True, slots=True)
class Model:
    config: ModelConfig
    upstream: Upstream

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def info(self) -> ModelInfo:
        return ModelInfo(name=self.config.name, zone=self.config.zone)

    @property
    def upstream_name(self) -> str:
        """The model name the upstream knows this model by."""
        up = self.config.upstream
        return getattr(up, "model", None) or self.config.name


class Registry:
    def __init__(self, config: Config, client: httpx.AsyncClient) -> None:
        self._models = {m.name: Model(m, _build(m, client)) for m in config.models}

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

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._models.values())

    async def aclose(self) -> None:
        for model in self._models.values():
            await model.upstream.aclose()


def _build(model: ModelConfig, client: httpx.AsyncClient) -> Upstream:
    up = model.upstream
    if up.type == "echo":
        return Echo()
    if up.type == "openai":
        return OpenAICompatible(up, client)
    from gateway.upstream.litellm_client import LiteLLM

    return LiteLLM(up)
