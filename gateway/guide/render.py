"""The staff guide as Markdown (for the intranet) or HTML (the /guide/ page and `policy guide --format html`)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from gateway.guide.build import Guide

_ACTION_MARK = {"allow": "○", "pseudonymize": "○（仮名化）", "mask": "○（伏せ字）", "reroute": "→ 振替", "block": "×"}

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals["marks"] = _ACTION_MARK


def html(guide: Guide, **extra: object) -> str:
    """The guide as one self-contained HTML page (inline CSS, no script)."""
    return _env.get_template("guide.html").render(g=guide, **extra)


def markdown(guide: Guide) -> str:
    """The guide as Markdown."""
    out = [
        "# 生成AIの使い方ガイド（職員向け）",
        "",
        f"このガイドは、現在のポリシー「{guide.policy_name}」（版 {guide.policy_version[:8]}）から自動で作られています。"
        "ポリシーが変わると内容も変わります。",
        "",
        "## 一覧：どのモデルに何を送れるか",
        "",
        "| 内容 | " + " | ".join(f"{m.name}（{m.zone_label.split('（')[0]}）" for m in guide.models) + " |",
        "|---|" + "---|" * len(guide.models),
    ]
    for s in guide.situations:
        cells = [_ACTION_MARK.get(m.outcomes[s.id].action, m.outcomes[s.id].action) for m in guide.models]
        out.append(f"| {s.title} | " + " | ".join(cells) + " |")
    out += ["", "○ そのまま送信　○（仮名化）氏名などを仮名にして送信し、回答で元に戻す　○（伏せ字）伏せ字にして送信　→ 振替 別のモデルに送り先が変わる　× 送信できない", ""]
    for m in guide.models:
        out += [f"## {m.name}", "", f"- 区分: {m.zone_label}"]
        if m.description:
            out.append(f"- 説明: {m.description}")
        out.append("")
        for s in guide.situations:
            o = m.outcomes[s.id]
            out += [f"### {s.title}", "", f"{o.summary}", "", f"- 例: 「{s.example}」"]
            if o.action == "block" and o.message:
                out.append("- 表示されるメッセージ: " + " ".join(o.message.splitlines()))
            elif o.outgoing is not None and o.outgoing != s.example:
                out.append(f"- 実際に送られる文: 「{o.outgoing}」")
            out.append("")
    if guide.exceptions:
        out += ["## 部署ごとの例外", ""]
        for e in guide.exceptions:
            out.append(f"- **{e.department}** が {e.model} に「{e.situation.title}」を送る場合: {e.outcome.summary}（通常は: {e.general.summary}）")
        out.append("")
    if guide.uses:
        out += ["## おすすめの使い方", ""]
        for label, description, example in guide.uses:
            out += [f"### {label}", "", description, "", f"- 依頼の例: 「{example}」", ""]
    out += ["## 困ったときは", "", "送信が止められた理由が分からないとき、業務でどうしても必要なときは、情報政策課に相談してください。", ""]
    return "\n".join(out)
