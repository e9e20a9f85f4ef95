"""The FastAPI app: thin route handlers over the pipeline, one error handler, services in the lifespan."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import signal
import threading
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway import pipeline, wire
from gateway.auth import local_address
from gateway.config import Config
from gateway.errors import AuthenticationFailed, BadRequest, PayloadTooLarge, PermissionDenied, SekishoError
from gateway.event_stream import EventStream
from gateway.inspect.fields import Obj
from gateway.inspect.openai import CHAT, EMBEDDINGS
from gateway.inspect.openai_responses import RESPONSES
from gateway.pipeline import Exchange
from gateway.principal import UNAUTHENTICATED, Principal
from gateway.responses import flow
from gateway.services import Services, start_services, stop_services

if TYPE_CHECKING:
    from gateway.audit.record import Endpoint

log = logging.getLogger("sekisho")


def create_app(config: Config, config_path: Path) -> Gateway:
    flight = InFlight()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = await start_services(config, config_path)
        app.state.services = services
        if services.audit is not None:
            services.audit.alone = flight.alone
        _freeze_startup_objects()
        services.policies.start()
        services.usecases.start()
        _on_sighup(services.policies.request_reload)
        try:
            yield
        finally:
            services.policies.stop()
            services.usecases.stop()
            await stop_services(services)

    # The local address is noted in the app, not in `sekisho serve`: any server that loads it (uvicorn
    # gateway.asgi:app on any address) refuses the demo key on a connection that did not arrive on loopback.
    app = Gateway(flight=flight, title="Sekisho", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None)
    _install_error_handlers(app)
    _install_routes(app)
    _install_review_page(app, config, config_path)
    _install_guide(app, config)
    return app


def _freeze_startup_objects() -> None:
    """Move what the start built (dictionaries, detectors, policy, ~100k objects) out of the collector's way.

    A full collection otherwise walks all of it every few hundred requests: 0.55 ms of GC per request
    on a 20-turn conversation, 0.14 ms after the freeze. Once per process (tests start many apps in one).
    """
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


class InFlight:
    """HTTP requests the app is serving now (a stream until its last byte)."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0

    def alone(self) -> bool:
        return self.n <= 1


class Gateway(FastAPI):
    """The app: FastAPI, with the API's POST routes (`LANES`) served before its middleware stack.

    Every HTTP request notes the local address it arrived on, for the demo-key guard, and is counted
    while in flight (a lone request's audit records are written without a thread hop). The API's POST
    routes are then served here, outside FastAPI's routing, dependency, exception and telemetry layers:
    the same handlers and error responses as the routes FastAPI declares (`_lane` answers every error
    itself), a quarter of a millisecond less per request below FastAPI's routing (bench/README.md,
    *sixth pass*) and ~0.05 ms less outside its middleware (*seventh pass*). Any other request, and an
    API path under a root path, goes through FastAPI as usual.
    """

    def __init__(self, *, flight: InFlight, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.flight = flight

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        token = local_address.set(scope.get("server"))
        self.flight.n += 1
        try:
            handler = LANES.get(scope["path"]) if scope["method"] == "POST" else None
            if handler is None:
                await super().__call__(scope, receive, send)
            else:
                scope["app"] = self  # what Starlette sets: `request.app` finds the services through it
                await _lane(handler, scope, receive, send)
        finally:
            self.flight.n -= 1
            local_address.reset(token)


async def _lane(handler: Callable[[Request], Awaitable[Response]], scope: Any, receive: Any, send: Any) -> None:
    """One API request served by its handler, errors answered as FastAPI's handlers would."""
    request = Request(scope, receive)
    try:
        response = await handler(request)
    except Exception as exc:  # noqa: BLE001 - every error becomes an OpenAI-shaped answer (and an audit record)
        try:
            response = await error_response(request, exc)
        except Exception as failed:  # noqa: BLE001 - as Starlette's outermost handler would: a 500, OpenAI-shaped
            log.error("error answer not built: %s", type(failed).__name__)
            response = JSONResponse(SekishoError("内部エラーが発生しました。 (internal error)").body(), status_code=500)
    await response(scope, receive, send)


def _install_guide(app: FastAPI, config: Config) -> None:
    from gateway import guide
    from gateway.guide.web import build_router

    def authenticate(key: str) -> Principal | None:
        services: Services = app.state.services
        return services.keys.lookup(key)

    def page() -> tuple[tuple[str, str], Any]:
        services: Services = app.state.services
        policy, taxonomy = services.policies.current(), services.usecases.current()
        return (policy.version, taxonomy.version), lambda: guide.html(guide.for_config(config, policy, taxonomy))

    app.include_router(build_router(authenticate, page))


def _install_review_page(app: FastAPI, config: Config, config_path: Path) -> None:
    from gateway.audit.web import build_router
    from gateway.services import audit_dir

    def authenticate(key: str) -> Principal | None:
        services: Services = app.state.services
        return services.keys.lookup(key)

    def chain_key() -> Any:
        services: Services = app.state.services
        return services.audit.chain_key if services.audit is not None else None

    def taxonomy() -> Any:
        return app.state.services.usecases.current()

    async def budgets(month: str | None) -> tuple[str, list[Any], str]:
        from gateway.limits.usage import current_month, departments_only, rows, spend_from_audit

        services: Services = app.state.services
        month = month or current_month(config.limits)
        if config.limits.redis_url:
            spend, source = departments_only(await services.limits.spend(month)), "全レプリカ共通のカウンター（Redis）"
        else:
            spend = await run_in_threadpool(spend_from_audit, config.limits, audit_dir(config, config_path), month)
            source = "このゲートウェイの監査ログ"
        return month, rows(config.limits, spend), source

    app.include_router(build_router(audit_dir(config, config_path), authenticate, chain_key, taxonomy=taxonomy, budgets=budgets))


def _on_sighup(callback: Any) -> None:
    """SIGHUP reloads the policy, as daemons usually do (main thread only, where signals can be handled)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGHUP"):
        return
    with suppress(NotImplementedError, RuntimeError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, callback)


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def _principal(request: Request, endpoint: Endpoint) -> Principal:
    """The caller; a refused key still leaves an audit record (no principal, no key material)."""
    try:
        return _services(request).keys.authenticate(request.headers.get("authorization"))
    except AuthenticationFailed:
        _exchange(request, UNAUTHENTICATED, endpoint)  # the error handler audits it
        raise


async def _json_body(request: Request) -> dict[str, Any]:
    limit = _services(request).config.server.max_body_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"リクエストが大きすぎます（上限 {limit} バイト）。 (request body exceeds {limit} bytes)")
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > limit:
            raise PayloadTooLarge(f"リクエストが大きすぎます（上限 {limit} バイト）。 (request body exceeds {limit} bytes)")
    try:
        body, well_formed = wire.parse(raw)
    except (ValueError, RecursionError) as exc:
        raise BadRequest("リクエスト本文が正しい JSON ではありません。 (invalid JSON body)") from exc
    if not isinstance(body, dict):
        raise BadRequest("リクエスト本文は JSON オブジェクトで指定してください。 (body must be a JSON object)")
    if not well_formed and not _plain_utf8(raw):
        try:
            # A lone surrogate (half an emoji cut by a client) cannot be encoded for the upstream.
            json.dumps(body, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadRequest("文字コードが正しくない文字が含まれています（絵文字の途中で切れた文字など）。 (invalid unicode: lone surrogate)") from exc
        except RecursionError as exc:
            raise BadRequest("リクエストの入れ子が深すぎます。 (request nested too deeply)") from exc
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise BadRequest("stream は true または false で指定してください。 (`stream` must be a boolean)", param="stream")
    return body


def _plain_utf8(raw: bytes | bytearray) -> bool:
    """Whether a parsed body can hold no lone surrogate: valid UTF-8 with no \\u escape (json.loads reads
    bytes with surrogatepass, and an escape can spell half a pair). Else the body is encoded once to see."""
    if b"\\u" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


async def _request_body(request: Request, ex: Exchange) -> dict[str, Any]:
    """The JSON body; a trusted front end's end user (and chat id) now replaces its shared key's principal."""
    body = await _json_body(request)
    end = _services(request).trusted.resolve(ex.principal, request.headers, body)
    if end is not None:
        ex.principal = end.principal
        if end.conversation and not ex.conversation_header:
            ex.conversation_header = end.conversation
    return body


def _exchange(request: Request, principal: Principal, endpoint: Endpoint) -> Exchange:
    ex = Exchange(
        request_id="req_" + uuid.uuid4().hex,
        principal=principal,
        endpoint=endpoint,
        user_agent=request.headers.get("user-agent", "")[:200],
        address=request.client.host if request.client else "",
        conversation_header=request.headers.get("x-sekisho-conversation-id"),
    )
    request.state.exchange = ex
    return ex


def _categorise_later(request: Request, ex: Exchange, body: dict[str, Any]) -> None:
    """What the work is (a category id, never the text), from the newest user message: read with the
    taxonomy in force now, once the request is on its way (`Exchange.settle_category`). The pipeline
    transforms copies, so `body` is still the client's then."""
    taxonomy = _services(request).usecases.current()
    ex.categorise = lambda: taxonomy.classify(body)


async def _generate(
    request: Request,
    endpoint: Endpoint,
    open_stream: Callable[[Services, Exchange, dict[str, Any]], Awaitable[AsyncIterator[bytes]]],
    whole: Callable[[Services, Exchange, dict[str, Any]], Awaitable[dict[str, Any]]],
) -> Response:
    """A chat completion or a Responses request: streamed (inspected and opened before the first byte) or whole."""
    principal = _principal(request, endpoint)
    ex = _exchange(request, principal, endpoint)
    body = await _request_body(request, ex)
    _categorise_later(request, ex, body)
    services = _services(request)
    if body.get("stream"):
        chunks = await open_stream(services, ex, body)
        return EventStream(chunks, headers=ex.headers())
    answer = await whole(services, ex, body)
    await pipeline.finish(services, ex)
    return Answer(answer, headers=ex.headers())


class Answer(JSONResponse):
    """A JSON answer written by `wire.dumps`: the compact UTF-8 JSONResponse writes, by orjson."""

    def render(self, content: Any) -> bytes:
        return wire.dumps(content)


async def chat_completions(request: Request) -> Response:
    return await _generate(request, "chat.completions", pipeline.open_chat_stream, pipeline.chat)


async def responses(request: Request) -> Response:
    return await _generate(request, "responses", flow.open_responses_stream, flow.responses)


async def embeddings(request: Request) -> Response:
    principal = _principal(request, "embeddings")
    ex = _exchange(request, principal, "embeddings")
    body = await _request_body(request, ex)
    answer = await pipeline.embeddings(_services(request), ex, body)
    await pipeline.finish(_services(request), ex)
    return Answer(answer, headers=ex.headers())


# The API's POST routes, served by `LocalAddress` itself (FastAPI declares them too, for /openapi.json).
LANES: dict[str, Callable[[Request], Awaitable[Response]]] = {
    "/v1/chat/completions": chat_completions,
    "/v1/responses": responses,
    "/v1/embeddings": embeddings,
}


def _install_routes(app: FastAPI) -> None:
    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        services = _services(request)
        policies = services.policies
        checks = {"config": "ok", "policy": "ok" if policies.current() else "missing"}
        checks["vault"] = "ok" if await _ping(services.vault) else "unreachable"
        if services.limits.active:
            checks["limits"] = "ok" if await _ping(services.limits) else "unreachable"
        ready = all(v == "ok" for v in checks.values())
        body: dict[str, Any] = {"status": "ready" if ready else "not_ready", "checks": checks}
        # Still ready (the last good policy serves), but an edit that did not take effect must be visible.
        version = policies.current().version
        body["detail"] = {
            "policy": (
                f"file on disk rejected ({policies.last_error_count} error(s), see the log); serving version {version}"
                if policies.last_error
                else f"version {version} in force"
            )
        }
        # Deployments cooling down do not make the gateway unready (others, or fallbacks, may answer).
        body["detail"]["cooldowns"] = services.router.health.cooldowns()
        return JSONResponse(body, status_code=200 if ready else 503)

    @app.get("/v1/models")
    async def models(request: Request) -> dict[str, Any]:
        principal = _principal(request, "models")
        data = [
            {"id": m.name, "object": "model", "created": 0, "owned_by": f"sekisho:{m.config.zone}",
             "zone": m.config.zone, "description": m.config.description}
            for m in _services(request).registry.visible_to(principal)
        ]  # fmt: skip
        return {"object": "list", "data": data}

    app.post("/v1/chat/completions", openapi_extra=_body(CHAT))(chat_completions)
    app.post("/v1/responses", openapi_extra=_body(RESPONSES))(responses)
    app.post("/v1/embeddings", openapi_extra=_body(EMBEDDINGS))(embeddings)

    @app.get("/metrics")
    async def metrics(request: Request) -> Response:
        principal = _principal(request, "metrics")
        if not (principal.has_role("admin") or principal.has_role("auditor")):
            raise PermissionDenied("この操作には admin または auditor ロールが必要です。")
        payload, content_type = _services(request).metrics.render()
        return Response(payload, media_type=content_type)


def _body(schema: Obj) -> dict[str, Any]:
    """The request body as the inspector declares it, published in /openapi.json."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema.schema()}}}}


async def _ping(store: Any) -> bool:
    ping = getattr(store, "ping", None)
    if ping is None:
        return True
    try:
        return bool(await ping())
    except Exception:  # noqa: BLE001 - readiness reports, it does not raise
        return False


async def sekisho_error(request: Request, exc: SekishoError) -> JSONResponse:
    """An OpenAI-shaped error answer; the request's audit record is written first when it has one."""
    headers: dict[str, str] = dict(exc.headers)
    ex: Exchange | None = getattr(request.state, "exchange", None)
    if ex is not None:
        pipeline.fail(ex, exc)
        headers.update(ex.headers())
        try:
            await pipeline.finish(_services(request), ex)
        except Exception as audit_exc:  # noqa: BLE001 - the original error is what the client needs
            log.error("audit record not written: %s", type(audit_exc).__name__)
    return JSONResponse(exc.body(), status_code=exc.status, headers=headers)


async def error_response(request: Request, exc: Exception) -> JSONResponse:
    """What any error raised while serving a request answers."""
    if isinstance(exc, SekishoError):
        return await sekisho_error(request, exc)
    if isinstance(exc, RequestValidationError):
        return JSONResponse(BadRequest("リクエストの形式が正しくありません。 (malformed request)").body(), status_code=422)
    if isinstance(exc, StarletteHTTPException):
        kind = "not_found" if exc.status_code == 404 else "invalid_request_error"
        body = {"error": {"message": str(exc.detail), "type": kind, "code": None, "param": None}}
        return JSONResponse(body, status_code=exc.status_code)
    # Only the type is logged: a message could quote the prompt.
    log.error("unexpected %s while serving %s", type(exc).__name__, request.url.path)
    return await sekisho_error(request, SekishoError("内部エラーが発生しました。 (internal error)"))


def _install_error_handlers(app: FastAPI) -> None:
    for kind in (SekishoError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, error_response)
