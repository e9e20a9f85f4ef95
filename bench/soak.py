"""Soak the request path on loopback: concurrent streams and plain requests carrying personal data,
while the policy file is rewritten (valid and broken versions) and Redis is restarted under the vault.

Everything runs on 127.0.0.1 and stops by itself after --seconds. It prints what was sent, what
failed, how many requests reached the overseas upstream with a canary in any disguise (must be 0),
and how many audit records were written (must equal the requests sent, failures included), and
exits non-zero when either of those two does not hold.

    .venv/bin/python bench/soak.py --seconds 60 --concurrency 16
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gateway.auth import hash_key  # noqa: E402
from tests.support.canary import leaked  # noqa: E402
from tests.support.redis_server import find_redis_server, ping  # noqa: E402
from tests.support.servers import LOOPBACK, free_port, run_gateway_process, stop_process  # noqa: E402
from tests.support.upstream import start_upstream  # noqa: E402

KEY = "sk-sekisho-soak"
POLICIES = Path(__file__).resolve().parents[1] / "policies"
CANARIES = ["佐藤花子", "090-1234-5678", "高橋健一", "03-5555-1234"]
PROMPTS = [
    "相談者: 佐藤花子さん（連絡先 090-1234-5678）への回答案を作ってください。",
    "高橋健一様（電話 03-5555-1234）からの苦情メールへの返信文を書いて。",
    "市民課の窓口案内を三行でまとめてください。",
    "次の文を要約して: 本日の会議では予算の執行状況を確認した。",
]


class Redis:
    """A redis-server on a fixed loopback port that can be killed and started again."""

    def __init__(self, workdir: Path) -> None:
        binary = find_redis_server()
        if binary is None:
            raise SystemExit("redis-server not found (apt-get install redis-server)")
        self.binary, self.workdir, self.port = binary, workdir, free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.restarts = 0

    def start(self) -> None:
        cmd = [self.binary, "--port", str(self.port), "--bind", LOOPBACK, "--save", "", "--appendonly", "no",
               "--dir", str(self.workdir), "--daemonize", "no"]  # fmt: skip
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not ping(self.port) and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, grace_s=5)
            self.proc = None

    @property
    def url(self) -> str:
        return f"redis://{LOOPBACK}:{self.port}/0"


def _config(dir: Path, upstream_url: str, redis_url: str) -> Path:
    shutil.copy(POLICIES / "default.yaml", dir / "policy.yaml")
    shutil.copy(POLICIES / "keywords.yaml", dir / "keywords.yaml")
    cfg = {
        "models": [
            {"name": "gpt-overseas", "zone": "overseas", "upstream": {"type": "openai", "base_url": upstream_url, "model": "gpt-4o"}},
            {"name": "local-llm", "zone": "onprem", "upstream": {"type": "openai", "base_url": upstream_url, "model": "onprem-qwen"}},
        ],
        "zone_defaults": {"onprem": "local-llm"},
        "keys": [{"id": "soak", "hash": hash_key(KEY), "user": "u-soak", "department": "総務課"}],
        "policy": {"path": "policy.yaml", "reload_interval_s": 0.3},
        "vault": {"redis_url": redis_url, "key": "env:SEKISHO_VAULT_KEY"},
        "audit": {"dir": "audit"},
    }
    path = dir / "sekisho.yaml"
    path.write_text(json.dumps(cfg, ensure_ascii=False), encoding="utf-8")
    return path


class Tally:
    def __init__(self) -> None:
        self.sent = self.ok = self.failed = 0
        self.request_ids: set[str] = set()
        self.statuses: dict[str, int] = {}

    def count(self, status: str, request_id: str | None) -> None:
        self.sent += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == "200":
            self.ok += 1
        else:
            self.failed += 1
        if request_id:
            self.request_ids.add(request_id)


async def _one(client: httpx.AsyncClient, base: str, tally: Tally, rng: random.Random) -> None:
    body: dict[str, Any] = {"model": "gpt-overseas", "messages": [{"role": "user", "content": rng.choice(PROMPTS)}]}
    headers = {"authorization": f"Bearer {KEY}"}
    rid = None
    try:
        if rng.random() < 0.5:
            body["stream"] = True
            async with client.stream("POST", base + "/v1/chat/completions", json=body, headers=headers) as r:
                rid = r.headers.get("x-sekisho-request-id")
                text = (await r.aread()).decode("utf-8", "replace")
            done = r.status_code == 200 and text.rstrip().endswith("data: [DONE]")
            tally.count("200" if done else (str(r.status_code) if r.status_code != 200 else "stream-error"), rid)
        else:
            r = await client.post(base + "/v1/chat/completions", json=body, headers=headers)
            tally.count(str(r.status_code), r.headers.get("x-sekisho-request-id"))
    except httpx.HTTPError as exc:
        tally.count(type(exc).__name__, rid)


async def _load(base: str, seconds: float, concurrency: int, tally: Tally) -> None:
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=30, trust_env=False) as client:

        async def worker(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < deadline:
                await _one(client, base, tally, rng)

        await asyncio.gather(*(worker(i) for i in range(concurrency)))


def _churn(stop: threading.Event, policy: Path, redis: Redis, counts: dict[str, int]) -> None:
    original = policy.read_text(encoding="utf-8")
    rng = random.Random(7)
    while not stop.wait(0.7):
        if rng.random() < 0.25:
            policy.write_text(original + "\n  - {broken", encoding="utf-8")  # rejected: the last good one stays
            counts["policy_broken"] += 1
        else:
            policy.write_text(original.replace("name: 既定ポリシー", f"name: 既定ポリシー{rng.randint(0, 9999)}", 1), encoding="utf-8")
            counts["policy_valid"] += 1
        if rng.random() < 0.3:
            redis.stop()
            stop.wait(0.3)
            redis.start()
            counts["redis_restarts"] += 1
    policy.write_text(original, encoding="utf-8")


def _audited(audit_dir: Path) -> set[str]:
    """Request ids with a closing record (a single one, or the final one after a pending one)."""
    ids: set[str] = set()
    for path in audit_dir.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            if record and record.get("phase") != "pending":
                ids.add(record["request_id"])
    return ids


def soak(seconds: float, concurrency: int) -> dict[str, Any]:
    """Run the soak; the figures it prints, as a dict."""
    with tempfile.TemporaryDirectory(prefix="sekisho-soak-") as tmp, start_upstream() as upstream:
        dir = Path(tmp)
        redis = Redis(dir)
        redis.start()
        config = _config(dir, upstream.base_url, redis.url)
        env = {"SEKISHO_VAULT_KEY": "c29hay1rZXktc29hay1rZXktc29hay1rZXktMzI=", "SEKISHO_AUDIT_HMAC_KEY": "soak-hmac-key"}
        counts = {"policy_valid": 0, "policy_broken": 0, "redis_restarts": 0}
        tally = Tally()
        try:
            with run_gateway_process(config, env=env) as gw:
                stop = threading.Event()
                churn = threading.Thread(target=_churn, args=(stop, dir / "policy.yaml", redis, counts), daemon=True)
                churn.start()
                try:
                    asyncio.run(_load(gw.base_url, seconds, concurrency, tally))
                finally:
                    stop.set()
                    churn.join()
                log = gw.log()
        finally:
            redis.stop()
        overseas = [r.body for r in upstream.requests if isinstance(r.body, dict) and r.body.get("model") == "gpt-4o"]
        with_canary = sum(1 for body in overseas if leaked(body, CANARIES))
        audited = _audited(dir / "audit")
        return {
            "seconds": seconds,
            "concurrency": concurrency,
            "requests_sent": tally.sent,
            "succeeded": tally.ok,
            "failed": tally.failed,
            "statuses": tally.statuses,
            "forwarded_overseas": len(overseas),
            "forwarded_with_canary": with_canary,
            "audit_records_for_requests": len(audited & tally.request_ids),
            "requests_without_id": tally.sent - len(tally.request_ids),
            "tracebacks_in_log": log.count("Traceback"),
            **counts,
        }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    out = soak(args.seconds, args.concurrency)
    for key, value in out.items():
        print(f"{key:28} {value}")
    good = out["forwarded_with_canary"] == 0 and out["audit_records_for_requests"] == out["requests_sent"] and out["requests_without_id"] == 0
    print("OK" if good else "FAILED: a canary was forwarded or a request has no audit record")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
