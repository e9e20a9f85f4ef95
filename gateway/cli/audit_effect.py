"""`sekisho audit report` and the effect section of `sekisho audit stats` (estimated hours, rule stops)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from gateway.audit.effect import Effect
from gateway.audit.textable import render


def taxonomy_for(config_path: str | None, given: str | None) -> Any:
    """The taxonomy named by --usecases, else the config's `usecases.path`, else the shipped one."""
    from gateway.config import ConfigError, load_config, resolve_path
    from gateway.policy.errors import PolicyError
    from gateway.usecase import load_taxonomy

    path: Path | None = Path(given) if given else None
    if path is None:
        try:
            config, cpath = load_config(config_path)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from exc
        path = resolve_path(cpath, config.usecases.path)
    try:
        return load_taxonomy(path)
    except PolicyError as exc:
        raise click.ClickException(str(exc)) from exc


def effect_lines(effect: Effect, taxonomy: Any) -> list[str]:
    """The effect figures as text tables, the assumptions beside them."""
    label = taxonomy.label
    lines = [
        "",
        f"estimated time saved (推計削減時間): {effect.total_hours:,.2f} h over {effect.total_requests:,} answered staff requests;"
        f" not counted: {effect.background:,} background (chat UI titles …), {effect.not_answered:,} blocked or failed,"
        f" {effect.uncategorised:,} without a category",
        f"assumptions: {taxonomy.path} version {taxonomy.version[:8]} — minutes saved per request:",
    ]
    lines += [f"  {c.id:<14} {c.minutes_saved:>5g} min  {c.label}: {c.basis}" for c in taxonomy.categories]
    lines += ["", "by department", render(("department", "requests", "hours"), [list(r.values()) for r in effect.rows("department")])]
    cat_rows = [[r["category"], label(r["category"]), r["requests"], r["minutes_each"], r["hours"]] for r in effect.rows("category")]
    lines += ["", "by category", render(("category", "label", "requests", "min_each", "hours"), cat_rows)]
    pair_rows = [[r["department"], r["category"], r["requests"], r["minutes_each"], r["hours"]] for r in effect.rows("pair")]
    lines += ["", "by department and category", render(("department", "category", "requests", "min_each", "hours"), pair_rows)]
    stop_rows = [list(r.values()) for r in effect.stop_rows()]
    lines += [
        "",
        f"where rules stop people (retried_ok: the same user answered within {effect.follow_up_minutes:g} min after a block)",
        render(("department", "rule_id", "blocked", "rerouted", "retried_ok", "retried_share"), stop_rows),
    ]
    return lines


@click.command()
@click.argument("path", required=False, type=click.Path())
@click.option("--month", required=True, help="The calendar month, YYYY-MM (local to --tz).")
@click.option("--department", help="Only this department.")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Directory for sekisho-report-YYYY-MM.html and .csv.")
@click.option("--usecases", "usecases_path", type=click.Path(dir_okay=False), help="Taxonomy whose minutes saved are used.")
@click.pass_obj
def report(obj: Any, path: str | None, month: str, department: str | None, out_dir: str, usecases_path: str | None) -> None:
    """Write the monthly 効果検証 report: a printable Japanese HTML page with charts, and a CSV beside it."""
    from gateway.audit import report as rep
    from gateway.audit.web import environment

    log_path = obj.log_path(path)
    taxonomy = taxonomy_for(obj.config_path, usecases_path)
    try:
        built = rep.build(log_path, month, taxonomy, obj.tz, department)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--month") from exc
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    suffix = f"-{department}" if department else ""
    html_path = out / f"sekisho-report-{month}{suffix}.html"
    csv_path = out / f"sekisho-report-{month}{suffix}.csv"
    template = environment().get_template("report.html")
    html_path.write_text(template.render(**rep.context(built, dept=department)), encoding="utf-8")
    # utf-8-sig: Excel, which the report's readers open CSV with, then reads Japanese correctly.
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        rep.write_csv(built, fh)
    click.echo(f"{html_path}\n{csv_path}")
    click.echo(
        f"{built.effect.total_requests:,} answered staff request(s), estimated {built.effect.total_hours:,.2f} h saved",
        err=True,
    )
