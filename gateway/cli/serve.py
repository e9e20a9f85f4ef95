"""`sekisho serve`: run the gateway (the embedded default when no config is given)."""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gateway.config import DEMO_KEY, Config, ConfigError, check_limit_keys, load_config, load_keys

if TYPE_CHECKING:
    from fastapi import FastAPI


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--config", "config_path", envvar="SEKISHO_CONFIG", type=click.Path(dir_okay=False), help="sekisho.yaml (or $SEKISHO_CONFIG); the bundled demo config when absent.")
@click.option("--host", default=None, help="Address to bind (default: the config's server.host, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: the config's server.port, 8000).")
@click.option(
    "--workers",
    default="auto",
    show_default=True,
    help="Worker processes: a number, or auto (one per core when vault.redis_url is set, else 1).",
)
@click.option("--log-level", default="info", show_default=True)
def serve(config_path: str | None, host: str | None, port: int | None, workers: str, log_level: str) -> None:
    """Run the gateway."""
    try:
        config, path = load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        check_limit_keys(config, path, load_keys(config, path))
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    n_workers = resolve_workers(workers, config.vault.redis_url is not None)
    if n_workers > 1 and config.limits.active and not config.limits.redis_url:
        # Limits counted in memory: each worker would count its own share of every department's.
        if workers != "auto":
            raise click.ClickException(
                "limits are counted in this process's memory: with --workers each worker would count its own share. "
                "Set limits.redis_url (shared counters) or run one worker."
            )
        n_workers = 1
    host = host or config.server.host
    port = port if port is not None else config.server.port
    if config.allow_demo_key and not _is_loopback(host):
        raise click.ClickException(
            f"this config accepts the demo key {DEMO_KEY}; it may only bind to loopback (not {host}). "
            "Set allow_demo_key: false and add real keys (sekisho keys add) to serve on the network."
        )
    _check_policy(config, path)
    os.environ["SEKISHO_CONFIG"] = str(path)
    _banner(config, path, host, port, n_workers)
    _warn(config, path)
    import uvicorn

    uvicorn.run(
        "gateway.asgi:app" if n_workers > 1 else _app(config, path),
        host=host,
        port=port,
        workers=n_workers,
        log_level=log_level,
        access_log=False,
        factory=False,
        log_config=_log_config(log_level),
    )


def cores() -> int:
    """CPUs this process may use: its affinity, capped by a cgroup v2 CPU quota (a container's --cpus)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as fh:
            quota, period = fh.read().split()[:2]
    except (OSError, ValueError):
        return n
    if quota == "max":
        return n
    return max(1, min(n, -(-int(quota) // int(period))))


def resolve_workers(value: str, shared_vault: bool) -> int:
    """How many worker processes `--workers VALUE` means for a config with or without a shared vault.

    Pseudonyms of a conversation live in the vault: kept in memory, each process would number and
    restore its own, and a turn answered by another worker would read 〔氏名1〕 as someone else. So
    several workers need vault.redis_url; `auto` is one per core with it and 1 without.
    """
    if value == "auto":
        return cores() if shared_vault else 1
    try:
        n = int(value)
    except ValueError:
        raise click.BadParameter(f"expected a number or auto, not {value!r}", param_hint="--workers") from None
    if n < 1:
        raise click.BadParameter("at least 1", param_hint="--workers")
    if n > 1 and not shared_vault:
        raise click.BadParameter(
            f"{n} workers need a shared vault (vault.redis_url): with the in-memory vault each process would "
            "keep its own pseudonyms, and a conversation answered by another worker would be restored wrongly",
            param_hint="--workers",
        )
    return n


def _log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging plus the gateway's own `sekisho.*` loggers (policy reloads, warnings) on stderr."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    cfg = copy.deepcopy(LOGGING_CONFIG)
    cfg["loggers"]["sekisho"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return cfg


def _check_policy(config: Config, path: Path) -> None:
    """Refuse to start on an invalid policy with its located errors, not a traceback from the server."""
    from gateway.config import resolve_path
    from gateway.policy import Catalog, PolicyError, load_policy

    try:
        load_policy(resolve_path(path, config.policy.path), Catalog.from_config(config, path), scanner=False)
    except PolicyError as exc:
        raise click.ClickException(f"the policy is invalid; the gateway was not started:\n{exc}") from exc


def _warn(config: Config, path: Path) -> None:
    """What `sekisho config check` would fail on, said before the first request finds it."""
    from gateway.preflight import check

    problems = check(config, path, policy=False)  # the policy was checked above
    for p in problems:
        click.echo(f"warning: {p.field}: {p.message}", err=True)
    if any(p.severity == "error" for p in problems):
        click.echo("warning: started anyway; `sekisho config check` lists these and exits 1", err=True)


def _app(config: Config, path: Path) -> FastAPI:
    from gateway.app import create_app

    return create_app(config, path)


def _banner(config: Config, path: Path, host: str, port: int, workers: int) -> None:
    lines = [
        "Sekisho (関所) gateway",
        f"  config : {path}",
        f"  listen : http://{host}:{port}/v1",
        f"  workers: {workers}" + ("" if config.vault.redis_url else " (in-memory vault)"),
        f"  models : {', '.join(f'{m.name} ({m.zone})' for m in config.models)}",
    ]
    if config.allow_demo_key:
        lines.append(f"  demo key: {DEMO_KEY}   (loopback only)")
    click.echo("\n".join(lines), err=False)
    sys.stdout.flush()
