"""`sekisho config check`: is this sekisho.yaml ready to serve (secrets set, keys file there, policy valid)?"""

from __future__ import annotations

import json
import sys

import click

from gateway.config import ConfigError, bundled_config_path, load_config


@click.group("config")
def config() -> None:
    """Check the gateway's configuration (sekisho.yaml)."""


@config.command()
@click.option("--config", "config_path", envvar="SEKISHO_CONFIG", type=click.Path(dir_okay=False),
              help="sekisho.yaml (or $SEKISHO_CONFIG); the bundled demo config when absent.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def check(config_path: str | None, as_json: bool) -> None:
    """Load the config and check what it needs: secrets (env:NAME) set, keys file present, audit dir
    writable, policy valid. Exit 1 on any error; warnings alone exit 0."""
    from gateway.preflight import check as run_check

    try:
        cfg, path = load_config(config_path)
    except ConfigError as exc:
        if as_json:
            click.echo(json.dumps({"config": config_path, "ok": False, "problems": [
                {"severity": "error", "field": "<file>", "message": str(exc)}]}, ensure_ascii=False, indent=2))
            sys.exit(1)
        raise click.ClickException(str(exc)) from exc
    problems = run_check(cfg, path)
    errors = sum(p.severity == "error" for p in problems)
    bundled = path == bundled_config_path()
    if as_json:
        out = {"config": str(path), "bundled": bundled, "ok": not errors,
               "models": [{"name": m.name, "zone": m.zone} for m in cfg.models],
               "problems": [p.to_json() for p in problems]}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        click.echo(f"config: {path}{' (the bundled demo config; pass --config PATH or set SEKISHO_CONFIG)' if bundled else ''}")
        click.echo("models: " + ", ".join(f"{m.name} ({m.zone})" for m in cfg.models))
        for p in problems:
            click.echo(str(p), err=p.severity == "error")
        warnings = len(problems) - errors
        click.echo(f"{'FAILED' if errors else 'OK'}: {errors} error(s), {warnings} warning(s)")
    if errors:
        sys.exit(1)
