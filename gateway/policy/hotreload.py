"""`HotReload`: a file in force, swapped atomically on reload; a bad edit keeps the last good one.

The policy (`PolicyStore`) and the use-case taxonomy (`TaxonomyStore`) are both held this way: the
first load must succeed (a gateway without valid rules does not start), later edits are read from a
watcher thread or the event loop once the file has settled, and a refused edit leaves the old value
in force with the reason kept in `last_error`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from gateway.policy.errors import PolicyError

T = TypeVar("T")

# A file's (mtime_ns, size, inode) per source; a change of any triggers a reload attempt.
Signature = tuple[tuple[int, int, int] | None, ...]

# Told of every reload attempt: ("ok" | "rejected", the version in force afterwards).
OnReload = Callable[[str, str], None]


class HotReload(Generic[T]):
    """Holds the current value; `current()` is a plain reference read, safe from any thread.

    A subclass says what it holds: `noun` (for logs), `thread_name` (the watcher's), `_load` (read
    and validate `path`, raising `PolicyError`), `_version` and, when the value reads more files
    than `path`, `_sources`.
    """

    noun = "file"
    thread_name = "sekisho-watch"

    def __init__(
        self,
        path: Path,
        reload_interval_s: float,
        log: logging.Logger,
        on_reload: OnReload | None = None,
    ) -> None:
        self.path = path
        self.reload_interval_s = reload_interval_s
        self.on_reload = on_reload
        self.last_error: str | None = None  # why the file on disk was refused; None while it is in force
        self.last_error_count = 0
        self.reloads = 0  # successful swaps after the first load
        self.logger = log
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        # The first load must succeed: a gateway without valid rules does not start (fail closed).
        self._value: T = self._load()
        self._signature = self._stat()
        log.info("%s loaded: %s version %s", self.noun, self.path, self._version(self._value))

    def _load(self) -> T:
        raise NotImplementedError

    def _version(self, value: T) -> str:
        raise NotImplementedError

    def _sources(self, value: T) -> tuple[Path, ...]:
        """Files besides `path` that the value was read from (watched too)."""
        return ()

    def current(self) -> T:
        """The value in force; callers keep this reference for the whole request."""
        return self._value

    def reload(self) -> bool:
        """Re-read the files now; True when what is on disk is valid and in force, False when refused."""
        with self._lock:
            signature = self._stat()
            try:
                value = self._load()
            except PolicyError as exc:
                self.last_error = str(exc)
                self.last_error_count = len(exc.issues)
                self._signature = signature
                # The issues name file, line, field and the rule text only; never a prompt.
                self.logger.error(
                    "%s reload refused: %s has %d error(s), the file on disk is rejected; keeping version %s:\n%s",
                    self.noun, self.path, self.last_error_count, self._version(self._value), self.last_error,
                )  # fmt: skip
                self._tell("rejected")
                return False
            self.last_error = None
            self.last_error_count = 0
            self._signature = signature
            old, new = self._version(self._value), self._version(value)
            if new != old:
                self._value = value  # one reference assignment: readers see old or new, never a mix
                self.reloads += 1
                self.logger.info("%s reloaded: %s version %s (was %s)", self.noun, self.path, new, old)
            else:
                self.logger.info("%s re-read: %s version %s unchanged", self.noun, self.path, new)
            self._tell("ok")
            return True

    def _tell(self, result: str) -> None:
        if self.on_reload is None:
            return
        try:
            self.on_reload(result, self._version(self._value))
        except Exception:  # a metrics hook must not undo a reload
            self.logger.exception("%s reload hook failed", self.noun)

    def request_reload(self) -> None:
        """Ask the watcher to reload at once (safe from a signal handler: it only sets an event)."""
        self._wake.set()

    def changed(self) -> bool:
        """Whether any watched file differs from the last load attempt."""
        return self._stat() != self._signature

    def poll(self) -> bool | None:
        """One watcher step: reload if the files changed and have settled; None when nothing changed."""
        if not self.changed():
            return None
        # An editor writing in place can leave a half-written file for a moment; wait until it
        # stops changing so a truncated but still valid YAML is not taken for the edit.
        first = self._stat()
        self._stop.wait(min(0.2, self.reload_interval_s / 4))
        if self._stat() != first:
            return None
        return self.reload()

    def start(self) -> None:
        """Watch the files from a daemon thread (for non-async hosts)."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the watcher thread."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            woken = self._wake.wait(self.reload_interval_s)
            if self._stop.is_set():
                return
            self._wake.clear()
            try:
                if woken:
                    self.reload()
                else:
                    self.poll()
            except Exception:  # the watcher must outlive any surprise; the old value stays
                self.logger.exception("%s watcher error; keeping version %s", self.noun, self._version(self._value))

    async def run_watcher(self) -> None:
        """Watch the files from the event loop until cancelled; loading runs in a worker thread."""
        step = min(0.25, self.reload_interval_s)
        waited = 0.0
        while True:
            await asyncio.sleep(step)
            waited += step
            if not self._wake.is_set() and waited < self.reload_interval_s:
                continue
            waited = 0.0
            try:
                wake = self._wake.is_set()
                self._wake.clear()
                await asyncio.to_thread(self.reload if wake else self.poll)
            except Exception:  # see _run
                self.logger.exception("%s watcher error; keeping version %s", self.noun, self._version(self._value))

    def _stat(self) -> Signature:
        sources = (self.path, *self._sources(self._value)) if hasattr(self, "_value") else (self.path,)
        out: list[tuple[int, int, int] | None] = []
        for p in sources:
            try:
                st = p.stat()
                out.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                out.append(None)
        return tuple(out)
