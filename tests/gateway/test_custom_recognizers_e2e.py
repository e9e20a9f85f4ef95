"""IT's own recognisers through the real gateway: a 宛名番号 that only the custom file defines leaves as a
placeholder for an overseas model, comes back in the answer, and is counted in the audit record."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openai

from tests.gateway.conftest import STAFF_KEY, Gateway, base_config
from tests.support.upstream import UpstreamServer

EXAMPLE = Path(__file__).resolve().parents[2] / "detectors" / "data" / "custom_recognizers.example.yaml"
ATENA = "5123456789"
PROMPT = f"宛名番号 {ATENA} の方から児童手当の振込日について問い合わせがありました。回答の文案を作ってください。"


def _ask(gw: Gateway, prompt: str = PROMPT) -> str:
    client = openai.OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0, timeout=30)
    answer = client.chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": prompt}])
    return answer.choices[0].message.content or ""


def _records(audit_dir: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(audit_dir.rglob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_shipped_detectors_alone_send_the_number_as_written(
    gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer
) -> None:
    # The control: without the custom file nothing in the gateway knows a 宛名番号.
    with gateway_for(base_config(upstream)) as gw:
        assert _ask(gw) == PROMPT
    assert ATENA in upstream.last_body["messages"][0]["content"]


def test_atena_number_from_the_custom_file_is_pseudonymised_and_restored(
    gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, tmp_path: Path
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "local-ids.yaml")
    cfg = base_config(upstream, detection={"custom_recognizers": ["local-ids.yaml"], "not_personal": ["PROJECT_CODENAME"]})
    with gateway_for(cfg) as gw:
        answer = _ask(gw)
        sent = upstream.last_body["messages"][0]["content"]
        assert ATENA not in json.dumps(upstream.last_body, ensure_ascii=False)
        assert sent == PROMPT.replace(ATENA, "〔個人情報1〕")
        assert answer == PROMPT
        # A code name IT marked as not personal data is no reason to pseudonymise: sent as written.
        assert _ask(gw, "関所計画の進め方を三行でまとめてください。") == "関所計画の進め方を三行でまとめてください。"
        assert "関所計画" in upstream.last_body["messages"][0]["content"]
        audit_dir = gw.audit_dir
    # One closing record per request (a write-ahead "pending" one precedes each that went upstream).
    first, second = [r for r in _records(audit_dir) if r.get("phase") != "pending"]
    assert first["entities"] == {"ATENA_NUMBER": 1}
    assert first["action"] == "pseudonymize" and "personal" in first["tags"]
    assert second["entities"] == {"PROJECT_CODENAME": 1} and second["action"] == "allow"
    assert all(ATENA not in path.read_text(encoding="utf-8") for path in audit_dir.rglob("*") if path.is_file())
