"""`sekisho.yaml`: the gateway's own configuration (models, keys, stores), validated strictly."""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from gateway.limits.config import LimitsConfig
from gateway.zones import ZONES, Zone

DEMO_KEY = "sk-sekisho-demo"
ENV_PREFIX = "env:"


class ConfigError(Exception):
    """The configuration file is invalid; the message names file, line and field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def resolve_secret(value: str | None) -> str | None:
    """The value of an `env:NAME` reference (None when unset)."""
    if value is None:
        return None
    if value.startswith(ENV_PREFIX):
        return os.environ.get(value[len(ENV_PREFIX) :]) or None
    return value


class OpenAIUpstream(_Strict):
    type: Literal["openai"] = "openai"
    base_url: str
    model: str | None = None  # upstream model name; defaults to the public name
    api_key: str | None = None  # must be `env:NAME`
    timeout_s: float = 60.0
    headers: dict[str, str] = {}

    @model_validator(mode="after")
    def _key_from_env(self) -> OpenAIUpstream:
        _require_env_ref(self.api_key)
        return self


# litellm parameters that are credentials: like api_key, they must be given as env:NAME.
SECRET_PARAMS = frozenset(
    {"api_key", "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "azure_ad_token", "client_secret"}
)


class LiteLLMUpstream(_Strict):
    type: Literal["litellm"]
    model: str  # any litellm model string, e.g. "anthropic/claude-3-5-sonnet-latest"
    api_key: str | None = None  # must be `env:NAME`
    timeout_s: float = 60.0
    # Passed to litellm as keyword arguments (api_base, api_version, aws_region_name, vertex_location …);
    # a string value `env:NAME` is read from the environment when the model is built.
    params: dict[str, Any] = {}

    @model_validator(mode="after")
    def _key_from_env(self) -> LiteLLMUpstream:
        _require_env_ref(self.api_key)
        for name in SECRET_PARAMS & set(self.params):
            value = self.params[name]
            if not isinstance(value, str) or not value.startswith(ENV_PREFIX):
                raise ValueError(f"params.{name}: secrets must be given as env:VARIABLE_NAME, never inline")
        return self

    def resolved_params(self) -> dict[str, Any]:
        """`params` with every `env:NAME` string replaced by the variable's value (dropped when unset)."""
        out: dict[str, Any] = {}
        for name, value in self.params.items():
            if isinstance(value, str) and value.startswith(ENV_PREFIX):
                value = resolve_secret(value)
                if value is None:
                    continue
            out[name] = value
        return out


class EchoUpstream(_Strict):
    type: Literal["echo"]


Upstream = Annotated[OpenAIUpstream | LiteLLMUpstream | EchoUpstream, Field(discriminator="type")]


class Prices(_Strict):
    """Yen per million tokens, for the usage figures of 効果検証."""

    input_per_mtok: float = 0.0
    output_per_mtok: float = 0.0


class DeploymentConfig(_Strict):
    """One upstream serving a public model; several are balanced by weight (LiteLLM's model_list entries)."""

    id: str | None = None  # for /metrics and /readyz; defaults to "<model>#<index>"
    zone: Zone | None = None  # where this deployment runs; defaults to the model's zone
    weight: float = Field(default=1.0, gt=0)
    upstream: Upstream
    prices: Prices | None = None  # defaults to the model's prices


class ModelConfig(_Strict):
    name: str
    # The zone the policy sees for this name: no deployment may run in a more exposed zone.
    zone: Zone
    upstream: Upstream | None = None  # one upstream, or `deployments:`
    deployments: list[DeploymentConfig] = []
    fallbacks: list[str] = []  # other public models tried in order when every deployment failed
    description: str = ""
    embeddings: bool = False  # whether /v1/embeddings may use this model
    # /v1/responses: `bridge` asks the upstream's chat completions; `native` passes it to its /responses.
    responses: Literal["bridge", "native"] = "bridge"
    prices: Prices = Prices()

    @model_validator(mode="after")
    def _one_way(self) -> ModelConfig:
        if (self.upstream is None) == (not self.deployments):
            raise ValueError("give either `upstream` or `deployments`, not both and not neither")
        if self.responses == "native" and any(d.upstream.type != "openai" for d in self.deployment_list()):
            raise ValueError("responses: native needs upstreams of type openai (others are bridged)")
        return self

    def deployment_list(self) -> list[DeploymentConfig]:
        """The deployments with ids, zones and prices filled in (a single `upstream` is one deployment)."""
        # The validator above requires exactly one of `upstream` and `deployments`.
        raw = self.deployments or ([DeploymentConfig(upstream=self.upstream)] if self.upstream is not None else [])
        return [
            d.model_copy(update={
                "id": d.id or (self.name if len(raw) == 1 else f"{self.name}#{i}"),
                "zone": d.zone or self.zone,
                "prices": d.prices or self.prices,
            })
            for i, d in enumerate(raw)
        ]  # fmt: skip


class RouterConfig(_Strict):
    """How deployments are chosen and cooled down (names as in LiteLLM's router_settings)."""

    routing_strategy: Literal["simple-shuffle"] = "simple-shuffle"  # weighted random among healthy deployments
    allowed_fails: int = Field(default=0, ge=0)  # failures in a row tolerated before a cooldown
    cooldown_s: float = Field(default=30.0, ge=0)


class KeyConfig(_Strict):
    id: str
    hash: str  # "sha256:<hex>" of the key
    user: str
    department: str
    roles: list[str] = []
    models: list[str] | None = None  # restrict this key to these public model names


class ServerConfig(_Strict):
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 4 * 1024 * 1024
    cpu_workers: int = 2  # threads for detection, off the event loop
    scan_timeout_s: float = 10.0


class PolicyRef(_Strict):
    path: str | None = None  # a policy file; the shipped default when absent
    reload_interval_s: float = 2.0


class UsecasesRef(_Strict):
    path: str | None = None  # the use-case taxonomy (policies/usecases.yaml shipped when absent)
    reload_interval_s: float = 2.0


class DetectionConfig(_Strict):
    # IT's own recognisers in Presidio's YAML format (宛名番号, 職員番号 …), relative to this file.
    # Read with the policy: at start, and again on every policy reload (a bad edit keeps the last good).
    custom_recognizers: list[str] = []
    # Custom entity types that identify no one (a project's code name). Every other custom type is
    # personal data: tagged `personal` and handled like PERSON by mask and pseudonymize rules.
    not_personal: list[str] = []

    @model_validator(mode="after")
    def _custom_types_only(self) -> DetectionConfig:
        from detectors.model import ENTITY_TYPES

        canonical = [name for name in self.not_personal if name in ENTITY_TYPES]
        if canonical:
            raise ValueError(f"not_personal names only custom entity types, not {', '.join(canonical)}")
        return self


class VaultConfig(_Strict):
    redis_url: str | None = None
    ttl_s: int = 7 * 24 * 3600
    key: str = "env:SEKISHO_VAULT_KEY"  # encryption key for values kept in Redis


class AuditConfig(_Strict):
    dir: str = "./var/audit"
    fail_closed: bool = True  # a record that cannot be written fails the request
    hmac_key: str = "env:SEKISHO_AUDIT_HMAC_KEY"
    keep_content: bool = False  # keep prompt and answer, encrypted, for 公文書管理
    content_key: str = "env:SEKISHO_AUDIT_CONTENT_KEY"
    redis_url: str | None = None  # also publish each record to a Redis Stream
    stream: str = "sekisho:audit"


class InspectionConfig(_Strict):
    """How request bodies are read: see docs/inspection.md."""

    unknown_fields: Literal["scan", "reject"] = "scan"  # fields the OpenAI API does not define
    bidi_controls: Literal["clean", "reject"] = "clean"  # text direction overrides (U+202A–202E, U+2066–2069)


class DetectionCacheConfig(_Strict):
    """Per-message detection results, so a long conversation is not rescanned every turn."""

    entries: int = Field(default=20_000, ge=0)  # in-process LRU size (0: no cache)
    ttl_s: int = Field(default=3600, ge=1)  # in Redis, when vault.redis_url is set
    shared: bool = True  # share results across workers through the vault's Redis
    # Conversations whose last chat turn each worker keeps, so the next turn reads only its new messages
    # (0: every message is read every turn; also when entries is 0).
    conversations: int = Field(default=1000, ge=0)


class DepartmentRule(_Strict):
    match: str  # a glob on the end user (e.g. "*@zeimu.city.example.lg.jp")
    department: str


class TrustedClientConfig(_Strict):
    """A shared front end whose key may name the end user (docs/chat-uis.md)."""

    key_id: str  # the `id` of the front end's key
    kind: Literal["open-webui", "dify", "generic"]
    users_file: str | None = None  # {users: [{user, department}]}, relative to this file
    department_rules: list[DepartmentRule] = []  # first match, after the users file
    unknown_users: Literal["key_department", "reject"] = "key_department"


class Config(_Strict):
    server: ServerConfig = ServerConfig()
    trusted_clients: list[TrustedClientConfig] = []
    detection_cache: DetectionCacheConfig = DetectionCacheConfig()
    inspection: InspectionConfig = InspectionConfig()
    models: list[ModelConfig]
    zone_defaults: dict[Zone, str] = {}  # the model a `reroute: {zone: …}` goes to
    router: RouterConfig = RouterConfig()
    limits: LimitsConfig = LimitsConfig()
    keys: list[KeyConfig] = []
    # A separate file of keys (`keys: [...]`), relative to this file; `sekisho keys add` appends to it.
    keys_file: str | None = None
    policy: PolicyRef = PolicyRef()
    usecases: UsecasesRef = UsecasesRef()
    detection: DetectionConfig = DetectionConfig()
    vault: VaultConfig = VaultConfig()
    audit: AuditConfig = AuditConfig()
    allow_demo_key: bool = False  # accept sk-sekisho-demo (loopback binding only)

    @model_validator(mode="after")
    def _check_names(self) -> Config:
        names = [m.name for m in self.models]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate model names: {', '.join(dupes)}")
        for zone, model in self.zone_defaults.items():
            match = [m for m in self.models if m.name == model]
            if not match:
                raise ValueError(f"zone_defaults.{zone}: unknown model {model!r}")
            if match[0].zone != zone:
                raise ValueError(f"zone_defaults.{zone}: model {model!r} is in zone {match[0].zone}")
        ids = [k.id for k in self.keys]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate key ids")
        trusted = [c.key_id for c in self.trusted_clients]
        if len(trusted) != len(set(trusted)):
            raise ValueError("trusted_clients: a key id is listed twice")
        return self

    def problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Cross-references a field validator cannot see: (path, message) for each bad one."""
        names = {m.name for m in self.models}
        out: list[tuple[tuple[str | int, ...], str]] = []
        seen: dict[str, int] = {}
        for i, m in enumerate(self.models):
            for j, name in enumerate(m.fallbacks):
                if name == m.name or name not in names:
                    out.append((("models", i, "fallbacks", j), f"{name!r} is not another configured model"))
                elif m.fallbacks.index(name) != j:
                    out.append((("models", i, "fallbacks", j), f"{name!r} is listed twice"))
            for j, d in enumerate(m.deployment_list()):
                assert d.id is not None and d.zone is not None
                if ZONES.index(d.zone) > ZONES.index(m.zone):
                    why = f"{d.zone} is more exposed than the model's zone {m.zone} (the policy decides on the model's zone)"
                    out.append((("models", i, "deployments", j, "zone"), why))
                if d.id in seen:
                    out.append((("models", i, "deployments", j, "id"), f"deployment id {d.id!r} is used twice"))
                seen[d.id] = i
        return out

    def model(self, name: str) -> ModelConfig | None:
        return next((m for m in self.models if m.name == name), None)


def _require_env_ref(value: str | None) -> None:
    if value is not None and not value.startswith(ENV_PREFIX):
        raise ValueError("secrets must be given as env:VARIABLE_NAME, never inline")


def bundled_config_path() -> Path:
    return Path(str(resources.files("gateway") / "data" / "default.yaml"))


def resolve_path(config_path: Path, value: str | None) -> Path | None:
    """A path from the config: relative to the config file, or to the working directory for the bundled one."""
    if value is None:
        return None
    p = Path(value)
    if p.is_absolute():
        return p
    base = Path.cwd() if config_path == bundled_config_path() else config_path.parent
    return base / p


def load_config(path: str | Path | None = None) -> tuple[Config, Path]:
    """Load and validate `sekisho.yaml` (the bundled default when no path is given)."""
    p = Path(path) if path else bundled_config_path()
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{p}:{mark.line + 1}:{mark.column + 1}" if mark else str(p)
        raise ConfigError(f"{where}: YAML syntax error: {getattr(exc, 'problem', exc)}") from exc
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(format_errors(p, text, exc)) from exc
    problems = cfg.problems()
    if problems:
        raise ConfigError("\n".join(_located(p, text, loc, msg) for loc, msg in problems))
    return cfg, p


def format_errors(path: Path, text: str, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = [x for x in err["loc"] if not isinstance(x, str) or x not in _UNION_TAGS]
        lines.append(_located(path, text, loc, err["msg"]))
    return "\n".join(lines)


def _located(path: Path, text: str, loc: Sequence[str | int], message: str) -> str:
    from detectors.yamlpos import locate

    line, col = locate(text, loc)
    field = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in loc).lstrip(".")
    return f"{path}:{line}:{col}: {field or '<root>'}: {message}"


_UNION_TAGS = {"openai", "litellm", "echo"}


class _KeysFile(_Strict):
    keys: list[KeyConfig] = []


def check_limit_keys(cfg: Config, config_path: Path, keys: list[KeyConfig]) -> None:
    """`limits.keys` may name only keys that exist (a typo would silently leave a key unlimited)."""
    known = {k.id for k in keys}
    unknown = [k for k in cfg.limits.keys if k not in known]
    if unknown:
        text = config_path.read_text(encoding="utf-8")
        raise ConfigError("\n".join(_located(config_path, text, ("limits", "keys", k), f"no key has the id {k!r}") for k in unknown))


def load_keys(cfg: Config, config_path: Path) -> list[KeyConfig]:
    """The inline keys plus those of `keys_file` (relative to the config file)."""
    keys = list(cfg.keys)
    if cfg.keys_file:
        kpath = (config_path.parent / cfg.keys_file).resolve()
        if kpath.exists():
            text = kpath.read_text(encoding="utf-8")
            try:
                data = yaml.safe_load(text) or {}
                keys += _KeysFile.model_validate(data).keys
            except yaml.YAMLError as exc:
                raise ConfigError(f"{kpath}: YAML syntax error: {exc}") from exc
            except ValidationError as exc:
                raise ConfigError(format_errors(kpath, text, exc)) from exc
    ids = [k.id for k in keys]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ConfigError(f"{config_path}: duplicate key ids: {', '.join(dupes)}")
    return keys
