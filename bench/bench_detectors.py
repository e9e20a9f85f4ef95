"""Quality and speed of the default detector set on the stockmark NER dataset (人名 / 地名).

Run from the repository root:  .venv/bin/python bench/bench_detectors.py [--split test|dev|all]

Dataset: stockmarkteam/ner-wikipedia-dataset (Stockmark Inc.), CC BY-SA 3.0, read in place from
../shared/datasets/ and never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATASET = ROOT.parent / "shared" / "datasets" / "stockmark-ner-wikipedia.json"
ATTRIBUTION = (
    "Dataset: stockmark-ner-wikipedia (stockmarkteam/ner-wikipedia-dataset, Stockmark Inc.), "
    "licensed CC BY-SA 3.0 — https://github.com/stockmarkteam/ner-wikipedia-dataset"
)
# Gold label -> the finding types that count as predicting it.
TARGETS = {"人名": ("PERSON",), "地名": ("LOCATION", "ADDRESS")}


def load(path: Path, split: str) -> list[dict]:
    """Sentences of the split: dev = even curid, test = odd curid (held out while tuning), all."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if split == "all":
        return data
    want = 0 if split == "dev" else 1
    return [x for x in data if int(x["curid"]) % 2 == want]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(data: list[dict], detect: Callable[[str], list[tuple[str, int, int]]], errors: int) -> dict[str, dict]:
    """Overlap-match recall/precision per gold label; optionally print the first `errors` misses of each kind."""
    stats = {lb: {"gold": 0, "found": 0, "pred": 0, "correct": 0, "fn": [], "fp": []} for lb in TARGETS}
    for ex in data:
        text = ex["text"]
        preds = detect(text)
        for label, types in TARGETS.items():
            gold = [tuple(e["span"]) for e in ex["entities"] if e["type"] == label]
            # Other gold entities (organisations, facilities …) let us tell "wrong type" from "not an entity".
            p = [(s, e) for t, s, e in preds if t in types]
            st = stats[label]
            st["gold"] += len(gold)
            st["pred"] += len(p)
            for g in gold:
                if any(overlap(g, q) for q in p):
                    st["found"] += 1
                elif len(st["fn"]) < errors:
                    st["fn"].append((text, text[g[0] : g[1]]))
            for q in p:
                if any(overlap(g, q) for g in gold):
                    st["correct"] += 1
                elif len(st["fp"]) < errors:
                    others = [e["type"] for e in ex["entities"] if overlap(tuple(e["span"]), q)]
                    st["fp"].append((text, text[q[0] : q[1]], others))
    return stats


def rates(st: dict) -> tuple[float, float, float]:
    """Recall, precision and F1 of one label's tallies from `evaluate`."""
    r = st["found"] / st["gold"] if st["gold"] else 0.0
    p = st["correct"] / st["pred"] if st["pred"] else 0.0
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def _sudachi_tags(text: str) -> list[tuple[str, int, int]]:
    """Runs of tokens Sudachi tags 人名 (→ PERSON) or 地名 (→ LOCATION), with no context rules."""
    from detectors.morphology import NAME_KINDS, PLACE_KINDS, tokenize

    t = tokenize(text)
    out: list[tuple[str, int, int]] = []
    run: tuple[str, int, int] | None = None
    for i in range(len(t)):
        k = t.kinds[i]
        entity = "PERSON" if k in NAME_KINDS else "LOCATION" if k in PLACE_KINDS else None
        if entity is not None and run is not None and run[0] == entity:
            run = (entity, run[1], t.ends[i])
            continue
        if run is not None:
            out.append(run)
        run = (entity, t.begins[i], t.ends[i]) if entity is not None else None
    if run is not None:
        out.append(run)
    return out


def throughput(texts: list[str], repeat: int) -> tuple[float, float, int]:
    """Best-of-`repeat` chars/s of Scanner.detect and of a bare SudachiPy pass over the same text."""
    from detectors import Scanner
    from detectors.morphology import PIECE_CHARS, split_points, sudachi_tokenizer

    scanner = Scanner()
    big = "\n".join(texts)
    # The bare pass gets the same advantages as the detectors' own: kilobyte pieces, the same tokenizer.
    pieces = [big[s:e] for s, e in split_points(big, PIECE_CHARS)]
    tok = sudachi_tokenizer()
    scanner.detect(big[:2000])  # warm up: dictionary load, regex compile
    best_scan = best_bare = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for p in pieces:
            for m in tok.tokenize(p):
                m.part_of_speech_id()
        best_bare = min(best_bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        scanner.detect(big)
        best_scan = min(best_scan, time.perf_counter() - t0)
    return len(big) / best_scan, len(big) / best_bare, len(big)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dataset", type=Path, default=DATASET)
    ap.add_argument("--split", choices=("test", "dev", "all"), default="test")
    ap.add_argument("--repeat", type=int, default=5, help="timing runs; the best is reported")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false alarms per label")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument(
        "--baseline",
        action="store_true",
        help="also score bare Sudachi part-of-speech tags (人名 / 地名 tokens, runs merged) for comparison",
    )
    args = ap.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target is stated
    from detectors import Scanner

    data = load(args.dataset, args.split)
    scanner = Scanner()

    def detect(text: str) -> list[tuple[str, int, int]]:
        return [(f.entity, f.start, f.end) for f in scanner.detect(text).findings]

    stats = evaluate(data, detect, args.errors)
    cmd = "python bench/bench_detectors.py " + " ".join(sys.argv[1:])
    print(f"$ {cmd.strip()}")
    print(f"split={args.split} sentences={len(data)} (dev = even curid, test = odd curid; overlap match)")
    for label, st in stats.items():
        r, p, f1 = rates(st)
        types = "+".join(TARGETS[label])
        print(
            f"{label} ({types}): recall {r:.3f}  precision {p:.3f}  F1 {f1:.3f}  (gold {st['gold']}, predicted {st['pred']})"
        )
        for text, span in st["fn"]:
            print(f"   FN {span!r:<16} in {text}")
        for text, span, others in st["fp"]:
            print(f"   FP {span!r:<16} {others} in {text}")
    if args.baseline:
        base = evaluate(data, _sudachi_tags, 0)
        for label, st in base.items():
            r, p, f1 = rates(st)
            print(f"  baseline, Sudachi POS only — {label}: recall {r:.3f}  precision {p:.3f}  F1 {f1:.3f}")
    if not args.no_speed:
        scan_cps, bare_cps, n = throughput([x["text"] for x in data], args.repeat)
        print(f"speed over {n:,} chars, one core, best of {args.repeat}:")
        print(f"  default detector set (Scanner.detect): {scan_cps:,.0f} chars/s")
        print(f"  bare SudachiPy tokenisation (mode C, same pieces): {bare_cps:,.0f} chars/s")
        print(f"  cost ratio detector set / bare Sudachi: {bare_cps / scan_cps:.2f}x")
    print(ATTRIBUTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
