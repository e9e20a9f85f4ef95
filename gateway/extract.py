"""Every text field of a request, found and written back in place: nothing unscanned leaves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gateway.errors import BadRequest

# Content parts that carry no text we could scan; they are refused rather than forwarded unscanned.
_UNSCANNABLE_PARTS = {"image_url", "input_audio", "file", "input_image"}
SEPARATOR = "\n\n"


@dataclass(slots=True)
class TextRef:
    """One text field of the request; `set` writes a transformed value back into the body."""

    path: str
    text: str
    set: Callable[[str], None]


def _ref(container: Any, key: Any, path: str) -> TextRef:
    def setter(value: str) -> None:
        container[key] = value

    return TextRef(path=path, text=container[key], set=setter)


def chat_texts(body: dict[str, Any]) -> list[TextRef]:
    """Message contents, content parts, names, tool-call arguments, and tool descriptions."""
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise BadRequest("messages は空でない配列で指定してください。 (`messages` must be a non-empty array)", param="messages")
    refs: list[TextRef] = []
    for i, message in enumerate(messages):
        if not isinstance(message, dict):
            raise BadRequest(f"messages[{i}] はオブジェクトで指定してください。", param=f"messages[{i}]")
        base = f"messages[{i}]"
        if isinstance(message.get("name"), str):
            refs.append(_ref(message, "name", f"{base}.name"))
        content = message.get("content")
        if isinstance(content, str):
            refs.append(_ref(message, "content", f"{base}.content"))
        elif isinstance(content, list):
            for j, part in enumerate(content):
                refs.extend(_part_texts(part, f"{base}.content[{j}]"))
        elif content is not None:
            raise BadRequest(f"{base}.content の形式が正しくありません。", param=f"{base}.content")
        for k, call in enumerate(message.get("tool_calls") or []):
            fn = call.get("function") if isinstance(call, dict) else None
            if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                refs.append(_ref(fn, "arguments", f"{base}.tool_calls[{k}].function.arguments"))
        fn = message.get("function_call")
        if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
            refs.append(_ref(fn, "arguments", f"{base}.function_call.arguments"))
    for t, tool in enumerate(body.get("tools") or []):
        fn = tool.get("function") if isinstance(tool, dict) else None
        if isinstance(fn, dict) and isinstance(fn.get("description"), str):
            refs.append(_ref(fn, "description", f"tools[{t}].function.description"))
    return refs


def _part_texts(part: Any, path: str) -> list[TextRef]:
    if not isinstance(part, dict):
        raise BadRequest(f"{path} の形式が正しくありません。", param=path)
    kind = part.get("type")
    if kind == "text" and isinstance(part.get("text"), str):
        return [_ref(part, "text", f"{path}.text")]
    if kind in _UNSCANNABLE_PARTS:
        raise BadRequest(
            f"{path}: 画像・音声・ファイルの入力は内容を検査できないため送信できません。文章で入力してください。"
            " (non-text content parts cannot be scanned and are refused)",
            code="unscannable_content",
            param=path,
        )
    raise BadRequest(f"{path}: 未対応の content part 種別 '{kind}' です。", param=path)


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
