"""Through the real gateway: each request's use-case category is audited (never its text), the monthly
report agrees with `audit stats`, and the staff guide follows a policy edit after reload."""

from __future__ import annotations

import csv
import json
import re
import shutil
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from openai import OpenAI

from gateway.audit.query import JST
from gateway.policy import default_policy_path
from tests.gateway.audit.cli import sekisho
from tests.gateway.conftest import AUDITOR_KEY, STAFF_KEY, TAX_KEY, base_config
from tests.support.upstream import UpstreamServer

# (key, model, newest user message, expected category)
TRAFFIC = [
    (STAFF_KEY, "gpt-overseas", "防災訓練への協力をお願いする自治会長あての依頼文を作成してください。", "document"),
    (STAFF_KEY, "gpt-overseas", "以下の打合せメモから議事録を作成してください。\n・次回は12月に開催\n・資料は事務局が用意", "minutes"),
    (STAFF_KEY, "local-llm", "このごみ分別の案内をやさしい日本語に書き換えて", "translation"),
    (TAX_KEY, "gpt-overseas", "固定資産税の住宅用地特例の要件を教えてください。根拠条文も知りたいです。", "inquiry"),
    (TAX_KEY, "gpt-overseas", "ExcelでA列の税目ごとにB列の金額を合計するSUMIFの式を教えて", "code"),
]
BLOCKED = (TAX_KEY, "gpt-overseas", "個人番号 123456789018 の方への通知文を要約して", "summary")
RETRY = (TAX_KEY, "gpt-overseas", "個人番号の部分を除いた通知文を3行で要約して", "summary")
TITLE_TASK = (
    "### Task:\nSuggest a short title for the chat.\nJSON format: { \"title\": \"...\" }\n"
    "<chat_history>\nUSER: 議事録を作成してください\n</chat_history>"
)


def _chat(client: OpenAI, model: str, history: list[dict[str, str]]) -> Any:
    return client.chat.completions.with_raw_response.create(model=model, messages=history)  # type: ignore[arg-type]


def _records(audit_dir: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(audit_dir.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out[r["request_id"]] = r
    return out


def test_categories_audited_report_agrees_with_stats_and_guide_follows_the_policy(
    tmp_path: Path, gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer
) -> None:
    for name in ("default.yaml", "keywords.yaml"):
        shutil.copy(default_policy_path().parent / name, tmp_path / name)
    cfg = base_config(upstream, policy={"path": "default.yaml", "reload_interval_s": 0.2})
    with gateway_for(cfg) as gw:
        ids: dict[str, str] = {}
        for key, model, text, category in [*TRAFFIC, BLOCKED, RETRY]:
            client = OpenAI(base_url=gw.base_url, api_key=key, max_retries=0)
            try:
                raw = _chat(client, model, [{"role": "user", "content": text}])
                ids[text] = raw.headers["x-sekisho-request-id"]
            except Exception as exc:  # the blocked one: a 403 with the request id in its headers
                ids[text] = exc.response.headers["x-sekisho-request-id"]  # type: ignore[attr-defined]
        # A chat UI's title request after a conversation: the newest user message is its template.
        staff = OpenAI(base_url=gw.base_url, api_key=STAFF_KEY, max_retries=0)
        title = _chat(staff, "local-llm", [
            {"role": "user", "content": "議事録を作成してください"}, {"role": "assistant", "content": "はい"},
            {"role": "user", "content": TITLE_TASK},
        ])  # fmt: skip
        embedding = staff.embeddings.with_raw_response.create(model="local-llm", input="議事録の作り方")

        records = _records(gw.audit_dir)
        for _, _, text, category in [*TRAFFIC, BLOCKED, RETRY]:
            assert records[ids[text]]["category"] == category, text
        assert records[ids[BLOCKED[2]]]["outcome"] == "blocked"
        assert records[title.headers["x-sekisho-request-id"]]["category"] == "background"
        assert records[embedding.headers["x-sekisho-request-id"]]["category"] is None
        written = b"".join(p.read_bytes() for p in gw.audit_dir.rglob("*") if p.is_file()).decode("utf-8")
        for _, _, text, _ in [*TRAFFIC, BLOCKED, RETRY]:
            assert text[:12] not in written  # the category is kept, never the words
        assert "chat_history" not in written

        # The stats page shows the same effect figures as the CLI.
        page = httpx.get(gw.root + "/audit/stats", headers={"authorization": f"Bearer {AUDITOR_KEY}"}, timeout=30)
        assert page.status_code == 200 and "推計削減時間" in page.text

        month = datetime.now(JST).strftime("%Y-%m")
        stats = sekisho("audit", "--no-progress", "stats", str(gw.audit_dir), "--month", month, "--json")
        assert stats.returncode == 0, stats.stderr
        effect = json.loads(stats.stdout)["effect"]
        assert effect["counted_requests"] == 6 and effect["background_requests"] == 1 and effect["not_answered"] == 1
        assert {(r["department"], r["rule_id"]): (r["blocked"], r["retried_ok"]) for r in effect["stops"]} == {
            ("税務課", "block-my-number"): (1, 1)
        }
        out = tmp_path / "report"
        made = sekisho("audit", "--no-progress", "report", str(gw.audit_dir), "--month", month, "-o", str(out))
        assert made.returncode == 0, made.stderr
        with (out / f"sekisho-report-{month}.csv").open(encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
        _assert_csv_matches(rows, effect)
        html = (out / f"sekisho-report-{month}.html").read_text(encoding="utf-8")
        assert f"{effect['estimated_hours']:,.1f} 時間" in html and html.count("<svg") == 4
        web = httpx.get(gw.root + f"/audit/report.csv?month={month}", headers={"authorization": f"Bearer {AUDITOR_KEY}"}, timeout=30)
        assert web.status_code == 200
        assert list(csv.DictReader(web.text.lstrip("\ufeff").splitlines())) == rows

        # The guide: any valid key; a policy edit shows after the reload.
        assert httpx.get(gw.root + "/guide/", timeout=30).status_code == 401
        before = _guide_row(gw.root, "個人情報（氏名")
        assert before["gpt-overseas"] == "○（仮名化）"
        policy = tmp_path / "default.yaml"
        text = policy.read_text(encoding="utf-8")
        # The shipped rule pseudonymises personal data bound overseas; the edit blocks it instead.
        start = text.index("  - id: personal-overseas-pseudonymize")
        end = text.index("\n\n", start)
        edited = text[:start] + (
            "  - id: personal-overseas-block\n    when:\n      tags_any: [personal]\n      zones: [overseas]\n"
            "    action: block\n    message: 個人情報は海外のモデルに送れません。"
        ) + text[end:]
        assert edited != text
        policy.write_text(edited, encoding="utf-8")
        deadline = time.monotonic() + 20
        while (after := _guide_row(gw.root, "個人情報（氏名"))["gpt-overseas"] != "×":
            assert time.monotonic() < deadline, f"the guide did not follow the edit: {after}"
            time.sleep(0.2)
        assert after["local-llm"] == before["local-llm"]


def _guide_row(root: str, title: str) -> dict[str, str]:
    page = httpx.get(root + "/guide/", headers={"authorization": f"Bearer {STAFF_KEY}"}, timeout=60)
    assert page.status_code == 200
    table = page.text.split('<table id="matrix">')[1].split("</table>")[0]
    models = re.findall(r"<th>([^<]+)<br>", table)
    row = next(r for r in table.split("<tr>") if title in r)
    cells = [re.sub(r"<br>.*", "", c).strip() for c in re.findall(r'<td class="m [^"]+">(.*?)</td>', row)]
    return dict(zip(models, cells, strict=True))


def _assert_csv_matches(rows: list[dict[str, str]], effect: dict[str, Any]) -> None:
    total = next(r for r in rows if r["section"] == "total")
    assert (int(total["requests"]), float(total["hours"])) == (effect["counted_requests"], effect["estimated_hours"])
    for section, key, fields in (
        ("department", "by_department", ("department",)),
        ("category", "by_category", ("category",)),
        ("department_category", "by_department_category", ("department", "category")),
    ):
        got = {tuple(r[f] for f in fields): (int(r["requests"]), float(r["hours"])) for r in rows if r["section"] == section}
        want = {tuple(r[f] for f in fields): (r["requests"], r["hours"]) for r in effect[key]}
        assert got == want and want, section
    stops = {(r["department"], r["rule_id"]): (int(r["blocked"]), int(r["rerouted"]), int(r["retried_ok"])) for r in rows if r["section"] == "stops"}
    assert stops == {(r["department"], r["rule_id"]): (r["blocked"], r["rerouted"], r["retried_ok"]) for r in effect["stops"]}
