"""OpenAI-compatible upstreams (most domestic and on-prem models), proxied over a pooled aiohttp session."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

import aiohttp
from multidict import CIMultiDict

from gateway import wire
from gateway.config import OpenAIUpstream, resolve_secret
from gateway.errors import UpstreamError, UpstreamStatusError, UpstreamTimeout, UpstreamUnreachable
from gateway.upstream.base import Body
from gateway.upstream.http import proxy_for


class OpenAICompatible:
    def __init__(self, cfg: OpenAIUpstream, client: aiohttp.ClientSession) -> None:
        self._base = cfg.base_url.rstrip("/")
        self._client = client
        # As httpx's Timeout(t, connect=c) was: t to get a pooled connection and between two reads
        # (a long stream is not cut off as long as it keeps coming), c to connect.
        self._timeout = aiohttp.ClientTimeout(
            total=None, connect=cfg.timeout_s, sock_connect=min(cfg.timeout_s, 10.0), sock_read=cfg.timeout_s
        )
        headers = {"content-type": "application/json", **cfg.headers}
        key = resolve_secret(cfg.api_key)
        if key:
            headers["authorization"] = f"Bearer {key}"
        self._headers = CIMultiDict(headers)
        self._proxy = proxy_for(self._base)

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
            raw = await _read(response) if response.status >= 400 else b""
        if response.status >= 400:
            raise _status_error(response.status, raw, response.headers)
        if not response.headers.get("content-type", "").startswith("text/event-stream"):
            response.release()
            raise UpstreamError("上流モデルがストリームではない応答を返しました。 (upstream did not stream)")
        return _SSEStream(response)

    async def _request(self, path: str, body: Body) -> aiohttp.ClientResponse:
        data = _dump(body)
        try:
            return await self._post_once(path, data)
        except _STALE as exc:
            if isinstance(exc, aiohttp.ClientConnectorError):
                raise  # could not connect: nothing was sent, nothing to retry here (the router fails over)
            # A pooled connection the server closed as the request went out (its idle timeout ran out
            # at that moment) fails at once with no answer: once more, on another connection.
            return await self._post_once(path, data)

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
            raw = await _read(response)
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

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[Body]:
        with _mapped_errors():
            async for line in _lines(self._response):
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
                    ("error" in chunk and "choices" not in chunk and "type" not in chunk) or chunk.get("type") == "error"
                ):
                    raise UpstreamError("上流モデルがストリームの途中でエラーを返しました。 (upstream stream error)")
                if not isinstance(chunk, dict):
                    raise UpstreamError("上流モデルのストリームの形式が正しくありません。 (malformed chunk)")
                yield chunk

    async def aclose(self) -> None:
        # Closed, not released: a stream left before its end cannot go back to the pool half read.
        self._response.close()


async def _lines(response: aiohttp.ClientResponse) -> AsyncIterator[bytes]:
    """The body's lines as they arrive (LF or CRLF), however long; the last one even without a newline."""
    pending = b""
    async for data in response.content.iter_any():
        pending += data
        *whole, pending = pending.split(b"\n")
        for line in whole:
            yield line.rstrip(b"\r")
    if pending:
        yield pending.rstrip(b"\r")


async def _read(response: aiohttp.ClientResponse) -> bytes:
    try:
        return await response.read()
    finally:
        response.release()


_STALE = (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)


def _dump(body: Body) -> bytes:
    return wire.dumps(body)


class _mapped_errors:
    """Map aiohttp's exceptions to ours, once, at the boundary."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        if exc is None:
            return
        if isinstance(exc, TimeoutError):  # aiohttp's timeouts are TimeoutErrors too
            raise UpstreamTimeout("上流モデルの応答が時間内にありませんでした。 (upstream timed out)") from exc
        if isinstance(exc, (aiohttp.ClientError, OSError)):
            raise UpstreamUnreachable(f"上流モデルに接続できませんでした。 (upstream unreachable: {type(exc).__name__})") from exc


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
    passed = {k.lower(): v for k, v in headers.items() if k.lower() in _PASSED_HEADERS or k.lower().startswith("x-ratelimit-")}
    return UpstreamStatusError(status, f"上流モデルがエラーを返しました: {message}", code=code, headers=passed)
