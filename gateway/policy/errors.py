"""Policy errors that point at the exact place in the YAML an IT editor has to fix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from detectors.yamlpos import locate

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class PolicyIssue:
    """One problem: file, 1-based line and column, the field path (`rules[3].action`) and what is wrong."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"


class PolicyError(Exception):
    """A policy that cannot be used; `issues` lists every problem found, in file order."""

    def __init__(self, issues: Iterable[PolicyIssue]) -> None:
        self.issues = tuple(sorted(issues, key=lambda i: (i.file, i.line, i.column)))
        super().__init__("\n".join(str(i) for i in self.issues))


def field_path(loc: Sequence[str | int]) -> str:
    """`('rules', 3, 'action')` → `rules[3].action`."""
    out = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in loc).lstrip(".")
    return out or "<root>"


def issue_at(path: Path | str, text: str, loc: Sequence[str | int], message: str) -> PolicyIssue:
    """An issue located at the YAML node `loc` points to (or its nearest existing parent)."""
    line, col = locate(text, loc)
    return PolicyIssue(str(path), line, col, field_path(loc), message)
