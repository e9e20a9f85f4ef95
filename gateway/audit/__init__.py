"""Tamper-evident audit log: records, hash-chained JSONL writer, review tools and metrics.

The web review page lives in `gateway.audit.web` and is imported only by the app, so the CLI never
pulls in the web stack.
"""

from gateway.audit.crypto import AuditKeyError
from gateway.audit.metrics import Metrics
from gateway.audit.record import (
    AuditRecord,
    ClientInfo,
    PrincipalInfo,
    Usage,
    format_ts,
    utc_now_ts,
)
from gateway.audit.writer import AuditLog, AuditWriteError

__all__ = [
    "AuditKeyError",
    "AuditLog",
    "AuditRecord",
    "AuditWriteError",
    "ClientInfo",
    "Metrics",
    "PrincipalInfo",
    "Usage",
    "format_ts",
    "utc_now_ts",
]
