"""Benchmark: `sekisho audit stats` (and `verify`, `report`) over 100,000 synthetic audit records.

Run: .venv/bin/python bench/bench_audit_stats.py [--records 100000] [--keep DIR]

Records are built as `AuditRecord`s and sealed with the real chain code into four chains (as four
replicas would write them) over 30 days; each file is fsynced once at the end rather than per
record, which only shortens the set-up. The timed part is the real CLI in a child process.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gateway.audit import AuditRecord, ClientInfo, PrincipalInfo, Usage  # noqa: E402
from gateway.audit.chain import GENESIS, ChainKey, file_name, seal  # noqa: E402
from gateway.audit.crypto import prompt_hmac  # noqa: E402

DEPARTMENTS = ("総務課", "税務課", "福祉課", "市民課", "子育て支援課", "情報政策課", "建設課", "教育委員会")
MODELS = (("gpt-4o", "overseas"), ("claude-domestic", "domestic"), ("onprem-llm", "onprem"))
ACTIONS = ("allow", "allow", "allow", "mask", "pseudonymize", "reroute", "block")
ENTITIES = ("PERSON", "PHONE_NUMBER", "ADDRESS", "EMAIL_ADDRESS", "MY_NUMBER")
CATEGORIES = ("document", "summary", "minutes", "translation", "inquiry", "proofreading", "ideas", "code", "data", "other", "background")


def synthetic(n: int, rng: random.Random, start: datetime) -> AuditRecord:
    action = rng.choice(ACTIONS)
    model, zone = rng.choice(MODELS)
    blocked = action == "block"
    if action == "reroute":
        model, zone = "onprem-llm", "onprem"
    entities = {e: rng.randint(1, 3) for e in rng.sample(ENTITIES, rng.randint(0, 2))} if action != "allow" else {}
    tokens = rng.randint(50, 3000)
    return AuditRecord(
        request_id=f"bench-{n:07d}",
        ts=start + timedelta(seconds=n * 26),  # 100,000 records over ~30 days
        principal=PrincipalInfo(
            user=f"u{rng.randint(1, 400):04d}", department=rng.choice(DEPARTMENTS), roles=["staff"]
        ),
        client=ClientInfo(user_agent="OpenAI/Python 1.40", address="10.1.2.3"),
        model_requested="gpt-4o",
        model_actual=None if blocked else model,
        zone=None if blocked else zone,
        level=rng.choice(("機密性1", "機密性2", "機密性3")),
        rank=rng.randint(1, 3),
        tags=["personal"] if entities else [],
        entities=entities,
        action=action,
        rule_id=f"rule-{action}",
        policy_version="2026-04-01.1",
        category=rng.choice(CATEGORIES),
        prompt_chars=rng.randint(20, 4000),
        answer_chars=0 if blocked else rng.randint(20, 4000),
        usage=None
        if blocked
        else Usage(prompt_tokens=tokens // 2, completion_tokens=tokens - tokens // 2, total_tokens=tokens),
        cost=0.0 if blocked else round(tokens * 0.0015, 4),
        upstream_ms=None if blocked else rng.uniform(200, 5000),
        overhead_ms=rng.uniform(1, 20),
        detector_ms=rng.uniform(0.3, 8),
        outcome="blocked" if blocked else "ok",
        status=403 if blocked else 200,
        prompt_hmac=prompt_hmac(b"bench-key", str(n)),
    )


def generate(directory: Path, count: int, chains: int = 4) -> None:
    rng = random.Random(20260401)
    start = datetime(2026, 4, 1, tzinfo=UTC)
    state = {f"bench-{c}-000000": (0, GENESIS) for c in range(chains)}
    handles: dict[Path, object] = {}
    for n in range(count):
        rec = synthetic(n, rng, start)
        chain = f"bench-{n % chains}-000000"
        seq, prev = state[chain]
        sealed, line = seal(rec.model_dump(mode="json"), chain, seq, prev, CHAIN_KEY)
        state[chain] = (seq + 1, sealed["hash"])
        path = directory / file_name(rec.ts[:10], chain)
        fh = handles.get(path)
        if fh is None:
            fh = handles[path] = path.open("ab")
        fh.write(line)  # type: ignore[attr-defined]
    for fh in handles.values():
        fh.flush()  # type: ignore[attr-defined]
        os.fsync(fh.fileno())  # type: ignore[attr-defined]
        fh.close()  # type: ignore[attr-defined]


CHAIN_KEY = ChainKey.of(b"bench-key")  # keyed like the gateway's; verify gets the same key


def timed(*args: str) -> tuple[float, subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SEKISHO_AUDIT_HMAC_KEY": "bench-key"}
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from gateway.cli import main; main()", *args], capture_output=True, text=True, env=env
    )
    return time.perf_counter() - t0, done


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        generate(directory, args.records)
        size = sum(p.stat().st_size for p in directory.glob("audit-*.jsonl"))
        print(
            f"generated {args.records:,} records ({size / 1e6:.1f} MB, {len(list(directory.glob('audit-*.jsonl')))} files) in {time.perf_counter() - t0:.1f} s"
        )
        for label, cmd in (
            ("stats", ("audit", "--no-progress", "stats", str(directory))),
            ("stats --by department", ("audit", "--no-progress", "stats", str(directory), "--by", "department")),
            ("verify", ("audit", "--no-progress", "verify", str(directory))),
            ("report --month 2026-04", ("audit", "--no-progress", "report", str(directory), "--month", "2026-04", "-o", str(Path(tmp) / "report"))),
        ):
            seconds, done = timed(*cmd)
            if done.returncode != 0:
                sys.exit(f"{label} failed: {done.stderr}")
            print(f"sekisho audit {label}: {seconds:.2f} s over {args.records:,} records")


if __name__ == "__main__":
    main()
