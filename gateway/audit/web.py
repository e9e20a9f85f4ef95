"""The review page at /audit/: records, one record, usage charts, chain status — auditors only.

Server-rendered HTML with inline CSS and SVG: no script and no external asset, so it works on a
closed municipal network and under a strict Content-Security-Policy.
"""

from __future__ import annotations

import inspect
import io
import re
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from gateway.audit import report, svg
from gateway.audit.chain import ChainKey
from gateway.audit.query import (
    JST,
    Filter,
    LogFile,
    Pairing,
    iter_records,
    log_files,
    parse_when,
    search,
    search_page,
)
from gateway.audit.stats import Partial, Stats, accumulate, finish
from gateway.audit.verify import FileCache, VerifyReport, verify

COOKIE = "sekisho_audit_key"
ROLE = "auditor"
PAGE_SIZE = 100
_FILTER_FIELDS = ("since", "until", "user", "department", "level", "action", "model", "zone", "entity", "outcome", "category")
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class _HasRoles(Protocol):
    def has_role(self, role: str) -> bool: ...


KeySource = Callable[[], ChainKey]
Authenticate = Callable[[str], "Awaitable[_HasRoles | None] | _HasRoles | None"]
# month (None: this one) -> (the month shown, rows with department/spend_yen/budget_yen/share/state, source)
Budgets = Callable[[str | None], "Awaitable[tuple[str, list[Any], str]]"]

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _local_ts(ts: str) -> str:
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).astimezone(JST).strftime("%Y-%m-%d %H:%M:%S")


def integrity(report: VerifyReport, record: dict[str, Any]) -> str:
    """"ok", "broken" (the chain's first record that fails) or "after" (after a break: cannot be trusted).

    A chain's records are verified in order from seq 0, so the intact ones are exactly seq < records.
    """
    status = next((c for c in report.chains if c.chain == record.get("chain")), None)
    if status is None:
        return "unknown"
    if status.first_break is None:
        return "ok"
    seq = record.get("seq")
    if isinstance(seq, int) and not isinstance(seq, bool) and 0 <= seq < status.records:
        return "ok"
    return "broken" if seq == status.records else "after"


_env.filters["local"] = _local_ts


def environment() -> Environment:
    """The review pages' Jinja environment (the monthly report's template lives there too)."""
    return _env


def _key_from(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and auth[7:].strip():
        return auth[7:].strip()
    return request.cookies.get(COOKIE) or None


def _file_key(f: LogFile) -> tuple[Path, int, int, int]:
    st = f.path.stat()
    return (f.path, st.st_size, st.st_mtime_ns, st.st_ino)


class _ChainCache:
    """Chain status for the page: files already verified whole and unchanged are not read again."""

    def __init__(self, key: KeySource) -> None:
        self.files: FileCache = {}
        self.lock = threading.Lock()
        self.key = key

    def get(self, log_dir: Path) -> VerifyReport:
        if not log_dir.exists():
            return VerifyReport()
        with self.lock:
            report = verify(log_dir, cache=self.files, key=self.key())
            current = {_file_key(f) for f in log_files(log_dir)}
            for key in [k for k in self.files if k not in current]:
                del self.files[key]
        return report


class _StatsCache:
    """Usage figures for the page: each unchanged file's figures are kept per filter (a few filters)."""

    GROUPS = ("department", "model", "zone", "day", "action")
    FILTERS = 8

    def __init__(self) -> None:
        self.by_filter: OrderedDict[Filter, dict[tuple[Path, int, int, int], Partial]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, log_dir: Path, flt: Filter) -> Stats:
        total = Partial()
        if not log_dir.exists():
            return finish(total, self.GROUPS)
        with self.lock:
            per_file = self.by_filter.pop(flt, {})
            self.by_filter[flt] = per_file
            while len(self.by_filter) > self.FILTERS:
                self.by_filter.popitem(last=False)
            current = set()
            for f in log_files(log_dir):
                key = _file_key(f)
                current.add(key)
                part = per_file.get(key)
                if part is None:
                    pairing = Pairing()
                    part = accumulate(iter_records(f.path, flt, pairing=pairing), self.GROUPS)
                    part.orphans = pairing.orphans
                    per_file[key] = part
                total.merge(part)
            for key in [k for k in per_file if k not in current]:
                del per_file[key]
        return finish(total, self.GROUPS)


def build_router(
    log_dir: Path, authenticate: Authenticate, key: KeySource, *, base: str = "/audit",
    taxonomy: Callable[[], Any] | None = None,
    budgets: Budgets | None = None,
) -> APIRouter:
    """The review pages under `base` (include the router without a further prefix).

    `key` gives the chain key (the gateway's, once it has started) for the chain status page;
    `taxonomy` returns the use-case taxonomy in force (its minutes saved), the shipped one when None.
    """
    router = APIRouter(prefix=base, include_in_schema=False)
    shipped: list[Any] = []

    def current_taxonomy() -> Any:
        if taxonomy is not None:
            return taxonomy()
        if not shipped:
            from gateway.usecase import load_taxonomy

            shipped.append(load_taxonomy(None))
        return shipped[0]

    chains = _ChainCache(key)
    figures = _StatsCache()
    effects = _EffectCache()

    def page(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = _env.get_template(name).render(base=base, action_labels=svg.ACTION_LABELS, **ctx)
        return HTMLResponse(html, status_code=status, headers=_HEADERS)

    async def principal_or_refusal(request: Request) -> tuple[Any, HTMLResponse | None]:
        key = _key_from(request)
        who = await _call(authenticate, key) if key else None
        if who is None:
            msg = "キーが無効です。" if key else "監査ページを見るにはログインしてください。"
            return None, page("denied.html", 401, title="ログインが必要です", message=msg, login=True)
        if not who.has_role(ROLE):
            return None, page(
                "denied.html",
                403,
                title="権限がありません",
                message="このページは監査担当（auditor ロール）のキーでのみ閲覧できます。"
                "閲覧が必要な場合は情報政策課にキーの権限を申請してください。",
                login=False,
            )
        return who, None

    @router.get("/login", response_class=HTMLResponse)
    async def login_form(request: Request) -> Response:
        return page("login.html", error=None)

    @router.post("/login")
    async def login(request: Request) -> Response:
        body = await request.body()
        if len(body) > 8192:
            return page("login.html", 413, error="入力が長すぎます。")
        key = (parse_qs(body.decode("utf-8", "replace")).get("key") or [""])[0].strip()
        who = await _call(authenticate, key) if key else None
        if who is None:
            return page("login.html", 401, error="キーが正しくありません。")
        if not who.has_role(ROLE):
            return page("login.html", 403, error="このキーには監査担当（auditor）の権限がありません。")
        resp = RedirectResponse(f"{base}/", status_code=303, headers=_HEADERS)
        resp.set_cookie(COOKIE, key, httponly=True, samesite="strict", path=base, secure=request.url.scheme == "https")
        return resp

    @router.post("/logout")
    async def logout(request: Request) -> Response:
        resp = RedirectResponse(f"{base}/login", status_code=303, headers=_HEADERS)
        resp.delete_cookie(COOKIE, path=base, httponly=True, samesite="strict")
        return resp

    @router.get("/", response_class=HTMLResponse)
    async def records(request: Request) -> Response:
        who, refusal = await principal_or_refusal(request)
        if refusal:
            return refusal
        params = {k: (request.query_params.get(k) or "").strip() for k in _FILTER_FIELDS}
        try:
            flt = _filter(params)
        except ValueError as exc:
            return page(
                "records.html", 400, rows=[], params=params, error=str(exc), total=0, pages=[], who=who, marks=[],
                broken_chains=[],
            )  # fmt: skip
        try:
            page_no = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            page_no = 1
        total, rows = await run_in_threadpool(_page, log_dir, flt, (page_no - 1) * PAGE_SIZE)
        report = await run_in_threadpool(chains.get, log_dir)
        marks = [integrity(report, r) for r in rows]
        last = max(1, -(-total // PAGE_SIZE))
        shown = sorted({1, last, *range(max(1, page_no - 5), min(last, page_no + 5) + 1)})
        links = [(n, urlencode({**{k: v for k, v in params.items() if v}, "page": n})) for n in shown]
        return page(
            "records.html", rows=rows, params=params, error=None, total=total, pages=links,
            page_no=page_no, who=who, marks=marks, broken_chains=[c.chain for c in report.chains if not c.ok],
        )  # fmt: skip

    @router.get("/records/{request_id}", response_class=HTMLResponse)
    async def record(request: Request, request_id: str) -> Response:
        who, refusal = await principal_or_refusal(request)
        if refusal:
            return refusal
        found = await run_in_threadpool(_search, log_dir, Filter(request_id=request_id))
        if not found:
            return page(
                "denied.html",
                404,
                title="記録がありません",
                message=f"request_id {request_id} の記録は見つかりません。",
                login=False,
            )
        report = await run_in_threadpool(chains.get, log_dir)
        return page("record.html", records=found, who=who, marks=[integrity(report, r) for r in found])

    @router.get("/budgets", response_class=HTMLResponse)
    async def budget_page(request: Request) -> Response:
        who, refusal = await principal_or_refusal(request)
        if refusal:
            return refusal
        month = (request.query_params.get("month") or "").strip() or None
        if month is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            return page("budgets.html", 400, error="月は YYYY-MM の形で指定してください。", month=month, rows=[], source="", who=who)
        if budgets is None:
            return page("budgets.html", error=None, month=month or "", rows=[], source="予算の設定なし", who=who)
        shown, rows, source = await budgets(month)
        return page("budgets.html", error=None, month=shown, rows=rows, source=source, who=who)

    @router.get("/stats", response_class=HTMLResponse)
    async def stats(request: Request) -> Response:
        who, refusal = await principal_or_refusal(request)
        if refusal:
            return refusal
        params = {k: (request.query_params.get(k) or "").strip() for k in ("since", "until", "department")}
        try:
            flt = _filter(params)
        except ValueError as exc:
            return page("stats.html", 400, error=str(exc), params=params, s=None, charts={}, who=who)
        s = await run_in_threadpool(figures.get, log_dir, flt)
        charts = {
            "department": svg.hbars(
                [(r["key"], {a: r[c] for a, c in _ACTION_COLS}) for r in s.rows("department")[:20]],
                svg.ACTION_COLOURS,
                "部署別リクエスト数（対応別）",
            ),
            "day": svg.vbars([(r["key"], r["requests"]) for r in s.rows("day")[-92:]], "日別リクエスト数"),
            "model": svg.hbars(
                [(r["key"], {"tokens": r["total_tokens"]}) for r in s.rows("model")[:20]], title="モデル別トークン数"
            ),
            "zone": svg.hbars(
                [(r["key"], {a: r[c] for a, c in _ACTION_COLS}) for r in s.rows("zone")],
                svg.ACTION_COLOURS,
                "ゾーン別リクエスト数（対応別）",
            ),
            "cost": svg.hbars(
                [(r["key"], {"cost": r["cost"]}) for r in s.rows("department")[:20]], title="部署別費用（円）"
            ),
        }
        tax = current_taxonomy()
        eff = await run_in_threadpool(effects.get, log_dir, flt, tax)
        return page(
            "stats.html", error=None, params=params, s=s, charts=charts, who=who, effect=eff, taxonomy=tax,
            effect_charts=report.effect_charts(eff, tax), this_month=datetime.now(JST).strftime("%Y-%m"),
        )  # fmt: skip

    @router.get("/report", response_class=HTMLResponse)
    async def monthly_report(request: Request) -> Response:
        _, refusal = await principal_or_refusal(request)
        if refusal:
            return refusal
        month = (request.query_params.get("month") or datetime.now(JST).strftime("%Y-%m")).strip()
        dept = (request.query_params.get("department") or "").strip() or None
        try:
            built = await run_in_threadpool(report.build, log_dir, month, current_taxonomy(), JST, dept)
        except ValueError as exc:
            return page("denied.html", 400, title="月の指定が正しくありません", message=str(exc), login=False)
        query = urlencode({"month": month, **({"department": dept} if dept else {})})
        links = [("CSV をダウンロード", f"{base}/report.csv?{query}"), ("利用状況に戻る", f"{base}/stats")]
        html = _env.get_template("report.html").render(**report.context(built, dept=dept, links=links))
        return HTMLResponse(html, headers=_HEADERS)

    @router.get("/report.csv")
    async def monthly_report_csv(request: Request) -> Response:
        _, refusal = await principal_or_refusal(request)
        if refusal:
            return refusal
        month = (request.query_params.get("month") or "").strip()
        dept = (request.query_params.get("department") or "").strip() or None
        try:
            built = await run_in_threadpool(report.build, log_dir, month, current_taxonomy(), JST, dept)
        except ValueError as exc:
            return page("denied.html", 400, title="月の指定が正しくありません", message=str(exc), login=False)
        out = io.StringIO()
        out.write("\ufeff")  # Excel reads the Japanese labels correctly with a BOM
        report.write_csv(built, out)
        name = f"sekisho-report-{month}.csv"
        headers = {**_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)

    @router.get("/chains", response_class=HTMLResponse)
    async def chain_status(request: Request) -> Response:
        who, refusal = await principal_or_refusal(request)
        if refusal:
            return refusal
        report = await run_in_threadpool(chains.get, log_dir)
        return page("chains.html", report=report, who=who)

    return router


_ACTION_COLS = (
    ("allow", "allowed"),
    ("mask", "masked"),
    ("pseudonymize", "pseudonymized"),
    ("reroute", "rerouted"),
    ("block", "blocked"),
)


async def _call(authenticate: Authenticate, key: str) -> Any:
    result = authenticate(key)
    if inspect.isawaitable(result):
        result = await result
    return result


def _filter(params: dict[str, str]) -> Filter:
    given: dict[str, str | None] = {k: (v or None) for k, v in params.items()}
    if given.get("since"):
        given["since"] = parse_when(str(given["since"]))
    if given.get("until"):
        given["until"] = parse_when(str(given["until"]), end=True)
    return Filter(**given)


class _EffectCache:
    """Effect figures for the page, kept while the log files, the filter and the taxonomy are unchanged.

    Not per file like `_StatsCache`: a retry after a block can sit in another file than the block.
    """

    SIZE = 8

    def __init__(self) -> None:
        self.kept: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, log_dir: Path, flt: Filter, taxonomy: Any) -> Any:
        from gateway.audit.effect import compute

        files = tuple(_file_key(f) for f in log_files(log_dir)) if log_dir.exists() else ()
        key = (flt, files, taxonomy.version)
        with self.lock:
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
                return found
        records = iter_records(log_dir, flt) if log_dir.exists() else iter(())
        effect = compute(records, taxonomy.minutes(), taxonomy.follow_up_minutes)
        with self.lock:
            self.kept[key] = effect
            while len(self.kept) > self.SIZE:
                self.kept.popitem(last=False)
        return effect


def _page(log_dir: Path, flt: Filter, offset: int) -> tuple[int, list[dict[str, Any]]]:
    return search_page(log_dir, flt, offset, PAGE_SIZE) if log_dir.exists() else (0, [])


def _search(log_dir: Path, flt: Filter) -> list[dict[str, Any]]:
    return search(log_dir, flt) if log_dir.exists() else []
