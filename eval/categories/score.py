"""Score the use-case classifier on a labelled set: category accuracy, background recall, confusions.

    .venv/bin/python eval/categories/score.py [eval/categories/requests.jsonl] [--taxonomy policies/usecases.yaml]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from gateway.usecase import BACKGROUND, load_taxonomy

STAFF = "(staff)"

# The set's labels (Japanese, as its writer used them) → the shipped taxonomy's ids.
LABELS = {
    "文書作成": "document",
    "要約": "summary",
    "議事録": "minutes",
    "翻訳": "translation",
    "問い合わせ・調べもの": "inquiry",
    "校正": "proofreading",
    "企画": "ideas",
    "表計算・プログラミング": "code",
    "データ整理": "data",
    "その他": "other",
    "background": BACKGROUND,
    "staff": STAFF,  # a request staff typed, of whatever category: right unless taken for background
}


def main() -> None:
    here = Path(__file__).parent
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(here / "requests.jsonl"))
    ap.add_argument("--taxonomy", default=None)
    ap.add_argument("--errors", action="store_true", help="List every miss.")
    args = ap.parse_args()
    taxonomy = load_taxonomy(args.taxonomy)
    rows = [json.loads(line) for line in Path(args.path).read_text(encoding="utf-8").splitlines() if line.strip()]
    staff_ok = staff_n = bg_ok = bg_n = 0
    confusion: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    misses = []
    for r in rows:
        want = LABELS[r["category"]]
        # A row is a text (the newest user message) or the whole chat a UI sends ({"messages": [...]}).
        got = taxonomy.classify_text(r["text"]) if "text" in r else taxonomy.classify({"messages": r["messages"]})
        if want == BACKGROUND:
            bg_n += 1
            bg_ok += got == BACKGROUND
        else:
            staff_n += 1
            if want == STAFF and got != BACKGROUND:
                want = got
            staff_ok += got == want
        if got != want:
            confusion[(want, got)] += 1
            misses.append((r["id"], want, got, str(r.get("text") or r["messages"][-1]["content"])[:70].replace("\n", " ")))
    per = (time.perf_counter() - started) / len(rows) * 1e6
    false_bg = sum(n for (w, g), n in confusion.items() if g == BACKGROUND and w != BACKGROUND)
    print(f"staff prompts: {staff_ok}/{staff_n} = {staff_ok / staff_n:.3f} category accuracy (rows labelled only 'staff': right unless taken for background)")
    print(f"background templates: {bg_ok}/{bg_n} = {bg_ok / bg_n:.3f} recognised; staff prompts taken for background: {false_bg}")
    print(f"mean {per:.0f} µs per prompt (one core, including normalisation)")
    print("confusions (expected → got):")
    for (w, g), n in confusion.most_common():
        print(f"  {n:3d}  {w} → {g}")
    if args.errors:
        for m in misses:
            print(*m, sep="\t")


if __name__ == "__main__":
    main()
