"""Confidentiality markings: every width and bracket form maps to one canonical label; 秘 never fires inside words."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from detectors import scan


def _labels(text: str) -> list[str]:
    return [m.label for m in scan(text).detection.markings]


@pytest.mark.parametrize(
    ("text", "labels", "level"),
    [
        ("機密性２情報", ["機密性2"], "機密性2"),
        ("機密性2情報", ["機密性2"], "機密性2"),
        ("【機2】会議資料", ["機密性2"], "機密性2"),
        ("［機３］", ["機密性3"], "機密性3"),
        ("機密性③", ["機密性3"], "機密性3"),
        ("機密性３", ["機密性3"], "機密性3"),
        ("機密性3A", ["機密性3A"], "機密性3"),
        ("自治体機密性３Ｂ", ["機密性3B"], "機密性3"),
        ("機密性レベル2", ["機密性2"], "機密性2"),
        ("機密性1", ["機密性1"], "機密性1"),
        ("極秘", ["極秘"], "機密性3"),
        ("【秘】会議", ["秘"], "機密性3"),
        ("「秘」", ["秘"], "機密性3"),
        ("(秘)", ["秘"], "機密性3"),
        ("（秘）人事案", ["秘"], "機密性3"),
        ("秘\n本文", ["秘"], "機密性3"),
        ("取扱注意", ["取扱注意"], "機密性2"),
        ("取り扱い注意", ["取扱注意"], "機密性2"),
        ("部外秘", ["部外秘"], "機密性2"),
        ("関係者限り", ["関係者限り"], "機密性2"),
        ("取扱制限", ["取扱制限"], "機密性2"),
        ("複製禁止", ["複製禁止"], "機密性2"),
        ("【機2】部外秘", ["機密性2", "部外秘"], "機密性2"),
        # Obfuscated and variant forms.
        ("機 密 性 ２", ["機密性2"], "機密性2"),
        ("機密性Ⅱ", ["機密性2"], "機密性2"),
        ("機密性III情報", ["機密性3"], "機密性3"),
        ("機密性（２）", ["機密性2"], "機密性2"),
        ("機密性：３", ["機密性3"], "機密性3"),
        ("【 機 ２ 】", ["機密性2"], "機密性2"),
        ("㊙", ["秘"], "機密性3"),
        ("マル秘", ["秘"], "機密性3"),
        ("〇秘", ["秘"], "機密性3"),
    ],
)
def test_markings(text: str, labels: list[str], level: str) -> None:
    result = scan(text)
    assert [m.label for m in result.detection.markings] == labels
    assert result.level == level


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        # Kanji numerals.
        ("機密性三", "機密性3", "機密性三"),
        ("機密性二情報", "機密性2", "機密性二情報"),
        ("機密性弐", "機密性2", "機密性弐"),
        ("機密性参", "機密性3", "機密性参"),
        ("【機密性三Ａ】", "機密性3A", "機密性三Ａ"),
        ("自治体機密性三Ｂ", "機密性3B", "自治体機密性三Ｂ"),
        ("【機三】", "機密性3", "【機三】"),
        ("本資料は機密性三の情報を含む", "機密性3", "機密性三"),
        ("機密性٣", "機密性3", "機密性٣"),
        ("機密性ⅲ", "機密性3", "機密性ⅲ"),
        # Invisible characters and marks inside.
        ("【機\u200e密性３】", "機密性3", "機\u200e密性３"),
        ("機\u2063密\U000e0041性\u3164３", "機密性3", "機\u2063密\U000e0041性\u3164３"),
        ("極\u034f秘", "極秘", "極\u034f秘"),
        ("取\u0301扱注意", "取扱注意", "取\u0301扱注意"),
        ("【\u202e秘\u202c】", "秘", "【\u202e秘\u202c】"),
        # Spaces inside.
        ("【極 秘】", "極秘", "極 秘"),
        ("機 密 性 ３", "機密性3", "機 密 性 ３"),
        ("取扱 注意", "取扱注意", "取扱 注意"),
        ("部外 秘", "部外秘", "部外 秘"),
        ("関係者　限り", "関係者限り", "関係者　限り"),
        ("複製\t禁止", "複製禁止", "複製\t禁止"),
        # A line break inside brackets.
        ("【機密性\n３】", "機密性3", "【機密性\n３】"),
        ("【\n機密性３\n】", "機密性3", "機密性３"),  # found in the line already
        ("【極\n秘】", "極秘", "【極\n秘】"),
        ("「取扱\n注意」", "取扱注意", "「取扱\n注意」"),
        ("（\n秘\n）", "秘", "秘"),  # alone on its line
        ("【機\r\n２】", "機密性2", "【機\r\n２】"),
    ],
)
def test_obfuscated_markings(text: str, label: str, span: str) -> None:
    assert [(m.label, m.text) for m in scan(text).detection.markings] == [(label, span)]


@pytest.mark.parametrize(
    "text",
    [
        "機密性一般について",  # a kanji numeral running on into a word
        "機密性二重化の検討",
        "情報の機密性\n3. 次の項目",  # a line break outside brackets is prose
        "取扱\n注意",
        "「機密性について\n３つの観点」",  # brackets holding prose, not a label
        "機密性２と三の違い",
        "極めて 秘密",
    ],
)
def test_no_marking_from_spaces_or_numerals_in_prose(text: str) -> None:
    assert _labels(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "秘書課の佐々木",
        "成功の秘訣",
        "便秘の相談",
        "秘密保持契約",
        "機密性の高い情報",
        "神秘的な風景",
        "黙秘した",
        "機密性IDカード",
        "機密性2000件",
    ],
)
def test_no_marking_inside_ordinary_words(text: str) -> None:
    assert _labels(text) == []


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Levels named in a question about the policy label nothing.
        ("うちのポリシーだと、機密性3の情報は外部の生成AIには入れちゃダメで、機密性2は条件つきでOKって理解で合ってる？", "機密性1"),
        ("「機密性２」以上の情報は外部のクラウドサービスに入力しない", "機密性1"),
        ("機密性2と機密性3の情報の違いを、窓口業務の例で説明して", "機密性1"),
        ("機密性2と3の違いを、職員向けに例を3つずつ挙げて説明して", "機密性1"),
        ("ケース記録は「機密性２」と「機密性３」のどちらにするのが一般的でしょうか", "機密性1"),
        ("日程調整のメールは機密性２に当たりますか？また、「機密性３」に分類されるのは", "機密性1"),
        ("本文書は機密性２に当たる文書です", "機密性2"),
        # Marking words compared, quoted and talked about, or carried by other documents.
        ("部外秘と関係者限りの違いがよく分かりません。", "機密性1"),
        ("「【機2】」って表示がある文書の中の公表済みの部分だけなら入れていいでしょうか？", "機密性1"),
        ("表紙に「取扱注意」と押印された文書をスキャンしてよいか判断するフローチャートを作って", "機密性1"),
        # A document that says what it holds keeps the level it names.
        ("この資料は機密性2の情報を含みます", "機密性2"),
        ("機密性２情報です。取扱いに注意。", "機密性2"),
        ("【機密性３】以下の相談記録", "機密性3"),
        ("機 密 性 ３　以下の会話は内部検討用です。", "機密性3"),  # set off by a space: a label
        # Which level should this be: a question, not a label.
        ("名簿なら機密性２でいいのか、それとも機密性３にすべきなのか教えて", "機密性1"),
        ("この記録は機密性３として扱うべきですか、機密性２で足りますか。", "機密性1"),
        # Quoted topics of a quiz or a question; a marking word named as a topic.
        ("「機密性２の文書をメールで送るときの注意点」「取扱注意の表示は文書のどこに付けるか」について問題を作って", "機密性1"),
        ("取扱注意の表示はどこに付けますか", "機密性1"),
        ("取扱注意\n以下の名簿を整理して", "機密性2"),
        ("この資料は部外秘です", "機密性2"),
        # Several quoted names side by side, or a quoted name and what distinguishes it: a question.
        ("「機密性１」と「機密性２」の区別がよくわかりません", "機密性1"),
        ("「機密性３」と「部外秘」の表示、両方付けるべきですか", "機密性1"),
        ("「関係者限り」や「複製禁止」という表示の使い分けを教えて", "機密性1"),
        ("「部外秘」と書かれた資料を会議で配ってよいですか", "機密性1"),
        ("「機密性３」の扱いについて研修で説明したい", "機密性1"),
        # Local variants of the named markings, and 機密性レベル：3.
        ("部内限り\n以下の検討資料を要約して", "機密性2"),
        ("取扱厳重注意\n名簿を整理して", "機密性2"),
        ("転送禁止　以下のメールを要約して", "機密性2"),
        ("機密性レベル：3\n以下を要約", "機密性3"),
        # A question that names a marking, with nothing pasted after it.
        ("「極秘」って何ですか", "機密性1"),
        ("取扱注意の文書をAIに入れていいですか？", "機密性1"),
        ("機密性２の情報を生成AIに入力してもいいですか", "機密性1"),
        ("会議資料に「取扱注意」と付けるべきか迷っています", "機密性1"),
        ("「機密性３」に該当する文書の例を教えて", "機密性1"),
        ("「部外秘」と「関係者限り」はどう違いますか", "機密性1"),
        # A label quoted whole in a question, a quoted rule, levels reported from a rule.
        ("文書の冒頭に「【機密性3】」や「極秘」と表示するのは、どのような基準で判断するのが一般的ですか。", "機密性1"),
        ("次の規程の一文を言い換えてください。\n「機密性３情報を庁外に持ち出す場合は、所属長の許可を得て暗号化すること」", "機密性1"),
        ("氏名と住所が入ったエクセルは機密性2、病歴が入ったものは機密性3、と教わりました。内線番号表は？", "機密性1"),
        ("文書の表示で「極秘」「秘」「部外秘」はどう違いますか？ 対応表を作りたいです。", "機密性1"),
        ("この記録は機密性2でいいですか、それとも機密性3ですか？\n\n来庁者：柳田 健様", "機密性2"),
        ("【秘】\n以下の人事案を要約して", "機密性3"),
        ("機密性3です。\n以下の文書を要約して", "機密性3"),
        ("研修資料です。「機密性３」に当たる情報の例を5つ挙げてください。", "機密性1"),
        # Labels stay labels.
        ("取扱注意の資料です。要約してもらえますか？\n" + "令和7年度予算要求の概要。" * 8, "機密性2"),
        ("機密性２情報です。この内容で合っていますか？", "機密性2"),
        ("【取扱注意】「関係者限り」\n以下の名簿を整理して", "機密性2"),
        ("この文書は「部外秘」と書かれています。要約して", "機密性2"),
        # A quoted level in a request for a handout; the levels listed as a topic; a marking's handling.
        ("「機密性２」の情報を生成AIに入力する際のルールを、研修用に3つの箇条書きで説明してください。", "機密性1"),
        ("「機密性３」「機密性２」「機密性１」の3段階の格付けについて、例を挙げて説明してください。", "機密性1"),
        ("「秘」の扱いについての研修資料を作っています。区分を表にしてください。", "機密性1"),
        # Unquoted, a level may say what the text is: a request keeps it.
        ("本資料は機密性3の情報を含むため、要点だけ説明してください。", "機密性3"),
        ("「秘」の文書です。要点を説明してください。", "機密性3"),
        # Levels a policy gives other documents, reported in a question.
        ("ポリシーでは、安否確認名簿は「機密性３」、除雪路線図は「機密性１」に分類されています。判断の考え方を教えてください。", "機密性1"),
        # Quoted in a short question with nothing pasted; two levels or more compared in one.
        ("うちの規程では救急記録は「機密性３」扱いです。どこまでなら外部のAIに入れてよいか、考え方を教えてください。", "機密性1"),
        ("「極秘」「秘」と書かれた古い文書が書庫に残っています。今の区分でいうとどれに当たるのか教えてください。", "機密性1"),
        ("ケース記録は機密性３に当たると聞きました。では統計は機密性１でいいのでしょうか？", "機密性1"),
        ("Our policy has three levels, 機密性1, 機密性2 and 機密性3. Which level fits a list of names?", "機密性1"),
        ("うちの課では、支払いデータを「機密性３」、計画案を「機密性２」としています。機密性３の情報を外部で扱ってはいけない理由を説明してください。", "機密性1"),
        # A label in 【】 asked about in a short question; several marking words quoted side by side.
        ("ガイドラインに「【機2】以上の情報は入力禁止」とありますが、【機2】は何の略で、機密性1とはどう違うのですか。", "機密性1"),
        ("「部外秘」と「関係者限り」と「取扱注意」の表示が混在しています。扱いをどう書き分けるべきか、例文を作ってください。", "機密性1"),
        ("【機2】以上のとおり報告します。", "機密性2"),
        # A way of marking talked about.
        ("右上に「【機2】」と書く運用と、「機密性２」と全部書く運用が課によってばらばらです。考え方を教えてください。", "機密性1"),
        # A marked document pasted under the question keeps its marking.
        ("機密性３\n以下は機密性２の文書より抜粋。要約して。", "機密性3"),
    ],
)
def test_levels_talked_about_are_no_marking(text: str, level: str) -> None:
    assert scan(text).level == level


def test_marking_offsets_index_the_original() -> None:
    text = "件名：【機２】予算案"
    (m,) = scan(text).detection.markings
    assert text[m.start : m.end] == m.text == "【機２】"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("自治体機密性3A", ["自治体機密性3A"]),
        ("自治体 \t機密性2情報", ["自治体 \t機密性2情報"]),
        ("機密性1 自治体機密性2", ["機密性1 ", "自治体機密性2"]),  # the first takes its trailing space, not 自治体
        ("\n  秘\n【 秘 】", ["  秘", "【 秘 】"]),
        ("文書 秘", []),  # a lone 秘 counts only bracketed or opening its line
    ],
)
def test_marking_spans(text: str, spans: list[str]) -> None:
    assert [m.text for m in scan(text).detection.markings] == spans


# The single patterns the finder used before it was split for speed (with 機密性レベル：3 since it became a
# marking): the spans must be the same.
_REFERENCE_LEVEL = (
    r"(?:自治体[ \t]*)?機[ \t]*密[ \t]*性[ \t]*[:：]?[ \t]*(?:(?:レベル|ﾚﾍﾞﾙ)[ \t]*[:：]?)?[ \t]*[(（\[]?[ \t]*"
    r"(III|II|I(?![A-Za-z])|iii|ii|i(?![A-Za-z])|[1-3一二三壱弐参])[ \t]*([ABCabc]?)(?![0-9A-Za-z])[ \t]*[)）\]]?(?:[ \t]*情[ \t]*報)?"
)
_REFERENCE_ALONE = r"[【\[〔(<《「『][ \t]*(秘)[ \t]*[】\]〕)>》」』]|^[ \t]*(秘)(?=[ \t]*(?:$|[【\[〔(<《「『]|[:：、。 ]))"


_PIECES = ["自治体", "機密性", "機", "密", "性", "1", "2", "3", "三", "弐", "A", "II", "レベル", "情報", "秘", "極秘", "【", "】"]
_PIECES += ["「", "」", "（", "）", " ", "\t", "\n", "：", "、", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_split_patterns_find_what_the_single_ones_did(text: str) -> None:
    import re

    from detectors import markings
    from detectors.detector import Artifacts
    from detectors.keywords import Dictionaries
    from detectors.normalize import normalize

    finder = markings.MarkingFinder(Dictionaries.defaults())
    art = Artifacts(original=text, normalized=normalize(text))
    norm = art.normalized.text
    assume(markings._BROKEN_BRACKET_RE.search(norm) is None)  # 【機密性↵3】: a pass of its own, tested apart
    spans = [(m.start(), m.end()) for m in re.finditer(_REFERENCE_ALONE, norm, re.MULTILINE)]
    if "機" in norm:
        for m in re.finditer(_REFERENCE_LEVEL, norm):
            # Levels named in a sentence (機密性1、機密性2の違い) or running on (機密性三重) are left out by both.
            at = m.start() + m.group().index("機")
            own = markings._LEVEL_RE.match(norm, at)
            assert own is not None and own.end() == m.end()
            if not (markings._talked_about(norm, at, m.end()) or markings._runs_on(norm, own) or markings._in_quoted_topic(norm, at, m.end())):
                spans.append((m.start(), m.end()))
        spans += [(m.start(), m.end()) for m in markings._SHORT_RE.finditer(norm)]
    assert finder._words is not None
    spans += [(m.start(), m.end()) for m in finder._words.finditer(norm)]  # the named ones (極秘), unchanged
    expected = sorted(art.normalized.to_original(s, e) for s, e in spans)
    assert sorted((m.start, m.end) for m in finder.find(art)) == expected
