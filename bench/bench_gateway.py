"""Sekisho beside LiteLLM's proxy on one loopback upstream: every figure of issue 13, medians of three rounds.

    make bench                                              # Sekisho and the upstream alone
    SEKISHO_BENCH_LITELLM=/path/to/venv make bench          # and LiteLLM's proxy from that virtualenv

One recording upstream (tests.support.upstream, echoing the prompt; `chunk=2;gap=0.002` streams two
characters every 2 ms), one Sekisho worker (`sekisho serve --workers 1`, the default policy, which
pseudonymises personal data for the overseas model here, audit on), and LiteLLM's proxy (one worker,
no guardrails, no database) when a virtualenv holding it is given. Each round measures every figure
for every server in turn (the order rotated each round); the table shows the median of the rounds.
Added latency = a server's p50 minus the upstream's own p50 in the same round. CPU and peak memory
are read from /proc for the server's whole process tree. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import yaml  # noqa: E402

from bench.bench_upstream_clients import install_network_guard, refused, upstream_process  # noqa: E402
from bench.loadgen import Connection, cpu_s, p50, peak_rss_mb, sequential_ms, throughput  # noqa: E402
from bench.stream_holdback import Delays, delays, largest_held  # noqa: E402
from gateway.auth import hash_key  # noqa: E402
from tests.support.servers import free_port, run_gateway_process, stop_process  # noqa: E402

KEY = "sk-sekisho-bench-staff"
STREAM_MODEL = "echo;chunk=2;gap=0.002"

# 機密性1, no personal data: the default policy sends it as it is (46 characters).
SHORT = "来月の防災訓練について、市民向けのお知らせ文を三行で書いてください。集合時間も併記すること。"
PUBLIC = SHORT  # bench_gateway_ab's name for it

# Fictitious people, numbers and addresses; personal but not 要配慮, so the default policy
# pseudonymises them for an overseas model and restores the names in the answer.
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
_MORE = (
    "\n追記（{d}日）: {who}さん（連絡先 {tel}）から、{where}の前の道路に放置自転車が並んでいて通行しにくいとの"
    "相談が寄せられました。担当の{staff}が現地を確認し、所有者が分からない自転車には警告札を付けています。"
    "{who}さんには一週間後に撤去の予定を電話で伝え、結果を記録に残してください。"
)
_EXTRA = [
    ("5", "小林由美", "090-2345-6789", "東京都千代田区霞が関1-3-5", "道路課 中村翔"),
    ("9", "加藤浩二", "080-3456-7890", "東京都千代田区霞が関2-1-1", "道路課 吉田葵"),
    ("12", "松本彩", "070-4567-8901", "東京都千代田区永田町1-7-1", "道路課 中村翔"),
    ("15", "井上拓也", "090-5678-9012", "東京都千代田区内幸町1-1-1", "道路課 吉田葵"),
    ("18", "木村真理子", "080-6789-0123", "東京都千代田区日比谷公園1-6", "道路課 中村翔"),
    ("21", "林健太", "090-7890-1234", "東京都千代田区丸の内1-9-1", "道路課 吉田葵"),
    ("24", "清水直子", "080-8901-2345", "東京都千代田区有楽町2-2-1", "道路課 中村翔"),
    ("27", "山口恵", "070-9012-3456", "東京都千代田区神田1-1-1", "道路課 吉田葵"),
    ("30", "森田光", "090-0123-4567", "東京都千代田区大手町1-1-1", "道路課 中村翔"),
]
LONG = (PERSONAL + "".join(_MORE.format(d=d, who=w, tel=t, where=a, staff=s) for d, w, t, a, s in _EXTRA))[:1950]

# An answer as a model writes it: the name and number come back as placeholders and are restored.
STREAMED = (
    "承知しました。佐藤花子さん（連絡先 090-1234-5678）への回答案は次のとおりです。"
    "ご相談の粗大ごみの件は、収集日の案内を改めてお届けします。ご不明な点は市民課までお問い合わせください。"
)
_TURN_NAMES = ["佐藤花子", "鈴木一郎", "高橋美咲", "田中誠", "伊藤大輔", "渡辺愛", "山本翔太", "中村優子", "小林健", "加藤真由美",
               "吉田拓海", "山田太郎", "佐々木恵", "山口直樹", "松本彩", "井上浩", "木村結衣", "林大輔", "清水陽子", "森田光"]  # fmt: skip


def conversation(turns: int) -> list[dict[str, str]]:
    """A conversation of `turns` user messages (each naming someone new) and the answers between them."""
    out: list[dict[str, str]] = []
    for i, name in enumerate(_TURN_NAMES[:turns]):
        if i:
            prev = _TURN_NAMES[i - 1]
            out.append({"role": "assistant", "content": f"{prev}さんへの回答案です。ご相談の件は担当課から改めてご連絡します。"})
        tel = f"090-{1000 + i * 37:04d}-{5000 + i * 91:04d}"
        out.append({"role": "user", "content": f"{name}さん（連絡先 {tel}）から粗大ごみの収集日について問い合わせがありました。回答案を作ってください。"})
    return out


def sekisho_config(upstream_v1: str) -> dict[str, Any]:
    """One overseas model on the upstream (pseudonymised under the default policy), and its streaming twin."""
    def model(name: str, upstream_model: str, zone: str = "overseas") -> dict[str, Any]:
        return {"name": name, "zone": zone, "upstream": {"type": "openai", "base_url": upstream_v1, "model": upstream_model,
                                                        "api_key": "env:BENCH_UPSTREAM_KEY"}}  # fmt: skip

    return {
        "models": [model("local-llm", "onprem-qwen", "onprem"), model("gpt-overseas", "gpt-4o"), model("gpt-overseas-stream", STREAM_MODEL)],
        "zone_defaults": {"onprem": "local-llm"},
        "keys": [{"id": "bench", "hash": hash_key(KEY), "user": "u9001", "department": "総務課", "roles": []}],
        "audit": {"dir": "audit"},
    }


config = sekisho_config  # bench_gateway_ab's name for it


@dataclass
class Server:
    name: str
    url: str  # up to /v1
    headers: dict[str, str]
    pid: int | None  # None: the upstream itself (no process of ours to measure)
    model: str = "gpt-overseas"
    stream_model: str = "gpt-overseas-stream"
    answered: int = 0  # requests answered 200, for the audit check

    def chat_url(self) -> str:
        return self.url + "/chat/completions"

    def body(self, messages: list[dict[str, str]], *, stream: bool = False) -> bytes:
        model = self.stream_model if stream else self.model
        return json.dumps({"model": model, "messages": messages, "stream": stream}, ensure_ascii=False).encode()


def _user(text: str) -> list[dict[str, str]]:
    return [{"role": "user", "content": text}]


@contextmanager
def sekisho(upstream_v1: str, workdir: Path, memo: bool = True) -> Iterator[Server]:
    path = workdir / "sekisho.yaml"
    cfg = sekisho_config(upstream_v1)
    if not memo:
        cfg["detection_cache"] = {"conversations": 0}
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    env = {"BENCH_UPSTREAM_KEY": "bench-not-a-secret"}
    with run_gateway_process(path, env, port=free_port(), args=["--workers", "1", "--log-level", "warning"]) as gw:
        yield Server("Sekisho", gw.base_url + "/v1", {"authorization": f"Bearer {KEY}"}, gw.process.pid)


@contextmanager
def litellm(venv: Path, upstream_v1: str, workdir: Path) -> Iterator[Server]:
    """LiteLLM's proxy from its own virtualenv: one worker, no guardrails, no database, no network."""
    def entry(name: str, model: str) -> dict[str, Any]:
        return {"model_name": name, "litellm_params": {"model": f"openai/{model}", "api_base": upstream_v1, "api_key": "bench-not-a-secret"}}

    cfg = {"model_list": [entry("gpt-overseas", "gpt-4o"), entry("gpt-overseas-stream", STREAM_MODEL)], "litellm_settings": {"telemetry": False}}
    path = workdir / "litellm.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    master = "sk-" + secrets.token_hex(24)
    env = {**os.environ, "LITELLM_MASTER_KEY": master, "LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_LOG": "ERROR",
           "NO_DOCS": "True", "DISABLE_ADMIN_UI": "True"}  # fmt: skip
    port = free_port()
    cmd = [str(venv / "bin" / "litellm"), "--config", str(path), "--host", "127.0.0.1", "--port", str(port), "--num_workers", "1"]
    log = (workdir / "litellm.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(url + "/health/liveliness", trust_env=False, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"LiteLLM's proxy did not start; see {workdir / 'litellm.log'}")
            time.sleep(0.5)
        yield Server("LiteLLM", url + "/v1", {"authorization": f"Bearer {master}"}, proc.pid)
    finally:
        stop_process(proc)
        log.close()


async def first_visible_ms(server: Server, text: str) -> tuple[float, str, float]:
    """Time to the first non-empty content delta of a stream, the whole text streamed, and the time
    to the first event of any kind (the role chunk goes out as soon as the upstream's arrives)."""
    parts: list[str] = []
    first = event = None
    async with httpx.AsyncClient(trust_env=False, timeout=30) as client:
        t0 = time.perf_counter()
        async with client.stream("POST", server.chat_url(), content=server.body(_user(text), stream=True),
                                 headers={**server.headers, "content-type": "application/json"}) as r:  # fmt: skip
            r.raise_for_status()
            async for line in r.aiter_lines():
                if not line.startswith("data: ") or line == "data: [DONE]":
                    continue
                if event is None:
                    event = (time.perf_counter() - t0) * 1000
                for choice in json.loads(line[6:]).get("choices") or []:
                    piece = (choice.get("delta") or {}).get("content") or ""
                    if piece and first is None:
                        first = (time.perf_counter() - t0) * 1000
                    parts.append(piece)
    server.answered += 1
    return first or float("nan"), "".join(parts), event or float("nan")


async def _sequential(server: Server, messages: list[dict[str, str]], n: int) -> list[float]:
    out = await sequential_ms(server.chat_url(), server.headers, server.body(messages), n)
    server.answered += n
    return out


async def _turns_ms(server: Server, n: int) -> tuple[list[float], list[float]]:
    """Wall times of turn 1 and of turn 20 of the conversation as a chat client sends them: each in a
    conversation of its own (`x-sekisho-conversation-id`; other servers ignore it), turn 20 right after
    its turn 19 (untimed), so the server has seen the history it resends. Interleaved, so both see the
    same disk (the audit records' fsyncs are most of a request here, and they drift within a run)."""
    conn, tag = Connection(server.chat_url(), server.headers), secrets.token_hex(4)
    path = "/" + server.chat_url().split("/", 3)[3]
    first: list[float] = []
    last: list[float] = []
    try:
        await conn.connect()
        for i in range(n):
            for turns, out in ((1, first), (20, last)):
                own = {"x-sekisho-conversation-id": f"bench-{tag}-{turns}-{i}"}
                for t in (turns - 1, turns) if turns > 1 else (turns,):
                    t0 = time.perf_counter()
                    status, data = await conn.post(path, server.body(conversation(t)), own)
                    if status != 200:
                        raise RuntimeError(f"{server.name}: HTTP {status}: {data[:200]!r}")
                    server.answered += 1
                out.append((time.perf_counter() - t0) * 1000)
    finally:
        await conn.close()
    return first, last


async def _check_answers(server: Server) -> None:
    """The echoed answer must come back exactly as sent (names restored through Sekisho)."""
    conn = Connection(server.chat_url(), server.headers)
    try:
        for text in (SHORT, LONG):
            status, data = await conn.post("/v1/chat/completions", server.body(_user(text)))
            server.answered += status == 200
            answer = json.loads(data)["choices"][0]["message"]["content"] if status == 200 else data[:200]
            if answer != text:
                raise RuntimeError(f"{server.name}: the answer is not the prompt as sent: {answer!r:.200}")
    finally:
        await conn.close()
    _, streamed, _ = await first_visible_ms(server, STREAMED)
    if streamed != STREAMED:
        raise RuntimeError(f"{server.name}: the streamed answer is not the prompt as sent: {streamed!r:.200}")


Figures = dict[str, dict[str, float]]  # figure -> server name -> value


async def one_round(servers: list[Server], direct: Server, r: int, args: argparse.Namespace) -> Figures:
    out: Figures = {}
    order = servers[r % len(servers) :] + servers[: r % len(servers)]

    def put(figure: str, server: Server, value: float) -> None:
        out.setdefault(figure, {})[server.name] = value

    for s in [direct, *order]:
        before = cpu_s(s.pid) if s.pid else 0.0
        put("short", s, p50(await _sequential(s, _user(SHORT), args.n)))
        if s.pid:
            put("cpu", s, (cpu_s(s.pid) - before) * 1000 / args.n)
    for s in [direct, *order]:
        put("long", s, p50(await _sequential(s, _user(LONG), max(args.n // 3, 10))))
    for c in (10, 50):
        for s in [direct, *order]:
            rps, done = await throughput(s.chat_url(), s.headers, s.body(_user(SHORT)), c, args.seconds)
            s.answered += done
            put(f"rps{c}", s, rps)
    for s in [direct, *order]:
        before = cpu_s(s.pid) if s.pid else 0.0
        timings = [await first_visible_ms(s, STREAMED) for _ in range(args.streams)]
        put("first", s, p50([t[0] for t in timings]))
        put("first_event", s, p50([t[2] for t in timings]))
        if s.pid:
            put("cpu_stream", s, (cpu_s(s.pid) - before) * 1000 / args.streams)
    for s in [direct, *order]:
        first, last = await _turns_ms(s, args.turns)
        put("turn1", s, p50(first))
        put("turn20", s, p50(last))
    return out


def answer_mapping() -> dict[str, str]:
    """The placeholders the benchmark's answers come back with (the names and numbers of the prompts)."""
    values = [w for _, w, _, _, _ in _EXTRA] + ["佐藤花子", "田中誠", "伊藤大輔", "高橋健一", "山本美咲"]
    phones = [t for _, _, t, _, _ in _EXTRA] + ["090-1234-5678", "03-3581-4321", "080-9876-5432"]
    return {f"〔氏名{i + 1}〕": v for i, v in enumerate(values)} | {f"〔電話番号{i + 1}〕": v for i, v in enumerate(phones)}


Held = tuple[tuple[int, int], tuple[int, int], Delays, Delays]


def held_back() -> Held:
    """Output screening in process (bench/stream_holdback.py): the largest tail held back over chunkings of
    1-4 characters and the first 2-character chunk that released text, for STREAMED and LONG; and the
    delay per character when each is streamed as a model writes (tokens of 1-4 characters at 30-50/s)."""

    async def run() -> Held:
        mapping = answer_mapping()
        fixed = await largest_held(STREAMED, mapping), await largest_held(LONG, mapping)
        return (*fixed, await delays(STREAMED, mapping, range(20)), await delays(LONG, mapping, range(5)))

    return asyncio.run(run())


def audit_answered(audit_dir: Path) -> int:
    """Requests with a closing audit record (the final one after a write-ahead record, or the only one)."""
    ids = set()
    for path in audit_dir.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec.get("phase") != "pending":
                    ids.add(rec["request_id"])
    return len(ids)


def _ratio(s: float, lite: float | None, higher: bool) -> str:
    if lite is None or not s or not lite:
        return ""
    return f"{(s / lite if higher else lite / s):.1f}×"


def report(rounds: list[Figures], servers: list[Server], rss: dict[str, float], held: Held) -> None:
    def med(figure: str, name: str, minus_direct: bool = False) -> float | None:
        values = [r[figure][name] - (r[figure]["upstream"] if minus_direct else 0.0) for r in rounds if name in r.get(figure, {})]
        return statistics.median(values) if values else None

    names = [s.name for s in servers]
    lite = "LiteLLM" if "LiteLLM" in names else None
    rows: list[tuple[str, dict[str, str], str, str]] = []

    def add(label: str, values: dict[str, float | None], fmt: Callable[[float], str], goal: str, ok: bool | None, higher: bool = False) -> None:
        cells = {n: fmt(v) if v is not None else "" for n, v in values.items()}
        ratio = _ratio(values.get("Sekisho") or 0.0, values.get(lite) if lite else None, higher)
        rows.append((label, cells, ratio, goal + ("" if ok is None else ("  met" if ok else "  NOT met"))))

    short = {n: med("short", n, True) for n in names}
    add("added p50, 46-char prompt, concurrency 1", short, lambda v: f"+{v:.1f} ms", "≤ +1.5 ms", (short["Sekisho"] or 99) <= 1.5)
    long = {n: med("long", n, True) for n in names}
    add(f"added p50, {len(LONG):,}-char prompt with names, phone, address", long, lambda v: f"+{v:.1f} ms", "≤ +4 ms", (long["Sekisho"] or 99) <= 4)
    cpu = {n: med("cpu", n) for n in names}
    add("gateway CPU per short request", cpu, lambda v: f"{v:.2f} ms", "≤ 1.2 ms", (cpu["Sekisho"] or 99) <= 1.2)
    for c in (10, 50):
        rps = {n: med(f"rps{c}", n) for n in names}
        ok = None if not lite else (rps["Sekisho"] or 0) >= 8 * (rps[lite] or 1e9)
        add(f"requests/s at concurrency {c}, one worker", rps, lambda v: f"{v:.0f}", "≥ 8× LiteLLM", ok, higher=True)
    first = {n: med("first", n) for n in names}
    up_first = med("first", "upstream") or 0.0
    add(f"first visible text, stream at 2 ms/chunk (upstream's first chunk {up_first:.1f} ms)", first, lambda v: f"{v:.1f} ms",
        f"≤ {up_first + 5:.1f} ms", (first["Sekisho"] or 99) <= up_first + 5)  # fmt: skip
    cpu_stream = {n: med("cpu_stream", n) for n in names}
    add(f"CPU per streamed answer ({len(STREAMED)} characters, 2 per chunk)", cpu_stream, lambda v: f"{v:.1f} ms", "", None)
    turns = {n: (med("turn20", n) or 0) / (med("turn1", n) or 1) for n in names}
    cells = {n: f"{turns[n]:.2f}× ({med('turn1', n):.1f} → {med('turn20', n):.1f} ms)" for n in names}
    rows.append(("20-turn conversation: turn 20 ÷ turn 1", cells, _ratio(turns["Sekisho"], turns.get(lite) if lite else None, False),
                 "≤ 1.2×" + ("  met" if turns["Sekisho"] <= 1.2 else "  NOT met")))  # fmt: skip
    add("peak RSS per worker", {n: rss.get(n) for n in names}, lambda v: f"{v:.0f} MB", "≤ 250 MB", rss["Sekisho"] <= 250)

    cols = ["figure", *names, "ratio", "goal (Sekisho)"]
    table = [[label, *(cells.get(n, "") for n in names), ratio, goal] for label, cells, ratio, goal in rows]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for line in table:
        print("| " + " | ".join(line) + " |")
    print(f"\nratio: LiteLLM's figure ÷ Sekisho's (requests/s: Sekisho's ÷ LiteLLM's); medians of {len(rounds)} rounds.")
    (big, first), (big_long, _), model, model_long = held
    print(f"largest tail held back by output screening (chunks of 1-4 characters): {big} characters of the "
          f"{len(STREAMED)}-character answer, {big_long} of the {len(LONG):,}-character one; at 2 characters a chunk the "
          f"first text goes out with chunk {first + 1} ({first * 2} ms after the first at 2 ms/chunk)")  # fmt: skip
    for label, d in ((f"{len(STREAMED)}", model), (f"{len(LONG):,}", model_long)):
        print(f"streamed as a model writes (tokens of 1-4 characters at 30-50/s), {label}-character answer: largest tail held "
              f"{d.largest} characters; delay per character mean {d.mean_ms:.1f} ms, p95 {d.p95_ms:.1f} ms, max {d.max_ms:.1f} ms; "
              f"{d.immediate:.0%} of characters out with the token that brought them; first text {d.first_ms:.0f} ms after the first token; "
              f"screening {d.cpu_ms_per_token:.2f} ms per token")  # fmt: skip
    print("first SSE event → first visible text (the time text was held back): " + "; ".join(
        f"{n} {med('first_event', n):.1f} → {med('first', n):.1f} ms" for n in ["upstream", *names]))  # fmt: skip
    direct = {f: med(f, "upstream") for f in ("short", "long", "turn1", "turn20", "rps10", "rps50")}
    print("the upstream alone: p50 short {short:.2f} ms, long {long:.2f} ms, turn 1 {turn1:.2f} ms, turn 20 {turn20:.2f} ms;"
          " {rps10:.0f} / {rps50:.0f} requests/s at concurrency 10 / 50".format(**direct))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--n", type=int, default=60, help="sequential requests per latency figure per round")
    parser.add_argument("--seconds", type=float, default=2.0, help="duration of each throughput run")
    parser.add_argument("--streams", type=int, default=5, help="streams per round for the first visible text")
    parser.add_argument("--turns", type=int, default=20, help="requests per conversation turn measured per round")
    parser.add_argument("--litellm", default=os.environ.get("SEKISHO_BENCH_LITELLM"), help="virtualenv holding LiteLLM's proxy "
                        "(default $SEKISHO_BENCH_LITELLM)")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the temporary configs, logs and audit directory")
    parser.add_argument("--memo", choices=["on", "off"], default="on",
                        help="off: Sekisho reads every message of every turn (detection_cache.conversations: 0)")  # fmt: skip
    args = parser.parse_args()
    install_network_guard()
    t_start = time.monotonic()
    print(f"cpus={os.cpu_count()} {os.uname().machine} loadavg(1,5,15 min) at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.litellm:
        print("LiteLLM: not measured (set SEKISHO_BENCH_LITELLM to a virtualenv with `pip install 'litellm[proxy]'`)")
    workdir = Path(tempfile.mkdtemp(prefix="sekisho-bench-"))
    try:
        with upstream_process("openai") as up, ExitStack() as stack:
            direct = Server("upstream", up.url + "/v1", {"authorization": "Bearer bench-not-a-secret"}, None, "gpt-4o", STREAM_MODEL)
            servers = [stack.enter_context(sekisho(up.url + "/v1", workdir, args.memo == "on"))]
            if args.litellm:
                servers.append(stack.enter_context(litellm(Path(args.litellm), up.url + "/v1", workdir)))
            started = time.monotonic() - t_start

            async def run() -> list[Figures]:
                for s in [direct, *servers]:
                    await _check_answers(s)
                    await _sequential(s, _user(SHORT), 20)
                return [await one_round(servers, direct, r, args) for r in range(args.rounds)]

            rounds = asyncio.run(run())
            rss = {s.name: peak_rss_mb(s.pid) for s in servers if s.pid}
            answered = servers[0].answered
        records = audit_answered(workdir / "audit")
        held = held_back()
        report(rounds, servers, rss, held)
        print(f"requests with a final audit record: {records:,}; requests Sekisho answered: {answered:,}"
              f" ({'equal' if records == answered else 'NOT EQUAL'})")  # fmt: skip
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"took {time.monotonic() - t_start:.0f} s ({started:.0f} s starting the servers); "
          f"loadavg at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if refused():
        print(f"WARNING: non-loopback connections were refused: {refused()}")


if __name__ == "__main__":
    main()
