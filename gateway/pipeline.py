"""The request path, top to bottom: detect → classify → decide → transform → route → upstream →
restore → screen the answer → audit. Route handlers only call `chat`, `open_chat_stream` and `embeddings`
(and `gateway.responses.flow` for /v1/responses, built on the same steps).

Fail closed: every step before the upstream call raises, and nothing is sent unless all succeeded.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence
from contextlib import aclosing
from typing import Any

from detectors.combine import combine, with_spans
from detectors.model import Detection, Finding, ScanResult
from gateway import history, vault
from gateway.answer import error_event, relay, screen_answer, sse
from gateway.errors import PolicyBlocked, SekishoError, ServiceUnavailable, UpstreamError
from gateway.exchange import Exchange, Plan
from gateway.inspect import TextRef, chat_texts, embedding_texts, joined, segments, write_back
from gateway.output import OutputGuard
from gateway.policy.decision import Decision, ModelInfo
from gateway.policy.engine import Policy
from gateway.registry import Deployment, Model
from gateway.routing import Allowance
from gateway.services import Services
from gateway.spans import per_text, spread

log = logging.getLogger("sekisho.pipeline")

# Answer pieces up to this size are screened on the event loop (the guard releases sentences).
_INLINE_SCAN_CHARS = 1000
# Prompts up to this size are scanned on the event loop too: they take a millisecond or two at most
# (0.3 ms for 51 characters), and the executor's thread hop costs 0.2–0.8 ms of CPU per request here.
_INLINE_PROMPT_CHARS = 200


async def inspect(services: Services, ex: Exchange, body: dict[str, Any], refs: list[TextRef]) -> Plan:
    """Scan every text, decide, and transform the body in place; raises on block or any failure."""
    requested, policy = begin(services, ex, body)
    text, offsets = joined(refs)
    ex.prompt_text = text
    scan = await scanned(ex, _scan(services, policy, refs, text, offsets))
    decision = policy.decide(scan, ex.principal, requested.info)
    session = await decide(services, ex, body, policy, decision)
    if decision.entity_actions or session is not None:
        # Every text goes through the transform when a session exists, not only those with
        # findings: text that already looks like a placeholder must be reserved or escaped.
        acted = [t for t, a in decision.entity_actions.items() if a != "keep"]
        everywhere = spread(scan.findings, text, acted)
        local = per_text(everywhere, [r.text for r in refs], offsets)
        results = await vault.transform.apply_many([r.text for r in refs], local, decision.entity_actions, session)
        write_back(refs, [r.text for r in results])
    return plan_for(services, body, policy, scan, decision, session)


def begin(services: Services, ex: Exchange, body: dict[str, Any]) -> tuple[Model, Policy]:
    """The model asked for (404 when the caller may not use it) and the policy in force."""
    ex.model_requested = body.get("model") if isinstance(body.get("model"), str) else None
    requested = services.registry.for_caller(body.get("model"), ex.principal)
    policy = services.policies.current()
    ex.policy_version = policy.version
    return requested, policy


async def scanned(ex: Exchange, scanning: Awaitable[ScanResult]) -> ScanResult:
    """The scan, timed; any failure of it blocks the request (fail closed: what was not read is not sent)."""
    t0 = time.perf_counter()
    try:
        scan = await scanning
    except TimeoutError as exc:
        raise ServiceUnavailable("検査が時間内に終わらなかったため送信を止めました。 (scan timed out)", code="scan_timeout") from exc
    except Exception as exc:
        # Fail closed: text that could not be scanned is not sent. Only the type is logged.
        log.error("scan failed: %s", type(exc).__name__)
        raise ServiceUnavailable("内容の検査に失敗したため送信を止めました。 (scan failed)", code="scan_failed") from exc
    ex.detector_ms = (time.perf_counter() - t0) * 1000
    ex.scan = scan
    return scan


async def decide(
    services: Services,
    ex: Exchange,
    body: dict[str, Any],
    policy: Policy,
    decision: Decision,
    conversation: str | None = None,
) -> vault.VaultSession | None:
    """Act on the policy's decision: PolicyBlocked on block; when it pseudonymises, the vault session
    (of `conversation` when known, else of the body's caller and opening messages)."""
    ex.decision = decision
    if decision.action == "block":
        await history.remember_block(services, ex, body, policy)
        raise PolicyBlocked(decision.message or "このリクエストはポリシーにより送信できません。")
    ex.model = services.registry.get(decision.target_model)
    if not any(a == "pseudonymize" for a in decision.entity_actions.values()):
        return None
    if conversation is not None:
        return services.vault.session(conversation)
    return await vault.open_session(services.vault, ex.principal, body, ex.conversation_header)


def plan_for(
    services: Services, body: dict[str, Any], policy: Policy, scan: ScanResult, decision: Decision, session: vault.VaultSession | None
) -> Plan:
    target = services.registry.get(decision.target_model)
    body["model"] = target.upstream_name
    mapping = session.mapping() if session is not None else {}
    return Plan(target=target, mapping=mapping, output_actions=policy.decide_output(scan), policy=policy)


async def _scan(services: Services, policy: Any, refs: list[TextRef], text: str, offsets: list[int]) -> ScanResult:
    """Detect message by message (each cached), then classify the request as a whole."""
    ranges = segments(refs)
    detections = await detect_segments(services, policy, refs, ranges, text, offsets)
    whole = combine([(offsets[a], d) for (a, _), d in zip(ranges, detections, strict=True)], text)
    named = [(o, o + len(r.text), r.entity, "inspect.field") for r, o in zip(refs, offsets, strict=True) if r.entity and r.text.strip()]
    scan: ScanResult = policy.classify(with_spans(whole, named, text))
    return scan


async def detect_segments(
    services: Services, policy: Any, refs: Sequence[TextRef], ranges: Sequence[tuple[int, int]], text: str, offsets: Sequence[int]
) -> list[Detection]:
    """The detection of each segment (a message, a run of other fields) of `text`, cached per segment."""
    texts = [text[offsets[a] : offsets[b - 1] + len(refs[b - 1].text)] for a, b in ranges]

    async def run(pending: Sequence[str]) -> list[Detection]:
        # What the cache lacks is detected in one pass: many short messages cost one pass, not many.
        if sum(len(t) for t in pending) <= _INLINE_PROMPT_CHARS:
            return [policy.detect(pending[0])] if len(pending) == 1 else policy.detect_many(pending)
        result: list[Detection] = await services.run_cpu(policy.detect_many, pending)
        return result

    detections: list[Detection] = await services.detections.detect(policy.version, texts, run)
    return detections


def copy_body(value: Any) -> Any:
    """A copy of a parsed JSON body to transform, leaving the client's as it came.

    Only JSON's types can be in it (dict, list, str, number, bool, None): a walk over those costs a
    fifth of copy.deepcopy, which a 40-message conversation paid at every turn.
    """
    if type(value) is dict:
        return {k: copy_body(v) for k, v in value.items()}
    if type(value) is list:
        return [copy_body(v) for v in value]
    return value


async def prepare_chat(services: Services, ex: Exchange, body: dict[str, Any]) -> tuple[dict[str, Any], Plan]:
    """A chat body inspected and transformed for sending (a copy: the client's is left as it came)."""
    if services.memo is not None and isinstance(body.get("messages"), list) and body["messages"]:
        from gateway import chat_inspect

        return await chat_inspect.prepare(services, ex, body, services.memo)
    body = copy_body(body)
    await history.withhold_blocked(services, ex, body)
    plan = await inspect(services, ex, body, chat_texts(body, *_reading(services)))
    return body, plan


async def chat(services: Services, ex: Exchange, body: dict[str, Any]) -> dict[str, Any]:
    body, plan = await prepare_chat(services, ex, body)
    t0 = time.perf_counter()
    answer = await _send(services, ex, plan, body, lambda d, b: d.upstream.chat(b))
    ex.upstream_ms = (time.perf_counter() - t0) * 1000
    if not isinstance(answer, dict):
        raise UpstreamError("上流モデルの応答の形式が正しくありません。 (malformed upstream answer)")
    ex.usage = answer.get("usage") if isinstance(answer.get("usage"), dict) else None
    await screen_answer(answer, _guards(services, ex, plan), ex, drop_logprobs=bool(_screening(plan)))
    answer["model"] = _answered(ex)
    return answer


async def _send(services: Services, ex: Exchange, plan: Plan, body: dict[str, Any], call: Any, *, embeddings: bool = False) -> Any:
    """Limits, the write-ahead audit record, then the first deployment the decision permits that answers.

    The one place a request leaves for an upstream: a refusal by the limits comes before the pending
    record, which comes before any deployment is tried (gateway/routing).
    """
    assert ex.decision is not None and ex.scan is not None
    await services.limits.admit(ex)
    await reserve(services, ex)
    scan, principal = ex.scan, ex.principal
    allowance = Allowance(
        ex.decision, plan.target.config.zone, lambda m, z: plan.policy.decide(scan, principal, ModelInfo(m, z))
    )
    sending = services.router.send(plan.target, body, allowance, call, embeddings=embeddings)
    if ex.categorise is None:
        answer, ex.deployment = await sending
    else:
        answer, ex.deployment = await _categorised_meanwhile(ex, sending)
    ex.model = services.registry.get(ex.deployment.model)
    return answer


async def _categorised_meanwhile(ex: Exchange, sending: Awaitable[tuple[Any, Deployment]]) -> tuple[Any, Deployment]:
    """`sending`, with the use-case category read while the request is on its way.

    The category is for the final audit record, so it is read before the answer goes back: here, once
    the request is out, it costs the answer nothing unless the upstream answers faster than it is read
    (~0.2 ms). One turn of the loop sends it: the task runs the router to the upstream client, and the
    plain-http pool writes the request before its first wait (aiohttp, for TLS and proxies, writes it in a
    task of its own, a turn later: the category is then read first, as it was before the answer).
    """
    task = asyncio.ensure_future(sending)
    try:
        await asyncio.sleep(0)
        ex.settle_category()
        return await task
    except BaseException:
        if not task.done():  # our caller was cancelled (the client went away): so is the request
            task.cancel()
        elif not task.cancelled() and task.exception() is None:
            # Cancelled just as the answer came: an opened stream nobody will read is closed, not left open.
            close = getattr(task.result()[0], "aclose", None)
            if close is not None:
                _closing.add(closer := asyncio.ensure_future(close()))
                closer.add_done_callback(_closing.discard)
        raise


_closing: set[asyncio.Future[Any]] = set()  # streams being closed for a caller that went away


def _answered(ex: Exchange) -> str | None:
    """The public name of the model that answered (not the one asked for, when they differ)."""
    return ex.deployment.model if ex.deployment is not None else ex.model_requested


def _reading(services: Services) -> tuple[Any, Any]:
    cfg = services.config.inspection
    return cfg.unknown_fields, cfg.bidi_controls


def _guard(services: Services, ex: Exchange, plan: Plan, *, json_escape: bool = False) -> OutputGuard:
    async def scan(texts: Sequence[str]) -> list[Detection]:
        # Findings only: the answer is screened, not classified (a level costs a quarter of a small scan).
        if sum(map(len, texts)) <= _INLINE_SCAN_CHARS:
            # A sentence scans in well under a millisecond: a thread hop would cost more than it saves.
            inline: list[Detection] = plan.policy.detect_many(texts)
            return inline
        result: list[Detection] = await services.run_cpu(plan.policy.detect_many, texts)
        return result

    async def mask(text: str, findings: list[Finding]) -> str:
        result = await vault.transform.apply(text, findings, plan.output_actions, None)
        return str(result.text)

    restorer = vault.StreamRestorer(plan.mapping, json_escape=json_escape) if plan.mapping else None
    return OutputGuard(restorer, scan, _screening(plan), ex.prompt_text, mask)


def _guards(services: Services, ex: Exchange, plan: Plan) -> Callable[[bool], OutputGuard]:
    return lambda json_escape: _guard(services, ex, plan, json_escape=json_escape)


def _screening(plan: Plan) -> dict[str, str]:
    return {t: a for t, a in plan.output_actions.items() if a != "keep"}


async def open_chat_stream(services: Services, ex: Exchange, body: dict[str, Any]) -> AsyncIterator[bytes]:
    """Inspect and open the upstream stream before the first byte, so errors are still HTTP errors."""
    ex.stream = True
    body, plan = await prepare_chat(services, ex, body)
    if services.limits.active:
        # Budgets need the stream's usage: ask for it, and drop it on the way back if the client did not.
        asked = body.get("stream_options")
        options: dict[str, Any] = asked if isinstance(asked, dict) else {}
        ex.usage_asked = bool(options.get("include_usage"))
        body["stream_options"] = {**options, "include_usage": True}
    t0 = time.perf_counter()
    stream = await _send(services, ex, plan, body, lambda d, b: d.upstream.chat_stream(b))
    return _relay(services, ex, plan, stream, t0)


async def _relay(services: Services, ex: Exchange, plan: Plan, stream: Any, t0: float) -> AsyncIterator[bytes]:
    def on_chunk(chunk: dict[str, Any]) -> None:
        if ex.upstream_ms is None:
            ex.upstream_ms = (time.perf_counter() - t0) * 1000
        if isinstance(chunk.get("usage"), dict):
            ex.usage = chunk["usage"]
        if not ex.usage_asked:
            chunk.pop("usage", None)
        chunk["model"] = _answered(ex)

    async def body() -> AsyncIterator[bytes]:
        async for chunk in relay(stream, _guards(services, ex, plan), ex, bool(_screening(plan)), on_chunk):
            if ex.usage_asked or chunk.get("choices"):  # a usage chunk the client did not ask for is dropped
                yield sse(chunk)
                # Read while the model writes (the first event is out), not before [DONE].
                ex.settle_category()

    # The final record goes down before [DONE]: a client never sees a completed stream that was not audited.
    # Closed with this generator, not when collected: its cleanup closes the upstream and writes the final record.
    async with aclosing(audited_stream(services, ex, stream, body(), lambda: [b"data: [DONE]\n\n"], lambda err: error_event(err)[0])) as parts:
        async for part in parts:
            yield part


async def audited_stream(
    services: Services,
    ex: Exchange,
    stream: Any,
    body: AsyncIterator[bytes],
    closing: Callable[[], Sequence[bytes]],
    error_bytes: Callable[[SekishoError], bytes],
) -> AsyncGenerator[bytes, None]:
    """A stream's bytes, then its closing (chat's [DONE], a Responses terminal event) only once the final
    audit record is on disk; if it cannot be written, or the stream fails, an error event instead. The
    upstream `stream` is closed whatever happens, and a client that went away still gets its record."""
    audited = False  # tried: a failed final write is logged once, not retried
    try:
        async for part in body:
            yield part
    except Exception as exc:  # noqa: BLE001 - the status line is sent: errors become an event
        _, err = error_event(exc)
        fail(ex, err)
        audited = True
        await _finish_quietly(services, ex)
        yield error_bytes(err)
    else:
        audited = True
        try:
            await finish(services, ex)
        except ServiceUnavailable as exc:
            log.error("stream %s ended with audit_unavailable: its final audit record could not be written", ex.request_id)
            fail(ex, exc)
            yield error_bytes(exc)
        else:
            for part in closing():
                yield part
    finally:
        await stream.aclose()
        if not audited:  # the client went away mid-stream
            await _finish_quietly(services, ex)


async def embeddings(services: Services, ex: Exchange, body: dict[str, Any]) -> dict[str, Any]:
    body = copy_body(body)
    plan = await inspect(services, ex, body, embedding_texts(body, *_reading(services)))
    if not plan.target.config.embeddings:
        from gateway.errors import BadRequest

        raise BadRequest(f"モデル '{plan.target.name}' は埋め込みに使えません。", param="model")
    t0 = time.perf_counter()
    answer: dict[str, Any] = await _send(services, ex, plan, body, lambda d, b: d.upstream.embeddings(b), embeddings=True)
    ex.upstream_ms = (time.perf_counter() - t0) * 1000
    ex.usage = answer.get("usage") if isinstance(answer.get("usage"), dict) else None
    answer["model"] = _answered(ex)
    return answer


def fail(ex: Exchange, exc: SekishoError) -> None:
    ex.status = exc.status
    ex.error_type = exc.type
    ex.outcome = "blocked" if isinstance(exc, PolicyBlocked) else "error"


async def reserve(services: Services, ex: Exchange) -> None:
    """Write-ahead: the request's pending audit record is on disk before anything goes upstream.

    Called right before each upstream call; when it cannot be written the request fails here
    (503 audit_unavailable) and nothing is sent.
    """
    from gateway.trail import record_for

    await _append(services, record_for(services, ex, phase="pending"))
    ex.reserved = True


async def finish(services: Services, ex: Exchange) -> None:
    """Write the audit record: the final one after `reserve`, else the request's only one.

    Raises ServiceUnavailable (audit_unavailable) when it cannot be written, if so configured.
    """
    from gateway.trail import record_for

    await services.limits.charge(ex)
    ex.settle_category()
    record = record_for(services, ex, phase="final" if ex.reserved else None)
    services.metrics.observe(record)
    await _append(services, record)


async def _finish_quietly(services: Services, ex: Exchange) -> None:
    """finish() where the answer has gone out already: a failure is logged (one line), not raised."""
    try:
        await finish(services, ex)
    except ServiceUnavailable:
        log.error("audit record for %s not written: audit_unavailable", ex.request_id)


async def _append(services: Services, record: Any) -> None:
    from gateway.audit import AuditWriteError

    if services.audit is None:
        raise ServiceUnavailable("監査記録を書き込めません。 (no audit log)")
    try:
        await services.audit.append(record)
    except AuditWriteError as exc:
        raise ServiceUnavailable(
            "監査記録を書き込めないため、このリクエストを完了できませんでした。情報政策課に連絡してください。 (audit log unavailable)",
            code="audit_unavailable",
        ) from exc


__all__ = [
    "Exchange", "Plan", "chat", "copy_body", "embeddings", "fail", "finish", "inspect", "open_chat_stream", "prepare_chat",
    "reserve",
]  # fmt: skip
