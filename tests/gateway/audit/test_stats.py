from __future__ import annotations

import json
from pathlib import Path

from gateway.audit.query import iter_records
from gateway.audit.stats import compute
from tests.gateway.audit.cli import sekisho


def row(rows: list[dict], key: str) -> dict:
    return next(r for r in rows if r["key"] == key)


def test_figures_match_a_hand_computed_log(small_log: Path) -> None:
    s = compute(iter_records(small_log))
    t = s.total.row("all")
    # Four requests reached a model and answered (100 tokens, 1.50 円 each); block and error did not.
    assert (t["requests"], t["users"], t["total_tokens"], t["cost"]) == (6, 3, 400, 6.0)
    assert (t["allowed"], t["masked"], t["pseudonymized"], t["blocked"], t["rerouted"], t["errors"]) == (
        1,
        2,
        1,
        1,
        1,
        1,
    )

    dept = s.rows("department")
    assert row(dept, "総務課") == {
        "key": "総務課", "requests": 2, "users": 1, "prompt_tokens": 40, "completion_tokens": 60,
        "total_tokens": 100, "cost": 1.5, "allowed": 1, "masked": 0, "pseudonymized": 0, "blocked": 1,
        "rerouted": 0, "errors": 0, "incomplete": 0,
    }  # fmt: skip
    assert (row(dept, "税務課")["total_tokens"], row(dept, "税務課")["cost"], row(dept, "税務課")["rerouted"]) == (
        200,
        3.0,
        1,
    )
    assert (row(dept, "福祉課")["errors"], row(dept, "福祉課")["masked"], row(dept, "福祉課")["pseudonymized"]) == (
        1,
        1,
        1,
    )

    models = {r["key"]: r["requests"] for r in s.rows("model")}
    assert models == {"gpt-4o": 4, "onprem-llm": 1, "-": 1}
    zones = {r["key"]: r["requests"] for r in s.rows("zone")}
    assert zones == {"overseas": 4, "onprem": 1, "-": 1}
    # Days are Japanese calendar days: 15:00 UTC is midnight in Japan.
    assert [(r["key"], r["requests"]) for r in s.rows("day")] == [
        ("2026-04-01", 3),
        ("2026-04-02", 2),
        ("2026-04-03", 1),
    ]
    assert s.first_ts == "2026-04-01T00:30:00.000Z" and s.last_ts == "2026-04-02T23:30:00.000Z"


def test_stats_command_prints_tables_and_json(small_log: Path) -> None:
    out = sekisho("audit", "stats", str(small_log), "--by", "department", "--by", "day")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "by department" in text and "by day" in text
    # Japanese names take two columns; the numbers still line up under their header.
    header = next(line for line in text.splitlines() if line.startswith("department"))
    sou = next(line for line in text.splitlines() if line.startswith("総務課"))
    from gateway.audit.textable import width

    assert width(header[: header.index("requests") + len("requests")]) == width(sou[: sou.index("  2") + 3])

    data = json.loads(sekisho("audit", "stats", str(small_log), "--json", "--by", "action").stdout)
    assert {r["key"]: r["requests"] for r in data["action"]} == {
        "allow": 1,
        "mask": 2,
        "pseudonymize": 1,
        "block": 1,
        "reroute": 1,
    }
    utc = json.loads(sekisho("audit", "--tz", "+00:00", "stats", str(small_log), "--json", "--by", "day").stdout)
    assert [(r["key"], r["requests"]) for r in utc["day"]] == [("2026-04-01", 4), ("2026-04-02", 2)]


def test_stats_respects_filters(small_log: Path) -> None:
    data = json.loads(
        sekisho("audit", "stats", str(small_log), "--json", "--department", "税務課", "--by", "model").stdout
    )
    assert data["total"]["requests"] == 2
    assert {r["key"] for r in data["model"]} == {"gpt-4o", "onprem-llm"}


def test_days_follow_the_offset_even_at_half_hours() -> None:
    from datetime import timedelta, timezone

    from gateway.audit.stats import _DayOf

    ist = _DayOf(timezone(timedelta(hours=5, minutes=30)))
    assert ist("2026-04-01T18:29:59.999Z") == "2026-04-01"
    assert ist("2026-04-01T18:30:00.000Z") == "2026-04-02"
    jst = _DayOf(timezone(timedelta(hours=9)))
    assert jst("2026-04-01T14:59:59.999Z") == "2026-04-01"
    assert jst("2026-04-01T15:00:00.000Z") == "2026-04-02"


def test_a_request_that_failed_before_classification_is_recorded_and_counted(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from gateway.audit import AuditLog, Metrics
    from tests.gateway.audit.factory import CASES, build
    from tests.gateway.audit.webapp import AUDITOR_KEY, make_app

    log = AuditLog(tmp_path, hmac_key=b"k" * 32)
    early = build(
        log, CASES[5], 7, level=None, rank=None, action=None, rule_id=None, policy_version=None, entities={},
        model_actual=None, zone=None, status=400, error_type="invalid_request",
    )  # fmt: skip
    log.append_sync(early)
    log.append_sync(build(log, CASES[0], 8))
    s = compute(iter_records(tmp_path), ("action", "level"))
    assert {r["key"]: r["requests"] for r in s.rows("action")} == {"-": 1, "allow": 1}
    assert {r["key"]: r["errors"] for r in s.rows("level")} == {"-": 1, "機密性1": 0}
    m = Metrics()
    m.observe(early)
    assert (
        b'sekisho_requests_total{action="none",level="none",model="gpt-4o",outcome="error",zone="none"} 1.0'
        in m.render()[0]
    )
    page = TestClient(make_app(tmp_path)).get(
        "/audit/records/req-failed-00007", headers={"Authorization": f"Bearer {AUDITOR_KEY}"}
    )
    assert page.status_code == 200 and "判定前に終了" in page.text
