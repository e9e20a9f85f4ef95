"""Routing: which deployment of which model answers a request, never outside the zones its decision allows."""

from gateway.routing.allowance import Allowance
from gateway.routing.router import ZONE_LABELS, Router

__all__ = ["ZONE_LABELS", "Allowance", "Router"]
