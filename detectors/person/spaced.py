"""Names written with a space between the family and the given name that the dictionary does not read
as names: a one-kanji family name that is also an ordinary word (星 勇, 東 正和, 原 剛 — 星, 東 and 原
alone are a star, east and a field), a name in katakana as payment data and reading columns write it
(ﾀｲﾗ ｹﾝﾀ, ﾎｼ ｱﾔｶ once normalised), and a Vietnamese name in katakana (ﾚ ｳﾞｧﾝ ﾀﾝ, グエン ティ ホア).

The family part must be a common family name and the given part a common given name (or, for a
Vietnamese name, the family name one of the commonest), and the pair must stand alone: a boundary
before it and after it.
"""

from __future__ import annotations

import re
from typing import Final

from detectors.names_common import common_names
from detectors.openings import AfterBoundary, Before, Opening
from detectors.person.chars import HAN, KATAKANA
from detectors.person.words import NOT_IN_NAME_SLOTS, ZH_FAMILY

# What may stand before and after such a name: a line start, a space, punctuation, a label's colon, a
# bracket, and after it also an honorific, a title or a particle.
# (a particle may stand before it too: 12月から宮 ゆかり主事が)
_BEFORE_CHARS: Final = r"[\s、,，。：:（(「『/／|｜・】のはがにともでをらへ]"
_BEFORE: Final = rf"(?:^|(?<={_BEFORE_CHARS}))"
_TITLES: Final = (
    "委員長|副委員長|委員(?!会)|議員|会長|議長|先生|係長|課長|部長|主任|主査|主事|主幹|参事|次長|室長|所長|区長|保健師|教頭|校長|園長|"
    "副班長|班長|副分団長|分団長|顧問|監督|技師|主任技師|管理者|主任ケアマネ"
)
_AFTER: Final = rf"(?=$|[\s、,，。：:）)」』/／|｜（(]|さん|様|氏|くん|ちゃん|君|{_TITLES}|の|は|が|を|に|と|も|へ|で)"
_ONE_KANJI_FAMILY_RE: Final = re.compile(
    rf"{_BEFORE}(?P<family>[{HAN}])[ \u3000](?P<given>[{HAN}々]{{1,3}}?|[ぁ-ゖ]{{2,4}}?|[ァ-ヺー]{{2,4}}?|[ァ-ヺ]{{1,3}}子){_AFTER}"
)
_KATAKANA_NAME_RE: Final = re.compile(
    rf"{_BEFORE}(?P<name>(?P<family>[{KATAKANA}ー]{{1,8}})(?:[ \u3000][{KATAKANA}ー]{{1,8}}){{0,2}}[ \u3000](?P<given>[{KATAKANA}ー]{{2,8}}))"
    rf"(?![{KATAKANA}ー])"
)
# A one-kanji family name alone before a title or an honorific (平委員が, 担任：平先生, 林 委員：), or as
# a speaker after a role in minutes (事務局 平：, 委員長 東：).
_ONE_KANJI_TITLED_RE: Final = re.compile(rf"{_BEFORE}(?P<name>[{HAN}])[ \u3000]?(?={_TITLES}|さん|様|氏|くん|ちゃん)")
# ... or alone in a slot only a person fills (救急隊長：宮, 引率：星, 夜勤者 平 が発見).
# (the longer role first, so 受付者：平 is not 受付 and 者)
_SLOT_ROLES: Final = sorted(
    (
        "隊長 救急隊長 機関員 隊員 引率 監督 コーチ 夜勤者 日勤者 当番 記録 記録者 受付 受付者 受電 受電者 担当 担当者 対応者 作成 "
        "作成者 確認者 記入 記入者 発見者 対応 応対 通報者 運転手 面談 面接 同行 入力 入力者 調査員 取りまとめ とりまとめ "
        "オペレーター 運転者 同乗 顧問 面接官 当直 日直 宿直 職員 ケースワーカー ケアマネ 訪問看護 ヘルパー 司会 係長 主任 主査 "
        "保健師 相談員 社会福祉士 家庭相談員 介護福祉士 主任ケアマネ 確認 サービス提供責任者 サ責"
    ).split(),
    key=len,
    reverse=True,
)
_ONE_KANJI_SLOT_RE: Final = re.compile(
    rf"(?:{'|'.join(_SLOT_ROLES)})"
    # (then a line's end, a bracket, a mark, a particle, the next slot after ／, or the time: 受付 辻／確認 岸,
    # 受電 辻 9:48, （受電：森）)
    # (two or three kanji too, where the name lists know them as a family: 受電：石田, 担当ケアマネは 辻 です)
    rf"(?:[ \u3000]*[:：]?|は)[ \u3000]*(?P<name>[{HAN}]{{1,3}})"
    rf"(?=[ \u3000]*(?:$|\n|[（(、,。→・：:／/）)]|[0-9]{{1,2}}:[0-9]{{2}}|が|は|に|と|の|へ|です|より|から))",
    re.MULTILINE,
)
# Roles that also label a speaker's line in minutes (保健師：雪の間だけでも…): there a particle after the
# kanji opens the speech, so only a kanji standing alone fills the slot.
_SPEAKER_ROLES: Final = frozenset(
    "ケースワーカー ケアマネ 訪問看護 ヘルパー 司会 係長 主任 主査 保健師 相談員 顧問 職員".split()
)
_ALONE_AFTER_RE: Final = re.compile(r"[ \u3000]*(?:$|\n|[（(、,。→・])")
# A one-kanji family name in a role's bracket (保健師（東）, 職員（森）) or after a section in one (事務局（多文化共生
# 推進室 東）：), introducing itself at a line's start (原です。), after a title and の (係長の森から), or given
# a task after an arrow in minutes (… → 平が保健センターと調整).
_SECTION: Final = "[一-龥ァ-ヺー]{1,12}?(?:課|室|係|班|局|センター)"
_ONE_KANJI_MORE_RE: Final = re.compile(
    rf"(?:保健師|担当|担当者|係長|主査|主任|主事|ケースワーカー|相談員|担任|顧問|CW|職員)[（(](?P<a>[{HAN}])[）)]"
    rf"|(?:係長|課長|主査|主任|主事|担当|保健師|部長|所長|室長)の(?P<c>[{HAN}])(?=から|が|は|に|と|へ|より|、|。|まで)"
    rf"|[（(]{_SECTION}[ \u3000](?P<d>[{HAN}])[）)]"
    rf"|→[ \u3000]*(?P<e>[{HAN}])(?=が)"
    # who took a call or served at a desk, in brackets (受電（平）, 健康福祉課窓口（東）, 窓口（堀江）)
    rf"|(?:受電|架電|窓口|受付|来庁対応)[（(](?P<g>[{HAN}]{{1,3}})[）)]"
)
_ONE_KANJI_MORE_AT: Final = Opening(_ONE_KANJI_MORE_RE)
_SELF_INTRODUCED_RE: Final = re.compile(rf"(?:^|(?<=\n))[ \u3000]*(?P<b>[{HAN}])です[。、]")
_SELF_INTRODUCED_AT: Final = AfterBoundary(_SELF_INTRODUCED_RE, r"\n")
# A section and one kanji alone on a line: who signs a message (多文化共生推進室 東).
_SECTION_SIGNED_RE: Final = re.compile(rf"(?:^|(?<=\n))[ \u3000]*{_SECTION}[ \u3000]+(?P<f>[{HAN}])[ \u3000]*$", re.MULTILINE)
_SECTION_SIGNED_AT: Final = AfterBoundary(_SECTION_SIGNED_RE, r"\n")
# One kanji that introduces itself (あのー、汐と申しますけど) or that a note gives as the family name
# (翔太（姓は南）); a family name of two or three kanji in the latter too.
_SELF_NAMED_RE: Final = re.compile(
    rf"(?:^|(?<=[、。\s「]))(?P<name>[{HAN}])(?=と(?:申し|申す|言い|いい)ます)"
    rf"|(?:(?<=姓)(?:は|：|:)[ \u3000]*|(?<=旧姓)[ \u3000]?)(?P<family>[{HAN}]{{1,3}})(?=[）)、。，,\s]|$)"
)
_SELF_NAMING_WORD_RE: Final = re.compile("と(?:申し|申す|言い|いい)ます")
# Two one-kanji family names joined by ・ (次回は 森・林の2名で訪問): staff named together.
_ONE_KANJI_PAIR_RE: Final = re.compile(
    rf"{_BEFORE}(?P<a>[{HAN}])・(?P<b>[{HAN}])(?=の[0-9０-９一二三]名|で|が|と|、|[ \u3000\n]|$)"
)
_ONE_KANJI_PAIR_AT: Final = Before(_ONE_KANJI_PAIR_RE, ("・",), 1)
DIRECTIONS: Final = frozenset("東西南北上下左右前後中大小")
# A week's roster on one line: 月：辻 火：沖 水：辻 木：門 金：沖 (three days or more).
_WEEK_ROSTER_RE: Final = re.compile(
    rf"(?m)^[ \u3000]*(?:[月火水木金土日](?:曜日?)?[:：][ \u3000]*[{HAN}]{{1,4}}[ \u3000、,／/]*){{3,}}$"
)
_WEEK_ITEM_RE: Final = re.compile(rf"[月火水木金土日](?:曜日?)?[:：][ \u3000]*(?P<name>[{HAN}]{{1,4}})")
# ... or one day a line, several names each with a note in brackets (月：西（区民課）、Phan（ベトナム語通訳）),
# or a CSV's or a sheet's rows (月,林,森,関).
_DAY_LINE_RE: Final = re.compile(r"(?m)^[ \u3000]*[月火水木金土日](?:曜日?)?[:：,\t][ \u3000]*(?P<items>[^\n]{1,80})$")
_DAY_NAME_RE: Final = re.compile(
    rf"(?:^|(?<=[、,・／/\t]))[ \u3000]*(?P<name>[{HAN}]{{1,4}}|[ァ-ヺー]{{2,8}}|[A-Z][a-z]{{1,15}})[ \u3000]*(?:[（(][^）)\n]{{0,24}}[）)])?[ \u3000]*(?=[、,・／/\t]|$)"
)
# One kanji that fills a slot without naming anyone (受付 済, 担当 未定, 月：休).
_NOT_SLOT_NAMES: Final = frozenset(
    "済中無有可否未要同他全各本当新旧前後内外朝昼夜午休空欠課係者人名件回等様殿園校院局署庁障受"
)
_ONE_KANJI_SPEAKER_RE: Final = re.compile(
    rf"(?:^|(?<=\n))[ \u3000]*(?:委員長|副委員長|委員|会長|事務局|議長|司会|課長|係長|部長|担当)[ \u3000]+(?P<name>[{HAN}])[ \u3000]*(?=[：:])"
    # or the name first and the role in brackets: 辻（事務局）：
    rf"|(?:^|(?<=\n))[ \u3000]*(?P<name2>[{HAN}])[（(][^）)\n]{{1,10}}[）)][ \u3000]*(?=[：:])"
)
# Tried only at the start and after a line break (the speaker) or a character of _BEFORE (the others), where
# the rest of them matches, not at every character.
_ONE_KANJI_SPEAKER_AT: Final = AfterBoundary(_ONE_KANJI_SPEAKER_RE, r"\n")
_ONE_KANJI_TITLED_AT: Final = AfterBoundary(_ONE_KANJI_TITLED_RE, _BEFORE_CHARS)
_ONE_KANJI_FAMILY_AT: Final = AfterBoundary(_ONE_KANJI_FAMILY_RE, _BEFORE_CHARS)
_KATAKANA_NAME_AT: Final = AfterBoundary(_KATAKANA_NAME_RE, _BEFORE_CHARS)
# Kanji that open a word before a title or honorific without being anyone's name: 本委員, 各委員, 同氏.
NOT_ONE_KANJI_NAMES: Final = frozenset(
    "本各同当全両新旧前元現副正総主諸他貴御某名故次市区町村県国都府道奥母父兄姉妹弟娘息孫嫁婿皆君彼私僕俺客"
)
# A caller naming themself by one word, then in full, in katakana (サントスです。サントス ジョゼ カルロス。 /
# シュレスタです。ビカス シュレスタ。): the full name holds the word they introduced themself by.
_KANA_INTRO_RE: Final = re.compile(r"(?:^|(?<=[「、。\s]))(?P<w>[ァ-ヺー]{2,10})(?=です|と申します|といいます|いいます)")
# (ten kana and と at most before the word that ends it)
_KANA_INTRO_AT: Final = Before(_KANA_INTRO_RE, ("です", "と申します", "いいます"), 11)
_KANA_FULL_RE: Final = re.compile(r"(?<![ァ-ヺー・])[ァ-ヺー]{2,10}(?:[ \u3000][ァ-ヺー]{2,10}){1,3}(?![ァ-ヺー])")
# The commonest Vietnamese family names as written in katakana.
_VIETNAMESE_FAMILIES: Final = frozenset(
    "グエン チャン レ レー ファム ホアン フイン ファン ヴー ヴォ ヴォー ダン ブイ ドー ド ホー ゴー ズオン リー チュオン ディン".split()
)
# Katakana words of forms, banks and payments that pair up like a name (ﾌﾘｶｴﾋﾞ, ｶﾞｲｺｸｼﾞﾝ).
_NOT_GIVEN: Final = frozenset({"サマ", "サン", "ドノ"})


_HAN_GIVEN_RE: Final = re.compile(f"[{HAN}]{{1,2}}")
# (and only before a cell's or an item's end, an honorific or a bracket: not 高 品質の製品)
# (not a word spaced out letter by letter, 陳 情 書, nor Friday before a word: 金 全員, 金　祖父)
_SPACED_OUT_RE: Final = re.compile(f"[ \u3000][{HAN}](?:[ \u3000\n]|$)")
_NOT_ZH_GIVEN: Final = frozenset("全員 祖父 祖母 父 母 兄 姉 弟 妹 夫 妻 休み 休 午前 午後 終日 不在 未定 なし 情".split())
_ZH_AFTER_RE: Final = re.compile("$|[\t\n、，,（(/／|｜]|[ \u3000]|様|さん|氏")
_LIST_BEFORE_RE: Final = re.compile("[：:、，,\n]")
_LIST_AFTER_RE: Final = re.compile("$|[、，,\n]")
# A name in hiragana, family and given, opening a line of a list (ほりうち めい　あけぼの台3-22-4).
_KANA_LINE_NAME_RE: Final = re.compile(
    r"(?m)^[ \u3000]*(?P<name>[ぁ-ゖ]{2,6}[ \u3000](?P<given>[ぁ-ゖ]{2,5}))(?=[ \u3000\t,，|｜]+\S)"
)


def spaced_names(t: str) -> list[tuple[int, int, float]]:
    """(start, end, score) of spaced names in `t`, the normalised text, and of one-kanji family names
    before a title or as a speaker."""
    names = common_names()
    out: list[tuple[int, int, float]] = []
    for m in _ONE_KANJI_SLOT_RE.finditer(t):
        # In a slot only a person fills, one kanji set off from the role is the name even when the lists
        # lack it (受付 門, 受付：鶴); glued to the role it must be a family name (記録票, 受付時 are words).
        name = m.group("name")
        head = t[m.start() : m.start("name")]
        role = head.rstrip(" \u3000:：は")
        if role in _SPEAKER_ROLES and ("：" in head or ":" in head) and _ALONE_AFTER_RE.match(t, m.end("name")) is None:
            continue
        set_off = t[m.start("name") - 1] in " \u3000:："
        if len(name) > 1:
            if name in names.family and name not in _NOT_SLOT_NAMES:
                out.append((*m.span("name"), 0.8))
            continue
        if name not in _NOT_SLOT_NAMES and name not in NOT_ONE_KANJI_NAMES and (set_off or name in names.family):
            out.append((*m.span("name"), 0.8))
    more = (
        *_ONE_KANJI_MORE_AT.finditer(t),
        *(_SELF_INTRODUCED_AT.finditer(t) if "です" in t else ()),
        *(_SECTION_SIGNED_AT.finditer(t) if " " in t or "\u3000" in t else ()),
    )
    for m in more:
        g = next(k for k in ("a", "b", "c", "d", "e", "f", "g") if k in m.re.groupindex and m.group(k) is not None)
        if m.group(g) in names.family and m.group(g) not in NOT_ONE_KANJI_NAMES and m.group(g) not in _NOT_SLOT_NAMES:
            out.append((*m.span(g), 0.8))
    for m in _SELF_NAMED_RE.finditer(t) if "姓" in t or _SELF_NAMING_WORD_RE.search(t) else ():
        g = "name" if m.group("name") is not None else "family"
        if m.group(g) not in NOT_ONE_KANJI_NAMES and m.group(g) not in _NOT_SLOT_NAMES:
            out.append((*m.span(g), 0.8))
    for m in _ONE_KANJI_PAIR_AT.finditer(t):
        a, b = m.group("a"), m.group("b")
        if a in names.family and b in names.family and not (a in DIRECTIONS and b in DIRECTIONS):
            out.extend(((*m.span("a"), 0.8), (*m.span("b"), 0.8)))
    days = list(_DAY_LINE_RE.finditer(t)) if any(c in t for c in "：:,\t") else []
    if len(days) >= 3:
        # A roster of people when two or more of its kanji items are family names (not 会議, 研修, 休み);
        # then its katakana and Latin items are names too.
        found = [
            (day.start("items") + m.start("name"), day.start("items") + m.end("name"), m.group("name"))
            for day in days
            for m in _DAY_NAME_RE.finditer(day.group("items"))
        ]
        if sum(1 for *_, name in found if name in names.family) >= 2:
            for s, e, name in found:
                kanji = "一" <= name[0] <= "龥"
                if (name in names.family if kanji else name not in NOT_IN_NAME_SLOTS):
                    out.append((s, e, 0.8))
    for line in _WEEK_ROSTER_RE.finditer(t) if "：" in t or ":" in t else ():
        for m in _WEEK_ITEM_RE.finditer(t, line.start(), line.end()):
            name = m.group("name")
            if name not in _NOT_SLOT_NAMES and name not in NOT_IN_NAME_SLOTS and not name.startswith("休"):
                out.append((*m.span("name"), 0.8))
    for rx in (_ONE_KANJI_TITLED_AT, _ONE_KANJI_SPEAKER_AT):
        for m in rx.finditer(t):
            g = "name2" if "name2" in m.re.groupindex and m.group("name2") is not None else "name"
            name = m.group(g)
            if name in names.family and name not in NOT_ONE_KANJI_NAMES:
                out.append((*m.span(g), 0.8))
    if " " not in t and "\u3000" not in t:
        return out
    for m in _KANA_LINE_NAME_RE.finditer(t):
        if m.group("given") in names.given:
            out.append((*m.span("name"), 0.8))
    for m in _ONE_KANJI_FAMILY_AT.finditer(t):
        # (a given name in katakana too, as older women's are written: 谷 シズ; the lists hold both scripts)
        family, given = m.group("family"), m.group("given")
        if given not in names.given and not _old_kana_given(given):
            # A Chinese name: a common Chinese family name, a space, a given name of one or two characters
            # the Japanese lists lack (王 梓涵, 王 建国), standing alone.
            if (
                family in ZH_FAMILY
                and _HAN_GIVEN_RE.fullmatch(given)
                and family not in DIRECTIONS
                and _ZH_AFTER_RE.match(t, m.end()) is not None
                and _SPACED_OUT_RE.match(t, m.end()) is None
                and given not in NOT_IN_NAME_SLOTS
                and given not in _NOT_ZH_GIVEN
                and not (m.start() > 0 and t[m.start() - 1] in "・／/")
            ):
                out.append((m.start(), m.end(), 0.75))
            continue
        if family in names.family:
            out.append((m.start(), m.end(), 0.8))
        # A rarer one-kanji family name (鯨 一郎, 岩 ハツ): a given name of two or more characters, or one
        # as an item of a list (：岩 弘, 、舟 勇、).
        elif family not in NOT_ONE_KANJI_NAMES and family not in _NOT_SLOT_NAMES and family not in DIRECTIONS and (
            len(given) >= 2 or (_LIST_BEFORE_RE.match(t, m.start() - 1) and _LIST_AFTER_RE.match(t, m.end()))
        ):
            out.append((m.start(), m.end(), 0.75))
    out.extend(_introduced_in_full(t))
    out.extend(_kana_repeated(t))
    for m in _KATAKANA_NAME_AT.finditer(t):
        family, given = m.group("family"), m.group("given")
        words = m.group("name").replace("\u3000", " ").split(" ")
        if family in _VIETNAMESE_FAMILIES and len(words) >= 2:
            # As sure as a name before an honorific, so the whole name wins over a part of it found so.
            out.append((*m.span("name"), 0.95))
        elif len(words) == 2 and family in names.family and given in names.given and given not in _NOT_GIVEN:
            out.append((*m.span("name"), 0.8))
    return out


# Given names of women born before the war, written in katakana (谷 シズ, 原 トメ, 岡 ハツ子): too rare today for
# the name lists, common in the records of the elderly.
_OLD_KANA_GIVEN: Final = frozenset(
    "トメ キヨ ハツ ウシ カマ マツ ツル タケ ウメ キク ハル ナツ フミ ミツ シズ チヨ ヨシ トミ イネ サト ツネ テル ハナ モト ヤス "
    "ユキ ソノ キミ ツヤ ミヨ カメ トラ スミ セツ ヨネ マサ ミネ タマ ウト ナミ シゲ トク リウ".split()
)


def _old_kana_given(given: str) -> bool:
    return given in _OLD_KANA_GIVEN or (given.endswith("子") and given[:-1] in _OLD_KANA_GIVEN)


# A caller saying the family name in kana, then again with the given name (ひらやまです、ひらやま まゆ。/
# しまだ。しまだ よしこ。/ さいとうです。さいとうけんじ。).
_KANA_REPEATED_RE: Final = re.compile(
    r"(?:^|(?<=[「、。\s]))(?P<w>[ぁ-ゖ]{2,8}|[ァ-ヺー]{2,10})(?:です|ですけど|だけど|と申します|といいます)?[。、][ \u3000]*"
    r"(?P<full>(?P=w)[ \u3000]?(?:[ぁ-ゖ]{1,6}|[ァ-ヺー]{1,8}))(?=[。、」！？!?\s]|$)"
)


def _kana_repeated(t: str) -> list[tuple[int, int, float]]:
    family = common_names().family
    out: list[tuple[int, int, float]] = []
    for m in _KANA_REPEATED_RE.finditer(t):
        if m.group("w") in family and m.group("w") not in NOT_IN_NAME_SLOTS:
            out.extend(((*m.span("w"), 0.8), (*m.span("full"), 0.8)))
    return out


def _introduced_in_full(t: str) -> list[tuple[int, int, float]]:
    """A katakana name given in full after the caller named themself by one of its words, and that word."""
    if "ます" not in t and "です" not in t:
        return []
    intros: dict[str, list[tuple[int, int]]] = {}
    for m in _KANA_INTRO_AT.finditer(t):
        intros.setdefault(m.group("w"), []).append(m.span("w"))
    out: list[tuple[int, int, float]] = []
    for m in _KANA_FULL_RE.finditer(t) if intros else ():
        words = m.group().replace("\u3000", " ").split(" ")
        said = [w for w in words if w in intros]
        if said:
            out.append((m.start(), m.end(), 0.8))
            out.extend((s, e, 0.8) for w in said for s, e in intros.pop(w))
    return out
