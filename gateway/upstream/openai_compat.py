"""OpenAI-compatible upstreams (most domestic and on-prem models), proxied over a pooled httpx client."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx

from gateway.config import OpenAIUpstream, resolve_secret
from gateway.errors import UpstreamError, UpstreamStatusError, UpstreamTimeout, UpstreamUnreachable
from gateway.upstream.base import Body


class OpenAICompatible:
    def __init__(self, cfg: OpenAIUpstream, client: httpx.AsyncClient) -> None:
        self._base = cfg.base_url.rstrip("/")
        self._client = client
        self._timeout = httpx.Timeout(cfg.timeout_s, connect=min(cfg.timeout_s, 10.0))
        self._headers = {"content-type": "application/json", **cfg.headers}
        key = resolve_secret(cfg.api_key)
        if key:
            self._headers["authorization"] = f"Bearer {key}"

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
        request = self._client.build_request(
            "POST", self._base + path, content=_dump(body), headers=self._headers, timeout=self._timeout
        )
        with _mapped_errors():
            response = await self._client.send(request, stream=True)
        if response.status_code >= 400:
            raw = await response.aread()
            await response.aclose()
            raise _status_error(response.status_code, raw, response.headers)
        if not response.headers.get("content-type", "").startswith("text/event-stream"):
            await response.aclose()
            raise UpstreamError("上流モデルがストリームではない応答を返しました。 (upstream did not stream)")
        return _SSEStream(response)

    async def aclose(self) -> None:
        """The shared client is closed by the app's lifespan."""

    async def _post(self, path: str, body: Body) -> Body:
        with _mapped_errors():
            response = await self._client.post(
                self._base + path, content=_dump(body), headers=self._headers, timeout=self._timeout
            )
        if response.status_code >= 400:
            raise _status_error(response.status_code, response.content, response.headers)
        try:
            data = response.json()
        except ValueError as exc:
            raise UpstreamError("上流モデルの応答を解釈できませんでした。 (upstream sent invalid JSON)") from exc
        if not isinstance(data, dict):
            raise UpstreamError("上流モデルの応答を解釈できませんでした。 (upstream sent a non-object)")
        return data


class _SSEStream:
    """Server-sent events of an OpenAI stream, parsed into chunk dicts."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[Body]:
        with _mapped_errors():
            async for line in self._response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                payload = line[5:].strip()
                if payload == "[DONE]":
                    return
                try:
                    chunk = json.loads(payload)
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
        await self._response.aclose()


def _dump(body: Body) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


class _mapped_errors:
    """Map httpx's exceptions to ours, once, at the boundary."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        if exc is None:
            return
        if isinstance(exc, httpx.TimeoutException):
            raise UpstreamTimeout("上流モデルの応答が時間内にありませんでした。 (upstream timed out)") from exc
        if isinstance(exc, httpx.HTTPError):
            raise UpstreamUnreachable(f"上流モデルに接続できませんでした。 (upstream unreachable: {type(exc).__name__})") from exc


# Rate-limit hints a client needs to back off properly.
_PASSED_HEADERS = ("retry-after", "retry-after-ms")


def _status_error(status: int, raw: bytes, headers: httpx.Headers) -> UpstreamStatusError:
    message, code = f"upstream returned HTTP {status}", None
    try:
        err = json.loads(raw).get("error")
        if isinstance(err, dict):
            message = str(err.get("message") or message)[:500]
            code = err.get("code") if isinstance(err.get("code"), str) else None
    except (ValueError, AttributeError):
        pass
    passed = {k: v for k, v in headers.items() if k in _PASSED_HEADERS or k.startswith("x-ratelimit-")}
    return UpstreamStatusError(status, f"上流モデルがエラーを返しました: {message}", code=code, headers=passed)
