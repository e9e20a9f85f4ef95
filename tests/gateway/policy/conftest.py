from __future__ import annotations

import pytest

from gateway.policy import Catalog, ModelInfo

MODELS = (
    ModelInfo("gpt-4o", "overseas"),
    ModelInfo("claude", "overseas"),
    ModelInfo("jp-llm", "domestic"),
    ModelInfo("local-llm", "onprem"),
)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.of(MODELS, {"domestic": "jp-llm", "onprem": "local-llm", "overseas": "gpt-4o"})
