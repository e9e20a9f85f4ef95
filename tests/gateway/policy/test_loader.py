"""Malformed policies: each kind gives one precise `file:line:col: field: message` error."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.policy import Catalog, ModelInfo, PolicyError, load_policy

BASE = """\
version: 1
levels:
  - id: 機密性1
  - id: 機密性2
  - id: 機密性3
classification:
  rules:
    - id: personal
      level: 機密性2
      tags: [personal]
rules:
  - id: block-my-number
    when:
      entities_any: [MY_NUMBER]
    action: block
    message: マイナンバーは送れません。{level}
  - id: personal-overseas
    when:
      tags_any: [personal]
      zones: [overseas]
    action: pseudonymize
    entities:
      PHONE_NUMBER: mask
  - id: level2-reroute
    when:
      levels: [機密性2]
      zones: [overseas]
    action: reroute
    reroute:
      zone: domestic
  - id: allow-rest
    action: allow
"""

# (name, text to replace, replacement, expected error after the file name)
BROKEN = [
    ("未知のアクション", "action: pseudonymize", "action: mask2",
     "21:5: rules[1].action: 'mask2' is not one of allow, mask, pseudonymize, block, reroute"),
    ("未知の種類", "PHONE_NUMBER: mask", "PHONE: mask",
     "23:7: rules[1].entities.PHONE: 'PHONE' is not one of PERSON, ADDRESS, LOCATION, PHONE_NUMBER, "
     "EMAIL_ADDRESS, POSTAL_CODE, DATE_OF_BIRTH, MY_NUMBER, CORPORATE_NUMBER, BANK_ACCOUNT, CREDIT_CARD, "
     "DRIVERS_LICENSE, PASSPORT, RESIDENCE_CARD, BASIC_PENSION_NUMBER, HEALTH_INSURANCE, RESIDENT_CODE, IP_ADDRESS"),
    ("未知の種類(条件)", "entities_any: [MY_NUMBER]", "entities_any: [MYNUMBER]",
     "14:22: rules[0].when.entities_any[0]: 'MYNUMBER' is not one of PERSON"),
    ("未知のモデル", "zone: domestic", "model: gpt-5",
     "30:7: rules[2].reroute.model: 'gpt-5' is not one of claude, gpt-4o, jp-llm, local-llm"),
    ("未知のモデル(条件)", "zones: [overseas]\n    action: pseudonymize", "models: [gpt-5]\n    action: pseudonymize",
     "20:16: rules[1].when.models[0]: 'gpt-5' is not one of claude, gpt-4o, jp-llm, local-llm"),
    ("ID重複", "id: level2-reroute", "id: personal-overseas",
     "24:5: rules[2].id: duplicate rule id 'personal-overseas' (also rules[1])"),
    ("YAML構文エラー", "levels: [機密性2]", "levels: [機密性2",
     "27:12: <root>: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence started at line 26)"),
    ("型の誤り", "tags_any: [personal]", "tags_any: personal",
     "19:7: rules[1].when.tags_any: must be a valid list, got str 'personal'"),
    ("未知のキー", "tags_any: [personal]", "tag_any: [personal]",
     "19:7: rules[1].when.tag_any: unknown key 'tag_any'; allowed: levels, min_level, max_level"),
    ("未知の段階", "levels: [機密性2]", "levels: [機密性4]",
     "26:16: rules[2].when.levels[0]: '機密性4' is not one of 機密性1, 機密性2, 機密性3"),
    ("未知のタグ", "tags: [personal]", "tags: [kojin]",
     "10:14: classification.rules[0].tags[0]: 'kojin' is not one of personal, sensitive_personal, specific_personal"),
    ("キー重複", "    action: block\n", "    action: block\n    action: allow\n",
     "16:5: rules[0].action: duplicate key 'action' (first given at line 15)"),
    ("必須項目なし", "  - id: allow-rest\n    action: allow\n", "  - id: allow-rest\n",
     "31:5: rules[3].action: required field is missing"),
    ("振替先なし", "    reroute:\n      zone: domestic\n", "",
     "28:5: rules[2].action: action reroute needs a reroute: {model: …} or {zone: …}"),
    ("振替先が同じ区分", "zone: domestic", "zone: overseas",
     "29:5: rules[2].reroute: target model 'gpt-4o' is in zone overseas, which this rule sends away from"),
    ("未知の区分", "zone: domestic", "zone: japan",
     "30:7: rules[2].reroute.zone: 'japan' is not one of onprem, domestic, overseas"),
    ("未知の差し込み", "{level}", "{levle}",
     "16:5: rules[0].message: unknown placeholder {levle}"),
    ("到達しないルール", "  - id: allow-rest\n    action: allow\n", "  - id: allow-rest\n    action: allow\n  - id: late\n    action: block\n",
     "31:5: rules[3]: matches every request, so the rules after it can never apply (late)"),
    ("版の誤り", "version: 1", "version: 2", "1:1: version: 2 is not one of 1"),
    ("未知のキーワードリスト", "tags: [personal]", "keywords: [keyword:入札]",
     "10:18: classification.rules[0].keywords[0]: unknown keyword list 'keyword:入札'; known: sensitive:"),
    ("未知の表示", "levels: [機密性2]\n      zones", "markings_any: [社外秘]\n      zones",
     "26:22: rules[2].when.markings_any[0]: '社外秘' is not one of 機密性1, 機密性2"),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_malformed_policy_is_refused_with_its_location(
    tmp_path: Path, catalog: Catalog, name: str, old: str, new: str, expected: str
) -> None:
    assert old in BASE
    path = tmp_path / "policy.yaml"
    path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path, catalog)
    first = str(info.value).splitlines()[0]
    assert first.startswith(f"{path}:{expected}"), first


def test_base_policy_loads(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(BASE, encoding="utf-8")
    policy = load_policy(path, catalog, scanner=False)
    assert [r.id for r in policy.rules] == ["block-my-number", "personal-overseas", "level2-reroute", "allow-rest"]
    assert policy.rules[2].reroute_target == "jp-llm"
    assert len(policy.version) >= 16


def test_all_errors_are_reported_at_once(tmp_path: Path, catalog: Catalog) -> None:
    text = BASE.replace("PHONE_NUMBER: mask", "PHONE: mask").replace("levels: [機密性2]", "levels: [機密性9]")
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path, catalog)
    assert [(i.line, i.field) for i in info.value.issues] == [
        (23, "rules[1].entities.PHONE"),
        (26, "rules[2].when.levels[0]"),
    ]


def test_reroute_to_a_zone_without_default_model_is_a_load_error(tmp_path: Path) -> None:
    only_overseas = Catalog.of([ModelInfo("gpt-4o", "overseas")])
    path = tmp_path / "policy.yaml"
    path.write_text(BASE, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path, only_overseas)
    assert str(info.value) == f"{path}:30:7: rules[2].reroute.zone: no default model for zone domestic in the catalog (zone_defaults)"


@pytest.mark.parametrize("content", [b"", b"- a\n- b\n", b"\xff\xfe version: 1"])
def test_not_a_policy_at_all(tmp_path: Path, catalog: Catalog, content: bytes) -> None:
    path = tmp_path / "policy.yaml"
    path.write_bytes(content)
    with pytest.raises(PolicyError) as info:
        load_policy(path, catalog)
    assert str(info.value).startswith(f"{path}:1:1: ")


def test_missing_file(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(PolicyError, match=r"policy\.yaml:1:1: <file>: cannot read: No such file"):
        load_policy(tmp_path / "policy.yaml", catalog)


@pytest.mark.parametrize("name", ["default.yaml", "five-level.yaml"])
def test_shipped_policies_load(catalog: Catalog, name: str) -> None:
    from gateway.policy import policies_dir

    policy = load_policy(policies_dir() / name, catalog, scanner=False)
    assert policy.rules and policy.levels


def test_shipped_default_loads_against_the_bundled_config() -> None:
    from gateway.config import load_config

    cfg, path = load_config(None)
    policy = load_policy(None, Catalog.from_config(cfg, path), scanner=False)
    assert policy.path.name == "default.yaml"
    assert {r.reroute_target for r in policy.rules if r.action == "reroute"} == {"echo"}
