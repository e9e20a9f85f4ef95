"""`sekisho eval`: score the detectors on a labelled JSONL set (the shipped municipal set by default)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from detectors.evaluation import (
    MATCH_MODES,
    DatasetError,
    GoldExample,
    MatchMode,
    Prediction,
    load_gold,
    load_predictions,
    prediction_from_scan,
    render_text,
)
from detectors.evaluation import (
    evaluate as run_evaluation,
)

if TYPE_CHECKING:
    from detectors.model import ScanResult

# Resolved from the source tree: the set ships with the repository, not inside the wheel.
SHIPPED_SET = Path(__file__).resolve().parents[2] / "eval" / "municipal" / "prompts.jsonl"


def _policy_scan(policy_path: Path, config_path: str | None) -> Callable[[str], ScanResult]:
    """The scan of a policy file, classified under its own scheme, as the gateway would run it."""
    from gateway.config import ConfigError, load_config
    from gateway.policy.catalog import Catalog
    from gateway.policy.errors import PolicyError
    from gateway.policy.loader import load_policy

    try:
        cfg, cfg_path = load_config(config_path)
        policy = load_policy(policy_path, Catalog.from_config(cfg, cfg_path))
    except (ConfigError, PolicyError) as exc:
        raise click.ClickException(f"policy: {exc}") from exc
    scan: Callable[[str], ScanResult] = policy.scan
    return scan


def _detectors_scan(lists: tuple[Path, ...] = ()) -> Callable[[str], ScanResult]:
    """The shipped detector set, with the keyword list files `lists` merged over the shipped lists."""
    try:
        from detectors import Scanner, scan
        from detectors.keywords import Dictionaries, DictionaryError
    except ImportError as exc:
        raise click.ClickException(f"detectors.scan is not available ({exc}); pass --predictions FILE.jsonl") from exc
    if not lists:
        return scan
    try:
        return Scanner(Dictionaries.load(*lists)).scan
    except DictionaryError as exc:
        raise click.ClickException(f"lists: {exc}") from exc


def _scan_all(gold: list[GoldExample], scan: Callable[[str], ScanResult], progress: bool = True) -> list[Prediction]:
    from gateway.audit.textable import ProgressLine

    bar = ProgressLine("eval", len(gold), enabled=progress, unit="texts")
    started = time.perf_counter()
    out = []
    for ex in gold:
        out.append(prediction_from_scan(ex.id, scan(ex.text)))
        bar(1)
    bar.finish()
    elapsed = time.perf_counter() - started
    chars = sum(len(ex.text) for ex in gold)
    rate = f", {chars / elapsed:,.0f} chars/s" if elapsed > 0 else ""
    click.echo(f"scanned {len(gold)} texts ({chars:,} chars) in {elapsed:.2f} s{rate}", err=True)
    return out


def _save(path: Path, preds: list[Prediction]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for p in preds:
            findings = [{"type": s.type, "start": s.start, "end": s.end, "text": s.text} for s in p.entities]
            row = {"id": p.id, "level": p.level, "tags": sorted(p.tags), "findings": findings}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


@click.command("eval")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--match", type=click.Choice(MATCH_MODES), default="overlap", show_default=True,
              help="overlap: same type and any shared character; exact: same type and identical offsets.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score this JSONL (as written by `sekisho scan --jsonl`) instead of running the detectors.")
@click.option("--policy", "policy_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Classify under this policy file (its levels and rules) instead of the detectors' default scheme.")
@click.option("--config", "config_path", help="sekisho.yaml whose model catalog the policy is checked against (with --policy).")
@click.option("--lists", "lists", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Keyword list file (never_mask, always_mask …) merged over the shipped lists; repeatable. "
              "Default: lists.yaml beside the labelled set, if there is one.")
@click.option("--save-predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the detectors' output as JSONL, to score again later with --predictions.")
@click.option("--min-f1", type=click.FloatRange(0.0, 1.0), default=None,
              help="Exit with status 1 when the micro-averaged entity F1 is below this value.")
@click.option("--worst", type=click.IntRange(0), default=15, show_default=True, help="How many worst examples to list.")
@click.option("--show-text/--hide-text", default=None,
              help="Print span texts in the error list (default: only for the shipped, fictional set).")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr (only on a terminal; never when piped).")
def evaluate(
    path: Path | None,
    match: str,
    as_json: bool,
    predictions: Path | None,
    policy_path: Path | None,
    config_path: str | None,
    save_predictions: Path | None,
    lists: tuple[Path, ...],
    min_f1: float | None,
    worst: int,
    show_text: bool | None,
    progress: bool,
) -> None:
    """Per-entity precision/recall/F1, tag and level accuracy on a labelled JSONL set."""
    path = path or SHIPPED_SET
    if not path.is_file():
        raise click.ClickException(f"{path}: no such labelled set")
    if show_text is None:
        # Only the shipped set is known to be fictional; a user's own set may hold real personal data.
        show_text = path.resolve() == SHIPPED_SET
    try:
        gold = load_gold(path)
        if predictions is not None:
            if policy_path is not None:
                raise click.UsageError("--policy classifies a fresh scan; it cannot apply to saved --predictions")
            preds = load_predictions(predictions)
        else:
            if policy_path is not None and lists:
                raise click.UsageError("--lists applies to the detectors' own scan; a policy names its dictionaries itself")
            if not lists and (beside := path.parent / "lists.yaml").is_file():
                lists = (beside,)
            if lists and policy_path is None:
                click.echo("lists: " + ", ".join(str(p) for p in lists), err=True)
            scan = _policy_scan(policy_path, config_path) if policy_path else _detectors_scan(lists)
            preds = _scan_all(gold, scan, progress)
        report = run_evaluation(gold, preds, match=cast(MatchMode, match))
    except (DatasetError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if save_predictions is not None:
        _save(save_predictions, preds)
    if as_json:
        click.echo(json.dumps(report.to_json(show_text=show_text, worst=worst), ensure_ascii=False, indent=2))
    else:
        click.echo(f"{path}")
        click.echo(render_text(report, show_text=show_text, worst=worst), nl=False)
    f1 = report.micro.f1
    if min_f1 is not None and f1 is not None and f1 < min_f1:
        click.echo(f"micro F1 {f1:.3f} is below --min-f1 {min_f1:.3f}", err=True)
        sys.exit(1)
