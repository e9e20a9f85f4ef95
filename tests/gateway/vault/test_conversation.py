"""Conversation ids: stable across turns, distinct across callers and openings, opaque."""

from __future__ import annotations

import asyncio
import hmac
import json

import pytest

from gateway.config import VaultConfig
from gateway.principal import Principal
from gateway.vault import conversation_id, open_session, open_store

KEY = b"x" * 32
SYSTEM = {"role": "system", "content": "あなたは市役所の相談窓口の補助をします。"}
USER1 = {"role": "user", "content": "佐藤花子さんの児童手当の件を要約してください。"}
ASSISTANT1 = {"role": "assistant", "content": "佐藤花子さんは…"}
USER2 = {"role": "user", "content": "次に取るべき手続きは？"}


def cid(user: str, messages: list[dict[str, object]], header: str | None = None, key: bytes = KEY) -> str:
    return conversation_id(user, messages, header, key=key)


def test_resending_the_history_keeps_the_id() -> None:
    turn1 = cid("tanaka", [SYSTEM, USER1])
    turn2 = cid("tanaka", [SYSTEM, USER1, ASSISTANT1, USER2])
    assert turn1 == turn2


def test_other_caller_or_other_opening_is_another_conversation() -> None:
    base = cid("tanaka", [SYSTEM, USER1])
    assert cid("suzuki", [SYSTEM, USER1]) != base
    assert cid("tanaka", [SYSTEM, USER2]) != base
    assert cid("tanaka", [USER1]) != base
    other_system = {"role": "system", "content": "別の指示"}
    assert cid("tanaka", [other_system, USER1]) != base


def test_header_wins_but_stays_scoped_to_the_caller() -> None:
    a = cid("tanaka", [SYSTEM, USER1], "case-42")
    assert a == cid("tanaka", [SYSTEM, USER2], "case-42")
    assert a != cid("suzuki", [SYSTEM, USER1], "case-42")
    assert a != cid("tanaka", [SYSTEM, USER1])
    assert cid("tanaka", [SYSTEM, USER1], "  ") == cid("tanaka", [SYSTEM, USER1])


def test_content_parts_are_part_of_the_opening() -> None:
    parts = {"role": "user", "content": [{"type": "text", "text": "佐藤花子さんの件"}]}
    other = {"role": "user", "content": [{"type": "text", "text": "鈴木一郎さんの件"}]}
    assert cid("u", [parts]) == cid("u", [parts, ASSISTANT1, USER2])
    assert cid("u", [parts]) != cid("u", [other])


def test_id_is_opaque_and_keyed() -> None:
    a = cid("tanaka", [SYSTEM, USER1])
    assert len(a) == 32 and int(a, 16) >= 0
    assert "tanaka" not in a
    assert a != cid("tanaka", [SYSTEM, USER1], key=b"y" * 32)


def test_open_session_uses_caller_and_messages() -> None:
    vault = open_store(VaultConfig(), {"SEKISHO_VAULT_KEY": "s" * 40})
    p = Principal(user="tanaka", department="福祉課")

    async def go() -> tuple[str, str, str, str]:
        s1 = await open_session(vault, p, {"messages": [SYSTEM, USER1]}, None)
        s2 = await open_session(vault, p, {"messages": [SYSTEM, USER1, ASSISTANT1, USER2]}, None)
        s3 = await open_session(vault, p, {"messages": [SYSTEM, USER1]}, "case-1")
        s4 = await open_session(vault, p, {"input": ["佐藤花子"]}, None)
        return s1.conversation_id, s2.conversation_id, s3.conversation_id, s4.conversation_id

    one, two, three, four = asyncio.run(go())
    assert one == two != three
    assert four not in (one, three)


def _spelled_out(kind: str, user: str, what: object, key: bytes = KEY) -> str:
    payload = json.dumps([kind, user, what], ensure_ascii=False)
    return hmac.digest(key, payload.encode("utf-8"), "sha256").hex()[:32]


@pytest.mark.parametrize("length", [10, 30_000])
def test_ids_stay_the_keyed_hash_of_the_opening(length: int) -> None:
    # Ids outlive a process (the shared vault keys pseudonyms by them): their spelling must not drift.
    long_system = {"role": "system", "content": "規" * length}
    for _ in range(2):
        assert cid("tanaka", [long_system, USER1, ASSISTANT1]) == _spelled_out(
            "opening", "tanaka", [["system", "規" * length], ["user", USER1["content"]]]
        )
        assert cid("tanaka", [long_system, USER1], key=b"y" * 32) == _spelled_out(
            "opening", "tanaka", [["system", "規" * length], ["user", USER1["content"]]], key=b"y" * 32
        )
    assert cid("tanaka", [SYSTEM, USER1], " case-42 ") == _spelled_out("header", "tanaka", "case-42")


def test_a_request_asks_once_and_again_only_when_its_opening_changed() -> None:
    from gateway.exchange import Exchange

    vault = open_store(VaultConfig(), {"SEKISHO_VAULT_KEY": "s" * 40})
    ex = Exchange(request_id="req_1", principal=Principal(user="tanaka", department="福祉課"), endpoint="chat.completions")
    messages: list[dict[str, object]] = [SYSTEM, USER1, ASSISTANT1, USER2]
    first = ex.conversation_in(vault, messages)
    assert first == vault.conversation_id("tanaka", messages, None)
    known = ex.conversation_known
    assert ex.conversation_in(vault, list(messages)) == first and ex.conversation_known is known  # not computed again
    # Withholding a blocked first message changes the opening, and the id with it.
    withheld = [SYSTEM, {"role": "user", "content": "（このメッセージは送信されませんでした）"}, ASSISTANT1, USER2]
    assert ex.conversation_in(vault, withheld) == vault.conversation_id("tanaka", withheld, None) != first
    # The caller's own id header wins, whatever the opening.
    ex.conversation_header = "case-42"
    assert ex.conversation_in(vault, messages) == ex.conversation_in(vault, withheld) == vault.conversation_id("tanaka", [], "case-42")
