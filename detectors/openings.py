"""Where a pattern's matches can open: one character class that sre skips ahead to.

A pattern that opens with a look-behind, an anchor or a group of alternatives that each open with a
group makes sre try it at every character of the text, even where its first character is rare. Every
match still opens with one of a known set of characters. `Opening` reads that set from the pattern itself
(so it follows any change to the pattern), finds those characters with a one-class regex, which sre scans
for in C, and tries the pattern only there. Its matches are the pattern's own, at the same places.
`AfterBoundary` does the same for patterns that open after a boundary character, and `Before` for
patterns whose every match lies just before a rarer word it holds or is followed by (・, 団地, です).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any, Final

# sre's own parser (the module `re` compiles with); typeshed has no stub for it.
_PARSER: Final[Any] = importlib.import_module("re._parser")
_C: Final[Any] = importlib.import_module("re._constants")
_REPEATS: Final = frozenset({_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT})
_ZERO_WIDTH: Final = frozenset({_C.AT, _C.ASSERT, _C.ASSERT_NOT})
_CATEGORIES: Final = {
    _C.CATEGORY_DIGIT: r"\d",
    _C.CATEGORY_NOT_DIGIT: r"\D",
    _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_NOT_SPACE: r"\S",
    _C.CATEGORY_WORD: r"\w",
    _C.CATEGORY_NOT_WORD: r"\W",
}


def _escape(code: int) -> str:
    return re.escape(chr(code))


def _class(items: list[tuple[Any, Any]]) -> list[str] | None:
    """A character set's items as class text; None for a negated set."""
    out: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            out.append(_escape(av))
        elif op is _C.RANGE:
            out.append(f"{_escape(av[0])}-{_escape(av[1])}")
        elif op is _C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            return None
    return out


def _first(items: Any) -> tuple[list[str], bool] | None:
    """The class items of the characters `items` (a parsed sequence) can open with, and whether it can
    match the empty string; None where it may open with any character."""
    out: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            out.append(_escape(av))
            return out, False
        if op is _C.IN:
            cls = _class(av)
            if cls is None:
                return None
            out.extend(cls)
            return out, False
        if op in _ZERO_WIDTH:
            continue  # an anchor or a look-around: what comes next opens the match
        if op is _C.BRANCH:
            alternatives = av[1]
        elif op is _C.SUBPATTERN:
            if av[1] & (re.IGNORECASE | re.LOCALE):
                return None
            alternatives = [av[3]]
        elif op is _C.ATOMIC_GROUP:
            alternatives = [av]
        elif op in _REPEATS:
            alternatives = [av[2]]
        else:
            return None  # any character, a negated literal, a back-reference …
        can_be_empty = op in _REPEATS and av[0] == 0
        for seq in alternatives:
            f = _first(seq)
            if f is None:
                return None
            out.extend(f[0])
            can_be_empty = can_be_empty or f[1]
        if not can_be_empty:
            return out, False
    return out, True


def opening_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A regex of one character class matching the first character of every match of `pattern`; None
    when no such class can be read from it (it may open with anything, or match the empty string)."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE):
        return None
    first = _first(_PARSER.parse(pattern.pattern, pattern.flags))
    if first is None or first[1] or not first[0]:
        return None
    return re.compile("[" + "".join(first[0]) + "]", pattern.flags & re.ASCII)


class Opening:
    """`pattern`, tried only at the characters its matches can open with."""

    __slots__ = ("_opening", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._opening = opening_class(pattern)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """`pattern.search(text, pos)`."""
        if self._opening is None:
            return self.pattern.search(text, pos)
        match = self.pattern.match
        for opening in self._opening.finditer(text, pos):
            m = match(text, opening.start())
            if m is not None:
                return m
        return None

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text, pos)` (its matches are never empty: an opening class says so)."""
        if self._opening is None:
            yield from self.pattern.finditer(text, pos)
            return
        while (m := self.search(text, pos)) is not None:
            yield m
            pos = m.end()


class AfterBoundary:
    """A pattern that opens with `(?:^|(?<=C))`, C one character class (a line start or, before the match,
    a space, a punctuation mark, a particle …): tried at the start of the text and after each character
    of C from which the rest of it matches. One regex, `C(?=rest)`, finds those places; it opens with a
    class, so sre scans for it in C, where the pattern itself would be tried at every character. Under
    re.MULTILINE, where ^ holds after every line break too, a line break is one of those characters."""

    __slots__ = ("_anchor", "pattern")

    def __init__(self, pattern: re.Pattern[str], before_class: str) -> None:
        opening = f"(?:^|(?<={before_class}))"
        if not pattern.pattern.startswith(opening):
            raise ValueError(f"{pattern.pattern!r} does not open with {opening!r}")
        self.pattern = pattern
        before = f"(?:{before_class}|\n)" if pattern.flags & re.MULTILINE else before_class
        self._anchor = re.compile(f"{before}(?={pattern.pattern[len(opening) :]})", pattern.flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)` (whose matches are never empty)."""
        pos = 0
        match = self.pattern.match
        first = match(text, 0)
        if first is not None:
            yield first
            pos = first.end()
        for anchor in self._anchor.finditer(text, max(pos - 1, 0)):
            p = anchor.start() + 1
            if p < pos:
                continue
            m = match(text, p)
            if m is not None:
                yield m
                pos = m.end()


class Before:
    """A pattern every match of which starts at most `reach` characters before an occurrence of one of
    `words` that opens inside the match or right after it (a word the match holds, 大字・小浦 → ・, or a
    look-ahead it ends with, …と申します): tried only at those places, in text order. Its matches are the
    pattern's own: a place the pattern matches at lies in those `reach` characters before some occurrence,
    and every occurrence is found, since no two can overlap (checked: no word begins inside another or
    with the end of one). The pattern must never match the empty string."""

    __slots__ = ("_anchor", "_reach", "pattern")

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...], reach: int, followed_by: str = "") -> None:
        """`followed_by`: what every such occurrence in a match has after it (a look-ahead on the words:
        the イロハ kana before a lot's digits), so the occurrences without it are passed over."""
        for a in words:
            for b in words:
                for k in range(1, len(a)):
                    if a[k:].startswith(b) or b.startswith(a[k:]):
                        raise ValueError(f"{b!r} can begin inside {a!r}: an occurrence could hide another")
        self.pattern = pattern
        self._reach = reach
        after = f"(?={followed_by})" if followed_by else ""
        if all(len(w) == 1 for w in words):
            self._anchor = re.compile("[" + "".join(re.escape(w) for w in words) + "]" + after)
        else:
            self._anchor = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")" + after)

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text, pos)`."""
        match, reach = self.pattern.match, self._reach
        tried = pos  # every place before it has been tried or lies inside a match yielded
        for anchor in self._anchor.finditer(text, pos):
            last = anchor.start()
            p = max(tried, last - reach)
            while p <= last:
                m = match(text, p)
                if m is None:
                    p += 1
                else:
                    yield m
                    p = m.end()
            tried = max(tried, p)
