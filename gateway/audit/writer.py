"""The audit writer: one hash chain per process, append-only JSONL, rotated daily, fsynced per record.

Every record goes through one lock and one write path (`_write_locked`), so batching several
records into one fsync later (group commit) changes one function. The writer never appends after a
half line: a failed write is cut back to the last whole record, and a file it opens that ends in a
torn line (a crash mid-write) is truncated to its last whole record first, with a warning.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gateway.audit import crypto
from gateway.audit.chain import GENESIS, ChainKey, file_name, seal
from gateway.audit.metrics import Metrics
from gateway.audit.record import AuditRecord
from gateway.config import AuditConfig, resolve_secret

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger("sekisho.audit")

Clock = Callable[[], datetime]
PUBLISH_QUEUE = 10_000  # records waiting for the stream before new ones are dropped (and counted)


class AuditWriteError(Exception):
    """An audit record could not be written durably; the request must not succeed without it."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def new_chain_id() -> str:
    """hostname-pid-random: unique per writer, so two processes never share a file."""
    host = "".join(c if c.isalnum() or c in "-." else "-" for c in socket.gethostname())[:40] or "host"
    return f"{host}-{os.getpid()}-{secrets.token_hex(3)}"


class AuditLog:
    """Appends records to this process's chain; `append` returns only once the line is on disk."""

    def __init__(
        self,
        directory: Path,
        *,
        hmac_key: bytes,
        content_key: bytes | None = None,
        fail_closed: bool = True,
        redis: Redis | None = None,
        stream: str = "sekisho:audit",
        clock: Clock = _utcnow,
        chain_id: str | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.directory = directory
        self.chain_id = chain_id or new_chain_id()
        self.fail_closed = fail_closed
        self._hmac_key = hmac_key
        self.chain_key = ChainKey.of(hmac_key)
        self._content_key = content_key
        self._redis = redis
        self._stream = stream
        self._clock = clock
        self._metrics = metrics
        self._thread_lock = threading.Lock()
        self._async_lock: asyncio.Lock | None = None
        self._queue: asyncio.Queue[tuple[str, bytes]] | None = None
        self._publisher: asyncio.Task[None] | None = None
        self._stream_failures = 0
        self._last_warning = -1e9
        self._fh: io.FileIO | None = None
        self._day: str | None = None
        self._seq = 0
        self._prev = GENESIS
        self._end = 0  # offset just past the last whole record in the current file

    @classmethod
    def open(cls, cfg: AuditConfig, *, clock: Clock = _utcnow, metrics: Metrics | None = None) -> AuditLog:
        """Build the writer from configuration; keys come from the environment variables it names."""
        directory = Path(cfg.dir)
        directory.mkdir(parents=True, exist_ok=True)
        hmac_key = crypto.load_hmac_key(resolve_secret(cfg.hmac_key), directory)
        content_key = None
        if cfg.keep_content:
            raw = resolve_secret(cfg.content_key)
            if not raw:
                # Keeping content is a retention duty: refusing to start beats silently keeping nothing.
                raise crypto.AuditKeyError(f"audit.keep_content is on but {cfg.content_key} is not set")
            content_key = crypto.parse_content_key(raw)
        redis = None
        if cfg.redis_url:
            from redis.asyncio import Redis

            # Short timeouts: a hung Redis must delay the stream, never the requests.
            redis = Redis.from_url(cfg.redis_url, socket_timeout=2.0, socket_connect_timeout=2.0)
        return cls(
            directory,
            hmac_key=hmac_key,
            content_key=content_key,
            fail_closed=cfg.fail_closed,
            redis=redis,
            stream=cfg.stream,
            clock=clock,
            metrics=metrics,
        )

    @property
    def path(self) -> Path | None:
        """The file currently written, once the first record is in."""
        return self.directory / file_name(self._day, self.chain_id) if self._day else None

    def prompt_hmac(self, text: str) -> str:
        """Keyed hash of the prompt for the record's `prompt_hmac`."""
        return crypto.prompt_hmac(self._hmac_key, text)

    def seal_content(self, prompt: str, answer: str) -> str | None:
        """Encrypted prompt and answer for the record's `content`; None unless content is kept."""
        if self._content_key is None:
            return None
        return crypto.seal(self._content_key, prompt, answer)

    async def append(self, record: AuditRecord) -> None:
        """Write one record durably (and publish it); raises AuditWriteError when fail_closed."""
        # Shielded: a client hanging up mid-write must not leave a record written but unpublished.
        await asyncio.shield(self._append(record))

    async def _append(self, record: AuditRecord) -> None:
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        # One lock across write and enqueue keeps each chain's stream entries in chain order.
        async with self._async_lock:
            try:
                name, line = await asyncio.to_thread(self._write, record)
            except AuditWriteError:
                if self._metrics:
                    self._metrics.audit_failed("file")
                if self.fail_closed:
                    raise
                log.error("audit record %s not written (fail_closed is off)", record.request_id)
                return
            if self._redis is not None:
                self._enqueue(name, line)

    async def drain(self, timeout: float = 5.0) -> bool:
        """Wait until every record so far is published to the stream; False on timeout."""
        if self._queue is None:
            return True
        try:
            await asyncio.wait_for(self._queue.join(), timeout)
        except TimeoutError:
            return False
        return True

    def append_sync(self, record: AuditRecord) -> dict[str, Any]:
        """Blocking append without publishing (CLI tools, benchmarks); returns the sealed record."""
        with self._thread_lock:
            sealed, _ = self._write_locked(record)
        return sealed

    async def close(self) -> None:
        """Publish what is queued (briefly), then close the file and the Redis connection."""
        if self._publisher is not None:
            if not await self.drain():
                log.warning(
                    "audit stream: %d record(s) left unpublished at shutdown", self._queue.qsize() if self._queue else 0
                )
            self._publisher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._publisher
            self._publisher = None
        with self._thread_lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None
        if self._redis is not None:
            await self._redis.aclose()

    def _write(self, record: AuditRecord) -> tuple[str, bytes]:
        with self._thread_lock:
            _, line = self._write_locked(record)
            return file_name(self._day or "", self.chain_id), line

    def _write_locked(self, record: AuditRecord) -> tuple[dict[str, Any], bytes]:
        body = record.model_dump(mode="json")
        try:
            fh = self._file_for(self._clock().astimezone(UTC).strftime("%Y-%m-%d"))
            sealed, line = seal(body, self.chain_id, self._seq, self._prev, self.chain_key)
            if fh.tell() != self._end:
                # An earlier failed write could not be cut back: do it now, or write nothing.
                fh.truncate(self._end)
            try:
                view = memoryview(line)
                while view:  # unbuffered: a short write is retried, nothing lingers in a buffer
                    written = fh.write(view)
                    view = view[written or 0 :]
                os.fsync(fh.fileno())
            except OSError:
                # Leave no half record behind: the next append must still link to a whole line.
                with contextlib.suppress(OSError):
                    fh.truncate(self._end)
                raise
        except OSError as exc:
            raise AuditWriteError(f"audit record could not be written: {exc.strerror or exc}") from exc
        self._end += len(line)
        self._seq += 1
        self._prev = sealed["hash"]
        return sealed, line

    def _file_for(self, day: str) -> io.FileIO:
        if self._fh is not None and self._day is not None and day <= self._day:
            return self._fh
        # A new day (never an earlier one: the clock may step back) opens a new file; the chain
        # carries on, so the first record of the new file links to the last of the old one.
        path = self.directory / file_name(day, self.chain_id)
        fh = open(path, "ab", buffering=0)  # noqa: SIM115 — kept open across appends
        try:
            end = self._recover(fh, path)
            dir_fd = os.open(self.directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            fh.close()
            raise
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                log.warning("closing the previous audit file failed")
        self._fh, self._day, self._end = fh, day, end
        return fh

    def _recover(self, fh: io.FileIO, path: Path) -> int:
        """Cut a torn last line off a file this chain appends to, and carry on from its last record.

        Torn: no newline at the end (a write cut short), or a last line that is not JSON (blocks a
        crash left unwritten). Only the last line is ever cut; anything else is for `verify` to report.
        """
        size = os.fstat(fh.fileno()).st_size
        if size == 0:
            return 0
        with open(path, "rb") as reader:
            data = reader.read()
        whole = data.rfind(b"\n") + 1
        if whole == size and _last_record(data, whole) is None:
            whole = data.rfind(b"\n", 0, whole - 1) + 1  # a whole but unreadable last line: torn as well
        if whole < size:
            log.warning(
                "audit file %s ended in a torn line (%d bytes, a write cut short); truncated to its last whole record",
                path.name,
                size - whole,
            )
            fh.truncate(whole)
            os.fsync(fh.fileno())
        if whole and self._seq == 0:
            last = _last_record(data, whole)
            if last is None or not isinstance(last.get("seq"), int) or not isinstance(last.get("hash"), str):
                raise OSError(f"{path.name}: the record before the torn line is unreadable; not appending to it")
            self._seq, self._prev = last["seq"] + 1, last["hash"]
        return whole

    def _enqueue(self, name: str, line: bytes) -> None:
        # Publishing runs behind the request: the fsynced file is the record of authority, and a
        # slow or absent Redis must not hold up requests. A lost entry shows as a gap in collect.
        if self._queue is None:
            self._queue = asyncio.Queue(maxsize=PUBLISH_QUEUE)
            self._publisher = asyncio.create_task(self._publish_loop(), name="sekisho-audit-publish")
        try:
            self._queue.put_nowait((name, line))
        except asyncio.QueueFull:
            self._stream_failed("queue full")

    async def _publish_loop(self) -> None:
        from redis.exceptions import RedisError

        assert self._queue is not None and self._redis is not None
        while True:
            name, line = await self._queue.get()
            try:
                await self._redis.xadd(self._stream, {"file": name, "record": line.rstrip(b"\n")})
            except (RedisError, OSError) as exc:
                self._stream_failed(type(exc).__name__)
            finally:
                self._queue.task_done()

    def _stream_failed(self, why: str) -> None:
        if self._metrics:
            self._metrics.audit_failed("stream")
        self._stream_failures += 1
        now = time.monotonic()
        if now - self._last_warning >= 60:  # one line a minute, not one per request, while Redis is away
            log.warning("audit stream publish failed (%s); %d failure(s) so far", why, self._stream_failures)
            self._last_warning = now


def _last_record(data: bytes, end: int) -> dict[str, Any] | None:
    """The JSON object on the line that ends at `end` (just past its newline), if it is one."""
    start = data.rfind(b"\n", 0, end - 1) + 1
    try:
        rec = json.loads(data[start:end])
    except ValueError:
        return None
    return rec if isinstance(rec, dict) else None
