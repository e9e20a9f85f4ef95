"""The staff guide, derived from the policy in force: what each model may be sent, tried on short examples.

Nothing is written by hand per policy: each example is scanned and decided by the active policy for
each model (and for each department a rule names), so the guide changes when the policy is reloaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gateway.policy.decision import ModelInfo
from gateway.policy.engine import Policy
from gateway.policy.explain import explain
from gateway.principal import Principal

if TYPE_CHECKING:
    from gateway.config import Config
    from gateway.usecase import Taxonomy

ZONE_LABELS = {
    "onprem": "庁内（オンプレミス・LGWAN側）",
    "domestic": "国内事業者（データは国内、学習に使われない契約）",
    "overseas": "海外事業者",
}


@dataclass(frozen=True, slots=True)
class Situation:
    id: str
    title: str
    what: str  # what kind of content, in plain words
    example: str


SITUATIONS = (
    Situation("public", "個人情報も機密もない内容", "公開済みの情報や一般的な文書づくり（機密性1）",
              "来月の市民向け健康講座のお知らせ文を作ってください。"),
    Situation("personal", "個人情報（氏名・電話番号・住所など）", "住民や職員の氏名・連絡先などを含む依頼（機密性2）",
              "山田太郎さん（090-1234-5678）からの問い合わせへの回答案を作ってください。"),
    Situation("sensitive", "要配慮個人情報（病歴・障害・犯罪歴など）", "特定の人の病歴・障害・犯罪の経歴などを含む依頼（機密性3）",
              "山田太郎さんは昨年から糖尿病で通院しています。面談記録の文案を作ってください。"),
    Situation("my_number", "マイナンバー（個人番号）", "12桁の個人番号を含む依頼（特定個人情報）",
              "個人番号 123456789018 の方の住民票の写しの交付について回答案を作ってください。"),
    Situation("marked2", "「取扱注意」「機密性２」などの表示がある文書", "庁内限りの検討資料など（機密性2の表示）",
              "【取扱注意】来年度の組織改正案の要点をまとめてください。"),
    Situation("marked3", "「極秘」「機密性３」などの表示がある文書", "秘密文書に相当するもの（機密性3の表示）",
              "【極秘】次期の重点施策案を整理してください。"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Outcome:
    action: str  # allow | mask | pseudonymize | block | reroute
    summary: str  # one plain Japanese sentence
    target: str | None  # where it is sent (None when blocked)
    outgoing: str | None  # the example as it would leave (None when blocked)
    message: str | None  # the block message staff would see


@dataclass(frozen=True, slots=True)
class ModelGuide:
    name: str
    zone: str
    zone_label: str
    description: str
    outcomes: Mapping[str, Outcome]  # situation id → outcome for staff of any department


@dataclass(frozen=True, slots=True)
class Exception_:
    department: str
    model: str
    situation: Situation
    general: Outcome
    outcome: Outcome


@dataclass(frozen=True, slots=True)
class Guide:
    policy_name: str
    policy_version: str
    levels: Sequence[tuple[str, str]]  # (id, description)
    situations: Sequence[Situation]
    models: Sequence[ModelGuide]
    exceptions: Sequence[Exception_]
    uses: Sequence[tuple[str, str, str]]  # (label, description, example prompt) from the taxonomy
    taxonomy_version: str


def build(policy: Policy, models: Sequence[tuple[str, str, str]], taxonomy: Taxonomy | None = None,
          level_descriptions: Mapping[str, str] | None = None) -> Guide:
    """The guide for `models` (name, zone, description) under `policy`."""  # fmt: skip
    anyone = Principal("guide", "", frozenset())
    guides = []
    general: dict[tuple[str, str], Outcome] = {}
    for name, zone, description in models:
        info = policy.catalog.models[name]
        outcomes = {}
        for s in SITUATIONS:
            outcomes[s.id] = general[(name, s.id)] = _outcome(policy, s.example, anyone, info)
        guides.append(ModelGuide(name, zone, ZONE_LABELS.get(zone, zone), description, outcomes))
    exceptions = []
    for dept in departments(policy):
        who = Principal("guide", dept, frozenset())
        for name, _, _ in models:
            for s in SITUATIONS:
                got = _outcome(policy, s.example, who, policy.catalog.models[name])
                base = general[(name, s.id)]
                if (got.action, got.target, got.outgoing) != (base.action, base.target, base.outgoing):
                    exceptions.append(Exception_(dept, name, s, base, got))
    uses = []
    if taxonomy is not None:
        uses = [(c.label, c.description, c.example) for c in taxonomy.categories if c.example]
    descriptions = level_descriptions or {}
    return Guide(
        policy_name=policy.name,
        policy_version=policy.version,
        levels=[(lv, descriptions.get(lv, "")) for lv in policy.levels],
        situations=SITUATIONS,
        models=guides,
        exceptions=exceptions,
        uses=uses,
        taxonomy_version=getattr(taxonomy, "version", ""),
    )


def departments(policy: Policy) -> list[str]:
    """Departments a rule names, in the order they first appear."""
    seen: list[str] = []
    for rule in policy.rules:
        for cond in (rule.when, rule.unless):
            for d in sorted(getattr(cond, "departments", None) or ()):
                if d not in seen:
                    seen.append(d)
    return seen


def _outcome(policy: Policy, text: str, who: Principal, model: ModelInfo) -> Outcome:
    ex = explain(policy, text, who, model)
    d = ex.decision
    target = policy.catalog.models.get(d.target_model)
    where = f"{d.target_model}（{ZONE_LABELS.get(target.zone, target.zone).split('（')[0]}）" if target else d.target_model
    transformed = ex.outgoing is not None and ex.outgoing != text
    if d.action == "block":
        summary = "送信できません。"
    elif d.action == "reroute":
        summary = f"送り先が {where} に変わります。" + (" 氏名などは仮名に置き換えて送ります。" if transformed else "")
    elif d.action == "pseudonymize" and transformed:
        summary = "氏名・電話番号などを仮名（〔氏名1〕など）に置き換えて送り、回答では元の値に戻します。"
    elif d.action == "mask" and transformed:
        summary = "氏名・電話番号などを伏せ字（＜氏名＞など）にして送ります。回答でも伏せたままです。"
    else:
        summary = "そのまま送信されます。"
    return Outcome(d.action, summary, None if d.action == "block" else d.target_model, ex.outgoing, d.message)


def for_config(config: Config, policy: Policy, taxonomy: Taxonomy | None) -> Guide:
    """The guide for every model of a validated `sekisho.yaml`."""
    models = [(m.name, m.zone, m.description) for m in config.models]
    return build(policy, models, taxonomy)
