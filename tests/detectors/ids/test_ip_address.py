"""IP_ADDRESS: IPv4 with octet checks and IPv6 through the ipaddress module."""

from __future__ import annotations

import pytest

from detectors.ids.ip_address import IpAddressDetector
from tests.detectors.ids.helpers import found

D = IpAddressDetector()
IP = "IP_ADDRESS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("接続元 192.168.0.1 から", [(IP, "192.168.0.1")]),
        ("ＩＰ：１０．０．０．２５５", [(IP, "１０．０．０．２５５")]),
        ("10.1.2.0/24 を許可", [(IP, "10.1.2.0/24")]),
        ("サーバ 2001:db8::1 へ", [(IP, "2001:db8::1")]),
        ("fe80::1ff:fe23:4567:890a", [(IP, "fe80::1ff:fe23:4567:890a")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize(
    "text",
    ["256.1.1.1", "1.2.3", "1.2.3.4.5", "バージョン 10.0.0.1.2", "std::abs", "12:34:56", "3.14"],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []
