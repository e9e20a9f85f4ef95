"""Check-digit functions against published and hand-computed examples."""

from __future__ import annotations

import pytest

from detectors.ids.checksum import corporate_number_valid, luhn_valid, my_number_valid


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("123456789018", True),
        ("987654321018", True),
        ("111111111118", True),
        ("314159265352", True),
        ("123456789019", False),
        ("123456789010", False),
        ("12345678901", False),
        ("1234567890180", False),
        ("１２３４５６７８９０１８", False),  # callers normalise first
        ("12345678901a", False),
    ],
)
def test_my_number(digits: str, valid: bool) -> None:
    assert my_number_valid(digits) is valid


def test_my_number_check_digit_is_unique() -> None:
    body = "12345678901"
    assert [c for c in "0123456789" if my_number_valid(body + c)] == ["8"]


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("7000012050002", True),
        ("3100001012345", True),
        ("8801000000001", True),
        ("6000012050002", False),
        ("700001205000", False),
        ("70000120500021", False),
    ],
)
def test_corporate_number(digits: str, valid: bool) -> None:
    assert corporate_number_valid(digits) is valid


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("4111111111111111", True),
        ("5555555555554444", True),
        ("378282246310005", True),
        ("3530111333300000", True),
        ("6011111111111117", True),
        ("4111111111111112", False),
        ("1234567812345678", False),
    ],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_valid(digits) is valid
