"""The audit records of one request, built from what the pipeline learned (types, counts, hashes only).

A request that goes upstream has two: a write-ahead `pending` one and its `final` one.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gateway.audit.record import AuditRecord, Phase
    from gateway.config import Prices
    from gateway.pipeline import Exchange
    from gateway.services import Services
    from gateway.zones import Zone


def record_for(services: Services, ex: Exchange, phase: Phase | None = None) -> AuditRecord:
    """The request's record; phase "pending" is the write-ahead one (no answer, no content yet)."""
    from gateway.audit.record import AuditRecord, ClientInfo, PrincipalInfo, Usage

    pending = phase == "pending"

    log = services.audit
    if log is None:
        raise RuntimeError("no audit log: this process inspects only")
    model = ex.model
    usage = _tokens(ex.usage)
    answer = "".join(ex.answer_parts)
    now = time.perf_counter()
    overhead = (now - ex.started) * 1000 - (ex.upstream_ms or 0.0)
    # Built without validation: every value comes from the pipeline's own typed state, and
    # validating ~40 fields twice a request was a fifth of the audit's CPU. tests/gateway/test_trail.py
    # checks that what is built here validates against the schema.
    return AuditRecord.model_construct(
        request_id=ex.request_id,
        phase=phase,
        ts=datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        principal=PrincipalInfo.model_construct(user=ex.principal.user, department=ex.principal.department, roles=sorted(ex.principal.roles)),
        client=ClientInfo.model_construct(user_agent=ex.user_agent, address=ex.address),
        endpoint=ex.endpoint,
        stream=ex.stream,
        model_requested=ex.model_requested,
        model_actual=model.name if model is not None and ex.outcome != "blocked" else None,
        zone=_zone(ex) if ex.outcome != "blocked" else None,
        deployment=ex.deployment.id if ex.deployment is not None else None,
        flags=list(ex.flags),
        level=ex.scan.level if ex.scan is not None else None,
        rank=ex.scan.rank if ex.scan is not None else None,
        tags=sorted(ex.scan.tags) if ex.scan is not None else [],
        entities=ex.scan.entity_counts if ex.scan is not None else {},
        action=ex.decision.action if ex.decision is not None else None,
        rule_id=ex.decision.rule_id if ex.decision is not None else None,
        policy_version=ex.policy_version or None,
        category=ex.category,
        output_entities=dict(ex.output_entities),
        withheld_messages=ex.withheld,
        output_action="mask" if ex.output_entities else "none",
        prompt_chars=len(ex.prompt_text),
        answer_chars=len(answer),
        usage=Usage.model_construct(
            prompt_tokens=usage["prompt_tokens"], completion_tokens=usage["completion_tokens"], total_tokens=usage["total_tokens"]
        )
        if usage is not None
        else None,
        cost=cost_of(ex),
        upstream_ms=ex.upstream_ms,
        overhead_ms=max(overhead, 0.0),
        detector_ms=ex.detector_ms,
        outcome="pending" if pending else ex.outcome,
        status=0 if pending else ex.status,
        error_type=ex.error_type,
        prompt_hmac=log.prompt_hmac(ex.prompt_text),
        content=None if pending else log.seal_content(ex.prompt_text, answer),
    )


def _tokens(usage: Any) -> dict[str, int] | None:
    """The three token counts; providers add their own details, which the record does not keep."""
    if not isinstance(usage, dict):
        return None
    keys = ("prompt_tokens", "completion_tokens", "total_tokens")
    return {k: int(usage.get(k) or 0) for k in keys}


def _zone(ex: Exchange) -> Zone | None:
    if ex.deployment is not None:
        return ex.deployment.zone
    return ex.model.config.zone if ex.model is not None else None


def cost_of(ex: Exchange) -> float:
    """円 for this request: the answering deployment's prices times the upstream's token counts."""
    usage = _tokens(ex.usage)
    if ex.deployment is not None:
        return _cost(ex.deployment.prices, usage)
    return _cost(ex.model.config.prices if ex.model is not None else None, usage)


def _cost(prices: Prices | None, usage: dict[str, int] | None) -> float:
    if prices is None or not usage:
        return 0.0
    inp = float(usage.get("prompt_tokens") or 0)
    out = float(usage.get("completion_tokens") or 0)
    return round((inp * prices.input_per_mtok + out * prices.output_per_mtok) / 1_000_000, 6)
