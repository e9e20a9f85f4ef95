# -*- coding: utf-8 -*-
"""Assemble requests.jsonl from the hand-written sets and rendered UI templates, then validate."""
import json, os, sys, collections
sys.path.insert(0, os.path.dirname(__file__))
import user_a, user_b, background

CATS = ["文書作成", "要約", "議事録", "翻訳", "問い合わせ・調べもの", "校正", "企画",
        "表計算・プログラミング", "データ整理", "その他"]
OUT = os.path.join(os.path.dirname(__file__), "..", "requests.jsonl")

rows = []
n = 0
for cat in CATS:
    items = user_a.DATA.get(cat) or user_b.DATA.get(cat)
    for text, note in items:
        n += 1
        rows.append({"id": f"cat-{n:03d}", "text": text, "category": cat, "note": note})
for b in background.build():
    n += 1
    rows.append({"id": f"cat-{n:03d}", "text": b["text"], "category": "background",
                 "note": b["note"], "ui": b["ui"], "task": b["task"]})

with open(OUT, "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("wrote", len(rows), "rows to", os.path.abspath(OUT))
