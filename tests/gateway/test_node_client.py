"""The Responses API through the official openai Node client (tests/node, installed by `make`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.gateway.conftest import STAFF_KEY, Gateway, base_config
from tests.support.servers import REPO_ROOT
from tests.support.upstream import UpstreamServer

NODE_DIR = REPO_ROOT / "tests" / "node"
PROMPT = "相談者の佐藤花子さん（090-1234-5678）への回答案を作ってください。"


@pytest.fixture
def ngw(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> Iterator[Gateway]:
    cfg = base_config(upstream)
    cfg["models"] += [
        {"name": "gpt-native", "zone": "overseas", "responses": "native", "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "gpt-4o"}},
        {"name": "tool-native", "zone": "overseas", "responses": "native", "upstream": {"type": "openai", "base_url": upstream.base_url, "model": "gpt-4o;tool"}},
    ]
    with gateway_for(cfg) as gw:
        yield gw


@pytest.mark.parametrize(("model", "tool_model"), [("gpt-overseas", "tool-overseas"), ("gpt-native", "tool-native")], ids=["bridged", "native"])
def test_node_client_responses(ngw: Gateway, upstream: UpstreamServer, model: str, tool_model: str) -> None:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "openai").is_dir():
        pytest.fail("node and tests/node/node_modules are installed by `make` (npm ci --prefix tests/node)")
    out = subprocess.run([node, "responses.mjs", ngw.base_url, STAFF_KEY, model, tool_model, PROMPT],
                         cwd=NODE_DIR, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert "佐藤花子" in result["plain"] and result["deltas"] == result["streamed"] and "佐藤花子" in result["deltas"]
    assert "佐藤花子" in json.loads(result["toolArguments"])["text"]
    assert result["blocked"] == 403
    assert "佐藤" not in json.dumps([r.body for r in upstream.requests], ensure_ascii=False)
