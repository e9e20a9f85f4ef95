"""Write-ahead pairs: a pending and a final record count as one request; a pending record without its
final one (sent upstream, never completed) is shown as outcome "incomplete" — in search, stats,
export and the review page alike."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gateway.audit import AuditLog
from gateway.audit.query import Filter, iter_records, iter_sorted, search_page
from gateway.audit.stats import compute
from gateway.audit.web import _StatsCache
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, HMAC_KEY, build


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 4, 1, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _pending(log: AuditLog, n: int, ts: str) -> None:
    log.append_sync(build(log, CASES[0], n, phase="pending", outcome="pending", status=0, usage=None, cost=0.0,
                          content=None, answer_chars=0, ts=ts))  # fmt: skip


def _final(log: AuditLog, n: int, ts: str, case: int = 0) -> None:
    log.append_sync(build(log, CASES[case], n, phase="final", ts=ts))


@pytest.fixture
def paired_log(tmp_path: Path) -> Path:
    """Five requests: finished, never finished, never sent, finished across midnight, failed upstream."""
    clock = _Clock()
    log = AuditLog(tmp_path, hmac_key=HMAC_KEY, chain_id="host-4-pair", clock=clock)
    _pending(log, 1, "2026-04-01T09:00:00.000Z")
    _pending(log, 2, "2026-04-01T09:00:01.000Z")  # never finished
    _final(log, 1, "2026-04-01T09:00:02.000Z")
    log.append_sync(build(log, CASES[3], 3, ts="2026-04-01T09:00:03.000Z"))  # blocked: one record, no phase
    _pending(log, 4, "2026-04-01T23:59:59.000Z")
    clock.now = datetime(2026, 4, 2, 0, 0, 1, tzinfo=UTC)  # its final record lands in the next day's file
    _final(log, 4, "2026-04-02T00:00:01.000Z")
    log.append_sync(build(log, CASES[5], 5, phase="pending", outcome="pending", status=0, ts="2026-04-02T00:00:02.000Z"))
    _final(log, 5, "2026-04-02T00:00:03.000Z", case=5)  # an upstream error: final, outcome error
    assert len(list(tmp_path.glob("audit-*.jsonl"))) == 2
    return tmp_path


EXPECTED = {
    "req-allowed-00001": ("final", "ok"),
    "req-allowed-00002": ("pending", "incomplete"),
    "req-blocked-00003": (None, "blocked"),
    "req-allowed-00004": ("final", "ok"),
    "req-failed-00005": ("final", "error"),
}


def test_each_request_is_read_once(paired_log: Path) -> None:
    records = list(iter_records(paired_log))
    assert {r["request_id"]: (r.get("phase"), r["outcome"]) for r in records} == EXPECTED
    assert len(records) == 5
    in_order = list(iter_sorted(paired_log))
    # In time order of what is shown: a finished request's final record (it finished after 2 began).
    assert [r["request_id"] for r in in_order] == [
        "req-allowed-00002", "req-allowed-00001", "req-blocked-00003", "req-allowed-00004", "req-failed-00005",
    ]  # fmt: skip
    assert {r["request_id"]: r["outcome"] for r in in_order} == {k: v[1] for k, v in EXPECTED.items()}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter(outcome="incomplete"), ["req-allowed-00002"]),
        (Filter(outcome="ok"), ["req-allowed-00001", "req-allowed-00004"]),
        (Filter(outcome="pending"), []),  # the raw phase is not an outcome readers see
        (Filter(request_id="req-allowed-00004"), ["req-allowed-00004"]),
    ],
)
def test_filters_see_the_request_not_its_records(paired_log: Path, flt: Filter, expected: list[str]) -> None:
    assert sorted(r["request_id"] for r in iter_records(paired_log, flt)) == expected
    assert sorted(r["request_id"] for r in iter_sorted(paired_log, flt)) == expected
    assert search_page(paired_log, flt)[0] == len(expected)


def test_stats_count_requests_once_and_unfinished_ones_apart(paired_log: Path) -> None:
    total = compute(iter_records(paired_log), ("day",)).total.row("all")
    assert (total["requests"], total["incomplete"], total["errors"], total["blocked"]) == (5, 1, 1, 1)
    # The review page adds up cached per-file figures: the request whose pending record is in one
    # file and its final one in the next still counts once, and not as unfinished.
    page = _StatsCache().get(paired_log, Filter())
    assert (page.total.requests, page.total.incomplete, page.total.errors) == (5, 1, 1)


def test_cli_search_stats_and_export_agree(paired_log: Path) -> None:
    found = sekisho("audit", "search", str(paired_log), "--outcome", "incomplete", "--json")
    assert found.returncode == 0, found.stderr
    assert [json.loads(line)["request_id"] for line in found.stdout.splitlines()] == ["req-allowed-00002"]
    stats = sekisho("audit", "stats", str(paired_log), "--json")
    assert stats.returncode == 0, stats.stderr
    assert (json.loads(stats.stdout)["total"]["requests"], json.loads(stats.stdout)["total"]["incomplete"]) == (5, 1)
    exported = sekisho("audit", "export", str(paired_log), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert {r["request_id"]: r["outcome"] for r in rows} == {k: v[1] for k, v in EXPECTED.items()}
    shown = sekisho("audit", "show", "req-allowed-00001", str(paired_log))
    assert shown.returncode == 0 and json.loads(shown.stdout)["phase"] == "final"
