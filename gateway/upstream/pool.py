"""Keep-alive HTTP/1.1 to plain-http upstreams: asyncio transports, answers parsed by httptools.

The on-prem and loopback models a municipality runs in its own network (vLLM, Ollama, llama.cpp on
`http://`) are where the gateway's own cost is what staff feel. aiohttp spends ~0.28 ms of CPU on a
keep-alive POST to a loopback upstream; this pool ~0.09 ms, and in place the short request took
~0.4 ms less CPU and wall time (bench/README.md, *Per-request cost, seventh pass*). httptools (uvicorn's
parser) reads the answers: status, headers, content-length, chunked and close-delimited bodies.

What it does: one request at a time per connection, the head and body in one write; connections kept
for `keepalive_s` after an answer the upstream allows to keep alive (under uvicorn's 5 s, so the
upstream does not close one as it is reused); a kept connection found dropped before any byte of the
answer came back is replaced and the request sent once more (nothing was answered, so nothing was
done twice by the upstream's HTTP layer; aiohttp did the same). A read that waits longer than the
timeout between two arrivals fails with TimeoutError; a connection that fails, or an answer left
unread, is closed, never reused. What it does not do: TLS, proxies, redirects, compression, HTTP/2 —
an upstream that needs any of them goes through aiohttp (`gateway/upstream/http.py`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Final, cast

import httptools

_MAX_IDLE: Final = 32  # kept connections per upstream address
_PAUSE_AT: Final = 1 << 20  # bytes of answer buffered before reading from the socket pauses
_NO_BODY_STATUS: Final = frozenset({204, 304})


class Stale(ConnectionError):
    """A kept connection closed before any byte of the answer came back."""


class BadResponse(ConnectionError):
    """What the upstream sent is not an HTTP/1.1 answer."""


class Dropped(ConnectionError):
    """The upstream closed the connection before the answer was complete."""


class _Connection(asyncio.Protocol):
    """One TCP connection and the answer being read on it (httptools calls the `on_*` methods)."""

    def __init__(self, open_set: set[_Connection]) -> None:
        self._parser = httptools.HttpResponseParser(self)
        self._transport: asyncio.Transport | None = None
        self._open = open_set  # the pool's connections: this one is in it from its start to its end
        self._paused = False
        self._interim = False
        self.closed = False
        self.idle_since = 0.0
        self._reset(reused=False)

    def _reset(self, *, reused: bool) -> None:
        if self._paused and self._transport is not None and not self.closed:
            self._transport.resume_reading()  # (a body left buffered past the pause point was read to its end)
        self._paused = False
        self._interim = False  # reading a 1xx answer that precedes the real one
        self.reused = reused
        self.status = 0
        self.headers: dict[str, str] = {}
        self.keep_alive = False
        self._answered = False  # a byte of the answer came back
        self._head: asyncio.Future[None] | None = None
        self._chunks: list[bytes] = []
        self._buffered = 0
        self._waiter: asyncio.Future[None] | None = None
        self.complete = False
        self._error: BaseException | None = None

    # asyncio.Protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast("asyncio.Transport", transport)  # uvloop's are not asyncio.Transport subclasses
        self._open.add(self)

    def data_received(self, data: bytes) -> None:
        self._answered = True
        try:
            self._parser.feed_data(data)
        except (httptools.HttpParserError, httptools.HttpParserUpgrade) as exc:
            self._fail(BadResponse(f"not an HTTP/1.1 answer ({type(exc).__name__})"))
            self.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._open.discard(self)
        if self.complete or self._head is None:
            return
        if self._head.done() and exc is None and self._close_delimited():
            self.complete = True  # a body without a length ends where the connection does
            self._wake()
        elif not self._answered and self.reused:
            self._fail(Stale("the kept connection was closed before the answer"))
        else:
            self._fail(Dropped("the upstream closed the connection before the answer was complete"))

    # httptools

    def on_header(self, name: bytes, value: bytes) -> None:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        self.headers[key] = f"{self.headers[key]}, {text}" if key in self.headers else text

    def on_headers_complete(self) -> None:
        status = self._parser.get_status_code()
        if 100 <= status < 200 and status != 101:
            # An interim answer (100 Continue, 103 Early Hints): the real one follows on the same connection.
            self._interim = True
            self.headers = {}
            return
        self.status = status
        self.keep_alive = self._parser.should_keep_alive()
        if self._head is not None and not self._head.done():
            self._head.set_result(None)

    def on_body(self, body: bytes) -> None:
        if self._interim:
            return
        self._chunks.append(body)
        self._buffered += len(body)
        if self._buffered > _PAUSE_AT and not self._paused and self._transport is not None:
            self._transport.pause_reading()
            self._paused = True
        self._wake()

    def on_message_complete(self) -> None:
        if self._interim:
            self._interim = False
            return
        self.complete = True
        self._wake()

    # the pool's side

    def send(self, data: bytes, *, reused: bool) -> None:
        assert self._transport is not None
        self._reset(reused=reused)
        self._head = asyncio.get_running_loop().create_future()
        self._transport.write(data)

    async def answer_head(self, timeout: float) -> None:
        assert self._head is not None
        await _within(self._head, timeout)

    async def next_chunk(self, timeout: float) -> bytes | None:
        """The body as it arrives: what is buffered, or the next arrival; None at its end."""
        while True:
            if self._chunks:
                data = b"".join(self._chunks) if len(self._chunks) > 1 else self._chunks[0]
                self._chunks = []
                self._buffered = 0
                if self._paused and self._transport is not None and not self.closed:
                    self._transport.resume_reading()
                    self._paused = False
                return data
            if self._error is not None:
                raise self._error
            if self.complete:
                return None
            self._waiter = asyncio.get_running_loop().create_future()
            await _within(self._waiter, timeout)

    def reusable(self, now: float, keepalive_s: float) -> bool:
        return (
            not self.closed
            and self._transport is not None
            and not self._transport.is_closing()
            and now - self.idle_since < keepalive_s
        )

    def close(self) -> None:
        self.closed = True
        if self._transport is not None:
            self._transport.close()

    def _close_delimited(self) -> bool:
        h = self.headers
        return (
            "content-length" not in h
            and "chunked" not in h.get("transfer-encoding", "").lower()
            and self.status not in _NO_BODY_STATUS
            and not self._interim
        )

    def _fail(self, exc: BaseException) -> None:
        self._error = exc
        if self._head is not None and not self._head.done():
            self._head.set_exception(exc)
        self._wake()

    def _wake(self) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)


async def _within(fut: asyncio.Future[None], timeout: float) -> None:
    """Await `fut`, failing with TimeoutError after `timeout` s (a timer, not a task: it is cheaper)."""
    handle = asyncio.get_running_loop().call_later(timeout, _expire, fut)
    try:
        await fut
    finally:
        handle.cancel()


def _expire(fut: asyncio.Future[None]) -> None:
    if not fut.done():
        fut.set_exception(TimeoutError("no answer within the timeout"))


class Reply:
    """An answer's status and headers; its body read once, whole or as it arrives."""

    def __init__(self, conn: _Connection, pool: Pool, key: tuple[str, int], read_timeout: float) -> None:
        self._conn = conn
        self._pool = pool
        self._key = key
        self._timeout = read_timeout
        self.status = conn.status
        self.headers = conn.headers  # names in lower case

    async def read(self) -> bytes:
        """The whole body; the connection goes back to the pool (or is closed) either way."""
        parts = []
        try:
            while (data := await self._conn.next_chunk(self._timeout)) is not None:
                parts.append(data)
        finally:
            self.release()
        return b"".join(parts)

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body as it arrives."""
        while (data := await self._conn.next_chunk(self._timeout)) is not None:
            yield data

    def release(self) -> None:
        """Back to the pool if the answer was read to its end and may be kept; closed otherwise."""
        conn = self._conn
        if conn.complete and conn.keep_alive and not conn.closed:
            self._pool.keep(self._key, conn)
        else:
            conn.close()

    def close(self) -> None:
        self._conn.close()


class Pool:
    """Kept connections per upstream address; `request` sends one request and returns its answer's head."""

    def __init__(self, keepalive_s: float = 3.0) -> None:
        self._keepalive_s = keepalive_s
        self._idle: dict[tuple[str, int], list[_Connection]] = {}
        self._open: set[_Connection] = set()

    async def request(self, host: str, port: int, data: bytes, *, connect_timeout: float, read_timeout: float) -> Reply:
        """Send `data` (a whole request) and wait for the answer's head; a dropped kept connection is replaced once."""
        key = (host, port)
        conn = self._take(key)
        if conn is not None:
            try:
                return await self._exchange(conn, key, data, read_timeout, reused=True)
            except Stale:
                pass
        conn = await self._connect(key, connect_timeout)
        return await self._exchange(conn, key, data, read_timeout, reused=False)

    async def _exchange(
        self, conn: _Connection, key: tuple[str, int], data: bytes, timeout: float, *, reused: bool
    ) -> Reply:
        conn.send(data, reused=reused)
        try:
            await conn.answer_head(timeout)
        except BaseException:
            conn.close()
            raise
        return Reply(conn, self, key, timeout)

    async def _connect(self, key: tuple[str, int], timeout: float) -> _Connection:
        loop = asyncio.get_running_loop()
        try:
            _, conn = await asyncio.wait_for(loop.create_connection(lambda: _Connection(self._open), *key), timeout)
        except UnicodeError as exc:  # a host name IDNA cannot encode (an empty or overlong label)
            raise ConnectionError(f"the upstream's host name cannot be looked up ({type(exc).__name__})") from exc
        return conn

    def _take(self, key: tuple[str, int]) -> _Connection | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            conn = idle.pop()
            if conn.reusable(now, self._keepalive_s):
                return conn
            conn.close()
        return None

    def keep(self, key: tuple[str, int], conn: _Connection) -> None:
        conn.idle_since = time.monotonic()
        idle = self._idle.setdefault(key, [])
        if len(idle) < _MAX_IDLE:
            idle.append(conn)
        else:
            conn.close()

    async def close(self) -> None:
        """Close every connection, kept or in use."""
        for conn in list(self._open):
            conn.close()
        self._open.clear()
        self._idle.clear()


def request_head(method: str, target: str, netloc: str, headers: dict[str, str]) -> bytes:
    """A request's head but its length and the empty line; a header with CR, LF or NUL is refused
    (it would split the request)."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {netloc}"]
    for name, value in headers.items():
        if any(c in name or c in value for c in "\r\n\0") or ":" in name:
            raise ValueError(f"header {name!r} cannot be sent: it holds a line break or colon")
        lines.append(f"{name}: {value}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


__all__ = ["BadResponse", "Dropped", "Pool", "Reply", "Stale", "request_head"]
