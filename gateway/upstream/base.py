"""The one seam all model traffic goes through: an upstream speaks OpenAI-shaped dicts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol, runtime_checkable

from gateway.errors import UpstreamError

Body = dict[str, Any]


class ChunkStream(Protocol):
    """An opened streaming answer: the status is known, chunks follow."""

    def __aiter__(self) -> AsyncIterator[Body]: ...

    async def aclose(self) -> None: ...


class Upstream(Protocol):
    """A model provider. Errors are raised as gateway.errors types, never library ones."""

    async def chat(self, body: Body) -> Body: ...

    async def chat_stream(self, body: Body) -> ChunkStream:
        """Open the stream; returns once the upstream accepted the request (so errors come first)."""
        ...

    async def embeddings(self, body: Body) -> Body: ...

    async def aclose(self) -> None: ...


@runtime_checkable
class ResponsesUpstream(Upstream, Protocol):
    """An upstream that serves /responses itself (OpenAI-compatible ones); others are bridged."""

    async def responses(self, body: Body) -> Body: ...

    async def responses_stream(self, body: Body) -> ChunkStream: ...


def native_responses(upstream: Upstream) -> ResponsesUpstream:
    """The upstream of a model configured with `responses: native` (config allows it for openai ones only)."""
    if not isinstance(upstream, ResponsesUpstream):
        raise UpstreamError("上流モデルは Responses API を提供していません。 (upstream does not serve /responses)")
    return upstream
