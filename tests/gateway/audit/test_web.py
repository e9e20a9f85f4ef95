from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.gateway.audit.webapp import AUDITOR_KEY, STAFF_KEY, make_app


@pytest.fixture
def client(small_log: Path) -> TestClient:
    return TestClient(make_app(small_log))


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def rows(html: str) -> int:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.count("<tr>")


def test_unauthenticated_and_unknown_keys_get_401(client: TestClient) -> None:
    for headers in ({}, bearer("sk-nobody")):
        resp = client.get("/audit/", headers=headers)
        assert resp.status_code == 401
        assert "ログイン" in resp.text and 'href="/audit/login"' in resp.text


@pytest.mark.parametrize("path", ["/audit/", "/audit/stats", "/audit/chains", "/audit/records/req-masked-00001"])
def test_a_key_without_the_auditor_role_is_refused_in_japanese(client: TestClient, path: str) -> None:
    resp = client.get(path, headers=bearer(STAFF_KEY))
    assert resp.status_code == 403
    assert "監査担当（auditor ロール）のキーでのみ閲覧できます" in resp.text
    assert "req-masked" not in resp.text


def test_auditor_sees_filterable_table_detail_stats_and_chain_status(client: TestClient) -> None:
    page = client.get("/audit/", headers=bearer(AUDITOR_KEY))
    assert page.status_code == 200 and rows(page.text) == 6
    filtered = client.get("/audit/", params={"department": "税務課"}, headers=bearer(AUDITOR_KEY))
    assert rows(filtered.text) == 2 and "req-rerouted-00004" in filtered.text and "req-allowed" not in filtered.text
    by_date = client.get("/audit/", params={"since": "2026-04-02", "until": "2026-04-02"}, headers=bearer(AUDITOR_KEY))
    assert rows(by_date.text) == 2
    bad = client.get("/audit/", params={"since": "昨日"}, headers=bearer(AUDITOR_KEY))
    assert bad.status_code == 400 and "not a date" in bad.text

    detail = client.get("/audit/records/req-blocked-00003", headers=bearer(AUDITOR_KEY))
    assert detail.status_code == 200
    assert "MY_NUMBER: 1" in detail.text and "機密性3" in detail.text and "（送信なし）" in detail.text
    assert client.get("/audit/records/nope", headers=bearer(AUDITOR_KEY)).status_code == 404

    stats = client.get("/audit/stats", headers=bearer(AUDITOR_KEY))
    assert stats.status_code == 200
    # Five usage charts, and three for the effect figures (hours, categories, rule stops).
    assert stats.text.count("<svg") == 8 and "部署別リクエスト数" in stats.text and "推計削減時間" in stats.text
    assert re.search(r"リクエスト<b>6</b>", stats.text)

    chains = client.get("/audit/chains", headers=bearer(AUDITOR_KEY))
    assert "すべてのチェーン（1 本、6 件）は改ざんされていません" in chains.text


def test_pages_load_nothing_from_outside_and_forbid_scripts(client: TestClient) -> None:
    for path in ("/audit/", "/audit/stats", "/audit/chains", "/audit/records/req-masked-00001", "/audit/login"):
        resp = client.get(path, headers=bearer(AUDITOR_KEY))
        assert "<script" not in resp.text and "http://" not in resp.text and "https://" not in resp.text
        assert "default-src 'none'" in resp.headers["content-security-policy"]
        assert resp.headers["cache-control"] == "no-store"


def test_chain_status_shows_where_the_log_was_altered(client: TestClient, small_log: Path) -> None:
    f = next(small_log.glob("audit-*.jsonl"))
    lines = f.read_bytes().splitlines(keepends=True)
    f.write_bytes(b"".join(lines[:4] + lines[5:]))
    page = client.get("/audit/chains", headers=bearer(AUDITOR_KEY))
    assert "改ざん・欠落・並べ替えを検出しました" in page.text
    assert f"{f.name}:5" in page.text


def test_login_sets_a_strict_http_only_cookie_for_auditors_only(client: TestClient) -> None:
    refused = client.post(
        "/audit/login",
        content=f"key={STAFF_KEY}",
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert refused.status_code == 403 and "set-cookie" not in refused.headers
    ok = client.post(
        "/audit/login",
        content=f"key={AUDITOR_KEY}",
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/audit/"
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/audit" in cookie
    assert client.get("/audit/").status_code == 200  # the cookie now authenticates
    out = client.post("/audit/logout", follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/audit/").status_code == 401


def test_records_are_paged_newest_first(tmp_path: Path) -> None:
    from gateway.audit import AuditLog
    from tests.gateway.audit.factory import CASES, build

    log = AuditLog(tmp_path, hmac_key=b"k" * 32)
    for n in range(230):
        log.append_sync(build(log, CASES[n % len(CASES)], n, ts=f"2026-04-01T09:{n // 60:02d}:{n % 60:02d}.000Z"))
    client = TestClient(make_app(tmp_path))
    first = client.get("/audit/", headers=bearer(AUDITOR_KEY))
    assert rows(first.text) == 100 and "230 件" in first.text
    assert first.text.index("-00229") < first.text.index("-00228")  # newest first
    third = client.get("/audit/", params={"page": "3"}, headers=bearer(AUDITOR_KEY))
    assert rows(third.text) == 30 and "-00000" in third.text and "-00030" not in third.text
    assert 'href="/audit/?page=2"' in third.text


def test_stats_and_chain_pages_follow_a_growing_log(tmp_path: Path) -> None:
    from gateway.audit import AuditLog
    from tests.gateway.audit.factory import CASES, build

    log = AuditLog(tmp_path, hmac_key=b"k" * 32)
    log.append_sync(build(log, CASES[0], 0))
    log.append_sync(build(log, CASES[3], 1))
    client = TestClient(make_app(tmp_path))
    h = bearer(AUDITOR_KEY)
    assert re.search(r"リクエスト<b>2</b>", client.get("/audit/stats", headers=h).text)
    assert re.search(r"遮断<b>1</b>", client.get("/audit/stats", headers=h).text)
    log.append_sync(build(log, CASES[3], 2))
    page = client.get("/audit/stats", headers=h).text
    assert re.search(r"リクエスト<b>3</b>", page) and re.search(r"遮断<b>2</b>", page)
    dept = client.get("/audit/stats", params={"department": "税務課"}, headers=h).text
    assert re.search(r"リクエスト<b>1</b>", dept)
    assert "3 件）は改ざんされていません" in client.get("/audit/chains", headers=h).text
