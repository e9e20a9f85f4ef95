"""A torn last line (a crash or a full disk mid-write) is cut off by the writer on start, and told
apart from an edit by `verify`."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gateway.audit import AuditLog
from gateway.audit.verify import verify
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, CHAIN_KEY, HMAC_KEY, build

CHAIN = "host-2-torn"
DAY = datetime(2026, 4, 1, 9, tzinfo=UTC)


def _write(directory: Path, count: int) -> Path:
    log = AuditLog(directory, hmac_key=HMAC_KEY, chain_id=CHAIN, clock=lambda: DAY)
    for n in range(count):
        log.append_sync(build(log, CASES[n % len(CASES)], n))
    assert log.path is not None
    return log.path


@pytest.mark.parametrize(
    "tail",
    [
        pytest.param(lambda whole: whole[: len(whole) // 2], id="half-a-record"),
        pytest.param(lambda whole: whole[:-1], id="all-but-the-newline"),
        pytest.param(lambda whole: b"\0" * 300, id="zeros-a-crash-left"),
        pytest.param(lambda whole: b"\0" * 300 + b"\n", id="unreadable-line-with-newline"),
    ],
)
def test_a_torn_last_line_is_reported_as_a_crash_not_an_edit(tmp_path: Path, tail: object) -> None:
    path = _write(tmp_path, 4)
    whole = path.read_bytes().splitlines(keepends=True)[1]
    with path.open("ab") as fh:
        fh.write(tail(whole))  # type: ignore[operator]
    status = verify(tmp_path, key=CHAIN_KEY).chains[0]
    assert status.ok and status.first_break is None
    assert status.torn is not None and (status.torn.file, status.torn.line) == (path, 5)
    assert status.records == 4 and status.head_seq == 3
    result = sekisho("audit", "verify", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"TORN   {CHAIN}: 4 intact records" in result.stdout and f"{path}:5: torn tail" in result.stdout
    assert "0 broken, 1 torn tail(s)" in result.stdout


def test_an_edited_last_record_is_an_edit_not_a_torn_tail(tmp_path: Path) -> None:
    path = _write(tmp_path, 4)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[-1] = lines[-1].replace(b'"action":"block"', b'"action":"allow"')
    path.write_bytes(b"".join(lines))
    status = verify(tmp_path, key=CHAIN_KEY).chains[0]
    assert status.torn is None and status.first_break is not None and status.first_break.line == 4
    assert sekisho("audit", "verify", str(tmp_path)).returncode == 1


def test_a_torn_line_in_the_middle_is_a_break(tmp_path: Path) -> None:
    path = _write(tmp_path, 4)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1][:40] + b"\n"
    path.write_bytes(b"".join(lines))
    status = verify(tmp_path, key=CHAIN_KEY).chains[0]
    assert status.torn is None and status.first_break is not None and status.first_break.line == 2


def test_the_writer_cuts_a_torn_tail_off_before_appending(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _write(tmp_path, 3)
    intact = path.read_bytes()
    with path.open("ab") as fh:
        fh.write(intact.splitlines(keepends=True)[0][:100])
    caplog.set_level(logging.WARNING, logger="sekisho.audit")
    log = AuditLog(tmp_path, hmac_key=HMAC_KEY, chain_id=CHAIN, clock=lambda: DAY)
    sealed = log.append_sync(build(log, CASES[3], 3))
    assert [r.getMessage() for r in caplog.records if "torn" in r.getMessage()] == [
        f"audit file {path.name} ended in a torn line (100 bytes, a write cut short); truncated to its last whole record"
    ]
    # Never appended after the half line: the file is the intact records plus the new one, linked on.
    lines = path.read_bytes().splitlines(keepends=True)
    assert b"".join(lines[:3]) == intact and len(lines) == 4
    assert sealed["seq"] == 3 and sealed["prev_hash"] == json.loads(lines[2])["hash"]
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok and report.chains[0].torn is None and report.records == 4


def test_the_writer_leaves_a_whole_file_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _write(tmp_path, 2)
    before = path.read_bytes()
    caplog.set_level(logging.WARNING, logger="sekisho.audit")
    log = AuditLog(tmp_path, hmac_key=HMAC_KEY, chain_id=CHAIN, clock=lambda: DAY)
    log.append_sync(build(log, CASES[2], 2))
    assert path.read_bytes().startswith(before) and not caplog.records
    assert verify(tmp_path, key=CHAIN_KEY).records == 3
