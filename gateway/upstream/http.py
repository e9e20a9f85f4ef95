"""The pooled HTTP client every OpenAI-compatible upstream shares (aiohttp), made once in the app's lifespan.

aiohttp rather than httpx: the same keep-alive POST to a loopback upstream costs ~0.3 ms of CPU
through aiohttp and ~1.0 ms through httpx → httpcore → anyio → h11 (bench/README.md). Built inside a
running event loop (the lifespan, `policy explain --show-sent`): aiohttp binds the session to it.
"""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

import aiohttp

# One client serves every user: a cookie an upstream sets while answering one user must never be
# sent with another's request, so the jar keeps none.
_MAX_CONNECTIONS = 200
# Below the 5 s idle timeout of uvicorn (vLLM, llama.cpp's Python server, LiteLLM …): a connection the
# server is about to close is not reused (the one that races it anyway is retried, see openai_compat).
_KEEPALIVE_S = 3.0


def new_session() -> aiohttp.ClientSession:
    """The shared session: no cookies, no redirects followed (per request), responses decompressed."""
    connector = aiohttp.TCPConnector(limit=_MAX_CONNECTIONS, keepalive_timeout=_KEEPALIVE_S)
    return aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())


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
