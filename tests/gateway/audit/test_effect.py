"""Effect figures: hours saved per department and category, background and blocks left out, retries after blocks."""

from __future__ import annotations

import json
from pathlib import Path

from gateway.audit.effect import compute
from gateway.audit.query import Filter, iter_records, month_bounds
from gateway.usecase import load_taxonomy
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.effect_log import write

MINUTES = {"document": 20, "summary": 15, "minutes": 45, "translation": 25, "code": 30, "other": 0}


def _april(path: Path) -> Filter:
    since, until = month_bounds("2026-04")
    return Filter(since=since, until=until)


def test_counts_answered_staff_requests_only(tmp_path: Path) -> None:
    log = write(tmp_path / "log")
    eff = compute(iter_records(log, _april(log)), MINUTES, follow_up_minutes=10)
    assert eff.pairs == {
        ("総務課", "document"): 2, ("総務課", "minutes"): 1, ("税務課", "summary"): 1,
        ("税務課", "translation"): 1, ("福祉課", "other"): 1,
    }  # fmt: skip
    assert (eff.background, eff.not_answered, eff.uncategorised) == (2, 3, 1)
    assert eff.total_hours == round((2 * 20 + 45 + 15 + 25) / 60, 2)
    by_dept = {r["department"]: (r["requests"], r["hours"]) for r in eff.rows("department")}
    assert by_dept == {"総務課": (3, round(85 / 60, 2)), "税務課": (2, round(40 / 60, 2)), "福祉課": (1, 0.0)}
    assert [r["category"] for r in eff.rows("category")][:2] == ["minutes", "document"]


def test_a_block_followed_soon_by_success_counts_as_a_retry(tmp_path: Path) -> None:
    log = write(tmp_path / "log")
    eff = compute(iter_records(log, _april(log)), MINUTES, follow_up_minutes=10)
    stops = {(r["department"], r["rule_id"]): (r["blocked"], r["rerouted"], r["retried_ok"]) for r in eff.stop_rows()}
    # u3 succeeded 4 minutes later; u4 only after 25 minutes; u5's next request was a chat UI's title.
    assert stops == {("税務課", "block-my-number"): (2, 0, 1), ("福祉課", "sensitive-overseas-block"): (1, 0, 0)}
    wider = compute(iter_records(log, _april(log)), MINUTES, follow_up_minutes=30)
    assert {r["rule_id"]: r["retried_ok"] for r in wider.stop_rows()}["block-my-number"] == 2


def test_stats_cli_prints_hours_with_the_assumptions(tmp_path: Path) -> None:
    log = write(tmp_path / "log")
    done = sekisho("audit", "--no-progress", "stats", str(log), "--month", "2026-04", "--json")
    assert done.returncode == 0, done.stderr
    effect = json.loads(done.stdout)["effect"]
    shipped = load_taxonomy(None)
    assert effect["assumptions"]["minutes_saved"] == shipped.minutes()
    assert effect["counted_requests"] == 6
    text = sekisho("audit", "--no-progress", "stats", str(log), "--month", "2026-04")
    assert "estimated time saved" in text.stdout and "議事録・会議録" in text.stdout
    assert shipped.category("minutes").basis in text.stdout  # type: ignore[union-attr]
