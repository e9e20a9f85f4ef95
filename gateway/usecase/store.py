"""`TaxonomyStore`: the taxonomy in force, swapped on reload; a bad edit keeps the last good one."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from gateway.policy.errors import PolicyError
from gateway.usecase.classify import Taxonomy
from gateway.usecase.loader import default_taxonomy_path, load_taxonomy

log = logging.getLogger("sekisho.usecases")


class TaxonomyStore:
    """Holds the current `Taxonomy`; `current()` is a plain reference read, safe from any thread."""

    def __init__(self, path: str | Path | None, reload_interval_s: float = 2.0) -> None:
        self.path = Path(path) if path is not None else default_taxonomy_path()
        self.reload_interval_s = reload_interval_s
        self.last_error: str | None = None
        self.reloads = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Like the policy, the first load must succeed: a broken file stops the gateway from starting.
        self._taxonomy = load_taxonomy(self.path)
        self._signature = self._stat()
        log.info("use-case taxonomy loaded: %s version %s", self.path, self._taxonomy.version)

    def current(self) -> Taxonomy:
        return self._taxonomy

    def reload(self) -> bool:
        """Re-read the file now; True when it is valid and in force, False when refused (the old one stays)."""
        with self._lock:
            self._signature = self._stat()
            try:
                taxonomy = load_taxonomy(self.path)
            except PolicyError as exc:
                self.last_error = str(exc)
                log.error("use-case taxonomy reload refused, keeping version %s:\n%s", self._taxonomy.version, exc)
                return False
            self.last_error = None
            if taxonomy.version != self._taxonomy.version:
                self._taxonomy = taxonomy
                self.reloads += 1
                log.info("use-case taxonomy reloaded: %s version %s", self.path, taxonomy.version)
            return True

    def poll(self) -> bool | None:
        """Reload if the file changed and has settled; None when nothing changed."""
        if self._stat() == self._signature:
            return None
        first = self._stat()
        self._stop.wait(min(0.2, self.reload_interval_s / 4))
        if self._stat() != first:
            return None
        return self.reload()

    def start(self) -> None:
        """Watch the file from a daemon thread."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sekisho-usecase-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.reload_interval_s):
            try:
                self.poll()
            except Exception:  # the watcher must outlive any surprise; the old taxonomy stays
                log.exception("use-case watcher error; keeping version %s", self._taxonomy.version)

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)
