"""`sekisho audit verify` and `sekisho audit seal`: check the keyed chains, note their heads down, and
prove a deleted tail or file against a noted head."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gateway.audit.chain import ChainKeyError
from gateway.audit.query import log_files, total_bytes
from gateway.audit.textable import ProgressLine
from gateway.audit.verify import summarise
from gateway.audit.verify import verify as run_verify

if TYPE_CHECKING:
    from gateway.cli.audit import _Ctx as Ctx


def _verify_report(obj: Ctx, log_path: Path, marks: dict[str, int] | None = None) -> Any:
    key = obj.chain_key(log_path)
    bar = ProgressLine("verify", total_bytes(log_files(log_path)), enabled=obj.progress)
    try:
        report = run_verify(log_path, progress=bar, key=key, marks=marks)
    except ChainKeyError as exc:
        raise click.ClickException(f"{exc}: {obj.key_hint()}") from exc
    finally:
        bar.finish()
    if not report.chains:
        raise click.ClickException(f"{log_path}: no audit files (audit-YYYY-MM-DD-<chain>.jsonl)")
    return report


@click.command()
@click.argument("path", required=False, type=click.Path())
@click.option(
    "--seal",
    "seal_given",
    help="A seal from `sekisho audit seal` (a file, or the JSON itself): every sealed head must still be there.",
)
@click.option(
    "--allow-unkeyed",
    is_flag=True,
    help="Accept chains hashed with plain SHA-256 (written before the chain was keyed); reported either way.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object (for scripts).")
@click.pass_obj
def verify(obj: Ctx, path: str | None, seal_given: str | None, allow_unkeyed: bool, as_json: bool) -> None:
    """Check every hash chain; report each chain's first broken record as file:line. Exit 1 if any.

    A torn last line (a crash mid-write) is reported as TORN, not as a break.
    """
    from gateway.audit.seal import SealError, check_seal, read_seal

    log_path = obj.log_path(path)
    try:
        heads = read_seal(seal_given) if seal_given else []
    except SealError as exc:
        raise click.ClickException(str(exc)) from exc
    report = _verify_report(obj, log_path, {h.chain: h.seq for h in heads})
    missing = check_seal(report, heads)
    broken = sum(not c.ok for c in report.chains)
    torn = sum(c.torn is not None for c in report.chains)
    unkeyed = sum(c.ok and c.unkeyed for c in report.chains)
    if as_json:
        doc = _verify_json(report, broken, list(missing))
        doc["ok"] = not (broken or missing or (unkeyed and not allow_unkeyed))
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for line in summarise(report):
            click.echo(line)
        for line in missing:
            click.echo(line)
        tail = f", {torn} torn tail(s)" if torn else ""
        tail += f", {unkeyed} unkeyed" if unkeyed else ""
        tail += f", {len(heads) - len(missing)}/{len(heads)} sealed head(s) present" if heads else ""
        click.echo(f"{len(report.chains)} chain(s), {report.records:,} intact record(s), {broken} broken{tail}")
    if unkeyed and not allow_unkeyed:
        click.echo("unkeyed chains are not proof against a rewrite; --allow-unkeyed accepts them", err=True)
    if broken or missing or (unkeyed and not allow_unkeyed):
        sys.exit(1)


@click.command()
@click.argument("path", required=False, type=click.Path())
@click.option(
    "--publish/--no-publish",
    default=None,
    help="Also add the seal to the Redis stream <audit.stream>:seals (default: when audit.redis_url is set).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Also append the seal to this file.")
@click.pass_obj
def seal(obj: Ctx, path: str | None, publish: bool | None, output: str | None) -> None:
    """Print the head (chain, seq, hash, file, time) of every chain, verified, as one JSON line.

    Keep it outside the log (a 公文書, Redis): `verify --seal` then proves a deleted tail or file.
    """
    from gateway.audit.chain import canonical
    from gateway.audit.seal import make_seal

    log_path = obj.log_path(path)
    report = _verify_report(obj, log_path)
    doc = make_seal(report)
    line = canonical(doc).decode("utf-8")
    click.echo(line)
    if output:
        with open(output, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())
    config, _ = obj.audit_config()
    if publish or (publish is None and config.audit.redis_url):
        if not config.audit.redis_url:
            raise click.ClickException("--publish needs audit.redis_url in the config")
        from redis import Redis
        from redis.exceptions import RedisError

        stream = f"{config.audit.stream}:seals"
        try:
            with Redis.from_url(config.audit.redis_url, socket_timeout=5) as client:
                entry = client.xadd(stream, {"seal": line})
        except RedisError as exc:
            raise click.ClickException(f"redis: the seal was printed but not published: {exc}") from exc
        click.echo(f"published to {stream} as {entry.decode() if isinstance(entry, bytes) else entry}", err=True)
    bad = [c.chain for c in report.chains if not c.ok]
    if bad:
        click.echo(f"broken chain(s) sealed at their last intact record: {', '.join(bad)}", err=True)
        sys.exit(1)


def _verify_json(report: Any, broken: int, missing: list[str]) -> dict[str, Any]:
    """The verify result for scripts: one object per chain, with the first break as file, line and reason."""
    chains = [
        {
            "chain": c.chain,
            "ok": c.ok,
            "files": [str(f) for f in c.files],
            "intact_records": c.records,
            "head_seq": c.head_seq,
            "head_hash": c.head_hash,
            "torn": str(c.torn) if c.torn is not None else None,
            "unkeyed": bool(c.unkeyed),
            "first_break": (
                {"file": str(c.first_break.file), "line": c.first_break.line, "reason": c.first_break.reason}
                if c.first_break
                else None
            ),
        }
        for c in report.chains
    ]
    return {"chains": chains, "intact_records": report.records, "broken_chains": broken, "seal_missing": missing}
