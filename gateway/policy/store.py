"""`PolicyStore`: the policy in force, swapped atomically on reload; a bad edit keeps the last good one."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path

from gateway.policy.catalog import Catalog
from gateway.policy.engine import Policy
from gateway.policy.errors import PolicyError
from gateway.policy.loader import default_policy_path, load_policy

log = logging.getLogger("sekisho.policy")

# A file's (mtime_ns, size, inode) per source; a change of any triggers a reload attempt.
Signature = tuple[tuple[int, int, int] | None, ...]

# Told of every reload attempt: ("ok" | "rejected", the version in force afterwards).
OnReload = Callable[[str, str], None]


class PolicyStore:
    """Holds the current `Policy`; `current()` is a plain reference read, safe from any thread."""

    def __init__(
        self,
        path: str | Path | None,
        catalog: Catalog,
        reload_interval_s: float = 2.0,
        on_reload: OnReload | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_policy_path()
        self.catalog = catalog
        self.reload_interval_s = reload_interval_s
        self.on_reload = on_reload
        self.last_error: str | None = None  # why the file on disk was refused; None while it is in force
        self.last_error_count = 0
        self.reloads = 0  # successful swaps after the first load
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        # The first load must succeed: a gateway without a valid policy does not start (fail closed).
        self._policy = load_policy(self.path, catalog)
        self._signature = self._stat()
        log.info("policy loaded: %s version %s", self.path, self._policy.version)

    def current(self) -> Policy:
        """The policy in force; callers keep this reference for the whole request."""
        return self._policy

    def reload(self) -> bool:
        """Re-read the files now; True when the policy on disk is valid and in force, False when refused."""
        with self._lock:
            signature = self._stat()
            try:
                policy = load_policy(self.path, self.catalog)
            except PolicyError as exc:
                self.last_error = str(exc)
                self.last_error_count = len(exc.issues)
                self._signature = signature
                # The issues name file, line, field and policy text only; never a prompt.
                log.error(
                    "policy reload refused: %s has %d error(s), the file on disk is rejected; keeping version %s:\n%s",
                    self.path, self.last_error_count, self._policy.version, self.last_error,
                )  # fmt: skip
                self._tell("rejected")
                return False
            self.last_error = None
            self.last_error_count = 0
            self._signature = signature
            if policy.version != self._policy.version:
                old = self._policy.version
                self._policy = policy  # one reference assignment: readers see old or new, never a mix
                self.reloads += 1
                log.info("policy reloaded: %s version %s (was %s)", self.path, policy.version, old)
            else:
                log.info("policy re-read: %s version %s unchanged", self.path, policy.version)
            self._tell("ok")
            return True

    def _tell(self, result: str) -> None:
        if self.on_reload is None:
            return
        try:
            self.on_reload(result, self._policy.version)
        except Exception:  # a metrics hook must not undo a reload
            log.exception("policy reload hook failed")

    def request_reload(self) -> None:
        """Ask the watcher to reload at once (safe from a signal handler: it only sets an event)."""
        self._wake.set()

    def install_sighup(self) -> None:
        """Reload on SIGHUP (call from the main thread; needs the watcher running to act on it)."""
        signal.signal(signal.SIGHUP, lambda signum, frame: self.request_reload())

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
        self._thread = threading.Thread(target=self._run, name="sekisho-policy-watch", daemon=True)
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
            except Exception:  # the watcher must outlive any surprise; the old policy stays
                log.exception("policy watcher error; keeping version %s", self._policy.version)

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
                log.exception("policy watcher error; keeping version %s", self._policy.version)

    def _stat(self) -> Signature:
        sources = (self.path, *self._policy.sources[1:]) if hasattr(self, "_policy") else (self.path,)
        out: list[tuple[int, int, int] | None] = []
        for p in sources:
            try:
                st = p.stat()
                out.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except OSError:
                out.append(None)
        return tuple(out)
