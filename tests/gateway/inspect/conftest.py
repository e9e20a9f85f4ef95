"""One gateway for a whole test module: the bypass corpus and the fuzz tests send hundreds of requests."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.gateway.conftest import Gateway, base_config, running_gateway
from tests.support.upstream import UpstreamServer


@pytest.fixture(scope="module")
def module_gw(upstream_server: UpstreamServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    """The test gateway (shipped policy, a model in every zone) in front of the session's recording upstream."""
    mp = pytest.MonkeyPatch()
    mp.setenv("TEST_UPSTREAM_KEY", "upstream-secret")
    path = tmp_path_factory.mktemp("gateway") / "sekisho.yaml"
    path.write_text(json.dumps(base_config(upstream_server)), encoding="utf-8")
    try:
        with running_gateway(path) as gw:
            yield gw
    finally:
        mp.undo()
