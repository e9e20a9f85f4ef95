"""One request's facts as the pipeline learns them (`Exchange`), and what inspection decided (`Plan`)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from detectors.model import ScanResult
from gateway.policy.decision import Decision, EntityAction
from gateway.policy.engine import Policy
from gateway.principal import Principal
from gateway.registry import Deployment, Model
from gateway.vault.conversation import opening

if TYPE_CHECKING:
    from gateway.audit.record import Endpoint, Outcome
    from gateway.vault import Vault


@dataclass(slots=True)
class Exchange:
    """One request's facts as they accumulate, for the response headers and the audit record."""

    request_id: str
    principal: Principal
    endpoint: Endpoint
    user_agent: str = ""
    address: str = ""
    conversation_header: str | None = None
    stream: bool = False
    started: float = field(default_factory=time.perf_counter)
    model_requested: str | None = None
    model: Model | None = None  # the decided target; once answered, the model that answered
    deployment: Deployment | None = None  # the deployment that answered
    scan: ScanResult | None = None
    decision: Decision | None = None
    policy_version: str = ""
    detector_ms: float = 0.0
    upstream_ms: float | None = None
    usage: dict[str, Any] | None = None
    prompt_text: str = ""  # never logged: HMAC and output screening only
    prompt_keyed: tuple[str, str] | None = None  # (prompt_text, its HMAC): both records of a request hash it once
    # (caller, id header, opening, conversation id): asked twice a request (withholding blocked messages, then
    # inspection), computed once unless the opening changed; kept with the request only.
    conversation_known: tuple[str, str | None, list[tuple[str, str]], str] | None = None
    answer_parts: list[str] = field(default_factory=list)
    output_entities: dict[str, int] = field(default_factory=dict)
    status: int = 200
    outcome: Outcome = "ok"
    error_type: str | None = None
    withheld: int = 0  # earlier messages not sent because they were blocked before
    reserved: bool = False  # the write-ahead (pending) audit record is on disk
    category: str | None = None  # use-case category of the newest user message (gateway/usecase)
    # How to read `category` once the request is on its way (see `settle_category`).
    categorise: Callable[[], str | None] | None = None
    flags: list[str] = field(default_factory=list)  # e.g. budget_soft_limit (audit record and headers)
    usage_asked: bool = True  # the client asked for the stream's usage chunk

    def settle_category(self) -> None:
        """Read the use-case category now, if it was left for later.

        The category is for the final audit record only (what the work was, not whether it may be
        sent), so it is read off the path to the upstream: the write-ahead record goes down without
        it, and it is read once the request is out, while the upstream works
        (`pipeline._categorised_meanwhile`); at the latest before the final record. A failure leaves
        it unknown (null), logged.
        """
        categorise, self.categorise = self.categorise, None
        if categorise is None:
            return
        try:
            self.category = categorise()
        except Exception as exc:  # noqa: BLE001 - metadata only: the answer is not held for it
            logging.getLogger("sekisho.pipeline").error("use-case category not read: %s", type(exc).__name__)

    def conversation_in(self, vault: Vault, messages: Sequence[object]) -> str:
        """This request's conversation id in `vault` for `messages` (withholding an earlier blocked message
        can change the opening, and so the id, between the two askings)."""
        first = opening(messages)
        known = self.conversation_known
        if known is None or known[0] != self.principal.user or known[1] != self.conversation_header or known[2] != first:
            known = (self.principal.user, self.conversation_header, first, vault.opening_id(self.principal.user, first, self.conversation_header))
            self.conversation_known = known
        return known[3]

    def headers(self) -> dict[str, str]:
        h = {"x-sekisho-request-id": self.request_id}
        if self.scan is not None:
            h["x-sekisho-level"] = str(self.scan.rank)
        if self.decision is not None:
            h["x-sekisho-action"] = self.decision.action
        if self.policy_version:
            h["x-sekisho-policy-version"] = self.policy_version
        if self.deployment is not None:
            h["x-sekisho-model"] = self.deployment.model
            h["x-sekisho-zone"] = self.deployment.zone
            h["x-sekisho-rerouted"] = "true" if self.deployment.model != self.model_requested else "false"
        if "budget_soft_limit" in self.flags:
            h["x-sekisho-budget-warning"] = "soft-limit"
        return h


@dataclass(slots=True)
class Plan:
    """What inspection decided: where the request goes and how the answer comes back."""

    target: Model
    mapping: Mapping[str, str]
    output_actions: Mapping[str, EntityAction]
    policy: Policy
