"""PERSON: foreign residents' names in Latin script — passport order in capitals, three and four parts,
South Asian names — with a Japanese label, in a list, or known by their words (detectors/person/foreign.py)."""

from __future__ import annotations

import pytest

from detectors import scan
from detectors.person.foreign import folded, known_name


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("委員 Ana Paula Souza Lima、委員 Ramesh Kumar Sharma", ["Ana Paula Souza Lima", "Ramesh Kumar Sharma"]),
        ("出席：LE VAN THANH、Ramesh Kumar Sharma", ["LE VAN THANH", "Ramesh Kumar Sharma"]),
        ("対象者一覧\nPHAM THI LAN ANH / 在留カード RK55120938FB", ["PHAM THI LAN ANH"]),
        ("宮前町二丁目十番地 CRUZ Maricel\n", ["CRUZ Maricel"]),
        ("旧氏名：Mohammad Abdul Karim\n", ["Mohammad Abdul Karim"]),
        ("保証人：Wang Haoran（研究室の先輩）", ["Wang Haoran"]),
        ("1. Nguyễn Thị Hoa\n2. NGUYEN THI HOA", ["Nguyễn Thị Hoa", "NGUYEN THI HOA"]),
        ("技能実習生の SUPRIYADI さんへの案内", ["SUPRIYADI"]),
        ("NGUYEN委員：通訳ボランティアを募集したい。", ["NGUYEN"]),
        ("LEさん：夜間の日本語教室を増やしてほしい。", ["LE"]),
        # Abbreviations before 会長 or 先生 and organisations are not names.
        ("PTA会長とALT先生に連絡", []),
        ("Apple Music と Google Maps の使い方", []),
        ("Name: Bishnu Prasad Adhikari / Card No. RN90215573GB", ["Bishnu Prasad Adhikari"]),
    ],
)
def test_foreign_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["LE", "VAN", "THANH"], True),
        (["Ramesh", "Kumar", "Sharma"], True),
        (["Nguyễn", "Thị", "Hoa"], True),
        (["Grand", "Van", "Hotel"], False),
        (["Apple", "Music"], False),
    ],
)
def test_known_name(words: list[str], expected: bool) -> None:
    assert known_name(words) is expected


def test_folded() -> None:
    assert [folded(w) for w in ("Nguyễn", "Thị", "Đặng", "JOSÉ")] == ["nguyen", "thi", "dang", "jose"]
