"""Through the gateway: a stream is released as it arrives, not a sentence at a time, and stays screened."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.gateway._edge_support import AUTH, NAME, PHONE, PROMPT, post_chat, stream_events
from tests.gateway.conftest import Gateway
from tests.support.upstream import UpstreamServer

NEW_PHONE = "03-5253-2111"


def _deltas(events: list[object]) -> list[str]:
    return [c["delta"].get("content") or "" for e in events if isinstance(e, dict) for c in e.get("choices") or []]


@pytest.mark.parametrize(
    ("model", "who"),
    [
        ("domestic-llm", NAME),  # sent as written
        ("gpt-overseas", "〔氏名1〕"),  # pseudonymised: the answer names a placeholder, restored in the stream
    ],
)
def test_text_goes_out_before_the_sentence_ends(gw: Gateway, upstream: UpstreamServer, model: str, who: str) -> None:
    reply = f"承知しました。{who}さんへの回答です。折り返しは{NEW_PHONE}までお願いします。"
    upstream.behave(mode="reply", reply=reply, chunk=1)
    _, events = stream_events(gw, {"model": model, "messages": [{"role": "user", "content": PROMPT}]})
    deltas = [d for d in _deltas(events) if d]
    # 承 and 知 could still be a name; し after them cannot be an honorific: out before 。 arrives.
    assert deltas[0] == "承知し"
    text = "".join(deltas)
    assert text == f"承知しました。{NAME}さんへの回答です。折り返しは＜電話番号＞までお願いします。"
    assert len(deltas) > 10  # released as it came, not in three sentences
    assert NEW_PHONE not in text and "5253" not in text and PHONE not in text and "〔" not in text


# Invented by the model, each in a disguise the scanner reads through: Kangxi radicals (⼭⽥), a
# variation selector, zero widths inside a number, a combining mark. Released a character at a time,
# the first pieces went out before the scanner could read the whole value.
DISGUISED = [
    ("担当の⼭⽥太郎さんにご連絡ください。", "⼭⽥"),
    ("担当の葛\U000e0100城太郎さんにご連絡ください。", "葛"),
    ("折り返しは090\u200b1234\u200b5678までお願いします。", "090\u200b1234"),
    ("担当の鈴\u0301木一郎さんにご連絡ください。", "鈴"),
]


@pytest.mark.parametrize("chunk", [1, 2])
@pytest.mark.parametrize(("reply", "piece"), DISGUISED)
def test_a_disguised_value_never_goes_out_in_pieces(gw: Gateway, upstream: UpstreamServer, reply: str, piece: str, chunk: int) -> None:
    upstream.behave(mode="reply", reply=reply, chunk=chunk)
    body = {"model": "gpt-overseas", "messages": [{"role": "user", "content": PROMPT}]}
    _, events = stream_events(gw, body)
    streamed = "".join(_deltas(events))
    whole = post_chat(gw, body).json()["choices"][0]["message"]["content"]
    assert streamed == whole
    assert piece not in streamed and ("＜氏名＞" in streamed or "＜電話番号＞" in streamed)
    with httpx.stream("POST", gw.base_url + "/responses", json={"model": "gpt-overseas", "input": PROMPT, "stream": True},
                      headers=AUTH, timeout=60) as r:  # fmt: skip
        r.read()
    deltas = [json.loads(line[6:]).get("delta", "") for line in r.text.split("\n")
              if line.startswith("data: ") and '"response.output_text.delta"' in line]  # fmt: skip
    assert "".join(deltas) == whole
