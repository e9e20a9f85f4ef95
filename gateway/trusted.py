"""Shared chat UIs in front (Open WebUI, Dify, LibreChat): one API key for everyone, the end user named
by the front end. Only a key marked as a trusted client has those names believed; for any other key
the same headers and fields are ignored, so a member of staff cannot claim to be someone else.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from gateway.config import ConfigError, TrustedClientConfig, format_errors
from gateway.errors import AuthenticationFailed
from gateway.principal import Principal

# Where each kind of front end names the end user, and the conversation.
OPEN_WEBUI_USER = ("x-openwebui-user-email", "x-openwebui-user-id")
OPEN_WEBUI_CHAT = "x-openwebui-chat-id"
GENERIC_USER, GENERIC_DEPARTMENT, GENERIC_CONVERSATION = "x-sekisho-user", "x-sekisho-department", "x-sekisho-conversation-id"


class _User(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    user: str
    department: str


class _UsersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    users: list[_User] = []


@dataclass(frozen=True, slots=True)
class EndUser:
    principal: Principal
    conversation: str | None


class TrustedClients:
    """The front ends whose end-user names are believed, by key id."""

    def __init__(self, clients: list[TrustedClientConfig], config_path: Path) -> None:
        self._by_key = {c.key_id: c for c in clients}
        self._users: dict[str, dict[str, str]] = {c.key_id: _load_users(c, config_path) for c in clients}

    def resolve(self, principal: Principal, headers: Mapping[str, str], body: Mapping[str, Any]) -> EndUser | None:
        """The end user a trusted front end names (None: not a trusted key, or it names nobody)."""
        client = self._by_key.get(principal.key_id)
        if client is None:
            return None
        user, department, conversation = _named(client.kind, headers, body)
        if not user:
            return None
        department = department or self._department(client, user)
        if department is None:
            if client.unknown_users == "reject":
                raise AuthenticationFailed(
                    "この利用者の所属が登録されていないため受け付けられません。情報政策課に連絡してください。"
                    " (end user is not in the users file)",
                    code="unknown_end_user",
                )
            department = principal.department
        # The end user gets the key's model limits but none of its roles (review page, metrics).
        end = replace(principal, user=user[:200], department=department, roles=frozenset())
        return EndUser(end, conversation)

    def _department(self, client: TrustedClientConfig, user: str) -> str | None:
        known = self._users[client.key_id].get(user.casefold())
        if known is not None:
            return known
        for rule in client.department_rules:
            if fnmatch.fnmatchcase(user.casefold(), rule.match.casefold()):
                return rule.department
        return None


def _named(kind: str, headers: Mapping[str, str], body: Mapping[str, Any]) -> tuple[str, str | None, str | None]:
    """(user, department or None, conversation or None) as this kind of front end sends them."""
    if kind == "open-webui":
        # The e-mail or id names the user; the display name (X-OpenWebUI-User-Name, percent-encoded)
        # is a person's name and is not needed, so it is not read.
        user = next((unquote(headers[h]) for h in OPEN_WEBUI_USER if headers.get(h)), "")
        return user, None, headers.get(OPEN_WEBUI_CHAT) or None
    if kind == "dify":
        given = body.get("user")
        return (given if isinstance(given, str) else ""), None, None
    return unquote(headers.get(GENERIC_USER, "")), unquote(headers.get(GENERIC_DEPARTMENT, "")) or None, headers.get(GENERIC_CONVERSATION) or None


def _load_users(client: TrustedClientConfig, config_path: Path) -> dict[str, str]:
    if client.users_file is None:
        return {}
    path = (config_path.parent / client.users_file).resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        data = _UsersFile.model_validate(yaml.safe_load(text) or {})
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"{where}: YAML syntax error") from exc
    except ValidationError as exc:
        raise ConfigError(format_errors(path, text, exc)) from exc
    return {u.user.casefold(): u.department for u in data.users}
