"""PERSON from the layouts of municipal paperwork: minutes' speaker marks, a role or a relative before a
name, a name and its reading side by side, Chinese and Korean names with their readings.

These are places where the text itself says a person stands, so a word the dictionary reads as a
noun or a place (大門, 早瀬, 名取) is taken when it is also a common family or given name.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from detectors.detector import Artifacts, findings
from detectors.ids.columns import cells
from detectors.keywords import Dictionaries, matches_not_after
from detectors.model import Finding
from detectors.morphology import MEI, NAME, NOUN, SEI, tokens
from detectors.names_common import common_names
from detectors.openings import Opening
from detectors.person.chars import KANJI as _KANJI
from detectors.person.chars import KANJI_RE as _KANJI_RE
from detectors.person.cjk import cjk_intro_names
from detectors.person.filters import named_thing
from detectors.person.minutes import KATAKANA_FULL_NAME, MinutesNames, surname_in_slot
from detectors.person.titled import titled_names
from detectors.person.words import CALLS, KIN_WORDS, NOT_IN_NAME_SLOTS, ORG_ENDINGS, ROLE_ENDINGS

# (ケ inside a kanji name: 桐ケ谷, 八ケ代.)
_NAME_CHARS: Final = rf"[{_KANJI}](?:[{_KANJI}]|ケ(?=[{_KANJI}])){{0,3}}(?:[ \u3000][{_KANJI}]{{1,3}})?|[ぁ-ゖー]{{2,6}}|[ァ-ヺー]{{2,8}}"
_HONORIFIC_AHEAD: Final = "(?:" + "|".join(CALLS) + ")"
# An age, a school year or a relation in brackets right after: 蒼（４歳）, 芽衣（小２）, 王 建国（父）.
_AGE_AHEAD: Final = (
    r"[（(][ \u3000]*(?:[0-9０-９]{1,3}[ \u3000]*(?:歳|才|か月|ヶ月|カ月)|[小中高][0-9０-９]|[0-9０-９]年生|父|母|祖父|祖母"
    # or a birth date: 子 アーユス（2021.02.09生）
    r"|[0-9０-９]{4}[./／．年\-－][0-9０-９]{1,2}[./／．月\-－][0-9０-９]{1,2}日?生"
    # or an age before a comma, as family lists give it: 弟 湊斗（4、ひかり保育園）
    r"|[0-9０-９]{1,2}[ \u3000]*[、,])"
)
# A foreign name in katakana, its parts joined by ・ or ＝ or one space (ブディ・サントソ, シュレスタ ビカス).
_KATAKANA_SPACED_RE: Final = re.compile("[ァ-ヺー]+[ \u3000][ァ-ヺー]+")
# A family name of one or two kanji, a space, a given name: 子の陳 子涵 (a relative's name after の).
_CJK_SPACED_RE: Final = re.compile("[一-龥]{1,2}[ \u3000][一-龥]{1,3}")
_HARD_END_RE: Final = re.compile(r"[ \u3000\n、，,）)（(」』・\t]|$|あて|宛|まで")
_END_AHEAD: Final = r"(?=[、。，,）)」』（(\n\t|｜・：:]|[ \u3000]|$|と|が|は|も|に|へ|の|です|で|まで|から|より|ケースワーカー|C?SW|CW|消防司令)"

# 2. A role, then a space or の, then the name (訪問看護 大門、 担任 能勢） 係長の寺内と 下水道課長　香取).
_ROLE: Final = (
    r"(?:(?:課長|係長|部長|室長|所長|局長|次長|参事|補佐|主査|主任|主事|主幹|技師|係|"
    r"担当|担任|看護師|保健師|相談員|支援員|指導員|ケアマネ|教諭|委員|議員|校長|園長|訪問看護|"
    r"課|受付|立会|差出人|記入者|作成者|報告者|起案者|世帯主|申請者|届出人|請求者|筆頭者|相談者|来庁者|配偶者|"
    r"センター|事務所|面談者|対応者|訪問者|記録者|"
    r"CW|SW|MSW|PSW|PT|OT|ST|"
    # roles of staff in records and minutes (教頭 久保寺, 受：新発田, 記録：轟, 危機管理監 伊集院, 面接員：藤ヶ谷)
    r"教頭|受|記録|監|相談所|児相|臨床心理士|助産師|福祉司|心理司|指導主事|面接員|調整役|説明者|答弁者|受理者|管理者|事務従事|事務局|書記|営業|"
    # who took or answered it, and the other side at a meeting (受けた人：楠, 対応：石動, 包括の甲斐, 市側：神宮寺)
    r"受けた人|受付者|対応|包括|市側|町側|村側|区側|【受付】|【担当】|【記録】|【対応】|"
    # an interpreter, an investigator, the council of social welfare (通訳 李, 調査員 東, 社協 林)
    r"通訳|調査員|聴取者|社協|社会福祉協議会|確認者|点検者|交付者|立会者|発見者|"
    # the ranks of a fire brigade and its volunteer corps (副団長 大橋 実, 救急隊長 森田)
    r"団長|副団長|分団長|副分団長|班長|隊長|副隊長|救急隊長|署長|副署長|消防司令補|消防司令|消防士長|消防士|救急救命士|機関員))"
)
# 担当 or 担任 glued to the name at the end of a line or a note (…次回面談12/3。担当薬師寺).
_GLUED_ROLE_NAME_RE: Final = re.compile(
    rf"(?:担当|担任)(?P<name>[{_KANJI}]{{2,4}})(?=[ \u3000]*(?:\n|$|[)）、。]))"
    # the secretariat's clerk in minutes, glued or after its section (事務局松下：, 事務局（警防課）松下)
    rf"|事務局(?:[（(][^）)\n]{{1,12}}[）)])?(?P<name3>[{_KANJI}]{{2,3}})(?=[ \u3000]*(?:\n|$|[：:)）、。]))"
    # a casework role glued to the name before a particle (担当ケースワーカー四十物が家庭訪問)
    rf"|(?:ケースワーカー|ケアマネジャー|ケアマネ|相談員|支援員)(?P<name2>[{_KANJI}]{{2,4}})(?=が|は|と|に|から|より|[、。（(])"
)
# Who came from where in a meeting's attendance list (出席：架空市 永田、久留米市 古川、唐津市 松浦): a municipality,
# a space and a family name the lists know, two or more such items on the line.
_FROM_CITY_RE: Final = re.compile(
    rf"(?:^|(?<=[：:、,\s]))[{_KANJI}ぁ-ゖァ-ヺー]{{1,6}}[市町村区][ \u3000]+(?P<name>[{_KANJI}]{{1,3}})(?=[ \u3000]*(?:[、,（(\n]|$))",
    re.MULTILINE,
)
# A name someone gives themself, in quotes (自称「タナカ」).
_SELF_STYLED_RE: Final = re.compile(rf"自称[「『](?P<name>[ァ-ヺー]{{2,8}}|[{_KANJI}]{{1,4}}|[ぁ-ゖ]{{2,8}})[」』]")
# A son or daughter glued to a common given name before a bracket or an honorific: 長男颯真（市立東小学校３年）.
_KIN_GLUED_RE: Final = re.compile(rf"(?:長男|長女|次男|次女|三男|三女|息子|娘)(?P<name>[{_KANJI}]{{1,3}})(?=[（(]|さん|くん|ちゃん|君)")
_JOINED_NAME_RE: Final = re.compile(rf"・(?P<name>[{_KANJI}](?:[{_KANJI}]|ケ(?=[{_KANJI}])){{0,3}}){_END_AHEAD}")
# A title and the name in brackets after it (課長（日野）には報告済み).
_BRACKET_TITLE: Final = "(?:課長|係長|部長|室長|所長|局長|次長|主査|主任|主事|主幹|補佐|教頭|校長|園長|担当|担任|事務局|受付|市側|課|係|室)"
_ROLE_NAME_RE: Final = re.compile(
    rf"(?:{_ROLE}(?:[ \u3000]+|の|[:：][ \u3000]*|(?<=】))|(?<=包括)・|{_BRACKET_TITLE}[（(])(?P<name>{KATAKANA_FULL_NAME}|{_NAME_CHARS}){_END_AHEAD}"
)
# Tried only where a match can open (the groups it opens with would make sre try every character).
_ROLE_NAME_AT: Final = Opening(_ROLE_NAME_RE)
# 3. A relative, then a space or の, then the name (長女 ひなた（2歳）, 長男 砂川 剛, 兄の湊斗くん).
# Relatives before a name in a family list (長男 颯真, 妻の美香); not 内縁 (内縁の夫 城之内: the relation is 夫).
_KIN_BEFORE: Final = (KIN_WORDS - {"前夫", "前妻", "内縁", "義父", "義母"}) | {"子ども", "子供"}
_KIN: Final = "(?:" + "|".join(sorted(_KIN_BEFORE, key=lambda w: (-len(w), w))) + ")"
_KIN_NAME_RE: Final = re.compile(
    rf"{_KIN}(?P<sep>[ \u3000]+|の)(?P<name>{KATAKANA_FULL_NAME}|{_NAME_CHARS})(?P<ahead>{_HONORIFIC_AHEAD}|{_AGE_AHEAD})?"
)
# 4. A kanji name and its reading side by side, as cells or columns (五十嵐 凜,イガラシ リン).
_NAME_AND_READING_RE: Final = re.compile(
    rf"(?P<name>[{_KANJI}]{{1,4}}[ \u3000][{_KANJI}]{{1,4}})(?:[,，｜|\t]|[ \u3000]{{1,3}})"
    r"(?P<reading>[ァ-ヺー]{2,8}[ \u3000][ァ-ヺー]{1,8}|[ｦ-ﾟ]{2,8} [ｦ-ﾟ]{1,8})(?=[,，｜|\t\n]|[ \u3000]|$)"
)
# 5. A Chinese or Korean name with its katakana reading in brackets (王 梓涵（ワン ズーハン）, 박지우（パク・チウ）),
# and a child's name with its reading and an honorific (詩（うた）ちゃん). Found from the bracket: the
# name is then looked for in the few characters before it.
_TWO_PART_READING_RE: Final = re.compile(r"[（(][ \u3000]*[ァ-ヺー]{1,8}[ \u3000・][ァ-ヺー]{1,8}[ \u3000]*[）)]")
_CJK_NAME_BEFORE_RE: Final = re.compile(rf"(?:[{_KANJI}]{{1,2}}[ \u3000][{_KANJI}]{{1,3}}|[가-힣]{{2,5}})[ \u3000]?$")
_KANA_READING_HONORIFIC_RE: Final = re.compile(rf"[（(](?P<reading>[ぁ-ゖー]{{1,8}})[）)](?={_HONORIFIC_AHEAD})")
_KANJI_NAME_BEFORE_RE: Final = re.compile(rf"[{_KANJI}]{{1,4}}$")
# 6. A common family or given name before an honorific, where the dictionary reads a noun or splits it
# (早瀬先生, 心春さん, 西さん, 湊くん, 森永医師). Found from the honorific, the name looked for before it.
# (くん not of くんち, a festival: 汐見くんち)
_HIRAGANA_NAME_RE: Final = re.compile("[ぁ-ゖー]+(?:[ 　][ぁ-ゖー]+)?")
_HONORIFIC_WORD_RE: Final = re.compile("|".join((*CALLS, "先生", "医師", "教諭", "看護師", "保健師", "弁護士")).replace("くん", "くん(?!ち)"))
_KANJI_RUN_BEFORE_RE: Final = re.compile(rf"[{_KANJI}]{{1,6}}$")
_HIRAGANA_RUN_BEFORE_RE: Final = re.compile(r"[ぁ-ゖ]{2,8}$")
# Pronouns and forms of address the given-name readings also list (わたし, きみ, みな).
# Words that take くん・ちゃん and name no one (息子くん, 新人ちゃん).
_NOT_CHILD_NAMES: Final = frozenset("息子 新人 後輩 先輩 同期 彼氏 彼女 長男 長女 次男 次女 末っ子 王子 姫 赤子 坊主 弟子".split())
_NOT_KANA_NAMES: Final = frozenset("わたし あたし きみ みな ぼく おれ あなた かれ かのじょ おかあ おとう".split())
_BRACKET_RE: Final = re.compile("[（(]")
_KATAKANA_RE: Final = re.compile("[ァ-ヺー]")
_SPACE_RE: Final = re.compile("[ \u3000]")
# A name tag (名札は「ハシモト」), a family name in kana before a kanji given name (ほりうち 忠).
_NAME_TAG_RE: Final = re.compile(r"名札(?:は|に|：|:)?[「『](?P<name>[ァ-ヺー]{2,8}|[ぁ-ゖー]{2,6}|[一-龥々]{1,4})[」』]")
_KANA_FAMILY_RE: Final = re.compile(rf"(?P<family>[ぁ-ゖ]{{2,6}})[ \u3000](?P<given>[{_KANJI}]{{1,3}})(?=[ \u3000\t,，、｜|\n]|$)")
_HANGUL_HONORIFIC_RE: Final = re.compile(rf"(?P<name>[가-힣]{{2,5}})(?=[ \u3000]?(?:{_HONORIFIC_AHEAD}|씨|님))")
# Words before さん/様 that are names too but, there, a person's role or relation (奥さん, お客様).
_NOT_HONORED: Final = frozenset("奥 客 皆 母 父 兄 姉 弟 妹 子 娘 孫 嫁 婿 主人 先方 相手 本人 家族 神 仏 王 殿 皆様 大家 家主".split())
# Korean words for a role or a relation before 님 (부모님 parents, 선생님 teacher, 고객님 customer): not names.
_HANGUL_ROLES: Final = frozenset("부모 선생 어머 아버 어머니 아버지 고객 사장 회장 부장 과장 의사 교수 목사 할머니 할아버지 여러분 손님 환자 담당자".split())
# A name glued to a care or casework role written in Latin letters (真柴CW, 重松SW, ハンPT).
# Found from the role (sre skips ahead to its capitals), the name looked for before it.
_LATIN_ROLE_RE: Final = re.compile(r"(?:CW|SW|MSW|PSW|PT|OT|ST)(?![A-Za-z])")


# What may not come right before each pattern's match (checked by `matches_not_after`, not by a look-behind,
# which would make sre try the pattern at every position).
_KANJI_HANGUL_RE: Final = re.compile(f"[{_KANJI}가-힣]")
_HIRAGANA_RE: Final = re.compile("[ぁ-ゖー]")
_HANGUL_RE: Final = re.compile("[가-힣]")


# A table cell under a name column (氏名, カナ, 名義, 担当 …) that holds a name: letters, kana or kanji,
# with spaces or ・ between parts; not a section (福祉課), not a number, not 「なし」.
_NAME_CELL_RE: Final = re.compile(r"[^\W\d_]+(?:[ \u3000・.'\-][^\W\d_]+){0,4}")
_CELL_LIST_RE: Final = re.compile("[^、，／/]+")
# A 担当 column may hold the area a person covers (四丁目・五丁目, 団地全域), not a name.
_AREA_CELL_RE: Final = re.compile("丁目|番地|地区|全域|団地|町内|区域|方面")


def _name_cells(t: str, artifacts: Artifacts) -> list[tuple[int, int, float]]:
    out: list[tuple[int, int, float]] = []
    for cs, ce in cells(artifacts, "PERSON", strip=" \t\u3000\"'"):
        # A cell may list several people: 保坂、ウォン.
        for part in _CELL_LIST_RE.finditer(t, cs, ce):
            s, e = part.span()
            name = t[s:e]
            if not 1 <= len(name) <= 40 or _NAME_CELL_RE.fullmatch(name) is None:
                continue
            if name in NOT_IN_NAME_SLOTS or name.endswith(ORG_ENDINGS) or _AREA_CELL_RE.search(name):
                continue
            out.append((s, e, 0.8))
    return out


def _known_names_before_honorifics(t: str) -> list[tuple[int, int, float]]:
    names = common_names()
    out: list[tuple[int, int, float]] = []
    for h in _HONORIFIC_WORD_RE.finditer(t):
        p = h.start()
        if h.end() < len(t) and _KANJI_RE.match(t, h.end()):
            continue  # 殿下, 様式, 氏族, 君主: the word goes on
        # One kanji is a name only before さん・くん・ちゃん (西さん, 湊くん; not 源氏, 主君, 本殿, 有様).
        single_ok = h.group() in ("さん", "くん", "ちゃん")
        if single_ok and (kana := _kana_given_name_before(t, p, names.given)) is not None:
            out.append(kana)
            continue
        run = _KANJI_RUN_BEFORE_RE.search(t, max(0, p - 6), p)
        if run is None or (run.start() > 0 and _KANJI_RE.match(t, run.start() - 1) and p - run.start() == 6):
            continue
        word = run.group()
        # A role word (保育士さん, 看護師さん) is no name, whatever name its last kanji spell (育士).
        if len(word) >= 3 and word[-1] in ROLE_ENDINGS and word not in names.family:
            continue
        # The longest ending of the run that is a common name (市民課山田 → 山田); one kanji only alone.
        for k in range(min(len(word), 4), 0, -1):
            name = word[-k:]
            if (k >= 2 or (len(word) == 1 and single_ok)) and (name in names.family or name in names.given) and name not in _NOT_HONORED and name not in _NOT_CHILD_NAMES:
                out.append((p - k, p, 0.8))
                break
        else:
            # 陽翔くん, 結愛ちゃん: a child's given name the lists lack, standing alone before くん・ちゃん.
            if h.group() in ("くん", "ちゃん") and 2 <= len(word) <= 3 and word not in _NOT_CHILD_NAMES:
                out.append((p - len(word), p, 0.75))
    return out


def _kana_given_name_before(t: str, p: int, given: frozenset[str]) -> tuple[int, int, float] | None:
    """A given name in hiragana before さん・くん・ちゃん: ひなたちゃん, 孫のひなたさん (not みなさん, おばあちゃん)."""
    run = _HIRAGANA_RUN_BEFORE_RE.search(t, max(0, p - 8), p)
    if run is None:
        return None
    word = run.group()
    whole = run.start() == 0 or _HIRAGANA_RE.match(t, run.start() - 1) is None
    for k in range(min(len(word), 6), 1, -1):
        name = word[-k:]
        # Two kana only as the whole run (ゆきちゃん, not …のゆきさん); お・ご start polite words (ごくろうさん).
        if (k == 2 and not (whole and k == len(word))) or (word[0] in "おご" and k < len(word)):
            continue
        if name in given and name not in _NOT_KANA_NAMES:
            return (p - k, p, 0.8)
    return None


def _foreign_katakana(name: str, start: int, artifacts: Artifacts) -> bool:
    """Two katakana words the dictionary does not know as common nouns (シュレスタ ビカス, not システム エンジニア)."""
    toks = tokens(artifacts)
    i = bisect.bisect_left(toks.begins, start)
    end = start + len(name)
    while i < len(toks) and toks.begins[i] < end:
        if toks.kinds[i] == NOUN and not toks.oov[i]:
            return False
        i += 1
    return True


def _run_start(t: str, end: int, chars: re.Pattern[str], longest: int) -> int:
    """Where the run of `chars` ending at `end` starts, or -1 if it is longer than `longest`."""
    k = end
    while k > 0 and chars.match(t, k - 1) is not None:
        k -= 1
        if end - k > longest:
            return -1
    return k


class FormsPersonDetector:
    """Names placed by the layout of the text: speaker marks, roles, relatives, readings."""

    id = "forms.person"
    entities = ("PERSON",)

    def __init__(self, dictionaries: Dictionaries) -> None:
        titles = {*dictionaries.person_titles, *dictionaries.honorifics}
        self._minutes = MinutesNames(titles)
        common_names()  # read the name lists now (~0.2 s once per process), not on the first request

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        t = artifacts.normalized.text
        spans: list[tuple[int, int, float]] = []
        spans.extend(self._minutes.find(t, artifacts))
        spans.extend(titled_names(t, artifacts))
        given = common_names().given
        spans.extend((*m.span("name"), 0.8) for m in _KIN_GLUED_RE.finditer(t) if m.group("name") in given)
        for m in _GLUED_ROLE_NAME_RE.finditer(t) if ("担" in t or "ケ" in t or "員" in t or "事務局" in t) else ():
            g = next(g for g in ("name", "name2", "name3") if m.group(g) is not None)
            if self._is_family_name(m.group(g), t, m.start(g), artifacts, g == "name2"):
                spans.append((*m.span(g), 0.8))
        at = 0
        while (rm := _ROLE_NAME_AT.search(t, at)) is not None:
            # A section read as the name (訪問者：納税課 四十物) is itself a role: look again from it.
            at = rm.end() if rm.end("name") > rm.start("name") else rm.end() + 1
            # A rare family name the dictionary lists as a word stands alone in its slot (担当 帯刀、):
            # before a particle it is the sentence's subject (主査　回覧板に加えて).
            # After の it is the role's thing (相談者の意向).
            plain_ok = t[rm.start("name") - 1] != "の" and _HARD_END_RE.match(t, rm.end("name")) is not None
            # After 対応 a plain word is what was done (対応：訳文（…）を添付), not who did it, and
            # a name stands alone in the slot (対応：石動（相談員）), not before の (対応：特商法の…).
            if t.startswith("対応", rm.start()):
                if _HARD_END_RE.match(t, rm.end("name")) is None:
                    at = rm.start("name")
                    continue
                plain_ok = False
            # A name in hiragana after の is one only with an honorific (相談者のさとうさん; not 相談者のなかに).
            hiragana_after_no = t[rm.start("name") - 1] == "の" and _HIRAGANA_NAME_RE.fullmatch(rm.group("name"))
            if (hiragana_after_no and _HONORIFIC_WORD_RE.search(t, rm.end("name"), rm.end("name") + 4) is None) or not self._is_family_name(
                rm.group("name"), t, rm.start("name"), artifacts, plain_ok
            ):
                at = rm.start("name")
                continue
            name_end = self._family_only(rm.group("name"), rm.start("name"), artifacts)
            spans.append((rm.start("name"), name_end, 0.8))
            # 担当 沓掛・能登谷: more names joined by ・.
            end = rm.end("name")
            while (more := _JOINED_NAME_RE.match(t, end)) is not None and self._is_family_name(
                more.group("name"), t, more.start("name"), artifacts
            ):
                spans.append((*more.span("name"), 0.8))
                end = more.end("name")
        for m in matches_not_after(_KIN_NAME_RE, t, _KANJI_RE):
            name = m.group("name")
            if name in NOT_IN_NAME_SLOTS or name.replace("\u3000", " ").split(" ")[0] in NOT_IN_NAME_SLOTS:
                continue
            # After の only with an honorific or an age, or a given name of two characters or more
            # (兄の湊斗くん, 息子の勇気の特性; not 子どもの前で).
            after_no = m.group("sep") == "の"
            if m.group("ahead") is not None or (after_no and _CJK_SPACED_RE.fullmatch(name)) or (
                (not after_no and self._is_any_name(name, t, m.start("name"), artifacts))
                or (not after_no and _KATAKANA_SPACED_RE.fullmatch(name) and _foreign_katakana(name, m.start("name"), artifacts))
                or (after_no and len(name) >= 2 and name in common_names().given)
            ):
                spans.append((*m.span("name"), 0.8))
        spans.extend(_name_cells(t, artifacts))
        spans.extend(_known_names_before_honorifics(t))
        spans.extend(cjk_intro_names(t))
        for role in _LATIN_ROLE_RE.finditer(t):
            p = role.start()
            if p == 0 or (p > 1 and t[p - 2 : p].isascii() and t[p - 1].isalpha()):
                continue
            kanji, kata = _run_start(t, p, _KANJI_RE, 4), _run_start(t, p, _KATAKANA_RE, 6)
            word = t[kanji:p] if 0 <= kanji <= p - 1 else ""
            # A family name (2-3 kanji, or a common one), not a section (担当CW, 福祉課SW).
            if word and (word in common_names().family or (2 <= len(word) <= 3 and not word.endswith(ORG_ENDINGS))):
                if word not in NOT_IN_NAME_SLOTS:
                    spans.append((kanji, p, 0.8))
            elif 0 <= kata <= p - 2:
                spans.append((kata, p, 0.8))
        spans.extend(self._around_spaces(t))
        spans.extend(self._around_brackets(t))
        if _HANGUL_RE.search(t) is not None:
            spans.extend(
                (*m.span("name"), 0.8)
                for m in matches_not_after(_HANGUL_HONORIFIC_RE, t, _HANGUL_RE)
                if m.group("name") not in _HANGUL_ROLES
            )
        spans.extend((*m.span("name"), 0.8) for m in _NAME_TAG_RE.finditer(t))
        spans.extend(_from_cities(t))
        if "自称" in t:
            spans.extend((*m.span("name"), 0.8) for m in _SELF_STYLED_RE.finditer(t))
        return findings(artifacts, "PERSON", [x for x in spans if not named_thing(t, x[0])], self.id)

    @staticmethod
    def _around_spaces(t: str) -> list[tuple[int, int, float]]:
        """A kanji name beside its reading (五十嵐 凜,イガラシ リン) and ほりうち 忠: both hold a space."""
        out: list[tuple[int, int, float]] = []
        family = common_names().family
        after = -1
        for sp in _SPACE_RE.finditer(t):
            p = sp.start()
            if p < after or p == 0 or p + 1 >= len(t):
                continue
            if _KANJI_RE.match(t, p - 1) and _KANJI_RE.match(t, p + 1):
                start = _run_start(t, p, _KANJI_RE, 4)
                m = _NAME_AND_READING_RE.match(t, start) if start >= 0 else None
                if m is not None:
                    out.extend(((*m.span("name"), 0.8), (*m.span("reading"), 0.8)))
                    after = m.end()
            elif _HIRAGANA_RE.match(t, p - 1) and _KANJI_RE.match(t, p + 1):
                start = _run_start(t, p, _HIRAGANA_RE, 6)
                m = _KANA_FAMILY_RE.match(t, start) if start >= 0 else None
                if m is not None and m.group("family") in family:
                    out.append((m.start(), m.end(), 0.8))
        return out

    @staticmethod
    def _around_brackets(t: str) -> list[tuple[int, int, float]]:
        """A CJK name before its katakana reading, a kanji name before its kana reading and an honorific."""
        out: list[tuple[int, int, float]] = []
        for br in _BRACKET_RE.finditer(t):
            p = br.start()
            if _TWO_PART_READING_RE.match(t, p) is not None:
                name = _CJK_NAME_BEFORE_RE.search(t, max(0, p - 9), p)
                if name is not None and not (name.start() > 0 and _KANJI_HANGUL_RE.match(t, name.start() - 1)):
                    out.append((name.start(), name.end() - (1 if t[name.end() - 1] in " \u3000" else 0), 0.8))
                continue
            reading = _KANA_READING_HONORIFIC_RE.match(t, p)
            if reading is not None:
                name = _KANJI_NAME_BEFORE_RE.search(t, max(0, p - 4), p)
                if name is not None and not (name.start() > 0 and _KANJI_RE.match(t, name.start() - 1)):
                    out.extend(((*name.span(), 0.8), (*reading.span("reading"), 0.8)))
        return out

    @staticmethod
    def _is_family_name(name: str, t: str, start: int, artifacts: Artifacts, plain_ok: bool = False) -> bool:
        if name in NOT_IN_NAME_SLOTS:
            return False
        if "・" in name or "＝" in name:
            return True  # a foreign name in katakana after a role (ケアマネ ブディ・サントソ)
        if _KATAKANA_SPACED_RE.fullmatch(name):
            return _foreign_katakana(name, start, artifacts)  # 世帯主 シュレスタ ビカス
        parts = name.replace("\u3000", " ").split(" ")
        names = common_names()
        if parts[0] in names.family or (len(parts) > 1 and parts[-1] in names.given):
            return True
        toks = tokens(artifacts)
        i = bisect.bisect_left(toks.begins, start)
        if i >= len(toks) or toks.begins[i] != start or toks.oov[i]:
            return False
        return toks.ends[i] - start == len(parts[0]) and surname_in_slot(
            parts[0], toks.kinds[i], names.family, plain_ok and toks.plain[i] == 1
        )

    @staticmethod
    def _family_only(name: str, start: int, artifacts: Artifacts) -> int:
        """The end of the name at `start`: without a second part that is a dictionary word, not a given
        name (交付担当 帯刀　確認 日下部: 確認 is the next item)."""
        parts = name.replace("\u3000", " ").split(" ")
        end = start + len(name)
        if len(parts) != 2 or parts[1] in common_names().given:
            return end
        toks = tokens(artifacts)
        i = bisect.bisect_left(toks.begins, end - len(parts[1]))
        if i < len(toks) and toks.ends[i] == end and toks.kinds[i] == NOUN and not toks.oov[i] and not toks.plain[i]:
            return start + len(parts[0])
        return end

    @staticmethod
    def _is_any_name(name: str, t: str, start: int, artifacts: Artifacts) -> bool:
        names = common_names()
        parts = name.replace("\u3000", " ").split(" ")
        if parts[0] in names.family or parts[-1] in names.given:
            return True
        toks = tokens(artifacts)
        i = bisect.bisect_left(toks.begins, start)
        return i < len(toks) and toks.begins[i] == start and toks.kinds[i] in (SEI, MEI, NAME) and not toks.oov[i]


def _from_cities(t: str) -> list[tuple[int, int, float]]:
    """Family names after their municipality in a list of two or more (架空市 永田、久留米市 古川)."""
    if "市 " not in t and "町 " not in t:
        return []
    by_line: dict[int, list[re.Match[str]]] = {}
    line, seen = -1, 0  # (the line's start moved on as the matches go: one pass, not a scan back per match)
    for m in _FROM_CITY_RE.finditer(t):
        line, seen = max(line, t.rfind("\n", seen, m.start())), m.start()
        by_line.setdefault(line, []).append(m)
    family = common_names().family
    # (surer than the reading of 架空市 永田 as one place: 0.85)
    return [
        (*m.span("name"), 0.85)
        for items in by_line.values()
        if len(items) >= 2
        for m in items
        if m.group("name") in family and m.group("name") not in NOT_IN_NAME_SLOTS and m.group("name")[-1] not in "町村区"
    ]
