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
        # an address changed by an update is still an address
        ("IPアドレスを 192.168.10.5 から 192.168.10.6 に更新します", [(IP, "192.168.10.5"), (IP, "192.168.10.6")]),
        ("更新後の接続先 10.2.3.4 から 10.2.3.5 へ切替（ゲートウェイ）", [(IP, "10.2.3.4"), (IP, "10.2.3.5")]),
        ("プリンタを 10.0.0.8 から 10.0.0.9 に移します", [(IP, "10.0.0.8"), (IP, "10.0.0.9")]),  # no update word
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "256.1.1.1", "1.2.3", "1.2.3.4.5", "バージョン 10.0.0.1.2", "std::abs", "12:34:56", "3.14",
        # a software update's step from one dotted version to the next
        "クライアントを 4.12.0.33 から 4.12.1.2 に更新します",
        "端末の版数: 10.0.19.45 → 10.0.22.63（アップデート）",
        "Update the client from 4.12.0.33 to 4.12.1.2 tonight.",
    ],  # fmt: skip
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []
