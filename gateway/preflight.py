"""What a config needs from its surroundings: secrets it names, the keys file, a writable audit dir, its policy.

`sekisho config check` fails on any error here; `sekisho serve` prints them as warnings and starts
(what the gateway itself cannot run without still stops it, as before).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from gateway.config import ENV_PREFIX, Config, ConfigError, LiteLLMUpstream, OpenAIUpstream, load_keys, resolve_path

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    severity: Severity
    field: str  # where in the config, e.g. models[1].upstream.api_key
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.field}: {self.message}"

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def _unset(ref: str | None) -> str | None:
    """The variable an `env:NAME` reference names when it is unset or empty, else None."""
    if not isinstance(ref, str) or not ref.startswith(ENV_PREFIX):
        return None
    name = ref[len(ENV_PREFIX) :]
    return name if not os.environ.get(name) else None


def check(config: Config, config_path: Path, *, policy: bool = True) -> list[Problem]:
    """Every problem found, errors first; an empty list means the gateway has what it needs."""
    found = [*_secrets(config), *_keys(config, config_path), *_audit_dir(config, config_path)]
    if policy:
        found += _policy(config, config_path)
    return sorted(found, key=lambda p: p.severity != "error")


def _secrets(config: Config) -> list[Problem]:
    out = []
    for i, m in enumerate(config.models):
        up = m.upstream
        if isinstance(up, OpenAIUpstream | LiteLLMUpstream) and (name := _unset(up.api_key)):
            out.append(Problem("error", f"models[{i}].upstream.api_key", f"${name} is not set: model {m.name!r} cannot authenticate"))
        if isinstance(up, LiteLLMUpstream):
            for key, value in up.params.items():
                if name := _unset(value):
                    out.append(Problem("error", f"models[{i}].upstream.params.{key}", f"${name} is not set (model {m.name!r})"))
    if config.vault.redis_url and (name := _unset(config.vault.key)):
        out.append(Problem("error", "vault.key", f"${name} is not set: values cannot be encrypted in Redis (the gateway will not start)"))
    if config.audit.keep_content and (name := _unset(config.audit.content_key)):
        out.append(Problem("error", "audit.content_key", f"${name} is not set while keep_content is true (the gateway will not start)"))
    if name := _unset(config.audit.hmac_key):
        out.append(Problem(
            "warning", "audit.hmac_key",
            f"${name} is not set: a random key is created in the audit directory (.hmac_key); "
            "give every replica the same key through the variable",
        ))  # fmt: skip
    return out


def _keys(config: Config, config_path: Path) -> list[Problem]:
    out = []
    if config.keys_file:
        kpath = (config_path.parent / config.keys_file).resolve()
        if not kpath.is_file():
            out.append(Problem(
                "error", "keys_file",
                f"{kpath} does not exist: no key from it can call the gateway "
                f"(create one: sekisho keys add --config {config_path} --user … --department …)",
            ))  # fmt: skip
    try:
        keys = load_keys(config, config_path)
    except ConfigError as exc:
        return [*out, Problem("error", "keys_file", str(exc))]
    if not keys and not config.allow_demo_key and not out:
        out.append(Problem("error", "keys", "no API key is configured and the demo key is off: every request gets 401"))
    return out


def _audit_dir(config: Config, config_path: Path) -> list[Problem]:
    path = resolve_path(config_path, config.audit.dir)
    assert path is not None
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        what = "is not writable" if existing == path else f"cannot be created ({existing} is not writable)"
        return [Problem("error", "audit.dir", f"{path} {what}: no request can be audited, so none is served")]
    return []


def _policy(config: Config, config_path: Path) -> list[Problem]:
    from gateway.policy import Catalog, PolicyError, load_policy

    try:
        load_policy(resolve_path(config_path, config.policy.path), Catalog.from_config(config, config_path), scanner=False)
    except PolicyError as exc:
        return [Problem("error", "policy.path", f"the policy is invalid:\n{exc}")]
    return []
