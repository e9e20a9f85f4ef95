"""Every error the gateway turns into an OpenAI-shaped response, mapped once, here.

SekishoError                      status  type
 ├── BadRequest                     400   invalid_request_error
 ├── AuthenticationFailed           401   authentication_error
 ├── PermissionDenied               403   permission_error
 │    └── PolicyBlocked             403   policy_violation   (Japanese message for staff)
 ├── ModelNotFound                  404   invalid_request_error / model_not_found
 ├── PayloadTooLarge                413   invalid_request_error
 ├── RateLimited                    429   rate_limit_error   (a key's or department's limit or budget; Retry-After)
 ├── UpstreamError                  502   upstream_error
 │    ├── UpstreamUnreachable       502   (connection refused or broken)
 │    └── UpstreamStatusError       4xx passed through, 5xx → 502
 ├── ServiceUnavailable             503   service_unavailable (vault, scanner, audit, limits down)
 │    └── NoDeploymentLeft          503   every deployment the policy allows failed or is cooling down
 └── UpstreamTimeout                504   upstream_timeout

Anything else is a bug: it is logged by type only and answered with a bare 500.
"""

from __future__ import annotations

import math
from typing import Any


class SekishoError(Exception):
    status = 500
    type = "internal_error"
    code: str | None = None

    def __init__(self, message: str, *, code: str | None = None, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers: dict[str, str] = {}  # extra response headers (e.g. retry-after)
        if code is not None:
            self.code = code
        self.param = param

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "code": self.code, "param": self.param}}


class BadRequest(SekishoError):
    status = 400
    type = "invalid_request_error"


class AuthenticationFailed(SekishoError):
    status = 401
    type = "authentication_error"
    code = "invalid_api_key"


class PermissionDenied(SekishoError):
    status = 403
    type = "permission_error"


class PolicyBlocked(PermissionDenied):
    type = "policy_violation"
    code = "blocked_by_policy"


class ModelNotFound(SekishoError):
    status = 404
    type = "invalid_request_error"
    code = "model_not_found"


class PayloadTooLarge(SekishoError):
    status = 413
    type = "invalid_request_error"
    code = "request_too_large"


class UpstreamError(SekishoError):
    status = 502
    type = "upstream_error"
    code = "bad_gateway"


class UpstreamUnreachable(UpstreamError):
    """The connection to the upstream was refused, reset or could not be made."""


class RateLimited(SekishoError):
    """A key's or department's rate or monthly budget is used up; `retry_after_s` says when to try again."""

    status = 429
    type = "rate_limit_error"
    code = "rate_limit_exceeded"

    def __init__(self, message: str, *, retry_after_s: float, code: str | None = None) -> None:
        super().__init__(message, code=code)
        seconds = max(1, math.ceil(retry_after_s))
        self.headers = {"retry-after": str(seconds), "retry-after-ms": str(max(1, math.ceil(retry_after_s * 1000)))}


class UpstreamStatusError(UpstreamError):
    """The upstream answered with an error status; client errors pass through, server errors are 502."""

    def __init__(
        self, upstream_status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.upstream_status = upstream_status
        self.headers = dict(headers or {})
        if 400 <= upstream_status < 500:
            self.status = upstream_status
            self.type = "invalid_request_error" if upstream_status != 429 else "rate_limit_error"


class ServiceUnavailable(SekishoError):
    status = 503
    type = "service_unavailable"


class NoDeploymentLeft(ServiceUnavailable):
    code = "no_deployment_available"


class UpstreamTimeout(SekishoError):
    status = 504
    type = "upstream_timeout"
    code = "upstream_timeout"
