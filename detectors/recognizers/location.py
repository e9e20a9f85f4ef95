"""LOCATION: bare place names (地名) from the morphology pass; not personal by themselves."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.model import Finding
from detectors.morphology import PLACE_KINDS, SUFFIX, kind_class, tokens

# Administrative suffixes Sudachi sometimes splits off a place name (「豊島」+「区」).
_ADMIN_SUFFIXES: Final = frozenset({"都", "道", "府", "県", "市", "区", "町", "村", "郡", "州", "省", "島"})


# Municipalities and districts the dictionary lacks (架空市, 東雲地区): a short kanji name, an
# administrative suffix, then a particle or punctuation. 同市/本市/当市 and 〜都市 refer to no place.
# Found from the suffix backwards: a pattern starting with a look-behind would be tried at every position.
_ADMIN_END_RE: Final = re.compile(r"(?:地区|[市町村区])(?=[のへにでをはがとや、。・\s）)]|から|まで)")
_KANJI: Final = re.compile(r"[一-龥々ヶ]")
_NOT_PLACES: Final = frozenset("同本当各全他両旧新前元")
_PLACE_CODES: Final = kind_class(PLACE_KINDS)


def _admin_names(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _ADMIN_END_RE.finditer(text):
        p = m.start()
        k = p
        while k > 0 and p - k < 5 and _KANJI.match(text, k - 1):
            k -= 1
        # The whole kanji run before the suffix is the name, and it is 2-4 characters long.
        if not 2 <= p - k <= 4 or (k > 0 and _KANJI.match(text, k - 1)):
            continue
        out.append((k, m.end()))
    return out


class LocationDetector:
    """Runs of 地名 tokens, with a split-off 市/区/町/村 suffix re-attached."""

    id = "morph.location"
    entities = ("LOCATION",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        t = tokens(artifacts)
        kinds = t.kinds
        n = len(t)
        norm = artifacts.normalized
        out: list[Finding] = []
        # Only place tokens start a finding; a regex scan over the kind codes finds them at C speed.
        last_end = -1
        for m in _PLACE_CODES.finditer(t.kind_codes):
            i = m.start()
            if i < last_end:
                continue
            j = i + 1
            while j < n and (kinds[j] in PLACE_KINDS or (kinds[j] == SUFFIX and t.surface(j) in _ADMIN_SUFFIXES)):
                j += 1
            os_, oe = norm.to_original(t.begins[i], t.ends[j - 1])
            out.append(Finding("LOCATION", os_, oe, artifacts.original[os_:oe], 0.6, self.id))
            last_end = j
        for s, e in _admin_names(norm.text):
            name = norm.text[s:e]
            if name[0] in _NOT_PLACES or name.endswith("都市"):
                continue
            os_, oe = norm.to_original(s, e)
            out.append(Finding("LOCATION", os_, oe, artifacts.original[os_:oe], 0.55, self.id))
        return out
