"""A conversation through a gateway whose per-message caches are warm sends the upstream exactly
what a gateway with no cache sends: the same bytes at every turn, the same refusals.

Two real gateways on loopback share one recording upstream: `warm` with the default detection cache,
`cold` with `detection_cache.entries: 0` (every message of every turn scanned again). Each is sent the
same turns of the same conversation in the same order, so their vault sessions grow alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.gateway.conftest import STAFF_KEY, Gateway, base_config
from tests.support.conversation_text import NAMES, PIECES
from tests.support.upstream import UpstreamServer


def _post(gw: Gateway, messages: list[dict[str, str]], conversation: str) -> httpx.Response:
    return httpx.post(
        gw.base_url + "/chat/completions",
        json={"model": "gpt-overseas", "messages": messages},
        headers={"authorization": f"Bearer {STAFF_KEY}", "x-sekisho-conversation-id": conversation},
        timeout=60,
    )


@pytest.fixture
def pair(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer) -> Iterator[tuple[Gateway, Gateway]]:
    with ExitStack() as stack:
        warm = stack.enter_context(gateway_for(base_config(upstream)))
        cold = stack.enter_context(gateway_for(base_config(upstream, detection_cache={"entries": 0})))
        yield warm, cold


def _sent(
    gw: Gateway, upstream: UpstreamServer, messages: list[dict[str, str]], conversation: str
) -> tuple[int, bytes | None]:
    upstream.clear()
    r = _post(gw, messages, conversation)
    return r.status_code, (upstream.requests[0].raw if upstream.requests else None)


def _turns(pieces: list[list[tuple[int, int, int, int]]]) -> list[list[dict[str, str]]]:
    """Each turn's whole message list: user and assistant messages alternate, every turn ends with a user's."""
    messages: list[dict[str, str]] = []
    out = []
    for i, turn in enumerate(pieces):
        content = "".join(PIECES[p].format(name=NAMES[n], a=a, b=b) for p, n, a, b in turn)
        if i:
            messages.append({"role": "assistant", "content": f"{NAMES[i % len(NAMES)]}さんの件、承知しました。"})
        messages.append({"role": "user", "content": content})
        out.append([dict(m) for m in messages])
    return out


def test_twenty_turns_warm_and_cold_send_the_same_bytes_and_one_placeholder_per_person(
    pair: tuple[Gateway, Gateway], upstream: UpstreamServer
) -> None:
    warm, cold = pair
    turns = _turns([[(0, i % len(NAMES), 0, 0), (1, 0, 1000 + i, 2000 + i), (2, 0, 0, 0)] for i in range(20)])
    for messages in turns:
        got_warm, got_cold = _sent(warm, upstream, messages, "c20"), _sent(cold, upstream, messages, "c20")
        assert got_warm == got_cold and got_warm[0] == 200
    body = upstream.requests[0].body["messages"]
    assert "佐藤" not in str(body) and "090-1000" not in str(body)
    first, last = body[0]["content"], body[-1]["content"]
    # 佐藤花子 opened turn 1; turn 16 names her again: the same placeholder in both.
    name = first[first.index("〔") : first.index("〕") + 1]
    assert name in body[30]["content"] and name.startswith("〔氏名")
    assert last.count("〔") >= 2


def test_an_edited_earlier_message_is_rescanned_on_the_warm_gateway(
    pair: tuple[Gateway, Gateway], upstream: UpstreamServer
) -> None:
    warm, cold = pair
    turns = _turns([[(4, 0, 0, 0)], [(4, 0, 0, 0)], [(4, 0, 0, 0)]])
    for messages in turns:
        assert _sent(warm, upstream, messages, "edit") == _sent(cold, upstream, messages, "edit")
    edited = [dict(m) for m in turns[-1]]
    edited[0]["content"] = "追加：高橋健一さん（03-5555-1234）にも連絡。"
    got_warm, got_cold = _sent(warm, upstream, edited, "edit"), _sent(cold, upstream, edited, "edit")
    assert got_warm == got_cold and got_warm[1] is not None
    assert b"5555-1234" not in got_warm[1] and "高橋".encode() not in got_warm[1]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.lists(
        st.lists(
            st.tuples(
                st.integers(0, len(PIECES) - 1),
                st.integers(0, len(NAMES) - 1),
                st.integers(1, 9),
                st.integers(1000, 9999),
            ),
            min_size=1,
            max_size=3,
        ),
        min_size=1,
        max_size=4,
    ),
    st.integers(0, 10**9),
)
def test_random_conversations_warm_and_cold_send_the_same_bytes(
    pair: tuple[Gateway, Gateway], upstream: UpstreamServer, pieces: list[list[tuple[int, int, int, int]]], seed: int
) -> None:
    warm, cold = pair
    conversation = f"h{seed}"
    for messages in _turns(pieces):
        assert _sent(warm, upstream, messages, conversation) == _sent(cold, upstream, messages, conversation)
