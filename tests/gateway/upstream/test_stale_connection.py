"""A pooled connection the upstream drops as a request goes out is retried once on a new connection."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.gateway._edge_support import MSGS, completion, post_chat
from tests.gateway.conftest import base_config
from tests.support.upstream import UpstreamServer

ANSWER = json.dumps(
    completion([{"index": 0, "message": {"role": "assistant", "content": "承知しました"}, "finish_reason": "stop"}]),
    ensure_ascii=False,
).encode()


class DroppingUpstream:
    """Answers the first request of a connection and keeps it open, then drops it (RST) at the next request."""

    def __init__(self) -> None:
        self.requests = 0
        self.connections = 0
        self.url = ""

    async def _read_request(self, reader: asyncio.StreamReader) -> bool:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            return False
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
        await reader.readexactly(length)
        return True

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        if await self._read_request(reader):
            self.requests += 1
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                         b"content-length: %d\r\n\r\n" % len(ANSWER) + ANSWER)  # fmt: skip
            await writer.drain()
        await reader.read(1)  # the next request on this connection arrives …
        writer.transport.abort()  # … and the connection is gone, with no answer

    @classmethod
    def running(cls) -> Iterator[DroppingUpstream]:
        server = cls()
        loop = asyncio.new_event_loop()
        started = threading.Event()
        holder: dict[str, Any] = {}

        async def main() -> None:
            srv = await asyncio.start_server(server._serve, "127.0.0.1", 0)
            server.url = f"http://127.0.0.1:{srv.sockets[0].getsockname()[1]}/v1"
            holder["srv"] = srv
            started.set()

        thread = threading.Thread(target=loop.run_forever, daemon=True)
        thread.start()
        asyncio.run_coroutine_threadsafe(main(), loop).result(10)
        started.wait(10)
        try:
            yield server
        finally:

            async def stop() -> None:
                holder["srv"].close()
                await holder["srv"].wait_closed()

            asyncio.run_coroutine_threadsafe(stop(), loop).result(10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()


@pytest.fixture
def dropping() -> Iterator[DroppingUpstream]:
    yield from DroppingUpstream.running()


def test_a_request_on_a_connection_the_upstream_dropped_is_sent_again_once(
    gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, dropping: DroppingUpstream
) -> None:
    cfg = base_config(upstream)
    cfg["models"].append({"name": "flaky", "zone": "onprem", "upstream": {"type": "openai", "base_url": dropping.url, "model": "m"}})
    with gateway_for(cfg) as gw:
        for _ in range(3):
            r = post_chat(gw, {"model": "flaky", "messages": MSGS})
            assert r.status_code == 200, r.text
            assert r.json()["choices"][0]["message"]["content"] == "承知しました"
    # Each later request first went out on the kept connection, which was dropped, then on a new one.
    assert dropping.requests == 3 and dropping.connections >= 3
