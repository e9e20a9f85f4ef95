"""JSON on the request path: orjson where it gives what the standard library gives, the standard library otherwise.

Bodies are read and written several times per request (the client's body, the body sent upstream, the
upstream's answer or each of its stream's events, the answer sent back): for a 6.6 KB 20-turn
conversation `json.loads` takes ~42 µs and `json.dumps` ~67 µs; orjson does either in a few.
The results are the standard library's, checked by property test (`tests/gateway/test_wire.py`):

- `loads` parses with orjson and falls back to `json.loads` for whatever orjson refuses (a lone
  surrogate escape, nesting beyond 1,024) and for a body with a run of 19 digits or more (orjson reads
  an integer beyond 64 bits as a float): those inputs are read, or refused, as before. NaN and
  Infinity are refused (RFC 8259 has no such values; the standard library read them, and they went
  upstream as `NaN`, which no OpenAI-compatible server reads), so no float that is not finite comes
  out of a body.
- `dumps` writes compact UTF-8 (what `json.dumps(obj, ensure_ascii=False, separators=(",", ":"))`
  writes) and falls back to that call for what orjson cannot write (an integer beyond 64 bits, a
  lone surrogate, a key that is not a string), so it raises where the standard library raises.

Audit records keep the standard library: their canonical bytes are what the hash chain covers.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

import orjson

_LONG_NUMBER_TEXT_RE: Final = re.compile("[0-9]{19}")
# Digits made zeros, then a run of 19 zeros found: ~14× faster than the pattern on bytes (5 against 70 µs
# for a 6.6 KB conversation), which every request's body and every stream event goes through.
_DIGITS_AS_ZERO: Final = bytes.maketrans(b"123456789", b"000000000")
_NINETEEN_ZEROS: Final = b"0" * 19


def _long_number(raw: bytes | bytearray | str) -> bool:
    """Whether `raw` has a run of 19 digits or more (an integer orjson would read as a float)."""
    if isinstance(raw, str):
        return _LONG_NUMBER_TEXT_RE.search(raw) is not None
    return _NINETEEN_ZEROS in raw.translate(_DIGITS_AS_ZERO)


def loads(raw: bytes | bytearray | str) -> Any:
    """`json.loads(raw)`, faster; NaN and Infinity refused (ValueError)."""
    return parse(raw)[0]


def parse(raw: bytes | bytearray | str) -> tuple[Any, bool]:
    """`loads(raw)`, and whether orjson read it: then every string in it is well-formed Unicode (orjson
    refuses bytes that are not UTF-8 and an escape that spells half a surrogate pair), which the
    standard library's reading does not promise."""
    if not _long_number(raw):
        try:
            return orjson.loads(raw), True
        except orjson.JSONDecodeError:
            pass
    return json.loads(raw, parse_constant=_not_json), False


def dumps(obj: Any) -> bytes:
    """Compact JSON in UTF-8, as `json.dumps(obj, ensure_ascii=False, separators=(",", ":"))`."""
    try:
        return orjson.dumps(obj)
    except TypeError:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")
