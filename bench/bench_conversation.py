"""The 20-turn conversation of `bench_gateway.py` through the request path before the upstream call,
in process: CPU time of turn 20 (39 messages) against turn 1, with the caches warm.

    .venv/bin/python -m bench.bench_conversation             # best of 7 x 50, per turn
    .venv/bin/python -m bench.bench_conversation --memo off  # every message read every turn

What is timed is what `pipeline.chat` does before `_send`: copying the body, withholding blocked
messages, the inspection walk, detection (cached), classification, the decision and the transform.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench.bench_gateway import conversation, sekisho_config  # puts the repository on sys.path
from gateway.config import load_config
from gateway.principal import Principal


async def _measure(args: argparse.Namespace) -> None:
    from gateway.services import start_services, stop_services

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sekisho.yaml"
        cfg = sekisho_config("http://127.0.0.1:9/v1")
        if args.memo == "off":
            cfg["detection_cache"] = {"conversations": 0}
        path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
        services = await start_services(*load_config(path))
        principal = Principal(user="u9001", department="総務課")
        try:
            for t in range(1, max(args.turns) + 1):  # every message's detection cached, as after a first pass
                await _inspect(services, principal, conversation(t), "warm")
            for turns in args.turns:
                best = float("inf")
                for r in range(args.repeat):
                    spent = 0.0
                    for i in range(args.n):
                        # Each run a conversation of its own: its turn before this one sent first (untimed),
                        # as a client sends them; the vault and the memo then hold what that turn left.
                        name = f"r{turns}-{r}-{i}"
                        if turns > 1:
                            await _inspect(services, principal, conversation(turns - 1), name)
                        t0 = time.thread_time()
                        await _inspect(services, principal, conversation(turns), name)
                        spent += time.thread_time() - t0
                    best = min(best, spent / args.n)
                print(f"turn {turns:2d} ({len(conversation(turns))} messages): {best * 1000:.3f} ms of CPU (best of {args.repeat} x {args.n})")
            if services.memo is not None:
                print("memo:", services.memo.stats())
        finally:
            await stop_services(services)


async def _inspect(services: Any, principal: Principal, messages: list[dict[str, str]], conversation_id: str) -> None:
    from gateway import pipeline

    ex = pipeline.Exchange(request_id="bench", principal=principal, endpoint="chat.completions", conversation_header=conversation_id)
    await pipeline.prepare_chat(services, ex, {"model": "gpt-overseas", "messages": messages})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--memo", choices=["on", "off"], default="on")
    asyncio.run(_measure(parser.parse_args()))


if __name__ == "__main__":
    main()
