"""The staff guide and the monthly report in a real headless Chromium: 1,280 px screenshots and A4 PDFs."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.gateway.audit.effect_log import write
from tests.gateway.conftest import AUDITOR_KEY, STAFF_KEY, base_config
from tests.support.upstream import UpstreamServer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium package is not installed")


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_guide_and_report_render_on_screen_and_on_a4(
    tmp_path: Path, gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer
) -> None:
    from playwright.sync_api import sync_playwright

    with gateway_for(base_config(upstream)) as gw, sync_playwright() as pw:
        write(gw.audit_dir)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(locale="ja-JP", viewport={"width": 1280, "height": 900})
            requested: list[str] = []
            page.on("request", lambda req: requested.append(req.url))

            first = page.goto(f"{gw.root}/guide/")
            assert first is not None and first.status == 401
            page.fill("#key", STAFF_KEY)
            page.click("button:has-text('ガイドを見る')")
            page.wait_for_url(f"{gw.root}/guide/")
            assert page.locator("#matrix tbody tr").count() == 6
            assert page.locator("section.model").count() == 4
            assert page.locator("#uses .use").count() == 9
            assert "税務課" in page.locator("#exceptions").inner_text()
            # Nothing wider than the window: the page reads at 1,280 px without sideways scrolling.
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
            page.screenshot(path=str(tmp_path / "guide-1280.png"), full_page=True)
            page.emulate_media(media="print")
            guide_pdf = page.pdf(format="A4", print_background=True)
            assert guide_pdf.startswith(b"%PDF") and 2 <= _pdf_pages(guide_pdf) <= 7
            (tmp_path / "guide.pdf").write_bytes(guide_pdf)
            page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi, as printed
            page.screenshot(path=str(tmp_path / "guide-a4.png"), full_page=True)
            page.emulate_media(media="screen")
            page.set_viewport_size({"width": 1280, "height": 900})

            page.goto(f"{gw.root}/audit/login")
            page.fill("#key", AUDITOR_KEY)
            page.click("button:has-text('ログイン')")
            page.wait_for_url(f"{gw.root}/audit/")
            page.click("text=利用状況")
            page.fill("input[name=month]", "2026-04")
            page.click("button:has-text('月次報告書を作成')")
            page.wait_for_url("**/audit/report?month=2026-04**")
            assert "2026年4月" in page.locator("h1").inner_text()
            assert page.locator("svg.chart").count() == 4
            assert page.locator("#by-department tbody tr").count() == 3
            assert page.locator("#stops tbody tr").count() == 2
            assert "1.4" in page.locator("#summary").inner_text() or "2.1" in page.locator("#summary").inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
            page.screenshot(path=str(tmp_path / "report-1280.png"), full_page=True)
            page.emulate_media(media="print")
            report_pdf = page.pdf(format="A4", print_background=True)
            assert report_pdf.startswith(b"%PDF") and 1 <= _pdf_pages(report_pdf) <= 6
            (tmp_path / "report.pdf").write_bytes(report_pdf)
            page.set_viewport_size({"width": 794, "height": 1123})
            page.screenshot(path=str(tmp_path / "report-a4.png"), full_page=True)

            assert requested and all(url.startswith(gw.root) for url in requested), requested
        finally:
            browser.close()
    shots = os.environ.get("SEKISHO_SCREENSHOTS")
    if shots:
        for f in [*tmp_path.glob("*.png"), *tmp_path.glob("*.pdf")]:
            Path(shots, f.name).write_bytes(f.read_bytes())
