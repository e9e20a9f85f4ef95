"""Shared chat UIs: a trusted front end's key names the end user; any other key's headers are ignored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from gateway.auth import hash_key
from gateway.config import ConfigError
from tests.gateway._edge_support import audit_records
from tests.gateway.conftest import STAFF_KEY, Gateway, base_config
from tests.support.upstream import UpstreamServer

OWUI_KEY, DIFY_KEY, STRICT_KEY = "sk-sekisho-test-owui", "sk-sekisho-test-dify", "sk-sekisho-test-strict"
PROMPT = "相談者の佐藤花子さん（090-1234-5678）への回答案を作って"
OWUI_HEADERS = {
    "x-openwebui-user-email": "tanaka@zeimu.city.example.lg.jp",
    "x-openwebui-user-id": "7f9c1a",
    "x-openwebui-user-name": quote("田中 一郎"),
    "x-openwebui-user-role": "user",
    "x-openwebui-chat-id": "chat-42",
}


@pytest.fixture
def tgw(gateway_for: Callable[[dict[str, Any]], Any], upstream: UpstreamServer, tmp_path: Path) -> Iterator[Gateway]:
    cfg = base_config(upstream)
    cfg["keys"] = [*cfg["keys"],
                   {"id": "owui", "hash": hash_key(OWUI_KEY), "user": "svc-openwebui", "department": "情報政策課"},
                   {"id": "dify", "hash": hash_key(DIFY_KEY), "user": "svc-dify", "department": "情報政策課"},
                   {"id": "strict", "hash": hash_key(STRICT_KEY), "user": "svc-strict", "department": "情報政策課"}]  # fmt: skip
    cfg["trusted_clients"] = [
        {"key_id": "owui", "kind": "open-webui", "users_file": "users.yaml",
         "department_rules": [{"match": "*@kosodate.city.example.lg.jp", "department": "子育て支援課"}]},
        {"key_id": "dify", "kind": "dify", "users_file": "users.yaml"},
        {"key_id": "strict", "kind": "generic", "users_file": "users.yaml", "unknown_users": "reject"},
    ]  # fmt: skip
    with gateway_for(cfg) as gw:
        yield gw


@pytest.fixture(autouse=True)
def users_file(tmp_path: Path) -> None:
    (tmp_path / "users.yaml").write_text("users:\n  - {user: tanaka@zeimu.city.example.lg.jp, department: 税務課}\n  - {user: dify-user-9, department: 税務課}\n", encoding="utf-8")


def post(gw: Gateway, key: str, headers: dict[str, str], **body: Any) -> httpx.Response:
    payload = {"model": "gpt-overseas", "messages": [{"role": "user", "content": PROMPT}], **body}
    return httpx.post(gw.base_url + "/chat/completions", json=payload, timeout=60, headers={"authorization": f"Bearer {key}", **headers})


def record(gw: Gateway, r: httpx.Response) -> dict[str, Any]:
    return audit_records(gw.audit_dir)[r.headers["x-sekisho-request-id"]]


def test_open_webui_end_user_is_used_for_policy_and_audit(tgw: Gateway, upstream: UpstreamServer) -> None:
    r = post(tgw, OWUI_KEY, OWUI_HEADERS)
    assert r.status_code == 200
    rec = record(tgw, r)
    assert (rec["principal"]["user"], rec["principal"]["department"]) == ("tanaka@zeimu.city.example.lg.jp", "税務課")
    # 税務課's personal data goes to a domestic model (policy rule tax-personal-domestic): the end user's department decided.
    assert upstream.last_body["model"] == "domestic-llmjp" and r.headers["x-sekisho-action"] == "reroute"
    assert "田中" not in str(rec)


def test_the_same_headers_from_an_untrusted_key_are_ignored(tgw: Gateway, upstream: UpstreamServer) -> None:
    r = post(tgw, STAFF_KEY, {**OWUI_HEADERS, "x-sekisho-user": "someone-else", "x-sekisho-department": quote("税務課")})
    assert r.status_code == 200
    rec = record(tgw, r)
    assert (rec["principal"]["user"], rec["principal"]["department"]) == ("u1001", "総務課")
    assert upstream.last_body["model"] == "gpt-4o"


def test_department_rule_and_unknown_users(tgw: Gateway) -> None:
    r = post(tgw, OWUI_KEY, {**OWUI_HEADERS, "x-openwebui-user-email": "sato@kosodate.city.example.lg.jp"})
    assert record(tgw, r)["principal"]["department"] == "子育て支援課"
    r = post(tgw, OWUI_KEY, {**OWUI_HEADERS, "x-openwebui-user-email": "new@elsewhere.example.jp"})
    assert (record(tgw, r)["principal"]["user"], record(tgw, r)["principal"]["department"]) == ("new@elsewhere.example.jp", "情報政策課")


def test_dify_names_the_end_user_in_the_body(tgw: Gateway) -> None:
    r = post(tgw, DIFY_KEY, {}, user="dify-user-9")
    assert (record(tgw, r)["principal"]["user"], record(tgw, r)["principal"]["department"]) == ("dify-user-9", "税務課")


def test_generic_front_end_refuses_unknown_users_when_configured(tgw: Gateway, upstream: UpstreamServer) -> None:
    upstream.clear()
    r = post(tgw, STRICT_KEY, {"x-sekisho-user": "nobody"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unknown_end_user" and upstream.requests == []
    r = post(tgw, STRICT_KEY, {"x-sekisho-user": "tanaka@zeimu.city.example.lg.jp"})
    assert r.status_code == 200 and record(tgw, r)["principal"]["department"] == "税務課"


def test_open_webui_chat_id_names_the_conversation(tgw: Gateway, upstream: UpstreamServer) -> None:
    # Two different first messages, one chat id: one conversation, so the same placeholder.
    headers = {**OWUI_HEADERS, "x-openwebui-user-email": "sato@kosodate.city.example.lg.jp"}
    first = post(tgw, OWUI_KEY, headers)
    sent_first = upstream.last_body["messages"][0]["content"]
    second = httpx.post(tgw.base_url + "/chat/completions", timeout=60, headers={"authorization": f"Bearer {OWUI_KEY}", **headers},
                        json={"model": "gpt-overseas", "messages": [{"role": "user", "content": "佐藤花子さんの件、続きです"}]})  # fmt: skip
    assert first.status_code == second.status_code == 200
    name = sent_first[sent_first.index("〔") : sent_first.index("〕") + 1]
    assert name in upstream.last_body["messages"][0]["content"]


def test_a_broken_users_file_names_file_and_line(tmp_path: Path) -> None:
    from gateway.config import TrustedClientConfig
    from gateway.trusted import TrustedClients

    (tmp_path / "users.yaml").write_text("users:\n  - {user: a, dept: 税務課}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"users.yaml:2:\d+: users\[0\]"):
        TrustedClients([TrustedClientConfig(key_id="k", kind="dify", users_file="users.yaml")], tmp_path / "sekisho.yaml")
