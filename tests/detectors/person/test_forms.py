"""PERSON placed by the layout of municipal paperwork: speaker marks, roles, relatives, readings, CJK names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import scan
from detectors.person import forms


def _persons(text: str) -> list[str]:
    return sorted(f.text for f in scan(text).findings if f.entity == "PERSON")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A role, then the name.
        ("訪問看護 大門、ケアマネ 早瀬が同席", ["大門", "早瀬"]),
        ("（継続支援ケース、担任 能勢）", ["能勢"]),
        ("業務は係長の寺内と分担します。", ["寺内"]),
        ("子育て支援課長\u3000名取\n", ["名取"]),
        ("居宅介護支援事業所 ケアマネ アナ・シルバ", ["アナ・シルバ"]),
        ("係長の判断で決めた。", []),
        ("健診結果\u3000担当:田代", ["田代"]),
        ("受付：小野寺（障害福祉係）", ["小野寺"]),
        ("お疲れさまです。市民課の堀之内です。", ["堀之内"]),
        ("面談後、真柴CWから説明", ["真柴"]),
        ("担当CWに連絡、福祉課SWが同席", []),
        ("住所：架空市本町\n用件：転入\n議題：予算", []),
        ("子どもの前で怒鳴る", []),
        ("息子の勇気の特性を理解して", ["勇気"]),
        ("大家さんに連絡する", []),
        ("学校代表\u3000校長 新発田 一郎", ["新発田 一郎"]),  # a rare family name, a common given name
        ("担当 未定、課長 不在", []),
        # A role before family names joined by ・, or one the dictionary reads as a place; not a prefecture.
        ("担当 沓掛・能登谷 で面談", ["沓掛", "能登谷"]),
        ("こども家庭課\u3000手当係（担当：桐ケ谷）", ["桐ケ谷"]),
        ("担当：東京", []),
        # A name column's cell listing several people.
        ("日付\t会場\t事務従事者\n12/3\t本庁舎\t保坂、ウォン", ["ウォン", "保坂"]),
        # 担当 glued to the name closing a note.
        ("次回面談12/3。担当薬師寺", ["薬師寺"]),
        # A relative with an age before a comma; a son glued to a common given name; a schedule's weekdays.
        ("家族：父 神林 剛（35、会社員）、弟 湊斗（4、ひかり保育園）", ["湊斗", "神林 剛"]),
        ("私の長男颯真（市立東小学校３年）は", ["颯真"]),
        ("長男誕生（令和）", []),
        ("担当課長に確認、担当部署", []),
        # A centre's staff member introducing herself.
        ("お疲れ様です。上野原地域包括支援センターの寒河江です。", ["寒河江"]),
        # A relative, then the name: with an age, a school year or an honorific, or a known name.
        ("世帯員：長女 ひなた（2歳）", ["ひなた"]),
        ("長男 蒼（４歳）、長女 芽衣（小２）", ["芽衣", "蒼"]),
        ("兄の湊斗くんが在園中", ["湊斗"]),
        ("同席：長男 砂川 剛", ["砂川 剛"]),
        # Foreign names in katakana with a space, after a household role or a relative; a birth date as the cue.
        ("世帯主\u3000シュレスタ ビカス\u3000在留カード", ["シュレスタ ビカス"]),
        ("妻\u3000シュレスタ プジャ\n子\u3000アーユス（2021.02.09生）", ["アーユス", "シュレスタ プジャ"]),
        ("担当 システム エンジニアの件", []),
        # Residents' own words in Chinese and Korean: a self-introduction, a family word, a form label.
        ("您好，我叫王 建国，住在架空市。去年孩子（王 子涵，2019年3月5日出生）", ["王 子涵", "王 建国"]),
        ("申请内容：因为丈夫 王 磊 的工作调动，我们全家下个月要搬家", ["王 磊"]),
        ("안녕하세요. 저는 박소연(朴 素妍)입니다.", ["朴 素妍", "박소연"]),
        ("姓名：欧阳 静怡\n이름: 김민수", ["欧阳 静怡", "김민수"]),
        ("我是学生。孩子（小学生）的转学、孩子在学校", []),
        ("住民票上は「陳建国」、通称名なし。子の陳 子涵は日本で出生。", ["陳 子涵", "陳建国"]),
        ("長男 会社員（45歳）", []),
        # A name and its reading side by side, in cells or columns.
        ("10:05,五十嵐 凜,イガラシ リン,印鑑登録", ["イガラシ リン", "五十嵐 凜"]),
        ("氏名\u3000薬師寺\u3000悠真\u3000ﾔｸｼｼﾞ ﾕｳﾏ", ["薬師寺\u3000悠真", "ﾔｸｼｼﾞ ﾕｳﾏ"]),
        # Chinese and Korean names with their readings; a child's name with its reading.
        ("①王 梓涵（ワン ズーハン）女", ["ワン ズーハン", "王 梓涵"]),
        ("②박지우（パク・チウ）男", ["パク・チウ", "박지우"]),  # the reading is a name too
        ("子ども：詩（うた）ちゃん 2歳", ["うた", "詩"]),
        # A common name before an honorific, where the dictionary reads a noun or splits the name.
        ("顧問の早瀬先生がアイシングをした", ["早瀬"]),
        ("心春さんが所属する部", ["心春"]),
        ("西さんが担任に伝えた", ["西"]),
        ("源氏物語と主君と本殿と有様", []),
        ("皇太子殿下のご公務", []),
        ("奥さんとお客様", []),
        # A given name in hiragana before さん・くん・ちゃん, not a pronoun or a relative.
        ("はるとくん\u3000保護者様", ["はると"]),
        ("相手：ひなたちゃんのお母さん（久保寺さん）", ["ひなた", "久保寺"]),
        ("来年は孫のひなたさんが店を継ぐ", ["ひなた"]),
        ("みなさん、おばあちゃん、わたしさん、ごくろうさん", []),
        # A child's given name the lists lack, before くん・ちゃん; words that take them but name no one.
        ("陽翔くん（母 日下部 沙織さん）", ["日下部 沙織", "陽翔"]),
        ("新人くんと後輩ちゃん、赤ちゃん、猫ちゃん", []),
        # A name tag, a kana family name before a kanji given name.
        ("職員（名札は「ハシモト」）に言われた", ["ハシモト"]),
        ("投票管理者\u3000ほりうち 忠\u3000架空市本町", ["ほりうち 忠"]),
    ],
)
def test_form_layouts(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name column's cells are names, whatever the dictionary makes of them.
        ("受付番号,氏名,用件\nA-1,ファム・バオ・ゴック,転入\nA-2,Gurung Dil Bahadur,転入", ["Gurung Dil Bahadur", "ファム・バオ・ゴック"]),
        ("| 日付 | 担当 | 内容 |\n|---|---|---|\n| 11/1 | 宮城 | 訪問 |", ["宮城"]),
        # Not a name: a section in the column, or a column that only mentions a person word.
        ("| 氏名 | 担当 |\n| 山田 太郎 | 福祉課 |", ["山田 太郎"]),
        ("| No | 保護者の希望 |\n| 1 | 特別支援学級 |", []),
        ("地区\t氏名\t担当\n第2地区\t丸尾 實\t四丁目・五丁目\n第3地区\t甲斐田 ふさ江\t団地全域", ["丸尾 實", "甲斐田 ふさ江"]),
        # A visit table: the child, the mother and the visiting staff are people.
        ("| 訪問予定 | 児 | 母 | 訪問者 |\n|---|---|---|---|\n| 11/21 | いちか | Hoang Thi Mai | 関 |", ["Hoang Thi Mai", "いちか", "関"]),
    ],
)
def test_name_columns(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


def test_a_label_and_value_block_is_no_name_column() -> None:
    text = "児童氏名\t百目鬼 颯太\n性別\t男\n生年月日\tH30.4.9\n所属\t架空市立東小学校"
    assert _persons(text) == ["百目鬼 颯太"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Who took the call, who answered, the other side at a meeting: a family name alone in the slot,
        # also one the dictionary reads as a place (甲斐, 北条, 石動, 神宮寺).
        ("夕方以降なら出られるとのこと　受けた人：楠", ["楠"]),
        ("カード会社への抗弁の申し出を検討。\n【受付】五味", ["五味"]),
        ("事務局（北条）、番号１、譲渡人 稲垣 重雄", ["北条", "稲垣 重雄"]),
        ("対応：石動（相談員）、夏目係長同席", ["夏目", "石動"]),
        ("11/15：包括の甲斐が訪問。", ["甲斐"]),
        ("参加：包括・鰐淵（社会福祉士）", ["鰐淵"]),
        ("市側：神宮寺（地域振興課）", ["神宮寺"]),
        # What was done, not who did it.
        ("対応：特商法の通信販売に該当", []),
        ("対応：訳文（訳者の署名入り）を添付するよう案内。", []),
        ("対応：電話で説明した。", []),
        ("包括の支援が必要。市側の説明が不十分。", []),
        ("【受付】電話", []),
        ("応対記録（苦情・要望）", []),
    ],
)
def test_names_in_the_slots_of_records(text: str, expected: list[str]) -> None:
    assert sorted(f.text for f in scan(text).findings if f.entity == "PERSON") == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A family name or a place the dictionary knows, glued to a section and its head.
        ("答弁者：久住こども未来部長", ["久住"]),
        ("伊集院教育部長と12/4に打合せ", ["伊集院"]),
        ("山田総務課長が説明した。", ["山田"]),
        # The place that opens an administrative name, a large place, a section alone.
        ("千葉県教育部長が来庁。大阪府警本部長も。", []),
        ("東京本部長、総務部長、福祉部長、市民生活部長", []),
        # After the side in a bracket speaker line (（市・檜垣）), a rare family name.
        ("（能登会長）防犯灯は。\n（市・檜垣）今年度中に交換します。\n（市・檜垣）２枚まで。", ["檜垣", "檜垣", "能登"]),
    ],
)
def test_names_before_a_sections_title_and_after_a_side(text: str, expected: list[str]) -> None:
    assert _persons(text) == sorted(expected)


_ROLE_PIECES = st.sampled_from(
    [*re.findall(r"[^(?:|)]+", forms._ROLE + forms._BRACKET_TITLE), " ", "\u3000", "の", "：", "（", "）", "、", "\n",
     "帯刀", "四十物", "山田 太郎", "シュレスタ ビカス", "が", "です", "指導", "看護", "は"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_ROLE_PIECES, max_size=16).map("".join), st.integers(0, 8))
def test_roles_are_looked_for_only_where_a_role_word_opens(text: str, at: int) -> None:
    fast, plain = forms._ROLE_NAME_AT.search(text, at), forms._ROLE_NAME_RE.search(text, at)
    assert (fast.span() if fast else None) == (plain.span() if plain else None)
