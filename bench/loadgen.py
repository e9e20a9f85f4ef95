"""What the gateway benchmark measures with: a lean HTTP/1.1 keep-alive client, and process CPU and memory.

The client writes requests and reads `Content-Length` or chunked answers on one asyncio connection:
tens of microseconds per request, so on a 2-core machine the load generator takes little of the
CPU the servers under test need, and every request it counts has been answered in full (unlike a
tool that cuts connections at the end of its run).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit


class Connection:
    """One keep-alive connection; `post` returns (status, body)."""

    def __init__(self, url: str, headers: dict[str, str]) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self._head = "".join(f"{k}: {v}\r\n" for k, v in {"host": f"{self.host}:{self.port}", **headers}.items())
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def connect(self) -> None:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    async def post(self, path: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """POST `body`; `headers` are sent with this request only."""
        await self.connect()
        assert self._reader is not None and self._writer is not None
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        self._writer.write(
            f"POST {path} HTTP/1.1\r\n{self._head}{extra}content-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n".encode()
            + body
        )
        head = await self._reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in fields:
            data = await self._reader.readexactly(int(fields["content-length"]))
        else:
            data = await self._chunked()
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, data

    async def _chunked(self) -> bytes:
        assert self._reader is not None
        out = []
        while True:
            size = int((await self._reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._reader.readuntil(b"\r\n")
                return b"".join(out)
            out.append(await self._reader.readexactly(size))
            await self._reader.readexactly(2)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            try:
                await self._writer.wait_closed()
            except OSError:
                pass
        self._reader = self._writer = None


async def sequential_ms(url: str, headers: dict[str, str], body: bytes, n: int) -> list[float]:
    """Wall times of `n` requests one after another on one connection, in ms (each must answer 200)."""
    conn, out = Connection(url, headers), []
    try:
        for _ in range(n):
            t0 = time.perf_counter()
            status, data = await conn.post(urlsplit(url).path, body)
            out.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                raise RuntimeError(f"{url}: HTTP {status}: {data[:200]!r}")
    finally:
        await conn.close()
    return out


async def throughput(url: str, headers: dict[str, str], body: bytes, concurrency: int, seconds: float) -> tuple[float, int]:
    """(answered requests per second, requests answered) with `concurrency` connections for `seconds`.

    Each connection finishes the request it has in flight when the time is up, so every request
    sent is answered and counted.
    """
    path, done, stop = urlsplit(url).path, [0], time.perf_counter() + seconds

    async def worker() -> None:
        conn = Connection(url, headers)
        try:
            while time.perf_counter() < stop:
                status, data = await conn.post(path, body)
                if status != 200:
                    raise RuntimeError(f"{url}: HTTP {status}: {data[:200]!r}")
                done[0] += 1
        finally:
            await conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done[0] / (time.perf_counter() - t0), done[0]


def tree(pid: int) -> list[int]:
    """The process and its descendants (a server that forks a worker is measured whole)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_s(pid: int) -> float:
    """Run time of every thread of a process tree, in seconds (schedstat: ns, not 10 ms ticks)."""
    total = 0
    for p in tree(pid):
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                total += int(Path(f"/proc/{p}/task/{task}/schedstat").read_text().split()[0])
            except (OSError, ValueError):
                pass  # a thread that ended between listdir and read
    return total / 1e9


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) summed over the process tree, in MB."""
    total = 0
    for p in tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def p50(values: list[float]) -> float:
    return statistics.median(values)
