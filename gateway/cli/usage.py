"""`sekisho usage`: each department's spend against its monthly budget."""

from __future__ import annotations

import asyncio
import json

import click

from gateway.limits.usage import Row, current_month, departments_only, rows, spend_from_audit


@click.command()
@click.option("--config", "config_path", envvar="SEKISHO_CONFIG", default=None, help="sekisho.yaml (default: the bundled one)")
@click.option("--month", default=None, help="YYYY-MM (default: this month, in limits.timezone)")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table")
def usage(config_path: str | None, month: str | None, as_json: bool) -> None:
    """Spend (円) against budget per department for a month: Redis counters when configured, else the audit log."""
    from gateway.config import ConfigError, load_config
    from gateway.services import audit_dir

    try:
        config, path = load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    limits = config.limits
    month = month or current_month(limits)
    if limits.redis_url:
        spend = departments_only(asyncio.run(_redis_spend(limits.redis_url, month)))
    else:
        spend = spend_from_audit(limits, audit_dir(config, path), month)
    table = rows(limits, spend)
    if as_json:
        for row in table:
            click.echo(json.dumps({"month": month, **row.as_dict()}, ensure_ascii=False))
        return
    click.echo(f"{month}  部署ごとの利用額と予算 (円)")
    for row in table:
        click.echo(_line(row))


async def _redis_spend(url: str, month: str) -> dict[str, float]:
    from gateway.limits.counters import RedisCounters
    from gateway.limits.guard import MICRO

    counters = RedisCounters(url)
    try:
        raw = await counters.spend(month)
    except Exception as exc:
        raise click.ClickException(f"cannot read the limits counters from Redis: {type(exc).__name__}") from exc
    finally:
        await counters.aclose()
    return {k: v / MICRO for k, v in raw.items()}


_STATE = {"ok": "", "soft": "警告", "over": "上限到達", "none": "予算なし"}


def _line(row: Row) -> str:
    budget = f"{row.budget_yen:>12,.0f}" if row.budget_yen is not None else f"{'-':>12}"
    share = f"{row.share:>7.1%}" if row.share is not None else f"{'-':>7}"
    return f"{row.department}\t{row.spend_yen:>12,.2f} / {budget}  {share}  {_STATE[row.state]}".rstrip()
