"""A log for the review page's first-hour checks: a refused key (401), fractional costs, and a tampered record."""

from __future__ import annotations

from pathlib import Path

from gateway.audit import AuditLog, PrincipalInfo
from tests.gateway.audit.factory import CASES, build

TAMPERED_LINE = 4  # 1-based line of the record whose bytes are changed after it was written


def write_log(directory: Path, *, tamper: bool) -> Path:
    """CASES with costs 0.10 and 0.15, then a 401 record; with `tamper`, line 4 (the block) is rewritten."""
    directory.mkdir(parents=True, exist_ok=True)
    log = AuditLog(directory, hmac_key=b"k" * 32, chain_id="host-1-review")
    for n, case in enumerate(CASES):
        cost = {0: 0.10, 1: 0.15}.get(n, 0.0)
        log.append_sync(build(log, case, n, ts=f"2026-04-01T0{n}:00:00.000Z", cost=cost))
    refused = build(
        log, CASES[0], len(CASES), ts="2026-04-01T08:00:00.000Z", model_requested=None, model_actual=None, zone=None,
        level=None, rank=None, action=None, rule_id=None, policy_version=None, entities={}, tags=[], usage=None,
        cost=0.0, upstream_ms=None, outcome="error", status=401, error_type="authentication_error",
        principal=PrincipalInfo(user="", department="", roles=[]), request_id="req-refused-00006",
    )  # fmt: skip
    log.append_sync(refused)
    if tamper:
        path = next(directory.glob("audit-*.jsonl"))
        lines = path.read_bytes().splitlines(keepends=True)
        line = lines[TAMPERED_LINE - 1]
        # Someone hides a block: the blocked request's rule is rewritten, its hash left as it was.
        assert b'"rule_id":"rule-block"' in line
        lines[TAMPERED_LINE - 1] = line.replace(b'"rule_id":"rule-block"', b'"rule_id":"rule-allow"')
        path.write_bytes(b"".join(lines))
    return directory
