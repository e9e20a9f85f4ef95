"""A month of records with categories, blocks and retries, written through the real writer."""

from __future__ import annotations

from pathlib import Path

from gateway.audit import AuditLog
from tests.gateway.audit.factory import CASES, build

ALLOWED, BLOCKED = CASES[0], next(c for c in CASES if c.outcome == "blocked")

# (minute offset from 2026-04-06T00:00Z, department index, user, category, case, rule)
EVENTS = (
    (0, 0, "u1", "document", ALLOWED, "allow-rest"),
    (5, 0, "u1", "document", ALLOWED, "allow-rest"),
    (7, 0, "u1", "background", ALLOWED, "allow-rest"),
    (10, 0, "u2", "minutes", ALLOWED, "allow-rest"),
    (20, 1, "u3", "summary", BLOCKED, "block-my-number"),
    (24, 1, "u3", "summary", ALLOWED, "allow-rest"),  # rephrased 4 minutes after the block
    (30, 1, "u4", "translation", BLOCKED, "block-my-number"),
    (55, 1, "u4", "translation", ALLOWED, "allow-rest"),  # 25 minutes later: not counted as a retry
    (60, 2, "u5", "code", BLOCKED, "sensitive-overseas-block"),
    (62, 2, "u5", "background", ALLOWED, "allow-rest"),  # a title request is not a retry
    (70, 2, "u6", "other", ALLOWED, "allow-rest"),
    (80, 2, "u6", None, ALLOWED, "allow-rest"),  # an embeddings request: no category
)
DEPARTMENTS = ("総務課", "税務課", "福祉課")


def write(directory: Path, *, month_day: str = "2026-04-06") -> Path:
    from datetime import datetime, timedelta

    from gateway.audit.record import PrincipalInfo, format_ts

    directory.mkdir(parents=True, exist_ok=True)
    log = AuditLog(directory, hmac_key=b"k" * 32, chain_id="host-effect")
    start = datetime.fromisoformat(month_day + "T00:00:00+00:00")
    for n, (minute, dept, user, category, case, rule) in enumerate(EVENTS):
        log.append_sync(
            build(
                log, case, n,
                ts=format_ts(start + timedelta(minutes=minute)),
                principal=PrincipalInfo(user=user, department=DEPARTMENTS[dept]),
                category=category, rule_id=rule,
                action="block" if case is BLOCKED else "allow",
            )
        )  # fmt: skip
    # One record outside the month: it must not be counted in April.
    log.append_sync(build(log, ALLOWED, 99, ts="2026-05-01T00:00:00.000Z", category="document"))
    return directory
