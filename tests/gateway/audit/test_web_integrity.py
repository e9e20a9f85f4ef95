"""The review page marks records that fail verification, shows no `None` for a refused key, and its totals add up."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from tests.gateway.audit.integrity_log import TAMPERED_LINE, write_log
from tests.gateway.audit.webapp import AUDITOR_KEY, make_app

AUTH = {"Authorization": f"Bearer {AUDITOR_KEY}"}


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [r for r in body.split("<tr")[1:]]


def test_intact_log_has_no_marks_and_no_none(tmp_path: Path) -> None:
    client = TestClient(make_app(write_log(tmp_path / "log", tamper=False)))
    page = client.get("/audit/", headers=AUTH).text
    rows = _rows(page)
    assert len(rows) == 7 and not any("tampered" in r for r in rows)
    assert "tamper-alert" not in page and "None" not in page
    refused = next(r for r in rows if "req-refused-00006" in r)
    assert "error 401" in refused
    detail = client.get("/audit/records/req-refused-00006", headers=AUTH).text
    assert "None" not in detail and "-（リクエストを読む前に終了）" in detail
    assert "ハッシュチェーンの検証：正常" in detail
    assert "2026-04-01 17:00:00 JST（2026-04-01T08:00:00.000Z = UTC）" in detail


def test_tampered_record_and_those_after_it_are_marked(tmp_path: Path) -> None:
    client = TestClient(make_app(write_log(tmp_path / "log", tamper=True)))
    page = client.get("/audit/", headers=AUTH).text
    assert 'id="tamper-alert"' in page and "host-1-review" in page
    marks = {re.search(r"req-[a-z]+-\d{5}", r).group(0): r for r in _rows(page)}  # type: ignore[union-attr]
    broken_seq = TAMPERED_LINE - 1
    for request_id, row in marks.items():
        seq = int(request_id[-5:])
        if seq < broken_seq:
            assert "tampered" not in row, request_id
        elif seq == broken_seq:
            assert 'class="tampered"' in row and ">改ざん</span>" in row
        else:
            assert 'class="tampered"' in row and ">検証不能</span>" in row
    detail = client.get(f"/audit/records/req-blocked-0000{broken_seq}", headers=AUTH).text
    assert "改ざんを検出：この記録はハッシュチェーンの検証に失敗しました" in detail and 'class="detail tampered"' in detail
    after = client.get("/audit/records/req-refused-00006", headers=AUTH).text
    assert "検証不能：同じチェーンのこれより前の記録で改ざん・欠落を検出" in after
    before = client.get("/audit/records/req-allowed-00000", headers=AUTH).text
    assert "ハッシュチェーンの検証：正常" in before


def test_cost_card_matches_the_tables(tmp_path: Path) -> None:
    client = TestClient(make_app(write_log(tmp_path / "log", tamper=False)))
    stats = client.get("/audit/stats", headers=AUTH).text
    assert "費用（円）<b>0.25</b>" in stats
    table = stats.split('id="by-department"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<tr><td>[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">([\d.,]+)</td>", table)
    assert sum(float(c) for c in cells) == 0.25
    assert "<th>日（JST）</th>" in stats
