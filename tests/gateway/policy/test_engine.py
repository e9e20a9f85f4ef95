"""Decision tables for the shipped policies, on detections built directly (detector quality aside)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from detectors.model import Detection, Finding, Marking, ScanResult
from gateway.policy import Catalog, Policy, load_policy, policies_dir
from gateway.principal import Principal

PERSONAL_TYPES = {"PERSON", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD", "BANK_ACCOUNT", "DATE_OF_BIRTH"}


def detection(entities: Sequence[str] = (), markings: Sequence[str] = (), tags: Sequence[str] = ()) -> Detection:
    """A detection as the detectors would report it; tags follow from the entity types unless given."""
    findings = tuple(Finding(e, i * 10, i * 10 + 4, f"値{i}", 0.9, "test") for i, e in enumerate(entities))
    derived = set(tags)
    if PERSONAL_TYPES & set(entities):
        derived.add("personal")
    if "MY_NUMBER" in entities:
        derived |= {"personal", "specific_personal"}
    return Detection(findings, tuple(Marking(m, 0, 2, m) for m in markings), frozenset(derived))


@pytest.fixture(scope="module")
def default(catalog: Catalog) -> Policy:
    return load_policy(None, catalog, scanner=False)


@pytest.fixture(scope="module")
def five(catalog: Catalog) -> Policy:
    return load_policy(policies_dir() / "five-level.yaml", catalog, scanner=False)


# (entities, markings, extra tags, department, model) → (level, action, rule, target model, entity actions)
DEFAULT_TABLE = [
    # MY_NUMBER / specific_personal: blocked everywhere, even on-prem
    (["MY_NUMBER"], [], [], "市民課", "local-llm", "機密性3", "block", "block-my-number", None, {}),
    (["MY_NUMBER", "PERSON"], [], [], "税務課", "jp-llm", "機密性3", "block", "block-my-number", None, {}),
    ([], [], ["specific_personal"], "市民課", "local-llm", "機密性3", "block", "block-specific-personal", None, {}),
    # 機密性3: on-prem only
    ([], ["極秘"], [], "総務課", "local-llm", "機密性3", "allow", "level3-onprem", "local-llm", {}),
    ([], ["機密性3"], [], "総務課", "jp-llm", "機密性3", "block", "level3-block", None, {}),
    ([], ["秘"], [], "総務課", "gpt-4o", "機密性3", "block", "level3-block", None, {}),
    # sensitive_personal: pseudonymised, domestic or on-prem only
    (["PERSON"], [], ["sensitive_personal"], "福祉課", "gpt-4o", "機密性3", "block", "sensitive-overseas-block", None, {}),
    (["PERSON"], [], ["sensitive_personal"], "福祉課", "jp-llm", "機密性3", "pseudonymize", "sensitive-pseudonymize",
     "jp-llm", {"PERSON": "pseudonymize"}),
    (["PERSON", "LOCATION"], [], ["sensitive_personal"], "福祉課", "local-llm", "機密性3", "pseudonymize",
     "sensitive-pseudonymize", "local-llm", {"PERSON": "pseudonymize"}),
    # personal: pseudonymised before overseas, as is to domestic / on-prem; cards and accounts masked
    (["PERSON", "PHONE_NUMBER"], [], [], "市民課", "gpt-4o", "機密性2", "pseudonymize", "personal-overseas-pseudonymize",
     "gpt-4o", {"PERSON": "pseudonymize", "PHONE_NUMBER": "pseudonymize"}),
    (["PERSON", "BANK_ACCOUNT", "CORPORATE_NUMBER"], [], [], "会計課", "claude", "機密性2", "pseudonymize",
     "personal-overseas-pseudonymize", "claude", {"PERSON": "pseudonymize", "BANK_ACCOUNT": "mask"}),
    (["PERSON"], [], [], "市民課", "jp-llm", "機密性2", "allow", "allow-rest", "jp-llm", {}),
    (["ADDRESS"], [], [], "市民課", "local-llm", "機密性2", "allow", "allow-rest", "local-llm", {}),
    # department scoping: 税務課's personal data never goes overseas, it is rerouted
    (["PERSON"], [], [], "税務課", "gpt-4o", "機密性2", "reroute", "tax-personal-domestic", "jp-llm", {}),
    (["PERSON"], [], [], "税務課", "jp-llm", "機密性2", "allow", "allow-rest", "jp-llm", {}),
    # 機密性2 without personal data: rerouted away from overseas
    ([], ["機密性2"], [], "企画課", "gpt-4o", "機密性2", "reroute", "marked-level2-reroute", "jp-llm", {}),
    ([], ["部外秘"], [], "企画課", "jp-llm", "機密性2", "allow", "allow-rest", "jp-llm", {}),
    # a document marked 機密性2 goes rerouted even when it also holds personal data
    (["PERSON"], ["機密性2"], [], "企画課", "gpt-4o", "機密性2", "reroute", "marked-level2-reroute", "jp-llm", {}),
    ([], ["取扱注意"], [], "企画課", "claude", "機密性2", "reroute", "marked-level2-reroute", "jp-llm", {}),
    # 機密性1: anywhere
    ([], [], [], "企画課", "gpt-4o", "機密性1", "allow", "allow-rest", "gpt-4o", {}),
    (["LOCATION", "CORPORATE_NUMBER"], [], [], "企画課", "claude", "機密性1", "allow", "allow-rest", "claude", {}),
]


@pytest.mark.parametrize(
    ("entities", "markings", "tags", "department", "model", "level", "action", "rule", "target", "entity_actions"),
    DEFAULT_TABLE,
)
def test_default_policy_decisions(
    default: Policy,
    entities: list[str],
    markings: list[str],
    tags: list[str],
    department: str,
    model: str,
    level: str,
    action: str,
    rule: str,
    target: str | None,
    entity_actions: dict[str, str],
) -> None:
    scan = default.classify(detection(entities, markings, tags))
    d = default.decide(scan, Principal("tanaka", department), default.catalog.models[model])
    assert (d.level, d.action, d.rule_id) == (level, action, rule), d.reason
    assert dict(d.entity_actions) == entity_actions
    assert d.policy_version == default.version
    if action == "block":
        assert d.message and "。" in d.message  # a Japanese sentence telling staff what to do
        assert d.target_model == model
    else:
        assert d.message is None
        assert d.target_model == target


def test_block_message_is_filled_in(default: Policy) -> None:
    scan = default.classify(detection(markings=["極秘"]))
    d = default.decide(scan, Principal("sato", "総務課"), default.catalog.models["gpt-4o"])
    assert d.message is not None
    assert "機密性3の情報は庁内（オンプレミス）のモデルにしか送れません（選択したモデル: gpt-4o、区分: overseas）" in d.message


def test_reroute_is_re_evaluated_at_the_target(catalog: Catalog) -> None:
    """A 機密性2-marked text with sensitive data for 税務課 to an overseas model: rerouted, then pseudonymised."""
    policy = load_policy(None, catalog, scanner=False)
    scan = policy.classify(detection(["PERSON"], tags=["sensitive_personal"]))
    d = policy.decide(scan, Principal("suzuki", "税務課"), catalog.models["claude"])
    assert (d.action, d.rule_id, d.target_model) == ("reroute", "tax-personal-domestic", "jp-llm")
    assert d.rules == ("tax-personal-domestic", "sensitive-pseudonymize")
    assert dict(d.entity_actions) == {"PERSON": "pseudonymize"}


FIVE_TABLE = [
    (["MY_NUMBER"], [], [], "税務課", "local-llm", "自治体機密性3A", "block", "block-3a", None),
    ([], ["極秘"], [], "総務課", "local-llm", "自治体機密性3A", "block", "block-3a", None),
    (["PERSON"], [], ["sensitive_personal"], "福祉課", "local-llm", "自治体機密性3B", "pseudonymize", "level-3b-onprem", "local-llm"),
    (["PERSON"], [], ["sensitive_personal"], "福祉課", "jp-llm", "自治体機密性3B", "block", "level-3b-block", None),
    (["PERSON"], [], [], "税務課", "jp-llm", "自治体機密性3C", "allow", "tax-3c-domestic", "jp-llm"),
    (["PERSON"], [], [], "市民課", "jp-llm", "自治体機密性3C", "pseudonymize", "level-3c-domestic-pseudonymize", "jp-llm"),
    (["PERSON"], [], [], "税務課", "gpt-4o", "自治体機密性3C", "block", "level-3c-overseas-block", None),
    (["PERSON"], [], [], "市民課", "local-llm", "自治体機密性3C", "allow", "allow-rest", "local-llm"),
    ([], ["取扱注意"], [], "企画課", "gpt-4o", "自治体機密性2", "reroute", "level-2-reroute", "jp-llm"),
    ([], [], [], "企画課", "gpt-4o", "自治体機密性1", "allow", "allow-rest", "gpt-4o"),
]


@pytest.mark.parametrize(("entities", "markings", "tags", "department", "model", "level", "action", "rule", "target"), FIVE_TABLE)
def test_five_level_policy_decisions(
    five: Policy,
    entities: list[str],
    markings: list[str],
    tags: list[str],
    department: str,
    model: str,
    level: str,
    action: str,
    rule: str,
    target: str | None,
) -> None:
    scan = five.classify(detection(entities, markings, tags))
    d = five.decide(scan, Principal("x", department), five.catalog.models[model])
    assert (d.level, d.action, d.rule_id) == (level, action, rule), d.reason
    if target is not None:
        assert d.target_model == target


def test_five_level_masks_phone_but_pseudonymises_person(five: Policy) -> None:
    scan = five.classify(detection(["PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS"]))
    d = five.decide(scan, Principal("x", "市民課"), five.catalog.models["jp-llm"])
    assert dict(d.entity_actions) == {"PERSON": "pseudonymize", "PHONE_NUMBER": "mask", "EMAIL_ADDRESS": "mask"}


def test_roles_and_unless(tmp_path, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text(
        """version: 1
levels: [{id: 機密性1}, {id: 機密性2}]
classification:
  rules: [{id: m2, level: 機密性2, markings: [機密性2]}]
rules:
  - id: l2-overseas
    when: {min_level: 機密性2, zones: [overseas]}
    unless: {roles: [ai-pilot]}
    action: block
  - id: rest
    action: allow
""",
        encoding="utf-8",
    )
    policy = load_policy(path, catalog, scanner=False)
    scan = policy.classify(detection(markings=["機密性2"]))
    gpt = catalog.models["gpt-4o"]
    assert policy.decide(scan, Principal("a", "企画課"), gpt).action == "block"
    pilot = policy.decide(scan, Principal("b", "企画課", frozenset({"ai-pilot"})), gpt)
    assert (pilot.action, pilot.rule_id) == ("allow", "rest")
    trace = policy.evaluate(scan, Principal("b", "企画課", frozenset({"ai-pilot"})), gpt).traces[0]
    assert trace.when_ok and trace.excepted and "unless held: roles" in trace.why()


def test_defaults_apply_when_no_rule_matches(tmp_path, catalog: Catalog) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.yaml"
    path.write_text(
        "version: 1\nlevels: [{id: L1}]\nrules:\n  - id: only-onprem\n    when: {zones: [onprem]}\n    action: allow\n"
        "defaults:\n  message: 送信先「{model}」には送れません。\n",
        encoding="utf-8",
    )
    policy = load_policy(path, catalog, scanner=False)
    d = policy.decide(policy.classify(detection()), Principal("a", "b"), catalog.models["jp-llm"])
    assert (d.action, d.rule_id, d.message) == ("block", "<defaults>", "送信先「jp-llm」には送れません。")


def test_output_actions_cover_every_type(default: Policy) -> None:
    out = default.decide_output(default.classify(detection()))
    assert out["PERSON"] == "mask" and out["PHONE_NUMBER"] == "mask"
    assert out["LOCATION"] == "keep" and out["CORPORATE_NUMBER"] == "keep"


def test_unknown_level_in_a_scan_counts_as_highest(default: Policy) -> None:
    foreign = ScanResult(detection(), level="自治体機密性3A", rank=5)
    d = default.decide(foreign, Principal("a", "b"), default.catalog.models["jp-llm"])
    assert d.action == "block"


def test_level2_without_personal_data_or_marking_is_rerouted(default: Policy) -> None:
    """機密性2 for another reason (e.g. a keyword list): rerouted away from overseas by the level rule."""
    scan = ScanResult(detection(), level="機密性2", rank=2, reasons=("keywords",))
    d = default.decide(scan, Principal("a", "企画課"), default.catalog.models["gpt-4o"])
    assert (d.action, d.rule_id, d.target_model, d.rules) == ("reroute", "level2-reroute", "jp-llm", ("level2-reroute", "allow-rest"))


def test_fast_path_agrees_with_the_explained_evaluation(default: Policy, five: Policy) -> None:
    """`decide` stops at the first match without tracing; it must pick what the full trace picks."""
    import itertools

    entity_sets = [[], ["PERSON"], ["MY_NUMBER"], ["PERSON", "BANK_ACCOUNT"], ["LOCATION"]]
    marking_sets = [[], ["機密性2"], ["極秘"], ["機密性3B"], ["機密性3C"]]
    tag_sets = [[], ["sensitive_personal"]]
    departments = ["税務課", "市民課"]
    roles = [frozenset(), frozenset({"ai-pilot"})]
    n = 0
    for policy in (default, five):
        for ents, marks, tags, dept, role, model in itertools.product(
            entity_sets, marking_sets, tag_sets, departments, roles, policy.catalog.models.values()
        ):
            scan = policy.classify(detection(ents, marks, tags))
            who = Principal("u", dept, role)
            fast = policy.decide(scan, who, model)
            full = policy.decide_from(policy.hops(scan, who, model, full=True), scan, who)
            assert fast == full
            n += 1
    assert n == 2 * 5 * 5 * 2 * 2 * 2 * 4
