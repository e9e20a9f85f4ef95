"""Invisible characters, other scripts' digits and spelt-out numbers smuggle nothing to an overseas model.

Asserted on what the recording upstream received, under the shipped default policy."""

from __future__ import annotations

import pytest

from tests.gateway._edge_support import post_chat
from tests.support.canary import leaked
from tests.gateway.conftest import Gateway
from tests.support.upstream import UpstreamServer


@pytest.mark.parametrize(
    ("value", "canary"),
    [
        ("０９０\u200e－１２３４\u202e－５６７８", "09012345678"),
        ("090\u2062-1234\u2064-5678", "09012345678"),
        ("٠٩٠-١٢٣٤-٥٦٧٨", "09012345678"),
        ("०९०-१२३४-५६७८", "09012345678"),
        ("𝟎𝟗𝟎-𝟏𝟐𝟑𝟒-𝟓𝟔𝟕𝟖", "09012345678"),
        ("0 9 0 1 2 3 4 5 6 7 8", "09012345678"),
        ("〇 九 〇 一 二 三 四 五 六 七 八", "09012345678"),
        ("0\U000e00019\U000e007f0-1234-5678", "09012345678"),  # tags that spell nothing
        ("0\u03019\u03010-1234-5678", "09012345678"),
        ("佐\u200d藤\u034f花子", "佐藤花子"),
        ("佐藤\u3164花子", "佐藤花子"),
    ],
)
def test_obfuscated_personal_data_never_reaches_an_overseas_model(
    gw: Gateway, upstream: UpstreamServer, value: str, canary: str
) -> None:
    prompt = f"相談者の{value}さんへの回答案を作ってください。" if not canary.isdigit() else f"連絡先は{value}です。返信案を作って。"
    r = post_chat(gw, {"model": "gpt-overseas", "messages": [{"role": "user", "content": prompt}]})
    assert r.status_code in (200, 403), r.text
    assert not leaked(upstream.bodies(), [canary])


@pytest.mark.parametrize(
    "value",
    [
        "1234\u200b5678\u202e9018",
        "١٢٣٤ ٥٦٧٨ ٩٠١٨",
        "1 2 3 4 5 6 7 8 9 0 1 8",
        "一 二 三 四 五 六 七 八 九 〇 一 八",
    ],
)
def test_an_obfuscated_my_number_is_blocked(gw: Gateway, upstream: UpstreamServer, value: str) -> None:
    r = post_chat(gw, {"model": "gpt-overseas", "messages": [{"role": "user", "content": f"番号は{value}です。"}]})
    assert r.status_code == 403, r.text
    assert upstream.requests == []


@pytest.mark.parametrize(
    "marking", ["【機\u200e密性３】", "【機密性三】", "【極 秘】", "機 密 性 ３", "【機密性\n３】", "機密性\u2066٣\u2069"]
)
def test_an_obfuscated_level_3_marking_keeps_the_text_away_from_an_overseas_model(
    gw: Gateway, upstream: UpstreamServer, marking: str
) -> None:
    r = post_chat(gw, {"model": "gpt-overseas", "messages": [{"role": "user", "content": f"{marking}\n来年度の組織改編案を要約して"}]})
    assert r.status_code == 403, r.text
    assert upstream.requests == []
