#!/usr/bin/env python3
"""Schema checks for category-set-7/requests.jsonl. Exits 1 on any error."""
import json
import re
import sys

PATH = sys.argv[1] if len(sys.argv) > 1 else "requests.jsonl"
UIS = {"open-webui", "librechat", "dify", "lobechat", "anythingllm"}
ROLES = {"system", "user", "assistant"}
PLACEHOLDERS = [r"\{\{MESSAGES", r"\{\{prompt", r"\{\{PROMPT\}\}", r"\{\{TYPE\}\}", r"\{\{TOOLS\}\}",
                r"\{\{CURRENT_DATE\}\}", r"\{convo\}", r"\{summary\}", r"\{new_lines\}", r"\{locale\}",
                r"\{lang\}", r"\{query\}", r"\{\{histories\}\}", r"\{\{format_instructions\}\}"]
errors = []
recs = []
with open(PATH, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        try:
            recs.append(json.loads(line))
        except Exception as e:
            errors.append(f"line {n}: bad JSON: {e}")
ids = set()
for i, r in enumerate(recs, 1):
    rid = r.get("id")
    where = rid or f"record {i}"
    if rid != f"c7-{i:03d}":
        errors.append(f"{where}: id should be c7-{i:03d}")
    if rid in ids:
        errors.append(f"{where}: duplicate id")
    ids.add(rid)
    allowed = {"id", "messages", "category", "ui", "task", "note"}
    extra = set(r) - allowed
    if extra:
        errors.append(f"{where}: unexpected keys {extra}")
    m = r.get("messages")
    if not isinstance(m, list) or not m:
        errors.append(f"{where}: messages must be a non-empty list")
        continue
    for j, msg in enumerate(m):
        if not isinstance(msg, dict) or set(msg) != {"role", "content"}:
            errors.append(f"{where}: message {j} must have exactly role and content")
            continue
        if msg["role"] not in ROLES:
            errors.append(f"{where}: message {j} bad role {msg['role']}")
        if not isinstance(msg["content"], str) or not msg["content"].strip():
            errors.append(f"{where}: message {j} empty content")
            continue
        for p in PLACEHOLDERS:
            if re.search(p, msg["content"]):
                errors.append(f"{where}: message {j} has unfilled placeholder {p}")
    if any(x.get("role") == "system" for x in m[1:] if isinstance(x, dict)):
        errors.append(f"{where}: system message not first")
    last = m[-1].get("role") if isinstance(m[-1], dict) else None
    single_system = len(m) == 1 and last == "system"
    if last != "user" and not single_system:
        errors.append(f"{where}: last message must be user (or a lone system message)")
    cat = r.get("category")
    if cat not in {"background", "staff"}:
        errors.append(f"{where}: bad category {cat}")
    if cat == "background":
        if r.get("ui") not in UIS:
            errors.append(f"{where}: bad ui {r.get('ui')}")
        if not isinstance(r.get("task"), str) or not re.fullmatch(r"[a-z_]+", r.get("task") or ""):
            errors.append(f"{where}: bad task {r.get('task')}")
    elif cat == "staff":
        if "ui" in r or "task" in r:
            errors.append(f"{where}: staff record must not have ui/task")
    if not isinstance(r.get("note"), str) or not r["note"].strip():
        errors.append(f"{where}: note missing")
bg = [r for r in recs if r.get("category") == "background"]
st = [r for r in recs if r.get("category") == "staff"]
admin = [r for r in bg if "ADMIN CUSTOMISATION" in r.get("note", "")]
if len(bg) < 120:
    errors.append(f"only {len(bg)} background records (< 120)")
if len(st) < 50:
    errors.append(f"only {len(st)} staff records (< 50)")
if bg and len(admin) > len(bg) / 4:
    errors.append(f"admin customisations {len(admin)} exceed a quarter of background")
for e in errors:
    print("ERROR", e)
print(f"{len(recs)} records: background {len(bg)} (admin {len(admin)}), staff {len(st)}; errors {len(errors)}")
sys.exit(1 if errors else 0)
