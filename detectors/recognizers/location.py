"""LOCATION: bare place names (地名) from the morphology pass; not personal by themselves."""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts
from detectors.model import Finding
from detectors.morphology import PLACE_KINDS, SUFFIX, tokens

# Administrative suffixes Sudachi sometimes splits off a place name (「豊島」+「区」).
_ADMIN_SUFFIXES: Final = frozenset({"都", "道", "府", "県", "市", "区", "町", "村", "郡", "州", "省", "島"})


# Municipalities and districts the dictionary lacks (架空市, 東雲地区): a short kanji name, an
# administrative suffix, then a particle or punctuation. 同市/本市/当市 and 〜都市 refer to no place.
_ADMIN_RE: Final = re.compile(
    r"(?<![一-龥々])(?P<name>[一-龥々ヶ]{2,4}(?:地区|市|町|村|区))(?=[のへにでをはがとや、。・\s）)]|から|まで)"
)
_NOT_PLACES: Final = frozenset("同本当各全他両旧新前元")


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
        # Only place tokens start a finding; listing them first keeps the hot loop out of Python.
        starts = [x for x, k in enumerate(kinds) if k in PLACE_KINDS]
        last_end = -1
        for i in starts:
            if i < last_end:
                continue
            j = i + 1
            while j < n and (kinds[j] in PLACE_KINDS or (kinds[j] == SUFFIX and t.surface(j) in _ADMIN_SUFFIXES)):
                j += 1
            os_, oe = norm.to_original(t.begins[i], t.ends[j - 1])
            out.append(Finding("LOCATION", os_, oe, artifacts.original[os_:oe], 0.6, self.id))
            last_end = j
        for m in _ADMIN_RE.finditer(norm.text):
            name = m.group("name")
            if name[0] in _NOT_PLACES or name.endswith("都市"):
                continue
            os_, oe = norm.to_original(*m.span("name"))
            out.append(Finding("LOCATION", os_, oe, artifacts.original[os_:oe], 0.55, self.id))
        return out
