"""Numbers spelt out a digit at a time: found whole, with the span covering the spaced original; prose left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import scan
from detectors.detector import Artifacts
from detectors.ids.spaced_digits import SpacedDigitsDetector, join_spaced_digits
from detectors.normalize import normalize
from tests.detectors.ids.helpers import found, found_all

_DETECTOR = SpacedDigitsDetector()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("電話は0 9 0 1 2 3 4 5 6 7 8です", [("PHONE_NUMBER", "0 9 0 1 2 3 4 5 6 7 8")]),
        ("携帯 ０　９　０　１　２　３　４　５　６　７　８ まで", [("PHONE_NUMBER", "０　９　０　１　２　３　４　５　６　７　８")]),
        ("連絡先 0 9 0-1 2 3 4-5 6 7 8", [("PHONE_NUMBER", "0 9 0-1 2 3 4-5 6 7 8")]),
        ("連絡先 0 3 - 1 2 3 4 - 5 6 7 8", [("PHONE_NUMBER", "0 3 - 1 2 3 4 - 5 6 7 8")]),
        ("携帯は090 1 2 3 4 5 6 7 8", [("PHONE_NUMBER", "090 1 2 3 4 5 6 7 8")]),
        ("0 9 0  1 2 3 4  5 6 7 8", [("PHONE_NUMBER", "0 9 0  1 2 3 4  5 6 7 8")]),
        ("+81 9 0 1 2 3 4 5 6 7 8", [("PHONE_NUMBER", "+81 9 0 1 2 3 4 5 6 7 8")]),
        ("番号 1 2 3 4 5 6 7 8 9 0 1 8 です", [("MY_NUMBER", "1 2 3 4 5 6 7 8 9 0 1 8")]),
        ("１ ２ ３ ４ ５ ６ ７ ８ ９ ０ １ ８", [("MY_NUMBER", "１ ２ ３ ４ ５ ６ ７ ８ ９ ０ １ ８")]),
        ("١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ٠ ١ ٨", [("MY_NUMBER", "١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ ٠ ١ ٨")]),
        ("1 2 3 4\u200b 5 6 7 8 9 0 1 8", [("MY_NUMBER", "1 2 3 4\u200b 5 6 7 8 9 0 1 8")]),
        ("電話は〇 九 〇 一 二 三 四 五 六 七 八です", [("PHONE_NUMBER", "〇 九 〇 一 二 三 四 五 六 七 八")]),
        ("一 二 三 四 五 六 七 八 九 〇 一 八", [("MY_NUMBER", "一 二 三 四 五 六 七 八 九 〇 一 八")]),
        ("0\u28009\u28000\u28001\u28002\u28003\u28004\u28005\u28006\u28007\u28008", [("PHONE_NUMBER", "0\u28009\u28000\u28001\u28002\u28003\u28004\u28005\u28006\u28007\u28008")]),
        ("法人番号 7 0 0 0 0 1 2 0 5 0 0 0 2", [("CORPORATE_NUMBER", "7 0 0 0 0 1 2 0 5 0 0 0 2")]),
        ("〒1 0 0-0 0 0 1", [("POSTAL_CODE", "1 0 0-0 0 0 1")]),
        ("カード 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", [("CREDIT_CARD", "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1")]),
    ],
)
def test_spaced_out_numbers_are_found_whole(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(_DETECTOR, text) == expected
    assert [(f.entity, f.text) for f in scan(text).findings] == expected


@pytest.mark.parametrize(
    "text",
    [
        "手順は 1 2 3 の順に進めてください",
        "順位 1 2 3 4 5 6 7 8",
        "得点は 80 75 90 60 85 70 でした",
        "2024 12 3 の会議",
        "090 1234 5678",  # no one-digit group: the plain text already shows the number
        "1 2 3 4 5 6 7 8 9 0 1 2",  # not a valid 個人番号
        "電話 0\t9\t0\t1\t2\t3\t4\t5\t6\t7\t8",  # tabs part table columns, not digits
        "第1 2 3会議室",
        "一 二 三 の順に",
        "一 二 三 四 五 六 七",
    ],
)
def test_no_spaced_finding_in(text: str) -> None:
    assert found(_DETECTOR, text) == []


def test_only_what_spans_a_removed_space_is_kept() -> None:
    # The 個人番号 is plain; the spaced run after it is no number: the plain one is the others' to find.
    assert found(_DETECTOR, "123456789018 と 1 2 3 4 5 6 7") == []


@pytest.mark.parametrize(
    ("text", "joined", "removed"),
    [
        ("0 9 0 1 2 3 4", "0901234", [1, 3, 5, 7, 9, 11]),
        ("0 9 0-1 2 3 4", "090-1234", [1, 3, 7, 9, 11]),
        ("80 75 90 60 85", None, None),
        ("1 2 3", None, None),  # fewer digits than any identifier
        ("０　９　０　１　２　３　４", "0901234", [1, 3, 5, 7, 9, 11]),
    ],
)
def test_join_spaced_digits(text: str, joined: str | None, removed: list[int] | None) -> None:
    result = join_spaced_digits(normalize(text))
    if joined is None:
        assert result is None
        return
    assert result is not None
    view, gone = result
    assert view.text == joined
    assert gone == removed
    assert view.to_original(0, len(view.text)) == (0, len(text))


def _check_digit(body: str) -> str:
    total = sum(int(body[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    rem = total % 11
    return str(0 if rem <= 1 else 11 - rem)


_SCRIPTS = ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "०१२३४५६७८९", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗"]
# What may stand between two digits: a space (ASCII, ideographic, no-break), or an invisible with or without one.
_GAPS = [" ", "　", "\u00a0", "\u200b", " \u200b", "\u2060 ", "\u202e", "\U000e0020", "\u3164"]


@settings(max_examples=300, deadline=None)
@given(
    body=st.text(alphabet="0123456789", min_size=11, max_size=11),
    script=st.sampled_from(_SCRIPTS),
    gaps=st.lists(st.sampled_from(_GAPS), min_size=11, max_size=11),
    label=st.sampled_from(["マイナンバーは", "個人番号：", "番号 ", ""]),
)
def test_any_valid_my_number_spelt_out_is_found(body: str, script: str, gaps: list[str], label: str) -> None:
    digits = (body + _check_digit(body)).translate(str.maketrans("0123456789", script))
    number = "".join(d + g for d, g in zip(digits, gaps)) + digits[-1]
    text = f"申請者の{label}{number}です"
    assert ("MY_NUMBER", number) in [(f.entity, f.text) for f in scan(text).findings]


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(["090", "080", "070"]),
    rest=st.text(alphabet="0123456789", min_size=8, max_size=8),
    script=st.sampled_from(_SCRIPTS),
    gaps=st.lists(st.sampled_from(_GAPS), min_size=10, max_size=10),
)
def test_any_mobile_number_spelt_out_is_found(prefix: str, rest: str, script: str, gaps: list[str]) -> None:
    digits = (prefix + rest).translate(str.maketrans("0123456789", script))
    number = "".join(d + g for d, g in zip(digits, gaps)) + digits[-1]
    assert ("PHONE_NUMBER", number) in found_all(f"本人の携帯 {number} まで")


def test_long_spaced_runs_stay_linear() -> None:
    import time

    hostile = "1 " * 50_000 + "0 9 0 " * 20_000
    t = time.process_time()
    _DETECTOR.detect(hostile, Artifacts(original=hostile, normalized=normalize(hostile)))
    assert time.process_time() - t < 2.5
