"""`sekisho scan`: one text or JSONL batches, classified under the active policy, without the web stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from gateway.cli import main

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["scan", *args], input=stdin)
    return r.exit_code, r.stdout, r.stderr


def test_text_option() -> None:
    code, out, _ = _run("--text", "担当の山田太郎です。")
    assert code == 0
    doc = json.loads(out)
    assert doc["level"] == "機密性2" and doc["rank"] == 2 and doc["tags"] == ["personal"]
    assert [(f["type"], f["start"], f["end"], f["text"]) for f in doc["findings"]] == [("PERSON", 3, 7, "山田太郎")]


def test_stdin() -> None:
    code, out, _ = _run(stdin="【機３】来年度予算案\n")
    assert code == 0
    doc = json.loads(out)
    assert doc["level"] == "機密性3" and doc["markings"] == ["機密性3"]


def test_jsonl_batch_keeps_ids_and_reports_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a1", "text": "個人番号は123456789018です"}, ensure_ascii=False),
        json.dumps({"id": 2, "text": "生活保護制度の一般的な事例"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": 4, "text": 5}),
    ]
    code, out, err = _run("--jsonl", stdin="\n".join(lines) + "\n")
    assert code == 1
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r.get("id") for r in rows] == ["a1", 2, None, None]
    assert "specific_personal" in rows[0]["tags"] and rows[0]["level"] == "機密性3"
    assert rows[1]["level"] == "機密性1" and rows[1]["tags"] == []
    assert rows[2]["line"] == 3 and "error" in rows[2] and rows[3]["line"] == 4
    assert "<stdin>:3:" in err


def test_jsonl_refuses_text() -> None:
    code, _, err = _run("--jsonl", "--text", "x")
    assert code != 0 and "--jsonl" in err


def test_policy_option_uses_that_policy(tmp_path: Path) -> None:
    shipped = ROOT / "policies" / "five-level.yaml"
    if not shipped.exists():
        pytest.skip("five-level policy not shipped")
    code, out, _ = _run("--policy", str(shipped), "--text", "【機2】")
    assert code == 0
    assert json.loads(out)["level"] != "機密性2"  # the five-level scheme names its levels 自治体機密性…


def test_scan_never_imports_the_web_stack() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from gateway.cli import main\n"
        "r = CliRunner().invoke(main, ['scan', '--text', '山田さん'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('fastapi', 'starlette', 'uvicorn', 'litellm') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=100, check=True
    )
    assert out.stdout.strip() == "[]"


def test_config_option_adds_its_custom_recognizers(tmp_path: Path) -> None:
    example = ROOT / "detectors" / "data" / "custom_recognizers.example.yaml"
    (tmp_path / "ids.yaml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "sekisho.yaml"
    config.write_text(
        "models: [{name: m, zone: onprem, upstream: {type: echo}}]\nzone_defaults: {onprem: m}\n"
        "detection: {custom_recognizers: [ids.yaml]}\n",
        encoding="utf-8",
    )
    text = "宛名番号 5123456789 の方"
    _, plain, _ = _run("--text", text)
    assert json.loads(plain)["findings"] == []
    code, out, _ = _run("--config", str(config), "--text", text)
    assert code == 0
    doc = json.loads(out)
    assert [(f["type"], f["text"]) for f in doc["findings"]] == [("ATENA_NUMBER", "5123456789")]
    assert doc["tags"] == ["personal"] and doc["level"] == "機密性2"
