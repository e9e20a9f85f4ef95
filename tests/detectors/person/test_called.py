"""A word called by name or given a title that the dictionary reads as a common noun or a place."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return sorted(f.text for f in scan(text).findings if f.entity == "PERSON")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Rare family names the dictionary lists as plain nouns, before さん, 氏, 様.
        ("隣室の稲船さんの話では、ここ数日姿を見ていない。", ["稲船"]),
        ("11/6 四十物氏より電話があった。", ["四十物"]),
        # Foreign names the dictionary lists as loanwords; a place read as a family name.
        ("通訳：タマンさん（ボランティア）", ["タマン"]),
        ("社会福祉協議会のアヤラさんとも相談しました。", ["アヤラ"]),
        ("藤ノ木さん、さっきの件です。", ["藤ノ木"]),
        ("担当弁護士 三ツ木先生", ["三ツ木"]),
        # A child's given name of one kanji, or a place and a kanji, before 君・くん.
        ("3年2組の蒼君と、湊斗君の様子", ["湊斗", "蒼"]),
        # A title after a place read as a family name.
        ("GHの鮫島施設長にも出席を依頼", ["鮫島"]),
        # Quoted and called, said to be a person, a person's home.
        ("今日窓口に来られた「薬袋」さん", ["薬袋"]),
        ("名札を見たら梅津という職員だった。", ["梅津"]),
        ("西原町の四十物宅を訪問した。", ["四十物"]),
        # Roles, relatives, sections, fields and things that take さん or a title: no one.
        ("ヘルパーさんと保育士さんが来た", []),
        ("福祉課さんに聞いてください", []),
        ("外国籍の妊婦さんにも伝わるように", []),
        ("頬に手形様のあざがあった", []),
        ("居宅ケアマネと女性相談員が同席", []),
        ("学年主任に報告していなかった", []),
        ("新人くんと後輩ちゃん、赤ちゃん、猫ちゃん", []),
        ("自宅を訪問し、お宅の前で待った", []),
        ("総務課長と教育部長が出席", []),
    ],
)
def test_called_names(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected
