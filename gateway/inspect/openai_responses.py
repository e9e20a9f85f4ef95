"""The Responses API body (`POST /v1/responses`), declared field by field like chat completions.

Built-in tools (web search, file search, code interpreter, MCP, computer use, image generation) make
the provider send or run things Sekisho cannot see, so only function and custom tools are accepted.
"""

from __future__ import annotations

from gateway.errors import BadRequest
from gateway.inspect.fields import (
    BOOL,
    FREE,
    FUNCTION_NAME,
    IDENT,
    MODEL,
    TEXT,
    Arr,
    Kind,
    Nullable,
    Number,
    OneOf,
    Refused,
    Tagged,
    enum,
    obj,
)
from gateway.inspect.openai import COUNT, UNSCANNABLE

_BUILT_IN = BadRequest(
    "組み込みツール（Web検索・ファイル検索・コード実行など）は、送られる内容を検査できないため使えません。"
    "関数ツール（type: function）を使ってください。"
    " (built-in tools cannot be inspected; use function tools)",
    code="unsupported_tool",
)
_STATUS = enum("in_progress", "completed", "incomplete")
_PART = Tagged(
    {
        "input_text": obj(["type", "text"], type=enum("input_text"), text=TEXT),
        "output_text": obj(["type", "text"], type=enum("output_text"), text=TEXT, annotations=FREE, logprobs=FREE),
        "refusal": obj(["type", "refusal"], type=enum("refusal"), refusal=TEXT),
        **{kind: Refused(UNSCANNABLE) for kind in ("input_image", "input_file", "input_audio")},
    }
)
# The parts of one message are read as one text, as in chat completions.
CONTENT = OneOf({str: TEXT, list: Arr(_PART, glue=True)})

ITEM = Tagged(
    {
        "message": obj(
            ["role", "content"],
            type=enum("message"),
            role=enum("user", "assistant", "system", "developer"),
            content=CONTENT,
            id=IDENT,
            status=_STATUS,
        ),
        "function_call": obj(
            ["type", "call_id", "name", "arguments"],
            type=enum("function_call"),
            call_id=IDENT,
            name=FUNCTION_NAME,
            arguments=TEXT,
            id=IDENT,
            status=_STATUS,
        ),
        "function_call_output": obj(
            ["type", "call_id", "output"],
            type=enum("function_call_output"),
            call_id=IDENT,
            output=CONTENT,
            id=IDENT,
            status=_STATUS,
        ),
        "custom_tool_call": obj(
            ["type", "call_id", "name", "input"], type=enum("custom_tool_call"), call_id=IDENT, name=FUNCTION_NAME, input=TEXT, id=IDENT
        ),
        "custom_tool_call_output": obj(
            ["type", "call_id", "output"], type=enum("custom_tool_call_output"), call_id=IDENT, output=CONTENT, id=IDENT
        ),
        # Reasoning carried between turns: its summary is text; the encrypted part is read as text too.
        "reasoning": obj(["type"], type=enum("reasoning"), id=IDENT, summary=FREE, content=FREE, encrypted_content=Nullable(TEXT), status=_STATUS),
        "item_reference": obj(["type", "id"], type=enum("item_reference"), id=IDENT),
    },
    default="message",
)

_FUNCTION_TOOL = obj(
    ["type", "name"], type=enum("function"), name=FUNCTION_NAME, description=Nullable(TEXT), parameters=Nullable(FREE), strict=Nullable(BOOL)
)
TOOL = Tagged(
    {
        "function": _FUNCTION_TOOL,
        "custom": obj(["type", "name"], type=enum("custom"), name=FUNCTION_NAME, description=Nullable(TEXT), format=Nullable(FREE)),
        **{
            kind: Refused(_BUILT_IN)
            for kind in ("web_search", "web_search_preview", "file_search", "code_interpreter", "computer_use_preview",
                         "mcp", "image_generation", "local_shell", "shell", "apply_patch")
        },
    }
)
TOOL_CHOICE = OneOf(
    {
        str: enum("none", "auto", "required"),
        dict: Tagged(
            {
                "function": obj(["type", "name"], type=enum("function"), name=FUNCTION_NAME),
                "custom": obj(["type", "name"], type=enum("custom"), name=FUNCTION_NAME),
                "allowed_tools": obj(["type", "mode", "tools"], type=enum("allowed_tools"), mode=enum("auto", "required"), tools=FREE),
            }
        ),
    }
)
FORMAT = Tagged(
    {
        "text": obj(["type"], type=enum("text")),
        "json_object": obj(["type"], type=enum("json_object")),
        "json_schema": obj(
            ["type", "name", "schema"],
            type=enum("json_schema"),
            name=FUNCTION_NAME,
            schema=FREE,
            description=Nullable(TEXT),
            strict=Nullable(BOOL),
        ),
    }
)

_OPTIONAL: dict[str, Kind] = {
    "input": OneOf({str: TEXT, list: Arr(ITEM)}),
    "instructions": TEXT,
    "tools": Arr(TOOL),
    "tool_choice": TOOL_CHOICE,
    "text": obj(format=FORMAT, verbosity=enum("low", "medium", "high")),
    "reasoning": obj(effort=enum("none", "minimal", "low", "medium", "high", "xhigh"), summary=enum("auto", "concise", "detailed"),
                     generate_summary=enum("auto", "concise", "detailed")),
    "include": Arr(IDENT),
    "previous_response_id": IDENT,
    "conversation": OneOf({str: IDENT, dict: obj(["id"], id=IDENT)}),
    "truncation": enum("auto", "disabled"),
    "max_output_tokens": COUNT,
    "max_tool_calls": COUNT,
    "metadata": FREE,
    "parallel_tool_calls": BOOL,
    "store": BOOL,
    "stream": BOOL,
    "stream_options": obj(include_obfuscation=BOOL),
    "background": BOOL,
    "temperature": Number(minimum=0, maximum=2),
    "top_p": Number(minimum=0, maximum=1),
    "top_logprobs": Number(integer=True, minimum=0, maximum=20),
    "user": TEXT,
    "safety_identifier": TEXT,
    "prompt_cache_key": TEXT,
    "prompt_cache_retention": enum("in-memory", "24h"),
    "service_tier": enum("auto", "default", "flex", "scale", "priority"),
    "prompt": FREE,  # a stored prompt's id, version and variables: all scanned
}

RESPONSES = obj(["model"], model=MODEL, **{name: Nullable(kind) for name, kind in _OPTIONAL.items()})
