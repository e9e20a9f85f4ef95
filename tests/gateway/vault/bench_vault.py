"""Cost of pseudonymise + restore on a 550-character prompt; direct splice vs presidio-anonymizer.

Run: .venv/bin/python -m tests.gateway.vault.bench_vault [redis://127.0.0.1:PORT/0]
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from detectors.model import Finding
from gateway.vault import MemoryStore, RedisStore, StreamRestorer, VaultKeys, VaultSession, apply, restore

PARTS = [
    ("福祉課の相談記録です。相談者は", None), ("佐藤花子", "PERSON"), ("さん（", None), ("090-1234-5678", "PHONE_NUMBER"),
    ("）、住所は", None), ("東京都千代田区霞が関1-2-3", "ADDRESS"), ("。同居の", None), ("佐藤一郎", "PERSON"),
    ("さんは個人番号", None), ("123456789018", "MY_NUMBER"), ("を提示しました。担当は", None), ("鈴木健", "PERSON"),
    ("。連絡先メールは", None), ("hanako@example.jp", "EMAIL_ADDRESS"), ("です。", None),
]
BODY = "".join(t for t, _ in PARTS)
TEXT = (BODY + "児童手当の支給要件について、前年度の所得と世帯構成から判断する必要があります。" * 3) * 2
TEXT = TEXT[:550] if len(TEXT) > 550 else TEXT
ACTIONS = {"PERSON": "pseudonymize", "PHONE_NUMBER": "mask", "ADDRESS": "pseudonymize", "MY_NUMBER": "mask", "EMAIL_ADDRESS": "pseudonymize"}


def findings(text: str) -> list[Finding]:
    out, pos = [], 0
    while True:
        for value, kind in PARTS:
            if kind is None:
                continue
            i = text.find(value, pos)
            if i >= 0:
                out.append(Finding(kind, i, i + len(value), value, 0.9, "bench"))
        nxt = text.find(PARTS[0][0], pos + 1)
        if nxt < 0:
            break
        pos = nxt
    return sorted(set(out), key=lambda f: f.start)


def best(fn: Callable[[], object], n: int = 300) -> float:
    """Best of 5 runs of n calls, µs per call."""
    res = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        res.append((time.perf_counter() - t0) / n * 1e6)
    return min(res)


def main() -> None:
    fs = findings(TEXT)
    print(f"prompt {len(TEXT)} chars, {len(fs)} findings")
    loop = asyncio.new_event_loop()

    def ours_new() -> object:
        return loop.run_until_complete(apply(TEXT, fs, ACTIONS, VaultSession(MemoryStore(), "b")))

    warm = VaultSession(MemoryStore(), "w")
    loop.run_until_complete(apply(TEXT, fs, ACTIONS, warm))

    def ours_warm() -> object:
        return loop.run_until_complete(apply(TEXT, fs, ACTIONS, warm))

    engine = AnonymizerEngine()
    mapping = warm.mapping()
    inverse = {v: k for k, v in mapping.items()}
    results = [RecognizerResult(f.entity, f.start, f.end, f.score) for f in fs]

    def presidio() -> object:
        # Pseudonyms precomputed (its operators cannot await the vault); one operator per value.
        ops = {e: OperatorConfig("custom", {"lambda": lambda v: inverse.get(v, "＜x＞")}) for e in ACTIONS}
        return engine.anonymize(text=TEXT, analyzer_results=results, operators=ops)

    sent = loop.run_until_complete(apply(TEXT, fs, ACTIONS, warm)).text

    def restore_whole() -> object:
        return restore(sent, mapping)

    def stream(size: int) -> Callable[[], object]:
        def go() -> object:
            r = StreamRestorer(mapping)
            out = [r.feed(sent[i : i + size]) for i in range(0, len(sent), size)]
            return "".join(out) + r.flush()

        return go

    print(f"apply, new conversation (MemoryStore) : {best(ours_new):8.1f} µs")
    print(f"apply, warm session                   : {best(ours_warm):8.1f} µs")
    print(f"presidio-anonymizer anonymize         : {best(presidio):8.1f} µs")
    print(f"restore (whole answer)                : {best(restore_whole):8.1f} µs")
    for size in (1, 7):
        print(f"StreamRestorer, {size}-char chunks        : {best(stream(size), 100):8.1f} µs")
    if len(sys.argv) > 1:
        store = RedisStore(sys.argv[1], VaultKeys.from_secret("b" * 40), ttl_s=60)

        def ours_redis() -> object:
            return loop.run_until_complete(apply(TEXT, fs, ACTIONS, VaultSession(store, "bench")))

        print(f"apply, new session on RedisStore      : {best(ours_redis, 100):8.1f} µs")
        loop.run_until_complete(store.aclose())
    loop.close()


if __name__ == "__main__":
    main()
