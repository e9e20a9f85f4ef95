"""ADDRESS in romaji: a block number next to -shi/-ku/-cho/City/Ward or a prefecture, in either order."""

from __future__ import annotations

import pytest

from detectors import scan
from detectors.recognizers.address_latin import latin_addresses


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in latin_addresses(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My address is 3-8-12 Midorigaoka, Seki City.", ["3-8-12 Midorigaoka, Seki City"]),
        ("Send it to Room 702, 1-4 Honcho, Seki-shi, Chiba-ken please", ["Room 702, 1-4 Honcho, Seki-shi, Chiba-ken"]),
        ("Address: 5-2-10 Minami-machi, Chuo-ku", ["5-2-10 Minami-machi, Chuo-ku"]),
        ("Seki-shi Asahi-cho 2-7-1, Green Heights 305\nTel", ["Seki-shi Asahi-cho 2-7-1, Green Heights 305"]),
        ("Chiba-ken Seki-shi Asahi-cho 2-7-1", ["Chiba-ken Seki-shi Asahi-cho 2-7-1"]),
        ("I moved to 12-3 Sakuragaoka, Kanagawa last year", ["12-3 Sakuragaoka, Kanagawa"]),
        ("Seki-shi Asahi-cho 2-7-1, Phone 080 1234 5678", ["Seki-shi Asahi-cho 2-7-1"]),
        # A public housing estate's building and room, in either order, with no town or block.
        ("tenant of Kitamachi Danchi Bldg 6, Room 504. My wife", ["Kitamachi Danchi Bldg 6, Room 504"]),
        ("Address: Room 207, Bldg 4, Kitamachi Danchi\nTel", ["Room 207, Bldg 4, Kitamachi Danchi"]),
        ("a tenant in Room 503, Bldg 1, Midorigaoka Housing. My", ["Room 503, Bldg 1, Midorigaoka Housing"]),
        ("living in Sakuradai Housing Bldg 5, Room 106. I bought", ["Sakuradai Housing Bldg 5, Room 106"]),
    ],
)
def test_found(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Building 5 of the Estate was repaired; Room 3 is closed.",  # no estate named before its building
        "Call 03-1234-5678 in Seki City",  # a phone number is no block number
        "Meeting on 2025-10-02, Tokyo",
        "We won 2-1 against Osaka",
        "Tokyo, 3-5 people",
        "Born in Seki City in 1990",
        "Chapter 2-3 of the Seki City plan",
    ],
)
def test_not_found(text: str) -> None:
    assert _spans(text) == []


def test_scan_reports_the_latin_address() -> None:
    text = "He lives at 3-8-12 Midorigaoka, Seki City and works nearby."
    assert [f.text for f in scan(text).findings if f.entity == "ADDRESS"] == ["3-8-12 Midorigaoka, Seki City"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3) Ni Made Ayu Lestari — Oaza Kamikawara 1182\n4) KIM", ["Oaza Kamikawara 1182"]),
        ("竹内 貞夫　Ｏａｚａ Ｋａｍｉｎｏｈａｒａ ３３１", ["Ｏａｚａ Ｋａｍｉｎｏｈａｒａ ３３１"]),
        (
            "New address: Room 205, Building 3, Hama Danchi, 88 Oaza-Ajirohama, Shionagi-cho",
            ["Room 205, Building 3, Hama Danchi, 88 Oaza-Ajirohama, Shionagi-cho"],
        ),
        ("Their dormitory will be Kaminohara Ryo, 1502-1 Oaza-Kaminohara. Could", ["Kaminohara Ryo, 1502-1 Oaza-Kaminohara"]),
        # 大字 alone, with no lot number, is a district.
        ("The festival is held in Oaza Kamikawara every May.", []),
    ],
)
def test_rural_addresses_in_romaji(text: str, expected: list[str]) -> None:
    from detectors import scan

    assert [f.text for f in scan(text).findings if f.entity == "ADDRESS"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前住所：12 Nguyen Trai Street, Thanh Xuan District, Hanoi", ["12 Nguyen Trai Street, Thanh Xuan District, Hanoi"]),
        ("旧住所：Flat 5B, 12 Baker Road, Dhaka（国外からの転入）", ["Flat 5B, 12 Baker Road, Dhaka"]),
        ("Current address: 1482 Maple Ridge Dr, Columbus, Ohio, USA\nPhone:", ["1482 Maple Ridge Dr, Columbus, Ohio, USA"]),
        ("We met 3 Street Kids at the park. Chapter 4 Road Safety.", []),
    ],
)
def test_addresses_abroad_in_english_order(text: str, expected: list[str]) -> None:
    from detectors import scan

    assert [f.text for f in scan(text).findings if f.entity == "ADDRESS"] == expected
