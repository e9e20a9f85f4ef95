"""The audit records of one request, built from what the pipeline learned (types, counts, hashes only).

A request that goes upstream has two: a write-ahead `pending` one and its `final` one.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gateway.audit.record import Phase
    from gateway.audit.writer import AuditLog
    from gateway.config import Prices
    from gateway.pipeline import Exchange
    from gateway.services import Services
    from gateway.zones import Zone

# A long conversation's request has a finding per value of every message: counted in C, twice a request.
_ENTITY = attrgetter("entity")


def record_for(services: Services, ex: Exchange, phase: Phase | None = None) -> dict[str, Any]:
    """The request's record as the JSON object written (every field of AuditRecord, in its JSON form);
    phase "pending" is the write-ahead one (no answer, no content yet).

    A plain dict rather than an AuditRecord: every value comes from the pipeline's own typed state,
    and building and dumping a ~40-field model twice a request was a fifth of the audit's CPU.
    tests/gateway/test_audit_e2e.py checks that every record written, for every outcome and phase,
    validates against AuditRecord and dumps back to the same object.
    """
    from gateway.audit.record import SCHEMA_VERSION

    pending = phase == "pending"
    log = services.audit
    if log is None:
        raise RuntimeError("no audit log: this process inspects only")
    model = ex.model
    usage = _tokens(ex.usage)
    answer = "".join(ex.answer_parts)
    now = time.perf_counter()
    overhead = (now - ex.started) * 1000 - (ex.upstream_ms or 0.0)
    scan = ex.scan
    decision = ex.decision
    blocked = ex.outcome == "blocked"
    return {
        "schema_version": SCHEMA_VERSION,
        "request_id": ex.request_id,
        "phase": phase,
        "ts": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "principal": {"user": ex.principal.user, "department": ex.principal.department, "roles": sorted(ex.principal.roles)},
        "client": {"user_agent": ex.user_agent, "address": ex.address},
        "endpoint": ex.endpoint,
        "stream": ex.stream,
        "model_requested": ex.model_requested,
        "model_actual": model.name if model is not None and not blocked else None,
        "zone": _zone(ex) if not blocked else None,
        "deployment": ex.deployment.id if ex.deployment is not None else None,
        "level": scan.level if scan is not None else None,
        "rank": scan.rank if scan is not None else None,
        "tags": sorted(scan.tags) if scan is not None else [],
        "entities": dict(Counter(map(_ENTITY, scan.findings))) if scan is not None else {},
        "action": decision.action if decision is not None else None,
        "rule_id": decision.rule_id if decision is not None else None,
        "policy_version": ex.policy_version or None,
        "category": ex.category,
        "output_entities": dict(ex.output_entities),
        "output_action": "mask" if ex.output_entities else "none",
        "withheld_messages": ex.withheld,
        "prompt_chars": len(ex.prompt_text),
        "answer_chars": len(answer),
        "usage": usage,
        "cost": _cost(_prices(ex), usage),
        "upstream_ms": ex.upstream_ms,
        "overhead_ms": max(overhead, 0.0),
        "detector_ms": ex.detector_ms,
        "outcome": "pending" if pending else ex.outcome,
        "status": 0 if pending else ex.status,
        "error_type": ex.error_type,
        "flags": list(ex.flags),
        "prompt_hmac": _prompt_hmac(log, ex),
        "content": None if pending else log.seal_content(ex.prompt_text, answer),
        "chain": None,
        "seq": None,
        "prev_hash": None,
        "alg": None,
        "key_id": None,
        "hash": None,
    }


def _prompt_hmac(log: AuditLog, ex: Exchange) -> str:
    """The prompt's keyed hash, computed once for the request's two records (unless the text changed)."""
    known = ex.prompt_keyed
    if known is None or known[0] != ex.prompt_text:
        known = ex.prompt_keyed = (ex.prompt_text, log.prompt_hmac(ex.prompt_text))
    return known[1]


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
    return _cost(_prices(ex), _tokens(ex.usage))


def _prices(ex: Exchange) -> Prices | None:
    if ex.deployment is not None:
        return ex.deployment.prices
    return ex.model.config.prices if ex.model is not None else None


def _cost(prices: Prices | None, usage: dict[str, int] | None) -> float:
    if prices is None or not usage:
        return 0.0
    inp = float(usage.get("prompt_tokens") or 0)
    out = float(usage.get("completion_tokens") or 0)
    return round((inp * prices.input_per_mtok + out * prices.output_per_mtok) / 1_000_000, 6)
