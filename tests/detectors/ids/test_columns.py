"""Table columns: a cell takes its label from the header above it (CSV, TSV, Markdown, aligned, quoted)."""

from __future__ import annotations

import pytest

from detectors.detector import Artifacts
from detectors.ids.columns import cells, column_kinds
from detectors.normalize import normalize


def _cells(text: str, kind: str) -> list[str]:
    artifacts = Artifacts(original=text, normalized=normalize(text))
    norm = artifacts.normalized.text
    return [norm[s:e].strip() for s, e in cells(artifacts, kind)]


DOB = "DATE_OF_BIRTH"
HI = "HEALTH_INSURANCE"


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("番号,名前,生年月日\n1,岡本 悠,H3.5.6\n2,堀 結衣,H9.1.20", DOB, ["H3.5.6", "H9.1.20"]),
        ("名前\t被保険者番号\t住所\n岡本\t12340001\t本町", HI, ["12340001"]),
        ("| 名前 | 生年月日 |\n|:--|--:|\n| 岡本 | 1988-02-03 |", DOB, ["1988-02-03"]),
        ("名前｜生年月日\n岡本｜Ｓ６３．２．３", DOB, ["S63.2.3"]),
        ("名前，生年月日\n岡本，1988/2/3", DOB, ["1988/2/3"]),
        ('名前,住所,生年月日\n岡本,"本町1-2, 3階",1988-02-03', DOB, ["1988-02-03"]),
        # An unquoted comma in a field: cells after it are read from the right as well.
        ("名前,住所,生年月日\n岡本,本町1-2, 3階,1988-02-03", DOB, ["3階", "1988-02-03"]),
        ("名前　　　生年月日　　　メモ\n岡本 悠　　H3.5.6　　　なし", DOB, ["H3.5.6"]),
        # The header repeated halfway down (a pasted second page) keeps the mapping.
        ("名前,生年月日\n岡本,H3.5.6\n名前,生年月日\n堀,H9.1.20", DOB, ["H3.5.6", "生年月日", "H9.1.20"]),
        ("生年月日（和暦）,名前\nH3.5.6,岡本", DOB, ["H3.5.6"]),
        # A bulleted list whose fields the line above names.
        ("対象者（氏名・生年月日・被保険者番号）\n・岡本 悠　H3.5.6　12340001\n・堀結衣・H9.1.20・12340002", DOB,
         ["悠", "H3.5.6", "H9.1.20"]),
        ("氏名／生年月日\n- 岡本悠／H3.5.6", DOB, ["H3.5.6"]),
        # Slashes between the cells of a table with no bullets, names holding a space.
        ("氏名／フリガナ／生年月日／住所\n坂口 剛／サカグチ ツヨシ／昭和５４年９月２日／旭台1-3-8", DOB, ["昭和54年9月2日"]),
        # A dog register's pet columns are no person's.
        ("所有者,犬の名前,犬の生年月日\n森 勝,さくら,R2.4.1", DOB, []),
        # A system's output with half-width katakana headers.
        ("ｼﾒｲ            ｾｲﾈﾝｶﾞｯﾋﾟ  ﾋﾎｹﾝｼｬﾊﾞﾝｺﾞｳ\nｼｮｳｼﾞ ﾐﾖ       S14.02.11  0004218653", DOB, ["S14.02.11"]),
        # English headers of a pasted export.
        ("name,kana,birth,hamlet,phone\n浜田 一郎,ハマダ イチロウ,1951-03-08,大浦,0880-67-3102", DOB, ["1951-03-08"]),
        ("name,kana,birth,hamlet,phone\n浜田 一郎,ハマダ イチロウ,1951-03-08,大浦,0880-67-3102", "LOCATION", ["大浦"]),
        # 区長 is a column of people, not of 区.
        ("| 地区 | 区長 |\n|---|---|\n| 大浦 | 浜田 重信 |", "PERSON", ["浜田 重信"]),
    ],
)
def test_cells_under_a_header(text: str, kind: str, expected: list[str]) -> None:
    assert _cells(text, kind) == expected


@pytest.mark.parametrize(
    "text",
    [
        "名前,受付日,納付期限\n岡本,2024-04-01,2024-05-31",
        "生年月日を書いてください。\n岡本,H3.5.6",  # prose, not a header row
        "名前,生年月日\n\n岡本,H3.5.6",  # a blank line ends the table
        "名前,生年月日",
        "生年月日,名前 H3.5.6",
        "氏名・生年月日を書いてください\n・岡本 H3.5.6",  # prose naming the fields
        "確認事項（氏名・生年月日）\n・受付日：2025-01-10",
        "（氏名・生年月日）\n岡本 H3.5.6",  # no bullet: not an item of the list
    ],
)
def test_no_birth_column(text: str) -> None:
    assert _cells(text, DOB) == []


def test_cell_outside_any_table_has_no_kind() -> None:
    text = "被保険者番号について\n12340001"
    artifacts = Artifacts(original=text, normalized=normalize(text))
    assert column_kinds(artifacts, text.index("1"), len(text)) == frozenset()


@pytest.mark.parametrize(
    "text",
    [
        '名前,生年月日\n"岡本,H3.5.6',  # a quote never closed
        "名前,生年月日\n,,,,,,",
        "| 生年月日 |\n|",
        "生年月日\t\n\t\t\n",
        "（生年月日・）\n・\n・・・",
        "名前  生年月日\n  \n",
        "\n生年月日,",
    ],
)
def test_malformed_tables_do_not_break(text: str) -> None:
    artifacts = Artifacts(original=text, normalized=normalize(text))
    norm = artifacts.normalized.text
    for s, e in cells(artifacts, DOB):
        assert 0 <= s <= e <= len(norm)
