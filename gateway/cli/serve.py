"""`sekisho serve`: run the gateway (the embedded default when no config is given)."""

from __future__ import annotations

import ipaddress
import os
import sys

import click

from gateway.config import DEMO_KEY, ConfigError, load_config


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
@click.option("--workers", type=int, default=1, show_default=True, help="Worker processes.")
@click.option("--log-level", default="info", show_default=True)
def serve(config_path: str | None, host: str | None, port: int | None, workers: int, log_level: str) -> None:
    """Run the gateway."""
    try:
        config, path = load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    host = host or config.server.host
    port = port if port is not None else config.server.port
    if config.allow_demo_key and not _is_loopback(host):
        raise click.ClickException(
            f"this config accepts the demo key {DEMO_KEY}; it may only bind to loopback (not {host}). "
            "Set allow_demo_key: false and add real keys (sekisho keys add) to serve on the network."
        )
    _check_policy(config, path)
    os.environ["SEKISHO_CONFIG"] = str(path)
    _banner(config, path, host, port)
    import uvicorn

    uvicorn.run(
        "gateway.asgi:app" if workers > 1 else _app(config, path),  # type: ignore[arg-type]
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        factory=False,
    )


def _check_policy(config, path) -> None:  # type: ignore[no-untyped-def]
    """Refuse to start on an invalid policy with its located errors, not a traceback from the server."""
    from gateway.policy import Catalog, PolicyError, load_policy
    from gateway.config import resolve_path

    try:
        load_policy(resolve_path(path, config.policy.path), Catalog.from_config(config), scanner=False)
    except PolicyError as exc:
        raise click.ClickException(f"the policy is invalid; the gateway was not started:\n{exc}") from exc


def _app(config, path):  # type: ignore[no-untyped-def]
    from gateway.app import create_app

    return create_app(config, path)


def _banner(config, path, host: str, port: int) -> None:  # type: ignore[no-untyped-def]
    lines = [
        "Sekisho (関所) gateway",
        f"  config : {path}",
        f"  listen : http://{host}:{port}/v1",
        f"  models : {', '.join(f'{m.name} ({m.zone})' for m in config.models)}",
    ]
    if config.allow_demo_key:
        lines.append(f"  demo key: {DEMO_KEY}   (loopback only)")
    click.echo("\n".join(lines), err=False)
    sys.stdout.flush()
