"""YAML file → validated, compiled `Policy`; every problem is a located `PolicyError`."""

from __future__ import annotations

import hashlib
import inspect
import re
import sys
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from detectors import Scanner
from detectors.classify import Classifier, ClassRule, Level
from detectors.custom import CustomDetector, CustomRecognizerError, parse_custom_detectors
from detectors.keywords import Dictionaries
from detectors.model import ENTITY_TYPES, PERSONAL_ENTITY_TYPES
from gateway.policy import validate
from gateway.policy.catalog import Catalog
from gateway.policy.conditions import CompiledCondition
from gateway.policy.engine import CompiledRule, Defaults, Policy, output_actions
from gateway.policy.errors import PolicyError, PolicyIssue, issue_at
from gateway.policy.schema import PolicyDoc
from gateway.policy.yamlread import parse_yaml, read_text

# Policy files live at the repository root (`policies/`), beside the packages; an installed copy
# is looked for under `<prefix>/share/sekisho/policies/` (setuptools data-files).
_REPO_POLICIES = Path(__file__).resolve().parents[2] / "policies"
_INSTALLED_POLICIES = Path(sys.prefix) / "share" / "sekisho" / "policies"


def policies_dir() -> Path:
    """The directory holding the shipped policies (`default.yaml`, `five-level.yaml`, `tests/`)."""
    for candidate in (_REPO_POLICIES, _INSTALLED_POLICIES):
        if (candidate / "default.yaml").is_file():
            return candidate
    return _REPO_POLICIES


def default_policy_path() -> Path:
    """The shipped default policy."""
    return policies_dir() / "default.yaml"


def load_policy(path: str | Path | None, catalog: Catalog, *, scanner: bool = True) -> Policy:
    """Load, validate and compile a policy file (None: the shipped default); raises PolicyError."""
    p = Path(path) if path is not None else default_policy_path()
    raw, text = read_text(p)
    data = parse_yaml(p, text)
    doc = _validate(p, text, data)
    custom, custom_bytes = _custom_detectors(catalog.recognizer_files)
    entity_types, personal = _entity_types(custom, catalog.not_personal)
    problems = validate.check(doc, catalog, entity_types)
    if problems:
        raise PolicyError(issue_at(p, text, loc, msg) for loc, msg in problems)
    dict_paths, dict_bytes = _dictionaries(p, text, doc)
    digest = hashlib.sha256(raw)
    for blob in (*dict_bytes, *custom_bytes):
        digest.update(hashlib.sha256(blob).digest())
    classifier = _classifier(doc)
    dictionaries = _load_dictionaries(p, text, dict_paths)
    problems = _keyword_names(doc, dictionaries)
    if problems:
        raise PolicyError(issue_at(p, text, loc, msg) for loc, msg in problems)
    return Policy(
        version=digest.hexdigest()[:20],
        path=p,
        name=doc.name,
        levels=tuple(lv.id for lv in doc.levels),
        rules=_rules(doc, catalog, text),
        defaults=Defaults(doc.defaults.action, doc.defaults.message),
        output_actions=output_actions(doc.output.default, doc.output.entities, entity_types, personal),
        history=doc.history,
        catalog=catalog,
        classifier=classifier,
        sources=(p, *dict_paths, *catalog.recognizer_files),
        scanner=Scanner(dictionaries, custom, classifier, personal) if scanner else None,
        entity_types=entity_types,
        personal_entities=personal,
    )


def _validate(path: Path, text: str, data: Any) -> PolicyDoc:
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {type(data).__name__}"
        raise PolicyError([PolicyIssue(str(path), 1, 1, "<root>", f"expected a mapping (version:, levels:, rules: …), got {got}")])
    try:
        return PolicyDoc.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(
            issue_at(path, text, _as_written(data, err["loc"]), error_message(err)) for err in exc.errors()
        ) from exc


def _as_written(data: Any, loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """Drop the list index pydantic adds to a scalar it accepted as a one-item list (`zone: japan`)."""
    node = data
    for i, key in enumerate(loc):
        if isinstance(key, int) and not isinstance(node, list):
            return tuple(loc[:i])
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return tuple(loc)


def error_message(err: Any, root: type[BaseModel] = PolicyDoc) -> str:
    """Pydantic's error in words an IT editor can act on, naming the valid choices."""
    kind = err["type"]
    value = err.get("input")
    if kind == "literal_error":
        expected = str(err["ctx"]["expected"]).replace("'", "").replace(" or ", ", ")
        return f"{value!r} is not one of {expected}"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(root, err["loc"][:-1])
        return f"unknown key {err['loc'][-1]!r}" + (f"; allowed: {', '.join(allowed)}" if allowed else "")
    if kind == "missing":
        return "required field is missing"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "int_type", "float_type", "bool_type"):
        return f"{err['msg'].lower().replace('input should be', 'must be')}, got {type(value).__name__} {value!r}"
    return str(err["msg"])


def _allowed_keys(root: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    model: type[BaseModel] | None = root
    for key in loc:
        if model is None:
            return []
        if isinstance(key, str):
            fld = model.model_fields.get(key)
            model = _submodel(fld.annotation) if fld is not None else None
    return list(model.model_fields) if model is not None else []


def _submodel(tp: Any) -> type[BaseModel] | None:
    if inspect.isclass(tp) and issubclass(tp, BaseModel):
        return tp
    for arg in typing.get_args(tp):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _dictionaries(path: Path, text: str, doc: PolicyDoc) -> tuple[tuple[Path, ...], list[bytes]]:
    paths, blobs, issues = [], [], []
    for i, name in enumerate(doc.dictionaries):
        dp = (path.parent / name).resolve()
        try:
            blobs.append(dp.read_bytes())
            paths.append(dp)
        except OSError as exc:
            issues.append(issue_at(path, text, ("dictionaries", i), f"cannot read {dp}: {exc.strerror}"))
    if issues:
        raise PolicyError(issues)
    return tuple(paths), blobs


def _classifier(doc: PolicyDoc) -> Classifier:
    levels = tuple(Level(lv.id, i + 1) for i, lv in enumerate(doc.levels))
    rules = tuple(
        ClassRule(
            level=r.level,
            markings=frozenset(r.markings),
            tags=frozenset(r.tags),
            entities=frozenset(r.entities),
            keywords=frozenset(r.keywords),
            id=r.id,
        )
        for r in doc.classification.rules
    )
    return Classifier(levels=levels, rules=rules)


def _rules(doc: PolicyDoc, catalog: Catalog, text: str) -> tuple[CompiledRule, ...]:
    ranks = {lv.id: i + 1 for i, lv in enumerate(doc.levels)}
    lines = _rule_lines(text)
    out = []
    for i, rule in enumerate(doc.rules):
        target = None
        if rule.reroute is not None:
            target = rule.reroute.model or catalog.zone_default(rule.reroute.zone or [])
        out.append(
            CompiledRule(
                id=rule.id,
                index=i,
                line=lines[i],
                description=rule.description,
                when=CompiledCondition.compile(rule.when, ranks),
                unless=CompiledCondition.compile(rule.unless, ranks) if rule.unless is not None else None,
                action=rule.action,
                entities=dict(rule.entities),
                reroute_target=target,
                message=rule.message,
            )
        )
    return tuple(out)


_LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:(?P<field>[^:\s]+): )?(?P<msg>.*)$", re.S)


def _dictionary_issue(path: Path, text: str, exc: Exception) -> PolicyIssue:
    """A keyword file's own located error stays located in that file; anything else points at `dictionaries`."""
    m = _LOCATED.match(str(exc))
    if m is None:
        return issue_at(path, text, ("dictionaries",), f"keyword lists: {exc}")
    return PolicyIssue(m["file"], int(m["line"]), int(m["col"]), m["field"] or "<root>", m["msg"])


def _rule_lines(text: str) -> list[int]:
    """1-based line of each item of `rules:` (one compose; `locate` per rule would parse n times)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "rules" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _load_dictionaries(path: Path, text: str, dict_paths: tuple[Path, ...]) -> Dictionaries:
    """The shipped keyword lists with the policy's own files merged over them."""
    try:
        return Dictionaries.load(*dict_paths)
    except Exception as exc:  # any loader error is an invalid policy, reported with its place
        raise PolicyError([_dictionary_issue(path, text, exc)]) from exc


def keyword_names(d: Dictionaries) -> list[str]:
    """The names a policy may use in `keywords` / `keywords_any`, as the scanner reports them."""
    return sorted([*(f"keyword:{n}" for n in d.keywords), *(f"sensitive:{n}" for n in d.sensitive)])


def _keyword_names(doc: PolicyDoc, d: Dictionaries) -> list[validate.Problem]:
    valid = keyword_names(d)
    places: list[tuple[tuple[str | int, ...], list[str]]] = [
        (("classification", "rules", i, "keywords"), r.keywords) for i, r in enumerate(doc.classification.rules)
    ]
    for i, rule in enumerate(doc.rules):
        for part, cond in (("when", rule.when), ("unless", rule.unless)):
            if cond is not None and cond.keywords_any:
                places.append((("rules", i, part, "keywords_any"), cond.keywords_any))
    return [
        ((*loc, j), f"unknown keyword list {name!r}; known: {', '.join(valid) or 'none'}")
        for loc, names in places
        for j, name in enumerate(names)
        if name not in valid
    ]


def _custom_detectors(files: Sequence[Path]) -> tuple[list[CustomDetector], list[bytes]]:
    """The config's custom recognisers, read now (so a reload picks up their edits); every file's
    problems are located in that file."""
    detectors: list[CustomDetector] = []
    blobs: list[bytes] = []
    issues: list[PolicyIssue] = []
    first: dict[str, Path] = {}
    for path in files:
        try:
            raw, text = read_text(path)
            found = parse_custom_detectors(text, str(path))
        except PolicyError as exc:
            issues.extend(exc.issues)
            continue
        except CustomRecognizerError as exc:
            issues.append(_located_issue(path, exc))
            continue
        for i, det in enumerate(found):
            if det.id in first:
                issues.append(
                    issue_at(path, text, ("recognizers", i, "name"), f"recognizer {det.id.removeprefix('custom.')!r} is also defined in {first[det.id]}")
                )
            first.setdefault(det.id, path)
        detectors.extend(found)
        blobs.append(raw)
    if issues:
        raise PolicyError(issues)
    return detectors, blobs


def _entity_types(custom: Sequence[CustomDetector], not_personal: frozenset[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The entity types a policy may name (canonical, then the custom ones) and those that are personal
    data: a custom type is, unless the config lists it under `detection.not_personal` (fail closed)."""
    new = tuple(dict.fromkeys(e for d in custom for e in d.entities if e not in ENTITY_TYPES))
    return (*ENTITY_TYPES, *new), PERSONAL_ENTITY_TYPES | (frozenset(new) - not_personal)


def _located_issue(path: Path, exc: Exception) -> PolicyIssue:
    m = _LOCATED.match(str(exc))
    if m is None:
        return PolicyIssue(str(path), 1, 1, "<root>", str(exc))
    return PolicyIssue(m["file"], int(m["line"]), int(m["col"]), m["field"] or "<root>", m["msg"])
