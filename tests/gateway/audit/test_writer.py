from __future__ import annotations

import asyncio
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from gateway.audit import AuditKeyError, AuditLog, AuditRecord, AuditWriteError, Metrics
from gateway.audit.chain import GENESIS, record_hash
from gateway.audit.verify import verify
from gateway.config import AuditConfig
from tests.gateway.audit.factory import CASES, CHAIN_KEY, build


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_every_kind_of_request_leaves_a_chained_record(tmp_path: Path) -> None:
    log = AuditLog(tmp_path, hmac_key=b"k" * 32)

    async def run() -> None:
        for n, case in enumerate(CASES):
            await log.append(build(log, case, n))
        await log.close()

    asyncio.run(run())
    assert log.path is not None
    recs = lines(log.path)
    assert [r["action"] for r in recs] == ["allow", "mask", "pseudonymize", "block", "reroute", "mask"]
    assert [r["outcome"] for r in recs] == ["ok", "ok", "ok", "blocked", "ok", "error"]
    assert [r["seq"] for r in recs] == list(range(6))
    assert recs[0]["prev_hash"] == GENESIS
    for before, after in zip(recs, recs[1:], strict=False):
        assert after["prev_hash"] == before["hash"]
    assert all(record_hash(r, CHAIN_KEY) == r["hash"] for r in recs)
    assert recs[3]["model_actual"] is None and recs[3]["zone"] is None
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok and report.records == 6


def test_rotation_across_a_day_links_the_new_file_to_the_old(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 3, 31, 23, 59, 59, tzinfo=UTC))
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, clock=clock, chain_id="host-1-abc")
    for n in range(2):
        log.append_sync(build(log, CASES[0], n))
    clock.now += timedelta(seconds=2)
    for n in range(2, 5):
        log.append_sync(build(log, CASES[1], n))
    # A clock stepping back must not reopen yesterday's file.
    clock.now -= timedelta(hours=1)
    log.append_sync(build(log, CASES[2], 5))
    asyncio.run(log.close())

    day1 = tmp_path / "audit-2026-03-31-host-1-abc.jsonl"
    day2 = tmp_path / "audit-2026-04-01-host-1-abc.jsonl"
    assert sorted(p.name for p in tmp_path.glob("audit-*")) == [day1.name, day2.name]
    first, second = lines(day1), lines(day2)
    assert len(first) == 2 and len(second) == 4
    assert second[0]["prev_hash"] == first[-1]["hash"] and second[0]["seq"] == 2
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok and report.records == 6 and len(report.chains) == 1

    # Removing the older day's file breaks the chain at the start of the newer one.
    day1.unlink()
    brk = verify(tmp_path, key=CHAIN_KEY).chains[0].first_break
    assert brk is not None and brk.file == day2 and brk.line == 1


def test_write_failure_fails_the_request_and_leaves_the_chain_whole(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 4, 1, 9, 0, tzinfo=UTC))
    metrics = Metrics()
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, clock=clock, chain_id="host-1-full", metrics=metrics)

    async def run() -> None:
        await log.append(build(log, CASES[0], 0))
        # The next day's file is a full disk.
        os.symlink("/dev/full", tmp_path / "audit-2026-04-02-host-1-full.jsonl")
        clock.now += timedelta(days=1)
        with pytest.raises(AuditWriteError):
            await log.append(build(log, CASES[1], 1))
        log.fail_closed = False
        await log.append(build(log, CASES[1], 2))  # logged and counted, not raised
        (tmp_path / "audit-2026-04-02-host-1-full.jsonl").unlink()
        clock.now += timedelta(days=1)
        await log.append(build(log, CASES[2], 3))
        await log.close()

    asyncio.run(run())
    body, _ = metrics.render()
    assert b'sekisho_audit_write_failures_total{sink="file"} 2.0' in body
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok and report.records == 2, list(report.chains)


def test_hmac_key_is_persisted_once_with_owner_only_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SEKISHO_AUDIT_HMAC_KEY", raising=False)
    cfg = AuditConfig(dir=str(tmp_path / "log"))
    a = AuditLog.open(cfg)
    b = AuditLog.open(cfg)
    key_file = tmp_path / "log" / ".hmac_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert a.prompt_hmac("山田太郎さんの件") == b.prompt_hmac("山田太郎さんの件")
    assert a.prompt_hmac("山田太郎さんの件") != a.prompt_hmac("佐藤花子さんの件")
    monkeypatch.setenv("SEKISHO_AUDIT_HMAC_KEY", "an-operator-chosen-key-of-some-length")
    c = AuditLog.open(cfg)
    assert c.prompt_hmac("山田太郎さんの件") != a.prompt_hmac("山田太郎さんの件")
    assert a.chain_id != b.chain_id


def test_keeping_content_without_a_key_refuses_to_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SEKISHO_AUDIT_CONTENT_KEY", raising=False)
    with pytest.raises(AuditKeyError, match="SEKISHO_AUDIT_CONTENT_KEY"):
        AuditLog.open(AuditConfig(dir=str(tmp_path), keep_content=True))
    monkeypatch.setenv("SEKISHO_AUDIT_CONTENT_KEY", "not-a-key")
    with pytest.raises(AuditKeyError, match="32 bytes"):
        AuditLog.open(AuditConfig(dir=str(tmp_path), keep_content=True))


def test_record_schema_is_strict() -> None:
    log = AuditLog(Path("/nonexistent"), hmac_key=b"k" * 32)
    rec = build(log, CASES[0], 0)
    data = rec.model_dump()
    with pytest.raises(ValidationError):
        AuditRecord(**{**data, "prompt": "山田太郎"})
    with pytest.raises(ValidationError, match="ts must look like"):
        AuditRecord(**{**data, "ts": "2026-04-01 09:00"})
    assert (
        AuditRecord(**{**data, "ts": datetime(2026, 4, 1, 9, 0, 0, 123456, tzinfo=UTC)}).ts
        == "2026-04-01T09:00:00.123Z"
    )
    assert rec.content is None  # nothing kept unless configured
