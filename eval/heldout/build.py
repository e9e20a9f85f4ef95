"""Compile the hand-written held-out prompts (`*.txt` here) into prompts.jsonl, computing offsets.

Run: `.venv/bin/python eval/heldout/build.py` (writes eval/heldout/prompts.jsonl next to this file);
`--src DIR` compiles the `*.txt` of another directory (its prompts.jsonl goes there unless `--out`).

Source format, one prompt after another:

    === heldout-a-001 | 窓口記録 | 機密性2 | personal
    来庁者 ⟦PERSON|山田 太郎⟧様より、転居届の提出。連絡先 ⟦PHONE_NUMBER|090-1234-5678⟧

The header gives the id, the category, the gold level and the gold tags (comma-separated, `-` for
none). The text runs to the next `===` line; leading and trailing blank lines are dropped. Each
`⟦TYPE|text⟧` is a gold span: the brackets are removed and the span's offsets recorded. A line
starting with `#` directly after the header is a note, not text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENTITY_TYPES = frozenset(
    {
        "PERSON", "ADDRESS", "LOCATION", "PHONE_NUMBER", "EMAIL_ADDRESS", "POSTAL_CODE", "DATE_OF_BIRTH",
        "MY_NUMBER", "CORPORATE_NUMBER", "BANK_ACCOUNT", "CREDIT_CARD", "DRIVERS_LICENSE", "PASSPORT",
        "RESIDENCE_CARD", "BASIC_PENSION_NUMBER", "HEALTH_INSURANCE", "RESIDENT_CODE", "IP_ADDRESS",
    }
)  # fmt: skip
TAGS = frozenset({"personal", "sensitive_personal", "specific_personal"})
LEVELS = frozenset({"機密性1", "機密性2", "機密性3"})
_HEADER = re.compile(r"^=== *(?P<id>[A-Za-z0-9_-]+) *\| *(?P<category>[^|]+?) *\| *(?P<level>\S+) *\| *(?P<tags>[^|]+?) *$")
_SPAN = re.compile(r"⟦(?P<type>[A-Z_]+)\|(?P<text>[^⟦⟧]+)⟧")


class SourceError(ValueError):
    """A source file that cannot be compiled; the message starts with `file:line:`."""


def _compile(body: str, where: str) -> tuple[str, list[dict[str, object]]]:
    text_parts: list[str] = []
    entities: list[dict[str, object]] = []
    pos = 0
    out_len = 0
    for m in _SPAN.finditer(body):
        text_parts.append(body[pos : m.start()])
        out_len += m.start() - pos
        kind, span_text = m.group("type"), m.group("text")
        if kind not in ENTITY_TYPES:
            raise SourceError(f"{where}: unknown entity type {kind!r}")
        entities.append({"type": kind, "start": out_len, "end": out_len + len(span_text), "text": span_text})
        text_parts.append(span_text)
        out_len += len(span_text)
        pos = m.end()
    text_parts.append(body[pos:])
    text = "".join(text_parts)
    if "⟦" in text or "⟧" in text:
        raise SourceError(f"{where}: an unclosed or malformed ⟦TYPE|text⟧ span")
    return text, entities


def parse(path: Path) -> list[dict[str, object]]:
    """The examples of one source file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[dict[str, object]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = _HEADER.match(line)
        if m is None:
            raise SourceError(f"{path.name}:{i + 1}: expected a '=== id | category | level | tags' header")
        where = f"{path.name}:{i + 1}"
        level, tags_field = m.group("level"), m.group("tags")
        if level not in LEVELS:
            raise SourceError(f"{where}: level must be one of {sorted(LEVELS)}, not {level!r}")
        tags = [] if tags_field == "-" else [t.strip() for t in tags_field.split(",")]
        if any(t not in TAGS for t in tags):
            raise SourceError(f"{where}: tags must be '-' or a comma-separated subset of {sorted(TAGS)}")
        i += 1
        notes: list[str] = []
        while i < len(lines) and lines[i].startswith("#"):
            notes.append(lines[i].lstrip("# ").strip())
            i += 1
        body: list[str] = []
        while i < len(lines) and not lines[i].startswith("==="):
            body.append(lines[i])
            i += 1
        raw = "\n".join(body).strip("\n")
        if not raw.strip():
            raise SourceError(f"{where}: the prompt has no text")
        text, entities = _compile(raw, where)
        out.append(
            {
                "id": m.group("id"),
                "category": m.group("category"),
                "text": text,
                "entities": entities,
                "tags": sorted(tags),
                "level": level,
                "notes": " ".join(notes),
            }
        )
    return out


def build(sources: list[Path]) -> list[dict[str, object]]:
    examples = [ex for src in sources for ex in parse(src)]
    seen: set[object] = set()
    for ex in examples:
        if ex["id"] in seen:
            raise SourceError(f"duplicate id {ex['id']!r}")
        seen.add(ex["id"])
    return examples


def render(examples: list[dict[str, object]]) -> str:
    return "".join(json.dumps(ex, ensure_ascii=False) + "\n" for ex in examples)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, default=HERE, help="directory of the *.txt sources")
    ap.add_argument("--out", type=Path, default=None, help="default: prompts.jsonl in the --src directory")
    args = ap.parse_args()
    sources = sorted(args.src.glob("*.txt"))
    args.out = args.out or args.src / "prompts.jsonl"
    try:
        examples = build(sources)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.out.write_text(render(examples), encoding="utf-8")
    print(f"wrote {len(examples)} examples from {len(sources)} files to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
