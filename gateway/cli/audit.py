"""`sekisho audit …`: verify the chains, search, export, usage figures, one record, collect from Redis."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from gateway.audit import crypto
from gateway.audit.chain import ChainKey
from gateway.audit.effect import Builder as EffectBuilder
from gateway.audit.effect import tap
from gateway.audit.query import (
    Filter,
    iter_records,
    iter_sorted,
    log_files,
    month_bounds,
    parse_when,
    total_bytes,
)
from gateway.audit.query import search as run_search
from gateway.audit.stats import COLUMNS, GROUPS, compute
from gateway.audit.textable import ProgressLine, render


class _Ctx:
    def __init__(self, config_path: str | None, tz: timezone, progress: bool) -> None:
        self.config_path = config_path
        self.tz = tz
        self.progress = progress

    def default_dir(self) -> Path:
        """`audit.dir` from the config, relative to the config file (to the working directory for the bundled one)."""
        from gateway.config import ConfigError, load_config, resolve_path

        try:
            config, config_path = load_config(self.config_path)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from exc
        path = resolve_path(config_path, config.audit.dir)
        assert path is not None
        return path

    def audit_config(self) -> tuple[Any, Path]:
        from gateway.config import ConfigError, load_config

        try:
            return load_config(self.config_path)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from exc

    def chain_key(self, log_path: Path) -> ChainKey | None:
        """The chain key as the gateway loads it: the config's audit.hmac_key variable, else the
        .hmac_key file of the log directory (or of the config's audit.dir). Never creates one."""
        from gateway.config import resolve_path, resolve_secret

        config, config_path = self.audit_config()
        dirs = [log_path if log_path.is_dir() else log_path.parent]
        configured = resolve_path(config_path, config.audit.dir)
        if configured is not None and configured.resolve() != dirs[0].resolve():
            dirs.append(configured)
        try:
            raw = crypto.read_hmac_key(resolve_secret(config.audit.hmac_key), dirs)
        except crypto.AuditKeyError as exc:
            raise click.ClickException(str(exc)) from exc
        return ChainKey.of(raw) if raw else None

    def key_hint(self) -> str:
        config, _ = self.audit_config()
        name = config.audit.hmac_key.removeprefix("env:")
        return (
            f"set ${name} (the config's audit.hmac_key) to the gateway's audit key, "
            "or run where the log directory's .hmac_key file is readable"
        )

    def log_path(self, given: str | None) -> Path:
        path = Path(given) if given else self.default_dir()
        if not path.exists():
            raise click.ClickException(f"{path}: no such audit file or directory")
        return path


def _parse_tz(_ctx: click.Context, _param: click.Parameter, value: str) -> timezone:
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", value)
    if not m:
        raise click.BadParameter("give an offset such as +09:00")
    delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    return timezone(-delta if m.group(1) == "-" else delta)


_CONFIG_HELP = "sekisho.yaml whose audit.dir is the default PATH (or $SEKISHO_CONFIG)."
_TZ_HELP = "Offset for dates given and times shown (default +09:00, Japan)."
_PROGRESS_HELP = "Progress bar on stderr (only on a terminal; never when piped)."


@click.group()
@click.option("--config", "config_path", envvar="SEKISHO_CONFIG", type=click.Path(dir_okay=False), help=_CONFIG_HELP)
@click.option("--tz", default="+09:00", callback=_parse_tz, help=_TZ_HELP)
@click.option("--progress/--no-progress", default=True, help=_PROGRESS_HELP)
@click.pass_context
def audit(ctx: click.Context, config_path: str | None, tz: timezone, progress: bool) -> None:
    """Review the audit log: verify, seal, search, export, stats, show, collect.

    --config, --tz and --progress may be given here or after the sub-command.
    """
    ctx.obj = _Ctx(config_path, tz, progress)


_F = TypeVar("_F", bound=Callable[..., Any])

def _override(
    attr: str, convert: Callable[[click.Context, click.Parameter, Any], Any] | None = None
) -> Callable[[click.Context, click.Parameter, Any], None]:
    """A sub-command's own --config/--tz/--progress, given after its name, wins over the group's."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        if value is None:
            return
        obj = ctx.find_object(_Ctx)
        assert obj is not None
        setattr(obj, attr, convert(ctx, param, value) if convert else value)

    return callback


def _shared_options(fn: _F) -> _F:
    options = [
        click.option("--config", type=click.Path(dir_okay=False), expose_value=False,
                     callback=_override("config_path"), help=_CONFIG_HELP),
        click.option("--tz", expose_value=False, callback=_override("tz", _parse_tz), help=_TZ_HELP),
        click.option("--progress/--no-progress", default=None, expose_value=False,
                     callback=_override("progress"), help=_PROGRESS_HELP),
    ]  # fmt: skip
    for opt in reversed(options):
        fn = opt(fn)
    return fn


def _tz_label(tz: timezone) -> str:
    """How a time zone is named next to a time: JST for +09:00, UTC, else the offset."""
    offset = tz.utcoffset(None)
    if offset == timedelta(hours=9):
        return "JST"
    if offset == timedelta(0):
        return "UTC"
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"


def _filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--since", help="From this date or time (local to --tz unless it has an offset)."),
        click.option("--until", help="Up to this date (inclusive) or time."),
        click.option("--user"),
        click.option("--department"),
        click.option("--level", help="Level label, e.g. 機密性2."),
        click.option("--action", type=click.Choice(["allow", "mask", "pseudonymize", "block", "reroute"])),
        click.option("--model", help="Requested or actual model."),
        click.option("--zone", type=click.Choice(["onprem", "domestic", "overseas"])),
        click.option("--entity", help="Entity type found in the prompt, e.g. PERSON."),
        click.option(
            "--outcome",
            type=click.Choice(["ok", "blocked", "error", "incomplete"]),
            help="incomplete: sent upstream, never finished (write-ahead record without its final one).",
        ),
        click.option("--category", help="Use-case category id, e.g. document, minutes, background."),
        click.option("--month", help="A calendar month, YYYY-MM (local to --tz): sets --since and --until."),
    ]
    for opt in reversed(options):
        fn = opt(fn)

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        obj: _Ctx = click.get_current_context().obj
        names = ("since", "until", "user", "department", "level", "action", "model", "zone", "entity", "outcome", "category")
        given = {k: kwargs.pop(k) for k in names}
        month = kwargs.pop("month")
        try:
            if month:
                if given["since"] or given["until"]:
                    raise ValueError("give --month or --since/--until, not both")
                given["since"], given["until"] = month_bounds(month, tz=obj.tz)
            if not month:
                given["since"] = parse_when(given["since"], tz=obj.tz) if given["since"] else None
                given["until"] = parse_when(given["until"], end=True, tz=obj.tz) if given["until"] else None
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc
        return fn(*args, flt=Filter(**given), **kwargs)

    return wrapper


def _progress(obj: _Ctx, label: str, path: Path) -> ProgressLine:
    return ProgressLine(label, total_bytes(log_files(path)), enabled=obj.progress)


def _local(ts: str, tz: timezone, label: bool = False) -> str:
    moment = datetime.fromisoformat(ts.replace("Z", "+00:00")).astimezone(tz)
    shown = moment.strftime("%Y-%m-%d %H:%M:%S")
    return f"{shown} {_tz_label(tz)}" if label else shown


@audit.command()
@click.argument("path", required=False, type=click.Path())
@_filter_options
@click.option("--limit", type=int, default=50, show_default=True, help="Rows shown, newest first (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print records as JSON lines.")
@_shared_options
@click.pass_obj
def search(obj: _Ctx, path: str | None, flt: Filter, limit: int, as_json: bool) -> None:
    """Find records by time, user, department, level, action, model, zone or entity type."""
    log_path = obj.log_path(path)
    if as_json:
        # Streamed: --limit 0 --json over a year of records must not hold them all in memory.
        stream = iter_sorted(log_path, flt, newest_first=True) if not limit else iter(run_search(log_path, flt, limit))
        for r in stream:
            click.echo(json.dumps(r, ensure_ascii=False, sort_keys=True))
        return
    found = run_search(log_path, flt, limit=limit or None)
    headers = [f"time ({_tz_label(obj.tz)})", "request_id", "user", "department", "level", "action", "model", "zone", "entities", "outcome"]
    rows = [
        [
            _local(r["ts"], obj.tz),
            r.get("request_id"),
            r["principal"].get("user"),
            r["principal"].get("department"),
            r.get("level"),
            r.get("action"),
            r.get("model_actual") or f"({r.get('model_requested')})",
            r.get("zone"),
            ",".join(f"{k}:{v}" for k, v in sorted((r.get("entities") or {}).items())),
            r.get("outcome"),
        ]
        for r in found
    ]
    click.echo(render(headers, rows))
    click.echo(f"{len(found)} record(s)", err=True)


@audit.command()
@click.argument("path", required=False, type=click.Path())
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@_shared_options
@click.pass_obj
def export(obj: _Ctx, path: str | None, flt: Filter, fmt: str, output: str | None) -> None:
    """Export matching records, oldest first, as CSV or JSON lines."""
    from gateway.audit.export import write_csv, write_jsonl

    log_path = obj.log_path(path)
    bar = _progress(obj, "export", log_path)
    records = iter_sorted(log_path, flt, progress=bar)
    writer = write_csv if fmt == "csv" else write_jsonl
    if output:
        # utf-8-sig so that Excel, which auditors open CSV with, reads Japanese correctly.
        with open(output, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as fh:
            n = writer(records, fh)
    else:
        n = writer(records, sys.stdout)
    bar.finish()
    click.echo(f"{n} record(s) exported", err=True)


@audit.command()
@click.argument("path", required=False, type=click.Path())
@_filter_options
@click.option(
    "--by",
    "by",
    multiple=True,
    type=click.Choice(GROUPS),
    help="Grouping(s); default department, model, zone, day, action, category.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--usecases", "usecases_path", type=click.Path(dir_okay=False), help="Taxonomy whose minutes saved are used (default: the config's).")
@_shared_options
@click.pass_obj
def stats(obj: _Ctx, path: str | None, flt: Filter, by: tuple[str, ...], as_json: bool, usecases_path: str | None) -> None:
    """Usage for 効果検証: requests, users, tokens, cost, actions; estimated hours saved; where rules stop people."""
    from gateway.cli.audit_effect import effect_lines, taxonomy_for

    groups = by or ("department", "model", "zone", "day", "action", "category")
    log_path = obj.log_path(path)
    taxonomy = taxonomy_for(obj.config_path, usecases_path)
    bar = _progress(obj, "stats", log_path)
    builder = EffectBuilder(taxonomy.minutes(), taxonomy.follow_up_minutes)
    result = compute(tap(iter_records(log_path, flt, progress=bar), builder), groups, tz=obj.tz)
    bar.finish()
    effect = builder.finish()
    if as_json:
        out: dict[str, Any] = {"total": result.total.row("total"), "first_ts": result.first_ts, "last_ts": result.last_ts}
        out.update({g: result.rows(g) for g in groups})
        out["effect"] = effect.to_json()
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    first, last = result.first_ts, result.last_ts
    span = f"{_local(first, obj.tz)} – {_local(last, obj.tz, label=True)}" if first and last else "no records"
    click.echo(f"total ({span})")
    click.echo(render(("total", *COLUMNS[1:]), [list(result.total.row("all").values())]))
    for g in groups:
        click.echo(f"\nby {g}")
        click.echo(render((g, *COLUMNS[1:]), [list(r.values()) for r in result.rows(g)]))
    for line in effect_lines(effect, taxonomy):
        click.echo(line)


@audit.command()
@click.argument("request_id")
@click.argument("path", required=False, type=click.Path())
@click.option("--decrypt", is_flag=True, help="Decrypt the kept prompt and answer (needs the content key).")
@click.option(
    "--key-env",
    default="SEKISHO_AUDIT_CONTENT_KEY",
    show_default=True,
    help="Environment variable holding the content key.",
)
@_shared_options
@click.pass_obj
def show(obj: _Ctx, request_id: str, path: str | None, decrypt: bool, key_env: str) -> None:
    """Print one record; with --decrypt also its kept prompt and answer."""
    found = run_search(obj.log_path(path), Filter(request_id=request_id))
    if not found:
        raise click.ClickException(f"no record with request_id {request_id}")
    for r in found:
        blob = r.get("content")
        shown = dict(r)
        if blob:
            shown["content"] = f"<encrypted, key {blob.split(':')[1]}; read with --decrypt>"
        click.echo(json.dumps(shown, ensure_ascii=False, indent=2, sort_keys=True))
        if not decrypt:
            continue
        if not blob:
            raise click.ClickException("this record keeps no content (audit.keep_content was off)")
        raw_key = os.environ.get(key_env)
        if not raw_key:
            raise click.ClickException(f"--decrypt needs the content key in ${key_env}")
        try:
            content = crypto.unseal(crypto.parse_content_key(raw_key), blob)
        except crypto.AuditKeyError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo("--- prompt ---")
        click.echo(content["prompt"])
        click.echo("--- answer ---")
        click.echo(content["answer"])


@audit.command()
@click.option("--redis-url", required=True, help="redis://host:port/db of the shared Redis.")
@click.option("--archive", required=True, type=click.Path(file_okay=False), help="Central archive directory.")
@click.option("--stream", default="sekisho:audit", show_default=True)
@click.option("--trim", is_flag=True, help="Trim the stream up to what has been archived.")
@_shared_options
@click.pass_obj
def collect(obj: _Ctx, redis_url: str, archive: str, stream: str, trim: bool) -> None:
    """Copy the replicas' records from the Redis Stream into the archive (idempotent)."""
    from redis import Redis
    from redis.exceptions import RedisError

    from gateway.audit.collect import collect as run_collect

    done = [0]

    on_terminal = obj.progress and sys.stderr.isatty()

    def progress(n: int) -> None:
        done[0] += n
        if on_terminal:
            click.echo(f"\rcollect: {done[0]:,} entries read", err=True, nl=False)

    key = obj.chain_key(Path(archive))
    client = Redis.from_url(redis_url)
    try:
        result = run_collect(client, stream, Path(archive), trim=trim, progress=progress, key=key)
    except RedisError as exc:
        raise click.ClickException(f"redis: {exc}") from exc
    finally:
        client.close()
        if on_terminal and done[0]:
            click.echo("", err=True)
    click.echo(
        f"read {result.read}, added {result.added}, duplicates {result.duplicates}, rejected {len(result.rejected)}"
    )
    for gap in result.gaps:
        click.echo(f"gap: {gap} (the replica's own file still has them)", err=True)
    for bad in result.rejected:
        click.echo(f"rejected: {bad}", err=True)
    if result.rejected:
        sys.exit(1)


# verify and seal live in their own module (the chain checks); registered here, under `sekisho audit`.
from gateway.cli.audit_chain import seal, verify  # noqa: E402

audit.add_command(_shared_options(verify))
audit.add_command(_shared_options(seal))


def _install_report() -> None:
    from gateway.cli.audit_effect import report

    audit.add_command(_shared_options(report))


_install_report()
