"""Which deployments are cooling down, and why: one process's view, shown on /metrics and /readyz."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from gateway.errors import SekishoError, UpstreamError, UpstreamStatusError, UpstreamTimeout, UpstreamUnreachable

Clock = Callable[[], float]


def failure_reason(exc: SekishoError) -> str | None:
    """Why a deployment failed, when the failure is the deployment's and another may answer; else None.

    Refused or broken connections, timeouts, 5xx and 429 count; any other 4xx is the request's own fault
    and would fail the same way elsewhere.
    """
    if isinstance(exc, UpstreamTimeout):
        return "timeout"
    if isinstance(exc, UpstreamStatusError):
        status = exc.upstream_status
        if status == 429:
            return "rate_limited"
        return "server_error" if status >= 500 else None
    if isinstance(exc, UpstreamUnreachable):
        return "unreachable"
    if isinstance(exc, UpstreamError):
        return "bad_response"  # a malformed answer or a stream that never started
    return None


@dataclass(slots=True)
class _State:
    fails: int = 0
    until: float = 0.0
    reason: str = ""


class Health:
    """Failures in a row per deployment; past `allowed_fails`, a cooldown of `cooldown_s`."""

    def __init__(self, allowed_fails: int, cooldown_s: float, clock: Clock = time.monotonic) -> None:
        self._allowed = allowed_fails
        self._cooldown = cooldown_s
        self._clock = clock
        self._states: dict[str, _State] = {}

    def cooling(self, deployment: str) -> bool:
        state = self._states.get(deployment)
        return state is not None and state.until > self._clock()

    def failed(self, deployment: str, reason: str) -> bool:
        """Count a failure; True when it starts a cooldown."""
        state = self._states.setdefault(deployment, _State())
        state.fails += 1
        state.reason = reason
        if state.fails > self._allowed:
            state.fails = 0
            state.until = self._clock() + self._cooldown
            return True
        return False

    def succeeded(self, deployment: str) -> None:
        state = self._states.get(deployment)
        if state is not None:
            state.fails = 0

    def cooldowns(self) -> dict[str, dict[str, object]]:
        """Deployments cooling down now: reason and seconds left."""
        now = self._clock()
        return {
            name: {"reason": s.reason, "seconds_left": round(s.until - now, 1)}
            for name, s in sorted(self._states.items())
            if s.until > now
        }
