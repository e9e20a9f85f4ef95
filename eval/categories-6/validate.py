# -*- coding: utf-8 -*-
"""Schema checks for category-set-6/requests.jsonl. Exits 1 on any error."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "requests.jsonl")

UIS = {"open-webui", "librechat", "dify", "lobechat"}
TASKS = {"title_generation", "tag_generation", "follow_up_generation", "query_generation",
         "autocomplete_generation", "emoji_generation", "image_prompt_generation",
         "moa_response_generation", "conversation_naming", "suggested_questions",
         "conversation_summary", "memory_update", "language_detection"}
ROLES = {"system", "user", "assistant"}
# placeholders the UIs use; none may survive rendering
PLACEHOLDER = re.compile(
    r"\{\{\s*(MESSAGES[^}]*|prompt[^}]*|CURRENT_DATE|CURRENT_TIME|USER_NAME|TYPE|PROMPT|responses|histories|format_instructions|query|PREVIOUS_SUMMARY|COMPACTED_MESSAGES|RECENT_MESSAGES)\s*\}\}"
    r"|\{(convo|query|new_lines|summary|histories|format_instructions|locale|valid_keys_block|token_limit_block|context|text|response_json|language|inputText|input|output)\}")

errors = []


def err(lineno, msg):
    errors.append(f"line {lineno}: {msg}")


ids = []
n_bg = n_staff = n_custom = 0
with open(PATH, encoding="utf-8") as f:
    for lineno, line in enumerate(f, 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            err(lineno, f"bad JSON: {e}")
            continue
        cat = r.get("category")
        allowed = {"id", "messages", "category", "note"} | ({"ui", "task"} if cat == "background" else set())
        extra = set(r) - allowed
        missing = allowed - set(r)
        if extra:
            err(lineno, f"unexpected keys {sorted(extra)}")
        if missing:
            err(lineno, f"missing keys {sorted(missing)}")
        rid = r.get("id", "")
        if not re.fullmatch(r"c6-\d{3}", str(rid)):
            err(lineno, f"bad id {rid!r}")
        ids.append(rid)
        if cat not in ("background", "staff"):
            err(lineno, f"bad category {cat!r}")
        if cat == "background":
            n_bg += 1
            if r.get("ui") not in UIS:
                err(lineno, f"bad ui {r.get('ui')!r}")
            if r.get("task") not in TASKS:
                err(lineno, f"bad task {r.get('task')!r}")
            if "ADMIN CUSTOMISATION" in r.get("note", ""):
                n_custom += 1
        elif cat == "staff":
            n_staff += 1
        if not isinstance(r.get("note"), str) or not r["note"].strip():
            err(lineno, "empty note")
        msgs = r.get("messages")
        if not isinstance(msgs, list) or not msgs:
            err(lineno, "messages must be a non-empty list")
            continue
        for i, m in enumerate(msgs):
            if not isinstance(m, dict) or set(m) != {"role", "content"}:
                err(lineno, f"message {i} must have exactly role/content")
                continue
            if m["role"] not in ROLES:
                err(lineno, f"message {i} bad role {m['role']!r}")
            if not isinstance(m["content"], str) or not m["content"].strip():
                err(lineno, f"message {i} empty content")
            if m["role"] == "system" and i != 0:
                err(lineno, f"system message at position {i}")
            if isinstance(m.get("content"), str) and cat == "background":
                ph = PLACEHOLDER.search(m["content"])
                if ph:
                    err(lineno, f"unfilled placeholder {ph.group(0)!r} in message {i}")
        last = msgs[-1]["role"] if isinstance(msgs[-1], dict) else None
        # the only UI request that ends in a system message is a lone system prompt (LibreChat legacy titles)
        if last != "user" and not (len(msgs) == 1 and last == "system"):
            err(lineno, f"last message role is {last!r}")

if len(ids) != len(set(ids)):
    errors.append("duplicate ids")
if sorted(ids) != [f"c6-{i:03d}" for i in range(1, len(ids) + 1)]:
    errors.append("ids are not c6-001..c6-N without gaps")
if n_bg < 160:
    errors.append(f"only {n_bg} background records (< 160)")
if n_staff < 60:
    errors.append(f"only {n_staff} staff records (< 60)")
if n_custom * 4 > n_bg:
    errors.append(f"admin customisations {n_custom} exceed a quarter of background {n_bg}")

for e in errors:
    print(e)
print(f"{len(ids)} records: background {n_bg} (customised {n_custom}), staff {n_staff}; errors {len(errors)}")
sys.exit(1 if errors else 0)
