"""Through the real gateway: chat UIs' background requests sent as a system message (LobeChat's title,
LibreChat's memory agent) or as the user's (Dify's suggested questions) are audited as background,
forwarded like any request, and kept out of the effect figures; a staff request under an
administrator's system prompt is counted under its own category."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from openai import OpenAI

from gateway.audit.query import JST
from tests.gateway.audit.cli import sekisho
from tests.gateway.conftest import STAFF_KEY, base_config
from tests.support.upstream import UpstreamServer

STAFF_TEXT = "来月の防災訓練の案内文を住民向けに作ってください。"
TRANSCRIPT = f"user: {STAFF_TEXT}\nassistant: 承知しました。案内文の案です。"
# Paraphrases of the structure each UI sends (sources: lobehub/lobe-chat packages/prompts/src/chains/
# summaryTitle.ts; danny-avila/LibreChat packages/api/src/agents/memory.ts; langgenius/dify
# api/core/llm_generator/prompts.py).
BACKGROUND = {
    "lobechat title": [
        {"role": "system", "content": "You are a conversation summarizer. Give a short title for the conversation.\nRules:\n- title only"},
        {"role": "user", "content": TRANSCRIPT},
    ],
    "librechat memory": [
        {"role": "system", "content": "Save facts with `set_memory` only when asked; remove with `delete_memory`. If in doubt, end the turn."},
        {"role": "user", "content": STAFF_TEXT},
    ],
    "dify suggested questions": [
        {"role": "user", "content": f'Human: {STAFF_TEXT}\nAssistant: 案です。\nPredict the three most likely questions that human would ask as a JSON array:\n["question1","question2","question3"]'},
    ],
}
STAFF = [
    {"role": "system", "content": "You are a helpful assistant for city staff. Always answer in Japanese. Output only the answer."},
    {"role": "user", "content": STAFF_TEXT},
]


def test_background_requests_are_audited_as_such_and_left_out_of_the_effect(
    gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer
) -> None:
    with gateway_for(base_config(upstream)) as gw:
        client = OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0)
        ids = {}
        for name, messages in [*BACKGROUND.items(), ("staff", STAFF)]:
            raw = client.chat.completions.with_raw_response.create(model="local-llm", messages=messages)  # type: ignore[arg-type]
            assert raw.parse().choices[0].message.content  # forwarded and answered like any request
            ids[name] = raw.headers["x-sekisho-request-id"]

        records = {}
        for path in sorted(gw.audit_dir.rglob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    r = json.loads(line)
                    records[r["request_id"]] = r
        for name in BACKGROUND:
            assert records[ids[name]]["category"] == "background", name
        assert records[ids["staff"]]["category"] == "document"
        written = b"".join(p.read_bytes() for p in gw.audit_dir.rglob("*") if p.is_file()).decode("utf-8")
        assert STAFF_TEXT[:10] not in written and "set_memory" not in written and "summarizer" not in written

        month = datetime.now(JST).strftime("%Y-%m")
        stats = sekisho("audit", "--no-progress", "stats", str(gw.audit_dir), "--month", month, "--json")
        assert stats.returncode == 0, stats.stderr
        effect = json.loads(stats.stdout)["effect"]
        assert effect["background_requests"] == len(BACKGROUND)
        assert effect["counted_requests"] == 1  # only the staff request counts toward hours saved
