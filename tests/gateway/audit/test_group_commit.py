"""Group commit: records of concurrent requests share one fsync, and none returns before its own is durable."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.audit import AuditLog, AuditWriteError, crypto, writer
from gateway.audit.chain import ChainKey
from gateway.audit.verify import verify
from tests.gateway.audit.factory import CASES, CHAIN_KEY, build
from tests.gateway.conftest import STAFF_KEY, base_config
from tests.support.upstream import UpstreamServer

DAY = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def _ids(path: Path) -> list[str]:
    return [json.loads(line)["request_id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("concurrent", [1, 8, 40])
def test_each_append_returns_only_once_its_own_record_is_in_the_file(tmp_path: Path, concurrent: int) -> None:
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, clock=lambda: DAY, chain_id="host-1-group")
    seen: dict[str, list[str]] = {}

    async def one(n: int) -> None:
        record = build(log, CASES[n % len(CASES)], n)
        await log.append(record)
        assert log.path is not None
        seen[record.request_id] = _ids(log.path)  # read the moment append returned

    async def run() -> None:
        await asyncio.gather(*(one(n) for n in range(concurrent)))
        await log.close()

    asyncio.run(run())
    assert all(rid in on_disk for rid, on_disk in seen.items()) and len(seen) == concurrent
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok and report.records == concurrent
    if concurrent == 1:
        assert log.syncs == 1
    else:
        # Records arriving while a write is under way wait and share the next fsync.
        assert 1 <= log.syncs < concurrent


def test_a_failed_write_fails_every_waiter_of_the_batch_and_the_chain_stays_whole(tmp_path: Path) -> None:
    clock_now = [DAY]
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, clock=lambda: clock_now[0], chain_id="host-1-fail")
    full = tmp_path / "audit-2026-04-02-host-1-fail.jsonl"

    async def run() -> list[BaseException | None]:
        await log.append(build(log, CASES[0], 0))
        os.symlink("/dev/full", full)  # tomorrow's file is a full disk
        clock_now[0] += timedelta(days=1)
        results = await asyncio.gather(*(log.append(build(log, CASES[1], n)) for n in range(1, 21)), return_exceptions=True)
        full.unlink()
        clock_now[0] += timedelta(days=1)
        await log.append(build(log, CASES[2], 21))  # space is back: the chain carries on from record 0
        await log.close()
        return results

    results = asyncio.run(run())
    assert all(isinstance(r, AuditWriteError) for r in results), results
    assert len({id(r) for r in results}) == 20  # each waiter has its own exception
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok and report.records == 2


def test_concurrent_requests_each_have_their_final_record_on_disk_before_their_answer(
    gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer
) -> None:
    with gateway_for(base_config(upstream)) as gw:
        audit = gw.audit_dir

        def finals() -> set[str]:
            out = set()
            for path in audit.glob("audit-*.jsonl"):
                for line in path.read_text(encoding="utf-8").splitlines():
                    rec = json.loads(line)
                    if rec.get("phase") == "final":
                        out.add(rec["request_id"])
            return out

        async def one(client: httpx.AsyncClient, n: int) -> tuple[str, bool]:
            r = await client.post(
                "/chat/completions",
                json={"model": "local-llm", "messages": [{"role": "user", "content": f"会議室{n}の予約方法を教えて"}]},
            )
            assert r.status_code == 200
            rid = r.headers["x-sekisho-request-id"]
            return rid, rid in finals()  # read as soon as the answer arrived

        async def run() -> list[tuple[str, bool]]:
            headers = {"authorization": f"Bearer {STAFF_KEY}"}
            async with httpx.AsyncClient(base_url=gw.base_url, headers=headers, timeout=30) as client:
                return await asyncio.gather(*(one(client, n) for n in range(30)))

        answered = asyncio.run(run())
    assert len({rid for rid, _ in answered}) == 30
    assert all(durable for _, durable in answered)
    assert verify(audit, key=ChainKey.of(crypto.load_hmac_key(None, audit))).ok


@pytest.mark.parametrize(("sync_max_s", "on_loop"), [(60.0, True), (0.0, False)])
def test_a_lone_record_is_on_disk_when_append_returns_on_the_loop_or_when_fsyncs_are_slow_through_the_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sync_max_s: float, on_loop: bool
) -> None:
    monkeypatch.setattr(writer, "INLINE_SYNC_MAX_S", sync_max_s)  # this disk's speed must not decide the test
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, clock=lambda: DAY, chain_id="host-1-lone")
    log.alone = lambda: True

    async def run() -> None:
        for n in range(5):
            await log.append(build(log, CASES[n % len(CASES)], n))
            assert log.path is not None and len(_ids(log.path)) == n + 1  # on disk as append returned
        await log.close()

    asyncio.run(run())
    assert log.syncs == 5
    # No batch task when every record went down on the loop itself.
    assert (log._committer is None) is on_loop
    assert verify(tmp_path, key=CHAIN_KEY).ok


def test_a_lone_record_that_cannot_be_written_fails_its_append_and_the_chain_stays_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock_now = [DAY]
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, clock=lambda: clock_now[0], chain_id="host-1-lonefail")
    log.alone = lambda: True
    monkeypatch.setattr(writer, "INLINE_SYNC_MAX_S", 60.0)
    full = tmp_path / "audit-2026-04-02-host-1-lonefail.jsonl"

    async def run() -> BaseException | None:
        await log.append(build(log, CASES[0], 0))
        os.symlink("/dev/full", full)
        clock_now[0] += timedelta(days=1)
        try:
            await log.append(build(log, CASES[1], 1))
        except AuditWriteError as exc:
            failed: BaseException | None = exc
        else:
            failed = None
        full.unlink()
        clock_now[0] += timedelta(days=1)
        await log.append(build(log, CASES[2], 2))
        await log.close()
        return failed

    assert isinstance(asyncio.run(run()), AuditWriteError)
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok and report.records == 2


def test_records_of_concurrent_requests_still_share_fsyncs_when_the_first_went_down_alone(tmp_path: Path) -> None:
    log = AuditLog(tmp_path, hmac_key=b"k" * 32, clock=lambda: DAY, chain_id="host-1-mixed")
    crowd = [False]
    log.alone = lambda: not crowd[0]

    async def run() -> None:
        await log.append(build(log, CASES[0], 0))  # alone: on the loop
        crowd[0] = True
        await asyncio.gather(*(log.append(build(log, CASES[n % len(CASES)], n)) for n in range(1, 31)))
        await log.close()

    asyncio.run(run())
    assert 2 <= log.syncs < 31
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok and report.records == 31
