"""Cross-reference checks pydantic cannot do: names of levels, entities, tags, models; ids; reroutes."""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping, Sequence

from detectors.classify import MARKING_LABELS
from detectors.model import ENTITY_TYPES, TAGS
from gateway.policy.catalog import Catalog
from gateway.policy.errors import Loc
from gateway.policy.schema import Condition, PolicyDoc, Rule

Problem = tuple[Loc, str]

# Names a block message may use as {placeholder}; none of them carries prompt content.
MESSAGE_FIELDS = frozenset({"level", "model", "zone", "department", "entities", "rule"})


def check(doc: PolicyDoc, catalog: Catalog, entities: Sequence[str] = ENTITY_TYPES) -> list[Problem]:
    """Every cross-reference problem in the document, each with the field path it belongs to.

    `entities`: the entity types a policy may name (the canonical ones and the custom recognisers').
    """
    return [
        *_levels(doc),
        *_classification(doc, entities),
        *_rules(doc, catalog, entities),
        *_entity_keys(doc.output.entities, ("output", "entities"), entities),
        *_message(doc.defaults.message, ("defaults", "message")),
    ]


def _one_of(value: str, valid: Sequence[str]) -> str:
    return f"{value!r} is not one of {', '.join(valid)}"


def _unknown(values: Sequence[str], valid: Sequence[str], loc: Loc) -> Iterator[Problem]:
    for i, value in enumerate(values):
        if value not in valid:
            yield (*loc, i), _one_of(value, valid)


def _duplicate_ids(items: Sequence[object], loc: Loc, what: str) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = str(getattr(item, "id"))  # noqa: B009 - LevelSpec, Rule and ClassificationRule share `id`
        if ident in first:
            yield (*loc, i, "id"), f"duplicate {what} id {ident!r} (also {loc[-1]}[{first[ident]}])"
        else:
            first[ident] = i


def _levels(doc: PolicyDoc) -> Iterator[Problem]:
    yield from _duplicate_ids(doc.levels, ("levels",), "level")


def _classification(doc: PolicyDoc, entities: Sequence[str]) -> Iterator[Problem]:
    levels = [lv.id for lv in doc.levels]
    rules = doc.classification.rules
    yield from _duplicate_ids(rules, ("classification", "rules"), "classification rule")
    for i, rule in enumerate(rules):
        loc: Loc = ("classification", "rules", i)
        if rule.level not in levels:
            yield (*loc, "level"), _one_of(rule.level, levels)
        if not (rule.markings or rule.tags or rule.entities or rule.keywords):
            yield loc, "names no markings, tags, entities or keywords, so it can never match"
        yield from _unknown(rule.markings, MARKING_LABELS, (*loc, "markings"))
        yield from _unknown(rule.tags, TAGS, (*loc, "tags"))
        yield from _unknown(rule.entities, entities, (*loc, "entities"))


def _rules(doc: PolicyDoc, catalog: Catalog, entities: Sequence[str]) -> Iterator[Problem]:
    yield from _duplicate_ids(doc.rules, ("rules",), "rule")
    for i, rule in enumerate(doc.rules):
        loc: Loc = ("rules", i)
        yield from _condition(rule.when, doc, catalog, entities, (*loc, "when"))
        if rule.unless is not None:
            yield from _condition(rule.unless, doc, catalog, entities, (*loc, "unless"))
        yield from _action(rule, catalog, entities, loc)
        if _matches_everything(rule) and i < len(doc.rules) - 1:
            later = ", ".join(r.id for r in doc.rules[i + 1 :])
            yield loc, f"matches every request, so the rules after it can never apply ({later})"


def _matches_everything(rule: Rule) -> bool:
    return rule.unless is None and not any(v is not None for v in rule.when.model_dump().values())


def _condition(cond: Condition, doc: PolicyDoc, catalog: Catalog, entities: Sequence[str], loc: Loc) -> Iterator[Problem]:
    levels = [lv.id for lv in doc.levels]
    yield from _unknown(cond.levels or [], levels, (*loc, "levels"))
    for name in ("min_level", "max_level"):
        value = getattr(cond, name)
        if value is not None and value not in levels:
            yield (*loc, name), _one_of(value, levels)
    if (
        cond.min_level in levels
        and cond.max_level in levels
        and levels.index(cond.min_level) > levels.index(cond.max_level)
    ):
        yield (*loc, "max_level"), f"{cond.max_level!r} is below min_level {cond.min_level!r}"
    yield from _unknown(cond.tags_any or [], TAGS, (*loc, "tags_any"))
    yield from _unknown(cond.entities_any or [], entities, (*loc, "entities_any"))
    yield from _unknown(cond.markings_any or [], MARKING_LABELS, (*loc, "markings_any"))
    yield from _unknown(cond.models or [], sorted(catalog.models), (*loc, "models"))
    for name in ("levels", "tags_any", "entities_any", "keywords_any", "markings_any", "departments", "roles", "models", "zones"):
        if getattr(cond, name) == []:
            yield (*loc, name), "is an empty list, so it can never match; remove it to match anything"


def _action(rule: Rule, catalog: Catalog, entities: Sequence[str], loc: Loc) -> Iterator[Problem]:
    if rule.entities and rule.action not in ("mask", "pseudonymize"):
        yield (*loc, "entities"), f"per-entity actions need action mask or pseudonymize, not {rule.action}"
    yield from _entity_keys(rule.entities, (*loc, "entities"), entities)
    # A message on a non-block rule is allowed (IT toggles a rule between block and allow while
    # testing); it is only ever shown when the rule blocks.
    if rule.message is not None:
        yield from _message(rule.message, (*loc, "message"))
    if rule.action != "reroute":
        if rule.reroute is not None:
            yield (*loc, "reroute"), f"reroute is only used with action reroute, not {rule.action}"
        return
    if rule.reroute is None:
        yield (*loc, "action"), "action reroute needs a reroute: {model: …} or {zone: …}"
        return
    yield from _reroute(rule, catalog, (*loc, "reroute"))


def _reroute(rule: Rule, catalog: Catalog, loc: Loc) -> Iterator[Problem]:
    target = rule.reroute
    assert target is not None
    if (target.model is None) == (target.zone is None):
        yield loc, "give exactly one of model or zone"
        return
    if target.model is not None:
        info = catalog.models.get(target.model)
        if info is None:
            yield (*loc, "model"), _one_of(target.model, sorted(catalog.models))
            return
        name = target.model
    else:
        zones = target.zone or []
        found = catalog.zone_default(zones)
        if found is None:
            yield (*loc, "zone"), f"no default model for zone {', '.join(zones)} in the catalog (zone_defaults)"
            return
        name = found
        info = catalog.models[name]
    # A target the rule itself would catch again can never be where the request may go.
    if rule.when.zones is not None and info.zone in rule.when.zones:
        yield loc, f"target model {name!r} is in zone {info.zone}, which this rule sends away from"
    if rule.when.models is not None and name in rule.when.models:
        yield loc, f"target model {name!r} is one of the models this rule sends away from"


def _entity_keys(actions: Mapping[str, str], loc: Loc, entities: Sequence[str]) -> Iterator[Problem]:
    for name in actions:
        if name not in entities:
            yield (*loc, name), _one_of(name, entities)


def _message(message: str, loc: Loc) -> Iterator[Problem]:
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(message) if f is not None}
    except ValueError as exc:
        yield loc, f"invalid {{placeholder}}: {exc}"
        return
    for name in sorted(names - MESSAGE_FIELDS):
        yield loc, f"unknown placeholder {{{name}}}; use {', '.join('{' + f + '}' for f in sorted(MESSAGE_FIELDS))}"
