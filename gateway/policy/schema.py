"""The policy file's shape, validated strictly; cross-references are checked in `validate.py`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gateway.policy.decision import Action, EntityAction
from gateway.zones import Zone

# An entity type name as written in YAML; checked against detectors.model.ENTITY_TYPES after parsing
# so the error can list the valid names instead of a 18-way Literal dump.
EntityName = str
OutputAction = Literal["keep", "mask"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelSpec(_Strict):
    """One confidentiality level; the list order is the order of increasing confidentiality."""

    id: str = Field(min_length=1)
    label: str = ""
    description: str = ""


class Criteria(_Strict):
    """What a classification rule looks at."""

    markings: list[str] = []
    tags: list[str] = []
    entities: list[EntityName] = []
    keywords: list[str] = []


class ClassificationRule(Criteria):
    """Raises the text to at least `level` when any listed marking, tag, entity or keyword list is found."""

    id: str = Field(min_length=1)
    level: str
    description: str = ""


class Classification(_Strict):
    """The text's level is the highest level any matching rule gives, else the lowest level."""

    rules: list[ClassificationRule] = []


class Condition(_Strict):
    """A rule's `when:` / `unless:` block; every given field must match (AND), lists are ANY-of."""

    levels: list[str] | None = None
    min_level: str | None = None
    max_level: str | None = None
    tags_any: list[str] | None = None
    entities_any: list[EntityName] | None = None
    keywords_any: list[str] | None = None
    markings_any: list[str] | None = None
    departments: list[str] | None = None
    roles: list[str] | None = None
    models: list[str] | None = None
    zones: list[Zone] | None = None


class Reroute(_Strict):
    """Where a `reroute` sends the request: one named model, or the default model of a zone."""

    model: str | None = None
    # One zone or an ordered preference list; the first zone with a default model is used.
    zone: list[Zone] | None = None

    @field_validator("zone", mode="before")
    @classmethod
    def _one_zone(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Rule(_Strict):
    id: str = Field(min_length=1)
    description: str = ""
    when: Condition = Condition()
    unless: Condition | None = None
    action: Action
    entities: dict[EntityName, EntityAction] = {}
    reroute: Reroute | None = None
    message: str | None = None


class Defaults(_Strict):
    """What happens when no rule matches, and the block message used when a rule gives none."""

    action: Literal["allow", "block"] = "block"
    message: str = (
        "この依頼はポリシーで送信が許可されていないため止めました。"
        "情報政策課に連絡するか、個人情報・機密情報を除いてから再度お試しください。"
    )


class Output(_Strict):
    """Personal data that appears in the answer but was not in the prompt."""

    default: OutputAction = "mask"
    entities: dict[EntityName, OutputAction] = {}


class PolicyDoc(_Strict):
    """The whole policy file."""

    version: Literal[1]
    name: str = ""
    description: str = ""
    levels: list[LevelSpec] = Field(min_length=1)
    classification: Classification = Classification()
    dictionaries: list[str] = []  # keyword list files, relative to the policy file
    rules: list[Rule] = []
    defaults: Defaults = Defaults()
    output: Output = Output()
    # A user message blocked once and resent in the history of later turns: withheld (replaced by a
    # notice) so the chat can go on, or blocked again with every later turn.
    history: Literal["withhold_blocked", "block"] = "withhold_blocked"
