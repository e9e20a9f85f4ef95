"""The answer's way back: restore placeholders, then catch personal data the model added.

Text is released sentence by sentence: a sentence is scanned as a whole before any of it reaches
the client, so a name the model invents is masked even inside a stream.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping

from detectors.model import PERSONAL_ENTITY_TYPES, Finding, ScanResult

# A sentence ends at 。！？!? or a line break; beyond this many characters we release anyway.
_BOUNDARY = re.compile(r"[。！？!?\n]")
_MAX_HOLD = 400
_TAIL = 64  # kept back at a forced release, so a value straddling the cut is scanned whole

Scan = Callable[[str], Awaitable[ScanResult]]
Mask = Callable[[str, list[Finding]], Awaitable[str]]


class OutputGuard:
    """Feed answer text in pieces; get back text that is safe to send (restored, then screened)."""

    def __init__(
        self,
        restorer: object | None,
        scan: Scan,
        actions: Mapping[str, str],
        input_text: str,
        mask: Mask,
    ) -> None:
        self._restorer = restorer
        self._scan = scan
        self._actions = actions
        self._input = input_text
        self._mask = mask
        self._pending = ""
        self.entities: dict[str, int] = {}

    async def feed(self, delta: str) -> str:
        text = self._restorer.feed(delta) if self._restorer is not None else delta  # type: ignore[attr-defined]
        if not self._actions:
            return text  # nothing to screen: only the restorer's own hold-back applies
        self._pending += text
        cut = _last_boundary(self._pending)
        if cut == 0:
            return await self._release_long() if len(self._pending) >= _MAX_HOLD else ""
        ready, self._pending = self._pending[:cut], self._pending[cut:]
        return await self._screen(ready)

    async def flush(self) -> str:
        tail = self._restorer.flush() if self._restorer is not None else ""  # type: ignore[attr-defined]
        ready, self._pending = self._pending + tail, ""
        return await self._screen(ready) if ready else ""

    async def _release_long(self) -> str:
        """No sentence end for a long while: release all but a tail, never cutting through a finding."""
        text = self._pending
        result = await self._scan(text)
        cut = len(text) - _TAIL
        for f in result.findings:
            if f.start < cut < f.end:
                cut = f.start
        self._pending = text[cut:]
        return await self._masked(text[:cut], [f for f in self._added(result) if f.end <= cut])

    async def _screen(self, text: str) -> str:
        if not self._actions or not text.strip():
            return text
        return await self._masked(text, self._added(await self._scan(text)))

    def _added(self, result: ScanResult) -> list[Finding]:
        """Personal data the answer holds that the caller did not send."""
        return [
            f
            for f in result.findings
            if f.entity in PERSONAL_ENTITY_TYPES and f.text not in self._input and self._actions.get(f.entity, "keep") != "keep"
        ]

    async def _masked(self, text: str, added: list[Finding]) -> str:
        for f in added:
            self.entities[f.entity] = self.entities.get(f.entity, 0) + 1
        return await self._mask(text, added) if added else text


def _last_boundary(text: str) -> int:
    last = 0
    for m in _BOUNDARY.finditer(text):
        last = m.end()
    return last
