"""The review page as the gateway serves it, in Debian's headless Chromium: log in, filter, refuse."""

from __future__ import annotations

import os

import httpx
import pytest

from tests.gateway.audit.test_web_browser import ARGS, CHROMIUM
from tests.gateway.conftest import AUDITOR_KEY, STAFF_KEY, TAX_KEY, Gateway


def _traffic(gw: Gateway) -> None:
    with httpx.Client(timeout=30) as c:
        for key, model, text in [
            (STAFF_KEY, "local-llm", "防災訓練のお知らせ文を作ってください。"),
            (STAFF_KEY, "gpt-overseas", "佐藤花子さんへの回答案を作ってください。"),
            (TAX_KEY, "gpt-overseas", "山田太郎様の固定資産税の納付相談の回答案を作ってください。"),
            (STAFF_KEY, "gpt-overseas", "個人番号 123456789018 の件です。"),
        ]:
            c.post(gw.base_url + "/chat/completions", headers={"authorization": f"Bearer {key}"},
                   json={"model": model, "messages": [{"role": "user", "content": text}]})


def test_review_page_through_the_gateway(gateway: Gateway) -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must run the browser test")
        pytest.skip("Debian's chromium package is not installed")
    from playwright.sync_api import sync_playwright

    _traffic(gateway)
    base = gateway.root
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(locale="ja-JP")
            requested: list[str] = []
            page.on("request", lambda req: requested.append(req.url))
            page.goto(f"{base}/audit/login")
            page.fill("#key", AUDITOR_KEY)
            page.click("button:has-text('ログイン')")
            page.wait_for_url(f"{base}/audit/")
            assert page.locator("#records tbody tr").count() == 4
            page.fill("input[name=department]", "税務課")
            page.select_option("select[name=action]", "reroute")
            page.click("button:has-text('絞り込み')")
            page.wait_for_url("**department=**")
            assert page.locator("#records tbody tr").count() == 1
            html = page.content()
            for value in ("山田太郎", "佐藤花子", "123456789018"):
                assert value not in html
            assert all(url.startswith(base) for url in requested), requested

            staff = browser.new_page(locale="ja-JP")
            staff.goto(f"{base}/audit/login")
            staff.fill("#key", STAFF_KEY)
            staff.click("button:has-text('ログイン')")
            assert "auditor" in staff.locator("#login-error").inner_text()
        finally:
            browser.close()
