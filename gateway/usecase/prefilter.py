"""Characters a regular expression cannot match without: a pattern is skipped when a text has none of them.

The classifier tries ~40 patterns on every request, most of which open with an alternation or a
class (`(\\d+|いくつか|複数)つ?(案|アイデア|候補)`), so the engine has no literal prefix to skip ahead
with and steps through the text for each. A set of characters one of which every match must contain
(案, ア, 候 there), tested against the text's characters, rules most of them out at once.

Read from the parsed pattern (`re._parser`, the parser `re.compile` itself uses): a literal, a class of
literals and small ranges, a group, a branch (the union of its alternatives) or a repeat of at least one
give a set; lookarounds, anchors, `.`, negated classes and categories (`\\d`, `\\w`) give none. Of a
sequence, the smallest set among its mandatory items. Case-insensitive patterns get none.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_MAX_RANGE = 64  # a class range wider than this (a-z is 26) is not worth a set


def needed_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` contains; None when no such set is known."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an unforeseen parser form: no prefilter, the pattern always runs
        return None
    return _sequence(list(parsed))


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for op, av in items:
        found = _item(op, av)
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _item(op: Any, av: Any) -> frozenset[str] | None:
    if op is C.LITERAL:
        return frozenset(chr(av))
    if op is C.IN:
        return _in(av)
    if op is C.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & re.IGNORECASE else _sequence(list(sub))
    if op is C.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _sequence(list(alternative))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, _, sub = av
        return _sequence(list(sub)) if low >= 1 else None
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(list(av))
    return None  # AT, ASSERT, ASSERT_NOT, ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...


def _in(av: list[tuple[Any, Any]]) -> frozenset[str] | None:
    out: set[str] = set()
    for op, value in av:
        if op is C.LITERAL:
            out.add(chr(value))
        elif op is C.RANGE and value[1] - value[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(value[0], value[1] + 1))
        else:  # NEGATE, CATEGORY, a wide RANGE, ...
            return None
    return frozenset(out)
