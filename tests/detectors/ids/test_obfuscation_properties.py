"""Property tests: any valid number, in any spelling staff or a leak might use, is found with its exact span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.detectors.ids.helpers import DASH_VARIANTS, found_all

_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_KANJI = str.maketrans("0123456789", "〇一二三四五六七八九")
_SEPARATORS = [*DASH_VARIANTS, " ", "　", "\n", " - ", "・", "\u200b"]


def _check_digit(body: str) -> str:
    total = sum(int(body[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    rem = total % 11
    return str(0 if rem <= 1 else 11 - rem)


def _style(digits: str, style: str) -> str:
    return digits.translate(_FULL if style == "full" else _KANJI if style == "kanji" else {})


@settings(max_examples=400, deadline=None)
@given(
    body=st.text(alphabet="0123456789", min_size=11, max_size=11),
    grouped=st.booleans(),
    sep=st.sampled_from(_SEPARATORS),
    style=st.sampled_from(["ascii", "full", "kanji", "mixed"]),
    label=st.sampled_from(["個人番号：", "マイナンバーは", "個人番号 ", "マイナンバー（個人番号）\n", ""]),
    tail=st.sampled_from(["です。", "", "\n以上", "）"]),
)
def test_any_valid_my_number_in_any_spelling(
    body: str, grouped: bool, sep: str, style: str, label: str, tail: str
) -> None:
    digits = body + _check_digit(body)
    if grouped:
        parts = [digits[0:4], digits[4:8], digits[8:12]]
        if style == "mixed":
            parts = [_style(parts[0], "kanji"), _style(parts[1], "full"), parts[2]]
        else:
            parts = [_style(p, style) for p in parts]
        number = sep.join(parts)
    else:
        number = _style(digits, "full" if style == "mixed" else style)
    text = f"申請者の{label}{number}{tail}"
    assert ("MY_NUMBER", number) in found_all(text)


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(["090", "080", "070", "050"]),
    rest=st.text(alphabet="0123456789", min_size=8, max_size=8),
    sep=st.sampled_from([*DASH_VARIANTS, " ", "　", "\u200b", ""]),
    style=st.sampled_from(["ascii", "full", "kanji"]),
    label=st.sampled_from(["携帯：", "電話 ", "連絡先は", "TEL", ""]),
)
def test_any_mobile_number_in_any_spelling(prefix: str, rest: str, sep: str, style: str, label: str) -> None:
    parts = [_style(p, style) for p in (prefix, rest[:4], rest[4:])]
    number = sep.join(parts)
    assert ("PHONE_NUMBER", number) in found_all(f"本人の{label}{number}まで")


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(alphabet="0123456789", min_size=11, max_size=11),
    style=st.sampled_from(["ascii", "full", "kanji"]),
    sep=st.sampled_from([*DASH_VARIANTS, " ", ""]),
)
def test_invalid_check_digit_is_never_my_number(body: str, style: str, sep: str) -> None:
    wrong = str((int(_check_digit(body)) + 1) % 10)
    digits = body + wrong
    number = sep.join(_style(p, style) for p in (digits[:4], digits[4:8], digits[8:]))
    assert all(entity != "MY_NUMBER" for entity, _ in found_all(f"個人番号：{number}"))
