"""PERSON: a family name glued to a section's title — 伊集院教育部長, 久住こども未来部長 — where the name is a
family name or a place the dictionary knows and the section (教育部, こども未来部) comes between it and 長.

Alone, 伊集院 and 久住 are places; directly before a section and its head they are the head's name. A
place that opens an administrative name (千葉県教育部長, 横浜市経済局長) or a large place (東京本部長) is left
alone: there the place is the section's.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts
from detectors.morphology import tokens
from detectors.names_common import common_names
from detectors.person.chars import KANJI
from detectors.person.minutes import surname_in_slot

# A name of two to four kanji, then a section (教育部, こども未来部, 保険年金課) and its head (長, 次長); the
# name's end is where a dictionary token ends.
_TITLED_RE: Final = re.compile(
    rf"(?<![{KANJI}ァ-ヺー])(?P<run>[{KANJI}]{{2,4}}[{KANJI}ぁ-ゖァ-ヺー]{{1,10}}?[部課局室係])次?長(?![一-龥])"
)
_ADMIN_FIRST: Final = frozenset("都道府県市区町村郡")


def titled_names(t: str, artifacts: Artifacts) -> list[tuple[int, int, float]]:
    """(start, end, score) of family names before a section's title in `t`, the normalised text."""
    if "長" not in t:
        return []
    toks = tokens(artifacts)
    family = common_names().family
    out: list[tuple[int, int, float]] = []
    for m in _TITLED_RE.finditer(t):
        s, run = m.start(), m.group("run")
        i = bisect.bisect_left(toks.begins, s)
        if i >= len(toks) or toks.begins[i] != s:
            continue
        k = toks.ends[i] - s
        if not 2 <= k <= 4 or len(run) - k < 2 or run[k] in _ADMIN_FIRST:
            continue
        if surname_in_slot(run[:k], toks.kinds[i], family):
            out.append((s, s + k, 0.8))
    return out
