"""The use-case category is read once the request is out, while the upstream works, and before the answer is used."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

from gateway import pipeline
from gateway.principal import Principal
from gateway.upstream.pool import Pool, request_head

ANSWER = b'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}'


class HeldUpstream:
    """A loopback upstream in its own thread: answers a first request at once; notes the second's arrival
    on the same connection and answers it when released."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            for n in range(2):
                data = b""
                while not data.endswith(b"{}"):
                    data += conn.recv(65536)
                if n:
                    self.arrived.set()
                    self.release.wait(10)
                conn.sendall(ANSWER)
            conn.recv(1)


def test_the_category_is_read_after_the_request_went_out_and_before_the_answer_is_used() -> None:
    upstream = HeldUpstream()
    seen: dict[str, bool] = {}

    def categorise() -> str:
        time.sleep(0.3)  # the GIL is free: the upstream's thread takes the request meanwhile
        seen["request_out"] = upstream.arrived.is_set()
        seen["answered"] = upstream.release.is_set()
        upstream.release.set()
        return "文書作成"

    async def main() -> None:
        pool = Pool()
        ex = pipeline.Exchange(request_id="t", principal=Principal(user="u1", department="総務課"), endpoint="chat.completions")
        ex.categorise = categorise
        head = request_head("POST", "/v1/chat/completions", f"127.0.0.1:{upstream.port}", {})
        first = await pool.request("127.0.0.1", upstream.port, head + b"Content-Length: 2\r\n\r\n{}", connect_timeout=5, read_timeout=5)
        await first.read()  # the connection is kept: the next request goes out in the task's first turn

        async def sending() -> tuple[object, object]:
            reply = await pool.request("127.0.0.1", upstream.port, head + b"Content-Length: 2\r\n\r\n{}", connect_timeout=5, read_timeout=5)
            return await reply.read(), None

        answer, _ = await pipeline._categorised_meanwhile(ex, sending())  # type: ignore[arg-type]
        assert answer == b"{}"
        assert ex.category == "文書作成" and ex.categorise is None
        await pool.close()

    asyncio.run(main())
    assert seen == {"request_out": True, "answered": False}
