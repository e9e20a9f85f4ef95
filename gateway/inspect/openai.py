"""The OpenAI request bodies Sekisho accepts, declared field by field (chat completions, embeddings).

Field names and allowed values follow OpenAI's API reference (2026). A field not declared here is
undeclared: scanned as free-form or refused, per `inspection.unknown_fields`.
"""

from __future__ import annotations

from gateway.errors import BadRequest
from gateway.inspect.fields import (
    BOOL,
    FREE,
    FUNCTION_NAME,
    IDENT,
    INTEGER,
    MODEL,
    TEXT,
    Arr,
    Kind,
    Nullable,
    Number,
    OneOf,
    Refused,
    Tagged,
    Text,
    enum,
    obj,
)

UNSCANNABLE = BadRequest(
    "画像・音声・ファイルの入力は内容を検査できないため送信できません。文章で入力してください。"
    " (non-text content parts cannot be scanned and are refused)",
    code="unscannable_content",
)

COUNT = Number(integer=True, minimum=1)
ROLES = enum("system", "developer", "user", "assistant", "tool", "function")

_TEXT_PART = obj(["type", "text"], type=enum("text"), text=TEXT)
CONTENT_PART = Tagged(
    {
        "text": _TEXT_PART,
        "refusal": obj(["type", "refusal"], type=enum("refusal"), refusal=TEXT),
        **{kind: Refused(UNSCANNABLE) for kind in ("image_url", "input_audio", "file", "input_image", "input_file")},
    }
)
# Parts of one message are read as one text: a value split across two parts is still found.
CONTENT = Nullable(OneOf({str: TEXT, list: Arr(CONTENT_PART, glue=True)}))

_FUNCTION_CALL = obj(["name"], name=FUNCTION_NAME, arguments=TEXT)
TOOL_CALL = Tagged(
    {
        "function": obj(["type", "function"], id=IDENT, type=enum("function"), function=_FUNCTION_CALL),
        "custom": obj(["type", "custom"], id=IDENT, type=enum("custom"), custom=obj(["name"], name=FUNCTION_NAME, input=TEXT)),
    }
)

MESSAGE = obj(
    ["role"],
    role=ROLES,
    content=CONTENT,
    # A participant's name names a person (or an agent): the whole value is treated as PERSON, so a
    # romanised name glued to digits (yamaguchi_kazuko_0901234987) leaves as a placeholder too.
    name=Nullable(Text(entity="PERSON")),
    tool_calls=Nullable(Arr(TOOL_CALL)),
    tool_call_id=IDENT,
    function_call=Nullable(_FUNCTION_CALL),
    refusal=Nullable(TEXT),
    audio=Nullable(obj(["id"], id=IDENT)),
)

# Schemas (tool parameters, structured output) are free-form: property names and enum values are
# keys and strings like any other, and all of them are scanned.
_FUNCTION = obj(["name"], name=FUNCTION_NAME, description=Nullable(TEXT), parameters=Nullable(FREE), strict=Nullable(BOOL))
TOOL = Tagged(
    {
        "function": obj(["type", "function"], type=enum("function"), function=_FUNCTION),
        "custom": obj(
            ["type", "custom"],
            type=enum("custom"),
            custom=obj(["name"], name=FUNCTION_NAME, description=Nullable(TEXT), format=Nullable(FREE)),
        ),
    }
)
TOOL_CHOICE = OneOf(
    {
        str: enum("none", "auto", "required"),
        dict: Tagged(
            {
                "function": obj(["type", "function"], type=enum("function"), function=obj(["name"], name=FUNCTION_NAME)),
                "custom": obj(["type", "custom"], type=enum("custom"), custom=obj(["name"], name=FUNCTION_NAME)),
                "allowed_tools": obj(
                    ["type", "allowed_tools"],
                    type=enum("allowed_tools"),
                    allowed_tools=obj(["mode", "tools"], mode=enum("auto", "required"), tools=FREE),
                ),
            }
        ),
    }
)
RESPONSE_FORMAT = Tagged(
    {
        "text": obj(["type"], type=enum("text")),
        "json_object": obj(["type"], type=enum("json_object")),
        "json_schema": obj(
            ["type", "json_schema"],
            type=enum("json_schema"),
            json_schema=obj(["name"], name=FUNCTION_NAME, description=Nullable(TEXT), schema=Nullable(FREE), strict=Nullable(BOOL)),
        ),
    }
)
STOP = Nullable(OneOf({str: TEXT, list: Arr(TEXT)}))

_OPTIONAL: dict[str, Kind] = {
    "frequency_penalty": Number(minimum=-2, maximum=2),
    "presence_penalty": Number(minimum=-2, maximum=2),
    "temperature": Number(minimum=0, maximum=2),
    "top_p": Number(minimum=0, maximum=1),
    "logit_bias": FREE,  # token ids as keys: scanned like any key
    "logprobs": BOOL,
    "top_logprobs": Number(integer=True, minimum=0, maximum=20),
    "max_tokens": COUNT,
    "max_completion_tokens": COUNT,
    "n": Number(integer=True, minimum=1, maximum=128),
    "seed": INTEGER,
    "modalities": Arr(enum("text", "audio")),
    "reasoning_effort": enum("none", "minimal", "low", "medium", "high", "xhigh"),
    "service_tier": enum("auto", "default", "flex", "scale", "priority"),
    "verbosity": enum("low", "medium", "high"),
    "prediction": obj(["type", "content"], type=enum("content"), content=OneOf({str: TEXT, list: Arr(_TEXT_PART, glue=True)})),
    "audio": obj(
        ["voice", "format"],
        voice=OneOf({str: IDENT, dict: obj(["id"], id=IDENT)}),
        format=enum("wav", "aac", "mp3", "flac", "opus", "pcm16"),
    ),
    "response_format": RESPONSE_FORMAT,
    "stop": STOP,
    "store": BOOL,
    "stream": BOOL,
    "stream_options": obj(include_usage=BOOL, include_obfuscation=BOOL),
    "tools": Arr(TOOL),
    "tool_choice": TOOL_CHOICE,
    "parallel_tool_calls": BOOL,
    "functions": Arr(_FUNCTION),
    "function_call": OneOf({str: enum("none", "auto"), dict: obj(["name"], name=FUNCTION_NAME)}),
    "metadata": FREE,
    "user": TEXT,
    "safety_identifier": TEXT,
    "prompt_cache_key": TEXT,
    "prompt_cache_retention": enum("in-memory", "24h"),
    "web_search_options": FREE,
}

CHAT = obj(
    ["messages"],
    model=MODEL,
    messages=Arr(MESSAGE, non_empty=True),
    **{name: Nullable(kind) for name, kind in _OPTIONAL.items()},
)

_TOKENS = BadRequest(
    "input は文字列または文字列の配列で指定してください（トークン列は検査できないため受け付けません）。"
    " (`input` must be a string or a list of strings; token arrays cannot be scanned)",
)
# The inputs of one request are read as one text, like the parts of a message: a number split
# across two inputs is still found.
EMBEDDINGS = obj(
    ["input"],
    model=MODEL,
    input=OneOf({str: TEXT, list: Arr(OneOf({str: TEXT, int: Refused(_TOKENS), list: Refused(_TOKENS)}), glue=True, non_empty=True)}),
    encoding_format=Nullable(enum("float", "base64")),
    dimensions=Nullable(COUNT),
    user=Nullable(TEXT),
)
