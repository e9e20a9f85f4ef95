"""What a model would receive for one prompt: the real inspection path run in-process, without sending.

`sekisho policy explain --show-sent` prints it. The request goes through `pipeline.inspect`, the same
function the gateway runs before every upstream call (whole-body inspection, policy, the vault's
transform), against an in-memory vault; nothing is sent, nothing is audited.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from gateway.config import Config, resolve_path
from gateway.principal import Principal


def sent_body(config: Config, config_path: Path, policy_path: Path | None, prompt: str, principal: Principal,
              model: str) -> dict[str, Any] | None:  # fmt: skip
    """The chat completions body the upstream of `model` would receive, or None when the policy blocks it."""
    return asyncio.run(_inspect(config, config_path, policy_path, prompt, principal, model))


async def _inspect(
    config: Config, config_path: Path, policy_path: Path | None, prompt: str, principal: Principal, model: str
) -> dict[str, Any] | None:

    from gateway import pipeline
    from gateway.audit.metrics import Metrics
    from gateway.auth import KeyStore
    from gateway.errors import PolicyBlocked
    from gateway.inspect import chat_texts
    from gateway.limits.guard import Limits
    from gateway.policy import Catalog, PolicyStore
    from gateway.registry import Registry
    from gateway.routing import Router
    from gateway.services import Services, _detection_cache
    from gateway.trusted import TrustedClients
    from gateway.usecase import TaxonomyStore
    from gateway.vault import open_store

    # Pseudonyms are numbered per conversation; a throwaway in-memory vault numbers them as a new chat would.
    # Nothing is routed, limited or counted, so the router, limits and metrics are in-memory throwaways.
    local = config.model_copy(
        update={
            "vault": config.vault.model_copy(update={"redis_url": None}),
            "limits": config.limits.model_copy(update={"redis_url": None}),
        }
    )
    from gateway.upstream.http import new_clients

    http = new_clients()
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sekisho-explain")
    vault = open_store(local.vault)
    registry = Registry(local, http)
    services = Services(
        config=local,
        config_path=config_path,
        registry=registry,
        keys=KeyStore([]),
        policies=PolicyStore(policy_path, Catalog.from_config(local, config_path)),
        vault=vault,
        audit=None,
        metrics=Metrics(),
        executor=executor,
        http=http,
        detections=_detection_cache(local, vault),
        trusted=TrustedClients(local.trusted_clients, config_path),
        usecases=TaxonomyStore(resolve_path(config_path, local.usecases.path), local.usecases.reload_interval_s),
        router=Router(registry, local.router),  # explain inspects only: nothing is routed, limited or sent
        limits=Limits(local.limits),
    )
    ex = pipeline.Exchange(request_id="explain", principal=principal, endpoint="chat.completions")
    body: dict[str, Any] = {"model": model, "messages": [{"role": "user", "content": prompt}]}
    try:
        reading = (local.inspection.unknown_fields, local.inspection.bidi_controls)
        await pipeline.inspect(services, ex, body, chat_texts(body, *reading))
    except PolicyBlocked:
        return None
    finally:
        await services.registry.aclose()
        await http.close()
        executor.shutdown(wait=False)
    return body
