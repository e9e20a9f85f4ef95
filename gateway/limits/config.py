"""The `limits:` section of sekisho.yaml: rates and monthly budgets per key and per department."""

from __future__ import annotations

import re
from datetime import timedelta, timezone

from pydantic import BaseModel, ConfigDict, Field, field_validator

# The field `timezone` below hides the class inside LimitsConfig.
_Offset = timezone

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limit(_Strict):
    """What one key or one department may use; an absent figure is no limit."""

    rpm: int | None = Field(default=None, ge=0)  # requests per window (a minute unless window_s says otherwise)
    tpm: int | None = Field(default=None, ge=0)  # tokens (prompt + completion, as the upstream counted) per window
    budget_yen: float | None = Field(default=None, ge=0)  # 円 per calendar month, from the models' prices
    soft_ratio: float = Field(default=0.8, gt=0, le=1)  # above this share of the budget: a warning header


class LimitsConfig(_Strict):
    # Counters shared by every replica; null keeps them in this process's memory (one replica only).
    redis_url: str | None = None
    window_s: float = Field(default=60.0, gt=0)  # the sliding window rpm and tpm are counted over
    timezone: str = "+09:00"  # the UTC offset a budget month begins in (JST)
    departments: dict[str, Limit] = {}  # by department name, as in the keys
    default_department: Limit | None = None  # for departments not listed
    keys: dict[str, Limit] = {}  # by key id

    @field_validator("timezone")
    @classmethod
    def _offset(cls, value: str) -> str:
        parse_offset(value)
        return value

    @property
    def tz(self) -> _Offset:
        return parse_offset(self.timezone)

    @property
    def active(self) -> bool:
        return bool(self.departments or self.keys or self.default_department)

    def for_department(self, department: str) -> Limit | None:
        return self.departments.get(department, self.default_department)


def parse_offset(value: str) -> timezone:
    """`+09:00` → a fixed-offset time zone (Japan has no daylight saving time, so no tz database is needed)."""
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", value)
    if not m or int(m.group(2)) > 14 or int(m.group(3)) > 59:
        raise ValueError(f"timezone must be a UTC offset such as +09:00, not {value!r}")
    delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    return timezone(-delta if m.group(1) == "-" else delta)
