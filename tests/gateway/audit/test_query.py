from __future__ import annotations

import json
from pathlib import Path

import pytest

from gateway.audit.query import Filter, parse_when, search
from tests.gateway.audit.cli import sekisho


def ids(records: list[dict]) -> list[str]:
    return sorted(r["request_id"].split("-")[1] for r in records)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter(department="総務課"), ["allowed", "blocked"]),
        (Filter(user="user1"), ["masked", "rerouted"]),
        (Filter(level="機密性3"), ["blocked"]),
        (Filter(action="mask"), ["failed", "masked"]),
        (Filter(entity="PERSON"), ["blocked", "failed", "masked", "pseudonymised", "rerouted"]),
        (Filter(entity="MY_NUMBER"), ["blocked"]),
        (Filter(model="onprem-llm"), ["rerouted"]),
        # Every request asked for gpt-4o, even those blocked or sent elsewhere.
        (Filter(model="gpt-4o"), ["allowed", "blocked", "failed", "masked", "pseudonymised", "rerouted"]),
        (Filter(zone="onprem"), ["rerouted"]),
        (Filter(outcome="error"), ["failed"]),
        (Filter(department="税務課", action="reroute"), ["rerouted"]),
        (Filter(since=parse_when("2026-04-02"), until=parse_when("2026-04-02", end=True)), ["blocked", "rerouted"]),
        (
            Filter(since=parse_when("2026-04-01T14:00"), until=parse_when("2026-04-01T23:59:59.999")),
            ["masked", "pseudonymised"],
        ),
        (Filter(department="監査課"), []),
    ],
)
def test_search_filters(small_log: Path, flt: Filter, expected: list[str]) -> None:
    assert ids(search(small_log, flt)) == expected


def test_search_is_newest_first_and_limited(small_log: Path) -> None:
    found = search(small_log, limit=2)
    assert [r["request_id"] for r in found] == ["req-failed-00005", "req-rerouted-00004"]


def test_dates_are_japanese_unless_an_offset_is_given() -> None:
    assert parse_when("2026-04-02") == "2026-04-01T15:00:00.000Z"
    assert parse_when("2026-04-02", end=True) == "2026-04-02T14:59:59.999Z"
    assert parse_when("2026-04-02T09:00+00:00") == "2026-04-02T09:00:00.000Z"
    with pytest.raises(ValueError, match="not a date"):
        parse_when("4月2日")


def test_search_command(small_log: Path) -> None:
    out = sekisho("audit", "search", str(small_log), "--department", "税務課", "--json")
    assert out.returncode == 0, out.stderr
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["request_id"] for r in recs] == ["req-rerouted-00004", "req-masked-00001"]
    table = sekisho("audit", "search", str(small_log), "--entity", "MY_NUMBER", "--since", "2026-04-02")
    assert "req-blocked-00003" in table.stdout and "2026-04-02 00:00:00" in table.stdout
    assert "1 record(s)" in table.stderr
    bad = sekisho("audit", "search", str(small_log), "--since", "yesterday")
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_sorted_iteration_matches_search_without_holding_records(small_log: Path) -> None:
    from gateway.audit.query import iter_sorted

    oldest = [r["request_id"] for r in iter_sorted(small_log)]
    assert oldest == [r["request_id"] for r in search(small_log, newest_first=False)]
    assert oldest[0] == "req-allowed-00000" and oldest[-1] == "req-failed-00005"
    newest = [r["request_id"] for r in iter_sorted(small_log, Filter(department="福祉課"), newest_first=True)]
    assert newest == ["req-failed-00005", "req-pseudonymised-00002"]
