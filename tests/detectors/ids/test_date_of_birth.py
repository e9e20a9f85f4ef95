"""DATE_OF_BIRTH: Western and era dates, only when they are written as a birth date."""

from __future__ import annotations

import datetime

import pytest

from detectors.ids.date_of_birth import DateOfBirthDetector
from tests.detectors.ids.helpers import DASH_VARIANTS, found

D = DateOfBirthDetector()
DOB = "DATE_OF_BIRTH"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生年月日：昭和60年4月1日", [(DOB, "昭和60年4月1日")]),
        ("·姓名：王 麗華\n·生日：1991年11月5日", [(DOB, "1991年11月5日")]),
        ("my date of birth is August 14, 1988.", [(DOB, "August 14, 1988")]),
        # A relative in brackets after a name, then a date: that relative's birth date.
        ("同居人\u3000瀬戸口 美月（妻）平成4年1月8日、瀬戸口 蒼（子）令和5年3月30日",
         [(DOB, "平成4年1月8日"), (DOB, "令和5年3月30日")]),
        ("ひなたちゃんの生年月日欄（平成30年7月7日）が申請書とずれている", [(DOB, "平成30年7月7日")]),
        # After a labelled name (and its reading) and a space, a date long ago ends the field.
        ("氏名：宇田川 晋也（ウダガワ シンヤ）\u3000S51.4.19\n住所：架空市", [(DOB, "S51.4.19")]),
        ("氏名：山田 太郎 平成元年1月8日", [(DOB, "平成元年1月8日")]),
        ("申出者：久我 綾乃（平成3年8月21日）住民票コード 45145061230", [(DOB, "平成3年8月21日")]),
        # The label in the resident's language: Chinese 出生日期, Korean 생년월일.
        ("姓名：欧阳 静怡\n出生日期：1996年2月11日", [(DOB, "1996年2月11日")]),
        ("생년월일: 1990.05.12", [(DOB, "1990.05.12")]),
        ("昭和六十年四月一日生まれ", [(DOB, "昭和六十年四月一日")]),
        ("平成元年1月8日生", [(DOB, "平成元年1月8日")]),
        ("令和元年5月1日生まれの長女", [(DOB, "令和元年5月1日")]),
        ("㍻２年３月４日生", [(DOB, "㍻２年３月４日")]),
        ("S60.4.1生", [(DOB, "S60.4.1")]),
        ("（H2.3.4生）", [(DOB, "H2.3.4")]),
        ("R1.5.1生まれ", [(DOB, "R1.5.1")]),
        ("1985年4月1日生まれ", [(DOB, "1985年4月1日")]),
        ("１９８５年４月１日生", [(DOB, "１９８５年４月１日")]),
        ("一九八五年四月一日生まれ", [(DOB, "一九八五年四月一日")]),
        ("生年月日 1985/4/1", [(DOB, "1985/4/1")]),
        ("誕生日は1985-04-01です", [(DOB, "1985-04-01")]),
        ("生年月日：大正十二年九月一日", [(DOB, "大正十二年九月一日")]),
        ("明治45年7月30日生", [(DOB, "明治45年7月30日")]),
        ("山田太郎（昭和 60 年 4 月 1 日生）", [(DOB, "昭和 60 年 4 月 1 日")]),
        ("DOB: 1990.12.31", [(DOB, "1990.12.31")]),
        ("1985年4月1日（39歳）", [(DOB, "1985年4月1日")]),
        ("昭和60年4月1日生まれ、令和6年4月1日入庁", [(DOB, "昭和60年4月1日")]),
        ("昭和60年4月1日 (満39歳)", [(DOB, "昭和60年4月1日")]),
        ("生年月日（西暦）1985/4/1", [(DOB, "1985/4/1")]),
        ("相談者 坂本節子（1943/09/24）は", [(DOB, "1943/09/24")]),
        ("相談者 横山翔太（1941年7月26日）は", [(DOB, "1941年7月26日")]),
        ("対象児童：渡辺凛（H26.5.19）", [(DOB, "H26.5.19")]),
        ("対象児童：内田 千尋（2021-09-21）", [(DOB, "2021-09-21")]),
        ("山田花子様（昭和２５年３月３日、７５歳）", [(DOB, "昭和２５年３月３日")]),
        ("被保険者：坂本修（被保険者番号 0009965202、1946-09-15生）", [(DOB, "1946-09-15")]),
        ("生年月日は昭和48年の11月の3日です", [(DOB, "昭和48年の11月の3日")]),
        ("Applicant born on 14 July 1987, resident since 2015", [(DOB, "14 July 1987")]),
        ("Date of birth: Feb. 9, 2021", [(DOB, "Feb. 9, 2021")]),
        ("DOB 9th of February 2021", [(DOB, "9th of February 2021")]),
        ("A filha nasceu em 3 de janeiro de 2023.", [(DOB, "3 de janeiro de 2023")]),
        ("Tôi tên là Trần Thị Mai, sinh ngày 14/02/1997.", [(DOB, "14/02/1997")]),  # Vietnamese: born on
        ("Ngày sinh: 03/11/1988", [(DOB, "03/11/1988")]),
        ("data de nascimento: 21/10/1979", [(DOB, "21/10/1979")]),
        ("Mi hijo nació el 7 de octubre de 2022", [(DOB, "7 de octubre de 2022")]),
        # A 生年月日 column: every format the annotation rules list.
        ("番号,名前,生年月日,受付日\n1,岡本 悠,T14.3.9,2025-01-10\n2,堀 結衣,2019-11-30,2025-01-11",
         [(DOB, "T14.3.9"), (DOB, "2019-11-30")]),
        ("名前\t生年\t区分\n岡本\t1962.10.1\t一般", [(DOB, "1962.10.1")]),
        ("| 続柄 | 誕生日 |\n| --- | --- |\n| 長女 | 令和3年6月1日 |", [(DOB, "令和3年6月1日")]),
        ("続柄｜氏名｜生年月日\n本人｜岡本　悠｜昭和４８年１１月３日", [(DOB, "昭和４８年１１月３日")]),
        ("名前　　　生年月日　　　電話\n岡本 悠　　S48.11.3　　090-0000-1111", [(DOB, "S48.11.3")]),
        ("name,date of birth\nLE VAN AN,14 July 1987", [(DOB, "14 July 1987")]),
        ("面談予定（氏名・生年月日）\n・岡本 悠　S48.11.3\n・堀 結衣　H2.7.21", [(DOB, "S48.11.3"), (DOB, "H2.7.21")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(D, text) == expected


@pytest.mark.parametrize("dash", DASH_VARIANTS)
def test_every_dash_variant(dash: str) -> None:
    assert found(D, f"生年月日 1985{dash}04{dash}01") == [(DOB, f"1985{dash}04{dash}01")]


@pytest.mark.parametrize(
    "text",
    [
        "2024年4月1日に申請しました",
        "令和6年4月1日施行",
        "昭和60年4月1日に開業",
        "1985/4/1に入社",
        "生年月日：昭和65年1月1日",  # 昭和 ended in its 64th year
        "生年月日：1985年13月1日",
        "生年月日：1985年4月32日",
        "2024年",
        "生活保護の開始日 2024年4月1日",
        "1985年4月1日生活保護開始",
        "会議（2024/04/01）の議事録",
        "令和6年4月1日（月）",
        "2024年4月1日現在（39歳）の職員",
        "山田様（2024年4月1日来庁）",
        "相談者は（2024/4/1）に来庁",
        "born in 1990",
        "Tôi là sinh viên năm 2020, 01/04/2020",  # sinh viên is a student, not a birth
        "The meeting on 14 July 2025 was born of necessity",
        "Reunião em 3 de janeiro de 2023",
        "The event of March 3, 2025",
        "名前,受付日,納付期限\n岡本,2025-01-10,2025-02-28",
        "生年月日の欄は空欄でした。\n名前,受付日\n岡本,2025-01-10",
        "生年月日は後日確認\n\n名前,申請日\n岡本,R7.1.10",
    ],
)
def test_not_found(text: str) -> None:
    assert found(D, text) == []


def test_a_recent_date_after_a_name_is_an_event_not_a_birth() -> None:
    last_year = datetime.date.today().year - 1
    assert found(D, f"相談者 山田 太郎 {last_year}年4月1日 来庁") == []
    assert found(D, f"申請者 山田 太郎 {last_year}/4/1 受付") == []
