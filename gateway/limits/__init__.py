"""Rates and monthly budgets per key and per department, counted in Redis or in memory."""

from gateway.limits.config import Limit, LimitsConfig

__all__ = ["Limit", "LimitsConfig"]
