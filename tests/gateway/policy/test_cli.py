"""`sekisho policy check | explain | test` through click's runner, and without the web stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gateway.cli import main
from gateway.policy import policies_dir

CONFIG = """\
models:
  - {name: gpt-4o, zone: overseas, upstream: {type: echo}}
  - {name: jp-llm, zone: domestic, upstream: {type: echo}}
  - {name: local-llm, zone: onprem, upstream: {type: echo}}
zone_defaults: {domestic: jp-llm, onprem: local-llm}
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "sekisho.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["policy", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", ["default.yaml", "five-level.yaml"])
def test_check_accepts_the_shipped_policies(config: Path, name: str) -> None:
    code, out, _ = run("check", str(policies_dir() / name), "--config", str(config))
    assert code == 0
    assert out.startswith(f"OK {policies_dir() / name}: ") and "version " in out


def test_check_without_arguments_uses_the_shipped_default_and_bundled_config() -> None:
    code, out, _ = run("check")
    assert code == 0 and "default.yaml" in out


def _rule_index(rule_id: str) -> int:
    rules = yaml.safe_load((policies_dir() / "default.yaml").read_text(encoding="utf-8"))["rules"]
    return next(i for i, r in enumerate(rules) if r["id"] == rule_id)


def test_check_reports_every_error_and_exits_1(tmp_path: Path, config: Path) -> None:
    text = (policies_dir() / "default.yaml").read_text(encoding="utf-8")
    broken = text.replace("action: pseudonymize\n    # 種類", "action: mask2\n    # 種類").replace(
        "      departments: [税務課]", "      department: [税務課]"
    )
    path = tmp_path / "policy.yaml"
    path.write_text(broken, encoding="utf-8")
    code, out, err = run("check", str(path), "--config", str(config))
    assert code == 1 and out == ""
    lines = err.splitlines()
    tax, card = _rule_index("tax-personal-domestic"), _rule_index("personal-overseas-pseudonymize")
    assert lines[0].startswith(f"{path}:") and f"rules[{tax}].when.department: unknown key 'department'" in lines[0]
    assert f"rules[{card}].action: 'mask2' is not one of allow, mask, pseudonymize, block, reroute" in lines[1]
    assert lines[-2] == "policy: 2 errors; nothing was changed"
    assert lines[-1] == f"config: {config} (models: gpt-4o (overseas), jp-llm (domestic), local-llm (onprem))"


def test_check_names_unknown_models_against_the_config(tmp_path: Path) -> None:
    only = tmp_path / "sekisho.yaml"
    only.write_text("models:\n  - {name: gpt-4o, zone: overseas, upstream: {type: echo}}\n", encoding="utf-8")
    code, _, err = run("check", str(policies_dir() / "default.yaml"), "--config", str(only))
    assert code == 1
    assert f"rules[{_rule_index('tax-personal-domestic')}].reroute.zone: no default model for zone domestic, onprem in the catalog (zone_defaults)" in err


def test_test_reports_failures_like_a_test_runner(tmp_path: Path, config: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        f"policy: {policies_dir() / 'default.yaml'}\n"
        "cases:\n"
        "  - name: 公開情報はそのまま\n"
        "    input: 市民向けのごみ分別の案内を分かりやすく書き直してください。\n"
        "    model: gpt-4o\n"
        "    expect: {action: allow, model: gpt-4o, level: 機密性1}\n"
        "  - name: わざと誤った期待\n"
        "    input: 市民向けのごみ分別の案内を分かりやすく書き直してください。\n"
        "    model: gpt-4o\n"
        "    expect: {action: block}\n"
        "  - name: 未知のモデル\n"
        "    input: こんにちは\n"
        "    model: gpt-9\n"
        "    expect: {action: allow}\n",
        encoding="utf-8",
    )
    code, out, _ = run("test", str(cases), "--config", str(config), "-v")
    assert code == 1
    assert f"PASS  {cases}:3  公開情報はそのまま" in out
    assert f"FAIL  {cases}:7  わざと誤った期待\n        action: expected 'block', got 'allow'" in out
    assert f"FAIL  {cases}:11  未知のモデル\n        {cases}:13:5: cases[2].model: unknown model 'gpt-9'" in out
    assert out.splitlines()[-1].startswith("1 passed, 2 failed in ")


def test_test_file_errors_are_located(tmp_path: Path, config: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("cases:\n  - name: x\n    input: y\n    model: gpt-4o\n    expect: {acton: allow}\n", encoding="utf-8")
    code, out, err = run("test", str(cases), "--config", str(config))
    assert code == 1
    assert f"ERROR {cases}:5:14: cases[0].expect.acton: unknown key 'acton'; allowed: level, action" in err
    assert out.splitlines()[-1].startswith("0 passed, 0 failed, 1 file error in ")


def test_shipped_policy_tests_pass() -> None:
    code, out, err = run("test", "-v")
    assert code == 0, out + err
    assert " 0 failed" in out.splitlines()[-1]


def test_explain_shows_findings_rules_action_outgoing_and_target(config: Path) -> None:
    code, out, _ = run(
        "explain", "--config", str(config), "--model", "gpt-4o", "--department", "市民課",
        "--text", "山田太郎さん（電話090-1234-5678）への案内文を作成してください。",
    )
    assert code == 0, out
    assert "PERSON" in out and "「山田太郎」" in out and "PHONE_NUMBER" in out
    assert "機密性 (level): 機密性2" in out
    assert "✗ block-my-number" in out
    assert "✓ personal-overseas-pseudonymize" in out
    assert "判定 (action): pseudonymize" in out
    assert "送信先モデル (target): gpt-4o (overseas)" in out
    outgoing = out.split("送信される文面 (outgoing):\n", 1)[1].splitlines()[0]
    assert "山田" not in outgoing and "090" not in outgoing and "〔氏名1〕" in outgoing


def test_explain_blocked_prints_the_message(config: Path) -> None:
    code, out, _ = run("explain", "--config", str(config), "--model", "jp-llm", "--text", "マイナンバー 123456789018 の照会")
    assert code == 0
    assert "判定 (action): block  rule: block-my-number" in out
    assert "送信しません (blocked)" in out and "個人番号（マイナンバー）が含まれているため送信を止めました。" in out


def test_explain_json_for_a_reroute(config: Path) -> None:
    import json

    code, out, _ = run(
        "explain", "--json", "--config", str(config), "--model", "gpt-4o",
        "--text", "【機密性２】庁内説明資料の構成案を作ってください。",
    )
    assert code == 0
    data = json.loads(out)
    assert data["decision"]["action"] == "reroute"
    assert data["decision"]["rule"] == "marked-level2-reroute"
    assert data["decision"]["target_model"] == "jp-llm"
    assert [h["model"] for h in data["rules"]] == ["gpt-4o", "jp-llm"]


def test_explain_needs_text(config: Path) -> None:
    code, _, err = run("explain", "--config", str(config))
    assert code == 2 and "give exactly one of --text or --file" in err


def test_policy_cli_does_not_import_the_web_stack(tmp_path: Path, config: Path) -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from gateway.cli import main\n"
        f"r = CliRunner().invoke(main, ['policy', 'check', '--config', {str(config)!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'litellm', 'starlette', 'uvicorn'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("old", "new", "failing"),
    [
        ("      entities_any: [MY_NUMBER]", "      entities_any: [PASSPORT]", "マイナンバーは海外モデルへ送らない"),
        ("      departments: [税務課]", "      departments: [資産税課]", "税務課の個人情報は海外モデルから国内モデルへ振り替える"),
        ("      BANK_ACCOUNT: mask", "      BANK_ACCOUNT: pseudonymize", "口座番号は海外モデルへ送るときマスクする"),
    ],
)
def test_shipped_cases_catch_a_weakened_policy(tmp_path: Path, old: str, new: str, failing: str) -> None:
    text = (policies_dir() / "default.yaml").read_text(encoding="utf-8")
    assert old in text
    weakened = tmp_path / "default.yaml"
    weakened.write_text(text.replace(old, new, 1), encoding="utf-8")
    (tmp_path / "keywords.yaml").write_text((policies_dir() / "keywords.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run("test", str(policies_dir() / "tests" / "default.yaml"), "--policy", str(weakened))
    assert code == 1, out + err
    assert f"  {failing}\n" in out


def test_explain_show_sent_prints_the_body_the_overseas_model_receives() -> None:
    """The embedded default's overseas stand-in: the body is the gateway's own inspection result."""
    text = "山田太郎さん（090-1234-5678）への回答案を作って"
    code, out, _ = run("explain", "--model", "echo-overseas", "--show-sent", "--text", text)
    assert code == 0
    sent = out.split("モデルが受け取る本文 (sent to the upstream of echo-overseas):\n", 1)[1]
    body = yaml.safe_load(sent)  # JSON is YAML
    assert body == {"model": "echo-overseas", "messages": [{"role": "user", "content": "〔氏名1〕さん（〔電話番号1〕）への回答案を作って"}]}
    code, out, _ = run("explain", "--model", "echo-overseas", "--show-sent", "--json", "--text", text)
    doc = yaml.safe_load(out)
    assert doc["sent"] == body and doc["decision"]["action"] == "pseudonymize"
    # On-prem: sent as written. A My Number: nothing is sent.
    code, out, _ = run("explain", "--model", "echo", "--show-sent", "--json", "--text", text)
    assert yaml.safe_load(out)["sent"]["messages"][0]["content"] == text
    code, out, _ = run("explain", "--model", "echo-overseas", "--show-sent", "--text", "個人番号 123456789018 の件")
    assert code == 0 and "モデルが受け取る本文 (sent): なし — 送信されません (blocked, nothing is sent)" in out


def test_check_without_config_names_the_bundled_one(config: Path) -> None:
    code, out, err = run("check", str(policies_dir() / "default.yaml"))
    assert code == 0 and out.startswith("OK ")
    assert "config: the bundled demo config (models: echo (onprem), echo-overseas (overseas)); pass --config" in err
    # A policy naming the city's models fails against the bundled config, and says how to give the real one.
    policy = Path(config).parent / "policy.yaml"
    policy.write_text(
        "version: 1\nlevels: [{id: 機密性1}]\nrules:\n"
        "  - {id: to-jp, when: {models: [jp-llm]}, action: allow}\n  - {id: rest, action: allow}\n",
        encoding="utf-8",
    )
    code, _, err = run("check", str(policy))
    assert code == 1 and "'jp-llm'" in err and err.rstrip().splitlines()[-1].startswith("config: the bundled demo config")
    code, out, _ = run("check", str(policy), "--config", str(config), "--json")
    assert code == 0 and yaml.safe_load(out)["ok"] is True


EXAMPLE_RECOGNIZERS = Path(__file__).resolve().parents[3] / "detectors" / "data" / "custom_recognizers.example.yaml"


@pytest.fixture
def custom_config(tmp_path: Path) -> Path:
    (tmp_path / "local-ids.yaml").write_text(EXAMPLE_RECOGNIZERS.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "sekisho.yaml"
    path.write_text(CONFIG + "detection:\n  custom_recognizers: [local-ids.yaml]\n  not_personal: [PROJECT_CODENAME]\n", encoding="utf-8")
    return path


def test_check_counts_the_custom_recognizer_files(custom_config: Path) -> None:
    code, out, _ = run("check", "--config", str(custom_config))
    assert code == 0
    assert "1 custom recognizer files (ATENA_NUMBER, STAFF_ID, PROJECT_CODENAME)" in out


def test_check_locates_an_error_in_a_custom_recognizer_file(custom_config: Path) -> None:
    ids = custom_config.parent / "local-ids.yaml"
    ids.write_text(ids.read_text(encoding="utf-8").replace("score: 0.6", "score: 6"), encoding="utf-8")
    code, _, err = run("check", "--config", str(custom_config))
    assert code == 1
    assert f"{ids}:35:9: recognizers[1].patterns[0].score: Input should be less than or equal to 1" in err


def test_explain_and_test_see_custom_types(custom_config: Path, tmp_path: Path) -> None:
    code, out, _ = run("explain", "--config", str(custom_config), "--model", "gpt-4o", "--text", "宛名番号 5123456789 の方への通知文")
    assert code == 0, out
    assert "ATENA_NUMBER" in out and "✓ personal-overseas-pseudonymize" in out
    outgoing = out.split("送信される文面 (outgoing):\n", 1)[1].splitlines()[0]
    assert outgoing.strip() == "宛名番号 〔個人情報1〕 の方への通知文"
    (tmp_path / "cases.yaml").write_text(
        f"policy: {policies_dir() / 'default.yaml'}\ncases:\n"
        "  - name: 宛名番号は仮名化\n    input: 宛名番号 5123456789 の方への通知文\n    model: gpt-4o\n"
        "    expect: {action: pseudonymize, entities: {ATENA_NUMBER: pseudonymize}}\n",
        encoding="utf-8",
    )
    code, out, err = run("test", str(tmp_path / "cases.yaml"), "--config", str(custom_config))
    assert code == 0, out + err
