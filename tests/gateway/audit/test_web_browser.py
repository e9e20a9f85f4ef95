"""The review page in a real headless Chromium (Debian's package), driven by Playwright."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.gateway.audit.webapp import AUDITOR_KEY, STAFF_KEY, serve

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium package is not installed")


def test_review_page_in_chromium(small_log: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with serve(small_log) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(locale="ja-JP")
            requested: list[str] = []
            page.on("request", lambda req: requested.append(req.url))

            first = page.goto(f"{base}/audit/")
            assert first is not None and first.status == 401
            page.click("text=ログイン画面へ")
            page.fill("#key", AUDITOR_KEY)
            page.click("button:has-text('ログイン')")
            page.wait_for_url(f"{base}/audit/")
            assert page.locator("#records tbody tr").count() == 6

            # The filter form: department and action, submitted as GET parameters.
            page.fill("input[name=department]", "税務課")
            page.select_option("select[name=action]", "reroute")
            page.click("button:has-text('絞り込み')")
            page.wait_for_url("**department=**")
            assert page.locator("#records tbody tr").count() == 1
            assert page.locator("#count").inner_text().startswith("1 件")
            page.screenshot(path=str(tmp_path / "records.png"), full_page=True)

            page.click("text=詳細")
            assert "req-rerouted-00004" in page.locator("h2").inner_text()
            assert "onprem-llm / onprem" in page.locator("#detail").inner_text()

            page.click("text=利用状況")
            assert page.locator("#charts svg").count() == 5
            assert page.locator("#by-department tbody tr").count() == 3
            page.screenshot(path=str(tmp_path / "stats.png"), full_page=True)

            page.click("text=改ざん検証")
            assert "改ざんされていません" in page.locator("#chain-summary").inner_text()

            # Nothing was fetched from anywhere but the gateway itself.
            assert requested and all(url.startswith(base) for url in requested), requested

            # A key without the auditor role cannot get in, and gets no cookie.
            other = browser.new_page(locale="ja-JP")
            other.goto(f"{base}/audit/login")
            other.fill("#key", STAFF_KEY)
            other.click("button:has-text('ログイン')")
            assert "auditor" in other.locator("#login-error").inner_text()
            assert not [c for c in other.context.cookies() if c["name"] == "sekisho_audit_key"]
            refused = other.goto(f"{base}/audit/stats")
            assert refused is not None and refused.status == 401
        finally:
            browser.close()
    shots = os.environ.get("SEKISHO_SCREENSHOTS")
    if shots:
        for png in tmp_path.glob("*.png"):
            Path(shots, png.name).write_bytes(png.read_bytes())


def test_records_fit_1280px_and_a_tampered_record_is_marked(tmp_path: Path) -> None:
    """At 1,280 px every column is on screen; the tampered record and those after it carry a visible mark."""
    from playwright.sync_api import sync_playwright

    from tests.gateway.audit.integrity_log import write_log

    log = write_log(tmp_path / "log", tamper=True)
    with serve(log) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(locale="ja-JP", viewport={"width": 1280, "height": 900})
            page.set_extra_http_headers({"Authorization": f"Bearer {AUDITOR_KEY}"})
            page.goto(f"{base}/audit/")
            headers = page.locator("#records thead th")
            assert headers.count() == 13
            for i in range(headers.count()):
                box = headers.nth(i).bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280, headers.nth(i).inner_text()
            scroll = page.evaluate("() => { const d = document.querySelector('div.scroll'); return [d.scrollWidth, d.clientWidth]; }")
            assert scroll[0] <= scroll[1], scroll
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
            for name in ("ゾーン", "結果", "記録"):
                assert page.locator("#records thead th", has_text=name).is_visible()
            assert page.locator("#tamper-alert").is_visible()
            page.screenshot(path=str(tmp_path / "records-1280-tampered.png"), full_page=True)
            broken = page.locator("#records tbody tr", has=page.locator('a[href$="req-blocked-00003"]'))
            assert broken.get_attribute("class") == "tampered" and broken.locator(".tamper").inner_text() == "改ざん"
            colour = broken.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
            assert colour == "rgb(253, 236, 234)"
            assert page.locator("#records tbody tr.tampered").count() == 4  # the broken record and the three after it
            assert "None" not in page.locator("#records").inner_text()

            page.goto(f"{base}/audit/records/req-blocked-00003")
            assert "改ざんを検出" in page.locator("#integrity").inner_text()
            page.screenshot(path=str(tmp_path / "record-tampered.png"), full_page=True)
            page.goto(f"{base}/audit/stats")
            assert page.locator("#totals").inner_text().count("0.25") == 1
            page.screenshot(path=str(tmp_path / "stats-1280.png"), full_page=True)
        finally:
            browser.close()
    shots = os.environ.get("SEKISHO_SCREENSHOTS")
    if shots:
        for png in tmp_path.glob("*.png"):
            Path(shots, png.name).write_bytes(png.read_bytes())
