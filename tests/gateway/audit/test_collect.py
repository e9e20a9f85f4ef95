from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from redis import Redis

from gateway.audit import AuditLog
from gateway.audit.collect import STATE_FILE, collect
from gateway.audit.query import iter_records
from gateway.audit.verify import verify
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, CHAIN_KEY, build
from tests.gateway.audit.test_concurrent import CHAIN_KEY as WRITERS_KEY
from tests.gateway.audit.test_concurrent import run_writers


@pytest.fixture
def stream() -> str:
    return f"sekisho:audit:test:{uuid.uuid4().hex[:8]}"


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("audit-*.jsonl"))}


def test_collect_from_two_replicas_is_idempotent(tmp_path: Path, redis_url: str) -> None:
    replicas = tmp_path / "replicas"
    archive = tmp_path / "archive"
    # Two replica processes publishing at once (to the configured default stream), each its own chain.
    chains = run_writers(replicas, 60, redis_url)
    with Redis.from_url(redis_url) as client:
        first = collect(client, "sekisho:audit", archive)
        assert (first.read, first.added, first.duplicates, first.gaps, first.rejected) == (120, 120, 0, [], [])
        # The archive mirrors the replicas byte for byte and verifies on its own.
        assert snapshot(archive) == snapshot(replicas)
        report = verify(archive, key=WRITERS_KEY)
        assert report.ok and sorted(c.chain for c in report.chains) == sorted(chains)
        before = snapshot(archive)

        second = collect(client, "sekisho:audit", archive)
        assert (second.read, second.added) == (0, 0)
        # Even with its position lost, re-reading the whole stream adds nothing.
        (archive / STATE_FILE).unlink()
        third = collect(client, "sekisho:audit", archive)
        assert (third.read, third.added, third.duplicates) == (120, 0, 120)
        assert snapshot(archive) == before
        client.delete("sekisho:audit")


def test_collect_cli_appends_only_new_records(tmp_path: Path, redis_url: str, stream: str) -> None:
    archive = tmp_path / "archive"
    (tmp_path / "replica").mkdir()
    args = ("audit", "collect", "--redis-url", redis_url, "--archive", str(archive), "--stream", stream)

    async def run() -> list[str]:
        from redis.asyncio import Redis as AsyncRedis

        log = AuditLog(tmp_path / "replica", hmac_key=b"k" * 32, redis=AsyncRedis.from_url(redis_url), stream=stream)
        outputs = []
        for start, count in ((0, 5), (5, 0), (5, 3)):
            for n in range(start, start + count):
                await log.append(build(log, CASES[n % len(CASES)], n))
            assert await log.drain()  # publishing runs behind the requests
            done = await asyncio.to_thread(sekisho, *args)
            assert done.returncode == 0, done.stderr
            outputs.append(done.stdout)
        await log.close()
        return outputs

    outputs = asyncio.run(run())
    assert outputs[0].startswith("read 5, added 5, duplicates 0, rejected 0")
    assert outputs[1].startswith("read 0, added 0")
    assert outputs[2].startswith("read 3, added 3")
    assert [r["seq"] for r in iter_records(archive)] == list(range(8))
    assert verify(archive, key=CHAIN_KEY).ok


def test_collect_rejects_altered_entries_and_reports_gaps(tmp_path: Path, redis_url: str, stream: str) -> None:
    src = tmp_path / "replica"
    src.mkdir()
    log = AuditLog(src, hmac_key=b"k" * 32, chain_id="host-3-ccc")
    sealed = [log.append_sync(build(log, CASES[n], n)) for n in range(4)]
    lines = log.path.read_bytes().splitlines() if log.path else []
    with Redis.from_url(redis_url) as client:
        client.xadd(stream, {"file": log.path.name, "record": lines[0]})
        client.xadd(stream, {"file": log.path.name, "record": lines[1].replace(b'"mask"', b'"allow"', 1)})
        client.xadd(stream, {"file": "../../etc/passwd", "record": lines[2]})
        client.xadd(stream, {"file": log.path.name, "record": lines[3]})
        result = collect(client, stream, tmp_path / "archive", key=CHAIN_KEY)
    assert result.added == 2
    assert len(result.rejected) == 2
    assert result.gaps == ["host-3-ccc: seq 1..2 not in the stream"]
    assert not (tmp_path / "etc").exists()
    assert [r["request_id"] for r in iter_records(tmp_path / "archive")] == [
        sealed[0]["request_id"],
        sealed[3]["request_id"],
    ]
    assert not verify(tmp_path / "archive", key=CHAIN_KEY).ok


def test_an_unreachable_redis_does_not_fail_requests(tmp_path: Path) -> None:
    from redis.asyncio import Redis as AsyncRedis

    from gateway.audit import Metrics
    from tests.support.servers import free_port

    metrics = Metrics()

    async def run() -> None:
        redis = AsyncRedis.from_url(f"redis://127.0.0.1:{free_port()}/0", socket_connect_timeout=1)
        log = AuditLog(tmp_path, hmac_key=b"k" * 32, redis=redis, metrics=metrics)
        for n in range(3):
            await log.append(build(log, CASES[n], n))
        assert await log.drain()
        await log.close()

    asyncio.run(run())
    assert verify(tmp_path, key=CHAIN_KEY).records == 3
    assert b'sekisho_audit_write_failures_total{sink="stream"} 3.0' in metrics.render()[0]
