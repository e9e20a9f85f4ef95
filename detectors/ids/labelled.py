"""Numbers that only mean something next to their label (免許証番号, 基礎年金番号, 住民票コード …)."""

from __future__ import annotations

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.columns import cell_at
from detectors.ids.context import nearest_label
from detectors.ids.digits import letter_adjacent, looks_like_date, quantity_follows, windows
from detectors.model import Finding


class LabelledNumberDetector:
    """A digit window of an allowed length whose nearest label is `label`; subclasses set the class fields."""

    id: str
    entities: tuple[str, ...]
    label: str
    lengths: frozenset[int]
    # Allowed group layouts; empty means any grouping.
    layouts: frozenset[tuple[int, ...]] = frozenset()
    score: float = 0.95
    back: int = 24

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        wanted = set(self.lengths)
        for w in windows(artifacts, wanted):
            if self.layouts and w.lengths not in self.layouts:
                continue
            if letter_adjacent(norm, w.start, w.end) or quantity_follows(norm, w.end) or looks_like_date(norm, w):
                continue
            if not self._labelled(artifacts, w.start, w.end):
                continue
            out.append(finding(artifacts, self.entities[0], w.start, w.end, self.score, self.id))
        return out

    def _labelled(self, artifacts: Artifacts, start: int, end: int) -> bool:
        cell = cell_at(artifacts, start, end)
        if cell is None:
            return nearest_label(artifacts, start, end, back=self.back) == self.label
        # In a table the column header is the label, and so is a label earlier in the row (key-value
        # rows: 基礎年金番号,1234-567890); the header line above is no label to the left.
        _, kinds = cell
        row_start = artifacts.normalized.text.rfind("\n", 0, start) + 1
        back = min(self.back, start - row_start)
        return self.label in kinds or nearest_label(artifacts, start, end, back=back) == self.label
