"""`Policy`: one immutable, fully compiled policy; first matching rule wins, reroutes are re-evaluated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from detectors.classify import Classifier
from detectors.combine import tags_for
from detectors.model import ENTITY_TYPES, PERSONAL_ENTITY_TYPES, Detection, ScanResult
from gateway.policy.catalog import Catalog
from gateway.policy.conditions import Check, CompiledCondition, Facts
from gateway.policy.decision import Action, Decision, EntityAction, ModelInfo
from gateway.principal import Principal

if TYPE_CHECKING:
    from detectors import Scanner

# A reroute whose target is rerouted again is followed this many times at most (then: block).
MAX_HOPS = 3
_ENTITY = attrgetter("entity")  # the entity types of a request's findings, collected in C


@dataclass(frozen=True, slots=True)
class CompiledRule:
    id: str
    index: int  # position in `rules:`
    line: int  # line of the rule in the policy file, for explain
    description: str
    when: CompiledCondition
    unless: CompiledCondition | None
    action: Action
    entities: Mapping[str, EntityAction]
    reroute_target: str | None  # resolved model name, checked at load time
    message: str | None

    @property
    def where(self) -> str:
        return f"rules[{self.index}] line {self.line}"


@dataclass(frozen=True, slots=True)
class RuleTrace:
    """How one rule fared against one request."""

    rule: CompiledRule
    checks: tuple[Check, ...]
    unless_checks: tuple[Check, ...] | None

    @property
    def when_ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def excepted(self) -> bool:
        """The `unless:` block held, so the rule stands aside."""
        return self.unless_checks is not None and all(c.ok for c in self.unless_checks)

    @property
    def matched(self) -> bool:
        return self.when_ok and not self.excepted

    def why(self) -> str:
        """Why the rule matched (its conditions) or did not (the first failing condition)."""
        if not self.when_ok:
            failed = next(c for c in self.checks if not c.ok)
            return f"{failed.field}: {failed.detail} → no"
        if self.excepted:
            assert self.unless_checks is not None
            return "unless held: " + "; ".join(f"{c.field}: {c.detail}" for c in self.unless_checks)
        if not self.checks:
            return "no conditions (matches every request)"
        return "; ".join(f"{c.field}: {c.detail}" for c in self.checks)


@dataclass(frozen=True, slots=True)
class Hop:
    """The evaluation of all rules for one candidate model; the first matching rule is `winner`."""

    model: ModelInfo
    traces: tuple[RuleTrace, ...]
    winner: CompiledRule | None


@dataclass(frozen=True, slots=True)
class Defaults:
    action: Action
    message: str


@dataclass(frozen=True, eq=False)
class Policy:
    """A loaded policy. Immutable: reloading builds a new one and swaps the reference."""

    version: str
    path: Path
    name: str
    levels: tuple[str, ...]
    rules: tuple[CompiledRule, ...]
    defaults: Defaults
    output_actions: Mapping[str, EntityAction]
    catalog: Catalog
    classifier: Classifier
    sources: tuple[Path, ...]  # the policy file, its dictionaries, the custom recognisers: what the hot reload watches
    scanner: Scanner | None = field(default=None, repr=False)
    history: str = "withhold_blocked"  # see PolicyDoc.history
    # The entity types this policy may name (canonical, then custom) and which of them are personal data.
    entity_types: tuple[str, ...] = ENTITY_TYPES
    personal_entities: frozenset[str] = PERSONAL_ENTITY_TYPES

    def scan(self, text: str) -> ScanResult:
        """Detect and classify `text` under this policy's levels and keyword lists (thread-safe)."""
        if self.scanner is None:
            raise RuntimeError("this policy was loaded without a scanner (detectors.Scanner unavailable)")
        return self.scanner.scan(text)

    def detect(self, text: str) -> Detection:
        """The findings, markings and keywords of `text`, not yet classified (thread-safe)."""
        if self.scanner is None:
            raise RuntimeError("this policy was loaded without a scanner (detectors.Scanner unavailable)")
        return self.scanner.detect(text)

    def detect_many(self, texts: Sequence[str]) -> list[Detection]:
        """`detect` of each text, from one pass over them all (thread-safe)."""
        if self.scanner is None:
            raise RuntimeError("this policy was loaded without a scanner (detectors.Scanner unavailable)")
        return self.scanner.detect_many(texts)

    def classify(self, detection: Detection) -> ScanResult:
        """Classify a detection made elsewhere under this policy's level scheme (and, where the policy
        has personal custom types, with the tags they make)."""
        if self.personal_entities != PERSONAL_ENTITY_TYPES:
            tags = tags_for(detection.findings, detection.keywords, self.personal_entities)
            if tags != detection.tags:
                detection = replace(detection, tags=tags)
        return self.classifier.classify(detection)

    def rank(self, level: str) -> int:
        """1-based rank of a level; an unknown level counts as the highest (fail closed)."""
        try:
            return self.levels.index(level) + 1
        except ValueError:
            return len(self.levels)

    def evaluate(self, scan: ScanResult, principal: Principal, model: ModelInfo, *, full: bool = True) -> Hop:
        """Rules checked against one request for one model; the first match wins.

        `full` traces every rule (for explain); otherwise only the winner is traced, which is all a
        decision's reason needs and keeps the request path to set lookups.
        """
        # A level this scheme does not know (a scan made under another scheme) is treated as the
        # highest, so every rule guarding confidential data applies (fail closed).
        level = scan.level if scan.level in self.levels else self.levels[-1]
        facts = Facts(
            level=level,
            rank=self.rank(scan.level),
            tags=frozenset(scan.tags),
            entities=frozenset(map(_ENTITY, scan.findings)),
            keywords=frozenset(scan.detection.keywords),
            markings=frozenset(m.label for m in scan.detection.markings),
            principal=principal,
            model=model,
        )
        if not full:
            for rule in self.rules:
                if rule.when.holds(facts) and (rule.unless is None or not rule.unless.holds(facts)):
                    return Hop(model, (self._trace(rule, facts),), rule)
            return Hop(model, (), None)
        traces = []
        winner = None
        for rule in self.rules:
            trace = self._trace(rule, facts)
            traces.append(trace)
            if winner is None and trace.matched:
                winner = rule
        return Hop(model, tuple(traces), winner)

    @staticmethod
    def _trace(rule: CompiledRule, facts: Facts) -> RuleTrace:
        return RuleTrace(
            rule,
            rule.when.checks(facts),
            rule.unless.checks(facts) if rule.unless is not None else None,
        )

    def hops(self, scan: ScanResult, principal: Principal, model: ModelInfo, *, full: bool = True) -> tuple[Hop, ...]:
        """The evaluation for the requested model, then for each reroute target in turn."""
        out = [self.evaluate(scan, principal, model, full=full)]
        while (rule := out[-1].winner) is not None and rule.action == "reroute" and len(out) <= MAX_HOPS:
            assert rule.reroute_target is not None
            if any(h.model.name == rule.reroute_target for h in out):
                break
            out.append(self.evaluate(scan, principal, self.catalog.models[rule.reroute_target], full=full))
        return tuple(out)

    def decide(self, scan: ScanResult, principal: Principal, model: ModelInfo) -> Decision:
        """What to do with this request: the first matching rule, followed through any reroute."""
        return self.decide_from(self.hops(scan, principal, model, full=False), scan, principal)

    def decide_from(self, hops: tuple[Hop, ...], scan: ScanResult, principal: Principal) -> Decision:
        """The decision a sequence of hops amounts to (split out so explain shows the same hops)."""
        requested = hops[0].model
        last = hops[-1]
        chain = tuple(h.winner.id if h.winner else "<defaults>" for h in hops)
        common: dict[str, Any] = {
            "level": scan.level,
            "rank": self.rank(scan.level),
            "policy_version": self.version,
            "rules": chain,
        }
        route = " → ".join(f"{h.model.name}: {self._verdict(h)}" for h in hops)
        rule = last.winner
        if rule is not None and rule.action == "reroute":
            # Either a cycle or too many hops: nowhere left that the policy lets the request go.
            reason = f"reroute chain does not settle ({route})"
            message = self._message(self.defaults.message, rule, scan, principal, requested)
            return Decision("block", rule.id, reason, target_model=requested.name, message=message, **common)
        if rule is None:
            action: Action = self.defaults.action
            reason = f"no rule matched; defaults.action is {action} ({route})"
            if action == "block":
                message = self._message(self.defaults.message, None, scan, principal, requested)
                return Decision("block", "<defaults>", reason, target_model=requested.name, message=message, **common)
            return self._send(hops, scan, "<defaults>", reason, {}, common)
        reason = f"{route}; " + "; ".join(
            f"{h.winner.id} ({h.winner.where}): {self._why(h)}" for h in hops if h.winner is not None
        )
        if rule.action == "block":
            message = self._message(rule.message or self.defaults.message, rule, scan, principal, requested)
            return Decision("block", rule.id, reason, target_model=requested.name, message=message, **common)
        return self._send(hops, scan, chain[0], reason, self._entity_actions(rule, scan), common)

    def _send(
        self,
        hops: tuple[Hop, ...],
        scan: ScanResult,
        rule_id: str,
        reason: str,
        entity_actions: Mapping[str, EntityAction],
        common: dict[str, Any],
    ) -> Decision:
        last = hops[-1]
        rerouted = len(hops) > 1
        action: Action
        if rerouted:
            action = "reroute"
        elif last.winner is not None:
            action = last.winner.action
        else:
            action = "allow"
        action_note = " (nothing to transform)" if action in ("mask", "pseudonymize") and not entity_actions else ""
        return Decision(
            action,
            rule_id,
            reason + action_note,
            target_model=last.model.name,
            entity_actions=MappingProxyType(dict(entity_actions)),
            **common,
        )

    def _verdict(self, hop: Hop) -> str:
        if hop.winner is None:
            return f"defaults.{self.defaults.action}"
        if hop.winner.action == "reroute":
            return f"{hop.winner.id} → reroute to {hop.winner.reroute_target}"
        return f"{hop.winner.id} → {hop.winner.action}"

    @staticmethod
    def _why(hop: Hop) -> str:
        trace = next(t for t in hop.traces if t.rule is hop.winner)
        return trace.why()

    def _entity_actions(self, rule: CompiledRule, scan: ScanResult) -> dict[str, EntityAction]:
        """Per entity type present: the rule's own choice, else the rule's action for personal data."""
        if rule.action not in ("mask", "pseudonymize"):
            return {}
        out: dict[str, EntityAction] = {}
        for entity in sorted({f.entity for f in scan.findings}):
            chosen = rule.entities.get(entity)
            if chosen is None:
                chosen = rule.action if entity in self.personal_entities else "keep"
            if chosen != "keep":
                out[entity] = chosen
        return out

    def _message(
        self, template: str, rule: CompiledRule | None, scan: ScanResult, principal: Principal, model: ModelInfo
    ) -> str:
        values = {
            "level": scan.level,
            "model": model.name,
            "zone": model.zone,
            "department": principal.department,
            "entities": "、".join(sorted({f.entity for f in scan.findings})) or "なし",
            "rule": rule.id if rule else "defaults",
        }
        return template.format_map(values)

    def decide_output(self, scan: ScanResult | None = None) -> Mapping[str, EntityAction]:
        """What to do with each entity type found in an answer but not in the prompt (every type listed)."""
        return self.output_actions


def output_actions(
    default: EntityAction,
    overrides: Mapping[str, EntityAction],
    entity_types: Sequence[str] = ENTITY_TYPES,
    personal: frozenset[str] = PERSONAL_ENTITY_TYPES,
) -> Mapping[str, EntityAction]:
    """The full per-type output table: overrides, else `default` for personal types, else keep."""
    table: dict[str, EntityAction] = {}
    for entity in entity_types:
        table[entity] = overrides.get(entity, default if entity in personal else "keep")
    return MappingProxyType(table)
