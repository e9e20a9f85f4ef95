"""Would a GiNZA NER tier add PERSON recall? GiNZA's Person spans, alone and added to the default detector set.

ja-ginza 5.3 pins SudachiPy < 0.7, so it cannot share the project's environment. Two steps:

    python3 -m venv /tmp/ginza && /tmp/ginza/bin/pip install ja-ginza
    /tmp/ginza/bin/python bench/ginza_union.py predict /tmp/ginza_test.jsonl    # GiNZA's entities, timed
    .venv/bin/python bench/ginza_union.py score /tmp/ginza_test.jsonl           # overlap P/R, alone and unioned

Both steps read the held-out half (odd curid) of the stockmark dataset in place from ../shared/datasets/.
Dataset: stockmarkteam/ner-wikipedia-dataset (Stockmark Inc.), CC BY-SA 3.0.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# bench_detectors needs only the standard library at import, so the GiNZA environment can use it too.
from bench.bench_detectors import DATASET, evaluate, load, overlap, rates  # noqa: E402


def predict(out: Path) -> None:
    import spacy  # from the GiNZA environment

    nlp = spacy.load("ja_ginza")
    data = load(DATASET, "test")
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for ex in data:
            doc = nlp(ex["text"])
            ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            f.write(json.dumps({"text": ex["text"], "ents": ents}, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - t0
    chars = sum(len(x["text"]) for x in data)
    print(f"GiNZA: {chars:,} chars in {elapsed:.1f} s = {chars / elapsed:,.0f} chars/s")


def score(path: Path) -> None:
    from detectors import Scanner

    scanner = Scanner()
    data = load(DATASET, "test")
    predicted = [json.loads(line) for line in path.open(encoding="utf-8")]
    if len(predicted) != len(data) or any(r["text"] != ex["text"] for r, ex in zip(predicted, data, strict=True)):
        raise SystemExit(f"{path} does not hold GiNZA's entities for the held-out half in order; run predict again")
    # Both are functions of the text alone, so a sentence's text is a safe key.
    ginza = {r["text"]: [(s, e) for s, e, lab in r["ents"] if lab == "Person"] for r in predicted}
    ours = {ex["text"]: [(f.start, f.end) for f in scanner.detect(ex["text"]).findings if f.entity == "PERSON"] for ex in data}

    def ours_plus(text: str, form: str | None) -> list[tuple[str, int, int]]:
        added = [q for q in ginza[text] if not any(overlap(q, o) for o in ours[text])]
        kept = ours[text] + [q for q in added if form is None or re.fullmatch(form, text[q[0] : q[1]])]
        return [("PERSON", s, e) for s, e in kept]

    variants = {
        "GiNZA Person alone": lambda t: [("PERSON", s, e) for s, e in ginza[t]],
        "default detector set": lambda t: [("PERSON", s, e) for s, e in ours[t]],
        "default + every GiNZA Person": lambda t: ours_plus(t, None),
        "default + GiNZA katakana names": lambda t: ours_plus(t, r"[ァ-ヺー・＝]+"),
        "default + GiNZA names of 1-3 kanji": lambda t: ours_plus(t, r"[一-龥々]{1,3}"),
    }
    print("人名 on the held-out half, overlap match:")
    for name, detect in variants.items():
        r, p, _ = rates(evaluate(data, detect, 0)["人名"])
        print(f"  {name:34s} recall {r:.3f}  precision {p:.3f}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("predict", "score"):
        raise SystemExit(__doc__)
    (predict if sys.argv[1] == "predict" else score)(Path(sys.argv[2]))
