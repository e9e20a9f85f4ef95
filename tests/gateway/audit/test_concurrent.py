from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gateway.audit.chain import ChainKey
from gateway.audit.query import iter_records
from gateway.audit.verify import verify
from tests.gateway.audit.cli import ROOT, sekisho


WRITER_KEY = "shared-test-key-0123456789abcdef"  # the writer processes' audit key
CHAIN_KEY = ChainKey.of(WRITER_KEY.encode())


def run_writers(directory: Path, count: int, redis_url: str | None = None, processes: int = 2) -> list[str]:
    """Start `processes` writer processes at once and return their chain ids."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SEKISHO_AUDIT_HMAC_KEY": WRITER_KEY}
    args = [sys.executable, "-m", "tests.gateway.audit.writer_proc", str(directory), str(count)]
    if redis_url:
        args.append(redis_url)
    procs = [
        subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    chains = []
    for p in procs:
        out, err = p.communicate(timeout=90)
        assert p.returncode == 0, err
        chains.append(out.strip())
    return chains


def test_two_processes_writing_at_once_keep_valid_chains(tmp_path: Path) -> None:
    chains = run_writers(tmp_path, 150)
    assert len(set(chains)) == 2
    report = verify(tmp_path, key=CHAIN_KEY)
    assert report.ok
    assert sorted(c.chain for c in report.chains) == sorted(chains)
    assert [c.records for c in report.chains] == [150, 150]
    ids = [r["request_id"] for r in iter_records(tmp_path)]
    assert len(ids) == 300
    result = sekisho("audit", "verify", str(tmp_path), env={"SEKISHO_AUDIT_HMAC_KEY": WRITER_KEY})
    assert result.returncode == 0 and "2 chain(s), 300 intact record(s), 0 broken" in result.stdout
