"""The line `seal` writes is the canonical JSON of the sealed record, and its hash covers the rest.

`seal` serialises a record once, in two halves around `hash`, instead of twice: whatever the
record holds (keys sorting on either side of `hash`, none on one side, nested objects, Japanese
text, quotes and backslashes), the bytes must be exactly those `canonical` gives, because
`verify` recomputes them that way.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.audit.chain import ChainKey, canonical, record_hash, seal

KEY = ChainKey.of(b"seal-line-test-key-0123456789abcdef")

_text = st.text(alphabet=st.sampled_from(list('佐藤花子市民課ab"\\,:{}\n\t\u2028')), max_size=12) | st.just("hash")
_leaf = st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.floats(allow_nan=False, allow_infinity=False) | _text
_value = st.recursive(_leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3), max_leaves=8)
# Keys on both sides of "hash" (and ones that start with it), as in a real record.
_keys = st.sampled_from(["action", "entities", "flags", "h", "has", "hash_", "hashes", "key_id", "zone", "ts", "ハッシュ", "Z", ""])


@given(st.dictionaries(_keys | _text, _value, max_size=8), st.integers(0, 10**6), st.booleans())
def test_the_line_is_the_canonical_record_and_the_hash_verifies(body: dict[str, Any], seq: int, keyed: bool) -> None:
    key = KEY if keyed else None
    sealed, line = seal(body, "host-1-abc", seq, "0" * 64, key)
    assert line == canonical(sealed) + b"\n"
    assert json.loads(line) == json.loads(canonical(sealed))
    assert sealed["hash"] == record_hash(sealed, key)


def test_a_japanese_record_seals_as_before() -> None:
    body = {"request_id": "r1", "principal": {"user": "u1001", "department": "総務課", "roles": []}, "hash": "stale", "zone": "overseas"}
    sealed, line = seal(body, "host-1-abc", 7, "f" * 64, KEY)
    assert line.startswith(b'{"alg":"hmac-sha256","chain":"host-1-abc","hash":"') and "総務課".encode() in line
    assert sealed["hash"] != "stale" and sealed["hash"] == record_hash(json.loads(line), KEY)


# Sealing writes with orjson where its bytes are `canonical`'s and falls back where they may not be:
# any text, integers beyond 64 bits, floats of every magnitude.
_any_text = st.text(st.characters(blacklist_categories=("Cs",)))
_any_leaf = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.floats(min_value=-1e-3, max_value=1e-3, allow_nan=False)
    | _any_text
)
_any_value = st.recursive(_any_leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_any_text, inner, max_size=3), max_leaves=8)


@given(st.dictionaries(_keys | _any_text, _any_value, max_size=8))
def test_any_record_seals_to_its_canonical_bytes(body: dict[str, Any]) -> None:
    sealed, line = seal(body, "host-1-abc", 1, "0" * 64, KEY)
    assert line == canonical(sealed) + b"\n"


@pytest.mark.parametrize(
    "value",
    [
        1e-05, 2.5e-07, -3.3e-10, 5e-324, 0.0001, 1e-4 * 0.99, 1e16, 1.5e16, -1e22, 123456789012345.6, 0.1, -0.0,
        2**63, -(2**63) - 1, 10**30,  # beyond what orjson writes
        "1e-5 と 0.00001", "\u2028\x7f\x1f",
    ],
)  # fmt: skip
def test_values_orjson_writes_otherwise_or_not_at_all_seal_as_canonical(value: Any) -> None:
    sealed, line = seal({"cost": value, "usage": {"x": [value]}}, "host-1-abc", 2, "f" * 64, KEY)
    assert line == canonical(sealed) + b"\n"


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_a_float_that_is_not_finite_is_sealed_as_null_and_verifies(value: float) -> None:
    _, line = seal({"cost": value, "zone": "overseas"}, "host-1-abc", 3, "f" * 64, KEY)
    read = json.loads(line)
    assert read["cost"] is None
    assert canonical(read) + b"\n" == line
    assert read["hash"] == record_hash(read, KEY)


def test_a_lone_surrogate_is_refused_as_before() -> None:
    with pytest.raises(UnicodeEncodeError):
        canonical({"x": "円\ud800"})
    with pytest.raises(UnicodeEncodeError):
        seal({"x": "円\ud800"}, "host-1-abc", 4, "f" * 64, KEY)
