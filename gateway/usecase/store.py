"""`TaxonomyStore`: the taxonomy in force, swapped on reload; a bad edit keeps the last good one."""

from __future__ import annotations

import logging
from pathlib import Path

from gateway.policy.hotreload import HotReload
from gateway.usecase.classify import Taxonomy
from gateway.usecase.loader import default_taxonomy_path, load_taxonomy

log = logging.getLogger("sekisho.usecases")


class TaxonomyStore(HotReload[Taxonomy]):
    """Holds the current `Taxonomy`; `current()` is a plain reference read, safe from any thread."""

    noun = "use-case taxonomy"
    thread_name = "sekisho-usecase-watch"

    def __init__(self, path: str | Path | None, reload_interval_s: float = 2.0) -> None:
        # Like the policy, the first load must succeed: a broken file stops the gateway from starting.
        super().__init__(Path(path) if path is not None else default_taxonomy_path(), reload_interval_s, log)

    def _load(self) -> Taxonomy:
        return load_taxonomy(self.path)

    def _version(self, value: Taxonomy) -> str:
        return value.version
