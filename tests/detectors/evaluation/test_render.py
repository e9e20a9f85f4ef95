"""The text and JSON forms of a report: aligned columns, span texts only when asked."""

from __future__ import annotations

import json

import pytest

from detectors.evaluation import evaluate, render_text
from tests.detectors.evaluation.helpers import TEXT, gold, pred


def test_report_text_and_json() -> None:
    g = [gold("a", TEXT, [("PERSON", 4, 8), ("PHONE_NUMBER", 14, 27)], {"personal"})]
    r = evaluate(g, [pred("a", [("PERSON", 4, 8)], {"personal"})])
    hidden, shown = render_text(r, show_text=False, worst=15), render_text(r, show_text=True, worst=15)
    assert "090-1234-5678" not in hidden and "PHONE_NUMBER@14-27" in hidden
    assert "missed PHONE_NUMBER「090-1234-5678」" in shown
    rows = {line.split()[0]: line for line in hidden.splitlines() if line.strip()}
    assert rows["PERSON"].split()[1:] == ["1", "0", "0", "1.000", "1.000", "1.000"]
    assert rows["PHONE_NUMBER"].split()[1:] == ["0", "0", "1", "—", "0.000", "0.000"]
    assert rows["micro"].split()[1:] == ["1", "0", "1", "1.000", "0.500", "0.667"]
    header = next(line for line in hidden.splitlines() if line.startswith("entity"))
    # right-aligned numeric columns line up under their headers
    assert header.index("F1") + 2 == len(rows["micro"])
    data = json.loads(json.dumps(r.to_json()))
    assert data["entities"]["micro"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)}
    assert data["errors"][0]["missed"] == [{"type": "PHONE_NUMBER", "start": 14, "end": 27}]
    assert r.to_json(show_text=True)["errors"][0]["missed"][0]["text"] == "090-1234-5678"  # type: ignore[index]
