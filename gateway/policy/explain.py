"""`explain`: what the policy does with one prompt — findings, level, every rule considered, the result."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from detectors.model import ScanResult
from gateway.policy.decision import Decision, ModelInfo
from gateway.policy.engine import Hop, Policy
from gateway.principal import Principal

ORDER_NOTE = "上から順に評価し、最初に条件を満たしたルールを適用します (first match)"


@dataclass(frozen=True, slots=True)
class Explanation:
    principal: Principal
    model: ModelInfo
    scan: ScanResult
    hops: tuple[Hop, ...]
    decision: Decision
    outgoing: str | None  # the prompt exactly as it would leave; None when blocked


def explain(policy: Policy, text: str, principal: Principal, model: ModelInfo) -> Explanation:
    """Scan, decide and transform `text` as the gateway would, keeping every step for display."""
    scan = policy.scan(text)
    hops = policy.hops(scan, principal, model)
    decision = policy.decide_from(hops, scan, principal)
    return Explanation(principal, model, scan, hops, decision, outgoing_text(text, scan, decision))


def outgoing_text(text: str, scan: ScanResult, decision: Decision) -> str | None:
    """The text that would be sent: the vault's own transform with a throwaway session."""
    if decision.action == "block":
        return None
    if not decision.entity_actions:
        return text
    from gateway.vault import transform

    result = asyncio.run(transform.apply(text, list(scan.findings), decision.entity_actions, None))
    return result.text


def render(policy: Policy, ex: Explanation) -> str:
    """A plain-text report for IT staff (it shows the prompt's personal data: print it, never log it)."""
    d = ex.decision
    p = ex.principal
    lines = [
        f"ポリシー (policy): {policy.path}  version {policy.version}",
        f"評価順 (order): {ORDER_NOTE}",
        f"呼び出し元 (caller): user={p.user or '-'} department={p.department or '-'} roles={','.join(sorted(p.roles)) or '-'}",
        f"要求モデル (model): {ex.model.name} ({ex.model.zone})",
        "",
        "検出結果 (findings):",
    ]
    if not ex.scan.findings:
        lines.append("  なし (none)")
    for f in ex.scan.findings:
        lines.append(f"  {f.entity:<22} 「{f.text}」 [{f.start}:{f.end}] {f.detector} {f.score:.2f}")
    markings = ", ".join(m.label for m in ex.scan.detection.markings) or "なし"
    lines += [
        f"表示 (markings): {markings}",
        f"タグ (tags): {', '.join(sorted(ex.scan.tags)) or 'なし'}",
        f"キーワード (keywords): {', '.join(sorted(ex.scan.detection.keywords)) or 'なし'}",
        f"機密性 (level): {ex.scan.level}  分類ルール (classification): {', '.join(ex.scan.reasons) or 'なし → 最も低い段階'}",
    ]
    for i, hop in enumerate(ex.hops):
        title = "ルールの評価" if i == 0 else "振替先でのルールの評価"
        lines += ["", f"{title} (rules for {hop.model.name}, zone {hop.model.zone}):"]
        lines += _hop_lines(hop)
    lines += ["", f"判定 (action): {d.action}  rule: {d.rule_id}"]
    if d.entity_actions:
        per = ", ".join(f"{k} → {v}" for k, v in sorted(d.entity_actions.items()))
        lines.append(f"種類ごとの処理 (entities): {per}")
    target = policy.catalog.models.get(d.target_model)
    zone = f" ({target.zone})" if target else ""
    if d.action == "block":
        lines += ["送信先 (target): 送信しません (blocked)", "利用者へのメッセージ (message):"]
        lines += [f"  {line}" for line in (d.message or "").splitlines()]
    else:
        lines += [f"送信先モデル (target): {d.target_model}{zone}", "送信される文面 (outgoing):"]
        lines += [f"  {line}" for line in (ex.outgoing or "").splitlines() or [""]]
    lines.append(f"理由 (reason): {d.reason}")
    return "\n".join(lines)


def _hop_lines(hop: Hop) -> Sequence[str]:
    out = []
    won = False
    for t in hop.traces:
        r = t.rule
        if r is hop.winner:
            mark, note = "✓", f"適用 (applied: {r.action}{' → ' + r.reroute_target if r.reroute_target else ''})"
            won = True
        elif t.matched:
            mark, note = "·", "該当するが、先のルールが優先 (matches, but an earlier rule applies)" if won else ""
        else:
            mark, note = "✗", "該当せず (no match)"
        lines_why = t.why()
        out.append(f"  {mark} {r.id:<32} {r.where}  {note}")
        out.append(f"      {lines_why}")
    if hop.winner is None:
        out.append("  (どのルールにも該当しないため defaults を適用 / no rule matched: defaults apply)")
    return out
