"""The request path, top to bottom: detect → classify → decide → transform → route → upstream →
restore → screen the answer → audit. Route handlers only call `chat`, `chat_stream` and `embeddings`.

Fail closed: every step before the upstream call raises, and nothing is sent unless all succeeded.
"""

from __future__ import annotations

import copy
import json
import logging
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from detectors.model import Finding, ScanResult
from gateway import vault
from gateway.errors import PolicyBlocked, SekishoError, ServiceUnavailable
from gateway.extract import SEPARATOR, TextRef, chat_texts, embedding_texts, joined
from gateway.output import OutputGuard
from gateway.policy.decision import Decision
from gateway.principal import Principal
from gateway.registry import Model
from gateway.services import Services

log = logging.getLogger("sekisho.pipeline")

# Answer pieces up to this size are screened on the event loop (the guard releases sentences).
_INLINE_SCAN_CHARS = 1000


@dataclass(slots=True)
class Exchange:
    """One request's facts as they accumulate, for the response headers and the audit record."""

    request_id: str
    principal: Principal
    endpoint: str
    user_agent: str = ""
    address: str = ""
    conversation_header: str | None = None
    stream: bool = False
    started: float = field(default_factory=time.perf_counter)
    model_requested: str | None = None
    model: Model | None = None
    scan: ScanResult | None = None
    decision: Decision | None = None
    policy_version: str = ""
    detector_ms: float = 0.0
    upstream_ms: float | None = None
    usage: dict[str, Any] | None = None
    prompt_text: str = ""  # never logged: HMAC and output screening only
    answer_parts: list[str] = field(default_factory=list)
    output_entities: dict[str, int] = field(default_factory=dict)
    status: int = 200
    outcome: str = "ok"
    error_type: str | None = None

    def headers(self) -> dict[str, str]:
        h = {"x-sekisho-request-id": self.request_id}
        if self.scan is not None:
            h["x-sekisho-level"] = str(self.scan.rank)
        if self.decision is not None:
            h["x-sekisho-action"] = self.decision.action
        if self.policy_version:
            h["x-sekisho-policy-version"] = self.policy_version
        return h


@dataclass(slots=True)
class Plan:
    """What inspection decided: where the request goes and how the answer comes back."""

    target: Model
    mapping: Mapping[str, str]
    output_actions: Mapping[str, str]
    policy: Any


async def inspect(services: Services, ex: Exchange, body: dict[str, Any], refs: list[TextRef]) -> Plan:
    """Scan every text, decide, and transform the body in place; raises on block or any failure."""
    ex.model_requested = body.get("model") if isinstance(body.get("model"), str) else None
    requested = services.registry.for_caller(body.get("model"), ex.principal)
    policy = services.policies.current()
    ex.policy_version = policy.version
    text, offsets = joined(refs)
    ex.prompt_text = text
    t0 = time.perf_counter()
    try:
        scan: ScanResult = await services.run_cpu(policy.scan, text)
    except TimeoutError as exc:
        raise ServiceUnavailable("検査が時間内に終わらなかったため送信を止めました。 (scan timed out)", code="scan_timeout") from exc
    except Exception as exc:
        # Fail closed: text that could not be scanned is not sent. Only the type is logged.
        log.error("scan failed: %s", type(exc).__name__)
        raise ServiceUnavailable("内容の検査に失敗したため送信を止めました。 (scan failed)", code="scan_failed") from exc
    ex.detector_ms = (time.perf_counter() - t0) * 1000
    ex.scan = scan
    decision: Decision = policy.decide(scan, ex.principal, requested.info)
    ex.decision = decision
    if decision.action == "block":
        raise PolicyBlocked(decision.message or "このリクエストはポリシーにより送信できません。")
    target = services.registry.get(decision.target_model)
    ex.model = target
    session = None
    if any(a == "pseudonymize" for a in decision.entity_actions.values()):
        session = await vault.open_session(services.vault, ex.principal, body, ex.conversation_header)
    if decision.entity_actions or session is not None:
        # Every text goes through the transform when a session exists, not only those with
        # findings: text that already looks like a placeholder must be reserved or escaped.
        local = [_findings_in(scan.findings, ref.text, start) for ref, start in zip(refs, offsets, strict=True)]
        results = await vault.transform.apply_many([r.text for r in refs], local, decision.entity_actions, session)
        for ref, result in zip(refs, results, strict=True):
            ref.set(result.text)
    body["model"] = target.upstream_name
    mapping = session.mapping() if session is not None else {}
    return Plan(target=target, mapping=mapping, output_actions=policy.decide_output(scan), policy=policy)


def _findings_in(findings: tuple[Finding, ...], text: str, start: int) -> list[Finding]:
    """Findings inside one text of the joined request, re-based to it; one that crosses a boundary
    is clipped to each side rather than dropped, so no part of it is sent in the clear."""
    end = start + len(text)
    out = []
    for f in findings:
        s, e = max(f.start, start), min(f.end, end)
        if s < e:
            out.append(Finding(f.entity, s - start, e - start, text[s - start : e - start], f.score, f.detector))
    return out


async def chat(services: Services, ex: Exchange, body: dict[str, Any]) -> dict[str, Any]:
    body = copy.deepcopy(body)
    plan = await inspect(services, ex, body, chat_texts(body))
    t0 = time.perf_counter()
    answer = await plan.target.upstream.chat(body)
    ex.upstream_ms = (time.perf_counter() - t0) * 1000
    ex.usage = answer.get("usage") if isinstance(answer.get("usage"), dict) else None
    for choice in answer.get("choices") or []:
        message = choice.get("message") or {}
        if isinstance(message.get("content"), str):
            message["content"] = await _whole(services, ex, plan, message["content"])
        for call in message.get("tool_calls") or []:
            fn = call.get("function") or {}
            if isinstance(fn.get("arguments"), str):
                fn["arguments"] = await _whole(services, ex, plan, fn["arguments"], json_escape=True)
    answer["model"] = ex.model_requested or answer.get("model")
    return answer


async def _whole(services: Services, ex: Exchange, plan: Plan, text: str, *, json_escape: bool = False) -> str:
    guard = _guard(services, ex, plan, json_escape=json_escape)
    out = await guard.feed(text) + await guard.flush()
    _count(ex, guard)
    ex.answer_parts.append(out)
    return out


def _guard(services: Services, ex: Exchange, plan: Plan, *, json_escape: bool = False) -> OutputGuard:
    async def scan(text: str) -> ScanResult:
        if len(text) <= _INLINE_SCAN_CHARS:
            # A sentence scans in well under a millisecond: a thread hop would cost more than it saves.
            inline: ScanResult = plan.policy.scan(text)
            return inline
        result: ScanResult = await services.run_cpu(plan.policy.scan, text)
        return result

    async def mask(text: str, findings: list[Finding]) -> str:
        result = await vault.transform.apply(text, findings, plan.output_actions, None)
        return str(result.text)

    restorer = vault.StreamRestorer(plan.mapping, json_escape=json_escape) if plan.mapping else None
    return OutputGuard(restorer, scan, plan.output_actions, ex.prompt_text, mask)


def _count(ex: Exchange, guard: OutputGuard) -> None:
    for entity, n in guard.entities.items():
        ex.output_entities[entity] = ex.output_entities.get(entity, 0) + n


async def open_chat_stream(services: Services, ex: Exchange, body: dict[str, Any]) -> AsyncIterator[bytes]:
    """Inspect and open the upstream stream before the first byte, so errors are still HTTP errors."""
    body = copy.deepcopy(body)
    ex.stream = True
    plan = await inspect(services, ex, body, chat_texts(body))
    t0 = time.perf_counter()
    stream = await plan.target.upstream.chat_stream(body)
    return _relay(services, ex, plan, stream, t0)


async def _relay(services: Services, ex: Exchange, plan: Plan, stream: Any, t0: float) -> AsyncIterator[bytes]:
    guards: dict[tuple[int, int | None], OutputGuard] = {}

    def guard_for(key: tuple[int, int | None]) -> OutputGuard:
        if key not in guards:
            # Tool-call arguments are JSON text: values go back JSON-escaped.
            guards[key] = _guard(services, ex, plan, json_escape=key[1] is not None)
        return guards[key]

    last: dict[str, Any] | None = None
    try:
        async for chunk in stream:
            if ex.upstream_ms is None:
                ex.upstream_ms = (time.perf_counter() - t0) * 1000
            last = chunk
            if isinstance(chunk.get("usage"), dict):
                ex.usage = chunk["usage"]
            chunk["model"] = ex.model_requested or chunk.get("model")
            for choice in chunk.get("choices") or []:
                await _relay_choice(ex, choice, guard_for, guards)
            if _worth_sending(chunk):
                yield _sse(chunk)
        if last is not None:
            tail = await _flush_all(ex, guards, last)
            if tail is not None:
                yield _sse(tail)
        yield b"data: [DONE]\n\n"
    except SekishoError as exc:
        ex.status, ex.outcome, ex.error_type = exc.status, "error", exc.type
        yield _sse(exc.body())
    finally:
        await stream.aclose()
        for g in guards.values():
            _count(ex, g)
        await finish(services, ex)


def _worth_sending(chunk: dict[str, Any]) -> bool:
    """False for a chunk whose text the guard is still holding back and that carries nothing else."""
    if chunk.get("usage") or not chunk.get("choices"):
        return True
    for choice in chunk["choices"]:
        delta = choice.get("delta") or {}
        if choice.get("finish_reason") is not None or delta.get("role") or delta.get("content"):
            return True
        for call in delta.get("tool_calls") or []:
            fn = call.get("function") or {}
            if call.get("id") or fn.get("name") or fn.get("arguments"):
                return True
        if any(k not in ("content", "tool_calls", "role") for k in delta):
            return True
    return False


async def _relay_choice(ex: Exchange, choice: dict[str, Any], guard_for: Any, guards: dict[Any, OutputGuard]) -> None:
    index = int(choice.get("index") or 0)
    delta = choice.get("delta") or {}
    finishing = choice.get("finish_reason") is not None
    if isinstance(delta.get("content"), str) or (finishing and (index, None) in guards):
        g = guard_for((index, None))
        out = await g.feed(delta.get("content") or "")
        if finishing:
            out += await g.flush()
        if out or "content" in delta:
            delta["content"] = out
            choice["delta"] = delta
        ex.answer_parts.append(out)
    for call in delta.get("tool_calls") or []:
        fn = call.get("function") or {}
        if isinstance(fn.get("arguments"), str):
            g = guard_for((index, int(call.get("index") or 0)))
            fn["arguments"] = await g.feed(fn["arguments"])


async def _flush_all(ex: Exchange, guards: dict[tuple[int, int | None], OutputGuard], last: dict[str, Any]) -> dict[str, Any] | None:
    """Release what the restorers still hold, as one extra chunk before [DONE]."""
    choices = []
    for (index, tool), g in sorted(guards.items(), key=lambda kv: (kv[0][0], -1 if kv[0][1] is None else kv[0][1])):
        rest = await g.flush()
        if not rest:
            continue
        ex.answer_parts.append(rest)
        if tool is None:
            choices.append({"index": index, "delta": {"content": rest}, "finish_reason": None})
        else:
            choices.append(
                {"index": index, "delta": {"tool_calls": [{"index": tool, "function": {"arguments": rest}}]}, "finish_reason": None}
            )
    if not choices:
        return None
    base = {k: last[k] for k in ("id", "object", "created", "model") if k in last}
    return {**base, "object": "chat.completion.chunk", "choices": choices}


def _sse(obj: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n\n"


async def embeddings(services: Services, ex: Exchange, body: dict[str, Any]) -> dict[str, Any]:
    body = copy.deepcopy(body)
    plan = await inspect(services, ex, body, embedding_texts(body))
    if not plan.target.config.embeddings:
        from gateway.errors import BadRequest

        raise BadRequest(f"モデル '{plan.target.name}' は埋め込みに使えません。", param="model")
    t0 = time.perf_counter()
    answer = await plan.target.upstream.embeddings(body)
    ex.upstream_ms = (time.perf_counter() - t0) * 1000
    ex.usage = answer.get("usage") if isinstance(answer.get("usage"), dict) else None
    answer["model"] = ex.model_requested or answer.get("model")
    return answer


def fail(ex: Exchange, exc: SekishoError) -> None:
    ex.status = exc.status
    ex.error_type = exc.type
    ex.outcome = "blocked" if isinstance(exc, PolicyBlocked) else "error"


async def finish(services: Services, ex: Exchange) -> None:
    """Write the audit record (raises AuditWriteError when it cannot, if so configured)."""
    from gateway.audit import AuditWriteError
    from gateway.trail import record_for

    record = record_for(services, ex)
    services.metrics.observe(record)
    try:
        await services.audit.append(record)
    except AuditWriteError as exc:
        raise ServiceUnavailable(
            "監査記録を書き込めないため、このリクエストを完了できませんでした。情報政策課に連絡してください。 (audit log unavailable)",
            code="audit_unavailable",
        ) from exc


__all__ = ["Exchange", "chat", "embeddings", "fail", "finish", "inspect", "open_chat_stream", "SEPARATOR"]
