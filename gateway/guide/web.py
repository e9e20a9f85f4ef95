"""`/guide/`: the staff guide for anyone holding a valid key (Bearer header, or a cookie set by its login form)."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import escape
from starlette.concurrency import run_in_threadpool

COOKIE = "sekisho_guide_key"
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_LOGIN = """<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>生成AIの使い方ガイド — ログイン</title>
<style>body{{font-family:"Noto Sans CJK JP",sans-serif;background:#f6f7f9;padding:40px}}.box{{background:#fff;border:1px solid #e3e6ea;padding:16px 20px;max-width:520px}}
input{{font:inherit;width:100%;padding:4px}}button{{margin-top:10px;background:#1f5fa8;color:#fff;border:0;padding:6px 14px;font:inherit}}.error{{color:#8a1c14}}</style></head>
<body><div class="box"><h1>生成AIの使い方ガイド</h1><p>ふだん使っている API キーを入力してください（キーはこのブラウザにだけ保存されます）。</p>
{error}<form method="post" action="{base}/login"><label for="key">API キー</label><input id="key" name="key" type="password" autocomplete="off">
<button type="submit">ガイドを見る</button></form></div></body></html>"""

Authenticate = Callable[[str], "Awaitable[Any | None] | Any | None"]


class _Cache:
    """The rendered page per (policy version, taxonomy version): a reload changes the key."""

    def __init__(self, render: Callable[[], tuple[tuple[str, str], Callable[[], str]]]) -> None:
        self.render = render
        self.key: tuple[str, str] | None = None
        self.html = ""
        self.lock = threading.Lock()

    def get(self) -> str:
        key, make = self.render()
        with self.lock:
            if key != self.key:
                self.html, self.key = make(), key
            return self.html


def build_router(authenticate: Authenticate, page: Callable[[], tuple[tuple[str, str], Callable[[], str]]],
                 *, base: str = "/guide") -> APIRouter:
    """The guide under `base`; `page()` returns (versions, a function rendering the HTML for them)."""  # fmt: skip
    router = APIRouter(prefix=base, include_in_schema=False)
    cache = _Cache(page)

    async def who(request: Request) -> Any:
        auth = request.headers.get("authorization", "")
        key = auth[7:].strip() if auth[:7].lower() == "bearer " else request.cookies.get(COOKIE, "")
        if not key:
            return None
        found = authenticate(key)
        return await found if inspect.isawaitable(found) else found

    def login_page(status: int, error: str = "") -> HTMLResponse:
        msg = f'<p class="error" id="login-error">{escape(error)}</p>' if error else ""
        return HTMLResponse(_LOGIN.format(base=base, error=msg), status_code=status, headers=_HEADERS)

    @router.get("/", response_class=HTMLResponse)
    async def guide(request: Request) -> Response:
        if await who(request) is None:
            return login_page(401)
        html = await run_in_threadpool(cache.get)
        return HTMLResponse(html, headers=_HEADERS)

    @router.get("/login", response_class=HTMLResponse)
    async def login_form() -> Response:
        return login_page(200)

    @router.post("/login")
    async def login(request: Request) -> Response:
        body = await request.body()
        if len(body) > 8192:
            return login_page(413, "入力が長すぎます。")
        key = (parse_qs(body.decode("utf-8", "replace")).get("key") or [""])[0].strip()
        found = authenticate(key) if key else None
        if inspect.isawaitable(found):
            found = await found
        if found is None:
            return login_page(401, "キーが正しくありません。")
        resp = RedirectResponse(f"{base}/", status_code=303, headers=_HEADERS)
        resp.set_cookie(COOKIE, key, httponly=True, samesite="strict", path=base, secure=request.url.scheme == "https")
        return resp

    return router
