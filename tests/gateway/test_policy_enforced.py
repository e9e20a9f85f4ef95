"""The default policy applied for real: what the upstream received, and what the client got back."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.gateway.conftest import STAFF_KEY, TAX_KEY, Gateway, base_config
from tests.support.upstream import UpstreamServer

NAME_PROMPT = "山田太郎さん（090-1234-5678）から、保育園の入園手続きについて問い合わせがありました。回答案を作ってください。"
MY_NUMBER_PROMPT = "個人番号 1234 5678 9018 の方の住民税の計算方法を教えて。"
SECRET_MARKED = "【機密性３】来年度の組織改編案について、要点を整理してください。"
INTERNAL_MARKED = "部外秘\n来年度の予算要求の方針（案）を三行で要約してください。"
PUBLIC = "市の広報誌に載せる、秋の防災訓練のお知らせ文を三行で作ってください。"


def call(gw: Gateway, model: str, text: str, key: str = STAFF_KEY) -> httpx.Response:
    return httpx.post(
        gw.base_url + "/chat/completions",
        headers={"authorization": f"Bearer {key}"},
        json={"model": model, "messages": [{"role": "user", "content": text}]},
        timeout=30,
    )


def answer_text(r: httpx.Response) -> str:
    content: str = r.json()["choices"][0]["message"]["content"]
    return content


def test_personal_data_to_overseas_is_pseudonymised_and_restored(gateway: Gateway, upstream: UpstreamServer) -> None:
    r = call(gateway, "gpt-overseas", NAME_PROMPT)
    assert r.status_code == 200
    sent = upstream.last_body["messages"][0]["content"]
    assert "山田太郎" not in sent and "090-1234-5678" not in sent
    assert "〔" in sent
    assert answer_text(r) == NAME_PROMPT
    assert r.headers["x-sekisho-level"] == "2"
    assert r.headers["x-sekisho-action"] == "pseudonymize"
    assert r.headers["x-sekisho-request-id"].startswith("req_")


def test_personal_data_to_domestic_is_sent_as_is(gateway: Gateway, upstream: UpstreamServer) -> None:
    r = call(gateway, "domestic-llm", NAME_PROMPT)
    assert r.status_code == 200
    assert upstream.last_body["messages"][0]["content"] == NAME_PROMPT
    assert r.headers["x-sekisho-action"] == "allow"


@pytest.mark.parametrize("model", ["gpt-overseas", "domestic-llm", "local-llm"])
def test_my_number_is_blocked_everywhere(gateway: Gateway, upstream: UpstreamServer, model: str) -> None:
    with pytest.raises(openai.PermissionDeniedError) as info:
        openai.OpenAI(base_url=gateway.base_url, api_key=STAFF_KEY, max_retries=0).chat.completions.create(
            model=model, messages=[{"role": "user", "content": MY_NUMBER_PROMPT}]
        )
    err = info.value.response.json()["error"]
    assert err["code"] == "blocked_by_policy"
    assert "個人番号" in err["message"]
    assert "1234" not in err["message"]
    assert info.value.response.headers["x-sekisho-action"] == "block"
    assert info.value.response.headers["x-sekisho-level"] == "3"
    assert upstream.requests == []


def test_level3_goes_to_onprem_only(gateway: Gateway, upstream: UpstreamServer) -> None:
    blocked = call(gateway, "domestic-llm", SECRET_MARKED)
    assert blocked.status_code == 403
    assert "庁内" in blocked.json()["error"]["message"]
    assert upstream.requests == []
    allowed = call(gateway, "local-llm", SECRET_MARKED)
    assert allowed.status_code == 200
    assert upstream.last_body["messages"][0]["content"] == SECRET_MARKED
    assert allowed.headers["x-sekisho-level"] == "3"


def test_level2_without_personal_data_is_rerouted_away_from_overseas(gateway: Gateway, upstream: UpstreamServer) -> None:
    r = call(gateway, "gpt-overseas", INTERNAL_MARKED)
    assert r.status_code == 200
    assert upstream.last_body["model"] == "domestic-llmjp"
    assert upstream.last_body["messages"][0]["content"] == INTERNAL_MARKED
    assert r.headers["x-sekisho-action"] == "reroute"
    # The answer names the model that answered, not the one asked for.
    assert r.json()["model"] == "domestic-llm"
    assert (r.headers["x-sekisho-model"], r.headers["x-sekisho-zone"], r.headers["x-sekisho-rerouted"]) == ("domestic-llm", "domestic", "true")


def test_department_scoping_tax_office_is_rerouted(gateway: Gateway, upstream: UpstreamServer) -> None:
    r = call(gateway, "gpt-overseas", NAME_PROMPT, key=TAX_KEY)
    assert r.status_code == 200
    assert r.headers["x-sekisho-action"] == "reroute"
    assert upstream.last_body["model"] == "domestic-llmjp"
    # Another department's identical request is pseudonymised for the overseas model instead.
    call(gateway, "gpt-overseas", NAME_PROMPT, key=STAFF_KEY)
    assert upstream.last_body["model"] == "gpt-4o"


def test_public_text_goes_anywhere_unchanged(gateway: Gateway, upstream: UpstreamServer) -> None:
    r = call(gateway, "gpt-overseas", PUBLIC)
    assert r.status_code == 200 and r.headers["x-sekisho-level"] == "1" and r.headers["x-sekisho-action"] == "allow"
    assert upstream.last_body["messages"][0]["content"] == PUBLIC


def test_card_numbers_are_masked_irreversibly(gateway: Gateway, upstream: UpstreamServer) -> None:
    text = "佐藤花子様のクレジットカード 4111 1111 1111 1111 の引き落としについて、お詫び文を作成してください。"
    r = call(gateway, "gpt-overseas", text)
    sent = upstream.last_body["messages"][0]["content"]
    assert "4111" not in sent and "佐藤花子" not in sent
    assert "＜" in sent  # an irreversible label such as ＜クレジットカード番号＞
    answer = answer_text(r)
    assert "佐藤花子" in answer  # pseudonym restored
    assert "4111 1111 1111 1111" not in answer  # the mask is not reversible


def test_stream_is_decided_before_the_first_byte(gateway: Gateway, upstream: UpstreamServer) -> None:
    with httpx.stream("POST", gateway.base_url + "/chat/completions", headers={"authorization": f"Bearer {STAFF_KEY}"},
                      json={"model": "gpt-overseas", "stream": True, "messages": [{"role": "user", "content": MY_NUMBER_PROMPT}]},
                      timeout=30) as r:
        body = r.read()
    assert r.status_code == 403
    assert json.loads(body)["error"]["code"] == "blocked_by_policy"
    assert upstream.requests == []


BLOCK_ALL = """\
version: 1
name: test
levels:
  - {id: 機密性1, label: 機密性1}
  - {id: 機密性2, label: 機密性2}
  - {id: 機密性3, label: 機密性3}
rules:
  - id: {rule_id}
    action: {action}
"""


def _policy(action: str, rule_id: str) -> str:
    text = BLOCK_ALL.replace("{rule_id}", rule_id).replace("{action}", action)
    return text + ("    message: テスト中のため送信できません。\n" if action == "block" else "")


def test_hot_reload_applies_edits_and_refuses_bad_ones(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(_policy("allow", "open"), encoding="utf-8")
    cfg = base_config(upstream, policy={"path": str(policy), "reload_interval_s": 0.2})
    with gateway_for(cfg) as gw:
        first = call(gw, "gpt-overseas", PUBLIC)
        assert first.status_code == 200
        version = first.headers["x-sekisho-policy-version"]
        policy.write_text(_policy("block", "closed"), encoding="utf-8")
        deadline = time.monotonic() + 10
        while call(gw, "gpt-overseas", PUBLIC).status_code != 403:
            assert time.monotonic() < deadline, "the edited policy was not picked up"
            time.sleep(0.1)
        # An invalid edit is refused: the last good policy stays in force.
        policy.write_text(_policy("mask2", "broken"), encoding="utf-8")
        time.sleep(1.0)
        r = call(gw, "gpt-overseas", PUBLIC)
        assert r.status_code == 403
        assert r.headers["x-sekisho-policy-version"] != version


def test_reload_under_concurrent_requests_drops_none(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(_policy("allow", "a"), encoding="utf-8")
    cfg = base_config(upstream, policy={"path": str(policy), "reload_interval_s": 0.05})
    results: list[tuple[int, str, str]] = []
    stop = threading.Event()

    def hammer() -> None:
        with httpx.Client(timeout=30) as c:
            while not stop.is_set():
                r = c.post(gw.base_url + "/chat/completions", headers={"authorization": f"Bearer {STAFF_KEY}"},
                           json={"model": "local-llm", "messages": [{"role": "user", "content": PUBLIC}]})
                results.append((r.status_code, r.headers.get("x-sekisho-action", ""), r.headers.get("x-sekisho-policy-version", "")))

    with gateway_for(cfg) as gw:
        workers = [threading.Thread(target=hammer) for _ in range(4)]
        for w in workers:
            w.start()
        for i in range(12):
            policy.write_text(_policy("block" if i % 2 else "allow", f"r{i}"), encoding="utf-8")
            time.sleep(0.15)
        stop.set()
        for w in workers:
            w.join()
    assert len(results) > 20
    # Every request was answered, and each answer is consistent with one whole policy.
    assert {status for status, _, _ in results} <= {200, 403}
    for status, action, version in results:
        assert version
        assert (status, action) in {(200, "allow"), (403, "block")}
