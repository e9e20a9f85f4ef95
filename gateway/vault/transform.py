"""Apply the policy's per-entity actions to a text: keep, mask (＜氏名＞) or pseudonymise (〔氏名1〕).

A direct splice, not presidio-anonymizer: its engine costs far more per call than the splice and its
operators are synchronous, while pseudonyms need one awaited vault round trip for the whole batch
(measured in docs/pseudonymisation.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

from detectors.model import Finding
from gateway.policy.decision import EntityAction
from gateway.vault import placeholders
from gateway.vault.errors import TransformError
from gateway.vault.session import VaultSession
from gateway.vault.store import MemoryStore

# Honorifics are not personal data and models add them back anyway; cutting them off a name makes
# 佐藤花子さん and 佐藤花子 one value, one placeholder.
HONORIFICS: Final = ("さん", "さま", "様", "ちゃん", "くん", "君", "殿", "氏", "先生")
ACTIONS: Final = frozenset({"keep", "mask", "pseudonymize"})


@dataclass(frozen=True, slots=True)
class TransformResult:
    """The transformed text and, per entity type, how many spans each action replaced."""

    text: str
    counts: dict[str, dict[str, int]]


class _Span(NamedTuple):
    """A stretch to replace. A tuple, not a dataclass: a long conversation makes hundreds per request."""

    start: int
    end: int
    entity: str
    action: str  # "mask" | "pseudonymize"
    counted: bool = True


async def apply(
    text: str,
    findings: Sequence[Finding],
    entity_actions: Mapping[str, EntityAction],
    session: VaultSession | None,
) -> TransformResult:
    """Mask or pseudonymise the findings of one text (see `apply_many`)."""
    return (await apply_many([text], [findings], entity_actions, session))[0]


async def apply_many(
    texts: Sequence[str],
    findings: Sequence[Sequence[Finding]],
    entity_actions: Mapping[str, EntityAction],
    session: VaultSession | None,
) -> list[TransformResult]:
    """Transform many texts of one request with at most two vault round trips in all.

    Without a session, pseudonyms are numbered for this call only (embeddings: nothing to restore).
    With one, text of the caller's that already reads as a placeholder is reserved or escaped, so
    restoring the answer can never turn it into someone's data.
    """
    if len(texts) != len(findings):
        raise TransformError("one list of findings per text")
    plans = [_resolve(t, fs, entity_actions) for t, fs in zip(texts, findings, strict=True)]
    restoring = session is not None
    if session is None and any(s.action == "pseudonymize" for p in plans for s in p):
        session = VaultSession(MemoryStore(), "ephemeral")
    if session is None:
        return [_splice(t, p, {}) for t, p in zip(texts, plans, strict=True)]

    pairs = list(zip(texts, plans, strict=True))
    values = [(s.entity, t[s.start : s.end]) for t, p in pairs for s in p if s.action == "pseudonymize"]
    found = [_free_literals(t, p) if restoring else [] for t, p in pairs]
    names, reserved = await session.assign(values, [(label, n) for per in found for _, _, label, n in per])
    table = dict(zip(values, names, strict=True))

    # A literal whose number is already someone's placeholder is itself pseudonymised (〔原文1〕).
    flags = iter(reserved)
    escaped = [
        [_Span(a, b, placeholders.LITERAL_ENTITY, "pseudonymize", counted=False) for a, b, _, _ in per if not next(flags)]
        for per in found
    ]
    if any(escaped):
        extra = [(s.entity, t[s.start : s.end]) for t, es in zip(texts, escaped, strict=True) for s in es]
        table.update(zip(extra, await session.pseudonyms(extra), strict=True))
        plans = [sorted([*p, *es], key=lambda s: s.start) for p, es in zip(plans, escaped, strict=True)]
    return [_splice(t, p, table) for t, p in zip(texts, plans, strict=True)]


def _resolve(text: str, findings: Sequence[Finding], actions: Mapping[str, EntityAction]) -> list[_Span]:
    """Acting spans, checked against the text, honorifics cut, overlaps merged; sorted by start."""
    spans: list[tuple[_Span, float]] = []
    for f in findings:
        action = actions.get(f.entity, "keep")
        if action not in ACTIONS:
            raise TransformError(f"unknown action {action!r} for {f.entity}")
        if action == "keep":
            continue
        if not (0 <= f.start < f.end <= len(text)) or text[f.start : f.end] != f.text:
            # Offsets that do not index this text would mask the wrong characters: send nothing.
            raise TransformError(f"{f.entity} finding at {f.start}..{f.end} ({f.detector}) does not match the text")
        end = f.end
        if f.entity == "PERSON" and text.endswith(HONORIFICS, f.start, end):
            for h in HONORIFICS:
                if text.endswith(h, f.start, end) and end - len(h) > f.start:
                    end -= len(h)
                    break
        spans.append((_Span(f.start, end, f.entity, action), f.score))
    spans.sort(key=lambda x: (x[0].start, -x[0].end))
    merged: list[_Span] = []
    group: list[tuple[_Span, float]] = []
    group_end = -1
    for item in spans:
        if group and item[0].start >= group_end:
            merged.append(_merge(group))
            group = []
        group.append(item)
        group_end = max(group_end, item[0].end) if len(group) > 1 else item[0].end
    if group:
        merged.append(_merge(group))
    return merged


def _merge(group: list[tuple[_Span, float]]) -> _Span:
    """Overlapping findings become one span over all of them, typed by the longest (then surest)."""
    if len(group) == 1:
        return group[0][0]
    lead = max(group, key=lambda x: (x[0].end - x[0].start, x[1]))[0]
    return _Span(min(s.start for s, _ in group), max(s.end for s, _ in group), lead.entity, lead.action)


def _free_literals(text: str, spans: list[_Span]) -> list[tuple[int, int, str, int]]:
    """Placeholder-like spellings in the caller's text that no span replaces."""
    found = placeholders.literals(text)
    if not found or not spans:
        return found
    return [x for x in found if all(x[1] <= s.start or x[0] >= s.end for s in spans)]


def _splice(text: str, spans: list[_Span], table: Mapping[tuple[str, str], str]) -> TransformResult:
    counts: dict[str, dict[str, int]] = {}
    out: list[str] = []
    pos = 0
    for s in spans:
        out.append(text[pos : s.start])
        if s.action == "mask":
            out.append(placeholders.mask_for(s.entity))
        else:
            out.append(table[(s.entity, text[s.start : s.end])])
        pos = s.end
        if s.counted:
            per = counts.setdefault(s.entity, {})
            per[s.action] = per.get(s.action, 0) + 1
    out.append(text[pos:])
    return TransformResult("".join(out), counts)
