"""The long-lived pieces one gateway process holds, created in the app's lifespan and injected."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, TypeVarTuple, Unpack

from gateway.auth import KeyStore
from gateway.config import Config, check_limit_keys, load_keys, resolve_path
from gateway.detection_cache import DetectionCache
from gateway.registry import Registry
from gateway.trusted import TrustedClients
from gateway.upstream.http import Clients, new_clients

if TYPE_CHECKING:
    # Imported where the services are built (start_services): the policy and audit packages import
    # much, and the configuration commands need none of it.
    from gateway.audit import AuditLog
    from gateway.audit.metrics import Metrics
    from gateway.limits.guard import Limits
    from gateway.memo import Memo
    from gateway.policy import PolicyStore
    from gateway.routing import Router
    from gateway.usecase import TaxonomyStore
    from gateway.vault import Vault

_T = TypeVar("_T")
_Ts = TypeVarTuple("_Ts")


@dataclass(slots=True)
class Services:
    config: Config
    config_path: Path
    registry: Registry
    keys: KeyStore
    policies: PolicyStore
    usecases: TaxonomyStore
    vault: Vault
    audit: AuditLog | None  # None only for `policy explain --show-sent`, which inspects and never audits
    metrics: Metrics
    executor: ThreadPoolExecutor
    http: Clients
    detections: DetectionCache
    trusted: TrustedClients
    router: Router
    limits: Limits
    memo: Memo | None = None  # each conversation's last chat turn (None: every message read every turn)

    async def run_cpu(self, fn: Callable[[Unpack[_Ts]], _T], *args: *_Ts) -> _T:
        """Run CPU-bound work (detection) off the event loop, with the configured timeout."""
        loop = asyncio.get_running_loop()
        return await asyncio.wait_for(
            loop.run_in_executor(self.executor, fn, *args), timeout=self.config.server.scan_timeout_s
        )


async def start_services(config: Config, config_path: Path) -> Services:
    """Build every service; any failure here stops the gateway from starting (fail closed)."""
    from gateway.audit.metrics import Metrics

    metrics = Metrics()
    http = new_clients()
    try:
        return await _build(config, config_path, metrics, http)
    except BaseException:
        # Nothing may leak when the start fails: the session would warn about itself when collected.
        await http.close()
        raise


async def _build(config: Config, config_path: Path, metrics: Metrics, http: Clients) -> Services:
    from gateway.audit import AuditLog
    from gateway.holdback import prepare as prepare_streams
    from gateway.limits.guard import Limits
    from gateway.policy import Catalog, PolicyStore
    from gateway.routing import Router
    from gateway.usecase import TaxonomyStore
    from gateway.vault import open_store

    policy_path = resolve_path(config_path, config.policy.path)
    vault = open_store(config.vault)
    policies = PolicyStore(
        policy_path, Catalog.from_config(config, config_path), config.policy.reload_interval_s, on_reload=metrics.policy_reloaded
    )
    metrics.policy_loaded(policies.current().version)
    registry = Registry(config, http)
    keys = load_keys(config, config_path)
    check_limit_keys(config, config_path, keys)
    services = Services(
        config=config,
        config_path=config_path,
        registry=registry,
        keys=KeyStore(keys, allow_demo=config.allow_demo_key),
        policies=policies,
        usecases=TaxonomyStore(resolve_path(config_path, config.usecases.path), config.usecases.reload_interval_s),
        vault=vault,
        audit=AuditLog.open(config.audit.model_copy(update={"dir": str(audit_dir(config, config_path))}), metrics=metrics),
        metrics=metrics,
        executor=ThreadPoolExecutor(max_workers=config.server.cpu_workers, thread_name_prefix="sekisho-scan"),
        http=http,
        detections=_detection_cache(config, vault),
        trusted=TrustedClients(config.trusted_clients, config_path),
        router=Router(registry, config.router, metrics.registry),
        limits=Limits(config.limits, metrics=metrics.registry),
        memo=_memo(config),
    )
    services.limits.seed_from_audit(audit_dir(config, config_path))
    # Load the dictionaries now, not on the first request: a broken install stops the start instead.
    await services.run_cpu(policies.current().scan, "起動確認：山田太郎（090-0000-0000）")
    await services.run_cpu(prepare_streams)
    return services


def _memo(config: Config) -> Memo | None:
    from gateway.memo import Memo

    cfg = config.detection_cache
    # No detection cache means nothing kept from one request to the next: the memo goes with it.
    return Memo(cfg.conversations) if cfg.entries and cfg.conversations else None


def _detection_cache(config: Config, vault: Vault) -> DetectionCache:
    cfg = config.detection_cache
    redis = None
    if config.vault.redis_url and cfg.shared:
        from redis.asyncio import Redis

        # Short timeouts: the cache only saves work, so a slow Redis must never hold a request long.
        redis = Redis.from_url(config.vault.redis_url, socket_timeout=0.5, socket_connect_timeout=0.5)
    return DetectionCache(vault.keys.detection_cache, max_entries=cfg.entries, redis=redis, ttl_s=cfg.ttl_s)


async def stop_services(services: Services) -> None:
    await services.registry.aclose()
    await services.limits.aclose()
    if services.audit is not None:
        await services.audit.close()
    close = getattr(services.vault, "aclose", None)
    if close is not None:
        await close()
    await services.http.close()
    await services.detections.aclose()
    services.executor.shutdown(wait=False, cancel_futures=True)


def audit_dir(config: Config, config_path: Path) -> Path:
    """The audit directory, relative paths taken from the config file's directory."""
    path = resolve_path(config_path, config.audit.dir)
    assert path is not None
    return path

