"""A child process that writes audit records concurrently: `python writer_proc.py DIR N [REDIS_URL]`."""

from __future__ import annotations

import asyncio
import sys

from gateway.audit import AuditLog
from gateway.config import AuditConfig
from tests.gateway.audit.factory import CASES, build


async def main(directory: str, count: int, redis_url: str | None) -> None:
    log = AuditLog.open(AuditConfig(dir=directory, redis_url=redis_url))
    # Many requests in flight at once, as under a real event loop.
    await asyncio.gather(*(log.append(build(log, CASES[n % len(CASES)], n)) for n in range(count)))
    await log.close()
    print(log.chain_id)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None))
