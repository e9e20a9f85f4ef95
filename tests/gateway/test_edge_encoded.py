"""Encoded personal data: a phone number in base64 (or references, percent-encoding, escapes) never reaches
an overseas model in any form, and the answer gives the caller's own text back."""

from __future__ import annotations

import base64
import binascii
import html
import re
import urllib.parse
from typing import Any

import pytest

from tests.gateway._edge_support import PHONE, openai_client, sent_text
from tests.gateway.conftest import Gateway
from tests.support.upstream import UpstreamServer


def _b64_wrapped(s: str) -> str:
    b = base64.b64encode(s.encode()).decode()
    return "\n".join(b[i : i + 6] for i in range(0, len(b), 6))


ENCODED = {
    "base64": base64.b64encode(PHONE.encode()).decode(),
    "base64-wrapped": _b64_wrapped(PHONE),
    "html": "".join(f"&#{ord(c)};" for c in PHONE),
    "percent": "".join(f"%{b:02X}" for b in PHONE.encode()),
    "json-u": "".join(f"\\u{ord(c):04x}" for c in PHONE),
}


def _strings(value: Any) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)]


def _every_reading(text: str) -> str:
    """`text` plus every way of decoding it that the test knows, written independently of detectors/."""
    readings = [text, html.unescape(text), urllib.parse.unquote(text)]
    readings.append(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text))
    joined = re.sub(r"\s+", "", text)  # base64 wrapped over lines
    for token in re.findall(r"[A-Za-z0-9+/_-]{4,}={0,2}", text) + re.findall(r"[A-Za-z0-9+/_-]{8,}={0,2}", joined):
        for offset in range(4):
            t = token[offset:].replace("-", "+").replace("_", "/").rstrip("=")
            try:
                readings.append(base64.b64decode(t + "=" * (-len(t) % 4)).decode("utf-8", "ignore"))
            except (binascii.Error, ValueError):
                continue
    return "\n".join(readings)


@pytest.mark.parametrize("encoding", ENCODED)
def test_an_encoded_phone_number_never_reaches_the_overseas_model(gw: Gateway, upstream: UpstreamServer, encoding: str) -> None:
    encoded = ENCODED[encoding]
    prompt = f"以下の連絡先に折り返す文面を作ってください。\n連絡先: {encoded}\nよろしくお願いします。"
    answer = openai_client(gw).chat.completions.create(model="gpt-overseas", messages=[{"role": "user", "content": prompt}])
    sent = sent_text(upstream.bodies())
    assert upstream.bodies(), "the request should be pseudonymised and sent, not refused"
    read = "\n".join(_every_reading(s) for s in _strings(upstream.bodies()))
    digits = re.sub(r"\D", "", PHONE)
    assert PHONE not in read and digits not in re.sub(r"\D", "", read), f"{encoding}: the phone number reached the upstream"
    assert encoded not in sent
    # The echo model answers with what it received; the caller gets its own text back.
    assert encoded in (answer.choices[0].message.content or "")
