"""Addresses in a region's own land divisions: Hokkaido's 線・号 grid and Iwate's 地割."""

from __future__ import annotations

import pytest

from detectors import scan


def _addresses(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "ADDRESS"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Hokkaido's rural grid, with the area or the city before it; a line alone is a road.
        ("父が所有する 幌似別市東4線北12号 の牧草地", ["幌似別市東4線北12号"]),
        ("場所：字ワッカ東1線北3号\n電話", ["字ワッカ東1線北3号"]),
        ("〒098-2417\n北海道幌似別市字シュマリ西2線北6号", ["北海道幌似別市字シュマリ西2線北6号"]),
        ("東3線は除雪済み", []),
        # Iwate's 地割, with the town chain before it, the lot in every form, a building after it.
        ("住所：西和賀町湯本30地割18番地\n被相続人：夫", ["西和賀町湯本30地割18番地"]),
        ("住所：岩手県和賀郡西和賀町細内1地割9番地2\n", ["岩手県和賀郡西和賀町細内1地割9番地2"]),
        ("相談者：平 幸一（西和賀町細内2地割60-3）", ["西和賀町細内2地割60-3"]),
        ("閲覧したい土地：細内1地割140番、細内1地割141番（隣接地）", ["細内1地割140番", "細内1地割141番"]),
        ("東 源治,1949/02/11,大石16地割41,第わな-0311号,R7", ["大石16地割41"]),
        ("| 大石16地割102 | 畑 | 平 | 1号遊休 |", ["大石16地割102"]),
        ("住所：川尻50地割33-1 コーポ川尻105\n昨年", ["川尻50地割33-1 コーポ川尻105"]),
        ("岩手町大字川口第10地割45番地の土地", ["岩手町大字川口第10地割45番地"]),
        ("住所は 湯本１３地割２５ と言っていた", ["湯本１３地割２５"]),
        # A division with no lot is an area, not a home.
        ("湯本地区は30地割から35地割まで", []),
        # Hokuriku's イロハ sections of a 大字, with or without 大字 and 番地; a counted thing is none.
        ("「大字上野ハ47番地の松田ですけど、除雪車が", ["大字上野ハ47番地"]),
        ("申請者：沖野 亮（大字中野イ33番地2）", ["大字中野イ33番地2"]),
        ("「桜木ニ102の加賀です。集落の入口", ["桜木ニ102"]),
        ("石川県羽咋郡志賀町高浜町カ18番地1", ["石川県羽咋郡志賀町高浜町カ18番地1"]),
        ("東京ハ3つの区に分かれる", []),
    ],
    ids=[
        "sen-go-city", "sen-go-aza", "sen-go-prefecture", "road-alone", "jiwari-town", "jiwari-prefecture",
        "jiwari-in-brackets", "jiwari-parcels", "jiwari-csv", "jiwari-table", "jiwari-building", "jiwari-dai",
        "jiwari-full-width", "jiwari-no-lot", "iroha-oaza", "iroha-banchi-2", "iroha-bare", "iroha-chain",
        "iroha-counted",
    ],
)  # fmt: skip
def test_grid_and_jiwari_addresses(text: str, expected: list[str]) -> None:
    assert _addresses(text) == expected
