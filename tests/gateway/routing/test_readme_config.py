"""The sekisho.yaml examples in the README load as written (strict config: a stale key would fail)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gateway.config import load_config

README = Path(__file__).resolve().parents[3] / "README.md"
BLOCKS = [b for b in re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S) if re.match(r"(server|models|limits):", b)]
LOCAL = {"name": "local-llm", "zone": "onprem", "upstream": {"type": "echo"}}


@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0] for b in BLOCKS])
def test_readme_config_examples_load(tmp_path: Path, block: str) -> None:
    data = yaml.safe_load(block)
    data.setdefault("models", [LOCAL])
    names = {m["name"] for m in data["models"]}
    for name in ("local-llm", "domestic-llm"):
        if name not in names:
            data["models"].append({**LOCAL, "name": name, "zone": "onprem" if name == "local-llm" else "domestic"})
    path = tmp_path / "sekisho.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_config(path)


def test_there_are_examples() -> None:
    assert len(BLOCKS) >= 3
