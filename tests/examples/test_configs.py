"""Every config under examples/ loads, with the models and zones it promises, and the shipped policy accepts it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from gateway.config import ENV_PREFIX, LiteLLMUpstream, OpenAIUpstream, load_config
from gateway.policy import Catalog, load_policy
from tests.support.servers import REPO_ROOT, free_port

EXAMPLES = REPO_ROOT / "examples"

# file -> (model name, zone, upstream type, litellm model prefix or base_url start, params that must be there)
PROVIDERS = {
    "vllm.yaml": ("local-llm", "onprem", "openai", "http://", ()),
    "ollama.yaml": ("local-llm", "onprem", "openai", "http://127.0.0.1:11434/v1", ()),
    "azure-openai-japan-east.yaml": ("azure-gpt-4o", "domestic", "litellm", "azure/", ("api_base", "api_version")),
    "bedrock-tokyo.yaml": ("bedrock-claude", "domestic", "litellm", "bedrock/", ("aws_region_name",)),
    "vertex-ai-tokyo.yaml": ("vertex-gemini", "domestic", "litellm", "vertex_ai/", ("vertex_project", "vertex_location")),
    "openai.yaml": ("gpt-4o", "overseas", "litellm", "openai/", ()),
    "anthropic.yaml": ("claude", "overseas", "litellm", "anthropic/", ()),
}
TOKYO = {"bedrock-tokyo.yaml": ("aws_region_name", "ap-northeast-1"), "vertex-ai-tokyo.yaml": ("vertex_location", "asia-northeast1")}


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in (EXAMPLES / "providers").glob("*.yaml")) == sorted(PROVIDERS)
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == ["sekisho.yaml"]


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_provider_example_loads_with_its_zone_and_parameters(name: str) -> None:
    path = EXAMPLES / "providers" / name
    config, config_path = load_config(path)
    model_name, zone, kind, target, params = PROVIDERS[name]
    model = config.model(model_name)
    assert model is not None and model.zone == zone and model.upstream.type == kind
    up = model.upstream
    if isinstance(up, LiteLLMUpstream):
        assert up.model.startswith(target)
        assert set(params) <= set(up.params)
    else:
        assert isinstance(up, OpenAIUpstream) and up.base_url.startswith(target)
    if name in TOKYO:
        key, region = TOKYO[name]
        assert isinstance(up, LiteLLMUpstream) and up.params[key] == region
    # Every zone the shipped policy reroutes to has a default here, so the policy loads against it.
    load_policy(None, Catalog.from_config(config, config_path), scanner=False)
    # The comment says which zone and why: data location, training, contract.
    head = path.read_text(encoding="utf-8").split("\nmodels:")[0]
    assert f"zone: {zone}" in head and f"Why {zone}" in head
    if zone == "domestic":
        assert all(word in head for word in ("data location", "no training on inputs", "contract"))


def test_no_secret_is_written_inline() -> None:
    for path in EXAMPLES.rglob("*.yaml"):
        for model in yaml.safe_load(path.read_text(encoding="utf-8")).get("models", []):
            up = model["upstream"]
            for key in ("api_key", "aws_access_key_id", "aws_secret_access_key"):
                value = up.get(key, (up.get("params") or {}).get(key))
                assert value is None or value.startswith(ENV_PREFIX), (path, key)


def test_starter_config_starts_as_it_is_and_warns_what_is_missing(tmp_path: Path) -> None:
    """examples/sekisho.yaml, copied as a user would, serves; the missing keys file and secrets are warned about."""
    work = tmp_path / "site"
    work.mkdir()
    (work / "sekisho.yaml").write_text(
        (EXAMPLES / "sekisho.yaml").read_text(encoding="utf-8").replace("../policies/", f"{REPO_ROOT / 'policies'}/"),
        encoding="utf-8",
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("SEKISHO_CONFIG", "DOMESTIC_KEY", "ANTHROPIC_API_KEY")}
    env.update(PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1")
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "gateway.cli", "serve", "--config", "sekisho.yaml", "--port", str(port)],
                            cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1)
                if ready.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert ready.json()["status"] == "ready"
        assert httpx.get(f"http://127.0.0.1:{port}/v1/models", headers={"Authorization": "Bearer sk-sekisho-demo"}).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    text = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "warning: models[1].upstream.api_key: $DOMESTIC_KEY is not set" in text
    assert "warning: models[2].upstream.api_key: $ANTHROPIC_API_KEY is not set" in text
    assert f"warning: keys_file: {work / 'keys.yaml'} does not exist" in text
    assert (work / "var" / "audit").is_dir()  # audit.dir resolved next to the config file
    assert "policy loaded: " in text  # the gateway's own INFO log reaches the terminal
