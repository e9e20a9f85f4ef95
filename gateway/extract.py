"""Every text field of a request, found and written back in place: nothing unscanned leaves.

Every string in the body is text to scan, wherever it sits (messages, tool schemas, response_format,
metadata, stop sequences, fields we have never heard of), except a short list of structural fields
whose values are identifiers or enumerations (model, role, type, ids, function names).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from gateway.errors import BadRequest

# Content parts that carry no text we could scan; they are refused rather than forwarded unscanned.
_UNSCANNABLE_PARTS = {"image_url", "input_audio", "file", "input_image"}
SEPARATOR = "\n\n"
MAX_DEPTH = 64

# Keys whose string values are structure, not text: changing them would break the request.
_STRUCTURAL_KEYS = frozenset(
    {"model", "role", "type", "id", "tool_call_id", "tool_choice", "reasoning_effort", "service_tier",
     "encoding_format", "modalities", "detail", "voice", "format"}
)
# `name` is a function's or schema's identifier under these parents, but a person's name on a message.
_IDENTIFIER_PARENTS = frozenset({"function", "json_schema", "functions", "tools", "tool_choice"})


@dataclass(slots=True)
class TextRef:
    """One text field of the request; `set` writes a transformed value back into the body."""

    path: str
    text: str
    set: Callable[[str], None]


def _ref(container: Any, key: Any, path: str) -> TextRef:
    def setter(value: str) -> None:
        container[key] = value

    text = container[key]
    unescaped = _unescaped_json(text)
    if unescaped is not None:
        # JSON written with ASCII escapes (\\u4f50…) hides names from every detector: scan, and send,
        # the same JSON with the characters written out.
        container[key] = text = unescaped
    return TextRef(path=path, text=text, set=setter)


def _unescaped_json(text: str) -> str | None:
    if "\\u" not in text or text[:1] not in "[{\"":
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return json.dumps(value, ensure_ascii=False)


def chat_texts(body: dict[str, Any]) -> list[TextRef]:
    """All text in a chat request: messages first, then every other field."""
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise BadRequest("messages は空でない配列で指定してください。 (`messages` must be a non-empty array)", param="messages")
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise BadRequest(f"messages[{i}] はオブジェクトで指定してください。", param=f"messages[{i}]")
        content = message.get("content")
        if isinstance(content, list):
            for j, part in enumerate(content):
                _check_part(part, f"messages[{i}].content[{j}]")
        elif content is not None and not isinstance(content, str):
            raise BadRequest(f"messages[{i}].content の形式が正しくありません。", param=f"messages[{i}].content")
    refs = list(_walk(messages, "messages", "messages"))
    for key, value in body.items():
        if key not in ("messages",) and key not in _STRUCTURAL_KEYS:
            refs.extend(_walk_field(body, key, key))
    return refs


def _check_part(part: Any, path: str) -> None:
    if not isinstance(part, dict):
        raise BadRequest(f"{path} の形式が正しくありません。", param=path)
    kind = part.get("type")
    if kind == "text" and isinstance(part.get("text"), str):
        return
    if kind in _UNSCANNABLE_PARTS:
        raise BadRequest(
            f"{path}: 画像・音声・ファイルの入力は内容を検査できないため送信できません。文章で入力してください。"
            " (non-text content parts cannot be scanned and are refused)",
            code="unscannable_content",
            param=path,
        )
    raise BadRequest(f"{path}: 未対応の content part 種別 '{kind}' です。", param=path)


def _walk_field(container: Any, key: Any, path: str, parent: str = "") -> Iterator[TextRef]:
    value = container[key]
    if isinstance(value, str):
        yield _ref(container, key, path)
    else:
        yield from _walk(value, path, key if isinstance(key, str) else parent)


def _walk(value: Any, path: str, parent: str, depth: int = 0) -> Iterator[TextRef]:
    if depth > MAX_DEPTH:
        raise BadRequest("リクエストの入れ子が深すぎます。 (request nested too deeply)")
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _STRUCTURAL_KEYS or (key == "name" and parent in _IDENTIFIER_PARENTS):
                if not isinstance(item, (dict, list)):
                    continue
            if isinstance(item, str):
                yield _ref(value, key, f"{path}.{key}")
            elif isinstance(item, (dict, list)):
                yield from _walk(item, f"{path}.{key}", str(key), depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield _ref(value, i, f"{path}[{i}]")
            elif isinstance(item, (dict, list)):
                yield from _walk(item, f"{path}[{i}]", parent, depth + 1)


def embedding_texts(body: dict[str, Any]) -> list[TextRef]:
    """Embedding inputs: a string or a list of strings (token arrays cannot be scanned)."""
    value = body.get("input")
    if isinstance(value, str):
        return [_ref(body, "input", "input")]
    if isinstance(value, list) and value and all(isinstance(x, str) for x in value):
        return [_ref(value, i, f"input[{i}]") for i in range(len(value))]
    raise BadRequest(
        "input は文字列または文字列の配列で指定してください（トークン列は検査できないため受け付けません）。"
        " (`input` must be a string or a list of strings; token arrays cannot be scanned)",
        param="input",
    )


def joined(refs: list[TextRef]) -> tuple[str, list[int]]:
    """All texts joined by a blank line, so one scan sees the whole request; with each text's offset."""
    offsets, pos = [], 0
    for ref in refs:
        offsets.append(pos)
        pos += len(ref.text) + len(SEPARATOR)
    return SEPARATOR.join(r.text for r in refs), offsets
