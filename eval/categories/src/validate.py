# -*- coding: utf-8 -*-
import json, sys, collections, os
CATS = {"文書作成", "要約", "議事録", "翻訳", "問い合わせ・調べもの", "校正", "企画",
        "表計算・プログラミング", "データ整理", "その他", "background"}
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "requests.jsonl")
errs = []; ids = set(); texts = set()
cnt = collections.Counter(); ui = collections.Counter(); task = collections.Counter()
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f, 1):
        try:
            o = json.loads(line)
        except Exception as e:
            errs.append(f"line {i}: JSON error {e}"); continue
        for k in ("id", "text", "category", "note"):
            if k not in o or not isinstance(o[k], str):
                errs.append(f"line {i}: missing/invalid {k}")
        if o.get("category") not in CATS: errs.append(f"line {i}: bad category {o.get('category')}")
        if not o.get("text", "").strip(): errs.append(f"line {i}: empty text")
        if o.get("id") in ids: errs.append(f"line {i}: duplicate id")
        if o.get("text") in texts: errs.append(f"line {i}: duplicate text")
        ids.add(o.get("id")); texts.add(o.get("text"))
        cnt[o.get("category")] += 1
        if o.get("category") == "background":
            if o.get("ui") not in ("open-webui", "librechat", "dify") or not o.get("task"):
                errs.append(f"line {i}: background needs ui/task")
            ui[o["ui"]] += 1; task[(o["ui"], o["task"])] += 1
            if "{{" in o["text"] and "MESSAGES" in o["text"]: errs.append(f"line {i}: unrendered placeholder")
        elif "ui" in o or "task" in o:
            errs.append(f"line {i}: ui/task on non-background row")
for c in CATS - {"background"}:
    need = 10 if c == "その他" else 18
    if cnt[c] < need: errs.append(f"category {c}: {cnt[c]} < {need}")
staff = sum(v for k, v in cnt.items() if k != "background")
if staff < 220: errs.append(f"staff prompts {staff} < 220")
if cnt["background"] < 40: errs.append(f"background {cnt['background']} < 40")
for c in ["文書作成", "要約", "議事録", "翻訳", "問い合わせ・調べもの", "校正", "企画", "表計算・プログラミング", "データ整理", "その他", "background"]:
    print(f"{c}\t{cnt[c]}")
print("staff total\t", staff, "\nall rows\t", sum(cnt.values()))
print("background by ui:", dict(ui))
print("background by ui/task:", {f"{a}/{b}": v for (a, b), v in sorted(task.items())})
print("staff rows with a boundary note:", sum(1 for l in open(path, encoding="utf-8") if (lambda o: o["category"]!="background" and "境界" in o["note"])(json.loads(l))))
if errs:
    print("ERRORS:"); [print(" ", e) for e in errs]; sys.exit(1)
print("OK")
