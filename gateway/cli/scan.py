"""`sekisho scan`: classify text under the active policy and print the result as JSON (no web stack imported)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import click

from detectors.model import ScanResult

Scan = Callable[[str], ScanResult]


def _policy_scan(policy_path: Path | None, config_path: str | None) -> Scan:
    """The scan function of the policy in force: --policy, else sekisho.yaml's policy, else the shipped default."""
    from gateway.config import ConfigError, load_config, resolve_path
    from gateway.policy.catalog import Catalog
    from gateway.policy.errors import PolicyError
    from gateway.policy.loader import load_policy

    try:
        cfg, cfg_path = load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    path = policy_path if policy_path is not None else resolve_path(cfg_path, cfg.policy.path)
    try:
        policy = load_policy(path, Catalog.from_config(cfg, cfg_path))
    except PolicyError as exc:
        raise click.ClickException(f"policy: {exc}") from exc
    return policy.scan


def _emit(out: IO[str], obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _batch(scan: Scan, src: IO[str], out: IO[str]) -> int:
    """One `{"id", "text"}` object per line in, one result per line out; bad lines get an `error`, exit 1."""
    status = 0
    for lineno, line in enumerate(src, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            click.echo(f"<stdin>:{lineno}: {exc}", err=True)
            _emit(out, {"id": None, "line": lineno, "error": str(exc)})
            status = 1
            continue
        _emit(out, {"id": row.get("id"), **scan(row["text"]).to_json()})
    return status


@click.command("scan")
@click.option("--text", "text", help="Text to scan (default: read stdin).")
@click.option("--jsonl", is_flag=True, help='Batch mode: stdin holds one {"id": …, "text": …} per line.')
@click.option(
    "--policy",
    "policy_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Policy file to classify under (default: the configured policy, else the shipped default).",
)
@click.option("--config", "config_path", help="sekisho.yaml (or $SEKISHO_CONFIG); the bundled config when absent.")
@click.option("--pretty", is_flag=True, help="Indent the JSON (single text only).")
def scan(text: str | None, jsonl: bool, policy_path: Path | None, config_path: str | None, pretty: bool) -> None:
    """Detect personal data and markings, classify under the policy, print JSON."""
    run = _policy_scan(policy_path, config_path)
    if jsonl:
        if text is not None:
            raise click.UsageError("--jsonl reads stdin; do not pass --text")
        sys.exit(_batch(run, sys.stdin, sys.stdout))
    body = text if text is not None else sys.stdin.read()
    result = run(body).to_json()
    click.echo(json.dumps(result, ensure_ascii=False, indent=2 if pretty else None))
