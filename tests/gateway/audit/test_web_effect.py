"""The review page's effect figures and monthly report: auditors only, same numbers as the CLI, fresh after new records."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi.testclient import TestClient

from gateway.audit import AuditLog
from tests.gateway.audit.effect_log import write
from tests.gateway.audit.factory import CASES, build
from tests.gateway.audit.webapp import AUDITOR_KEY, STAFF_KEY, make_app


def _auth(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


def test_stats_page_effect_follows_new_records(tmp_path: Path) -> None:
    log_dir = write(tmp_path / "log")
    with TestClient(make_app(log_dir)) as client:
        first = client.get("/audit/stats?since=2026-04-01&until=2026-04-30", headers=_auth(AUDITOR_KEY))
        assert first.status_code == 200
        assert "2.1 時間" in first.text and "block-my-number" in first.text
        assert client.get("/audit/stats", headers=_auth(STAFF_KEY)).status_code == 403
        log = AuditLog(log_dir, hmac_key=b"k" * 32, chain_id="host-later")
        log.append_sync(build(log, CASES[0], 500, ts="2026-04-20T01:00:00.000Z", category="minutes"))
        again = client.get("/audit/stats?since=2026-04-01&until=2026-04-30", headers=_auth(AUDITOR_KEY))
        assert "2.8 時間" in again.text  # 45 more minutes


def test_records_filter_by_category(tmp_path: Path) -> None:
    log_dir = write(tmp_path / "log")
    with TestClient(make_app(log_dir)) as client:
        page = client.get("/audit/?category=background", headers=_auth(AUDITOR_KEY))
        assert page.status_code == 200 and page.text.count("<td>background</td>") == 2
        assert "2 件" in page.text


def test_report_page_and_csv(tmp_path: Path) -> None:
    log_dir = write(tmp_path / "log")
    with TestClient(make_app(log_dir)) as client:
        page = client.get("/audit/report?month=2026-04", headers=_auth(AUDITOR_KEY))
        assert page.status_code == 200 and "2026年4月" in page.text and page.text.count("<svg") == 4
        assert "Content-Security-Policy" in page.headers
        got = client.get("/audit/report.csv?month=2026-04", headers=_auth(AUDITOR_KEY))
        assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(got.text.lstrip("\ufeff"))))
        total = next(r for r in rows if r["section"] == "total")
        assert (total["requests"], total["hours"]) == ("6", "2.08")
        may = client.get("/audit/report.csv?month=2026-05", headers=_auth(AUDITOR_KEY))
        may_total = next(r for r in csv.DictReader(io.StringIO(may.text.lstrip("\ufeff"))) if r["section"] == "total")
        assert may_total["requests"] == "1"
        assert client.get("/audit/report?month=2026-13", headers=_auth(AUDITOR_KEY)).status_code == 400
        assert client.get("/audit/report?month=2026-04", headers=_auth(STAFF_KEY)).status_code == 403
        assert client.get("/audit/report.csv?month=2026-04").status_code == 401
