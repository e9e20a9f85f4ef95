"""`PolicyStore`: the policy in force, swapped atomically on reload; a bad edit keeps the last good one."""

from __future__ import annotations

import logging
import signal
from pathlib import Path

from gateway.policy.catalog import Catalog
from gateway.policy.engine import Policy
from gateway.policy.hotreload import HotReload, OnReload, Signature
from gateway.policy.loader import default_policy_path, load_policy

log = logging.getLogger("sekisho.policy")

__all__ = ["OnReload", "PolicyStore", "Signature"]


class PolicyStore(HotReload[Policy]):
    """Holds the current `Policy`; `current()` is a plain reference read, safe from any thread.

    Watches the policy file and what it reads besides (dictionaries, custom recognisers).
    """

    noun = "policy"
    thread_name = "sekisho-policy-watch"

    def __init__(
        self,
        path: str | Path | None,
        catalog: Catalog,
        reload_interval_s: float = 2.0,
        on_reload: OnReload | None = None,
    ) -> None:
        self.catalog = catalog
        super().__init__(Path(path) if path is not None else default_policy_path(), reload_interval_s, log, on_reload)

    def _load(self) -> Policy:
        return load_policy(self.path, self.catalog)

    def _version(self, value: Policy) -> str:
        return value.version

    def _sources(self, value: Policy) -> tuple[Path, ...]:
        return value.sources[1:]

    def install_sighup(self) -> None:
        """Reload on SIGHUP (call from the main thread; needs the watcher running to act on it)."""
        signal.signal(signal.SIGHUP, lambda signum, frame: self.request_reload())
