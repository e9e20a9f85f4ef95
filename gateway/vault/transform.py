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
    return (await apply_traced(texts, findings, entity_actions, session))[0]


@dataclass(frozen=True, slots=True)
class Asked:
    """What texts asked the vault, in order, and what it answered: pseudonymised values with their
    placeholders, placeholder-like literals with whether each was reserved, escaped literals with theirs.
    Per text, how many of each are its own (`counts`), so the asks of the first texts can be cut off."""

    values: tuple[tuple[str, str], ...] = ()
    names: tuple[str, ...] = ()
    literals: tuple[tuple[str, int], ...] = ()
    reserved: tuple[bool, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    extra_names: tuple[str, ...] = ()
    counts: tuple[tuple[int, int, int], ...] = ()

    def first(self, n: int) -> Asked:
        """The asks of the first `n` texts (without per-text counts)."""
        v = sum(c[0] for c in self.counts[:n])
        lit = sum(c[1] for c in self.counts[:n])
        e = sum(c[2] for c in self.counts[:n])
        return Asked(self.values[:v], self.names[:v], self.literals[:lit], self.reserved[:lit], self.extra[:e], self.extra_names[:e])

    def unique(self) -> Asked:
        """The same asks, each value and literal once (a later repeat gets the answer the first got)."""
        values = dict(zip(self.values, self.names, strict=True))
        literals = dict(zip(self.literals, self.reserved, strict=True))
        extra = dict(zip(self.extra, self.extra_names, strict=True))
        return Asked(
            tuple(values), tuple(values.values()), tuple(literals), tuple(literals.values()),
            tuple(extra), tuple(extra.values()),
        )  # fmt: skip

    def then(self, later: Asked) -> Asked:
        """These asks followed by `later`'s (without per-text counts)."""
        return Asked(
            self.values + later.values, self.names + later.names, self.literals + later.literals,
            self.reserved + later.reserved, self.extra + later.extra, self.extra_names + later.extra_names,
        )  # fmt: skip


class Stale(Exception):
    """The vault answered earlier texts otherwise than it did when they were last transformed."""


async def apply_traced(
    texts: Sequence[str],
    findings: Sequence[Sequence[Finding]],
    entity_actions: Mapping[str, EntityAction],
    session: VaultSession | None,
    earlier: Asked | None = None,
) -> tuple[list[TransformResult], Asked]:
    """`apply_many`, with what the texts asked the vault. `earlier`: the asks of texts that come before
    these in the request and are not transformed again; they are asked first, exactly as if they were,
    and Stale is raised unless the vault answers them as it did then."""
    if len(texts) != len(findings):
        raise TransformError("one list of findings per text")
    plans = [_resolve(t, fs, entity_actions) for t, fs in zip(texts, findings, strict=True)]
    restoring = session is not None
    if session is None and any(s.action == "pseudonymize" for p in plans for s in p):
        if earlier is not None:
            raise TransformError("earlier texts need the conversation's vault session")
        session = VaultSession(MemoryStore(), "ephemeral")
    if session is None:
        return [_splice(t, p, {}) for t, p in zip(texts, plans, strict=True)], Asked(counts=((0, 0, 0),) * len(texts))

    before = earlier or Asked()
    pairs = list(zip(texts, plans, strict=True))
    own = [[(s.entity, t[s.start : s.end]) for s in p if s.action == "pseudonymize"] for t, p in pairs]
    found = [_free_literals(t, p) if restoring else [] for t, p in pairs]
    values = [v for per in own for v in per]
    literals = [(label, n) for per in found for _, _, label, n in per]
    names, reserved = await session.assign([*before.values, *values], [*before.literals, *literals])
    if tuple(names[: len(before.values)]) != before.names or tuple(reserved[: len(before.literals)]) != before.reserved:
        raise Stale("placeholders")
    names, reserved = names[len(before.values) :], reserved[len(before.literals) :]
    table = dict(zip(values, names, strict=True))

    # A literal whose number is already someone's placeholder is itself pseudonymised (〔原文1〕).
    flags = iter(reserved)
    escaped = [
        [_Span(a, b, placeholders.LITERAL_ENTITY, "pseudonymize", counted=False) for a, b, _, _ in per if not next(flags)]
        for per in found
    ]
    extra = [(s.entity, t[s.start : s.end]) for t, es in zip(texts, escaped, strict=True) for s in es]
    extra_names: list[str] = []
    if before.extra or extra:
        extra_names = await session.pseudonyms([*before.extra, *extra])
        if tuple(extra_names[: len(before.extra)]) != before.extra_names:
            raise Stale("escaped literals")
        extra_names = extra_names[len(before.extra) :]
        table.update(zip(extra, extra_names, strict=True))
        plans = [sorted([*p, *es], key=lambda s: s.start) for p, es in zip(plans, escaped, strict=True)]
    asked = Asked(
        tuple(values), tuple(names), tuple(literals), tuple(reserved), tuple(extra), tuple(extra_names),
        tuple((len(v), len(f), len(e)) for v, f, e in zip(own, found, escaped, strict=True)),
    )  # fmt: skip
    return [_splice(t, p, table) for t, p in zip(texts, plans, strict=True)], asked


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
