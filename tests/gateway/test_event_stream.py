"""EventStream: events go out as they come; a client that leaves stops the stream, and nothing else does quietly.

The ASGI side is played by plain callables (what uvicorn hands an app); the gateway's own streams
through a real server are in test_edge_upstream.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import aclosing
from typing import Any

import pytest

from gateway.event_stream import EventStream


class Client:
    """ASGI receive/send: records what was sent; `leave()` makes receive report a disconnect."""

    def __init__(self, *, send_blocks_after: int | None = None) -> None:
        self.sent: list[dict[str, Any]] = []
        self._gone = asyncio.Event()
        self._send_blocks_after = send_blocks_after

    def leave(self) -> None:
        self._gone.set()

    async def receive(self) -> dict[str, Any]:
        await self._gone.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)
        if self._send_blocks_after is not None and len(self.sent) > self._send_blocks_after:
            await asyncio.Event().wait()  # a client that stopped reading: the write never completes

    def bodies(self) -> list[bytes]:
        return [m["body"] for m in self.sent if m["type"] == "http.response.body"]


class Events:
    """An answer's events, `n` of them, then (if `hang`) a wait for an upstream that never writes again."""

    def __init__(self, n: int, *, hang: bool = False) -> None:
        self.n, self.hang = n, hang
        self.closed = False

    async def __call__(self) -> AsyncIterator[bytes]:
        try:
            for i in range(self.n):
                yield b"data: %d\n\n" % i
                await asyncio.sleep(0)
            if self.hang:
                await asyncio.Event().wait()
        finally:
            self.closed = True  # the upstream stream closed, the final audit record written


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_every_event_goes_out_in_order_then_the_end() -> None:
    async def main() -> Client:
        client, events = Client(), Events(3)
        await EventStream(events(), headers={"x-sekisho-request-id": "req_1"})({}, client.receive, client.send)
        assert events.closed
        return client

    client = run(main())
    start = client.sent[0]
    assert start["type"] == "http.response.start" and start["status"] == 200
    headers = dict(start["headers"])
    assert headers[b"content-type"].startswith(b"text/event-stream") and headers[b"x-sekisho-request-id"] == b"req_1"
    assert client.bodies() == [b"data: 0\n\n", b"data: 1\n\n", b"data: 2\n\n", b""]
    assert client.sent[-1]["more_body"] is False


@pytest.mark.parametrize("blocked_in", ["the stream", "a write"])
def test_a_client_that_leaves_stops_the_stream_quietly(blocked_in: str) -> None:
    async def main() -> tuple[Client, Events]:
        client = Client(send_blocks_after=2 if blocked_in == "a write" else None)
        events = Events(2, hang=True)
        stream = events()  # held here too, so only the response can close it (not the collector)
        response = asyncio.ensure_future(EventStream(stream)({}, client.receive, client.send))
        await asyncio.sleep(0.05)
        assert not response.done()
        client.leave()
        done, _ = await asyncio.wait({response}, timeout=2)
        assert response in done, "the stream went on after the client left"
        assert not response.cancelled() and response.exception() is None  # no error for a client that is gone
        assert events.closed, "the stream was left open"
        return client, events

    client, events = run(main())
    assert b"" not in client.bodies()  # never told the (gone) client the answer was complete


def test_the_request_task_carries_on_after_a_client_leaves() -> None:
    # The stream runs in the request's own task: once the response has ended, that task must not be
    # cancelled at its next wait (uvicorn goes on to finish the cycle).
    async def main() -> str:
        client = Client()

        async def request_task() -> str:
            await EventStream(Events(1, hang=True)())({}, client.receive, client.send)
            me = asyncio.current_task()
            assert me is not None and me.cancelling() == 0  # the cancellation was taken back
            await asyncio.sleep(0.01)
            return "carried on"

        task = asyncio.ensure_future(request_task())
        await asyncio.sleep(0.02)
        client.leave()
        return await asyncio.wait_for(task, 2)

    assert run(main()) == "carried on"


@pytest.mark.parametrize("client_leaves_too", [False, True])
def test_any_other_cancellation_still_cancels(client_leaves_too: bool) -> None:
    async def main() -> tuple[bool, Events]:
        client, events = Client(), Events(1, hang=True)
        response = asyncio.ensure_future(EventStream(events())({}, client.receive, client.send))
        await asyncio.sleep(0.02)
        response.cancel()  # the server shutting down
        if client_leaves_too:
            client.leave()
        try:
            await response
        except asyncio.CancelledError:
            return True, events
        return False, events

    cancelled, events = run(main())
    assert cancelled and events.closed


def test_an_error_in_the_stream_is_raised() -> None:
    async def broken() -> AsyncIterator[bytes]:
        yield b"data: 0\n\n"
        raise RuntimeError("boom")

    async def main() -> None:
        client = Client()
        await EventStream(broken())({}, client.receive, client.send)

    with pytest.raises(RuntimeError, match="boom"):
        run(main())


def test_a_swallowed_cancellation_still_stops_the_stream() -> None:
    # Python 3.11's wait_for can swallow a cancellation that lands as its future completes (the output
    # scan of a long release goes through it): the client's leaving must still stop the stream.
    async def main() -> tuple[Client, list[str], int]:
        client, seen = Client(), []

        async def swallowing() -> AsyncIterator[bytes]:
            try:
                yield b"data: 0\n\n"
                try:
                    await asyncio.sleep(0.2)
                except asyncio.CancelledError:
                    seen.append("swallowed")  # what a swallowed cancellation looks like from here
                for i in range(1, 50):
                    yield b"data: %d\n\n" % i
                    await asyncio.sleep(0.01)
            finally:
                seen.append("closed")

        async def request_task() -> int:
            await EventStream(swallowing())({}, client.receive, client.send)
            me = asyncio.current_task()
            assert me is not None
            return me.cancelling()

        task = asyncio.ensure_future(request_task())
        await asyncio.sleep(0.05)
        client.leave()
        return client, seen, await asyncio.wait_for(task, 2)

    client, seen, cancelling = run(main())
    assert seen == ["swallowed", "closed"]
    assert len(client.bodies()) <= 2 and b"" not in client.bodies(), "the stream went on after the client left"
    assert cancelling == 0


def test_cleanup_is_not_cut_short_when_the_client_leaves_during_it() -> None:
    # The server cancels the request (shutting down); the stream's cleanup closes the upstream and writes
    # the final audit record, which awaits; the client leaving meanwhile must not cancel it again.
    async def main() -> list[str]:
        client, log = Client(), []

        async def events() -> AsyncIterator[bytes]:
            try:
                yield b"data: 0\n\n"
                await asyncio.Event().wait()
            finally:
                await asyncio.sleep(0.05)  # writing the final record
                log.append("final record written")

        response = asyncio.ensure_future(EventStream(events())({}, client.receive, client.send))
        await asyncio.sleep(0.02)
        response.cancel()
        await asyncio.sleep(0.01)  # the cleanup has begun
        client.leave()
        with pytest.raises(asyncio.CancelledError):
            await response
        return log

    assert run(main()) == ["final record written"]


def test_a_nested_stream_is_closed_before_the_response_ends() -> None:
    # The gateway's streams are generators over generators (pipeline._relay over audited_stream): the
    # inner one's cleanup (the final audit record) must be done when the response returns, not later.
    async def main() -> list[str]:
        client, log = Client(send_blocks_after=2), []

        async def inner() -> AsyncIterator[bytes]:
            try:
                for i in range(100):
                    yield b"data: %d\n\n" % i
            finally:
                await asyncio.sleep(0)
                log.append("final record written")

        async def outer() -> AsyncIterator[bytes]:
            async with aclosing(inner()) as parts:
                async for part in parts:
                    yield part

        response = asyncio.ensure_future(EventStream(outer())({}, client.receive, client.send))
        await asyncio.sleep(0.02)  # blocked in a write to a client that stopped reading
        client.leave()
        await asyncio.wait_for(response, 2)
        log.append("response returned")
        return log

    assert run(main()) == ["final record written", "response returned"]


def test_a_disconnect_reported_as_the_stream_completes_changes_nothing() -> None:
    # uvicorn reports http.disconnect once a response is complete: the watcher wakes on every normal end.
    async def main() -> int:
        client = Client()
        sent_end = client.send

        async def send(message: dict[str, Any]) -> None:
            await sent_end(message)
            if message.get("more_body") is False:
                client.leave()
                await asyncio.sleep(0)  # a write that yields, the watcher runs

        await EventStream(Events(2)())({}, client.receive, send)
        await asyncio.sleep(0.01)
        me = asyncio.current_task()
        assert me is not None
        return me.cancelling()

    assert run(main()) == 0
