"""The chain is keyed: someone who can write the file but lacks audit.hmac_key cannot rewrite it unseen."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest

from gateway.audit import AuditLog
from gateway.audit.chain import ALG_KEYED, GENESIS, ChainKey, ChainKeyError, canonical, record_hash, seal
from gateway.audit.verify import verify
from tests.gateway.audit.cli import sekisho
from tests.gateway.audit.factory import CASES, CHAIN_KEY, HMAC_KEY, build

CHAIN = "host-5-key"


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    log = AuditLog(tmp_path, hmac_key=HMAC_KEY, chain_id=CHAIN)
    for n, case in enumerate(CASES):
        log.append_sync(build(log, case, n))
    assert log.path is not None
    return log.path


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def _rewrite(path: Path, at: int, hasher: Any, *, keep_alg: bool = True) -> None:
    """Change record `at` (block -> allow) and recompute its hash and every later one with `hasher`."""
    recs = _records(path)
    recs[at]["action"] = "allow"
    prev = recs[at - 1]["hash"] if at else GENESIS
    for rec in recs[at:]:
        if not keep_alg:
            rec.pop("alg", None)
            rec.pop("key_id", None)
        rec["prev_hash"] = prev
        body = {k: v for k, v in rec.items() if k != "hash"}
        rec["hash"] = prev = hasher(canonical(body))
    path.write_bytes(b"".join(canonical(r) + b"\n" for r in recs))


def _plain(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _wrong_key(payload: bytes) -> str:
    return hmac.new(ChainKey.of(b"not-the-gateways-key-0123456789ab").secret, payload, hashlib.sha256).hexdigest()


def test_records_carry_the_keyed_algorithm_and_the_key_fingerprint_never_the_key(log_file: Path) -> None:
    recs = _records(log_file)
    assert {r["alg"] for r in recs} == {ALG_KEYED}
    assert {r["key_id"] for r in recs} == {CHAIN_KEY.id}
    assert all(record_hash(r, CHAIN_KEY) == r["hash"] for r in recs)
    assert all(hashlib.sha256(canonical({k: v for k, v in r.items() if k != "hash"})).hexdigest() != r["hash"] for r in recs)
    text = log_file.read_bytes()
    assert HMAC_KEY not in text and CHAIN_KEY.secret.hex().encode() not in text
    with pytest.raises(ChainKeyError, match="audit.hmac_key"):
        record_hash(recs[0])


@pytest.mark.parametrize(
    ("hasher", "keep_alg", "expected"),
    [
        (_plain, True, "hash does not match the content"),
        (_wrong_key, True, "hash does not match the content"),
        (_plain, False, "not keyed like the rest of its chain"),
    ],
    ids=["plain-sha256", "hmac-with-a-wrong-key", "plain-sha256-alg-removed"],
)
def test_a_rewrite_with_recomputed_hashes_fails_verify(log_file: Path, hasher: Any, keep_alg: bool, expected: str) -> None:
    _rewrite(log_file, 3, hasher, keep_alg=keep_alg)
    # The rewritten chain links: only the key tells.
    recs = _records(log_file)
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(recs, recs[1:], strict=False))
    brk = verify(log_file.parent, key=CHAIN_KEY).chains[0].first_break
    assert brk is not None and brk.line == 4 and expected in brk.reason
    result = sekisho("audit", "verify", str(log_file.parent))
    assert result.returncode == 1 and f"BROKEN {CHAIN}: {log_file}:4:" in result.stdout


def test_a_whole_chain_rewritten_without_the_key_is_unkeyed_and_refused(log_file: Path) -> None:
    _rewrite(log_file, 0, _plain, keep_alg=False)
    status = verify(log_file.parent, key=CHAIN_KEY).chains[0]
    assert status.ok and status.unkeyed
    result = sekisho("audit", "verify", str(log_file.parent))
    assert result.returncode == 1
    assert f"UNKEYED {CHAIN}" in result.stdout and "--allow-unkeyed" in result.stderr


def test_a_log_written_before_the_chain_was_keyed_still_verifies_as_unkeyed(tmp_path: Path) -> None:
    """Old records (no alg, plain SHA-256) are read as they were written, and reported as unkeyed."""
    log = AuditLog(tmp_path, hmac_key=HMAC_KEY)
    prev, lines = GENESIS, []
    for n, case in enumerate(CASES):
        body = build(log, case, n).model_dump(mode="json")
        for new_field in ("phase", "alg", "key_id"):
            body.pop(new_field)
        body["schema_version"] = 1
        sealed, line = seal(body, "host-1-old", n, prev)
        prev = sealed["hash"]
        lines.append(line)
    (tmp_path / "audit-2026-03-31-host-1-old.jsonl").write_bytes(b"".join(lines))
    assert verify(tmp_path).chains[0].unkeyed  # no key needed for an unkeyed chain
    refused = sekisho("audit", "verify", str(tmp_path))
    assert refused.returncode == 1 and "UNKEYED host-1-old: 6 records" in refused.stdout
    accepted = sekisho("audit", "verify", "--allow-unkeyed", str(tmp_path))
    assert accepted.returncode == 0 and "1 unkeyed" in accepted.stdout
    # A keyed record slipped into the old chain does not pass either.
    lines[3] = seal(json.loads(lines[3]), "host-1-old", 3, json.loads(lines[2])["hash"], CHAIN_KEY)[1]
    (tmp_path / "audit-2026-03-31-host-1-old.jsonl").write_bytes(b"".join(lines))
    brk = verify(tmp_path, key=CHAIN_KEY).chains[0].first_break
    assert brk is not None and brk.line == 4 and "keyed record in an unkeyed chain" in brk.reason


def test_verify_with_the_wrong_key_names_the_key_mismatch(log_file: Path) -> None:
    result = sekisho("audit", "verify", str(log_file.parent), env={"SEKISHO_AUDIT_HMAC_KEY": "x" * 32})
    assert result.returncode == 1
    assert f"written with key id {CHAIN_KEY.id}" in result.stdout and "wrong audit.hmac_key" in result.stdout


def test_verify_without_any_key_says_where_the_key_comes_from(log_file: Path) -> None:
    result = sekisho("audit", "verify", str(log_file.parent), env={"SEKISHO_AUDIT_HMAC_KEY": ""})
    assert result.returncode == 1
    assert "SEKISHO_AUDIT_HMAC_KEY" in result.stderr and ".hmac_key" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_chain_key_is_not_the_prompt_key(tmp_path: Path) -> None:
    """A prompt that spells out a forged record must not get that record's hash as its prompt_hmac."""
    log = AuditLog(tmp_path, hmac_key=HMAC_KEY)
    forged = {"action": "allow", "alg": ALG_KEYED, "key_id": CHAIN_KEY.id, "seq": 0}
    assert log.prompt_hmac(canonical(forged).decode()) != record_hash(forged, CHAIN_KEY)
