"""`sekisho`: one command, sub-commands loaded lazily so `sekisho scan` never imports the web stack."""

from __future__ import annotations

import importlib

import click

# command name -> "module:attribute"; each module owns its own command or group.
_COMMANDS = {
    "serve": "gateway.cli.serve:serve",
    "keys": "gateway.cli.keys:keys",
    "scan": "gateway.cli.scan:scan",
    "eval": "gateway.cli.evaluate:evaluate",
    "policy": "gateway.cli.policy:policy",
    "audit": "gateway.cli.audit:audit",
    "config": "gateway.cli.config:config",
    "usage": "gateway.cli.usage:usage",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd


@click.group(cls=_LazyGroup)
@click.version_option(package_name="sekisho")
def main() -> None:
    """Sekisho (関所): a policy-enforcing gateway between staff tools and language models."""
