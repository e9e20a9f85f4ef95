"""The gateway's own overhead: the same requests sent directly to the upstream and through `sekisho serve`.

Run from the repository root:  .venv/bin/python -m bench.bench_gateway [--n 200]

The recording upstream (tests.support.upstream) and the gateway each run in their own process; this
process is only the client (one pooled httpx client, sequential requests). Overhead = gateway latency
minus direct latency for the same prompt. detector_ms and overhead_ms are read back from the audit
records the gateway wrote; gateway CPU per request is read from /proc. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import yaml  # noqa: E402

from bench.bench_upstream_clients import install_network_guard, proc_cpu_s, refused, upstream_process  # noqa: E402
from gateway.auth import hash_key  # noqa: E402
from tests.support.servers import GatewayProcess, free_port, run_gateway_process  # noqa: E402

KEY = "sk-sekisho-bench-staff"

# 機密性1: public information, no personal data; the default policy allows it anywhere.
PUBLIC = "来月の防災訓練について、市民向けのお知らせ文を三行で書いてください。持ち物と集合時間も入れてください。"

# Fictitious people, numbers and address; ~550 characters; personal but not 要配慮, so the default
# policy pseudonymises it for an overseas model and restores the names in the answer.
PERSONAL = (
    "以下の窓口対応記録をもとに、関係者への連絡文の案を作成してください。\n"
    "受付日: 令和6年10月3日　受付者: 市民課 高橋健一\n"
    "申出人: 佐藤花子さん（連絡先 090-1234-5678）\n"
    "住所: 東京都千代田区霞が関1-2-3 霞が関ハイツ205号室\n"
    "内容: 佐藤花子さんから、同じ集合住宅に住む田中誠さん（電話 03-3581-4321）の家の前に粗大ごみが"
    "二週間以上置かれたままになっているとの申出がありました。収集日の案内が届いていないのではないかとのことです。"
    "田中誠さんには先週、環境課の山本美咲が電話で連絡しましたが不在で、留守番電話に折り返しをお願いする伝言を残しています。"
    "また、管理会社の担当者である伊藤大輔さん（携帯 080-9876-5432）にも状況を確認したところ、"
    "掲示板には収集日程を掲示済みであり、来週中に各戸へ案内文を配布する予定とのことでした。\n"
    "対応方針: 高橋健一から佐藤花子さんへ経過を報告し、田中誠さんへは山本美咲から改めて連絡します。"
    "伊藤大輔さんには配布予定日が決まりしだい市民課へ知らせてもらうよう依頼してください。"
    "連絡文は丁寧な表現で、申出人と相手方それぞれに宛てた二通を作成し、個人の事情には触れないようにしてください。"
    "なお、回答期限は今月末とし、期限までに解決しない場合は現地確認を行う旨も添えてください。"
)


@dataclass(frozen=True)
class Case:
    name: str
    via_gateway: bool
    prompt: str | None  # None: GET /v1/models (authentication and the HTTP stack, no pipeline)
    stream: bool
    expect_action: str | None = None


CASES = (
    Case("direct  GET /v1/models", False, None, False),
    Case("gateway GET /v1/models", True, None, False),
    Case("direct  short prompt", False, PUBLIC, False),
    Case("gateway 機密性1 allow", True, PUBLIC, False, "allow"),
    Case("direct  550-char personal", False, PERSONAL, False),
    Case("gateway pseudonymise+restore", True, PERSONAL, False, "pseudonymize"),
    Case("direct  550-char stream", False, PERSONAL, True),
    Case("gateway pseudonymise stream", True, PERSONAL, True, "pseudonymize"),
)
BASELINE = {1: 0, 3: 2, 5: 4, 7: 6}  # gateway case index -> its direct case


def config(upstream_v1: str) -> dict[str, Any]:
    """As tests/gateway/conftest.py's base_config: an onprem and an overseas model on the one upstream."""
    return {
        "models": [
            {"name": "local-llm", "zone": "onprem",
             "upstream": {"type": "openai", "base_url": upstream_v1, "model": "onprem-qwen"}},
            {"name": "gpt-overseas", "zone": "overseas",
             "upstream": {"type": "openai", "base_url": upstream_v1, "model": "gpt-4o",
                          "api_key": "env:BENCH_UPSTREAM_KEY"}},
        ],
        "zone_defaults": {"onprem": "local-llm"},
        "keys": [{"id": "bench", "hash": hash_key(KEY), "user": "u9001", "department": "総務課", "roles": []}],
        "audit": {"dir": "audit"},
    }  # fmt: skip


@dataclass
class Timing:
    case: Case
    wall_ms: list[float]
    request_ids: list[str]
    events: list[int]
    gateway_cpu_ms: float | None


async def one(client: httpx.AsyncClient, url: str, headers: dict[str, str], case: Case) -> tuple[str, int]:
    """One request; returns (request id, SSE events received). Raises unless the answer is the prompt restored."""
    if case.prompt is None:
        r = await client.get(url.replace("/chat/completions", "/models"), headers=headers)
        r.raise_for_status()
        if not r.json()["data"]:
            raise RuntimeError(f"{case.name}: no models listed")
        return "", 0
    model = "gpt-overseas" if case.via_gateway else "echo"
    body: dict[str, Any] = {"model": model, "messages": [{"role": "user", "content": case.prompt}]}
    if not case.stream:
        r = await client.post(url, json=body, headers=headers)
        r.raise_for_status()
        text = r.json()["choices"][0]["message"]["content"]
        rid, action = r.headers.get("x-sekisho-request-id", ""), r.headers.get("x-sekisho-action")
        events = 0
    else:
        body["stream"] = True
        parts, events = [], 0
        async with client.stream("POST", url, json=body, headers=headers) as r:
            r.raise_for_status()
            rid, action = r.headers.get("x-sekisho-request-id", ""), r.headers.get("x-sekisho-action")
            async for line in r.aiter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    events += 1
                    for choice in json.loads(line[6:]).get("choices") or []:
                        parts.append((choice.get("delta") or {}).get("content") or "")
        text = "".join(parts)
    if text != case.prompt:
        raise RuntimeError(f"{case.name}: the answer is not the prompt restored")
    if case.expect_action is not None and action != case.expect_action:
        raise RuntimeError(f"{case.name}: gateway action {action!r}, expected {case.expect_action!r}")
    return rid, events


async def run_case(
    client: httpx.AsyncClient, case: Case, upstream_url: str, gw: GatewayProcess, n: int, warmup: int
) -> Timing:
    if case.via_gateway:
        url, headers = gw.base_url + "/v1/chat/completions", {"authorization": f"Bearer {KEY}"}
    else:
        url, headers = upstream_url + "/v1/chat/completions", {"authorization": "Bearer bench-not-a-secret"}
    for _ in range(warmup):
        await one(client, url, headers, case)
    walls, ids, events = [], [], []
    cpu0 = proc_cpu_s(gw.process.pid)
    for _ in range(n):
        t0 = time.perf_counter()
        rid, count = await one(client, url, headers, case)
        walls.append((time.perf_counter() - t0) * 1000)
        ids.append(rid)
        events.append(count)
    cpu = (proc_cpu_s(gw.process.pid) - cpu0) * 1000 / n if case.via_gateway else None
    return Timing(case, walls, ids, events, cpu)


def audit_records(audit_dir: Path) -> dict[str, dict[str, Any]]:
    """Every audit record the gateway wrote, by request id."""
    out = {}
    for path in sorted(audit_dir.glob("**/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out[rec.get("request_id")] = rec
    return out


def pad(text: str, width: int) -> str:
    """Left-justify for a terminal, counting full-width characters as two columns."""
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - cols, 0)


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]


@contextmanager
def bench_gateway(upstream_v1: str, workdir: Path) -> Iterator[GatewayProcess]:
    path = workdir / "sekisho.yaml"
    path.write_text(yaml.safe_dump(config(upstream_v1), allow_unicode=True), encoding="utf-8")
    env = {"BENCH_UPSTREAM_KEY": "bench-not-a-secret"}
    with run_gateway_process(path, env, port=free_port()) as gw:
        yield gw


async def run_all(upstream_url: str, gw: GatewayProcess, n: int, warmup: int) -> list[Timing]:
    # trust_env=False: no proxy from the environment may sit between the client and loopback.
    async with httpx.AsyncClient(trust_env=False, timeout=30) as client:
        return [await run_case(client, case, upstream_url, gw, n, warmup) for case in CASES]


def median_of(recs: list[dict[str, Any]], key: str) -> float | None:
    """Median of one audit field over the records (None when there are none)."""
    return statistics.median(float(r.get(key) or 0.0) for r in recs) if recs else None


def cell(value: float | None, width: int, fmt: str = ".2f") -> str:
    return f"{value:>{width}{fmt}}" if value is not None else " " * width


def report(timings: list[Timing], records: dict[str, dict[str, Any]]) -> None:
    print(f"{pad('case', 30)} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'gw CPU ms':>9} {'detector_ms':>11}"
          f" {'overhead_ms':>11} {'upstream_ms':>11} {'SSE events':>10}")  # fmt: skip
    audited: dict[str, list[dict[str, Any]]] = {}
    for t in timings:
        recs = [records[r] for r in t.request_ids if r in records]
        audited[t.case.name] = recs
        events = statistics.median(t.events) if t.case.stream else None
        audit = " ".join(cell(median_of(recs, key), 11) for key in ("detector_ms", "overhead_ms", "upstream_ms"))
        print(
            f"{pad(t.case.name, 30)} {len(t.wall_ms):>4} {pct(t.wall_ms, 0.5):>8.2f} {pct(t.wall_ms, 0.95):>8.2f}"
            f" {statistics.fmean(t.wall_ms):>8.2f} {cell(t.gateway_cpu_ms, 9)} {audit} {cell(events, 10, '.0f')}"
        )
        if t.case.via_gateway and t.case.prompt is not None and len(recs) != len(t.request_ids):
            print(f"  WARNING: {len(t.request_ids) - len(recs)} requests have no audit record")
    print()
    print("gateway overhead = gateway minus direct, same request:")
    for g, d in BASELINE.items():
        gw, direct = timings[g], timings[d]
        print(f"  {pad(gw.case.name, 30)} p50 {pct(gw.wall_ms, 0.5) - pct(direct.wall_ms, 0.5):+7.2f} ms"
              f"   p95 {pct(gw.wall_ms, 0.95) - pct(direct.wall_ms, 0.95):+7.2f} ms"
              f"   mean {statistics.fmean(gw.wall_ms) - statistics.fmean(direct.wall_ms):+7.2f} ms")  # fmt: skip
    print("outside the audit record's window (HTTP parsing and auth before the Exchange exists, the audit write")
    print("itself, the response) = gateway p50 - median(upstream_ms) - median(overhead_ms):")
    for t in timings:
        recs = audited[t.case.name]
        if recs:
            inside = (median_of(recs, "upstream_ms") or 0.0) + (median_of(recs, "overhead_ms") or 0.0)
            print(f"  {pad(t.case.name, 30)} {pct(t.wall_ms, 0.5) - inside:+7.2f} ms")
    actions = {name: sorted({str(r.get("action")) for r in recs}) for name, recs in audited.items() if recs}
    print("audit actions per case:", actions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="timed requests per case (default 200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per case first (default 20)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary config and audit directory")
    parser.add_argument("--tests-socket", action="store_true", help="serve the upstream exactly as the tests do")
    args = parser.parse_args()
    install_network_guard()
    print("$ .venv/bin/python -m bench.bench_gateway " + shlex.join(sys.argv[1:]))
    print(f"cpus={os.cpu_count()} loadavg(1,5,15 min) at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"prompts: short {len(PUBLIC)} chars (機密性1), personal {len(PERSONAL)} chars; the upstream echoes the prompt")
    workdir = Path(tempfile.mkdtemp(prefix="sekisho-bench-"))
    try:
        with upstream_process("openai", tests_socket=args.tests_socket) as up:
            with bench_gateway(up.url + "/v1", workdir) as gw:
                timings = asyncio.run(run_all(up.url, gw, args.n, args.warmup))
        records = audit_records(workdir / "audit")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"{args.n} sequential requests per case after {args.warmup} warm-up; pooled httpx client; wall = whole "
          "response (streams: until [DONE]); gw CPU = gateway process utime+stime / n (/proc, 10 ms ticks);\n"
          "detector_ms, overhead_ms = medians from the gateway's audit records")  # fmt: skip
    report(timings, records)
    print(f"loadavg at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if refused():
        print(f"WARNING: non-loopback connections were refused: {refused()}")


if __name__ == "__main__":
    main()
