"""One audit record per request: the schema auditors read (documented field by field in docs/audit.md)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gateway.principal import Principal
from gateway.zones import Zone

SCHEMA_VERSION = 2  # 2: keyed chain (alg, key_id) and write-ahead records (phase)
# Fixed-width UTC timestamps compare correctly as strings, which keeps search and stats fast.
_TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

# Same values as gateway.policy.decision.Action; repeated so the audit CLI need not load the policy engine.
Action = Literal["allow", "mask", "pseudonymize", "block", "reroute"]
Endpoint = Literal["chat.completions", "embeddings", "responses", "models", "metrics"]
# "pending" only in a write-ahead record; readers show a pending record without its final as "incomplete".
Outcome = Literal["ok", "blocked", "error", "pending"]
Phase = Literal["pending", "final"]
OutputAction = Literal["none", "mask", "pseudonymize", "block"]


def format_ts(moment: datetime) -> str:
    """ISO 8601 UTC with milliseconds and a `Z`, the only timestamp form in the log."""
    if moment.tzinfo is None:
        raise ValueError("timestamp must be timezone-aware")
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def utc_now_ts() -> str:
    """The current time in the log's timestamp form."""
    return format_ts(datetime.now(UTC))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrincipalInfo(_Strict):
    user: str
    department: str
    roles: list[str] = []

    @classmethod
    def of(cls, principal: Principal) -> PrincipalInfo:
        """The audit view of an authenticated principal (the key id is not recorded)."""
        return cls(user=principal.user, department=principal.department, roles=sorted(principal.roles))


class ClientInfo(_Strict):
    user_agent: str | None = None
    address: str | None = None


class Usage(_Strict):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class AuditRecord(_Strict):
    """What the gateway did with one request; the chain fields are filled in by the writer."""

    schema_version: int = SCHEMA_VERSION
    request_id: str = Field(min_length=1)
    # Write-ahead: "pending" is written before the request goes upstream, "final" (same request_id)
    # once it is answered. A request that ends before the upstream call has one record, phase null.
    phase: Phase | None = None
    ts: str = Field(default_factory=utc_now_ts)
    principal: PrincipalInfo
    client: ClientInfo = ClientInfo()
    endpoint: Endpoint = "chat.completions"
    stream: bool = False
    model_requested: str | None = None  # None when the request could not be parsed
    model_actual: str | None = None
    zone: Zone | None = None
    deployment: str | None = None  # the deployment of model_actual that answered
    # Null only when the request failed before it was classified or decided (outcome "error").
    level: str | None
    rank: int | None
    tags: list[str] = []
    entities: dict[str, int] = {}
    action: Action | None
    rule_id: str | None
    policy_version: str | None = None
    # Use-case category id of the newest user message ("background" for a chat UI's own request);
    # None for embeddings and requests that could not be read. Never the text.
    category: str | None = None
    output_entities: dict[str, int] = {}
    output_action: OutputAction = "none"
    withheld_messages: int = Field(default=0, ge=0)  # earlier messages not sent: blocked on an earlier turn
    prompt_chars: int = Field(ge=0)
    answer_chars: int = Field(default=0, ge=0)
    usage: Usage | None = None
    cost: float = Field(default=0.0, ge=0)
    upstream_ms: float | None = None
    overhead_ms: float = 0.0
    detector_ms: float = 0.0
    outcome: Outcome
    status: int
    error_type: str | None = None
    flags: list[str] = []  # budget_soft_limit: the department or key is past its budget's soft threshold
    prompt_hmac: str = Field(pattern=r"^[0-9a-f]{64}$")
    content: str | None = None
    chain: str | None = None
    seq: int | None = None
    prev_hash: str | None = None
    alg: str | None = None  # "hmac-sha256" (keyed chain); absent in records written before it was keyed
    key_id: str | None = None  # fingerprint of the chain key, never the key
    hash: str | None = None

    @field_validator("ts", mode="before")
    @classmethod
    def _normalise_ts(cls, value: object) -> object:
        if isinstance(value, datetime):
            return format_ts(value)
        if isinstance(value, str) and not _TS.match(value):
            raise ValueError("ts must look like 2026-04-01T09:30:00.123Z (UTC, milliseconds)")
        return value

