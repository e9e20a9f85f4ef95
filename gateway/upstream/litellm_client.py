"""Providers that need translation (Anthropic, Azure, Bedrock …), through litellm's SDK.

litellm costs ~6 ms of CPU per call against ~1 ms for a pooled httpx request, and ~9 s to import,
so it is imported only when a configured model needs it, and never for OpenAI-compatible upstreams.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from gateway import offline
from gateway.config import LiteLLMUpstream, resolve_secret
from gateway.errors import UpstreamStatusError, UpstreamTimeout, UpstreamUnreachable
from gateway.upstream.base import Body

# The OpenAI request fields passed on to litellm; anything else in the body is dropped.
CHAT_FIELDS = frozenset(
    {"messages", "temperature", "top_p", "n", "stop", "max_tokens", "max_completion_tokens", "presence_penalty",
     "frequency_penalty", "logit_bias", "logprobs", "top_logprobs", "user", "response_format", "seed", "tools",
     "tool_choice", "parallel_tool_calls", "stream_options", "reasoning_effort", "modalities", "prediction",
     "audio", "service_tier", "functions", "function_call", "metadata"}
)
EMBEDDING_FIELDS = frozenset({"input", "dimensions", "encoding_format", "user"})


def _litellm() -> Any:
    # Closed networks: the gateway package set the offline defaults (gateway/offline.py) on import.
    offline.apply()
    import litellm

    litellm.telemetry = False
    litellm.suppress_debug_info = True
    return litellm


class LiteLLM:
    def __init__(self, cfg: LiteLLMUpstream) -> None:
        self._lib = _litellm()
        self._model = cfg.model
        self._kwargs: dict[str, Any] = {"timeout": cfg.timeout_s, **cfg.resolved_params()}
        key = resolve_secret(cfg.api_key)
        if key:
            self._kwargs["api_key"] = key

    def _call_args(self, body: Body) -> dict[str, Any]:
        # An allow-list: litellm also reads transport kwargs (api_base, base_url, headers …) from the
        # same call, and a client must never be able to redirect the provider key elsewhere.
        args = {k: v for k, v in body.items() if k in CHAT_FIELDS}
        return {**args, **self._kwargs, "model": self._model}

    async def chat(self, body: Body) -> Body:
        with _mapped_errors(self._lib):
            response = await self._lib.acompletion(**self._call_args(body), stream=False)
        return _as_dict(response)

    async def chat_stream(self, body: Body) -> _LiteLLMStream:
        with _mapped_errors(self._lib):
            stream = await self._lib.acompletion(**self._call_args(body), stream=True)
        return _LiteLLMStream(stream, self._lib)

    async def embeddings(self, body: Body) -> Body:
        args = {k: v for k, v in body.items() if k in EMBEDDING_FIELDS}
        with _mapped_errors(self._lib):
            response = await self._lib.aembedding(**args, **self._kwargs, model=self._model)
        return _as_dict(response)

    async def aclose(self) -> None:
        return None


class _LiteLLMStream:
    def __init__(self, stream: Any, lib: Any) -> None:
        self._stream = stream
        self._lib = lib

    async def __aiter__(self) -> AsyncIterator[Body]:
        with _mapped_errors(self._lib):
            async for chunk in self._stream:
                yield _as_dict(chunk)

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


def _as_dict(obj: Any) -> Body:
    data = obj.model_dump() if hasattr(obj, "model_dump") else dict(obj)
    # litellm adds private bookkeeping that OpenAI clients do not expect.
    for key in [k for k in data if k.startswith("_")]:
        data.pop(key)
    return data


class _mapped_errors:
    def __init__(self, lib: Any) -> None:
        self._lib = lib

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        if exc is None or not isinstance(exc, Exception):
            return
        if isinstance(exc, self._lib.exceptions.Timeout):
            raise UpstreamTimeout("上流モデルの応答が時間内にありませんでした。 (upstream timed out)") from exc
        status = getattr(exc, "status_code", None)
        if isinstance(status, int) and 400 <= status < 600 and not isinstance(
            exc, self._lib.exceptions.APIConnectionError
        ):
            raise UpstreamStatusError(status, f"上流モデルがエラーを返しました (HTTP {status})") from exc
        raise UpstreamUnreachable(f"上流モデルに接続できませんでした。 (upstream failed: {type(exc).__name__})") from exc
