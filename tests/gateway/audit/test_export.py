from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from gateway.audit import AuditLog
from gateway.audit.export import CSV_COLUMNS
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, build


def test_csv_export_columns_and_values(small_log: Path) -> None:
    out = sekisho("audit", "export", str(small_log), "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert CSV_COLUMNS[:4] == ("ts_utc", "request_id", "user", "department")
    assert [r["request_id"] for r in rows][:2] == ["req-allowed-00000", "req-masked-00001"]  # oldest first
    masked = rows[1]
    assert masked["entities"] == "PERSON:1;PHONE_NUMBER:1"
    assert masked["department"] == "税務課" and masked["level"] == "機密性2" and masked["tags"] == "personal"
    assert (masked["prompt_tokens"], masked["total_tokens"], masked["cost"]) == ("40", "100", "1.5")
    assert masked["content_kept"] == "False" and masked["seq"] == "1" and len(masked["hash"]) == 64
    blocked = rows[3]
    assert (blocked["model_actual"], blocked["zone"], blocked["total_tokens"]) == ("", "", "")
    assert "6 record(s) exported" in out.stderr


def test_csv_file_is_excel_friendly_and_defuses_formulas(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "log", hmac_key=b"k" * 32)
    (tmp_path / "log").mkdir()
    from gateway.audit import ClientInfo

    log.append_sync(build(log, CASES[0], 0, client=ClientInfo(user_agent='=HYPERLINK("http://x")', address="10.0.0.1")))
    target = tmp_path / "out.csv"
    assert sekisho("audit", "export", str(tmp_path / "log"), "-o", str(target)).returncode == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert row["user_agent"] == '\'=HYPERLINK("http://x")'


def test_jsonl_export_round_trips(small_log: Path) -> None:
    out = sekisho("audit", "export", str(small_log), "--format", "jsonl", "--action", "block")
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["request_id"] for r in recs] == ["req-blocked-00003"]
    assert recs[0]["entities"] == {"MY_NUMBER": 1, "PERSON": 1}
