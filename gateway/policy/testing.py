"""`sekisho policy test`: run YAML test cases (input, caller, model → expected outcome) against a policy."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from gateway.policy.catalog import Catalog
from gateway.policy.decision import Action, EntityAction, ModelInfo
from gateway.policy.engine import Policy
from gateway.policy.errors import PolicyError, issue_at
from gateway.policy.explain import explain
from gateway.policy.loader import error_message, load_policy
from gateway.policy.yamlread import parse_yaml, read_text
from gateway.principal import Principal
from gateway.zones import Zone


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Caller(_Strict):
    user: str = "policy-test"
    department: str = ""
    roles: list[str] = []


class Expect(_Strict):
    level: str | None = None
    action: Action | None = None
    rule: str | None = None
    model: str | None = None  # the model the request would go to
    entities: dict[str, EntityAction] | None = None  # exact per-type actions
    outgoing: str | None = None  # the exact outgoing text
    outgoing_contains: list[str] = []
    outgoing_excludes: list[str] = []
    message_contains: list[str] = []


class Case(_Strict):
    name: str
    input: str
    caller: Caller = Caller()
    model: str
    expect: Expect


class TestModel(_Strict):
    name: str
    zone: Zone


class TestFile(_Strict):
    policy: str = "../default.yaml"  # relative to the test file
    models: list[TestModel] | None = None  # a catalog for these cases; else the gateway's
    zone_defaults: dict[Zone, str] = {}
    cases: list[Case]


@dataclass(frozen=True, slots=True)
class CaseResult:
    file: Path
    name: str
    line: int
    failures: tuple[str, ...] = ()
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None


@dataclass(slots=True)
class Report:
    results: list[CaseResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be run at all
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.results) and all(r.passed for r in self.results)


def test_files(target: Path) -> list[Path]:
    """The YAML test files under a directory (sorted), or the one file given."""
    if target.is_file():
        return [target]
    return sorted(p for p in target.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def run(target: Path, catalog: Catalog, policy_override: Path | None = None) -> Report:
    """Run every case of every test file under `target`."""
    t0 = time.perf_counter()
    report = Report()
    cache: dict[tuple[object, ...], Policy] = {}
    for path in test_files(target):
        try:
            report.results.extend(_run_file(path, catalog, policy_override, cache))
        except PolicyError as exc:
            report.errors.append(str(exc))
    report.seconds = time.perf_counter() - t0
    return report


def _load_file(path: Path) -> tuple[TestFile, str]:
    _, text = read_text(path)
    data = parse_yaml(path, text)
    try:
        return TestFile.model_validate(data), text
    except ValidationError as exc:
        raise PolicyError(issue_at(path, text, e["loc"], error_message(e, TestFile)) for e in exc.errors()) from exc


def _run_file(
    path: Path, catalog: Catalog, policy_override: Path | None, cache: dict[tuple[object, ...], Policy]
) -> Iterator[CaseResult]:
    spec, text = _load_file(path)
    if spec.models is not None:
        try:
            catalog = catalog.with_models((ModelInfo(m.name, m.zone) for m in spec.models), spec.zone_defaults)
        except ValueError as exc:
            raise PolicyError([issue_at(path, text, ("zone_defaults",), str(exc))]) from exc
    policy_path = (policy_override or (path.parent / spec.policy)).resolve()
    key = (
        policy_path,
        tuple(sorted((n, m.zone) for n, m in catalog.models.items())),
        tuple(sorted(catalog.zone_defaults.items())),
        catalog.recognizer_files,
    )
    policy = cache.get(key)
    if policy is None:
        policy = cache[key] = load_policy(policy_path, catalog)
    for i, case in enumerate(spec.cases):
        line = issue_at(path, text, ("cases", i), "").line
        model = catalog.models.get(case.model)
        if model is None:
            err = issue_at(path, text, ("cases", i, "model"), f"unknown model {case.model!r}; known: {', '.join(sorted(catalog.models))}")
            yield CaseResult(path, case.name, line, error=str(err))
            continue
        try:
            yield CaseResult(path, case.name, line, failures=tuple(_check(policy, case, model)))
        except Exception as exc:  # noqa: BLE001 - one broken case must not hide the others' results
            yield CaseResult(path, case.name, line, error=f"{type(exc).__name__}: {exc}")


def _check(policy: Policy, case: Case, model: ModelInfo) -> Iterator[str]:
    principal = Principal(case.caller.user, case.caller.department, frozenset(case.caller.roles))
    ex = explain(policy, case.input, principal, model)
    d, want = ex.decision, case.expect
    pairs = [
        ("level", want.level, d.level),
        ("action", want.action, d.action),
        ("rule", want.rule, d.rule_id),
        ("model", want.model, d.target_model if d.action != "block" else None),
    ]
    for name, expected, got in pairs:
        if expected is not None and expected != got:
            yield f"{name}: expected {expected!r}, got {got!r}"
    if want.entities is not None and dict(want.entities) != dict(d.entity_actions):
        yield f"entities: expected {dict(want.entities)}, got {dict(d.entity_actions)}"
    if want.outgoing is not None and want.outgoing != ex.outgoing:
        yield f"outgoing: expected {want.outgoing!r}, got {ex.outgoing!r}"
    for needle in want.outgoing_contains:
        if ex.outgoing is None or needle not in ex.outgoing:
            yield f"outgoing: should contain {needle!r}, got {ex.outgoing!r}"
    for needle in want.outgoing_excludes:
        if ex.outgoing is not None and needle in ex.outgoing:
            yield f"outgoing: should not contain {needle!r}, got {ex.outgoing!r}"
    for needle in want.message_contains:
        if d.message is None or needle not in d.message:
            yield f"message: should contain {needle!r}, got {d.message!r}"
