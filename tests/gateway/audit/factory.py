"""Audit records built the way the gateway builds them, from prompts that hold personal data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gateway.audit import AuditLog, AuditRecord, ClientInfo, PrincipalInfo, Usage
from gateway.audit.chain import ChainKey


@dataclass(frozen=True)
class Case:
    """One request: the prompt the user sent and what the gateway did about it."""

    name: str
    prompt: str
    answer: str
    action: str
    outcome: str
    status: int
    level: str
    entities: dict[str, int]
    model_actual: str | None
    zone: str | None
    error_type: str | None = None


# The personal values below must never appear in any byte the audit log writes.
PERSONAL_VALUES = (
    "山田太郎",
    "佐藤花子",
    "090-1234-5678",
    "123456789018",
    "taro.yamada@example.jp",
    "北区中央一丁目2番3号",
    "鈴木一郎",
)

CASES = (
    Case(
        "allowed",
        "来週の会議資料の構成案を作ってください。",
        "構成案は次のとおりです。",
        "allow",
        "ok",
        200,
        "機密性1",
        {},
        "gpt-4o",
        "overseas",
    ),
    Case(
        "masked",
        "山田太郎さん（090-1234-5678）への回答文を作成して。",
        "[PERSON]様への回答文です。",
        "mask",
        "ok",
        200,
        "機密性2",
        {"PERSON": 1, "PHONE_NUMBER": 1},
        "gpt-4o",
        "overseas",
    ),
    Case(
        "pseudonymised",
        "佐藤花子さんの連絡先 taro.yamada@example.jp に送る案内文",
        "<PERSON_1>様 ご案内",
        "pseudonymize",
        "ok",
        200,
        "機密性2",
        {"PERSON": 1, "EMAIL_ADDRESS": 1},
        "gpt-4o",
        "overseas",
    ),
    Case(
        "blocked",
        "個人番号 123456789018 の鈴木一郎さんの課税状況を要約",
        "",
        "block",
        "blocked",
        403,
        "機密性3",
        {"MY_NUMBER": 1, "PERSON": 1},
        None,
        None,
    ),
    Case(
        "rerouted",
        "北区中央一丁目2番3号に住む山田太郎さんの相談記録を要約",
        "要約しました。",
        "reroute",
        "ok",
        200,
        "機密性2",
        {"ADDRESS": 1, "PERSON": 1},
        "onprem-llm",
        "onprem",
    ),
    Case(
        "failed",
        "佐藤花子さんの件で上長への報告文を作成",
        "",
        "mask",
        "error",
        502,
        "機密性2",
        {"PERSON": 1},
        "gpt-4o",
        "overseas",
        "upstream_unavailable",
    ),
)


def build(log: AuditLog, case: Case, n: int, **over: Any) -> AuditRecord:
    """The record the pipeline would build for `case` (request number `n`)."""
    ok = case.outcome == "ok"
    fields: dict[str, Any] = dict(
        request_id=f"req-{case.name}-{n:05d}",
        principal=PrincipalInfo(user=f"user{n % 3}", department=("総務課", "税務課", "福祉課")[n % 3], roles=["staff"]),
        client=ClientInfo(user_agent="OpenAI/Python 1.40", address="127.0.0.1"),
        model_requested="gpt-4o",
        model_actual=case.model_actual,
        zone=case.zone,
        level=case.level,
        rank={"機密性1": 1, "機密性2": 2, "機密性3": 3}[case.level],
        tags=["personal"] if case.entities else [],
        entities=case.entities,
        action=case.action,
        rule_id=f"rule-{case.action}",
        policy_version="2026-04-01.1",
        prompt_chars=len(case.prompt),
        answer_chars=len(case.answer),
        usage=Usage(prompt_tokens=40, completion_tokens=60, total_tokens=100) if ok else None,
        cost=1.5 if ok else 0.0,
        upstream_ms=350.0 if case.model_actual else None,
        overhead_ms=4.2,
        detector_ms=1.1,
        outcome=case.outcome,
        status=case.status,
        error_type=case.error_type,
        prompt_hmac=log.prompt_hmac(case.prompt),
        content=log.seal_content(case.prompt, case.answer),
    )
    fields.update(over)
    return AuditRecord(**fields)


# The key the audit tests write with; the CLI helper (tests/gateway/audit/cli.py) passes it too.
HMAC_KEY = b"k" * 32
CHAIN_KEY = ChainKey.of(HMAC_KEY)
