"""Custom recognisers in the policy: their types in conditions, classification and per-entity actions;
their files read with the policy (located errors, hot reload, last good kept)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gateway.policy import Catalog, PolicyError, PolicyStore, load_policy
from gateway.policy.decision import ModelInfo
from gateway.policy.explain import explain
from gateway.principal import Principal

EXAMPLE = Path(__file__).resolve().parents[3] / "detectors" / "data" / "custom_recognizers.example.yaml"
OVERSEAS = ModelInfo("gpt-4o", "overseas")
DOMESTIC = ModelInfo("dom", "domestic")
STAFF = Principal("u1", "市民課", frozenset())

POLICY = """\
version: 1
levels: [{id: 機密性1}, {id: 機密性2}, {id: 機密性3}]
classification:
  rules:
    - {id: codename, level: 機密性2, entities: [PROJECT_CODENAME]}
    - {id: personal, level: 機密性2, tags: [personal]}
rules:
  - id: staff-id-block
    when: {entities_any: [STAFF_ID], zones: [overseas]}
    action: block
    message: 職員番号は海外のモデルに送れません。
  - id: codename-domestic
    when: {levels: [機密性2], zones: [overseas], tags_any: [personal]}
    action: pseudonymize
    entities: {ATENA_NUMBER: mask}
  - id: rest
    action: allow
"""


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Catalog]:
    shutil.copy(EXAMPLE, tmp_path / "ids.yaml")
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    catalog = Catalog.of([OVERSEAS, DOMESTIC])
    return tmp_path, Catalog(catalog.models, recognizer_files=(tmp_path / "ids.yaml",), not_personal=frozenset({"PROJECT_CODENAME"}))


@pytest.mark.parametrize(
    ("text", "model", "level", "action", "rule", "outgoing"),
    [
        ("宛名番号 5123456789 の山田太郎さんの件", OVERSEAS, "機密性2", "pseudonymize", "codename-domestic", "宛名番号 ＜個人情報＞ の〔氏名1〕さんの件"),
        ("職員番号 S123456 の勤務表を作って", OVERSEAS, "機密性2", "block", "staff-id-block", None),
        ("職員番号 S123456 の勤務表を作って", DOMESTIC, "機密性2", "allow", "rest", "職員番号 S123456 の勤務表を作って"),
        # Not personal data (detection.not_personal), but the classification rule names the type.
        ("関所計画の日程案", OVERSEAS, "機密性2", "allow", "rest", "関所計画の日程案"),
        ("窓口の開庁時間を教えて", OVERSEAS, "機密性1", "allow", "rest", "窓口の開庁時間を教えて"),
    ],
)
def test_custom_types_in_conditions_classification_and_entity_actions(
    setup: tuple[Path, Catalog], text: str, model: ModelInfo, level: str, action: str, rule: str, outgoing: str | None
) -> None:
    root, catalog = setup
    ex = explain(load_policy(root / "policy.yaml", catalog), text, STAFF, model)
    assert (ex.scan.level, ex.decision.action, ex.decision.rule_id) == (level, action, rule)
    assert ex.outgoing == outgoing


def test_custom_types_are_personal_unless_the_config_says_not(setup: tuple[Path, Catalog]) -> None:
    root, catalog = setup
    policy = load_policy(root / "policy.yaml", catalog)
    assert policy.entity_types[-3:] == ("ATENA_NUMBER", "STAFF_ID", "PROJECT_CODENAME")
    assert {"ATENA_NUMBER", "STAFF_ID"} <= policy.personal_entities and "PROJECT_CODENAME" not in policy.personal_entities
    assert policy.scan("職員番号 S123456").tags == frozenset({"personal"})
    assert policy.scan("関所計画").tags == frozenset()
    assert policy.output_actions["STAFF_ID"] == "mask" and policy.output_actions["PROJECT_CODENAME"] == "keep"


def test_a_type_no_file_defines_is_a_located_policy_error(setup: tuple[Path, Catalog]) -> None:
    root, catalog = setup
    with pytest.raises(PolicyError) as info:
        load_policy(root / "policy.yaml", Catalog(catalog.models))
    assert str(info.value).startswith(f"{root / 'policy.yaml'}:5:")
    assert "classification.rules[0].entities[0]: 'PROJECT_CODENAME' is not one of PERSON" in str(info.value)


BROKEN = {
    "bad regex": (
        'regex: "(?<![A-Za-z0-9])S[0-9]{6}(?![0-9])"',
        'regex: "S[0-9"',
        "ids.yaml:34:9: recognizers[1].patterns[0].regex: invalid regular expression",
    ),
    "bad entity name": (
        "supported_entity: STAFF_ID",
        "supported_entity: staff",
        "ids.yaml:29:5: recognizers[1]: entity name 'staff' must be UPPER_SNAKE_CASE",
    ),
    "not yaml": ("recognizers:\n", "recognizers: [\n", "ids.yaml:"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_recogniser_errors_are_located_in_their_own_file(setup: tuple[Path, Catalog], kind: str) -> None:
    root, catalog = setup
    old, new, expected = BROKEN[kind]
    ids = root / "ids.yaml"
    ids.write_text(ids.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(root / "policy.yaml", catalog, scanner=False)
    assert str(info.value).startswith(str(root / expected)), str(info.value)


def test_missing_recogniser_file_is_a_policy_error(setup: tuple[Path, Catalog]) -> None:
    root, catalog = setup
    (root / "ids.yaml").unlink()
    with pytest.raises(PolicyError, match=r"ids\.yaml:1:1: <file>: cannot read"):
        load_policy(root / "policy.yaml", catalog, scanner=False)


def test_a_recogniser_edit_reloads_and_a_broken_one_keeps_the_last_good(setup: tuple[Path, Catalog]) -> None:
    root, catalog = setup
    store = PolicyStore(root / "policy.yaml", catalog, reload_interval_s=60)
    first = store.current()
    assert root / "ids.yaml" in first.sources
    assert [f.entity for f in first.scan("職員番号 T123456").findings] == []
    ids = root / "ids.yaml"
    good = ids.read_text(encoding="utf-8").replace("S[0-9]{6}", "[ST][0-9]{6}")
    _replace(ids, good.replace("[ST][0-9]{6}", "[ST][0-9"))
    assert store.changed() and store.reload() is False
    assert store.current() is first and store.last_error is not None and str(ids) in store.last_error
    _replace(ids, good)
    assert store.changed() and store.reload() is True
    assert store.current().version != first.version
    assert [f.entity for f in store.current().scan("職員番号 T123456").findings] == ["STAFF_ID"]


def _replace(path: Path, text: str) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
