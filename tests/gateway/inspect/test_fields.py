"""The request schema: what each field is read as, what is refused, and how texts are written back."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from gateway.errors import BadRequest
from gateway.inspect import chat_texts, embedding_texts, joined, write_back

USER = {"role": "user", "content": "窓口の案内文を作って"}


def chat(**extra: Any) -> dict[str, Any]:
    return {"model": "m", "messages": [copy.deepcopy(USER)], **extra}


def paths(body: dict[str, Any], **kw: Any) -> dict[str, str]:
    return {r.path: r.text for r in chat_texts(body, **kw)}


@pytest.mark.parametrize(
    ("extra", "path", "text"),
    [
        ({"metadata": {"id": "山田太郎"}}, "metadata.id", "山田太郎"),
        ({"metadata": {"山田太郎": "x"}}, "metadata.山田太郎{key}", "山田太郎"),
        ({"metadata": {"case": 123456789018}}, "metadata.case", "123456789018"),
        ({"logit_bias": {"090-1234-5678": 1}}, "logit_bias.090-1234-5678{key}", "090-1234-5678"),
        ({"seed": 123456789018}, "seed", "123456789018"),
        ({"user": "佐藤花子"}, "user", "佐藤花子"),
        ({"stop": ["佐藤花子"]}, "stop[0]", "佐藤花子"),
        ({"prompt_cache_key": "佐藤"}, "prompt_cache_key", "佐藤"),
        ({"web_search_options": {"user_location": {"approximate": {"city": "札幌市北区北1条西2-1"}}}},
         "web_search_options.user_location.approximate.city", "札幌市北区北1条西2-1"),
        ({"tools": [{"type": "function", "function": {"name": "f", "parameters": {"properties": {"佐藤": {"enum": ["鈴木"]}}}}}]},
         "tools[0].function.parameters.properties.佐藤{key}", "佐藤"),
        ({"tools": [{"type": "function", "function": {"name": "f", "parameters": {"properties": {"a": {"enum": ["鈴木"]}}}}}]},
         "tools[0].function.parameters.properties.a.enum[0]", "鈴木"),
        ({"response_format": {"type": "json_schema", "json_schema": {"name": "r", "schema": {"format": "佐藤"}}}},
         "response_format.json_schema.schema.format", "佐藤"),
        ({"tool_choice": {"type": "function", "function": {"name": "f"}, "note": "佐藤"}}, "tool_choice.note", "佐藤"),
        ({"context_notes": "佐藤"}, "context_notes", "佐藤"),
        ({"context_notes": {"id": "佐藤"}}, "context_notes.id", "佐藤"),
        ({"tool_choice": {"type": "function", "function": {"name": "call_0901234567"}}}, "tool_choice.function.name", "call_0901234567"),
    ],
    ids=["metadata-id", "metadata-key", "metadata-number", "logit-bias-key", "seed", "user", "stop", "cache-key",
         "web-search", "schema-property-name", "schema-enum", "schema-format", "tool-choice-extra", "unknown-top",
         "unknown-nested-id", "function-name"],
)
def test_every_value_outside_the_messages_is_read(extra: dict[str, Any], path: str, text: str) -> None:
    assert paths(chat(**extra))[path] == text


@pytest.mark.parametrize(
    "extra",
    [
        {"service_tier": "佐藤花子"},
        {"reasoning_effort": "090-1234-5678"},
        {"modalities": ["text", "佐藤"]},
        {"verbosity": "high 佐藤"},
        {"messages": [{"role": "佐藤花子", "content": "x"}]},
        {"messages": [{"role": "user", "content": "x", "tool_call_id": "佐藤花子"}]},
        {"messages": [{"role": "assistant", "tool_calls": [{"id": "call 佐藤", "type": "function", "function": {"name": "f", "arguments": "{}"}}]}]},
        {"tools": [{"type": "function", "function": {"name": "佐藤に送る"}}]},
        {"response_format": {"type": "json_schema", "json_schema": {"name": "佐藤"}}},
        {"response_format": {"type": "佐藤"}},
        {"tool_choice": "佐藤"},
        {"temperature": "佐藤"},
        {"max_tokens": 1.5},
        {"stream_options": {"include_usage": "yes"}},
        {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:,"}}]}]},
        {"messages": [{"role": "user", "content": [{"type": "note", "text": "佐藤"}]}]},
    ],
    ids=["service-tier", "reasoning-effort", "modalities", "verbosity", "role", "tool-call-id", "tool-call-id-space",
         "function-name", "schema-name", "format-type", "tool-choice", "temperature", "max-tokens-float",
         "stream-options", "image", "unknown-part"],
)
def test_structural_fields_holding_free_text_are_refused(extra: dict[str, Any]) -> None:
    with pytest.raises(BadRequest) as err:
        chat_texts(chat(**extra))
    # The refused value is never quoted back.
    assert "佐藤" not in err.value.message.split(":", 1)[-1] or "佐藤" in err.value.message.split(":", 1)[0]


def test_unknown_fields_are_refused_when_configured() -> None:
    with pytest.raises(BadRequest) as err:
        chat_texts(chat(context_notes="x"), unknown="reject")
    assert err.value.code == "unknown_field" and err.value.param == "context_notes"
    assert paths(chat(), unknown="reject")  # declared fields still pass


def test_bidi_overrides_are_cleaned_or_refused() -> None:
    body = chat()
    body["messages"][0]["content"] = "携帯は\u202e8765-4321\u202c です"
    refs = chat_texts(body)
    assert refs[0].text == "携帯は8765-4321 です" and body["messages"][0]["content"] == refs[0].text
    body["messages"][0]["content"] = "携帯は\u2066090\u2069"
    with pytest.raises(BadRequest) as err:
        chat_texts(body, bidi="reject")
    assert err.value.code == "bidi_controls" and "双方向" in err.value.message


@pytest.mark.parametrize(
    ("content", "sent"),
    [
        ("番号は" + "".join(chr(0xE0000 + ord(c)) for c in "123456789018"), "番号は"),  # all smuggled
        ("携帯 090-1" + chr(0xE0041) + "234-5678", "携帯 090-1234-5678"),  # one tag letter inside a number
    ],
    ids=["smuggled-number", "tag-inside-number"],
)
def test_tag_characters_are_removed_from_what_is_scanned_and_sent(content: str, sent: str) -> None:
    body = chat()
    body["messages"][0]["content"] = content
    (ref,) = chat_texts(body)
    assert ref.text == sent == body["messages"][0]["content"]


def test_parts_of_one_message_are_joined_without_a_separator() -> None:
    body = {"model": "m", "messages": [
        {"role": "user", "content": [{"type": "text", "text": "090-12"}, {"type": "text", "text": "34-5678"}]},
        {"role": "user", "content": "次"},
    ]}
    text, offsets = joined(chat_texts(body))
    assert text == "090-1234-5678\n\n次" and offsets == [0, 6, 15]


def test_embedding_inputs_are_joined_and_token_arrays_refused() -> None:
    text, _ = joined(embedding_texts({"model": "m", "input": ["234567", "890121"]}))
    assert text == "234567890121"
    for bad in ([1, 2, 3], [[1, 2]], 5, []):
        with pytest.raises(BadRequest):
            embedding_texts({"model": "m", "input": bad})
    assert [r.path for r in embedding_texts({"model": "m", "input": "x", "user": "佐藤", "extra": {"k": 1}})] == [
        "input", "user", "extra{key}", "extra.k{key}", "extra.k"]


def test_write_back_renames_keys_after_setting_values() -> None:
    body = chat(metadata={"佐藤": "佐藤", "n": 123456789018})
    refs = chat_texts(body)
    texts = [{"佐藤": "〔氏名1〕", "123456789018": "＜個人番号＞"}.get(r.text, r.text) for r in refs]
    write_back(refs, texts)
    assert body["metadata"] == {"〔氏名1〕": "〔氏名1〕", "n": "＜個人番号＞"}


def test_a_masked_key_that_collides_is_refused() -> None:
    body = chat(metadata={"佐藤": 1, "鈴木": 2})
    refs = chat_texts(body)
    with pytest.raises(BadRequest):
        write_back(refs, ["＜氏名＞" if r.text in ("佐藤", "鈴木") else r.text for r in refs])


def test_a_typed_number_that_must_change_is_refused() -> None:
    body = chat(seed=123456789018)
    refs = chat_texts(body)
    with pytest.raises(BadRequest):
        write_back(refs, ["＜個人番号＞" if r.text == "123456789018" else r.text for r in refs])
    assert body["seed"] == 123456789018


@pytest.mark.parametrize(
    ("value", "entity"),
    [
        (9012349876, "PHONE_NUMBER"),  # 090-1234-9876 with its leading 0 dropped
        (8055550123, "PHONE_NUMBER"),  # 080
        (7011112222, "PHONE_NUMBER"),  # 070
        (5012345678, "PHONE_NUMBER"),  # 050 (IP phone)
        (9001234567, None),  # 090-0… is not allocated: 90億 and round amounts stay numbers
        (9000000000, None),
        (312345678, None),  # a landline without its 0 (03-1234-5678) is nine digits: too close to a count
        (1733512345, None),  # a Unix time
        (90123498765, None),  # eleven digits
    ],
    ids=["mobile-090", "mobile-080", "mobile-070", "ip-050", "unallocated-0900", "round-amount", "landline", "unix-time", "eleven-digits"],
)
def test_an_integer_that_is_a_mobile_number_without_its_zero_is_read_as_one(value: int, entity: str | None) -> None:
    for body, path in ((chat(metadata={"tel": value}), "metadata.tel"), (chat(seed=value), "seed")):
        refs = {r.path: r for r in chat_texts(body)}
        assert refs[path].text == str(value)
        assert refs[path].entity == entity
