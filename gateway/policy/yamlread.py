"""Read policy YAML strictly: syntax errors and duplicate keys become located PolicyIssues."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from gateway.policy.errors import Loc, PolicyError, PolicyIssue, field_path


def read_text(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its UTF-8 text; unreadable or non-UTF-8 files raise PolicyError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError([PolicyIssue(str(path), 1, 1, "<file>", f"cannot read: {exc.strerror}")]) from exc
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PolicyError([PolicyIssue(str(path), line, 1, "<file>", "not valid UTF-8")]) from exc


def parse_yaml(path: Path, text: str) -> Any:
    """The YAML document; a syntax error or a duplicate key raises PolicyError at its line and column."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if exc.context:
            start = exc.context_mark
            at = f" started at line {start.line + 1}" if start is not None and mark is not None and start.line != mark.line else ""
            problem = f"{problem} ({exc.context}{at})"
        raise PolicyError([PolicyIssue(str(path), line, col, "<root>", f"YAML syntax error: {problem}")]) from exc
    except yaml.YAMLError as exc:
        raise PolicyError([PolicyIssue(str(path), 1, 1, "<root>", f"YAML error: {exc}")]) from exc
    issues = list(_duplicates(path, node, ()))
    if issues:
        raise PolicyError(issues)
    return data


def _duplicates(path: Path, node: yaml.Node | None, loc: Loc) -> Iterator[PolicyIssue]:
    """PyYAML silently keeps the last of two equal keys; an IT editor must be told instead."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                first = seen[name].start_mark.line + 1
                yield PolicyIssue(
                    str(path),
                    key.start_mark.line + 1,
                    key.start_mark.column + 1,
                    field_path((*loc, name)),
                    f"duplicate key {name!r} (first given at line {first})",
                )
            else:
                seen[name] = key
            yield from _duplicates(path, value, (*loc, name))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicates(path, item, (*loc, i))
