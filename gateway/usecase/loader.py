"""YAML file → validated, compiled `Taxonomy`; every problem is a located `PolicyError` (file:line:col)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gateway.policy.errors import PolicyError, PolicyIssue, issue_at
from gateway.policy.loader import _as_written, error_message, policies_dir
from gateway.policy.yamlread import parse_yaml, read_text
from gateway.usecase.classify import Category, Taxonomy, Template
from gateway.usecase.request_lines import fold
from gateway.usecase.schema import BACKGROUND, TaxonomyDoc
from gateway.usecase.trie import trie_pattern

Problem = tuple[tuple[str | int, ...], str]
WEIGHTS = {"keywords": 1, "strong": 3, "patterns": 2, "weak_patterns": 1}


def default_taxonomy_path() -> Path:
    """The shipped taxonomy, beside the shipped policy."""
    return policies_dir() / "usecases.yaml"


def load_taxonomy(path: str | Path | None) -> Taxonomy:
    """Load, validate and compile a taxonomy file (None: the shipped one); raises PolicyError."""
    p = Path(path) if path is not None else default_taxonomy_path()
    raw, text = read_text(p)
    data = parse_yaml(p, text)
    doc = _validate(p, text, data)
    problems = _check(doc)
    if problems:
        raise PolicyError(issue_at(p, text, loc, msg) for loc, msg in problems)
    words: dict[str, list[tuple[int, int]]] = {}
    patterns: list[tuple[re.Pattern[str], int, int]] = []
    for i, c in enumerate(doc.categories):
        for kind in ("strong", "keywords"):
            for w in getattr(c, kind):
                entry = words.setdefault(fold(w), [])
                if all(index != i for index, _ in entry):
                    entry.append((i, WEIGHTS[kind]))
        for kind in ("patterns", "weak_patterns"):
            patterns += [(re.compile(fold(pattern)), i, WEIGHTS[kind]) for pattern in getattr(c, kind)]
    return Taxonomy(
        version=hashlib.sha256(raw).hexdigest()[:20],
        path=p,
        name=doc.name,
        assumptions=doc.assumptions,
        fallback=doc.fallback,
        follow_up_minutes=doc.follow_up_minutes,
        needs_material=frozenset(i for i, c in enumerate(doc.categories) if c.needs_material),
        pointed_stays=frozenset(i for i, c in enumerate(doc.categories) if not c.pointed_is_material),
        material_cue=re.compile("|".join(f"(?:{fold(c)})" for c in doc.material_cues)) if doc.material_cues else None,
        categories=tuple(
            Category(c.id, c.label, c.description, c.minutes_saved, c.basis, c.example) for c in doc.categories
        ),
        background_label=doc.background.label,
        templates=tuple(
            Template(t.id, t.label, tuple(tuple(fold(p) for p in group) for group in t.all_of))
            for t in doc.background.templates
        ),
        # The trie prefers the longest word at each place: 議事録作成 over 議事録.
        words_re=re.compile(trie_pattern(words)),
        words={w: tuple(v) for w, v in words.items()},
        patterns=tuple(patterns),
        signals=tuple(
            (re.compile(fold(g.pattern)), g.weight, g.only_in == "system")
            for g in doc.background.signals
            if g.only_in != "request"
        ),
        request_signals=tuple(
            (re.compile(fold(g.pattern)), g.weight) for g in doc.background.signals if g.only_in == "request"
        ),
        threshold=doc.background.threshold,
        system_threshold=doc.background.system_threshold,
    )


def _validate(path: Path, text: str, data: Any) -> TaxonomyDoc:
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise PolicyError([PolicyIssue(str(path), 1, 1, "<root>", f"expected a mapping (version:, categories: …), got {got}")])
    try:
        return TaxonomyDoc.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(
            issue_at(path, text, _as_written(data, err["loc"]), error_message(err, TaxonomyDoc)) for err in exc.errors()
        ) from exc


def _check(doc: TaxonomyDoc) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for i, c in enumerate(doc.categories):
        if c.id == BACKGROUND:
            out.append((("categories", i, "id"), f"{BACKGROUND!r} is reserved for chat UIs' background requests"))
        elif c.id in seen:
            out.append((("categories", i, "id"), f"duplicate category id {c.id!r} (first at categories[{seen[c.id]}])"))
        else:
            seen[c.id] = i
        for kind in ("keywords", "strong"):
            for j, w in enumerate(getattr(c, kind)):
                if not fold(w).strip():
                    out.append((("categories", i, kind, j), "an empty keyword matches everything"))
        for kind in ("patterns", "weak_patterns"):
            for j, pattern in enumerate(getattr(c, kind)):
                out.extend(_pattern_problems(pattern, ("categories", i, kind, j)))
    if doc.fallback not in seen:
        out.append((("fallback",), f"{doc.fallback!r} is not a category id; known: {', '.join(seen)}"))
    ids = [t.id for t in doc.background.templates]
    for k, t in enumerate(doc.background.templates):
        if ids.index(t.id) != k:
            out.append((("background", "templates", k, "id"), f"duplicate template id {t.id!r}"))
        for g, group in enumerate(t.all_of):
            if not group or any(not fold(p).strip() for p in group):
                out.append((("background", "templates", k, "all_of", g), "each group needs at least one non-empty phrase"))
    for j, cue in enumerate(doc.material_cues):
        out.extend(_pattern_problems(cue, ("material_cues", j)))
    for k, signal in enumerate(doc.background.signals):
        if signal.weight == 0:
            out.append((("background", "signals", k, "weight"), "a weight of 0 has no effect; use a positive or negative one"))
        out.extend(_pattern_problems(signal.pattern, ("background", "signals", k, "pattern")))
    return out


def _pattern_problems(pattern: str, loc: tuple[str | int, ...]) -> list[Problem]:
    try:
        compiled = re.compile(fold(pattern))
    except re.error as exc:
        return [(loc, f"invalid regular expression: {exc}")]
    if compiled.match(""):
        return [(loc, "this pattern matches empty text, so it would match every request")]
    return []
