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
        # A slash or a bar between fields ends the address's local part.
        ("TEL 048-229-7061／hojo@sakura-jinzai.example.jp", [(E, "hojo@sakura-jinzai.example.jp")]),
        ("北条|hojo@example.jp", [(E, "hojo@example.jp")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("text", ["@example", "user@localhost", "メールアドレス", "a@b", "twitter @yamada"])
def test_not_found(text: str) -> None:
    assert found(D, text) == []
