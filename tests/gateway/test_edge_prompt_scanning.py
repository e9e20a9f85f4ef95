"""Nothing personal leaves unscanned: every free-text field, the whole history, long prompts and typed lookalikes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.gateway._edge_support import NAME, PHONE, PROMPT, openai_client, post_chat, sent_text
from tests.gateway.conftest import Gateway
from tests.support.upstream import UpstreamServer

LEAK = f"{NAME}（{PHONE}）"


def _with_field(where: str) -> dict[str, Any]:
    body: dict[str, Any] = {"model": "gpt-overseas", "messages": [{"role": "user", "content": PROMPT}]}
    schema = {"type": "object", "properties": {"reply": {"type": "string", "description": f"{LEAK} への返信文"}}}
    if where == "tools.parameters":
        body["tools"] = [{"type": "function", "function": {"name": "send", "description": "送信", "parameters": schema}}]
    elif where == "tools.parameters.enum":
        enum_schema = {"type": "object", "properties": {"to": {"type": "string", "enum": [LEAK, "その他"]}}}
        body["tools"] = [{"type": "function", "function": {"name": "send", "parameters": enum_schema}}]
    elif where == "response_format":
        body["response_format"] = {"type": "json_schema", "json_schema": {"name": "r", "description": LEAK, "schema": schema}}
    elif where == "functions":
        body["functions"] = [{"name": "send", "description": f"{LEAK} に送る", "parameters": {"type": "object", "properties": {}}}]
    elif where == "metadata":
        body["metadata"] = {"case": LEAK}
    elif where == "user":
        body["user"] = LEAK
    elif where == "prediction":
        body["prediction"] = {"type": "content", "content": f"{LEAK} 様への回答です。"}
    elif where == "stop":
        body["stop"] = [LEAK]
    elif where == "unknown-top-level":
        body["context_notes"] = f"参考: {LEAK}"
    elif where == "message.refusal":
        body["messages"].insert(0, {"role": "assistant", "content": "承知しました。", "refusal": f"{LEAK} についてはお答えできません。"})
    return body


@pytest.mark.parametrize(
    "where",
    [
        "tools.parameters",
        "tools.parameters.enum",
        "response_format",
        "functions",
        "metadata",
        "user",
        "prediction",
        "stop",
        "unknown-top-level",
        "message.refusal",
    ],
)
def test_no_free_text_field_reaches_the_upstream_unscanned(gw: Gateway, upstream: UpstreamServer, where: str) -> None:
    # Correct is either: the field is scanned and pseudonymised like the messages, or the request is
    # refused. What must never happen is the raw value reaching an overseas model.
    r = post_chat(gw, _with_field(where))
    assert r.status_code in (200, 400), r.text
    sent = sent_text(upstream.bodies())
    assert NAME not in sent and PHONE not in sent, f"{where}: raw personal data reached the upstream"


def test_names_in_ascii_escaped_json_history_are_pseudonymised(gw: Gateway, upstream: UpstreamServer) -> None:
    # What Python agents (json.dumps defaults) put in the history: tool arguments and tool results.
    args = json.dumps({"name": NAME, "tel": PHONE})
    result = json.dumps({"status": "found", "resident": {"name": NAME, "address": "東京都千代田区霞が関1-2-3"}})
    messages = [
        {"role": "user", "content": f"{NAME}さんの住所を調べて"},
        {"role": "assistant", "content": None,
         "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": args}}]},
        {"role": "tool", "tool_call_id": "c1", "content": result},
        {"role": "user", "content": "結果を要約して"},
    ]  # fmt: skip
    assert post_chat(gw, {"model": "gpt-overseas", "messages": messages}).status_code == 200
    sent = upstream.last_body["messages"]
    decoded = json.dumps([json.loads(sent[1]["tool_calls"][0]["function"]["arguments"]), json.loads(sent[2]["content"])], ensure_ascii=False)
    assert NAME not in decoded


def test_personal_data_anywhere_in_the_history_is_pseudonymised(gw: Gateway, upstream: UpstreamServer) -> None:
    args = json.dumps({"name": NAME, "tel": PHONE}, ensure_ascii=False)
    messages = [
        {"role": "system", "content": f"あなたは市民課の職員です。担当は鈴木一郎、相談者の電話は {PHONE} です。"},
        {"role": "user", "name": "sato", "content": [{"type": "text", "text": "次の方の件です。"}, {"type": "text", "text": f"相談者: {NAME}さん"}]},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": args}}]},
        {"role": "tool", "tool_call_id": "c1", "content": f"氏名: {NAME} 電話: {PHONE} 住所: 東京都千代田区霞が関1-2-3"},
        {"role": "assistant", "content": f"{NAME}さんの記録が見つかりました。"},
        {"role": "user", "content": "要約して"},
    ]  # fmt: skip
    r = post_chat(gw, {"model": "gpt-overseas", "messages": messages})
    assert r.status_code == 200, r.text
    sent = upstream.last_body["messages"]
    raw = sent_text([sent])
    for value in (NAME, PHONE, "鈴木一郎", "東京都千代田区霞が関1-2-3"):
        assert value not in raw, f"{value} reached the upstream"
    assert json.loads(sent[2]["tool_calls"][0]["function"]["arguments"])["name"].startswith("〔")
    assert r.headers["x-sekisho-action"] == "pseudonymize"


def test_a_value_pseudonymised_in_one_message_is_replaced_in_every_message(gw: Gateway, upstream: UpstreamServer) -> None:
    messages = [
        {"role": "system", "content": f"担当は鈴木一郎（内線 {PHONE}）。"},
        {"role": "user", "content": PROMPT},
    ]
    assert post_chat(gw, {"model": "gpt-overseas", "messages": messages}).status_code == 200
    sent = upstream.last_body["messages"]
    assert PHONE not in sent[1]["content"]  # found here, with its 連絡先 label
    assert PHONE not in sent[0]["content"]


@pytest.mark.parametrize("stream", [False, True])
def test_placeholder_lookalike_typed_by_the_user_round_trips(gw: Gateway, upstream: UpstreamServer, stream: bool) -> None:
    prompt = f"申請書の〔氏名1〕欄と［氏名２］欄には{NAME}さんの氏名を書きます。"
    upstream.behave(chunk=1)
    r = openai_client(gw).chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": prompt}], stream=stream)
    text = "".join(c.choices[0].delta.content or "" for c in r if c.choices) if stream else r.choices[0].message.content
    assert text == prompt
    assert NAME not in sent_text(upstream.bodies())


def test_a_100kb_prompt_is_pseudonymised_end_to_end(gw: Gateway, upstream: UpstreamServer) -> None:
    filler = "本市の窓口業務の手順を確認しています。\n" * 1900  # ~110 KB of UTF-8
    prompt = f"相談者: {NAME}さん\n{filler}連絡先: {PHONE}\n担当: 鈴木一郎\n"
    assert 100_000 < len(prompt.encode("utf-8")) < 250_000
    r = openai_client(gw).chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": prompt}])
    assert r.choices[0].message.content == prompt
    sent = sent_text(upstream.bodies())
    assert NAME not in sent and PHONE not in sent and "鈴木一郎" not in sent


def test_phone_across_the_scanner_window_in_compact_json_is_pseudonymised(gw: Gateway, upstream: UpstreamServer) -> None:
    user = "検索結果の連絡先を整理して"
    head = f"{user}\n\n"  # the tool result follows the user text in the joined scan
    records, text = [], "["
    n = 0
    while len(head) + len(text) < 12_000 - 200:
        rec = json.dumps({"id": n, "tel": f"03-{1000 + n:04d}-{2000 + n:04d}"}, separators=(",", ":"))
        records.append(rec)
        text += rec + ","
        n += 1
    # Pad so the next phone number starts 6 characters before the 12,000th character of the scan.
    prefix = '{"id":9999,"memo":"'
    pad = 12_000 - 6 - len(head) - len(text) - len(prefix) - len('","tel":"')
    target = "080-9876-5432"
    text += prefix + "x" * pad + '","tel":"' + target + '"}]'
    assert (head + text).index(target) == 12_000 - 6
    messages = [{"role": "user", "content": user}, {"role": "tool", "tool_call_id": "c1", "content": text}]
    assert post_chat(gw, {"model": "gpt-overseas", "messages": messages}).status_code == 200
    sent = upstream.last_body["messages"][1]["content"]
    assert "03-1000-2000" not in sent  # the control: a number well inside the window is replaced
    assert target not in sent
