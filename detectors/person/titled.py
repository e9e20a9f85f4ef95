"""PERSON: a family name glued to a section's title — 伊集院教育部長, 久住こども未来部長 — where the name is a
family name or a place the dictionary knows and the section (教育部, こども未来部) comes between it and 長.

Alone, 伊集院 and 久住 are places; directly before a section and its head they are the head's name. A
place that opens an administrative name (千葉県教育部長, 横浜市経済局長) or a large place (東京本部長) is left
alone: there the place is the section's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Final

from detectors.detector import Artifacts
from detectors.morphology import tokens
from detectors.names_common import common_names
from detectors.person.chars import KANJI
from detectors.person.minutes import surname_in_slot
from detectors.person.spaced import DIRECTIONS, NOT_ONE_KANJI_NAMES

# A name of two to four kanji, then a section (教育部, こども未来部, 保険年金課) and its head (長, 次長); the
# name's end is where a dictionary token ends.
_TITLED_RE: Final = re.compile(
    rf"(?<![{KANJI}ァ-ヺー])(?P<run>[{KANJI}]{{2,4}}[{KANJI}ぁ-ゖァ-ヺー]{{1,10}}?[部課局室係])次?長(?![一-龥])"
)
_ADMIN_FIRST: Final = frozenset("都道府県市区町村郡")
# The most characters a match holds before its 長: a name of 4, 10 more, the section's last character and 次.
_REACH: Final = 16


def titled_names(t: str, artifacts: Artifacts) -> list[tuple[int, int, float]]:
    """(start, end, score) of family names before a section's title in `t`, the normalised text."""
    if "長" not in t:
        return []
    toks = tokens(artifacts)
    family = common_names().family
    out: list[tuple[int, int, float]] = []
    for m in _titled(t):
        s, run = m.start(), m.group("run")
        i = bisect.bisect_left(toks.begins, s)
        if i >= len(toks) or toks.begins[i] != s:
            continue
        k = toks.ends[i] - s
        # (one kanji too, when it is a family name and no prefix: 堀港湾課長, 辻港湾課長; not 本港湾課長)
        one = k == 1 and run[0] in family and run[0] not in NOT_ONE_KANJI_NAMES and run[0] not in DIRECTIONS
        if not (2 <= k <= 4 or one) or len(run) - k < 2 or run[k] in _ADMIN_FIRST:
            continue
        if one or surname_in_slot(run[:k], toks.kinds[i], family):
            out.append((s, s + k, 0.8))
    return out


def _titled(t: str) -> Iterator[re.Match[str]]:
    """`_TITLED_RE.finditer(t)`, tried only near each 長 (the look-behind it opens with would make sre try
    it at every kanji). A match ends with a 長 at most _REACH characters after its start, so the leftmost
    match from `pos` that starts at or before a 長 lies in [that 長 - _REACH, that 長] and ends within
    _REACH + 2 of it: searched there, with every match of such a start in sight."""
    pos = 0
    at = t.find("長")
    while at >= 0:
        if at >= pos:
            m = _TITLED_RE.search(t, max(pos, at - _REACH), at + _REACH + 2)
            if m is not None and m.start() <= at:
                yield m
                pos = m.end()
        at = t.find("長", at + 1)
