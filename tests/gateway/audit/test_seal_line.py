"""The line `seal` writes is the canonical JSON of the sealed record, and its hash covers the rest.

`seal` serialises a record once, in two halves around `hash`, instead of twice: whatever the
record holds (keys sorting on either side of `hash`, none on one side, nested objects, Japanese
text, quotes and backslashes), the bytes must be exactly those `canonical` gives, because
`verify` recomputes them that way.
"""

from __future__ import annotations

import json
from typing import Any

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
