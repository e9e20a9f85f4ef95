"""The one seam all model traffic goes through: an upstream speaks OpenAI-shaped dicts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol

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

    # Only upstreams configured with `responses: native` are asked these (OpenAI-compatible ones).
    async def responses(self, body: Body) -> Body: ...

    async def responses_stream(self, body: Body) -> ChunkStream: ...

    async def aclose(self) -> None: ...
