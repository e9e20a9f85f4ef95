"""One hash of every finding on every evaluation set: run before and after a refactor of the detectors.

Run from the repository root:  .venv/bin/python bench/findings_hash.py [--per-set]

Scans eval/municipal, every eval/heldout*/prompts.jsonl and the stockmark sentences (read in place
from ../shared/datasets/, CC BY-SA 3.0) with the shipped default scanner and prints one SHA-256 over
(set, line, entity, start, end, detector, score to 6 places) of all findings, plus markings and tags.
Equal hashes mean the refactor changed no finding; put the hash in the commit message.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STOCKMARK = ROOT.parent / "shared" / "datasets" / "stockmark-ner-wikipedia.json"


def texts() -> list[tuple[str, list[str]]]:
    sets = [ROOT / "eval" / "municipal" / "prompts.jsonl", *sorted((ROOT / "eval").glob("heldout*/prompts.jsonl"))]
    out = []
    for path in sets:
        rows = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out.append((str(path.relative_to(ROOT)), rows))
    if STOCKMARK.is_file():
        data = json.loads(STOCKMARK.read_text(encoding="utf-8"))
        out.append(("stockmark", [x["text"] for x in data]))
    else:
        print(f"(stockmark not found at {STOCKMARK}; hashing the eval sets only)", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-set", action="store_true", help="also print one hash per set")
    parser.add_argument("--dump", type=Path, help="also write every text's findings here (JSONL), to diff two runs")
    args = parser.parse_args()
    from detectors.scanner import default_scanner

    scanner = default_scanner()
    total = hashlib.sha256()
    n = 0
    t0 = time.perf_counter()
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for name, rows in texts():
        h = hashlib.sha256()
        for i, text in enumerate(rows):
            d = scanner.detect(text)
            line = [
                i,
                [(f.entity, f.start, f.end, f.detector, round(f.score, 6)) for f in d.findings],
                [(m.label, m.start, m.end) for m in d.markings],
                sorted(d.tags),
                sorted(d.keywords),
            ]
            n += len(d.findings)
            h.update(json.dumps(line, ensure_ascii=False).encode("utf-8"))
            if dump is not None:
                found = [(f.entity, f.text, f.start, f.detector, round(f.score, 3)) for f in d.findings]
                dump.write(json.dumps([name, i, found, sorted(d.tags)], ensure_ascii=False) + "\n")
        total.update(name.encode("utf-8") + h.digest())
        if args.per_set:
            print(f"{h.hexdigest()[:16]}  {name} ({len(rows)} texts)")
    if dump is not None:
        dump.close()
    print(f"findings hash {total.hexdigest()[:16]}  ({n} findings, {time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
