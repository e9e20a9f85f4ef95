"""Names mentioned as words (quoted side by side, the sentence about names or places as such) are no one."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        # Talked about as words: place names that look like family names, family names common in a hamlet.
        ("町内の地名「小泉」「高田」「松原」「森下」は人名と紛らわしいので、チラシではふりがなを付けたい", []),
        ("「浜田」「浦田」「西岡」のように、同じ集落に同じ名字が多い地域です", []),
        ("・「中田」「大野」は交差点名であり、信号機の設置要望は県に回す", []),
        # Listed and likened, the sentence about the words as names or places.
        ("田中、中島、大久保、清水のように人の名字と同じ小字名が多く、住所の確認が大変です", []),
        # Family names a village shares (姓), and a household's 屋号.
        ("「佐々木」「工藤」「中村」など同じ姓の世帯がとても多い村です。", []),
        ("及川さん（同姓が4軒あるので屋号「沢口」で確認）", ["及川"]),
        ("人権標語をつくっています。「ゆうき」「あゆみ」「のぞみ」「ひかり」という言葉を使って", []),
        # Quoted for someone: a name alone in quotes, or quoted people the sentence is not about as words.
        ("担当は「佐藤」「鈴木」の二人です。", ["佐藤", "鈴木"]),
        ("母の名前は「佐藤 ハナ」で、旧姓は「高橋」です。", ["佐藤 ハナ", "高橋"]),
        ("担当は田中、鈴木、佐藤のように3人います", ["田中", "鈴木", "佐藤"]),
    ],
    ids=[
        "place-names", "family-names", "intersections", "likened-list", "shared-family-names", "house-name", "words-as-words",
        "people-quoted", "names-quoted-apart", "people-likened",
    ],
)
def test_quoted_words_about_names(text: str, persons: list[str]) -> None:
    assert _persons(text) == persons
