"""`sekisho keys`: issue API keys (printed once, stored only as hashes) and list them."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import click
import yaml

from gateway.auth import hash_key, new_key
from gateway.config import ConfigError, load_config, load_keys

_ID = re.compile(r"[A-Za-z0-9_.-]+")


@click.group()
def keys() -> None:
    """Manage API keys."""


@keys.command("add")
@click.option("--user", required=True, help="User id (e.g. 職員番号 or login name).")
@click.option("--department", required=True, help="Department, e.g. 税務課.")
@click.option("--role", "roles", multiple=True, help="Role (repeatable): auditor, admin, …")
@click.option("--id", "key_id", default=None, help="Key id (default: generated).")
@click.option("--config", "config_path", envvar="SEKISHO_CONFIG", type=click.Path(dir_okay=False), required=True)
def add(user: str, department: str, roles: tuple[str, ...], key_id: str | None, config_path: str) -> None:
    """Create a key: the key is printed once; only its hash is written to the keys file."""
    try:
        config, path = load_config(config_path)
        existing = {k.id for k in load_keys(config, path)}
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    key_id = key_id or f"{user}-{secrets.token_hex(3)}"
    if not _ID.fullmatch(key_id):
        raise click.ClickException(f"--id {key_id!r}: use letters, digits, '_', '.', '-'")
    if key_id in existing:
        raise click.ClickException(f"key id {key_id!r} already exists")
    key = new_key()
    entry = {"id": key_id, "hash": hash_key(key), "user": user, "department": department, "roles": list(roles)}
    snippet = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False)
    if config.keys_file:
        kpath = path.parent / config.keys_file
        _append(kpath, snippet)
        click.echo(f"added key {key_id} to {kpath}", err=True)
    else:
        click.echo("config has no keys_file; add this entry under `keys:` in the config:", err=True)
        click.echo(snippet, err=True)
    click.echo("The key is shown only once; give it to the user now:", err=True)
    click.echo(key)


@keys.command("list")
@click.option("--config", "config_path", envvar="SEKISHO_CONFIG", type=click.Path(dir_okay=False), required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON (hashes left out).")
def list_keys(config_path: str, as_json: bool) -> None:
    """List key ids with their user, department and roles (never the keys)."""
    try:
        config, path = load_config(config_path)
        entries = load_keys(config, path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        import json

        shown = [k.model_dump(exclude={"hash"}) for k in entries]
        click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    for k in entries:
        click.echo(f"{k.id}\t{k.user}\t{k.department}\t{','.join(k.roles)}")


def _append(path: Path, snippet: str) -> None:
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        path.write_text("# API keys: sha256 hashes only (sekisho keys add)\nkeys:\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    indented = "".join("  " + line + "\n" for line in snippet.splitlines())
    path.write_text(text + indented, encoding="utf-8")
    path.chmod(0o600)
