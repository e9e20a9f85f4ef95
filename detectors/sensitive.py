"""Whether a 要配慮 word is a fact about someone: not negated or asked about, and not in a text whose only
people act in office (委員会の議事録, 議員の質問, 講師へのお礼状), and English 要配慮 phrases.

The word lists (`detectors/data/sensitive.yaml`) say what a 要配慮 word is; this module decides when one
found in the text does not make it 要配慮個人情報 about anyone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from detectors.model import Finding

# Identifiers that may be a resident's: with one of them a 要配慮 word is never only about officials
# (a staff signature's phone costs a notice the benefit of the doubt; a resident's must not be missed).
SUBJECT_TYPES: Final = frozenset(
    {"DATE_OF_BIRTH", "ADDRESS", "MY_NUMBER", "HEALTH_INSURANCE", "RESIDENT_CODE", "BASIC_PENSION_NUMBER",
     "RESIDENCE_CARD", "PASSPORT", "DRIVERS_LICENSE", "PHONE_NUMBER", "EMAIL_ADDRESS"}
)  # fmt: skip

# Right after the word, in the same clause: it is denied or only asked about (就学援助の受給なし,
# 支援措置の申出が出ているかは未確認, 住居確保給付金について知りたい).
_NEG: Final = (
    r"(?:は|も|が)?(?:なし|無し|ナシ)|(?:は|も|が)(?:ない|なく|ありません)|ではな[いく]"
    r"|(?:を|は|も)?(?:受けて|使って|使用して|利用して|受給して|取得して|申請して|持って|通って|して)(?:い|お)(?:ない|らず|りません)|(?:に|には)?(?:該当しない|非該当)"
)
_UNSURE: Final = r"か(?:は|も)?(?:未確認|不明|わからない|分からない)|かどうか"
# The denial follows the word, a suffix of it (負傷|者なし), or a の-, を- or が-phrase about it (就学援助|の受給|なし,
# 支援措置|の申出が出ているか|は未確認, 就学援助|を受けている|かどうか).
_CLAUSE: Final = r"[者歴等]?(?:[のをが][^。、，,.\n？?！!：:（）()「」『』【】]{1,10}?)?"
_NEGATED_RE: Final = re.compile(
    rf"{_CLAUSE}(?:{_NEG})|の有無|について(?:知りたい|聞きたい|教えて|の(?:問い合わせ|質問))|を(?:知りたい|希望しない)"
)
_UNSURE_RE: Final = re.compile(rf"{_CLAUSE}(?:{_UNSURE})")
# Suspected victimisation (虐待かどうか確認する) is stated about the person all the same.
_SUSPICION_COUNTS: Final = frozenset({"犯罪被害"})
# 要配慮 categories that are results, sensitive whatever they say: 「異常なし」「有意語なし」 are results too.
RESULTS: Final = frozenset({"健康診断等の結果"})
# Before the word: 非該当, 既往歴なし is after; 〜の疑いはない is after too.
_NEGATED_BEFORE_RE: Final = re.compile(r"(?:非|未|無)$")

# A person acting in office: named with the title after (宮下学校教育課長, 御手洗議員, 佐々木教育長) or
# before (准教授 宝田, 長寿支援課長 綿貫, 福祉課の丹生谷, 担当：鳩山), or speaking in minutes or a
# transcript (○佐々木教育長, [00:00:41] 湊 恵理子:, 眞鍋 拓海   0:03).
_UNIT: Final = r"(?:課|係|局|(?<![教和洋])室|センター|事業所|協議会|委員会|支所|事務所|(?:お)?問(?:い)?合(?:わ)?せ(?:先|窓口)?)"  # a 室 (地域医療連携室 宇佐美); who answers a notice's enquiries
# A speaker: ○ or a [time] opens the line, or the name opens it and a time follows (Teams, Zoom).
_SPEAKER_MARK_RE: Final = re.compile(r"[ \t　]*(?:[○◯〇●](?![○◯〇])[^\n]{0,20}|\[\d{1,2}:\d{2}(?::\d{2})?\][ \t　]*)")
_MINUTES_SPEAKER_RE: Final = re.compile(r"[ \t　]*[○◯〇●][^\n（(○◯〇●]{1,16}[（(][ \t　]*")
_MINUTES_CLOSE_RE: Final = re.compile(r"[ \t　]*(?:君|議員|委員)?[）)]")
_HEAD_IN_BRACKET_RE: Final = re.compile(
    r"[ \t　]*(?:様|さま|殿)[ \t　]*[（(][^）)\n]{0,30}(?:理事長|会長|施設長|院長|代表者?|所長|園長|校長|社長|代表取締役|館長)[）)]"
)
# A speaker named with an honorific (○大島 清様（本人）) is a resident at a case conference.
_HONORIFIC_RE: Final = re.compile(r"[ \t　]*(?:様|さま|さん|くん|君|ちゃん|殿)")
# A record about someone who also holds an office: 対象職員：税務課 主事 久我, 本人とは課長が連絡.
# (対象： naming an event's audience is no one's record: 対象：市内在住・在勤の方, 対象：16歳〜69歳の健康な方)
_SUBJECT_MARK_RE: Final = re.compile(
    r"本人(?!確認)|対象職員|対象者|対象[：:](?![ \t　]*(?:市内|町内|村内|区内|県内|在住|在勤|在学|どなた|一般|市民|住民|"
    r"小学|中学|高校|満?[0-9０-９]{1,3}歳|[0-9０-９]{1,3}〜|妊婦|乳幼児|未就学|全戸|全世帯|各課|職員))|当該職員"
    r"|(?:^|\n)[ \t　]*(?:職員|被処分(?:予定)?者|申出者|請求者|相談者|休職者|(?:措置)?要求者|被災職員|申立人|審査請求人)[：:]"
)
# A name with one of these after it is a resident's or a child's, whatever comes before (サッカー部の山田くん).
_RESIDENT_HONORIFIC_RE: Final = re.compile(r"[ \t　]*(?:くん|君|ちゃん|様|さま|殿)")
_LINE_OPEN_RE: Final = re.compile(r"[ \t　]*")
_HEAD_BEFORE_RE: Final = re.compile(
    r"(?:施設長|看護師長|事務長|理事長|管理者|院長|園長|校長|所長|館長|センター長|会長|代表者?|支配人)[ \t　]*\Z"
)
_OFFICE_AFTER_RE: Final = re.compile(
    r"[ \t　]*(?:先生|[（(][ \t　]*内線|、[ \t　]*内線)|,[ ](?:Director|Chief|Manager|Head|Section Chief|Officer|Coordinator|Professor)\b"
    # a post in brackets that residents seldom hold as their own job (Rowena Dela Cruz（タガログ語通訳）, 三上 葵（公募委員）)
    r"|[ \t　]*[（(][^（）()\n]{0,12}?(?:通訳|通訳者|委員|相談員|支援員|指導員|講師|議員|担当|担当者)[）)]"
)
# A line of those present (出席：部会長 三好、河本（ハローワーク）、事務局 関・平): all of them are there in office.
_ATTENDANCE_RE: Final = re.compile(r"[ \t　]*(?:(?:出席|欠席)(?:者|委員|職員)?|参加者|構成員|陪席|委員長?)[ \t　]*[:：]")
_SAN_RE: Final = re.compile(r"[ \t　]*(?:さん|様|さま)")
_ATTENDANCE_IN_LINE_RE: Final = re.compile(r"[ \t　](?:(?:出席|欠席)(?:者|委員|職員)?|参加者|陪席)[ \t　]*[:：]")
_NAME_LINE_END_RE: Final = re.compile(r"[ \t　]*(?:さん)?[ \t　]*(?:\n|$)")
_TIME_AFTER_RE: Final = re.compile(r"[ \t　]*(?:[(（][^)）\n]{1,20}[)）][ \t　]*)?\d{1,2}:\d{2}(?::\d{2})?[ \t　]*(?:\n|$)")


class Officials:
    """Tells people named in office from the people a record is about."""

    def __init__(self, titles: Iterable[str]) -> None:
        words = sorted(set(titles), key=len, reverse=True)
        title_alt = "|".join(re.escape(t) for t in words) if words else r"(?!)"
        # (glued to a section too, as minutes write the answerer: 中西学校教育課長; not a personnel list's
        # 森大輔 市民課主査, whose subject is the staff member)
        self._title_after = re.compile(
            rf"[ \t　]*(?:{title_alt})"
            rf"|(?:[一-龥ァ-ヺー]{{1,10}}?(?:課|部|局|室|係|センター)|[一-龥ァ-ヺー]{{1,10}}?(?=(?:課|部|局|室|係|センター)長))"
            rf"(?:{title_alt})"
        )
        # 准教授 宝田, 長寿支援課長 綿貫, 福祉課の丹生谷, 担当：鳩山, 面談者：指導主事 伊集院
        # (and in brackets after the title, as minutes write the answerer: ◎市長（岸 雄一郎）)
        self._role_before = re.compile(rf"(?:{title_alt}|{_UNIT})(?:[ \t　:：（(]|の)?[ \t　]*$")
        self._titles = frozenset(words)

    def in_office(self, text: str, f: Finding, tables: bool = True, listed: bool = True) -> bool:
        """Whether this name is written as someone acting in office (`tables`: whether `text` may hold a table;
        `listed`: whether it may hold a list of those present inside a line)."""
        line_start = text.rfind("\n", 0, f.start) + 1
        # a speaker in council minutes, named in brackets after the seat or the post (○議長（山本 一郎君）,
        # ○７番（石黒 久美子君）, ○福祉部長（日比野 聡君）)
        if _MINUTES_SPEAKER_RE.fullmatch(text, line_start, f.start) and _MINUTES_CLOSE_RE.match(text, f.end):
            return True
        if _RESIDENT_HONORIFIC_RE.match(text, f.end):
            # a notice's addressee, the head of a facility or a body (施設長 福田 直樹 様, 理事長 東 孝之 様,
            # 奥村 晴美様（特定非営利活動法人ひまわり会 理事長）)
            return (
                _HEAD_BEFORE_RE.search(text, max(line_start, f.start - 12), f.start) is not None
                or _HEAD_IN_BRACKET_RE.match(text, f.end) is not None
            )
        # a lecturer or a doctor in their role (渡部 直子先生), staff reached by extension (岸本（内線 4315）),
        # an English signature's post (Makoto Ogawa, Director)
        if _OFFICE_AFTER_RE.match(text, f.end):
            return True
        if self._title_after.match(text, f.end) or self._title_after.match(f.text):
            return True  # a finding that took its title in (会長 小松) is named in office too
        before = text[max(line_start, f.start - 24) : f.start]
        if self._role_before.search(before):
            return True
        # (not a resident party present, called with an honorific: 移住者 Thomas Berger さん)
        # (the list may follow the date on the same line: 日時：7月3日 13:30～　出席：環境課長 長尾、藤井)
        if (
            _ATTENDANCE_RE.match(text, line_start)
            # (looked for in the 200 characters before the name: a scan to the line's start for every name
            # is quadratic on a text of one long line)
            or (listed and _ATTENDANCE_IN_LINE_RE.search(text, max(line_start, f.start - 200), f.start))
        ) and not _SAN_RE.match(text, f.end):
            return True
        # A mail's addressee or signature: the name alone on its line (さん after it at most), under a line
        # that ends with a section or a post (高齢福祉課 地域支援係 / 大西 さん).
        if line_start > 0 and _NAME_LINE_END_RE.match(text, f.end) and not text[line_start : f.start].strip(" \t　"):
            above = text.rfind("\n", 0, line_start - 1) + 1
            if self._role_before.search(text[above : line_start - 1].rstrip(" \t　")):
                return True
        if _SPEAKER_MARK_RE.fullmatch(text, line_start, f.start):
            return _HONORIFIC_RE.match(text, f.end) is None
        if tables and self._under_title_header(text, f.start, line_start):
            return True
        return bool(_LINE_OPEN_RE.fullmatch(text, line_start, f.start) and _TIME_AFTER_RE.match(text, f.end))

    def _under_title_header(self, text: str, start: int, line_start: int) -> bool:
        """A cell of a table column headed by a title (| 議員 |, 講師, 担当): the people of an agenda or a roster."""
        line_end = text.find("\n", start, start + 1000)
        line_end = min(len(text), start + 1000) if line_end < 0 else line_end
        if line_end - line_start >= 1000:
            return False  # no table row (and no slicing a long line once per name)
        line = text[line_start:line_end]
        delim = "|" if line.count("|") >= 2 else "\t" if "\t" in line else ""
        if not delim:
            return False
        col = text.count(delim, line_start, start)
        # The table's header: the first line of the block of lines with as many cells.
        cells = line.count(delim)
        header = line
        pos = line_start
        while pos > 0:
            prev_start = text.rfind("\n", 0, pos - 1) + 1
            prev = text[prev_start : pos - 1]
            if prev.count(delim) != cells:
                break
            header, pos = prev, prev_start
        parts = header.split(delim)
        return col < len(parts) and parts[col].strip(" \t　") in self._titles

    def only_officials(self, text: str, findings: Iterable[Finding], subject_types: frozenset[str]) -> bool:
        """True when the text names people and every one of them acts in office, and nothing else in it
        (a birth date, an address, a case number of a resident) points at someone the record is about."""
        persons: list[Finding] = []
        contacts: list[Finding] = []
        for f in findings:
            if f.entity in _CONTACTS and f.entity in subject_types:
                contacts.append(f)
            elif f.entity in subject_types:
                return False
            elif f.entity == "PERSON":
                persons.append(f)
        if not persons or _SUBJECT_MARK_RE.search(text):
            return False
        tables = "|" in text or "\t" in text
        listed = _ATTENDANCE_IN_LINE_RE.search(text) is not None
        in_office = [f for f in persons if self.in_office(text, f, tables, listed)]
        # A phone or an address for mail is someone's to be reached at: the writer's own in a mail (私（…）) or
        # that of someone in office just before it on its line (松田 さん（内線…）, 堤（携帯 070-…）).
        if contacts:
            office_ends = sorted((f.end, f.start) for f in in_office)
            if any(not _own_contact(text, c, office_ends) for c in contacts):
                return False
        official = {f.text.replace(" ", "").replace("　", "") for f in in_office}
        if not official:
            return False
        # Staff listed with one in office (母子保健係 沖・桜田) are in office too.
        ends = {f.end for f in in_office}
        official |= {
            f.text.replace(" ", "").replace("　", "")
            for f in persons
            if f.start > 0 and text[f.start - 1] in "・、" and f.start - 1 in ends
        }
        # A name seen once in office is that official wherever it recurs (宮下 after ○宮下学校教育課長,
        # 湊さん after [00:00:41] 湊 恵理子:).
        return all(_part_of_any(f.text.replace(" ", "").replace("　", ""), official) for f in persons)


_CONTACTS: Final = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS"})
_STANDS_FOR_SOMEONE_RE: Final = re.compile(r"[ \t　]*(?:の(?:方|人|者|男性|女性|利用者|住民)|さん|様)")
_SELF_CONTACT_RE: Final = re.compile(r"私[ \t　]*[（(][ \t　]*\Z")


def _own_contact(text: str, c: Finding, office_ends: Sequence[tuple[int, int]]) -> bool:
    """`office_ends`: (end, start) of each name in office, in order."""
    if _STANDS_FOR_SOMEONE_RE.match(text, c.end):
        return False  # (090-… の方: someone known by the number)
    line_start = text.rfind("\n", max(0, c.start - 200), c.start) + 1 or max(0, c.start - 200)
    if _SELF_CONTACT_RE.search(text, max(line_start, c.start - 12), c.start):
        return True
    lo = bisect.bisect_left(office_ends, (c.start - 16, -1))
    hi = bisect.bisect_right(office_ends, (c.start, len(text)))
    return any(line_start <= start for _, start in office_ends[lo:hi])


def names_a_subject(text: str) -> bool:
    """Whether `text` says whom it is about (本人, 対象職員): then no one in it is only acting in office."""
    return _SUBJECT_MARK_RE.search(text) is not None


def _part_of_any(name: str, names: set[str]) -> bool:
    if name in names:
        return True
    return len(name) >= 1 and any(name in n for n in names)


def negated(text: str, start: int, end: int, category: str = "") -> bool:
    """Whether the 要配慮 word at text[start:end] (of `category`) is denied, only asked about, or (except a
    suspected victimisation) left open in its clause."""
    if _NEGATED_BEFORE_RE.search(text, max(0, start - 1), start) or _NEGATED_RE.match(text, end) is not None:
        return True
    return category not in _SUSPICION_COUNTS and _UNSURE_RE.match(text, end) is not None


# A disease a vaccine is given against, named in a sentence about the vaccination (B型肝炎1回目・2回目、
# 小児用肺炎球菌、ロタ…を接種済み; 風しんの抗体検査のクーポン): the vaccine's name, no one's illness, unless the
# sentence says someone caught it, was diagnosed or tested positive.
_VACCINE_TARGET_RE: Final = re.compile(
    "肝炎|風しん|風疹|麻しん|麻疹|百日咳|結核|ポリオ|日本脳炎|水痘|水ぼうそう|おたふく|ロタ|肺炎|インフルエンザ|帯状疱疹|がん|癌|HPV|ヒブ|破傷風|ジフテリア"
)
_VACCINATION_RE: Final = re.compile("接種|ワクチン|抗体検査|クーポン券|vaccin", re.IGNORECASE)
_A_CASE_RE: Final = re.compile("罹患|感染し|感染が|感染と|発症|陽性|診断|かかっ|かかり|治療|入院|患者|症状|抗体価|結果|疑い")
_SENTENCE_BREAK_RE: Final = re.compile("[。！？!?\n]")


def about_a_vaccine(text: str, start: int, end: int) -> bool:
    """Whether the 病歴 word at text[start:end] names what a vaccine is given against, in a sentence about
    the vaccination with no case in it (not caught, diagnosed, treated or found positive)."""
    if _VACCINE_TARGET_RE.search(text, start, end) is None:
        return False
    left = max((m.end() for m in _SENTENCE_BREAK_RE.finditer(text, max(0, start - 120), start)), default=max(0, start - 120))
    right_m = _SENTENCE_BREAK_RE.search(text, end, end + 120)
    sentence = text[left : right_m.start() if right_m is not None else min(len(text), end + 120)]
    return _VACCINATION_RE.search(sentence) is not None and _A_CASE_RE.search(sentence) is None


# English 要配慮 phrases a word list cannot hold: inflections and a pronoun or possessive in between.
_SUBJ: Final = r"(?:me|him|her|them|us|my|his|their|the (?:client|resident|child|applicant)(?:'s)?)"
_EN_PATTERNS: Final = {
    "犯罪被害": (
        rf"\b(?:hit|hits|hitting|beat|beats|beating|beaten|kick(?:s|ed)?|slap(?:s|ped)?|punch(?:es|ed)?|push(?:es|ed)|"
        rf"chok(?:es|ed)|threaten(?:s|ed)|assault(?:s|ed)|abus(?:es|ed)|stalk(?:s|ed)|rap(?:es|ed)) {_SUBJ}\b",
        r"\b(?:was|were|been|got|gets|being|is|are) (?:hit|beaten|kicked|slapped|punched|pushed|choked|threatened|"
        r"assaulted|abused|stalked|raped|attacked|injured|scammed|defrauded|cheated|robbed)\b",
        r"\b(?:keep|keeps|kept|keeping|hold|holds|held|holding|took|take|takes|taken|taking|confiscat(?:e|es|ed|ing)|"
        r"retain(?:s|ed|ing)?)\b(?: \S+){0,3} (?:passport|residence card|zairyu card)\b",
        r"\b(?:not|never|no longer) (?:been )?(?:paid|pay|paying)\b(?: \S+){0,3} (?:wages?|salary|salaries)\b",
        r"\b(?:paid|pays|paying) (?:no|nothing)\b(?: \S+){0,3} (?:wages?|salary|salaries)\b",
        r"\bbruis(?:e|es|ed|ing)\b",
    ),
    # Single words and fixed phrases are in sensitive.yaml (epilepsy, wheelchair, nursing care …).
    "病歴": (
        r"\b(?:admitted|taken|rushed|brought) to (?:the |your |our |a |this |that )?(?:[a-z]+ )?hospital\b|\bdischarged from (?:the )?hospital\b",
        r"\b(?:was|were|been|got|is|are|being) (?:admitted|discharged|hospitali[sz]ed)\b",
        r"\b(?:came|come|went|go|taken|brought|rushed) to (?:the )?(?:ER|emergency(?: room| department)?|A&E)\b",
        r"\bkidney stones?\b|\b(?:flank|chest|abdominal|stomach|back|severe) pain\b|\bCT (?:scan|showed|shows)\b",
        r"\b[a-z]{3,}itis\b",
        r"\bbroke (?:his|her|my|their) \w+\b|\bmental health (?:problems?|issues?|conditions?)\b",
    ),
    "福祉": (
        r"\b(?:on|receiv(?:es|ed|ing)) (?:welfare|public assistance|livelihood (?:protection|assistance))\b",
        r"\bwelfare (?:recipient|benefits?|payments?)\b",
    ),
}
_EN_RES: Final = tuple((name, re.compile("|".join(p), re.IGNORECASE | re.ASCII)) for name, p in _EN_PATTERNS.items())
_LATIN_RUN_RE: Final = re.compile(r"[A-Za-z]{3}")


# "was not hospitalized", "does not use a wheelchair", "no one was injured": denied.
_EN_DENIED_RE: Final = re.compile(r"\b(?:no|not|never|without|n't|nobody|none)\b(?:\W+\w+){0,3}\W*$", re.IGNORECASE)
_EN_ASKED_RE: Final = re.compile(
    r"\b(?:questions?|inquiry|inquiries|enquiry|enquiries|information|info|details|asking|asked|ask) (?:about|on|regarding|concerning)"
    r"(?: (?:the|a|an|our|your))?(?: \w+)?\W*$|\bhow to (?:apply|get|renew)(?: for)?(?: (?:the|a|an))?\W*$",
    re.IGNORECASE,
)
_EN_STATES: Final = frozenset({"病歴", "障害", "福祉", "介護"})
# "a dementia-friendly seminar", "wheelchair access", "welfare services": a topic or a facility, no one's state.
_EN_TOPIC_AFTER_RE: Final = re.compile(
    r"(?:-friendly|-related|-accessible)|[ -](?:seminars?|awareness|prevention|cafes?|café|programs?|programmes?|polic(?:y|ies)|"
    r"services|facilit(?:y|ies)|access|accessible|ward|centers?|centres?|week|training|workshops?|lectures?|statistics|rates?|"
    r"office|division|section|department|desk|system|law|act)\b",
    re.IGNORECASE,
)


def english_not_a_fact(text: str, start: int, end: int) -> bool:
    """Whether an English 要配慮 word at text[start:end] is denied, asked about, or names a topic or a facility
    (not hospitalized; a question about the disability certificate; dementia-friendly, wheelchair access)."""
    before = max(0, start - 40)
    return bool(
        _EN_DENIED_RE.search(text, before, start)
        or _EN_ASKED_RE.search(text, before, start)
        or _EN_TOPIC_AFTER_RE.match(text, end)
    )


# Where someone works or trains (勤務先：特別養護老人ホーム しおさい苑): the place of a job, not its worker's care.
_WORKPLACE_LABEL_RE: Final = re.compile(
    r"(?:勤務先|勤め先|勤務地|職場|就労先|就職先|実習先|派遣先|受入れ先|受入先|受け入れ先|受入れ機関|所属機関)[ \t　]*[:：][^\n:：]*\Z"
)


def at_a_workplace(text: str, start: int) -> bool:
    """Whether the 要配慮 word at `start` is in a line's workplace field (勤務先：…, 実習先：…)."""
    line_start = text.rfind("\n", 0, start) + 1
    return _WORKPLACE_LABEL_RE.search(text, line_start, start) is not None


def english_hits(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, category) of each English 要配慮 phrase in `text` (normalised)."""
    if _LATIN_RUN_RE.search(text) is None:
        return
    for name, rx in _EN_RES:
        for m in rx.finditer(text):
            if name in _EN_STATES and english_not_a_fact(text, m.start(), m.end()):
                continue
            yield m.start(), m.end(), name
