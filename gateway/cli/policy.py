"""`sekisho policy check | explain | test`: validate a policy, see what it does to a prompt, run its tests."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from detectors.model import ENTITY_TYPES
from gateway.config import Config, ConfigError, bundled_config_path, load_config, resolve_path
from gateway.policy.catalog import Catalog
from gateway.policy.errors import PolicyError

if TYPE_CHECKING:
    from gateway.policy.engine import Policy

_CONFIG = click.option(
    "--config",
    "config_path",
    envvar="SEKISHO_CONFIG",
    type=click.Path(dir_okay=False),
    help="sekisho.yaml whose models the policy may name (or $SEKISHO_CONFIG); the bundled config when absent.",
)


def _config(config_path: str | None) -> tuple[Config, Path]:
    try:
        return load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def _catalog(config_path: str | None) -> tuple[Catalog, Path | None]:
    """The config's model catalog and its policy path (resolved like the gateway resolves it)."""
    cfg, path = _config(config_path)
    return Catalog.from_config(cfg, path), resolve_path(path, cfg.policy.path)


def _which_config(config_path: str | None) -> str:
    """Which config the models came from, and how to give another (a policy names the config's models)."""
    cfg, path = _config(config_path)
    models = ", ".join(f"{m.name} ({m.zone})" for m in cfg.models)
    if path == bundled_config_path():
        return (
            f"config: the bundled demo config (models: {models}); "
            "pass --config sekisho.yaml or set SEKISHO_CONFIG to check against your models"
        )
    return f"config: {path} (models: {models})"


def _load(path: str | None, catalog: Catalog, configured: Path | None, note: str | None = None) -> Policy:
    from gateway.policy.loader import load_policy

    try:
        return load_policy(path if path is not None else configured, catalog)
    except PolicyError as exc:
        click.echo(str(exc), err=True)
        n = len(exc.issues)
        click.echo(f"policy: {n} error{'s' if n != 1 else ''}; nothing was changed", err=True)
        if note:
            click.echo(note, err=True)
        sys.exit(1)


@click.group()
def policy() -> None:
    """Check, explain and test the YAML policy (送信ルール)."""


@policy.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@_CONFIG
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def check(path: str | None, config_path: str | None, as_json: bool) -> None:
    """Validate a policy file; errors name file:line:col and the field (exit 1 on any error).

    Model names in the policy are checked against the config's models: give --config (or
    $SEKISHO_CONFIG), else the bundled demo config is used and says so."""
    catalog, configured = _catalog(config_path)
    note = _which_config(config_path)
    pol = _load(path, catalog, configured, note)
    click.echo(note, err=True)
    custom = [e for e in pol.entity_types if e not in ENTITY_TYPES]
    n_custom = len(pol.catalog.recognizer_files)
    if as_json:
        out = {"ok": True, "policy": str(pol.path), "version": pol.version, "levels": len(pol.levels),
               "rules": len(pol.rules), "keyword_files": len(pol.sources) - 1 - n_custom,
               "custom_recognizer_files": n_custom, "custom_entities": custom}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"OK {pol.path}: {len(pol.levels)} levels, {len(pol.rules)} rules, "
        f"{len(pol.sources) - 1 - n_custom} keyword files, {n_custom} custom recognizer files"
        f"{' (' + ', '.join(custom) + ')' if custom else ''}, version {pol.version}"
    )


@policy.command()
@click.option("--text", help="The prompt to examine.")
@click.option("--file", "text_file", type=click.File("r", encoding="utf-8"), help="Read the prompt from a file ('-' = stdin).")
@click.option("--user", default="explain", show_default=True)
@click.option("--department", default="", help="The caller's department (部署), e.g. 税務課.")
@click.option("--role", "roles", multiple=True, help="A role of the caller (repeatable).")
@click.option("--model", help="The requested model (default: the config's first model).")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False), help="Policy file (default: the config's, else the shipped one).")
@click.option("--show-sent", is_flag=True,
              help="Also print the request body the model would receive, from the gateway's own inspection path.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@_CONFIG
def explain(
    text: str | None,
    text_file: IO[str] | None,
    user: str,
    department: str,
    roles: tuple[str, ...],
    model: str | None,
    policy_path: str | None,
    show_sent: bool,
    as_json: bool,
    config_path: str | None,
) -> None:
    """Show findings, level, every rule considered, the action, the outgoing text and the target model."""
    from gateway.policy.explain import explain as run_explain
    from gateway.policy.explain import render
    from gateway.principal import Principal

    if text is not None and text_file is None:
        prompt = text
    elif text_file is not None and text is None:
        prompt = text_file.read()
    else:
        raise click.UsageError("give exactly one of --text or --file")
    catalog, configured = _catalog(config_path)
    pol = _load(policy_path, catalog, configured)
    name = model or next(iter(catalog.models))
    info = catalog.models.get(name)
    if info is None:
        raise click.BadParameter(f"{name!r} is not one of {', '.join(catalog.models)}", param_hint="--model")
    principal = Principal(user, department, frozenset(roles))
    ex = run_explain(pol, prompt, principal, info)
    sent = None
    if show_sent:
        from gateway.cli.sent import sent_body

        cfg, cfg_path = _config(config_path)
        sent = sent_body(cfg, cfg_path, pol.path, prompt, principal, name)
    if not as_json:
        click.echo(render(pol, ex))
        if show_sent:
            click.echo("")
            if sent is None:
                click.echo("モデルが受け取る本文 (sent): なし — 送信されません (blocked, nothing is sent)")
            else:
                click.echo(f"モデルが受け取る本文 (sent to the upstream of {ex.decision.target_model}):")
                click.echo(json.dumps(sent, ensure_ascii=False, indent=2))
        return
    d = ex.decision
    click.echo(
        json.dumps(
            {
                "policy": str(pol.path),
                "policy_version": pol.version,
                "scan": ex.scan.to_json(),
                "rules": [
                    {
                        "model": h.model.name,
                        "applied": h.winner.id if h.winner else None,
                        "considered": [
                            {"id": t.rule.id, "matched": t.matched, "why": t.why()} for t in h.traces
                        ],
                    }
                    for h in ex.hops
                ],
                "decision": {
                    "action": d.action,
                    "rule": d.rule_id,
                    "rules": list(d.rules),
                    "level": d.level,
                    "target_model": d.target_model if d.action != "block" else None,
                    "entity_actions": dict(d.entity_actions),
                    "message": d.message,
                    "reason": d.reason,
                },
                "outgoing": ex.outgoing,
                **({"sent": sent} if show_sent else {}),
            },
            ensure_ascii=False,
            indent=2,
        )
    )


@policy.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option("--text", "texts", multiple=True, help="A request to classify (repeatable).")
@_CONFIG
def usecases(path: str | None, texts: tuple[str, ...], config_path: str | None) -> None:
    """Validate the use-case taxonomy (file:line:col errors, exit 1); with --text, show a request's category."""
    from gateway.cli.audit_effect import taxonomy_for

    t = taxonomy_for(config_path, path)
    click.echo(f"OK {t.path}: {len(t.categories)} categories, {len(t.templates)} background templates, version {t.version}")
    for text in texts:
        cid = t.classify_text(text)
        click.echo(f"{cid}\t{t.label(cid)}")


@policy.command()
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default="html", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False), help="Policy file (default: the config's, else the shipped one).")
@click.option("--usecases", "usecases_path", type=click.Path(dir_okay=False), help="Use-case taxonomy for the recommended uses.")
@_CONFIG
def guide(fmt: str, output: str | None, policy_path: str | None, usecases_path: str | None, config_path: str | None) -> None:
    """Write the staff guide (what may be sent to which model, with examples) from the policy, for the intranet."""
    from gateway import guide as staff_guide
    from gateway.cli.audit_effect import taxonomy_for

    try:
        cfg, _ = load_config(config_path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    catalog, configured = _catalog(config_path)
    pol = _load(policy_path, catalog, configured)
    taxonomy = taxonomy_for(config_path, usecases_path)
    built = staff_guide.for_config(cfg, pol, taxonomy)
    text = staff_guide.html(built) if fmt == "html" else staff_guide.markdown(built)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"{output}: guide for {len(built.models)} model(s), policy version {pol.version}", err=True)
    else:
        click.echo(text)


@policy.command()
@click.argument("target", required=False, type=click.Path(exists=True))
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False), help="Run the cases against this policy instead of the one each file names.")
@click.option("-v", "--verbose", is_flag=True, help="List passing cases too.")
@_CONFIG
def test(target: str | None, policy_path: str | None, verbose: bool, config_path: str | None) -> None:
    """Run the YAML test cases under TARGET (default: the shipped policies/tests)."""
    from gateway.policy.loader import policies_dir
    from gateway.policy.testing import run

    catalog, _ = _catalog(config_path)
    root = Path(target) if target else policies_dir() / "tests"
    report = run(root, catalog, Path(policy_path) if policy_path else None)
    for err in report.errors:
        click.echo(f"ERROR {err}", err=True)
    for r in report.results:
        where = f"{r.file}:{r.line}"
        if r.passed:
            if verbose:
                click.echo(f"PASS  {where}  {r.name}")
            continue
        click.echo(f"FAIL  {where}  {r.name}")
        for problem in (*r.failures, *([r.error] if r.error else [])):
            click.echo(f"        {problem}")
    passed = sum(r.passed for r in report.results)
    failed = len(report.results) - passed
    summary = f"{passed} passed, {failed} failed"
    if report.errors:
        summary += f", {len(report.errors)} file error{'s' if len(report.errors) != 1 else ''}"
    click.echo(f"{summary} in {report.seconds:.2f}s")
    if not report.ok:
        sys.exit(1)
