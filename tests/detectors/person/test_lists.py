"""PERSON: katakana names listed (、 や と および) next to a name found with confidence."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ニコラス・ローリーおよびクエストラブは、公開オークションに参加した。", ["ニコラス・ローリー", "クエストラブ"]),
        ("パウル・ティリッヒやラインホルド・ニーバーなどの神学者", ["パウル・ティリッヒ", "ラインホルド・ニーバー"]),
        (
            "アレクセイ・クルチョーヌィフとヴェリミール・フレーブニコフによって発明された。",
            ["アレクセイ・クルチョーヌィフ", "ヴェリミール・フレーブニコフ"],
        ),
    ],
)
def test_listed_names_are_found(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ジョン・スミス氏とシーズンの話をした。", ["ジョン・スミス"]),  # a dictionary noun is not a name
        ("ジョン・スミス氏、ロンドン、パリを巡った。", ["ジョン・スミス"]),  # places
        ("ジョン・スミス氏とヴェリミール社を訪ねた。", ["ジョン・スミス"]),  # the item goes on (社)
        ("デザイン、マーケティング、セールスの部署", []),  # no name to start the list from
        ("1940年3月、汪兆銘が南京国民政府を樹立した。", ["汪兆銘"]),  # 月 is not a family name here
        ("その後、正高信男によってパロディが出た。", ["正高信男"]),
        ("山田太郎さん、本日、窓口に来られました。", ["山田太郎"]),  # 本日 is a noun JMnedict also lists
    ],
)
def test_list_items_that_are_not_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected

