"""The HTTP clients every OpenAI-compatible upstream shares, made once in the app's lifespan.

Plain-http upstreams without a proxy (on-prem and loopback models) go through `Pool`
(gateway/upstream/pool.py: asyncio and httptools, ~0.09 ms of CPU a call); the others through one
pooled aiohttp session (TLS, proxies): ~0.3 ms of CPU per keep-alive call against ~1.0 ms through
httpx → httpcore → anyio → h11 (bench/README.md). Built inside a running event loop (the lifespan,
`policy explain --show-sent`): aiohttp binds the session to it.
"""

from __future__ import annotations

import urllib.request
from types import TracebackType
from urllib.parse import urlsplit

import aiohttp

from gateway.upstream.pool import Pool

_MAX_CONNECTIONS = 200
_KEEPALIVE_S = 3.0


class Clients:
    """The aiohttp session and the plain-http pool; closed together."""

    def __init__(self) -> None:
        connector = aiohttp.TCPConnector(limit=_MAX_CONNECTIONS, keepalive_timeout=_KEEPALIVE_S)
        # No cookies kept; redirects are not followed (per request).
        self.session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
        self.pool = Pool(keepalive_s=_KEEPALIVE_S)

    async def close(self) -> None:
        await self.pool.close()
        await self.session.close()

    async def __aenter__(self) -> Clients:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


def new_clients() -> Clients:
    """The shared clients: build inside a running event loop."""
    return Clients()


def proxy_for(url: str) -> str | None:
    """The proxy the environment names for `url` (HTTP(S)_PROXY, NO_PROXY), looked up once per upstream.

    httpx read these variables by default; keeping that means a gateway behind an outbound proxy
    goes on working. Resolved at start, not per request (aiohttp's trust_env parses them per call).
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or urllib.request.proxy_bypass(host):
        return None
    return urllib.request.getproxies().get(parts.scheme)
