"""The hash chain: canonical JSON per record, each record carrying the keyed hash of the one before.

A record's `hash` is HMAC-SHA256 over the canonical JSON of the record without its `hash` member,
keyed with a key derived from `audit.hmac_key` (`alg: "hmac-sha256"`, `key_id` names the key).
Someone who can write the file but does not hold the key cannot recompute the chain after an edit.
Records written before the chain was keyed have no `alg` and a plain SHA-256 hash ("unkeyed").
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import orjson

GENESIS = "0" * 64
ALG_KEYED = "hmac-sha256"
# audit-YYYY-MM-DD-<chain>.jsonl: the date orders a chain's files, the chain id keeps writers apart.
FILE_RE = re.compile(r"^audit-(\d{4}-\d{2}-\d{2})-([A-Za-z0-9._-]+)\.jsonl$")
# The chain key is derived from audit.hmac_key rather than being it: the same key also makes each
# record's prompt_hmac, and a prompt that spelt out a forged record must not yield that record's hash.
_CHAIN_LABEL = b"sekisho-audit-chain-v1"
_KEY_ID_LABEL = b"sekisho-audit-key-id-v1"


class ChainKeyError(Exception):
    """A keyed record was met without a key, or a record names an unknown hash algorithm."""


@dataclass(frozen=True, slots=True)
class ChainKey:
    """The key that hashes the chain, and a short public fingerprint of it (`key_id`)."""

    secret: bytes
    id: str

    @classmethod
    def of(cls, hmac_key: bytes) -> ChainKey:
        """Derive the chain key from audit.hmac_key."""
        secret = hmac.new(hmac_key, _CHAIN_LABEL, hashlib.sha256).digest()
        return cls(secret, hmac.new(hmac_key, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:12])

    def __repr__(self) -> str:  # never print the secret
        return f"ChainKey(id={self.id!r})"


def canonical(obj: dict[str, Any]) -> bytes:
    """Sorted keys, no spaces, UTF-8 as is: one byte sequence per record, whoever computes it."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# orjson writes a float below 1e-4 other than `repr` does (0.00001 for 1e-05, 2.5e-7 for 2.5e-07);
# every other finite float, every string and the key order come out as `canonical` writes them
# (tests/gateway/audit/test_chain.py). A match may also be text inside a string: then `canonical` decides.
_OTHER_FLOAT_FORM: Final = re.compile(rb"[0-9]e-[0-9](?![0-9])|0\.0000")
_ORJSON_SORTED: Final = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)


def _written(obj: dict[str, Any]) -> bytes:
    """`canonical(obj)` for a record being sealed, by orjson where its bytes are the same (~20× faster).

    What orjson cannot write as `canonical` does (an integer beyond 64 bits, a lone surrogate, a key
    that is not a string, a subclass, a date) or may write otherwise (a float below 1e-4) goes to
    `canonical`. A float that is not finite becomes null, where `canonical` writes Infinity or NaN
    (not JSON); the record is then verified as it reads, with null (gateway/audit/verify.py).
    """
    try:
        out = orjson.dumps(obj, option=_ORJSON_SORTED)
    except TypeError:
        return canonical(obj)
    if (b"e-" in out or b"0.0000" in out) and _OTHER_FLOAT_FORM.search(out) is not None:
        return canonical(obj)
    return out


def digest(payload: bytes, alg: str | None, key: ChainKey | None) -> str:
    """The hash of a record's canonical bytes (without `hash`) under the record's algorithm."""
    if alg is None:
        return hashlib.sha256(payload).hexdigest()
    if alg != ALG_KEYED:
        raise ChainKeyError(f"unknown hash algorithm {alg!r}")
    if key is None:
        raise ChainKeyError("this chain is keyed (HMAC-SHA256): its key (audit.hmac_key) is needed to check it")
    return hmac.new(key.secret, payload, hashlib.sha256).hexdigest()


def record_hash(obj: dict[str, Any], key: ChainKey | None = None) -> str:
    """The hash a record must carry: over the canonical JSON of the record without its `hash` field."""
    body = {k: v for k, v in obj.items() if k != "hash"}
    return digest(canonical(body), obj.get("alg"), key)


def seal(
    body: Mapping[str, Any], chain: str, seq: int, prev_hash: str, key: ChainKey | None = None
) -> tuple[dict[str, Any], bytes]:
    """Add the chain fields to a record and return it with the exact line to write.

    With a key (the gateway always has one) the hash is keyed; without one the record is written
    unkeyed, as before the chain was keyed (benchmarks and tests of old logs only).
    """
    sealed = dict(body)
    sealed["chain"] = chain
    sealed["seq"] = seq
    sealed["prev_hash"] = prev_hash
    sealed.pop("hash", None)
    if key is not None:
        sealed["alg"] = ALG_KEYED
        sealed["key_id"] = key.id
    else:
        sealed.pop("alg", None)
        sealed.pop("key_id", None)
    # One serialisation for both the hashed bytes and the line: the members sorting before `hash`
    # and those after it are dumped apart, so the line is the hashed bytes with `"hash":…` put in
    # between — byte for byte what canonical() gives for the whole record.
    before = _written({k: v for k, v in sealed.items() if k < "hash"})
    after = _written({k: v for k, v in sealed.items() if k > "hash"})
    payload = _join(before, after)
    sealed["hash"] = digest(payload, sealed.get("alg"), key)
    return sealed, _join(_join(before, b'{"hash":"' + sealed["hash"].encode("ascii") + b'"}'), after) + b"\n"


def _join(left: bytes, right: bytes) -> bytes:
    """Two canonical objects whose keys do not interleave (all of `left`'s sort first), as one."""
    if left == b"{}":
        return right
    if right == b"{}":
        return left
    return left[:-1] + b"," + right[1:]


def file_name(day: str, chain: str) -> str:
    """The file one chain writes on one (UTC) day."""
    return f"audit-{day}-{chain}.jsonl"
