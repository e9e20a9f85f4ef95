"""Through the gateway: a stream is released as it arrives, not a sentence at a time, and stays screened."""

from __future__ import annotations

import pytest

from tests.gateway._edge_support import NAME, PHONE, PROMPT, stream_events
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
