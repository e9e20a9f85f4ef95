from __future__ import annotations

from pathlib import Path

import pytest

from gateway.audit import AuditLog
from gateway.audit.verify import verify
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, CHAIN_KEY, build


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, chain_id="host-7-aaa")
    for n, case in enumerate(CASES):
        log.append_sync(build(log, case, n))
    assert log.path is not None
    return log.path


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def test_intact_log_verifies_and_exits_zero(log_file: Path) -> None:
    result = sekisho("audit", "verify", str(log_file.parent))
    assert result.returncode == 0, result.stderr
    assert "OK     host-7-aaa: 6 records in 1 file(s)" in result.stdout
    assert "0 broken" in result.stdout


def test_every_single_edited_byte_is_caught_at_its_line(log_file: Path) -> None:
    original = log_file.read_bytes()
    lines = lines_of(log_file)
    start = len(lines[0])
    # Flip each byte of the second line in turn, its newline included.
    for i in range(start, start + len(lines[1])):
        edited = bytearray(original)
        edited[i] ^= 0x01
        log_file.write_bytes(bytes(edited))
        report = verify(log_file.parent, key=CHAIN_KEY)
        brk = report.chains[0].first_break
        assert brk is not None, f"byte {i - start} of line 2 edited but not caught"
        assert (brk.file, brk.line) == (log_file, 2)
    log_file.write_bytes(original)
    assert verify(log_file.parent, key=CHAIN_KEY).ok


def test_edited_value_reports_file_and_line_and_exits_non_zero(log_file: Path) -> None:
    lines = lines_of(log_file)
    lines[3] = lines[3].replace(b'"action":"block"', b'"action":"allow"')
    log_file.write_bytes(b"".join(lines))
    result = sekisho("audit", "verify", str(log_file.parent))
    assert result.returncode == 1
    assert f"BROKEN host-7-aaa: {log_file}:4: hash does not match the content" in result.stdout


def test_deleted_line_is_caught_where_the_chain_no_longer_links(log_file: Path) -> None:
    lines = lines_of(log_file)
    del lines[2]
    log_file.write_bytes(b"".join(lines))
    brk = verify(log_file.parent, key=CHAIN_KEY).chains[0].first_break
    assert brk is not None and brk.line == 3
    assert "missing" in brk.reason
    result = sekisho("audit", "verify", str(log_file))
    assert result.returncode == 1 and f"{log_file}:3:" in result.stdout


def test_swapped_pair_is_caught_at_the_first_of_the_pair(log_file: Path) -> None:
    lines = lines_of(log_file)
    lines[3], lines[4] = lines[4], lines[3]
    log_file.write_bytes(b"".join(lines))
    report = verify(log_file.parent, key=CHAIN_KEY)
    brk = report.chains[0].first_break
    assert brk is not None and (brk.file, brk.line) == (log_file, 4)
    assert report.chains[0].records == 3
    assert sekisho("audit", "verify", str(log_file.parent)).returncode == 1


def test_a_recomputed_hash_still_breaks_the_link_to_the_next_record(log_file: Path) -> None:
    import json

    from gateway.audit.chain import canonical, record_hash

    lines = lines_of(log_file)
    rec = json.loads(lines[1])
    rec["principal"]["department"] = "監査課"
    rec["hash"] = record_hash(rec, CHAIN_KEY)
    lines[1] = canonical(rec) + b"\n"
    log_file.write_bytes(b"".join(lines))
    brk = verify(log_file.parent, key=CHAIN_KEY).chains[0].first_break
    assert brk is not None and brk.line == 3


def test_one_broken_chain_does_not_hide_the_others(tmp_path: Path) -> None:
    logs = [AuditLog(tmp_path, hmac_key=b"k" * 32, chain_id=f"host-{i}-bbb") for i in range(2)]
    for n in range(4):
        for log in logs:
            log.append_sync(build(log, CASES[n % len(CASES)], n))
    target = logs[1].path
    assert target is not None
    lines = lines_of(target)
    target.write_bytes(b"".join(lines[:1] + lines[2:]))
    report = verify(tmp_path, key=CHAIN_KEY)
    status = {c.chain: c for c in report.chains}
    assert status["host-0-bbb"].ok and status["host-0-bbb"].records == 4
    assert status["host-1-bbb"].first_break is not None and status["host-1-bbb"].first_break.line == 2


def test_verify_without_audit_files_is_an_error(tmp_path: Path) -> None:
    result = sekisho("audit", "verify", str(tmp_path))
    assert result.returncode != 0 and "no audit files" in result.stderr


def test_cached_verification_rereads_only_changed_files(tmp_path: Path) -> None:
    import os
    from datetime import UTC, datetime

    from gateway.audit.verify import FileCache

    moments = iter([datetime(2026, 4, 1, 9, tzinfo=UTC)] * 3 + [datetime(2026, 4, 2, 9, tzinfo=UTC)] * 10)
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, chain_id="host-9-ddd", clock=lambda: next(moments))
    for n in range(5):
        log.append_sync(build(log, CASES[n], n))
    cache: FileCache = {}
    assert verify(tmp_path, cache=cache, key=CHAIN_KEY).records == 5
    log.append_sync(build(log, CASES[5], 5))
    assert verify(tmp_path, cache=cache, key=CHAIN_KEY).records == 6  # the grown file is read again

    day1 = tmp_path / "audit-2026-04-01-host-9-ddd.jsonl"
    st = day1.stat()
    original = day1.read_bytes()
    # Same size, mtime put back: the cache (by design) trusts the file; a full verify does not.
    day1.write_bytes(original.replace(b'"action":"allow"', b'"action":"block"', 1))
    os.utime(day1, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert verify(tmp_path, cache=cache, key=CHAIN_KEY).ok
    assert not verify(tmp_path, key=CHAIN_KEY).ok
    # A change that shows in size or mtime is read again and the break found.
    lines = original.splitlines(keepends=True)
    day1.write_bytes(lines[0] + lines[2])
    brk = verify(tmp_path, cache=cache, key=CHAIN_KEY).chains[0].first_break
    assert brk is not None and (brk.file, brk.line) == (day1, 2)
