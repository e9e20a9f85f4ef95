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
DATASET = ROOT.parent / "shared" / "datasets" / "stockmark-ner-wikipedia.json"


def _test_half() -> list[dict]:
    return [x for x in json.loads(DATASET.read_text(encoding="utf-8")) if int(x["curid"]) % 2 == 1]


def predict(out: Path) -> None:
    import spacy  # from the GiNZA environment

    nlp = spacy.load("ja_ginza")
    data = _test_half()
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for ex in data:
            doc = nlp(ex["text"])
            ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            f.write(json.dumps({"text": ex["text"], "ents": ents}, ensure_ascii=False) + "\n")
    chars = sum(len(x["text"]) for x in data)
    print(f"GiNZA: {chars:,} chars in {time.perf_counter() - t0:.1f} s = {chars / (time.perf_counter() - t0):,.0f} chars/s")


def score(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from detectors import Scanner

    scanner = Scanner()
    # One line per sentence, in dataset order (a curid is an article and has several sentences).
    predicted = [json.loads(line) for line in path.open(encoding="utf-8")]
    data = _test_half()
    if len(predicted) != len(data) or any(r["text"] != ex["text"] for r, ex in zip(predicted, data, strict=True)):
        raise SystemExit(f"{path} does not hold GiNZA's entities for the held-out half in order; run predict again")
    rows = []
    for ex, r in zip(data, predicted, strict=True):
        ours = [(f.start, f.end) for f in scanner.detect(ex["text"]).findings if f.entity == "PERSON"]
        gold = [tuple(e["span"]) for e in ex["entities"] if e["type"] == "人名"]
        rows.append((ex["text"], gold, ours, [(s, e) for s, e, lab in r["ents"] if lab == "Person"]))

    def ov(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    def report(name: str, pick) -> None:  # type: ignore[no-untyped-def]
        g = found = p = correct = 0
        for text, gold, ours, gz in rows:
            preds = pick(text, ours, gz)
            g, p = g + len(gold), p + len(preds)
            found += sum(1 for a in gold if any(ov(a, q) for q in preds))
            correct += sum(1 for q in preds if any(ov(a, q) for a in gold))
        print(f"  {name:34s} recall {found / g:.3f}  precision {correct / p:.3f}")

    def added(text: str, ours: list, gz: list, form: str | None = None) -> list:  # type: ignore[type-arg]
        keep = [q for q in gz if not any(ov(q, o) for o in ours)]
        return [q for q in keep if form is None or re.fullmatch(form, text[q[0] : q[1]])]

    print("人名 on the held-out half, overlap match:")
    report("GiNZA Person alone", lambda t, o, gz: gz)
    report("default detector set", lambda t, o, gz: o)
    report("default + every GiNZA Person", lambda t, o, gz: o + added(t, o, gz))
    report("default + GiNZA katakana names", lambda t, o, gz: o + added(t, o, gz, r"[ァ-ヺー・＝]+"))
    report("default + GiNZA names of 1-3 kanji", lambda t, o, gz: o + added(t, o, gz, r"[一-龥々]{1,3}"))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("predict", "score"):
        raise SystemExit(__doc__)
    (predict if sys.argv[1] == "predict" else score)(Path(sys.argv[2]))
