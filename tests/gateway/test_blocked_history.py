"""A blocked message must not poison the chat: Open WebUI resends it in the history of every later turn."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.gateway._edge_support import audit_records
from tests.gateway.conftest import STAFF_KEY, TAX_KEY, Gateway, base_config
from tests.support.upstream import UpstreamServer

BLOCKED = "この方の個人番号は123456789018です。手続きを教えて。"
NEXT = "では、一般的な転入手続きの流れを教えてください。"
NOTICE = "（この発言は送信ルールにより送信されませんでした）"


def chat(gw: Gateway, messages: list[dict[str, Any]], key: str = STAFF_KEY, **headers: str) -> httpx.Response:
    return httpx.post(gw.base_url + "/chat/completions", json={"model": "gpt-overseas", "messages": messages},
                      headers={"authorization": f"Bearer {key}", **headers}, timeout=60)  # fmt: skip


def open_webui_history(*user_turns: str) -> list[dict[str, Any]]:
    # What Open WebUI 0.12 sends after a 403: the failed reply dropped, the blocked message kept.
    return [{"role": "system", "content": "You are a helpful assistant."}, *({"role": "user", "content": t} for t in user_turns)]


def test_the_next_turn_goes_through_without_the_blocked_text(gateway: Gateway, upstream: UpstreamServer) -> None:
    assert chat(gateway, open_webui_history(BLOCKED)).status_code == 403
    upstream.clear()
    r = chat(gateway, open_webui_history(BLOCKED, NEXT))
    assert r.status_code == 200, r.text
    sent = upstream.last_body["messages"]
    assert [m["content"] for m in sent[1:]] == [NOTICE, NEXT]
    assert "123456789018" not in str(upstream.last_body)
    record = audit_records(gateway.audit_dir)[r.headers["x-sekisho-request-id"]]
    assert record["withheld_messages"] == 1


def test_resending_the_blocked_text_as_the_newest_is_blocked_again(gateway: Gateway, upstream: UpstreamServer) -> None:
    assert chat(gateway, open_webui_history(BLOCKED)).status_code == 403
    upstream.clear()
    assert chat(gateway, open_webui_history(BLOCKED, BLOCKED)).status_code == 403
    assert upstream.requests == []


def test_only_what_was_blocked_in_this_conversation_is_withheld(gateway: Gateway, upstream: UpstreamServer) -> None:
    # Another user's conversation with the same opening never saw the block: nothing is withheld.
    assert chat(gateway, open_webui_history(BLOCKED)).status_code == 403
    assert chat(gateway, open_webui_history(BLOCKED, NEXT), key=TAX_KEY).status_code == 403


def test_policy_can_keep_blocking(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, tmp_path: Any) -> None:
    from pathlib import Path

    policy = Path(__file__).resolve().parents[2] / "policies"
    text = (policy / "default.yaml").read_text(encoding="utf-8") + "\nhistory: block\n"
    (tmp_path / "policy.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "keywords.yaml").write_text((policy / "keywords.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with gateway_for(base_config(upstream, policy={"path": "policy.yaml"})) as gw:
        assert chat(gw, open_webui_history(BLOCKED)).status_code == 403
        assert chat(gw, open_webui_history(BLOCKED, NEXT)).status_code == 403


@pytest.fixture
def shared(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, fresh_redis_url: str,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Gateway, Gateway]]:  # fmt: skip
    monkeypatch.setenv("SEKISHO_VAULT_KEY", "a-test-vault-key-of-enough-length-1234")
    cfg = base_config(upstream, vault={"redis_url": fresh_redis_url})
    with gateway_for(cfg) as a, gateway_for(cfg) as b:
        yield a, b


def test_replicas_share_what_was_blocked(shared: tuple[Gateway, Gateway], upstream: UpstreamServer) -> None:
    a, b = shared
    assert chat(a, open_webui_history(BLOCKED)).status_code == 403
    r = chat(b, open_webui_history(BLOCKED, NEXT))
    assert r.status_code == 200 and upstream.last_body["messages"][1]["content"] == NOTICE
