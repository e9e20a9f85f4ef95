"""Sealed heads prove what the chain links cannot: a deleted tail, or a chain's files deleted whole."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from redis import Redis

from gateway.audit import AuditLog
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, HMAC_KEY, build


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 4, 1, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def logs(tmp_path: Path) -> tuple[Path, dict[str, AuditLog], _Clock]:
    directory = tmp_path / "log"
    directory.mkdir()
    clock = _Clock()
    writers = {c: AuditLog(directory, hmac_key=HMAC_KEY, chain_id=c, clock=clock) for c in ("host-1-aaa", "host-2-bbb")}
    for n in range(4):
        for log in writers.values():
            log.append_sync(build(log, CASES[n], n))
    clock.now = datetime(2026, 4, 2, 9, tzinfo=UTC)
    for log in writers.values():
        log.append_sync(build(log, CASES[4], 4))
    return directory, writers, clock


def _seal(directory: Path, *extra: str) -> dict[str, Any]:
    result = sekisho("audit", "seal", str(directory), *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1  # one JSON line, to paste into a record or a file
    doc: dict[str, Any] = json.loads(lines[0])
    return doc


def test_the_seal_names_every_chains_head(logs: tuple[Path, dict[str, AuditLog], _Clock]) -> None:
    directory, writers, _ = logs
    doc = _seal(directory)
    assert doc["sealed_at"].endswith("Z") and doc["version"] == 1
    heads = {h["chain"]: h for h in doc["heads"]}
    assert sorted(heads) == ["host-1-aaa", "host-2-bbb"]
    for chain, log in writers.items():
        last = json.loads(log.path.read_bytes().splitlines()[-1]) if log.path else {}
        assert heads[chain] == {
            "chain": chain, "seq": 4, "hash": last["hash"], "file": f"audit-2026-04-02-{chain}.jsonl",
            "ts": last["ts"], "key_id": last["key_id"], "status": "ok",
        }  # fmt: skip


def test_verify_against_a_seal_finds_a_deleted_tail_and_a_deleted_chain(
    logs: tuple[Path, dict[str, AuditLog], _Clock], tmp_path: Path
) -> None:
    directory, writers, _ = logs
    seal_file = tmp_path / "seals.jsonl"
    _seal(directory, "-o", str(seal_file))
    # The log grows after the seal: still fine.
    for log in writers.values():
        log.append_sync(build(log, CASES[5], 5))
    grown = sekisho("audit", "verify", "--seal", str(seal_file), str(directory))
    assert grown.returncode == 0, grown.stdout
    assert "2/2 sealed head(s) present" in grown.stdout

    # Cut the tail of one chain (the sealed record and the one after it): the chain still links.
    a = writers["host-1-aaa"].path
    assert a is not None
    a.write_bytes(b"".join(a.read_bytes().splitlines(keepends=True)[:-2]))
    assert sekisho("audit", "verify", str(directory)).returncode == 0  # invisible without the seal
    cut = sekisho("audit", "verify", "--seal", str(seal_file), str(directory))
    assert cut.returncode == 1
    assert "SEAL   host-1-aaa: sealed at seq 4, but the chain now ends at seq 3: records 4..4 deleted" in cut.stdout

    # Delete every file of the other chain.
    for f in directory.glob("audit-*-host-2-bbb.jsonl"):
        f.unlink()
    gone = sekisho("audit", "verify", "--seal", seal_file.read_text(encoding="utf-8").strip(), str(directory))
    assert gone.returncode == 1
    assert "SEAL   host-2-bbb: sealed at seq 4, but no file of this chain is left" in gone.stdout
    assert "0/2 sealed head(s) present" in gone.stdout


def test_a_deleted_day_file_at_the_end_is_found_against_the_seal(logs: tuple[Path, dict[str, AuditLog], _Clock]) -> None:
    directory, _, _ = logs
    doc = _seal(directory)
    (directory / "audit-2026-04-02-host-1-aaa.jsonl").unlink()
    result = sekisho("audit", "verify", "--seal", json.dumps(doc), str(directory))
    assert result.returncode == 1 and "records 4..4 deleted" in result.stdout


def test_a_rewritten_head_does_not_match_the_seal(logs: tuple[Path, dict[str, AuditLog], _Clock]) -> None:
    directory, _, _ = logs
    doc = _seal(directory)
    doc["heads"][0]["hash"] = "0" * 64  # as if the sealed record had been replaced since
    result = sekisho("audit", "verify", "--seal", json.dumps(doc), str(directory))
    assert result.returncode == 1 and "is not the sealed one" in result.stdout


def test_a_seal_that_is_not_one_is_refused_clearly(logs: tuple[Path, dict[str, AuditLog], _Clock], tmp_path: Path) -> None:
    directory, _, _ = logs
    (tmp_path / "bad.json").write_text('{"heads": [{"chain": "x"}]}', encoding="utf-8")
    result = sekisho("audit", "verify", "--seal", str(tmp_path / "bad.json"), str(directory))
    assert result.returncode == 1 and "a head needs chain, seq and hash" in result.stderr
    assert "Traceback" not in result.stderr


def test_seal_publishes_to_redis_when_the_config_names_it(
    logs: tuple[Path, dict[str, AuditLog], _Clock], tmp_path: Path, redis_url: str
) -> None:
    directory, _, _ = logs
    stream = f"sekisho:audit:seal-test:{uuid.uuid4().hex[:8]}"
    config = tmp_path / "sekisho.yaml"
    config.write_text(yaml.safe_dump({
        "models": [{"name": "echo", "zone": "onprem", "upstream": {"type": "echo"}}],
        "audit": {"dir": str(directory), "redis_url": redis_url, "stream": stream},
    }), encoding="utf-8")  # fmt: skip
    result = sekisho("audit", "--config", str(config), "seal")
    assert result.returncode == 0, result.stderr
    assert f"published to {stream}:seals" in result.stderr
    with Redis.from_url(redis_url) as client:
        entries = client.xrange(f"{stream}:seals")
        client.delete(f"{stream}:seals")
    assert [e[1][b"seal"].decode("utf-8") for e in entries] == [result.stdout.strip()]
    unpublished = sekisho("audit", "--config", str(config), "seal", "--no-publish")
    assert unpublished.returncode == 0 and "published" not in unpublished.stderr
