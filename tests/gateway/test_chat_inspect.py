"""A chat turn inspected with the conversation's memo (earlier messages not read again) gives exactly
what reading every message gives: the same body for the upstream, placeholders, scan and decision,
the same refusals. Two gateways' services in one process, one with the memo and one without
(`detection_cache.conversations: 0`), are sent the same turns in the same order.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis import Redis

from gateway import pipeline
from gateway.config import load_config
from gateway.errors import SekishoError
from gateway.principal import Principal
from gateway.services import Services, start_services, stop_services
from tests.gateway.conftest import KEYS
from tests.support.conversation_text import NAMES
from tests.support.conversation_text import PIECES as BASE_PIECES
from tests.support.redis_server import run_redis

ROOT = Path(__file__).resolve().parents[2]
STAFF = Principal(user="u1001", department="総務課")
PIECES = [
    *BASE_PIECES,
    "{name}",  # a bare name, found by spreading it from where it was found
    "佐藤\n花子さんの件。",  # a value across lines
    "カード番号 4111 1111 1111 1111 で支払い。",  # masked, not pseudonymised
]


def _config(tmp: Path, **extra: Any) -> Path:
    def model(name: str, zone: str) -> dict[str, Any]:
        return {"name": name, "zone": zone, "upstream": {"type": "openai", "base_url": "http://127.0.0.1:9/v1", "model": name}}

    policy = tmp / "policy.yaml"
    if not policy.exists():
        for name in ("default.yaml", "keywords.yaml"):  # the policy and the keyword lists it names
            (tmp / name).write_text((ROOT / "policies" / name).read_text(encoding="utf-8"), encoding="utf-8")
        (tmp / "default.yaml").rename(policy)
    cfg = {
        "models": [model("local-llm", "onprem"), model("domestic-llm", "domestic"), model("gpt-overseas", "overseas")],
        "zone_defaults": {"onprem": "local-llm", "domestic": "domestic-llm"},
        "keys": KEYS,
        "audit": {"dir": "audit"},
        "policy": {"path": str(policy), "reload_interval_s": 3600},
        **extra,
    }
    path = tmp / f"sekisho-{len(list(tmp.glob('sekisho-*.yaml')))}.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


@dataclass
class Pair:
    runner: asyncio.Runner
    memo: Services
    full: Services
    policy: Path

    def both(self, body: dict[str, Any], conversation: str) -> Any:
        """What each side would send, or how it refused; asserted equal, and returned."""
        got = [self.runner.run(_sent(s, body, conversation)) for s in (self.memo, self.full)]
        assert got[0] == got[1]
        return got[0]


async def _sent(services: Services, body: dict[str, Any], conversation: str) -> Any:
    ex = pipeline.Exchange(request_id="t", principal=STAFF, endpoint="chat.completions", conversation_header=conversation)
    original = json.dumps(body, ensure_ascii=False)
    try:
        sent, plan = await pipeline.prepare_chat(services, ex, body)
    except SekishoError as exc:
        return ("refused", exc.status, exc.code, exc.message, ex.withheld)
    assert json.dumps(body, ensure_ascii=False) == original  # the client's body is left as it came
    assert ex.scan is not None and ex.decision is not None
    return (
        json.dumps(sent, ensure_ascii=False),
        sorted(plan.mapping.items()),
        dict(plan.output_actions),
        ex.prompt_text,
        ex.scan.level,
        ex.scan.findings,
        ex.scan.detection.markings,
        ex.scan.tags,
        ex.scan.detection.keywords,
        ex.decision.action,
        ex.withheld,
    )


@contextmanager
def _pair(tmp: Path, redis: str | None = None) -> Iterator[Pair]:
    """Services with the memo and without, on one vault kind (each its own store: with Redis, its own db)."""
    vaults = [{"redis_url": redis.rsplit("/", 1)[0] + f"/{db}"} for db in (1, 2)] if redis else [{}, {}]
    with asyncio.Runner() as runner:
        memo = runner.run(start_services(*load_config(_config(tmp, vault=vaults[0]))))
        full = runner.run(start_services(*load_config(_config(tmp, vault=vaults[1], detection_cache={"conversations": 0}))))
        assert memo.memo is not None and full.memo is None
        try:
            yield Pair(runner, memo, full, tmp / "policy.yaml")
        finally:
            runner.run(stop_services(memo))
            runner.run(stop_services(full))


@pytest.fixture(scope="module", params=["memory", "redis"])
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    redis = request.getfixturevalue("redis_url") if request.param == "redis" else None
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SEKISHO_VAULT_KEY", "chat-inspect-test-vault-key")
        with _pair(tmp_path_factory.mktemp("chat-inspect"), redis) as made:
            if redis:
                for services in (made.memo, made.full):
                    _flush(services)
            yield made


def _flush(services: Services) -> None:
    url = services.config.vault.redis_url
    if url:
        client = Redis.from_url(url)
        client.flushdb()
        client.close()


def _user(text: str) -> dict[str, str]:
    return {"role": "user", "content": text}


def _chat(messages: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return {"model": "gpt-overseas", "messages": messages, **fields}


def _turns(n: int) -> list[list[dict[str, Any]]]:
    """n turns of the bench's kind of conversation: each user message names someone new, with a number."""
    messages: list[dict[str, Any]] = [{"role": "system", "content": "市民課の窓口担当として回答してください。"}]
    out = []
    for i in range(n):
        # Turns 6, 11 and 16 name the people of turns 1, 2 and 3 again.
        name = NAMES[(i // 5 - 1) % 5] if i and i % 5 == 0 else NAMES[i] if i < 5 else f"{NAMES[i % 5][:2]}{'一二三四五六七八九'[i % 9]}郎"
        if i:
            messages.append({"role": "assistant", "content": f"{out[-1][-1]['content'][:4]}さんへの回答案です。"})
        messages.append(_user(f"{name}さん（連絡先 090-{1000 + i:04d}-{2000 + i:04d}）から問い合わせがありました。"))
        out.append([dict(m) for m in messages])
    return out


def test_twenty_turns_read_only_their_new_messages_and_send_what_a_full_read_sends(pair: Pair) -> None:
    assert pair.memo.memo is not None
    hits, lookups = pair.memo.memo.hits, pair.memo.detections.hits + pair.memo.detections.misses
    last = None
    for messages in _turns(20):
        before = pair.memo.detections.hits + pair.memo.detections.misses
        last = pair.both(_chat(messages), "twenty")
        # The detection cache is asked about the new messages only: the assistant's and the user's
        # (the system message and the user's in the first turn).
        assert pair.memo.detections.hits + pair.memo.detections.misses - before == 2
    assert pair.memo.memo.hits - hits == 19 and lookups < pair.memo.detections.hits + pair.memo.detections.misses
    sent = json.loads(last[0])["messages"]
    assert "佐藤" not in last[0] and "090-1000" not in last[0]
    # 佐藤花子 in turn 1 and again in turn 6 (the names come round): one placeholder for her in both.
    first = sent[1]["content"]
    placeholder = first[: first.index("〕") + 1]
    assert placeholder.startswith("〔氏名") and sent[11]["content"].startswith(placeholder)


def test_an_edited_earlier_message_is_read_again(pair: Pair) -> None:
    turns = _turns(4)
    for messages in turns:
        pair.both(_chat(messages), "edited")
    edited = [dict(m) for m in turns[-1]]
    edited[1] = _user("追加：高橋健一さん（03-5555-1234）にも連絡。")
    sent = pair.both(_chat(edited), "edited")[0]
    assert "5555-1234" not in sent and "高橋健一" not in sent and "〔電話番号" in sent


@pytest.mark.parametrize("nested", [False, True], ids=["flat", "parts"])
def test_an_earlier_message_resent_with_its_fields_in_another_order_is_read_again(pair: Pair, nested: bool) -> None:
    turns = _turns(3)
    for messages in turns:
        if nested:
            messages[1] = {"role": "user", "content": [{"type": "text", "text": messages[1]["content"]}]}
        pair.both(_chat(messages), f"order-{nested}")
    assert pair.memo.memo is not None
    misses = pair.memo.memo.misses
    reordered = [dict(m) for m in turns[-1]]
    if nested:
        reordered[1] = {"role": "user", "content": [{"text": turns[-1][1]["content"][0]["text"], "type": "text"}]}
    else:
        reordered[1] = {"content": reordered[1]["content"], "role": "user"}
    assert reordered == turns[-1]  # equal as dicts: only the order of the keys differs
    pair.both(_chat([*reordered, {"role": "assistant", "content": "承知しました。"}, _user("続けて。")]), f"order-{nested}")
    assert pair.memo.memo.misses == misses + 1


@pytest.mark.parametrize(
    ("where", "fields"),
    [("before", {"user": "窓口端末3"}), ("after", {"metadata": {"担当": "佐藤花子"}}), ("name", {})],
    ids=["head-field", "tail-field", "named-participant"],
)
def test_fields_beside_the_messages_are_read_every_turn(pair: Pair, where: str, fields: dict[str, Any]) -> None:
    for i, messages in enumerate(_turns(3)):
        if where == "name":
            messages[-1]["name"] = "yamada_taro"
        body = {**fields, **_chat(messages)} if where == "before" else _chat(messages, **fields)
        if where == "after" and i == 2:
            body["metadata"] = {"担当": "田中誠"}  # the tail changes: values spread into earlier text differ
        pair.both(body, f"fields-{where}")


def test_a_blocked_message_is_withheld_later_and_blocks_again_when_resent_as_the_newest(pair: Pair) -> None:
    turns = _turns(2)
    blocked = [*turns[1], _user("鈴木一郎さんは糖尿病で通院中です。")]
    assert pair.both(_chat(blocked), "blocked")[:2] == ("refused", 403)
    later = [*blocked, {"role": "assistant", "content": "承知しました。"}, _user("窓口の受付時間を案内して。")]
    got = pair.both(_chat(later), "blocked")
    assert got[-1] == 1 and "糖尿病" not in got[0]  # withheld, not sent
    assert pair.both(_chat(blocked), "blocked")[:2] == ("refused", 403)


def test_a_reloaded_policy_is_not_answered_from_the_memo(pair: Pair) -> None:
    turns = _turns(3)
    pair.both(_chat(turns[0]), "reload")
    pair.both(_chat(turns[1]), "reload")
    original = pair.policy.read_text(encoding="utf-8")
    edited = original.replace("      CREDIT_CARD: mask\n", "      CREDIT_CARD: mask\n      PERSON: mask\n")
    assert edited != original
    try:
        pair.policy.write_text(edited, encoding="utf-8")
        assert pair.memo.policies.reload() and pair.full.policies.reload()
        sent = pair.both(_chat(turns[2]), "reload")[0]
        assert "＜氏名＞" in sent and "〔氏名" not in sent  # the earlier names too
    finally:
        pair.policy.write_text(original, encoding="utf-8")
        pair.memo.policies.reload()
        pair.full.policies.reload()


def test_a_vault_that_lost_the_conversation_is_not_answered_from_the_memo(pair: Pair) -> None:
    turns = _turns(3)
    for messages in turns[:2]:
        pair.both(_chat(messages), "lost")
    for services in (pair.memo, pair.full):
        # As after an expiry or a Redis without persistence: the conversation starts again, and someone
        # else is named first, so 佐藤花子 is now 〔氏名2〕 (the memo's earlier text says 〔氏名1〕).
        store, conversation = services.vault.store, services.vault.conversation_id(STAFF.user, [], "lost")
        if services.config.vault.redis_url:
            _flush(services)
        else:
            store._data.clear()  # type: ignore[attr-defined]
        pair.runner.run(store.assign(conversation, [("氏名", "山田太郎")]))
    assert pair.memo.memo is not None
    misses = pair.memo.memo.misses
    sent = pair.both(_chat(turns[2]), "lost")[0]
    assert pair.memo.memo.misses == misses + 1
    assert json.loads(sent)["messages"][1]["content"].startswith("〔氏名2〕")


def test_with_the_vault_s_redis_gone_a_remembered_conversation_is_refused_not_sent(tmp_path: Path) -> None:
    turns = _turns(3)
    with pytest.MonkeyPatch.context() as env, run_redis() as url:
        env.setenv("SEKISHO_VAULT_KEY", "chat-inspect-test-vault-key")
        with _pair(tmp_path, url) as pair:
            for messages in turns[:2]:
                pair.both(_chat(messages), "gone")
            stop = Redis.from_url(url.rsplit("/", 1)[0] + "/1")
            stop.shutdown(nosave=True)
            got = pair.both(_chat(turns[2]), "gone")
            assert got[:3] == ("refused", 503, "vault_unavailable")


@st.composite
def conversations(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A history with the things that change what earlier messages become: names spread, numbers,
    literals, markings, 要配慮 words, values across lines, content parts."""
    messages: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, 4))):
        pieces = draw(st.lists(st.tuples(st.integers(0, len(PIECES) - 1), st.integers(0, len(NAMES) - 1),
                                         st.integers(1, 9), st.integers(1000, 9999)), min_size=1, max_size=3))  # fmt: skip
        text = "".join(PIECES[p].format(name=NAMES[n], a=a, b=b) for p, n, a, b in pieces)
        if i:
            messages.append({"role": "assistant", "content": f"{draw(st.sampled_from(NAMES))}さんの件、承知しました。"})
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(text)))
            messages.append({"role": "user", "content": [{"type": "text", "text": text[:cut]}, {"type": "text", "text": text[cut:]}]})
        else:
            messages.append(_user(text))
    return messages


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(conversations(), st.data())
def test_random_conversations_give_what_a_full_read_gives(pair: Pair, history: list[dict[str, Any]], data: st.DataObject) -> None:
    conversation = f"random-{data.draw(st.integers(0, 10**9))}"
    model = data.draw(st.sampled_from(["gpt-overseas", "gpt-overseas", "domestic-llm"]))
    field = data.draw(st.sampled_from(["", "user", "metadata"]))
    head = data.draw(st.booleans())
    for end in range(1, len(history) + 1, 2):
        messages = list(history[:end])
        step = data.draw(st.sampled_from(["next", "next", "again", "edit"]))
        if step == "edit" and end > 1:
            i = data.draw(st.integers(0, end - 2))
            messages[i] = _user(data.draw(st.sampled_from(PIECES)).format(name=NAMES[end % 5], a=end, b=1000 + end))
        extra: dict[str, Any] = {}
        if field == "user":
            extra["user"] = f"端末{end % 2}"
        elif field == "metadata":
            extra["metadata"] = {"メモ": f"{NAMES[end % 5]}さん"}
        body = {"model": model, **extra, "messages": messages} if head else {"model": model, "messages": messages, **extra}
        pair.both(body, conversation)
        if step == "again":
            pair.both(body, conversation)  # the same turn sent twice (a retry): nothing new to read
