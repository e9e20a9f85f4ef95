"""Would a learned token tagger close the PERSON recall gap? A measurement, not a shipped detector.

Run from the repository root:  .venv/bin/python bench/person_tagger_experiment.py [--cv]

A logistic-regression tagger over Sudachi tokens (the token's kind, script, length, first/last
characters and surface, the two tokens either side, kind pairs; hashed features, AdaGrad, L2) is
trained on the dev half of the stockmark dataset (even curid) and added to the default detector set:
its positive tokens become extra PERSON spans, and a rule finding whose tokens all score below the veto
is dropped. It prints PERSON recall/precision on the held-out test half (odd curid) for a range of
thresholds. With --cv it trains on a quarter (curid % 4 == 0) and scores the other dev quarter, which
is how a threshold could be chosen without looking at the test half.

Dataset: stockmarkteam/ner-wikipedia-dataset (Stockmark Inc.), CC BY-SA 3.0, read in place from
../shared/datasets/ and never copied into this repository; no trained weights are written anywhere.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_detectors import ATTRIBUTION, DATASET, evaluate, load, overlap, rates  # noqa: E402
from detectors import morphology as M  # noqa: E402

_CANDIDATE_KINDS = {M.NOUN, M.PROPN, M.SEI, M.MEI, M.NAME, M.PLACE, M.COUNTRY, M.OTHER, M.PREFIX, M.SUFFIX}
_SCRIPTS = (
    ("K", re.compile(r"[ァ-ヺー]+")),
    ("C", re.compile(r"[一-龥々〆ヶ]+")),
    ("H", re.compile(r"[ぁ-ゖー]+")),
    ("L", re.compile(r"[A-Z][A-Za-z.'\-]*")),
)


def _script(s: str) -> str:
    return next((name for name, rx in _SCRIPTS if rx.fullmatch(s)), "X")


def prepare(data: list[dict]) -> list[dict]:
    """Tokens (offsets into the original text), rule PERSON spans and gold 人名 spans per sentence."""
    from detectors import Scanner
    from detectors.normalize import normalize

    scanner = Scanner()
    out = []
    for ex in data:
        text = ex["text"]
        norm = normalize(text)
        t = M.tokenize(norm.text)
        out.append(
            {
                "text": text,
                "surfaces": [t.surface(i) for i in range(len(t))],
                "kinds": t.kinds,
                "oov": t.oov,
                "spans": [norm.to_original(b, e) for b, e in zip(t.begins, t.ends, strict=True)],
                "rules": [(f.start, f.end) for f in scanner.detect(text).findings if f.entity == "PERSON"],
                "gold": [tuple(e["span"]) for e in ex["entities"] if e["type"] == "人名"],
            }
        )
    return out


def features(ex: dict) -> list[tuple[int, list[int]]]:
    """(token index, hashed features) for every candidate token of one sentence."""
    surf, kinds, n = ex["surfaces"], ex["kinds"], len(ex["kinds"])
    out = []
    for i in range(n):
        s, k = surf[i], kinds[i]
        sc = _script(s)
        if k not in _CANDIDATE_KINDS or sc == "X":
            continue
        f = [f"k{k}", f"o{ex['oov'][i]}", f"sc{sc}", f"ks{k}{sc}{min(len(s), 5)}", "bias", "s" + s]
        f += [f"l1{s[-1]}", f"f1{s[0]}", f"l2{s[-2:]}", f"l3{s[-3:]}", f"f2{s[:2]}"]
        if sc == "C":
            f += [f"ch{c}" for c in s]
        for d, pos in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
            j = i + d
            if 0 <= j < n:
                f += [f"{pos}{surf[j]}", f"{pos}k{kinds[j]}", f"{pos}{surf[j]}|{sc}"]
            else:
                f.append(pos + "EDGE")
        f += [f"pk{kinds[i - 1] if i else -1}_{k}", f"kn{k}_{kinds[i + 1] if i + 1 < n else -1}"]
        out.append((i, [zlib.crc32(x.encode()) & 0xFFFFF for x in f]))
    return out


def train(sentences: list[dict], epochs: int, rate: float, l2: float) -> dict[int, float]:
    rows = []
    for ex in sentences:
        for i, x in features(ex):
            b, e = ex["spans"][i]
            rows.append((x, 1 if any(overlap(ex["spans"][i], g) for g in ex["gold"]) else 0))
    w: dict[int, float] = {}
    g2: dict[int, float] = {}
    rng = random.Random(1)
    for _ in range(epochs):
        rng.shuffle(rows)
        for x, y in rows:
            z = max(-30.0, min(30.0, sum(w.get(h, 0.0) for h in x)))
            g = 1 / (1 + math.exp(-z)) - y
            for h in x:
                g2[h] = g2.get(h, 1e-8) + g * g
                w[h] = w.get(h, 0.0) * (1 - l2) - rate * g / math.sqrt(g2[h])
    return w


def predictions(ex: dict, w: dict[int, float], threshold: float, veto: float | None) -> list[tuple[str, int, int]]:
    """The rule findings the tagger does not veto, plus the tokens it scores above `threshold`."""
    scored = [(ex["spans"][i], sum(w.get(h, 0.0) for h in x)) for i, x in features(ex)]
    rules = ex["rules"]
    if veto is not None:
        rules = [r for r in rules if not (zs := [z for sp, z in scored if overlap(sp, r)]) or max(zs) > veto]
    added = [sp for sp, z in scored if z > threshold and not any(overlap(sp, r) for r in rules)]
    return [("PERSON", s, e) for s, e in rules + added]


def score(data: list[dict], prepared: dict[str, dict], w: dict[int, float], threshold: float, veto: float | None) -> tuple[float, float]:
    """人名 recall and precision of `predictions` over `data`, scored as bench_detectors scores the detectors."""
    r, p, _ = rates(evaluate(data, lambda text: predictions(prepared[text], w, threshold, veto), 0)["人名"])
    return r, p


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv", action="store_true", help="train on one dev quarter, score the other")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--veto", type=float, default=-2.5)
    args = ap.parse_args()
    dev, test = load(DATASET, "dev"), load(DATASET, "test")
    if args.cv:
        dev, test = [x for x in dev if int(x["curid"]) % 4 == 0], [x for x in dev if int(x["curid"]) % 4 == 2]
    w = train(prepare(dev), args.epochs, 0.2, args.l2)
    # Everything `predictions` reads is a function of the text alone, so a sentence's text is a safe key.
    prepared = {p["text"]: p for p in prepare(test)}
    r0, p0 = score(test, prepared, {}, math.inf, None)
    print(f"$ python bench/person_tagger_experiment.py {' '.join(sys.argv[1:])}".rstrip())
    print(f"scored on {'the other dev quarter' if args.cv else 'the held-out test half'}; {len(w):,} weights")
    print(f"  rules alone:            recall {r0:.3f}  precision {p0:.3f}")
    for th in (-0.5, 0.0, 0.5, 1.0, 1.5, 2.0):
        r, p = score(test, prepared, w, th, args.veto)
        print(f"  + tagger, threshold {th:+.1f}: recall {r:.3f}  precision {p:.3f}")
    print(ATTRIBUTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
