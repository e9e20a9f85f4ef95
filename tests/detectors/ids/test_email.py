"""EMAIL_ADDRESS: plain, full-width and obfuscated spellings."""

from __future__ import annotations

import pytest

from detectors.ids.email import EmailAddressDetector
from tests.detectors.ids.helpers import found

D = EmailAddressDetector()
E = "EMAIL_ADDRESS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("連絡先は taro.yamada@city.example.lg.jp です", [(E, "taro.yamada@city.example.lg.jp")]),
        ("メール：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", [(E, "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ")]),
        ("山田（yamada+test@example.co.jp）", [(E, "yamada+test@example.co.jp")]),
        ("taro(at)example.jp", [(E, "taro(at)example.jp")]),
        ("taro [at] example [dot] jp", [(E, "taro [at] example [dot] jp")]),
        ("taro あっと example.jp", [(E, "taro あっと example.jp")]),
        ("a@example.jp,b@example.com", [(E, "a@example.jp"), (E, "b@example.com")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("text", ["@example", "user@localhost", "メールアドレス", "a@b", "twitter @yamada"])
def test_not_found(text: str) -> None:
    assert found(D, text) == []
