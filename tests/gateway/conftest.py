"""A real gateway for tests: the app under uvicorn on loopback, configured against the recording upstreams;
and a scripted upstream for the answers a recording one cannot give.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from gateway.app import create_app
from gateway.auth import hash_key
from gateway.config import load_config
from tests.support.anthropic_upstream import AnthropicServer
from tests.support.servers import free_port, serve_app
from tests.support.upstream import UpstreamServer

STAFF_KEY = "sk-sekisho-test-staff"
TAX_KEY = "sk-sekisho-test-tax"
AUDITOR_KEY = "sk-sekisho-test-auditor"
INTERN_KEY = "sk-sekisho-test-intern"  # may use local-llm only

KEYS = [
    {"id": "staff", "hash": hash_key(STAFF_KEY), "user": "u1001", "department": "総務課", "roles": []},
    {"id": "tax", "hash": hash_key(TAX_KEY), "user": "u2001", "department": "税務課", "roles": []},
    {"id": "auditor", "hash": hash_key(AUDITOR_KEY), "user": "a0001", "department": "監査委員事務局", "roles": ["auditor"]},
    {"id": "intern", "hash": hash_key(INTERN_KEY), "user": "t0001", "department": "総務課", "models": ["local-llm"]},
]


def base_config(upstream: UpstreamServer, anthropic: AnthropicServer | None = None, **extra: Any) -> dict[str, Any]:
    """Models in each zone, all served by the recording upstream (its `echo` behaviour)."""
    models: list[dict[str, Any]] = [
        # Upstream model names are plain tokens the recording upstream ignores (it echoes), so a
        # test can tell from the recorded body which model the gateway really sent to.
        {"name": "local-llm", "zone": "onprem", "embeddings": True,
         "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "onprem-qwen"}},
        {"name": "domestic-llm", "zone": "domestic", "embeddings": True,
         "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "domestic-llmjp"}},
        {"name": "gpt-overseas", "zone": "overseas", "embeddings": True,
         "prices": {"input_per_mtok": 375.0, "output_per_mtok": 1500.0},
         "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "gpt-4o", "api_key": "env:TEST_UPSTREAM_KEY"}},
        {"name": "tool-overseas", "zone": "overseas",
         "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "gpt-4o;tool"}},
    ]
    if anthropic is not None:
        models.append(
            {"name": "claude-overseas", "zone": "overseas",
             "upstream": {"type": "litellm", "model": "anthropic/claude-3-5-sonnet-20241022",
                          "api_key": "env:TEST_ANTHROPIC_KEY", "params": {"api_base": anthropic.url}}}
        )
    cfg: dict[str, Any] = {
        "server": {"max_body_bytes": 256 * 1024},
        "models": models,
        "zone_defaults": {"onprem": "local-llm", "domestic": "domestic-llm"},
        "keys": KEYS,
        "audit": {"dir": "audit"},
    }
    cfg.update(extra)
    return cfg


@dataclass(frozen=True)
class Gateway:
    base_url: str  # ends in /v1, like an OpenAI base_url
    root: str
    config_path: Path

    @property
    def audit_dir(self) -> Path:
        return self.config_path.parent / "audit"


@contextmanager
def running_gateway(config_path: Path) -> Iterator[Gateway]:
    config, path = load_config(config_path)
    with serve_app(create_app(config, path)) as url:
        yield Gateway(base_url=f"{url}/v1", root=url, config_path=path)


@pytest.fixture
def gateway_for(tmp_config: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, Any]], Any]:
    """`with gateway_for(config_dict) as gw:` — a real gateway on a loopback port."""
    monkeypatch.setenv("TEST_UPSTREAM_KEY", "upstream-secret")
    monkeypatch.setenv("TEST_ANTHROPIC_KEY", "anthropic-secret")

    def start(cfg: dict[str, Any]) -> Any:
        return running_gateway(tmp_config(cfg))

    return start


@pytest.fixture
def gateway(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, anthropic_upstream: AnthropicServer) -> Iterator[Gateway]:
    with gateway_for(base_config(upstream, anthropic_upstream)) as gw:
        yield gw


class Scripted:
    """A hostile or buggy OpenAI-compatible upstream: answers what the test scripted, records what it got.

    `answer(body)` returns a dict (sent as JSON), bytes (sent raw as application/json), a list of str
    (sent as SSE events, each `data: …` line followed by a blank line, exactly as given), or a Response.
    """

    def __init__(self) -> None:
        self.url = ""
        self.bodies: list[Any] = []
        self.headers: list[dict[str, str]] = []
        self.status = 200
        self.answer: Callable[[dict[str, Any]], Any] = lambda body: {}
        self.app = Starlette(routes=[Route("/v1/chat/completions", self._chat, methods=["POST"])])

    def reset(self) -> None:
        self.bodies.clear()
        self.headers.clear()
        self.status = 200
        self.answer = lambda body: {}

    async def _chat(self, request: Request) -> Response:
        body = json.loads(await request.body())
        self.bodies.append(body)
        self.headers.append(dict(request.headers))
        out = self.answer(body)
        if isinstance(out, Response):
            return out
        if isinstance(out, list):

            async def events() -> AsyncIterator[bytes]:
                for line in out:
                    yield (line + "\n\n").encode("utf-8")

            return StreamingResponse(events(), media_type="text/event-stream")
        if isinstance(out, bytes):
            return Response(out, status_code=self.status, media_type="application/json")
        return JSONResponse(out, status_code=self.status)


@pytest.fixture(scope="module")
def scripted_server() -> Iterator[Scripted]:
    server = Scripted()
    with serve_app(server.app) as url:
        server.url = url
        yield server


@pytest.fixture
def scripted(scripted_server: Scripted) -> Iterator[Scripted]:
    scripted_server.reset()
    yield scripted_server
    scripted_server.reset()


@pytest.fixture
def gw(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, scripted: Scripted) -> Iterator[Gateway]:
    """The test gateway plus two models served by the scripted upstream (overseas and domestic)."""
    cfg = base_config(upstream)
    cfg["models"] += [
        {"name": "hostile", "zone": "overseas", "upstream": {"type": "openai", "base_url": scripted.url + "/v1", "model": "h"}},
        {"name": "hostile-dom", "zone": "domestic", "upstream": {"type": "openai", "base_url": scripted.url + "/v1", "model": "h"}},
    ]
    with gateway_for(cfg) as gateway:
        yield gateway


def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}/v1"
