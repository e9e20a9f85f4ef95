"""The answer's way back: restore placeholders, then catch personal data the model added.

A stream is released as soon as its text can no longer change: only the tail that could still
grow into a personal value (`holdback.hold_from`) or a finding the scanner sees still growing is
held. Each release is scanned as a window, the last `CONTEXT` released characters (as the model
wrote them) in front of the unreleased text, so the cost per chunk is bounded and detectors keep
their left context (担当：, 電話番号); a segment of plain kana and punctuation between runs is released
without a scan. A whole answer is scanned at once, except for long stretches it copies from the
prompt (`gateway.copied`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from detectors.model import PERSONAL_ENTITY_TYPES, Finding
from gateway import copied
from gateway.holdback import HARD_BREAKS, LIMIT, SPACES, hold_from, in_run, may_decide

if TYPE_CHECKING:
    from gateway.vault.restore import StreamRestorer

CONTEXT = 32  # left context kept for the scanner: labels such as 担当者： or 電話番号は

SETTLED = 8  # characters after a finding that ends inside a run before its reading is taken as settled


class Found(Protocol):
    """What screening reads of a scan: a Detection, or a ScanResult (a classified one)."""

    @property
    def findings(self) -> Sequence[Finding]: ...


# Detections of several texts from one pass over them (`Policy.detect_many`): a whole answer's windows are
# read together, a stream's window alone.
Scan = Callable[[Sequence[str]], Awaitable[Sequence[Found]]]
Mask = Callable[[str, list[Finding]], Awaitable[str]]


class OutputGuard:
    """Feed answer text in pieces; get back text that is safe to send (restored, then screened)."""

    def __init__(
        self,
        restorer: StreamRestorer | None,
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
        self._context = ""
        self.entities: dict[str, int] = {}
        self.max_held = 0  # the longest tail held back at once (restorer and screening), in characters

    @property
    def held(self) -> int:
        """Characters received and not yet released."""
        return len(self._pending) + (self._restorer.held if self._restorer is not None else 0)

    async def feed(self, delta: str) -> str:
        text = self._restorer.feed(delta) if self._restorer is not None else delta
        if not self._actions:
            self.max_held = max(self.max_held, self.held)
            return text  # nothing to screen: only the restorer's own hold-back applies
        self._pending += text
        out = await self._release(hold_from(self._pending)) if self._pending else ""
        self.max_held = max(self.max_held, self.held)
        return out

    async def flush(self) -> str:
        tail = self._restorer.flush() if self._restorer is not None else ""
        self._pending += tail
        if not self._actions:
            out, self._pending = self._pending, ""
            return out
        return await self._release(len(self._pending), final=True)

    async def whole(self, text: str) -> str:
        """A whole (non-streamed) text: restored, then scanned and screened at once."""
        restorer = self._restorer
        restored = restorer.feed(text) + restorer.flush() if restorer is not None else text
        if not self._actions or not restored.strip():
            return restored
        findings = await self._read(restored)
        return await self._masked(restored, self._added(findings, 0, len(restored)))

    async def _read(self, text: str) -> Sequence[Finding]:
        """Findings in a whole text; the stretches it copies from the prompt are not read again (`copied`)."""
        if text in self._input:
            return []  # the caller's own text, however short: whatever a scan found in it would be let through
        repeated = copied.copies(text, self._input)
        parts = copied.windows(len(text), repeated) if repeated else [(0, len(text))]
        if not parts:
            return []  # the whole answer is the caller's own text
        detections = await self._scan([text[lo:hi] for lo, hi in parts])
        return [
            Finding(f.entity, lo + f.start, lo + f.end, f.text, f.score, f.detector)
            for (lo, _), d in zip(parts, detections, strict=True)
            for f in d.findings
        ]

    async def _release(self, cut: int, final: bool = False) -> str:
        if cut == 0:
            return ""
        pending, off = self._pending, len(self._context)
        window = self._context + pending
        if not final and _plain(pending[:cut], self._context):
            ready = pending[:cut]  # nothing in it can be part of a name, number or address
        elif window.strip():
            findings = [
                f
                for f in (await self._scan([window]))[0].findings
                if f.entity in PERSONAL_ENTITY_TYPES or self._actions.get(f.entity, "keep") != "keep"  # custom types too
            ]
            if not final:
                cut = _settle(window, off, cut, findings)
                if cut == 0:
                    return ""
            ready = await self._masked(pending[:cut], self._added(findings, off, off + cut))
        else:
            ready = pending[:cut]
        self._context = (self._context + pending[:cut])[-CONTEXT:]
        self._pending = pending[cut:]
        return ready

    def _added(self, findings: Sequence[Finding], start: int, end: int) -> list[Finding]:
        """Personal data in window[start:end] that the caller did not send, re-based to `start`; the policy's
        output table (custom types included) says which types count, non-personal ones being `keep`."""
        out = []
        for f in findings:
            if f.end <= start or f.start >= end:
                continue
            if f.text in self._input or self._actions.get(f.entity, "keep") == "keep":
                continue
            s, e = max(f.start, start), min(f.end, end)
            out.append(Finding(f.entity, s - start, e - start, f.text[s - f.start : e - f.start], f.score, f.detector))
        return out

    async def _masked(self, text: str, added: list[Finding]) -> str:
        for f in added:
            self.entities[f.entity] = self.entities.get(f.entity, 0) + 1
        return await self._mask(text, added) if added else text


def _settle(window: str, off: int, cut: int, findings: Sequence[Finding]) -> int:
    """Move a cut (in the unreleased part) back so it neither splits a finding nor releases one still growing."""
    end, at = len(window), off + cut
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        after = window[f.end : end]
        growing = _may_grow(after) or _mid_run(window, f, after)
        if f.start < at < f.end or (growing and f.start < at):
            at = f.start
    return max(at - off, 0)


def _may_grow(after: str) -> bool:
    """Whether a finding followed by `after` (up to the unreleased end) could still get longer."""
    if any(c in HARD_BREAKS for c in after):
        return False
    return may_decide(after) or (len(after) < LIMIT and all(in_run(c) or c in SPACES for c in after))


_HONORIFIC_KANA = ("さん", "くん", "ちゃん", "さま", "どの", "たん", "はん")


def _plain(segment: str, context: str) -> bool:
    """Kana and punctuation only, with no honorific, space or label colon that could make a kana name of it.

    Such a segment is released without a scan (most of a Japanese answer between its runs): the
    runs before it were settled with their right context when they were released.
    """
    if any(in_run(c) or c in SPACES for c in segment):
        return False
    around = context[-3:] + segment
    return not any(h in around for h in _HONORIFIC_KANA) and not context.endswith(("：", ":"))


def _mid_run(window: str, f: Finding, after: str) -> bool:
    """A finding that ends inside a run (佐々木健|一様に) until a few characters follow it: where a
    word ends there may still change with what comes next (一様に連 is read 一様 + に, 一様に連絡 not)."""
    return (
        f.end < len(window)
        and in_run(window[f.end])
        and in_run(window[f.end - 1])
        and len(after) < SETTLED
        and not any(c in HARD_BREAKS for c in after)
    )
