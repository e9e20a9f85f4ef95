"""`sekisho eval`: saved or in-process predictions, thresholds, text hiding, policy files, no web stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from detectors.evaluation import load_gold, load_predictions
from gateway.cli.evaluate import SHIPPED_SET, evaluate as eval_command
from tests.detectors.evaluation.helpers import ROOT, ROW, SET_DIR, write_jsonl


def _gold_as_predictions(tmp_path: Path, drop_every: int = 0) -> Path:
    rows = []
    for i, line in enumerate((SET_DIR / "prompts.jsonl").read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        findings = [dict(e, score=1.0, detector="gold") for e in row["entities"]]
        if drop_every and i % drop_every == 0:
            findings = findings[1:]
        rows.append({"id": row["id"], "level": row["level"], "rank": int(row["level"][-1]), "tags": row["tags"], "findings": findings})
    return write_jsonl(tmp_path, rows, "pred.jsonl")


def test_eval_command_on_perfect_predictions(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_command, ["--predictions", str(_gold_as_predictions(tmp_path)), "--min-f1", "0.99"])
    assert result.exit_code == 0, result.output
    micro = next(line for line in result.output.splitlines() if line.startswith("micro"))
    assert micro.split()[-3:] == ["1.000", "1.000", "1.000"]
    assert "levels: accuracy 1.000" in result.output


def test_eval_command_json_and_threshold(tmp_path: Path) -> None:
    preds = _gold_as_predictions(tmp_path, drop_every=2)
    result = CliRunner().invoke(eval_command, [str(SHIPPED_SET), "--predictions", str(preds), "--json", "--match", "exact"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["match"] == "exact" and data["entities"]["micro"]["fp"] == 0 and data["entities"]["micro"]["fn"] > 0
    assert "text" in data["errors"][0]["missed"][0]  # the shipped set is fictional: snippets allowed
    failing = CliRunner().invoke(eval_command, ["--predictions", str(preds), "--min-f1", "0.99"])
    assert failing.exit_code == 1
    assert "below --min-f1" in failing.output


def test_eval_command_hides_text_of_other_sets(tmp_path: Path) -> None:
    own = write_jsonl(tmp_path, [ROW], "own.jsonl")
    empty = write_jsonl(tmp_path, [{"id": "x-1", "level": "機密性1", "tags": [], "findings": []}], "p.jsonl")
    result = CliRunner().invoke(eval_command, [str(own), "--predictions", str(empty)])
    assert result.exit_code == 0, result.output
    assert "PERSON@4-8" in result.output and "山田太郎" not in result.output
    bad = CliRunner().invoke(eval_command, [str(tmp_path / "missing.jsonl"), "--predictions", str(empty)])
    assert bad.exit_code != 0 and "no such labelled set" in bad.output


def test_eval_command_imports_no_web_stack() -> None:
    code = "import sys, gateway.cli.evaluate; bad = {'fastapi', 'litellm', 'uvicorn'} & set(sys.modules); assert not bad, bad"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_eval_command_saves_predictions_that_score_the_same(tmp_path: Path) -> None:
    preds, saved = _gold_as_predictions(tmp_path, drop_every=3), tmp_path / "saved.jsonl"
    first = CliRunner().invoke(eval_command, ["--predictions", str(preds), "--json", "--save-predictions", str(saved)])
    second = CliRunner().invoke(eval_command, ["--predictions", str(saved), "--json"])
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert json.loads(first.output) == json.loads(second.output)
    assert len(saved.read_text(encoding="utf-8").splitlines()) == len(load_gold(SHIPPED_SET))


def test_eval_command_classifies_under_a_policy_file(tmp_path: Path) -> None:
    rows = [ROW, {"id": "x-2", "category": "一般質問", "text": "生活保護制度の概要を教えて。", "entities": [], "tags": [], "level": "機密性1"}]
    own = write_jsonl(tmp_path, rows, "own.jsonl")
    saved = tmp_path / "saved.jsonl"
    policy = ROOT / "policies" / "default.yaml"
    result = CliRunner().invoke(eval_command, [str(own), "--policy", str(policy), "--json", "--save-predictions", str(saved)])
    assert result.exit_code == 0, result.output
    by_id = {p.id: p for p in load_predictions(saved)}
    assert by_id["x-1"].level == "機密性2" and "personal" in by_id["x-1"].tags
    assert by_id["x-2"].level == "機密性1" and by_id["x-2"].entities == ()
    clash = CliRunner().invoke(eval_command, [str(own), "--policy", str(policy), "--predictions", str(saved)])
    assert clash.exit_code == 2 and "cannot apply to saved --predictions" in clash.output


def test_policy_scan_imports_no_web_stack() -> None:
    code = (
        "import sys; from pathlib import Path; from gateway.cli.evaluate import _policy_scan; "
        "_policy_scan(Path('policies/default.yaml'), None)('来庁者 山田太郎 様'); "
        "bad = {'fastapi', 'litellm', 'uvicorn'} & set(sys.modules); assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_eval_command_runs_the_detectors_in_process(tmp_path: Path) -> None:
    own = write_jsonl(tmp_path, [ROW], "own.jsonl")
    result = CliRunner().invoke(eval_command, [str(own), "--json"])
    assert result.exit_code == 0, result.output
    assert "scanned 1 texts" in result.output
    report = json.loads(result.output[result.output.index("{") :])
    assert report["examples"] == 1 and report["levels"]["confusion"][0]["gold"] == "機密性2"


_SWITCHBOARD_ROW = {"id": "n-1", "category": "通知文", "text": "問合せ：危機管理課（099-000-1234）", "entities": [], "tags": [],
                    "level": "機密性1"}  # fmt: skip


def test_eval_command_merges_the_lists_beside_the_set_or_given(tmp_path: Path) -> None:
    own = write_jsonl(tmp_path, [_SWITCHBOARD_ROW], "own.jsonl")
    # Without lists the city's switchboard is a phone number like any other: a false alarm here.
    bare = CliRunner().invoke(eval_command, [str(own), "--json"])
    assert json.loads(bare.output[bare.output.index("{") :])["entities"]["micro"]["fp"] == 1
    lists = tmp_path / "city.yaml"
    lists.write_text('never_mask: ["099-000-1234"]\n', encoding="utf-8")
    given = CliRunner().invoke(eval_command, [str(own), "--json", "--lists", str(lists)])
    assert given.exit_code == 0, given.output
    assert json.loads(given.output[given.output.index("{") :])["entities"]["micro"]["fp"] == 0
    # lists.yaml beside the set is read without being named, and said so.
    (tmp_path / "lists.yaml").write_text(lists.read_text(encoding="utf-8"), encoding="utf-8")
    beside = CliRunner().invoke(eval_command, [str(own), "--json"])
    assert f"lists: {tmp_path / 'lists.yaml'}" in beside.output
    assert json.loads(beside.output[beside.output.index("{") :])["entities"]["micro"]["fp"] == 0


def test_eval_command_reports_a_bad_lists_file(tmp_path: Path) -> None:
    own = write_jsonl(tmp_path, [_SWITCHBOARD_ROW], "own.jsonl")
    bad = tmp_path / "bad.yaml"
    bad.write_text("never_mask: [\n", encoding="utf-8")
    result = CliRunner().invoke(eval_command, [str(own), "--lists", str(bad)])
    assert result.exit_code != 0 and f"{bad}:" in result.output


def test_every_shipped_set_is_scored_with_the_city_switchboard_listed() -> None:
    for d in sorted((ROOT / "eval").iterdir()):
        if (d / "prompts.jsonl").is_file():
            assert "099-000-1234" in (d / "lists.yaml").read_text(encoding="utf-8"), d


def test_eval_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    from tests.support.terminal import run_on_terminal

    own = write_jsonl(tmp_path, [ROW], "own.jsonl")
    status, terminal = run_on_terminal("eval", str(own))
    assert status == 0, terminal
    assert "\reval [########################] 100.0% 1 / 1 texts" in terminal
    piped = subprocess.run([sys.executable, "-m", "gateway.cli", "eval", str(own)], capture_output=True, text=True,
                           cwd=ROOT, timeout=120)  # fmt: skip
    assert piped.returncode == 0 and "texts" not in piped.stderr.replace("scanned 1 texts", "")
    status, quiet = run_on_terminal("eval", str(own), "--no-progress")
    assert status == 0 and "[#" not in quiet
