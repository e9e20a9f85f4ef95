"""How long output screening holds a streamed answer back, in process (no server, no sleeping).

Two measures, both over the benchmark's answers with the names and numbers coming back as placeholders:

- the largest tail held back at once, over fixed chunkings of 1-4 characters;
- the delay per character when the answer arrives the way a model writes it: tokens of 1-4 characters
  at 30-50 tokens/s (seeded). A character's delay is the time it is released by the screening stream
  minus the time a stream that only restores placeholders releases it (the token clock, plus the
  measured time the screening took for the token that released it).

    .venv/bin/python bench/stream_holdback.py
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from detectors.model import Finding  # noqa: E402
from gateway import vault  # noqa: E402
from gateway.output import OutputGuard  # noqa: E402
from gateway.policy.engine import output_actions  # noqa: E402

TOKEN_CHARS = (1, 4)
TOKENS_PER_S = (30.0, 50.0)


@dataclass(frozen=True)
class Delays:
    largest: int  # characters held back at once, the most
    mean_ms: float  # per character
    p95_ms: float
    max_ms: float
    immediate: float  # share of characters released with the token that brought them
    cpu_ms_per_token: float  # time spent in the screening stream per token
    first_ms: float  # first visible text after the first token, the median over the streams


def _actions() -> dict[str, str]:
    return {t: a for t, a in output_actions("mask", {}).items() if a != "keep"}


def _guard(mapping: dict[str, str], answer: str, actions: dict[str, str]) -> OutputGuard:
    from detectors.scanner import default_scanner

    scanner = default_scanner()

    async def scan(texts: Sequence[str]) -> Any:
        return scanner.detect_many(texts)

    async def mask(text: str, findings: list[Finding]) -> str:
        return str((await vault.transform.apply(text, findings, _actions(), None)).text)

    return OutputGuard(vault.StreamRestorer(mapping), scan, actions, answer, mask)


def as_sent(answer: str, mapping: dict[str, str]) -> str:
    """The answer as the model writes it: every value of the mapping as its placeholder."""
    for placeholder, value in mapping.items():
        answer = answer.replace(value, placeholder)
    return answer


def model_tokens(text: str, seed: int) -> list[tuple[float, str]]:
    """(arrival in ms, token) for `text` cut into tokens of 1-4 characters at 30-50 tokens/s."""
    rng = random.Random(seed)
    rate = rng.uniform(*TOKENS_PER_S)
    out, i, t = [], 0, 0.0
    while i < len(text):
        size = rng.randint(*TOKEN_CHARS)
        t += rng.uniform(0.8, 1.2) * 1000 / rate
        out.append((t, text[i : i + size]))
        i += size
    return out


async def _release_times(
    guard: OutputGuard, tokens: Sequence[tuple[float, str]], timed: bool
) -> tuple[list[float], float]:
    """The time each output character goes out, and the time spent feeding."""
    times: list[float] = []
    spent = 0.0
    for at, token in tokens:
        t0 = time.perf_counter()
        out = await guard.feed(token)
        took = (time.perf_counter() - t0) * 1000
        spent += took
        times.extend([at + (took if timed else 0.0)] * len(out))
    t0 = time.perf_counter()
    rest = await guard.flush()
    end = tokens[-1][0] if tokens else 0.0
    times.extend([end + ((time.perf_counter() - t0) * 1000 if timed else 0.0)] * len(rest))
    return times, spent


async def delays(answer: str, mapping: dict[str, str], seeds: Sequence[int]) -> Delays:
    """Delay per character of `answer` streamed as a model writes it, over one token stream per seed."""
    actions, sent = _actions(), as_sent(answer, mapping)
    await _guard(mapping, answer, actions).feed(
        "起動確認：伊藤さ"
    )  # the tables and the scanner built, as at a gateway's start
    per_char: list[float] = []
    firsts: list[float] = []
    largest, spent, n_tokens = 0, 0.0, 0
    for seed in seeds:
        tokens = model_tokens(sent, seed)
        guard = _guard(mapping, answer, actions)
        released, took = await _release_times(guard, tokens, timed=True)
        arrived, _ = await _release_times(_guard(mapping, answer, {}), tokens, timed=False)
        if len(released) != len(answer) or len(arrived) != len(answer):
            raise RuntimeError("the streamed answer was not restored exactly")
        per_char.extend(r - a for r, a in zip(released, arrived, strict=True))
        firsts.append(released[0] - tokens[0][0])
        largest, spent, n_tokens = max(largest, guard.max_held), spent + took, n_tokens + len(tokens)
    per_char.sort()
    return Delays(
        largest=largest,
        mean_ms=statistics.fmean(per_char),
        p95_ms=per_char[int(0.95 * (len(per_char) - 1))],
        max_ms=per_char[-1],
        immediate=sum(d < 1.0 for d in per_char) / len(per_char),
        cpu_ms_per_token=spent / n_tokens,
        first_ms=statistics.median(firsts),
    )


async def largest_held(answer: str, mapping: dict[str, str], sizes: Sequence[int] = (1, 2, 3, 4)) -> tuple[int, int]:
    """The longest tail held at once over chunkings of `sizes`, and after which 2-character chunk the first text went out."""
    actions, sent = _actions(), as_sent(answer, mapping)
    worst, first = 0, -1
    for size in sizes:
        g = _guard(mapping, answer, actions)
        out = [await g.feed(sent[i : i + size]) for i in range(0, len(sent), size)]
        if "".join(out) + await g.flush() != answer:
            raise RuntimeError("the streamed answer was not restored exactly")
        worst = max(worst, g.max_held)
        if size == 2:
            first = next(i for i, piece in enumerate(out) if piece)
    return worst, first


def main() -> None:
    from bench.bench_gateway import LONG, STREAMED, answer_mapping

    async def run() -> None:
        for name, answer in (("STREAMED", STREAMED), ("LONG", LONG)):
            held, first = await largest_held(answer, answer_mapping())
            d = await delays(answer, answer_mapping(), range(10))
            print(f"{name} ({len(answer):,} chars): largest held {held} (chunks of 1-4), first text after 2-char chunk {first + 1}; "
                  f"as a model writes: largest held {d.largest}, delay per character mean {d.mean_ms:.1f} ms, p95 {d.p95_ms:.1f}, "
                  f"max {d.max_ms:.1f}, {d.immediate:.0%} out with their own token, first text {d.first_ms:.1f} ms after the first token, "
                  f"{d.cpu_ms_per_token:.3f} ms CPU per token")  # fmt: skip

    asyncio.run(run())


if __name__ == "__main__":
    main()
