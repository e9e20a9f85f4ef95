"""The plain-http pool against real sockets: each test serves its answers from an asyncio server on loopback.

Bodies by length, chunked and to the close; connections kept, dropped while kept (sent once more) or
mid-answer (not), answers that are not HTTP, timeouts, back-pressure on a large answer, a stream read
as it arrives, and the answer's chunking at any split (property test).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway.upstream.pool import BadResponse, Dropped, Pool, Reply, request_head

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
BODY = '{"choices":[{"message":{"content":"承知しました"}}]}'.encode()


async def read_request(reader: asyncio.StreamReader) -> bytes | None:
    """One request's body, or None when the client closed the connection."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    return await reader.readexactly(length)


def answer(body: bytes = BODY, extra: bytes = b"") -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n%scontent-length: %d\r\n\r\n%s" % (extra, len(body), body)


class Server:
    """Counts connections and requests; `handler` serves one connection."""

    def __init__(self, handler: Callable[[Server, asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]) -> None:
        self.handler = handler
        self.connections = 0
        self.requests: list[bytes] = []
        self.port = 0
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> Server:
        async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            try:
                await self.handler(self, reader, writer)
            except (ConnectionError, asyncio.IncompleteReadError):
                pass
            finally:
                writer.transport.abort()

        self._server = await asyncio.start_server(serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: Any) -> None:
        assert self._server is not None
        self._server.close()

    async def opened(self, pool: Pool) -> Reply:
        """An empty POST's answer, its body not yet read."""
        head = request_head("POST", "/v1/x", "h", {})
        return await pool.request("127.0.0.1", self.port, head + b"Content-Length: 0\r\n\r\n", connect_timeout=5, read_timeout=5)

    async def post(self, pool: Pool, body: bytes = b'{"q":"x"}', *, read_timeout: float = 5.0) -> tuple[int, dict[str, str], bytes]:
        head = request_head("POST", "/v1/chat/completions", f"127.0.0.1:{self.port}", {"content-type": "application/json"})
        data = b"%sContent-Length: %d\r\n\r\n%s" % (head, len(body), body)
        reply = await pool.request("127.0.0.1", self.port, data, connect_timeout=5.0, read_timeout=read_timeout)
        return reply.status, dict(reply.headers), await reply.read()


async def keep_alive(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while (body := await read_request(reader)) is not None:
        server.requests.append(body)
        writer.write(answer())
        await writer.drain()


def run(coro: Awaitable[None]) -> None:
    asyncio.run(asyncio.wait_for(coro, 20))  # type: ignore[arg-type]


def test_answers_by_length_come_back_on_one_kept_connection() -> None:
    async def main() -> None:
        pool = Pool()
        async with Server(keep_alive) as server:
            for n in range(3):
                status, headers, body = await server.post(pool, b'{"n":%d}' % n)
                assert (status, headers["content-type"], body) == (200, "application/json", BODY)
            assert server.connections == 1
            assert server.requests == [b'{"n":0}', b'{"n":1}', b'{"n":2}']
        await pool.close()

    run(main())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 40), min_size=1, max_size=12), st.lists(st.integers(0, 60), max_size=8))
def test_a_chunked_answer_reads_whole_at_any_split(sizes: list[int], cuts: list[int]) -> None:
    text = ("佐藤さんへの回答です。" * 20).encode()
    pieces, at = [], 0
    for size in sizes:
        pieces.append(text[at : at + size])
        at += size
    wire = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n" + b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces if p) + b"0\r\n\r\n"
    bounds = sorted({min(c * 7, len(wire)) for c in cuts} | {0, len(wire)})

    async def chunked(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (body := await read_request(reader)) is not None:
            server.requests.append(body)
            for a, b in zip(bounds, bounds[1:]):  # the bytes arrive split anywhere, headers included
                writer.write(wire[a:b])
                await writer.drain()
                await asyncio.sleep(0)

    async def main() -> None:
        pool = Pool()
        async with Server(chunked) as server:
            for _ in range(2):
                assert (await server.post(pool))[2] == b"".join(pieces)
            assert server.connections == 1  # a chunked answer read to its end leaves the connection kept
        await pool.close()

    run(main())


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n",  # no length: the body ends with the connection
        b"HTTP/1.0 200 OK\r\n\r\n",
    ],
)
def test_an_answer_without_a_length_ends_where_the_connection_does_and_is_not_kept(head: bytes) -> None:
    async def to_the_close(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.requests.append(await read_request(reader) or b"")
        writer.write(head + BODY[:10])
        await writer.drain()
        writer.write(BODY[10:])
        writer.close()

    async def main() -> None:
        pool = Pool()
        async with Server(to_the_close) as server:
            assert (await server.post(pool))[2] == BODY
            assert (await server.post(pool))[2] == BODY
            assert server.connections == 2
        await pool.close()

    run(main())


def test_connection_close_with_a_length_is_not_kept() -> None:
    async def closing(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.requests.append(await read_request(reader) or b"")
        writer.write(answer(extra=b"connection: close\r\n"))
        await writer.drain()
        await reader.read(1)

    async def main() -> None:
        pool = Pool()
        async with Server(closing) as server:
            for _ in range(2):
                assert (await server.post(pool))[2] == BODY
            assert server.connections == 2
        await pool.close()

    run(main())


@pytest.mark.parametrize("how", ["closed while kept", "reset at the next request"])
def test_a_kept_connection_the_upstream_dropped_is_replaced_and_the_request_sent_once_more(how: str) -> None:
    async def drops(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.requests.append(await read_request(reader) or b"")
        writer.write(answer())
        await writer.drain()
        if how == "reset at the next request":
            await reader.read(1)  # the next request arrives, and the connection is gone with no answer

    async def main() -> None:
        pool = Pool()
        async with Server(drops) as server:
            for _ in range(3):
                assert (await server.post(pool))[2] == BODY
                await asyncio.sleep(0.02)
            # every later request found its kept connection dropped: three answers, no error
            assert len(server.requests) == 3 and server.connections == 3
        await pool.close()

    run(main())


def test_a_connection_dropped_mid_answer_fails_and_is_not_sent_again() -> None:
    async def half(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.requests.append(await read_request(reader) or b"")
        writer.write(answer()[:-5])
        await writer.drain()

    async def main() -> None:
        pool = Pool()
        async with Server(half) as server:
            with pytest.raises(Dropped):
                await server.post(pool)
            assert len(server.requests) == 1
        await pool.close()

    run(main())


@pytest.mark.parametrize("garbage", [b"SMTP READY\r\n\r\n", b"HTTP/1.1 abc\r\n\r\n", b"HTTP/1.1 200 OK\r\ncontent-length: x\r\n\r\n"])
def test_what_is_not_an_http_answer_fails_as_such(garbage: bytes) -> None:
    async def nonsense(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.requests.append(await read_request(reader) or b"")
        writer.write(garbage)
        await writer.drain()
        await reader.read(1)

    async def main() -> None:
        pool = Pool()
        async with Server(nonsense) as server:
            with pytest.raises(BadResponse):
                await server.post(pool)
        await pool.close()

    run(main())


def test_an_answer_that_does_not_come_in_time_fails_and_its_connection_is_not_kept() -> None:
    async def slow(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (body := await read_request(reader)) is not None:
            server.requests.append(body)
            if len(server.requests) == 1:
                await asyncio.sleep(0.5)
            writer.write(answer())
            await writer.drain()

    async def main() -> None:
        pool = Pool()
        async with Server(slow) as server:
            with pytest.raises(TimeoutError):
                await server.post(pool, read_timeout=0.1)
            assert (await server.post(pool))[2] == BODY  # on a new connection: the old one still owes an answer
            assert server.connections == 2
        await pool.close()

    run(main())


def test_a_large_answer_is_read_whole_through_back_pressure() -> None:
    big = "長い回答".encode() * 400_000  # 4.8 MB, beyond the buffer at which reading pauses

    async def large(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (body := await read_request(reader)) is not None:
            server.requests.append(body)
            writer.write(answer(big))
            await writer.drain()

    async def main() -> None:
        pool = Pool()
        async with Server(large) as server:
            reply = await server.opened(pool)
            got = bytearray()
            async for data in reply.chunks():
                got += data
                await asyncio.sleep(0.001)  # a slow reader: the socket is paused meanwhile
            reply.release()
            assert bytes(got) == big
            assert (await server.post(pool))[2] == big
            assert server.connections == 1
        await pool.close()

    run(main())


def test_a_stream_is_read_as_it_arrives_and_a_half_read_one_is_not_kept() -> None:
    more = asyncio.Event()

    async def streaming(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (body := await read_request(reader)) is not None:
            server.requests.append(body)
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
            writer.write(b"%x\r\n%s\r\n" % (len(b"data: 1\n\n"), b"data: 1\n\n"))
            await writer.drain()
            await more.wait()
            writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(b"data: 2\n\n"), b"data: 2\n\n"))
            await writer.drain()

    async def main() -> None:
        pool = Pool()
        async with Server(streaming) as server:
            reply = await server.opened(pool)
            chunks = reply.chunks()
            assert await anext(chunks) == b"data: 1\n\n"  # before the server has written the rest
            reply.release()  # left half read: closed
            more.set()
            assert (await server.post(pool))[2].endswith(b"data: 2\n\n")
            assert server.connections == 2
        await pool.close()

    run(main())


def test_a_request_cancelled_while_waiting_closes_its_connection() -> None:
    async def never(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (body := await read_request(reader)) is not None:
            server.requests.append(body)
            if len(server.requests) > 1:
                writer.write(answer())
                await writer.drain()

    async def main() -> None:
        pool = Pool()
        async with Server(never) as server:
            task = asyncio.ensure_future(server.post(pool))
            await asyncio.sleep(0.05)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert (await server.post(pool))[2] == BODY
            assert server.connections == 2
        await pool.close()

    run(main())


def test_idle_connections_are_kept_for_keepalive_s_only_and_closed_with_the_pool() -> None:
    closed = asyncio.Event()

    async def noting_close(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await keep_alive(server, reader, writer)
        closed.set()

    async def main() -> None:
        pool = Pool(keepalive_s=0.05)
        async with Server(noting_close) as server:
            await server.post(pool)
            await asyncio.sleep(0.1)
            await server.post(pool)  # the kept one is too old: a new connection
            assert server.connections == 2
            await pool.close()
            await asyncio.wait_for(closed.wait(), 5)

    run(main())


@pytest.mark.parametrize(
    "headers",
    [{"x-tenant": "a\r\nx-injected: 1"}, {"x-tenant": "a\nb"}, {"x\r\ny": "1"}, {"x:y": "1"}, {"x-tenant": "a\0"}],
)
def test_a_header_that_would_split_the_request_is_refused(headers: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="cannot be sent"):
        request_head("POST", "/v1/chat/completions", "127.0.0.1:1", headers)


def test_reading_pauses_while_a_megabyte_is_unread() -> None:
    big = b"x" * (24 << 20)  # beyond what the kernel's socket buffers hold on loopback
    unsent: list[int] = []

    async def large(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await read_request(reader)
        writer.write(answer(big))
        await asyncio.sleep(0.3)
        unsent.append(writer.transport.get_write_buffer_size())
        writer.transport.set_write_buffer_limits(high=0)  # drain until all of it is out: the server then aborts
        await writer.drain()

    async def main() -> None:
        pool = Pool()
        async with Server(large) as server:
            reply = await server.opened(pool)
            chunks = reply.chunks()
            got = len(await anext(chunks))
            await asyncio.sleep(0.5)  # a reader that does not read: the pool must not buffer the rest
            async for data in chunks:
                got += len(data)
            reply.release()
            assert got == len(big)
            assert unsent[0] > 8 << 20  # still with the server: the pool stopped reading
        await pool.close()

    run(main())


@pytest.mark.parametrize("interim", [b"HTTP/1.1 103 Early Hints\r\nlink: </a.css>\r\n\r\n", b"HTTP/1.1 100 Continue\r\n\r\n"])
def test_an_interim_answer_is_passed_over_and_the_real_one_read(interim: bytes) -> None:
    async def hints(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while (body := await read_request(reader)) is not None:
            server.requests.append(body)
            writer.write(interim)
            await writer.drain()
            await asyncio.sleep(0.02)  # the real answer in a packet of its own
            writer.write(answer(b"FIRST" if len(server.requests) == 1 else b"SECOND"))
            await writer.drain()

    async def main() -> None:
        pool = Pool()
        async with Server(hints) as server:
            assert (await server.post(pool))[::2] == (200, b"FIRST")
            assert (await server.post(pool))[::2] == (200, b"SECOND")  # not the first answer's rest
            assert server.connections == 1
        await pool.close()

    run(main())


def test_a_chunked_body_cut_short_fails_however_the_header_is_spelt() -> None:
    async def cut(server: Server, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.requests.append(await read_request(reader) or b"")
        writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n")
        await writer.drain()
        writer.close()

    async def main() -> None:
        pool = Pool()
        async with Server(cut) as server:
            with pytest.raises(Dropped):
                await server.post(pool)
        await pool.close()

    run(main())


def test_a_host_name_that_cannot_be_encoded_fails_as_a_connection_error() -> None:
    async def main() -> None:
        pool = Pool()
        with pytest.raises(ConnectionError):
            await pool.request("a..b", 80, b"", connect_timeout=5, read_timeout=5)
        await pool.close()

    run(main())


@pytest.mark.parametrize(
    ("headers", "pooled"),
    [({}, True), ({"X-Tenant": "kaku"}, True), ({"Host": "llm.internal"}, False), ({"accept-encoding": "gzip"}, False), ({"Connection": "close"}, False)],
)
def test_an_upstream_whose_configured_headers_the_pool_would_send_twice_goes_through_aiohttp(headers: dict[str, str], pooled: bool) -> None:
    from gateway.config import OpenAIUpstream
    from gateway.upstream.http import Clients
    from gateway.upstream.openai_compat import OpenAICompatible

    async def main() -> None:
        clients = Clients()
        upstream = OpenAICompatible(OpenAIUpstream(base_url="http://127.0.0.1:9/v1", headers=headers), clients)
        assert (upstream._direct is not None) is pooled
        await clients.close()

    run(main())
