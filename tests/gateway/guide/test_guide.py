"""The staff guide is derived from the policy: each situation decided per model, department exceptions, uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gateway.guide import SITUATIONS, build, markdown
from gateway.policy import Catalog, ModelInfo, default_policy_path, load_policy
from gateway.usecase import load_taxonomy
from tests.gateway.audit.cli import sekisho

MODELS = [("local-llm", "onprem", "庁内サーバーのモデル"), ("domestic-llm", "domestic", ""), ("gpt-overseas", "overseas", "")]
CATALOG = Catalog.of([ModelInfo(n, z) for n, z, _ in MODELS], {"onprem": "local-llm", "domestic": "domestic-llm"})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def shipped() -> object:
    return build(load_policy(None, CATALOG), MODELS, load_taxonomy(None))


# What the shipped policy does with each example, per model (onprem, domestic, overseas).
EXPECTED = {
    "public": ("allow", "allow", "allow"),
    "personal": ("allow", "allow", "pseudonymize"),
    "sensitive": ("pseudonymize", "pseudonymize", "block"),
    "my_number": ("block", "block", "block"),
    "marked2": ("allow", "allow", "reroute"),
    "marked3": ("allow", "block", "block"),
}


@pytest.mark.parametrize("situation", [s.id for s in SITUATIONS])
def test_each_situation_is_decided_by_the_policy(shipped: object, situation: str) -> None:
    got = tuple(m.outcomes[situation].action for m in shipped.models)  # type: ignore[attr-defined]
    assert got == EXPECTED[situation]


def test_examples_show_what_leaves_and_what_staff_are_told(shipped: object) -> None:
    overseas = shipped.models[2]  # type: ignore[attr-defined]
    personal = overseas.outcomes["personal"]
    assert personal.outgoing is not None and "山田太郎" not in personal.outgoing and "〔氏名1〕" in personal.outgoing
    assert "マイナンバー" in (overseas.outcomes["my_number"].message or "")
    assert overseas.outcomes["marked2"].target == "domestic-llm"
    assert shipped.models[0].description == "庁内サーバーのモデル"  # type: ignore[attr-defined]


def test_department_exceptions_come_from_the_rules(shipped: object) -> None:
    found = {(e.department, e.model, e.situation.id) for e in shipped.exceptions}  # type: ignore[attr-defined]
    # The shipped policy reroutes 税務課's personal data bound overseas to a domestic model.
    assert found == {("税務課", "gpt-overseas", "personal"), ("税務課", "gpt-overseas", "sensitive")}
    assert all(e.outcome.action == "reroute" for e in shipped.exceptions)  # type: ignore[attr-defined]


def test_markdown_lists_models_exceptions_and_recommended_uses(shipped: object) -> None:
    md = markdown(shipped)  # type: ignore[arg-type]
    assert "| 個人情報（氏名・電話番号・住所など） | ○ | ○ | ○（仮名化） |" in md
    assert "## 部署ごとの例外" in md and "**税務課**" in md
    assert "### 議事録・会議録" in md and "依頼の例" in md


def test_cli_writes_the_guide_and_follows_an_edited_policy(tmp_path: Path) -> None:
    for name in ("default.yaml", "keywords.yaml"):
        shutil.copy(default_policy_path().parent / name, tmp_path / name)
    out = tmp_path / "guide.md"
    done = sekisho("policy", "guide", "--format", "md", "--policy", str(tmp_path / "default.yaml"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "| マイナンバー（個人番号） | × |" in out.read_text(encoding="utf-8")
    policy = tmp_path / "default.yaml"
    text = policy.read_text(encoding="utf-8")
    start = text.index("  - id: block-my-number")
    end = text.index("  - id: block-specific-personal")
    policy.write_text(text[:start] + text[end:], encoding="utf-8")
    html = sekisho("policy", "guide", "--format", "html", "--policy", str(policy))
    assert html.returncode == 0, html.stderr
    assert '<table id="matrix">' in html.stdout
    # With the rule gone, the next one (特定個人情報) still refuses: the guide shows its message instead.
    assert "特定個人情報が含まれているため送信を止めました" in html.stdout


def test_usecases_command_checks_and_classifies(tmp_path: Path) -> None:
    done = sekisho("policy", "usecases", "--text", "この案内をやさしい日本語にして")
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == "translation\t翻訳・やさしい日本語"
    bad = tmp_path / "usecases.yaml"
    bad.write_text("version: 1\nfallback: other\ncategories:\n  - id: other\n    label: その他\n    minutes_saved: -1\n    basis: x\n", encoding="utf-8")
    refused = sekisho("policy", "usecases", str(bad))
    assert refused.returncode == 1 and f"{bad}:6:5: categories[0].minutes_saved:" in refused.stderr
