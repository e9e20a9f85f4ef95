"""No personal value from the prompts may appear in any byte the audit side writes or prints."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest

from gateway.audit import AuditLog, Metrics
from gateway.audit.collect import collect
from gateway.config import AuditConfig
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, PERSONAL_VALUES, build


def forms(value: str) -> list[bytes]:
    """The ways a value could be spelled in a file: UTF-8 and JSON's ASCII escapes."""
    return [value.encode("utf-8"), json.dumps(value).strip('"').encode("ascii")]


def leaks(blob: bytes) -> list[str]:
    return [v for v in PERSONAL_VALUES if any(f in blob for f in forms(v))]


def test_the_prompts_do_hold_the_personal_values() -> None:
    # Guards the test below against passing because the fixtures lost their personal data.
    joined = "".join(c.prompt for c in CASES)
    assert all(v in joined for v in PERSONAL_VALUES)


@pytest.mark.parametrize("keep_content", [False, True])
def test_no_personal_value_in_any_written_byte(
    tmp_path: Path,
    redis_url: str,
    keep_content: bool,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.delenv("SEKISHO_AUDIT_HMAC_KEY", raising=False)  # exercises the persisted key file too
    monkeypatch.setenv("SEKISHO_AUDIT_CONTENT_KEY", "11" * 32)
    log_dir, archive = tmp_path / "log", tmp_path / "archive"
    stream = f"sekisho:audit:privacy:{int(keep_content)}"
    cfg = AuditConfig(dir=str(log_dir), keep_content=keep_content, redis_url=redis_url, stream=stream)
    metrics = Metrics()

    async def write() -> None:
        log = AuditLog.open(cfg, metrics=metrics)
        for n, case in enumerate(CASES * 2):
            record = build(log, case, n)
            await log.append(record)
            metrics.observe(record)
        await log.close()

    asyncio.run(write())
    from redis import Redis

    with Redis.from_url(redis_url) as client:
        assert collect(client, stream, archive).added == len(CASES) * 2
        stream_bytes = b"".join(v for _, fields in client.xrange(stream) for v in fields.values())

    # The commands read the log the same way either way; run them where content is kept (the riskier case).
    outputs = (
        []
        if not keep_content
        else [
            # No key in the environment: verify finds the key file the writer persisted, as the gateway does.
            sekisho("audit", "verify", str(log_dir), env={"SEKISHO_AUDIT_HMAC_KEY": ""}),
            sekisho("audit", "search", str(log_dir)),
            sekisho("audit", "search", str(log_dir), "--json"),
            sekisho("audit", "export", str(log_dir), "--format", "csv"),
            sekisho("audit", "stats", str(log_dir)),
            sekisho("audit", "show", "req-masked-00001", str(log_dir)),
        ]
    )
    assert all(o.returncode == 0 for o in outputs), [o.stderr for o in outputs]

    written = sorted(p for root in (log_dir, archive) for p in root.rglob("*") if p.is_file())
    assert len(written) >= 3
    found = {str(p): leaks(p.read_bytes()) for p in written}
    found["redis stream"] = leaks(stream_bytes)
    found["cli stdout/stderr"] = leaks("".join(o.stdout + o.stderr for o in outputs).encode())
    found["logs"] = leaks(caplog.text.encode())
    found["metrics"] = leaks(metrics.render()[0])
    assert {k: v for k, v in found.items() if v} == {}
    # The records themselves still say what was found, by type and count only.
    records = [
        json.loads(line) for line in next(log_dir.glob("audit-*.jsonl")).read_text(encoding="utf-8").splitlines()
    ]
    assert records[1]["entities"] == {"PERSON": 1, "PHONE_NUMBER": 1}
    assert (records[1]["content"] is not None) is keep_content
