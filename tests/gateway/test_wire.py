"""JSON on the request path: orjson gives what the standard library gives, for any JSON a client or an upstream sends."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gateway import wire

_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["山田太郎", "〔氏名1〕", "😀", "𠮷", "\u200b", "\\", '"', "\n", "</script>"]
)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXT
)
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=25)


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types (1 is not 1.0, an int beyond 64 bits is not a float)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@settings(max_examples=400, deadline=None)
@given(_JSON, st.booleans())
def test_loads_reads_what_json_loads_reads(value: Any, ascii_escapes: bool) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_escapes)
    assert _same(wire.loads(raw.encode("utf-8")), json.loads(raw))
    assert _same(wire.loads(raw), json.loads(raw))


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_dumps_writes_what_json_dumps_means(value: Any) -> None:
    out = wire.dumps(value)
    assert _same(json.loads(out), value)
    assert b" " not in out.replace(b'" "', b"") or " " in json.dumps(value, ensure_ascii=False)  # compact
    assert "\\u" not in out.decode("utf-8") or "\\u" in json.dumps(value, ensure_ascii=False)  # UTF-8, not escapes


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a": NaN}',  # not JSON; the standard library read it, and it went upstream as NaN
        b'{"a": Infinity}',
        b'{"a": -Infinity}',
        b'{"a": 1',
        b"\xff\xfe",
        b'{"a": "\xe5\xb1"}',  # cut UTF-8
    ],
)
def test_what_is_not_json_is_refused(raw: bytes) -> None:
    with pytest.raises(ValueError):
        wire.loads(raw)


def test_a_lone_surrogate_escape_is_read_as_the_standard_library_reads_it() -> None:
    # (the gateway then refuses the body with its own message: it cannot be sent on)
    assert wire.loads(b'{"a": "\\ud800"}') == {"a": "\ud800"}
    with pytest.raises(UnicodeEncodeError):
        wire.dumps({"a": "\ud800"})


_WITH_SURROGATES = st.text(max_size=12)  # any code point, lone surrogates among them


@settings(max_examples=400, deadline=None)
@given(st.lists(_WITH_SURROGATES | _TEXT, max_size=4), st.booleans(), st.booleans())
def test_parse_says_well_formed_only_when_every_string_can_be_sent_on(
    texts: list[str], ascii_escapes: bool, long_number: bool
) -> None:
    # The gateway checks a body for a lone surrogate only when `parse` does not vouch for it.
    value: list[Any] = [*texts, {t: i for i, t in enumerate(texts)}]  # as strings and as keys
    if long_number:
        value.append(2**70)
    raw = json.dumps(value, ensure_ascii=ascii_escapes).encode("utf-8", "surrogatepass")
    parsed, well_formed = wire.parse(raw)
    assert _same(parsed, json.loads(raw))
    encodable = not any(re.search("[\ud800-\udfff]", t) for t in texts)
    if well_formed:
        assert encodable
        json.dumps(parsed, ensure_ascii=False).encode("utf-8")
    elif not long_number:
        assert not encodable  # orjson refuses only what cannot be sent on (or a long number)


def test_integers_beyond_64_bits_stay_integers() -> None:
    big = 2**64 + 1
    assert wire.loads(f'{{"seed": {big}}}'.encode()) == {"seed": big}
    assert wire.dumps({"seed": big}) == f'{{"seed":{big}}}'.encode()


def test_nesting_beyond_orjson_limit_fails_as_the_standard_library_fails() -> None:
    raw = "[" * 1500 + "]" * 1500  # (the gateway answers the RecursionError with its own 400)
    with pytest.raises(RecursionError):
        json.loads(raw)
    with pytest.raises(RecursionError):
        wire.loads(raw)
    assert wire.loads("[" * 900 + "]" * 900) == json.loads("[" * 900 + "]" * 900)


def test_floats_round_trip() -> None:
    for x in (0.1, 1e16, 1e-7, 2.5, -0.0, 1.7976931348623157e308):
        (back,) = wire.loads(wire.dumps([x]))
        assert back == x and math.copysign(1, back) == math.copysign(1, x)


_digit_runs = st.lists(st.one_of(st.binary(max_size=6), st.integers(1, 25).map(lambda n: b"7" * n), st.sampled_from([b"0", b"9", b"\xe3\x80\x80", b"-", b"."])), max_size=12)


@given(_digit_runs, st.booleans())
def test_a_run_of_nineteen_digits_is_found_as_the_pattern_finds_it(parts: list[bytes], as_bytearray: bool) -> None:
    raw = b"".join(parts)
    expected = re.search(rb"[0-9]{19}", raw) is not None
    assert wire._long_number(bytearray(raw) if as_bytearray else raw) is expected
    assert wire._long_number(raw.decode("latin-1")) is expected


@pytest.mark.parametrize(("raw", "long"), [(b"1" * 18, False), (b"1" * 19, True), (b"x" + b"0123456789" * 2, True), (b"123456789012345678.9", False)])
def test_nineteen_digits_and_no_fewer_send_a_body_to_json(raw: bytes, long: bool) -> None:
    assert wire._long_number(raw) is long
