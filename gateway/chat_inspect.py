"""A chat request inspected with what its conversation's last turn left (`gateway/memo.py`): the
messages that turn had are not read, detected or transformed again; everything else is.

The earlier messages must be exactly those of the memo (compared field by field), and the steps that
look at the whole request must come out as they would over every message: the combined findings and
keywords (tags and the level are then worked out as always), the decision's entity actions, the values
spread from one message to another, and the vault's placeholders (asked for every value, earlier ones
first, as a full pass asks). Anything that does not hold raises Stale, and the request is inspected
again in full, every message read: the memo saves work and never decides what is sent.
`tests/gateway/test_chat_inspect.py` checks the result against `pipeline.inspect` over random
conversations; `tests/gateway/test_conversation_warm_cold.py` against a gateway with no caches.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from detectors.combine import IN_OFFICE, combine, tags_for, with_spans
from detectors.model import Detection, Finding
from detectors.sensitive import SUBJECT_TYPES, names_a_subject
from gateway import history
from gateway.detection_cache import detector_fingerprint
from gateway.inspect import SEPARATOR, TextRef, chat_texts_from, joined, segments, write_back
from gateway.memo import Turn, is_flat, nested
from gateway.pipeline import Exchange, Plan, begin, copy_body, decide, detect_segments, plan_for, scanned
from gateway.spans import Source, acted_values, per_text, spread_added
from gateway.vault.transform import Asked, Stale, apply_traced

if TYPE_CHECKING:
    from gateway.memo import Memo
    from gateway.services import Services

_NAMING: Final = SUBJECT_TYPES | {"PERSON"}  # as detectors.combine counts a segment that names someone


async def prepare(services: Services, ex: Exchange, body: dict[str, Any], memo: Memo) -> tuple[dict[str, Any], Plan]:
    """The chat body inspected and transformed for sending (a new body: the client's is left as it came)."""
    shallow = dict(body)
    shallow["messages"] = list(body["messages"])
    await history.withhold_blocked(services, ex, shallow)
    received = shallow["messages"]
    cfg = services.config.inspection
    key = (
        ex.conversation_in(services.vault, received),
        services.policies.current().version,
        detector_fingerprint(),
        cfg.unknown_fields,
        cfg.bidi_controls,
    )
    turn = memo.get(key)
    if turn is not None and turn.follows(received):
        try:
            out = await _inspect(services, ex, shallow, key, turn, memo)
        except Stale:
            memo.forget(key)
        else:
            memo.hits += 1
            return out
    memo.misses += 1
    return await _inspect(services, ex, shallow, key, None, memo)


async def _inspect(
    services: Services, ex: Exchange, shallow: dict[str, Any], key: tuple[str, ...], turn: Turn | None, memo: Memo
) -> tuple[dict[str, Any], Plan]:
    known = len(turn.received) if turn is not None else 0
    received = shallow["messages"]
    body = {name: value if name == "messages" else copy_body(value) for name, value in shallow.items()}
    body["messages"] = [*(turn.handed_out() if turn is not None else ()), *(copy_body(m) for m in received[known:])]
    cfg = services.config.inspection
    refs, m0, m1 = chat_texts_from(body, known, cfg.unknown_fields, cfg.bidi_controls)
    requested, policy = begin(services, ex, body)
    head = refs[:m0]
    if turn is None:
        suffix, extending = refs, m1  # the head and every message extend the (empty) prefix
    else:
        suffix, extending = refs[m0:], m1 - m0
        if policy.version != key[1] or _read(head) != turn.head:
            raise Stale("policy or head fields")
    named = any(r.entity for r in refs)
    if turn is not None and (named or (suffix and suffix[0].glued)):
        raise Stale("named fields")

    before = turn.text if turn is not None else ""
    stext, soffsets = joined(suffix)
    glue = SEPARATOR if (turn is not None and turn.refs and suffix) else ""
    base = len(before) + len(glue)
    text = before + glue + stext
    offsets = [base + o for o in soffsets]
    ex.prompt_text = text
    ranges = segments(suffix)
    parts: list[tuple[int, Detection]] = []

    async def scan() -> Any:
        detections = await detect_segments(services, policy, suffix, ranges, text, offsets)
        parts.extend((offsets[a], d) for (a, _), d in zip(ranges, detections, strict=True))
        whole = _combined(turn, parts, text)
        if named:
            spans = [(o, o + len(r.text), r.entity, "inspect.field") for r, o in zip(refs, offsets, strict=True) if r.entity and r.text.strip()]
            whole = with_spans(whole, spans, text)
        return policy.classify(whole)

    result = await scanned(ex, scan())
    decision = policy.decide(result, ex.principal, requested.info)
    if turn is not None and decision.action == "block":
        raise Stale("blocked")  # read in full, so the block is remembered against the messages as they came
    session = await decide(services, ex, body, policy, decision, turn.conversation if turn is not None else None)
    actions = dict(decision.entity_actions)
    if turn is not None and (actions != turn.actions or (session is not None) != turn.session):
        raise Stale("decision")

    values: dict[str, Source] = {}
    own: dict[str, Source] = {}
    added: list[Finding] = []
    asked = Asked()
    ordered: list[Finding] = []
    if actions or session is not None:
        acted = [t for t, a in actions.items() if a != "keep"]
        ordered = sorted(result.findings[len(turn.findings) :] if turn is not None else result.findings, key=lambda f: (f.start, f.end))
        own = acted_values(ordered, acted)
        values = own if turn is None else {**turn.own, **own}
        if turn is not None:
            _check_spread(turn, own, before)
        added = spread_added(ordered, text, values, len(before))
        everywhere = sorted([*ordered, *added], key=lambda f: (f.start, f.end)) if added else ordered
        local = per_text(everywhere, [r.text for r in suffix], offsets)
        results, asked = await apply_traced([r.text for r in suffix], local, actions, session, turn.asked if turn is not None else None)
        sent = [r.text for r in results]
    else:
        sent = [r.text for r in suffix]
    if turn is not None:
        write_back([*head, *suffix], [*turn.head_sent, *sent])
    else:
        write_back(suffix, sent)
    plan = plan_for(services, body, policy, result, decision, session)

    # Kept for the next turn unless a later turn could not tell what to reuse: fields that name someone
    # whole, a value across lines (it could run from these messages into new ones), or no user message
    # yet (the conversation's vault id, from the messages up to the first user's, would still change).
    opened = turn is not None or any(isinstance(m, dict) and m.get("role") == "user" for m in received)
    if opened and not named and not any("\n" in v for v in own):  # the memo's own are on one line each
        end = offsets[extending - 1] + len(suffix[extending - 1].text) if extending else len(before)
        head_sent = turn.head_sent if turn is not None else sent[:m0]
        news = sum(1 for _, b in ranges if b <= extending)  # segments of the texts that extend the memo's part
        memo.put(key, _next(turn, body, received, head, result.detection, text, end, parts[:news], extending, head_sent,
                            actions, session, values, ordered, added, asked))  # fmt: skip
    return body, plan


def _read(refs: Sequence[TextRef]) -> tuple[tuple[str, str, bool, bool], ...]:
    """How texts were read: where each is, what it says, and how it joins the one before."""
    return tuple((r.path, r.text, r.glued, r.is_key) for r in refs)


def _combined(turn: Turn | None, parts: Sequence[tuple[int, Detection]], text: str) -> Detection:
    """`combine` of every segment, the earlier ones as the memo has them."""
    if turn is None:
        return combine(parts, text)
    new = combine(parts, text) if parts else Detection((), (), frozenset(), frozenset())
    keywords = set(turn.keywords)
    for _, d in parts:
        keywords |= d.keywords
    naming = [d for _, d in parts if any(f.entity in _NAMING for f in d.findings)]
    count = turn.naming + len(naming)
    in_office = turn.in_office and all(IN_OFFICE in d.keywords for d in naming)
    if not count or not in_office or names_a_subject(text):
        keywords.discard(IN_OFFICE)
    findings = turn.findings + new.findings
    return Detection(findings, turn.markings + new.markings, tags_for(findings, keywords), frozenset(keywords))


def _check_spread(turn: Turn, own: dict[str, Source], before: str) -> None:
    """Raise Stale unless spreading this request's values over the earlier text adds what it added then:
    the same values occur there (so they match where they matched), those spread carry the same source,
    and none can run across into the new text."""
    occurring = set(turn.own)
    for value in own:
        if "\n" in value:
            raise Stale("a value across lines")
        if value in before:
            occurring.add(value)
    if occurring != turn.present:
        raise Stale("spread: other values")
    for value, source in turn.adding.items():
        if own.get(value, turn.own.get(value)) != source:
            raise Stale("spread: another source")


def _next(
    turn: Turn | None,
    body: dict[str, Any],
    received: list[Any],
    head: Sequence[TextRef],
    detection: Detection,
    text: str,
    end: int,
    parts: Sequence[tuple[int, Detection]],
    extending: int,
    head_sent: Sequence[str],
    actions: dict[str, Any],
    session: Any,
    values: dict[str, Source],
    ordered: Sequence[Finding],
    added: Sequence[Finding],
    asked: Asked,
) -> Turn:
    """This request's turn for the next one: the memo's part, extended by the messages read now (the
    segments `parts` of the first `extending` texts read, which end at `end`)."""
    new_parts = [d for _, d in parts]
    before_f = len(turn.findings) if turn is not None else 0
    before_m = len(turn.markings) if turn is not None else 0
    nf = sum(len(d.findings) for d in new_parts)
    nm = sum(len(d.markings) for d in new_parts)
    keywords = set(turn.keywords) if turn is not None else set()
    for d in new_parts:
        keywords |= d.keywords
    naming = [d for d in new_parts if any(f.entity in _NAMING for f in d.findings)]
    acted = [t for t, a in actions.items() if a != "keep"]
    mine = {**(turn.own if turn is not None else {}), **acted_values(ordered[: bisect.bisect_left([f.start for f in ordered], end)], acted)}
    present = frozenset([*mine, *(v for v in values if v not in mine and text.find(v, 0, end) >= 0)])
    spread_here = {*(turn.adding if turn is not None else ()), *(f.text for f in added if f.start < end)}
    known = len(turn.received) if turn is not None else 0
    new_sent = tuple(copy_body(m) for m in body["messages"][known:])
    return Turn(
        received=tuple(received),
        orders=(turn.orders if turn is not None else ()) + tuple(map(tuple, received[known:])),
        nested=(turn.nested if turn is not None else ()) + nested(received, known),
        sent=(turn.sent if turn is not None else ()) + new_sent,
        flat=(turn.flat if turn is not None else ()) + tuple(is_flat(m) for m in new_sent),
        head=_read(head),
        head_sent=tuple(head_sent),
        refs=(turn.refs if turn is not None else 0) + extending,
        text=text[:end],
        findings=detection.findings[: before_f + nf],
        markings=detection.markings[: before_m + nm],
        keywords=frozenset(keywords),
        naming=(turn.naming if turn is not None else 0) + len(naming),
        in_office=(turn.in_office if turn is not None else True) and all(IN_OFFICE in d.keywords for d in naming),
        actions=actions,
        session=session is not None,
        conversation=session.conversation_id if session is not None else None,
        own=mine,
        present=present,
        adding={v: values[v] for v in spread_here},
        asked=(turn.asked if turn is not None else Asked()).then(asked.first(extending)).unique(),
    )
