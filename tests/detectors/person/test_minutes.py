"""PERSON in minutes and meeting notes (detectors/person/minutes.py): speaker marks, speaker lines, attendance lists."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return sorted(f.text for f in scan(text).findings if f.entity == "PERSON")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Minutes: a speaker mark before 「name + role」 or 「role（name）」, with surnames that are also places or nouns.
        ("○根本委員\u3000通学路の安全について伺います。", ["根本"]),
        ("○宮下学校教育課長\u3000お答えします。", ["宮下"]),
        ("○福祉課長（矢吹）\u3000ご指摘のとおりです。", ["矢吹"]),
        ("○委員長\u3000休憩します。", []),
        # Speakers in 【】, with a family name the dictionary reads as a place.
        ("【道路河川課長（祖父江）】\u3000令和９年度の当初予算で", ["祖父江"]),
        ("○祖父江委員\u3000質問です", ["祖父江"]),
        ("【議長】\u3000休憩します\n【お知らせ】\u3000本日", []),
        ("○北海道知事\u3000答弁", []),
        ("○事務局長\u3000ご説明します。", []),
        # Notes opening a line with a name and a colon; attendance lists.
        ("\u3000伏見：やや緊張。\n\u3000ラマ主査：まとめ役。", ["ラマ", "伏見"]),
        ("出席：早乙女課長、岩渕、ゴ・ティ・フォン（会計年度）、森 一樹\n立会：妻", ["ゴ・ティ・フォン", "岩渕", "早乙女", "森 一樹"]),
        ("○八代（福祉用具）：貸与も並行して", ["八代"]),
        # Minutes with several speaker lines: a place word the dictionary knows opens one; not one kanji.
        ("鰐淵：公開は1月13日目標。\n南雲：OK。", ["南雲", "鰐淵"]),
        # Attendance: a listed family name glued to a title; roles alone are nobody.
        ("出席：星野（包括・社会福祉士）、関保健師、丹羽民生委員", ["丹羽", "星野", "関"]),
        ("出席：各課庶務担当（12課）、総務課長、同係長", []),
        # Speakers after ◇ and other marks; transcript lines with a timestamp.
        ("◇東海林学校教育課長\u3000給食費の公会計化について報告いたします。", ["東海林"]),
        ("[00:00:04] 十河 真由美 (子育て支援課)\nあ、聞こえてますかね。\n[00:00:11] Kenji Soga\n聞こえてます", ["Kenji Soga", "十河 真由美"]),
        ("10:00 Zoom Meeting\n10:30 Check In", []),
        # A meeting app's transcript: the speaker, a role, the time at the end of the line.
        ("眞鍋 拓海   0:03\nえーと、始めます。\n\nOyelaran, Grace (国際交流員)   0:41\nHello", ["Oyelaran, Grace", "眞鍋 拓海"]),
        ("会議   10:00\n昼食   12:00", []),
        ("[00:00:20] Koizumi, Takuya: はい、小泉です。", ["Koizumi, Takuya", "小泉"]),
        ("出席：堀之内（民生委員）、阿久根薬剤師（あおば薬局）", ["堀之内", "阿久根"]),
        ("[00:00:11] 安次嶺: 情報政策課の安次嶺です。", ["安次嶺", "安次嶺"]),
        # Speakers in brackets opening lines of minutes, and the attendance line they come from.
        ("参加：城之内（相談支援専門員）、能登（障害福祉課）\n（城之内）経過です。\n（能登）訪問看護を週1回", ["城之内", "城之内", "能登", "能登"]),
        ("（案）市の計画\n（注）数値は速報値\n（参考）前年度\n（1）概要", []),
        ("木：受付番号 1〜158\n金：受付番号 1〜239", []),
        ("東京：晴れ\n大阪：曇り\n済：転入届\n未：児童手当", []),
    ],
)
def test_minutes_layouts(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected
