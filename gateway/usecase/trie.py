"""Many literal words as one regular expression shaped like a trie (longest word wins at each place).

An alternation of ~450 words makes Python's regex engine try each at every position; the trie shape
lets it try one branch per character instead (about 10× faster here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_END = ""


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching exactly the given (non-empty) words, preferring the longest at each position."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = True
    return _emit(root) if root else "(?!)"


def _emit(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    if len(branches) == 1:
        body = branches[0]
        single = len(body) == 1 or (len(body) == 2 and body[0] == "\\")
        return (body if single else f"(?:{body})") + ("?" if _END in node else "") if _END in node else body
    return f"(?:{'|'.join(branches)})" + ("?" if _END in node else "")
