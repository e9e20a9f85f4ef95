"""IT-defined recognisers in Presidio's YAML format, run the way Presidio's PatternRecognizer runs them.

The file format is Presidio's (`RecognizerRegistry.add_recognizers_from_yaml`), so IT can reuse what it
knows; the matching is done here with the `regex` module Presidio itself compiles with, under the same
flags (DOTALL, MULTILINE, IGNORECASE), the same per-recogniser removal of contained lower-scored
results, and the same context rule. Presidio (and the spaCy it brings) is not needed for that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.model import Finding
from detectors.yamlpos import locate

# What Presidio's LemmaContextAwareEnhancer does when a context word is near a match; AnalyzerEngine
# would apply it, but it is ~20× too slow for the request path, so the same rule is applied here.
CONTEXT_SIMILARITY_FACTOR: Final = 0.35
MIN_SCORE_WITH_CONTEXT: Final = 0.4
CONTEXT_BEFORE: Final = 30
CONTEXT_AFTER: Final = 10
# Presidio's PatternRecognizer default flags.
REGEX_FLAGS: Final = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE
# A pattern that backtracks this long on one chunk is a broken pattern: the scan fails (and the request
# with it) rather than let text through unread. Presidio logs and skips after 60 s instead.
REGEX_TIMEOUT_S: Final = 2.0

_ENTITY_NAME_RE: Final = re.compile(r"^[A-Z][A-Z0-9_]*$")


class CustomRecognizerError(ValueError):
    """A custom recognizer file that cannot be loaded; the message is `file:line:col: field: problem`."""


class _PatternSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    regex: str = Field(min_length=1)
    score: float = Field(ge=0.0, le=1.0)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            regex.compile(value, REGEX_FLAGS)
        except regex.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        return value


class _RecognizerSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    supported_language: str = "ja"
    supported_entity: str | None = None
    supported_entities: list[str] | None = None
    patterns: list[_PatternSpec] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    deny_list: list[str] = Field(default_factory=list)
    deny_list_score: float = Field(default=1.0, ge=0.0, le=1.0)
    type: Literal["custom"] = "custom"
    enabled: bool = True
    version: str = "0.0.1"

    @model_validator(mode="after")
    def _consistent(self) -> _RecognizerSpec:
        if self.supported_entity and self.supported_entities:
            raise ValueError("give supported_entity or supported_entities, not both")
        if not self.entity:
            raise ValueError("supported_entity is required")
        if self.supported_entities is not None and len(self.supported_entities) != 1:
            raise ValueError("a pattern recognizer supports exactly one entity")
        if not _ENTITY_NAME_RE.match(self.entity):
            raise ValueError(f"entity name {self.entity!r} must be UPPER_SNAKE_CASE, e.g. STAFF_ID")
        if not self.patterns and not self.deny_list:
            raise ValueError("a recognizer needs patterns or a deny_list")
        return self

    @property
    def entity(self) -> str:
        if self.supported_entity:
            return self.supported_entity
        return self.supported_entities[0] if self.supported_entities else ""


class _FileSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    recognizers: list[_RecognizerSpec]


def _deny_list_regex(words: Sequence[str]) -> str:
    """Presidio's deny-list regex needs \\W around a word, which never holds inside Japanese text;
    only refuse to match inside an ASCII word."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return rf"(?<![A-Za-z0-9_])(?:{alternatives})(?![A-Za-z0-9_])"


class CustomScanError(RuntimeError):
    """A custom pattern ran past REGEX_TIMEOUT_S on one text; the scan (and so the request) fails closed."""


@dataclass(frozen=True, slots=True)
class _Pattern:
    name: str
    compiled: regex.Pattern[str]
    score: float


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class CustomDetector:
    """One recogniser's patterns run on the normalised text, spans mapped back to the original."""

    id: str
    entities: tuple[str, ...]
    patterns: tuple[_Pattern, ...]
    context: tuple[str, ...]

    @property
    def entity(self) -> str:
        return self.entities[0]

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        for m in self._matches(norm):
            score = m.score
            if self.context and self._has_context(norm, m.start, m.end):
                score = max(min(score + CONTEXT_SIMILARITY_FACTOR, 1.0), MIN_SCORE_WITH_CONTEXT)
            out.append(finding(artifacts, self.entity, m.start, m.end, score, self.id))
        return out

    def _matches(self, norm: str) -> list[_Match]:
        """Every non-empty match scoring above 0, without those another match of this recogniser contains
        at an equal or higher score (Presidio's `remove_duplicates` within one recogniser)."""
        found: set[_Match] = set()
        for p in self.patterns:
            try:
                for m in p.compiled.finditer(norm, timeout=REGEX_TIMEOUT_S):
                    if m.end() > m.start() and p.score > 0.0:
                        found.add(_Match(m.start(), m.end(), p.score))
            except TimeoutError:
                raise CustomScanError(f"{self.id}: pattern {p.name!r} took over {REGEX_TIMEOUT_S} s") from None
        ordered = sorted(found, key=lambda r: (r.start, -(r.end - r.start), -r.score))
        kept: list[_Match] = []
        active: list[_Match] = []
        for r in ordered:
            active = [a for a in active if a.end >= r.start]
            if any(a.start <= r.start and r.end <= a.end and r.score <= a.score for a in active):
                continue
            kept.append(r)
            active.append(r)
        kept.sort(key=lambda r: (-r.score, r.start, -(r.end - r.start)))
        return kept

    def _has_context(self, norm: str, start: int, end: int) -> bool:
        around = norm[max(0, start - CONTEXT_BEFORE) : start] + " " + norm[end : end + CONTEXT_AFTER]
        lowered = around.lower()
        return any(word.lower() in lowered for word in self.context)


def _location(source: str, text: str, loc: Sequence[str | int]) -> str:
    line, col = locate(text, loc)
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return f"{source}:{line}:{col}: {path or '(document)'}"


def _build(spec: _RecognizerSpec) -> CustomDetector:
    patterns = [_Pattern(p.name, regex.compile(p.regex, REGEX_FLAGS), p.score) for p in spec.patterns]
    if spec.deny_list:
        words = regex.compile(_deny_list_regex(spec.deny_list), REGEX_FLAGS)
        patterns.append(_Pattern("deny_list", words, spec.deny_list_score))
    return CustomDetector(f"custom.{spec.name}", (spec.entity,), tuple(patterns), tuple(spec.context))


def parse_custom_detectors(text: str, source: str = "<string>") -> list[CustomDetector]:
    """Detectors from the YAML text of a Presidio-format recognizer file."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else f"{source}:1:1"
        raise CustomRecognizerError(f"{where}: (document): not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise CustomRecognizerError(f"{source}:1:1: (document): expected a mapping with a 'recognizers' list")
    try:
        spec = _FileSpec.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [part for part in first["loc"] if not (isinstance(part, str) and part.startswith("function-"))]
        message = str(first["msg"]).removeprefix("Value error, ")
        raise CustomRecognizerError(f"{_location(source, text, loc)}: {message}") from None
    seen: dict[str, int] = {}
    for i, rec in enumerate(spec.recognizers):
        if rec.name in seen:
            raise CustomRecognizerError(
                f"{_location(source, text, ['recognizers', i, 'name'])}: duplicate recognizer name "
                f"{rec.name!r} (first at recognizers[{seen[rec.name]}])"
            )
        seen[rec.name] = i
    return [_build(rec) for rec in spec.recognizers if rec.enabled]


def load_custom_detectors(path: str | Path) -> list[CustomDetector]:
    """Detectors from a Presidio-format recognizer YAML file; raises CustomRecognizerError with file:line:col."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise CustomRecognizerError(f"{p}:1:1: (document): cannot read: {exc.strerror}") from None
    return parse_custom_detectors(text, str(p))
