"""OpenAI-compatible upstreams (most domestic and on-prem models), proxied over the shared HTTP clients.

A plain-http upstream without a proxy goes through the pool of gateway/upstream/pool.py, any other
(TLS, a proxy, an address the pool does not take) through the aiohttp session; both answer as a
`_Reply` (status, lower-case headers, the body whole or as it arrives).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any, Protocol
from urllib.parse import urlsplit

import aiohttp
from multidict import CIMultiDict

from gateway import wire
from gateway.config import OpenAIUpstream, resolve_secret
from gateway.errors import UpstreamError, UpstreamStatusError, UpstreamTimeout, UpstreamUnreachable
from gateway.upstream.base import Body
from gateway.upstream.http import Clients, proxy_for
from gateway.upstream.pool import Pool, request_head


class _Reply(Protocol):
    status: int

    @property
    def headers(self) -> Mapping[str, str]: ...

    async def read(self) -> bytes: ...

    def chunks(self) -> AsyncIterator[bytes]: ...

    def release(self) -> None: ...

    def close(self) -> None: ...


class OpenAICompatible:
    def __init__(self, cfg: OpenAIUpstream, clients: Clients) -> None:
        self._base = cfg.base_url.rstrip("/")
        self._client = clients.session
        # As httpx's Timeout(t, connect=c) was: t to get a pooled connection and between two reads
        # (a long stream is not cut off as long as it keeps coming), c to connect.
        self._timeout = aiohttp.ClientTimeout(
            total=None, connect=cfg.timeout_s, sock_connect=min(cfg.timeout_s, 10.0), sock_read=cfg.timeout_s
        )
        self._read_s, self._connect_s = cfg.timeout_s, min(cfg.timeout_s, 10.0)
        headers = {"content-type": "application/json", **cfg.headers}
        key = resolve_secret(cfg.api_key)
        if key:
            headers["authorization"] = f"Bearer {key}"
        self._headers = CIMultiDict(headers)
        self._proxy = proxy_for(self._base)
        self._direct = _direct(
            self._base, self._proxy, clients.pool, {**headers, "accept-encoding": "identity"}, cfg.headers
        )

    async def chat(self, body: Body) -> Body:
        return await self._post("/chat/completions", body)

    async def embeddings(self, body: Body) -> Body:
        return await self._post("/embeddings", body)

    async def responses(self, body: Body) -> Body:
        return await self._post("/responses", body)

    async def chat_stream(self, body: Body) -> _SSEStream:
        return await self._stream("/chat/completions", body)

    async def responses_stream(self, body: Body) -> _SSEStream:
        return await self._stream("/responses", body)

    async def _stream(self, path: str, body: Body) -> _SSEStream:
        with _mapped_errors():
            response = await self._request(path, body)
            raw = await response.read() if response.status >= 400 else b""
        if response.status >= 400:
            raise _status_error(response.status, raw, response.headers)
        if not response.headers.get("content-type", "").startswith("text/event-stream"):
            response.close()
            raise UpstreamError("上流モデルがストリームではない応答を返しました。 (upstream did not stream)")
        return _SSEStream(response)

    async def _request(self, path: str, body: Body) -> _Reply:
        data = _dump(body)
        if self._direct is not None:
            return await self._direct.post(path, data, connect_s=self._connect_s, read_s=self._read_s)
        try:
            return _AiohttpReply(await self._post_once(path, data))
        except _STALE as exc:
            if isinstance(exc, aiohttp.ClientConnectorError):
                raise  # could not connect: nothing was sent, nothing to retry here (the router fails over)
            # A pooled connection the server closed as the request went out (its idle timeout ran out
            # at that moment) fails at once with no answer: once more, on another connection.
            return _AiohttpReply(await self._post_once(path, data))

    async def _post_once(self, path: str, data: bytes) -> aiohttp.ClientResponse:
        # Redirects are not followed: the body would go wherever the upstream points.
        return await self._client.post(
            self._base + path, data=data, headers=self._headers, timeout=self._timeout,
            allow_redirects=False, proxy=self._proxy,
        )  # fmt: skip

    async def aclose(self) -> None:
        """The shared client is closed by the app's lifespan."""

    async def _post(self, path: str, body: Body) -> Body:
        with _mapped_errors():
            response = await self._request(path, body)
            raw = await response.read()
        if response.status >= 400:
            raise _status_error(response.status, raw, response.headers)
        try:
            data = wire.loads(raw)
        except ValueError as exc:
            raise UpstreamError("上流モデルの応答を解釈できませんでした。 (upstream sent invalid JSON)") from exc
        if not isinstance(data, dict):
            raise UpstreamError("上流モデルの応答を解釈できませんでした。 (upstream sent a non-object)")
        return data


class _SSEStream:
    """Server-sent events of an OpenAI stream, parsed into chunk dicts."""

    def __init__(self, response: _Reply) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[Body]:
        with _mapped_errors():
            async for line in _lines(self._response.chunks()):
                if not line.startswith(b"data:"):
                    continue
                payload = line[5:].strip()
                if payload == b"[DONE]":
                    return
                try:
                    chunk = wire.loads(payload)
                except ValueError as exc:
                    raise UpstreamError("上流モデルのストリームを解釈できませんでした。 (invalid SSE data)") from exc
                if isinstance(chunk, dict) and (
                    ("error" in chunk and "choices" not in chunk and "type" not in chunk)
                    or chunk.get("type") == "error"
                ):
                    raise UpstreamError("上流モデルがストリームの途中でエラーを返しました。 (upstream stream error)")
                if not isinstance(chunk, dict):
                    raise UpstreamError("上流モデルのストリームの形式が正しくありません。 (malformed chunk)")
                yield chunk

    async def aclose(self) -> None:
        # Kept only when read to its end: a stream left half read cannot go back to the pool.
        self._response.release()


async def _lines(chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """The body's lines as they arrive (LF or CRLF), however long; the last one even without a newline."""
    pending = b""
    async for data in chunks:
        pending += data
        *whole, pending = pending.split(b"\n")
        for line in whole:
            yield line.rstrip(b"\r")
    if pending:
        yield pending.rstrip(b"\r")


class _AiohttpReply:
    """An aiohttp response as a `_Reply`."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response
        self.status = response.status
        self.headers: Mapping[str, str] = response.headers

    async def read(self) -> bytes:
        try:
            return await self._response.read()
        finally:
            self._response.release()

    def chunks(self) -> AsyncIterator[bytes]:
        return self._response.content.iter_any()

    def release(self) -> None:
        # Closed, not released: aiohttp would put a stream left half read back into its pool.
        self._response.close()

    def close(self) -> None:
        self._response.close()


class _Direct:
    """One plain-http upstream's address and request heads, for the pool."""

    def __init__(self, pool: Pool, host: str, port: int, netloc: str, prefix: str, headers: dict[str, str]) -> None:
        self._pool, self._host, self._port = pool, host, port
        self._netloc, self._prefix, self._headers = netloc, prefix, headers
        self._heads: dict[str, bytes] = {}  # per path, all but the length
        request_head("POST", prefix or "/", netloc, headers)  # a header that cannot be sent fails at start

    async def post(self, path: str, data: bytes, *, connect_s: float, read_s: float) -> _Reply:
        head = self._heads.get(path)
        if head is None:
            head = self._heads[path] = request_head("POST", self._prefix + path, self._netloc, self._headers)
        request = b"%sContent-Length: %d\r\n\r\n%s" % (head, len(data), data)
        return await self._pool.request(self._host, self._port, request, connect_timeout=connect_s, read_timeout=read_s)


_FRAMING_HEADERS = frozenset(
    {"host", "content-length", "transfer-encoding", "connection", "accept-encoding", "expect", "upgrade", "te"}
)


def _direct(
    base: str, proxy: str | None, pool: Pool, headers: dict[str, str], configured: dict[str, str]
) -> _Direct | None:
    """The pool's view of `base` when the pool can take it: plain http, no proxy, no credentials, query or
    fragment, an ASCII path; None sends it through aiohttp."""
    parts = urlsplit(base)
    if parts.scheme != "http" or proxy or parts.username or parts.password or parts.query or parts.fragment:
        return None
    if any(name.lower() in _FRAMING_HEADERS for name in configured):
        return None  # a Host, framing or compression header of IT's own: aiohttp sends it as configured
    if not parts.hostname or not (parts.path or "/").isascii() or " " in parts.path:
        return None
    try:
        return _Direct(pool, parts.hostname, parts.port or 80, parts.netloc, parts.path.rstrip("/"), headers)
    except ValueError:
        return None


_STALE = (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)


def _dump(body: Body) -> bytes:
    return wire.dumps(body)


class _mapped_errors:
    """Map the clients' exceptions to ours, once, at the boundary."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        if exc is None:
            return
        if isinstance(exc, TimeoutError):  # aiohttp's and the pool's timeouts are TimeoutErrors
            raise UpstreamTimeout("上流モデルの応答が時間内にありませんでした。 (upstream timed out)") from exc
        if isinstance(exc, (aiohttp.ClientError, OSError)):
            raise UpstreamUnreachable(
                f"上流モデルに接続できませんでした。 (upstream unreachable: {type(exc).__name__})"
            ) from exc


# Rate-limit hints a client needs to back off properly.
_PASSED_HEADERS = ("retry-after", "retry-after-ms")


def _status_error(status: int, raw: bytes, headers: Mapping[str, str]) -> UpstreamStatusError:
    message, code = f"upstream returned HTTP {status}", None
    try:
        err = json.loads(raw).get("error")
        if isinstance(err, dict):
            message = str(err.get("message") or message)[:500]
            code = err.get("code") if isinstance(err.get("code"), str) else None
    except (ValueError, AttributeError):
        pass
    passed = {
        k.lower(): v for k, v in headers.items() if k.lower() in _PASSED_HEADERS or k.lower().startswith("x-ratelimit-")
    }
    return UpstreamStatusError(status, f"上流モデルがエラーを返しました: {message}", code=code, headers=passed)
