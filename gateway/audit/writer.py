"""The audit writer: one hash chain per process, append-only JSONL, rotated daily, group-committed.

Group commit: records that arrive while a write is under way wait, and then go down together in
one write and one fsync; every waiter's `append` returns only after the fsync that covers its
record (and every one fails if that write or fsync fails). One request alone still gets its own
fsync at once; fifty concurrent ones share a few instead of queueing for fifty. Every record goes
through one lock and one write path (`_write_batch`).

A record with nothing else to wait on (no batch under way, and `alone()` says no other request is
in flight) is written and fsynced on the event loop itself: the hop to the writer thread and back
(two wake-ups: ~50 µs of the loop's CPU, and up to a few hundred µs of wall time when the cores are
busy) is paid twice a request, and there is nobody for the loop to serve meanwhile. Once fsyncs turn slow (a moving
average above `INLINE_SYNC_MAX_S`), records go through the thread again, so a slow disk never stalls
a request that arrives during the fsync for long. The writer never appends after a half line:
a failed write is cut back to the last whole record, and a file it opens that ends in a torn line
(a crash mid-write) is truncated to its last whole record first, with a warning.
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
from collections.abc import Callable, Mapping
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
INLINE_SYNC_MAX_S = 0.002  # a lone record is fsynced on the loop while fsyncs average less than this


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
        self._waiting: list[tuple[AuditRecord | Mapping[str, Any], asyncio.Future[tuple[str, bytes]]]] = []
        self._committer: asyncio.Task[None] | None = None
        self.syncs = 0  # fsyncs of records so far (fewer than records once requests overlap)
        # Whether the record being appended belongs to the only request in flight (set by the app).
        self.alone: Callable[[], bool] = lambda: False
        self._sync_s = 0.0  # moving average of a write and fsync, for choosing the loop or the thread
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

    async def append(self, record: AuditRecord | Mapping[str, Any]) -> None:
        """Write one record durably (and publish it); raises AuditWriteError when fail_closed.

        `record` is an AuditRecord, or the JSON object of one with every field (the gateway's own,
        built by gateway.trail without a model per request).
        """
        idle = not self._waiting and (self._committer is None or self._committer.done())
        if idle and self._sync_s < INLINE_SYNC_MAX_S and self.alone():
            # Synchronous from here to the end: nothing can cancel it half way.
            self._append_inline(record)
            return
        # Shielded: a client hanging up mid-write must not leave a record written but unpublished.
        await asyncio.shield(self._append(record))

    def _append_inline(self, record: AuditRecord | Mapping[str, Any]) -> None:
        try:
            written = self._write([record])
        except AuditWriteError as exc:
            self._failed(record, exc)
            return
        except Exception as exc:  # noqa: BLE001 - reported as the thread path does: an AuditWriteError, the type only
            self._failed(record, AuditWriteError(f"audit write failed: {type(exc).__name__}"))
            return
        if self._redis is not None:
            self._enqueue(*written[0])

    async def _append(self, record: AuditRecord | Mapping[str, Any]) -> None:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[tuple[str, bytes]] = loop.create_future()
        self._waiting.append((record, done))
        if self._committer is None or self._committer.done():
            self._committer = asyncio.create_task(self._commit_loop(), name="sekisho-audit-commit")
        try:
            await done
        except AuditWriteError as exc:
            self._failed(record, exc)

    def _failed(self, record: AuditRecord | Mapping[str, Any], exc: AuditWriteError) -> None:
        """Count a record that could not be written; raise its error when fail_closed."""
        if self._metrics:
            self._metrics.audit_failed("file")
        if self.fail_closed:
            raise exc
        request_id = record.request_id if isinstance(record, AuditRecord) else record.get("request_id")
        log.error("audit record %s not written (fail_closed is off)", request_id)

    async def _commit_loop(self) -> None:
        """Write what is waiting, one batch (one write, one fsync) at a time, until nothing waits."""
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                written = await asyncio.to_thread(self._write, [r for r, _ in batch])
            except BaseException as exc:  # every waiter learns of it; none is left hanging
                failure = exc if isinstance(exc, AuditWriteError) else AuditWriteError(f"audit write failed: {type(exc).__name__}")
                for _, done in batch:
                    if not done.done():
                        # One exception each: the same instance raised in several tasks shares a traceback.
                        done.set_exception(AuditWriteError(str(failure)))
                if not isinstance(exc, Exception):
                    raise
                continue
            # Published in chain order, before the waiters run on: each chain's stream stays ordered.
            for (name, line), (_, done) in zip(written, batch, strict=True):
                if self._redis is not None:
                    self._enqueue(name, line)
                if not done.done():
                    done.set_result((name, line))

    async def drain(self, timeout: float = 5.0) -> bool:
        """Wait until every record so far is published to the stream; False on timeout."""
        if self._queue is None:
            return True
        try:
            await asyncio.wait_for(self._queue.join(), timeout)
        except TimeoutError:
            return False
        return True

    def append_sync(self, record: AuditRecord | Mapping[str, Any]) -> dict[str, Any]:
        """Blocking append without publishing (CLI tools, benchmarks); returns the sealed record."""
        with self._thread_lock:
            return self._write_batch([record])[0][0]

    async def close(self) -> None:
        """Finish the batch under way, publish what is queued (briefly), then close the file and Redis."""
        if self._committer is not None and not self._committer.done():
            with contextlib.suppress(Exception):
                await self._committer
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

    def _write(self, records: list[AuditRecord | Mapping[str, Any]]) -> list[tuple[str, bytes]]:
        with self._thread_lock:
            t0 = time.perf_counter()
            out = [(name, line) for _, name, line in self._write_batch(records)]
            self._sync_s += (time.perf_counter() - t0 - self._sync_s) / 8
            return out

    def _write_batch(self, records: list[AuditRecord | Mapping[str, Any]]) -> list[tuple[dict[str, Any], str, bytes]]:
        """Seal the records in order and write them with one fsync per file (one, unless a day turns).

        All or nothing per file: on failure the file is cut back to its last whole record, the chain
        does not advance past the last record made durable, and AuditWriteError is raised.
        """
        out: list[tuple[dict[str, Any], str, bytes]] = []
        pending: list[tuple[dict[str, Any], bytes]] = []
        day: str | None = None
        seq, prev = self._seq, self._prev
        try:
            for record in records:
                body = record.model_dump(mode="json") if isinstance(record, AuditRecord) else record
                today = self._clock().astimezone(UTC).strftime("%Y-%m-%d")
                if pending and today > (day or ""):
                    out += self._commit(day, pending)  # the old day's file is done: make it durable first
                    pending = []
                if not pending:
                    day = max(today, self._day or today)  # never an earlier day: the clock may step back
                    self._file_for(day)  # opening a file this chain wrote before carries its chain on
                    seq, prev = self._seq, self._prev
                sealed, line = seal(body, self.chain_id, seq, prev, self.chain_key)
                seq, prev = seq + 1, sealed["hash"]
                pending.append((sealed, line))
            if pending:
                out += self._commit(day, pending)
        except OSError as exc:
            raise AuditWriteError(f"audit record could not be written: {exc.strerror or exc}") from exc
        return out

    def _commit(self, day: str | None, pending: list[tuple[dict[str, Any], bytes]]) -> list[tuple[dict[str, Any], str, bytes]]:
        """Write these sealed lines to `day`'s file and fsync it once; advance the chain only then."""
        assert day is not None
        fh = self._file_for(day)
        if fh.tell() != self._end:
            # An earlier failed write could not be cut back: do it now, or write nothing.
            fh.truncate(self._end)
        data = b"".join(line for _, line in pending)
        try:
            view = memoryview(data)
            while view:  # unbuffered: a short write is retried, nothing lingers in a buffer
                written = fh.write(view)
                view = view[written or 0 :]
            os.fsync(fh.fileno())
        except OSError:
            # Leave no half record behind: the next append must still link to a whole line.
            with contextlib.suppress(OSError):
                fh.truncate(self._end)
            raise
        self.syncs += 1
        self._end += len(data)
        self._seq += len(pending)
        self._prev = pending[-1][0]["hash"]
        name = file_name(self._day or day, self.chain_id)
        return [(sealed, name, line) for sealed, line in pending]

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
