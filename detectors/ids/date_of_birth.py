"""DATE_OF_BIRTH: Western and era dates, only when written as a birth date (生年月日, …生まれ, a 生年月日 column)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Final

from detectors.detector import Artifacts
from detectors.ids.base import finding
from detectors.ids.columns import cells
from detectors.model import Finding

_KN: Final = "[〇一二三四五六七八九十]{1,3}"
_N2: Final = rf"(?:[0-9]{{1,2}}|{_KN})"
_SP: Final = r"[ \t]{0,2}"
_ERA: Final = r"(?P<era>明治|大正|昭和|平成|令和|[MTSHRmtshr](?=[ \t]?[0-9元]))"
_YEAR: Final = rf"(?:{_ERA}{_SP}(?P<ey>元|[0-9]{{1,2}}|{_KN})|(?P<wy>1[89][0-9]{{2}}|20[0-9]{{2}}))"
_KANJI_DATE_RE: Final = re.compile(
    rf"(?<![0-9A-Za-z]){_YEAR}{_SP}年{_SP}(?:の{_SP})?(?P<m>{_N2}){_SP}月{_SP}(?:の{_SP})?(?P<d>{_N2}){_SP}日"
)
_SEP_DATE_RE: Final = re.compile(
    rf"(?<![0-9A-Za-z./-]){_YEAR}(?P<sep>[./-])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})(?![0-9]|[./-][0-9])"
)
# After the date: 生まれ・生 …, or the age in brackets (1985年4月1日（39歳）).
_AFTER_RE: Final = re.compile(
    r"[ \t]*[)）]?[ \t]*(?:生まれ|生れ|産まれ|出生|生(?![活産徒じ成涯命地存物育協])|誕生|birth)"
    r"|[ \t]*[(（][ \t]*満?[ \t]*[0-9]{1,3}[ \t]*(?:歳|才)",
    re.IGNORECASE,
)
# Before the date: the introducing word, then only a colon, は or a bracket ("生まれ、令和6年…入庁" is not one).
_BEFORE_RE: Final = re.compile(
    r"(?:(?:生年月日|誕生日|出生日期|出生日|生日|생년월일)欄?|生まれ|生誕|誕生|birthday|date of birth(?:[ \t]+is)?|birth ?date|DOB"
    r"|born(?:[ \t]+on)?|nasceu(?:[ \t]+em)?|nascid[oa](?:[ \t]+em)?|nascimento|naci[oó](?:[ \t]+el)?"
    r"|nacid[oa](?:[ \t]+el)?|nacimiento|sinh(?:[ \t]+ngày)?|ngày[ \t]+sinh)[ \t]*(?:は|が|:|：|=)?[ \t]*"
    r"(?:[(（]?(?:西暦|和暦)[)）]?)?[ \t]*[(（]?[ \t]*$",
    re.IGNORECASE,
)
# Dates are only looked for next to these words: after the ones that introduce a birth date
# (生年月日：…) and before the ones that close it (…生まれ). Literal-first so sre can skip ahead.
_ANCHOR_RE: Final = re.compile(r"生年月日|生まれ|生れ|生誕|生日|生|誕生日|誕生|出生日期|出生日|出生|産まれ|생년월일|セイネンガッピ")
# Found with str.find: a regex of these alternatives (or one IGNORECASE) tries every position and
# took 30 ms over a 150,000-character text.
_LATIN_ANCHORS: Final = (
    "birth", "Birth", "BIRTH", "DOB", "dob", "Dob", "born", "Born", "BORN", "nasc", "Nasc", "naci", "Naci", "NACI",
    "sinh", "Sinh",  # Vietnamese: sinh ngày 14/02/1997, ngày sinh
)
# Anchors that can head a 生年月日 column (生年 is found as the anchor 生 followed by 年; a system's katakana
# header, ｾｲﾈﾝｶﾞｯﾋﾟ, is full-width once normalised).
_HEADER_WORDS: Final = frozenset({"生年月日", "誕生日", "出生日", "セイネンガッピ"})
# Dates written in words or day first, looked for only after a Latin-script cue (born, DOB, nasceu …).
_MONTHS: Final = {
    **{m: i for i, m in enumerate(
        "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)},
    "sept": 9,
    **{m: i for i, m in enumerate(
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(), start=1)},
    "marco": 3,
    **{m: i for i, m in enumerate(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(), start=1)},
    "setiembre": 9,
}
_EN_MONTH: Final = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_IB_MONTH: Final = "(?:" + "|".join(sorted((m for m in _MONTHS if len(m) > 4 or m in ("maio", "mayo", "abril")), key=len, reverse=True)) + ")"
_WORD_DATE_RE: Final = re.compile(
    rf"(?<![0-9A-Za-z])(?:(?P<mn>{_EN_MONTH})\.?[ \t]+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<y>[0-9]{{4}})"
    rf"|(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<mn2>{_EN_MONTH})\.?,?[ \t]+(?P<y2>[0-9]{{4}})"
    rf"|(?P<d3>[0-9]{{1,2}})[ \t]+de[ \t]+(?P<mn3>{_IB_MONTH})[ \t]+(?:de[ \t]+|del[ \t]+)?(?P<y3>[0-9]{{4}})"
    rf"|(?P<a>[0-9]{{1,2}})(?P<sep>[./-])(?P<b>[0-9]{{1,2}})(?P=sep)(?P<y4>[0-9]{{4}}))(?![0-9])",
    re.IGNORECASE,
)
_INTRODUCERS: Final = frozenset({"生年月日", "生まれ", "生誕", "誕生日", "誕生", "出生日", "出生", "出生日期", "生日", "생년월일"})
_CLOSERS: Final = frozenset({"生まれ", "生れ", "生", "誕生", "出生", "産まれ"})
_AGE_RE: Final = re.compile(r"[0-9]{1,3}[ \t]*(?:歳|才)")
# A closing word counts only right after something that can end a date.
_DATE_END_RE: Final = re.compile(r"[日0-9][ \t]*[)）]?[ \t]*$")
_DATE_END_CHARS: Final = frozenset("日0123456789 \t)）")
_SEP_HINT_RE: Final = re.compile(r"[0-9][./-][0-9]")
# 「相談者 坂本節子（1943/09/24）」「山田様（S60.4.1）」: a date in brackets right after a person is
# their birth date by convention. The role word or honorific must lead to the bracket through a
# name only (no digits), and the bracket must close (or list on) right after the date.
_HONORIFICS: Final = ("様", "さん", "くん", "ちゃん", "君", "氏")
_ROLES: Final = (
    "相談者", "申請者", "届出人", "対象児童", "児童", "対象者", "本人", "氏名", "利用者", "被保険者", "患者",
    "来庁者", "世帯主", "配偶者", "長男", "長女", "次男", "次女", "妻", "夫",
    "申出者", "請求者", "筆頭者", "加害者", "被害者", "同居人", "世帯員", "受給者", "入所者", "滞納者", "納税者",
)
# Every alternative opens with a literal so sre can skip ahead (a leading group would defeat that).
_ROLE_RE: Final = re.compile(
    "|".join([*(f"{h}(?=[ \t]*[(（])" for h in _HONORIFICS), *sorted(_ROLES, key=len, reverse=True)])
)
# A particle right before the bracket (相談者は（…）) means prose, not a name.
_NAME_THEN_BRACKET_RE: Final = re.compile(r"[^0-9\n(（)）、。]{0,12}?(?<![はがをにでへも])[ \t]*[(（]")
_BRACKET_CLOSE: Final = frozenset(")）、,")
# 「氏名：宇田川 晋也（ウダガワ シンヤ） S51.4.19」: after a name (and its reading), a space, then a date
# that ends the line or the field.
# Only for a date at least ten years back, which an event date in a record seldom is.
_NAME_THEN_SPACE_RE: Final = re.compile(
    r"[:：]?[ \t]*[^0-9\n(（)）、。:：]{1,12}?(?:[(（][^0-9\n)）]{1,16}[)）])?[ \t]+"
    r"(?=[0-9]|[MTSHR][0-9]|明治|大正|昭和|平成|令和)"
)
# 「瀬戸口 美月（妻）平成4年1月8日、瀬戸口 蒼（子）令和5年3月30日」: a relative in brackets after a name, then a
# date: the relative's birth date, however recent.
_KIN_BRACKET_RE: Final = re.compile(r"[(（](?:妻|夫|子|長男|長女|次男|次女|三男|三女|父|母|祖父|祖母|孫|本人)[)）][ \t]*")
_ERA_START: Final = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
_LONG_AGO: Final = 10
_FIELD_END: Final = frozenset("\n \t、,|。")
_REACH: Final = 40
_ERA_MAX: Final = {"明治": 45, "大正": 15, "昭和": 64, "平成": 31, "令和": 99}
_ERA_LETTER: Final = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
_KANJI_VALUE: Final = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _number(token: str) -> int:
    """Value of 12, 十二, 二十三, 六十 or 元 (the first year of an era)."""
    if token == "元":
        return 1
    if token.isascii():
        return int(token)
    if "十" not in token:
        return int("".join(str(_KANJI_VALUE[c]) for c in token))
    tens, _, ones = token.partition("十")
    return (_KANJI_VALUE[tens] if tens else 1) * 10 + (_KANJI_VALUE[ones] if ones else 0)


def _latin_anchor_ends(norm: str) -> list[int]:
    """Where each Latin-script birth cue ends (birth covers birthday and date of birth)."""
    ends: set[int] = set()
    for word in _LATIN_ANCHORS:
        i = norm.find(word)
        while i >= 0:
            end = i + len(word)
            # date of birth / birthday: the date comes after the whole cue.
            if norm.startswith("day", end):
                end += 3
            ends.add(end)
            i = norm.find(word, end)
    return sorted(ends)


def _valid_words(m: re.Match[str]) -> bool:
    """March 3, 2025 / 3 March 2025 / 12 de maio de 2024 / 12/05/2024 (either order of day and month)."""
    for mn, d, y in (("mn", "d", "y"), ("mn2", "d2", "y2"), ("mn3", "d3", "y3")):
        if m.group(mn):
            month = _MONTHS.get(m.group(mn).lower()) or _MONTHS.get(m.group(mn)[:3].lower(), 0)
            return 1868 <= int(m.group(y)) <= 2100 and 1 <= month <= 12 and 1 <= int(m.group(d)) <= 31
    a, b = int(m.group("a")), int(m.group("b"))
    return 1868 <= int(m.group("y4")) <= 2100 and 1 <= min(a, b) <= 12 and max(a, b) <= 31


def _date_at(norm: str, pos: int, ends_well: Callable[[int], bool]) -> re.Match[str] | None:
    """A valid kanji or separated date starting at `pos` whose end `ends_well` accepts."""
    for regex in (_KANJI_DATE_RE, _SEP_DATE_RE):
        m = regex.match(norm, pos)
        if m and _valid(m) and ends_well(m.end()):
            return m
    return None


def _years_ago(m: re.Match[str]) -> int:
    """How many years before this year the date of a valid match lies."""
    if m.group("wy"):
        year = int(m.group("wy"))
    else:
        era = m.group("era")
        era = _ERA_LETTER.get(era.upper(), era)
        year = _ERA_START[era] + _number(m.group("ey"))
    return datetime.date.today().year - year


def _valid(m: re.Match[str]) -> bool:
    try:
        month, day = _number(m.group("m")), _number(m.group("d"))
        if m.group("wy"):
            year_ok = 1868 <= int(m.group("wy")) <= 2100
        else:
            era = m.group("era")
            era = _ERA_LETTER.get(era.upper(), era)
            year_ok = 1 <= _number(m.group("ey")) <= _ERA_MAX[era]
    except (KeyError, ValueError):
        return False
    return year_ok and 1 <= month <= 12 and 1 <= day <= 31


class DateOfBirthDetector:
    """1985年4月1日 / 1985-04-01 / 昭和60年4月1日 / S60.4.1 next to 生年月日・生まれ・誕生日."""

    id = "ids.date_of_birth"
    entities = ("DATE_OF_BIRTH",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        norm = artifacts.normalized.text
        out: list[Finding] = []
        spans: list[tuple[int, int]] = []
        birth_header = False
        for a in _ANCHOR_RE.finditer(norm):
            word = a.group()
            if word in _HEADER_WORDS or (word == "生" and norm.startswith("年", a.end())):
                birth_header = True
            if word in _INTRODUCERS:
                spans.append((a.end(), a.end() + _REACH))
            if (
                word in _CLOSERS
                and a.start() > 0
                and norm[a.start() - 1] in _DATE_END_CHARS
                and _DATE_END_RE.search(norm, max(0, a.start() - 4), a.start())
            ):
                spans.append((max(0, a.start() - _REACH), a.start()))
        if "歳" in norm or "才" in norm:
            spans.extend((max(0, a.start() - _REACH), a.start()) for a in _AGE_RE.finditer(norm))
        latin: list[tuple[int, int]] = []
        # An or-chain of `in` tests: a generator over a tuple of cues cost 2 µs a text.
        cue = "irth" in norm or "IRTH" in norm or "DOB" in norm or "dob" in norm
        if cue or "orn" in norm or "nasc" in norm or "naci" in norm or "Nasc" in norm or "Naci" in norm or "inh" in norm:
            latin = [(end, end + _REACH) for end in _latin_anchor_ends(norm)]
            spans.extend(latin)
        seen: set[tuple[int, int]] = set()
        if birth_header or latin:
            for m in self._in_birth_columns(artifacts):
                seen.add((m.start(), m.end()))
                out.append(finding(artifacts, "DATE_OF_BIRTH", m.start(), m.end(), 0.9, self.id))
        for m in self._bracketed_after_person(norm):
            seen.add((m.start(), m.end()))
            out.append(finding(artifacts, "DATE_OF_BIRTH", m.start(), m.end(), 0.8, self.id))
        for lo, hi in spans:
            regexes = []
            if "年" in norm[lo:hi]:
                regexes.append(_KANJI_DATE_RE)
            if _SEP_HINT_RE.search(norm, lo, hi):
                regexes.append(_SEP_DATE_RE)
            for regex in regexes:
                for m in regex.finditer(norm, lo, hi):
                    if not _valid(m):
                        continue
                    if (m.start(), m.end()) in seen or not self._cued(norm, m):
                        continue
                    seen.add((m.start(), m.end()))
                    out.append(finding(artifacts, "DATE_OF_BIRTH", m.start(), m.end(), 0.95, self.id))
        for lo, hi in latin:
            for m in _WORD_DATE_RE.finditer(norm, lo, hi):
                if _valid_words(m) and (m.start(), m.end()) not in seen and self._cued(norm, m):
                    seen.add((m.start(), m.end()))
                    out.append(finding(artifacts, "DATE_OF_BIRTH", m.start(), m.end(), 0.9, self.id))
        return out

    @staticmethod
    def _cued(norm: str, m: re.Match[str]) -> bool:
        before = norm[max(0, m.start() - 24) : m.start()]
        return bool(_AFTER_RE.match(norm, m.end()) or _BEFORE_RE.search(before))

    @staticmethod
    def _in_birth_columns(artifacts: Artifacts) -> list[re.Match[str]]:
        """Dates in the cells of a 生年月日 / DOB column: the header is their label."""
        norm = artifacts.normalized.text
        found: list[re.Match[str]] = []
        for lo, hi in cells(artifacts, "DATE_OF_BIRTH"):
            for regex in (_KANJI_DATE_RE, _SEP_DATE_RE):
                m = regex.search(norm, lo, hi)
                if m and _valid(m):
                    found.append(m)
                    break
            else:
                m = _WORD_DATE_RE.search(norm, lo, hi)
                if m and _valid_words(m):
                    found.append(m)
        return found

    @staticmethod
    def _bracketed_after_person(norm: str) -> list[re.Match[str]]:
        found: list[re.Match[str]] = []

        def closes_bracket(end: int) -> bool:
            return end < len(norm) and norm[end] in _BRACKET_CLOSE

        def ends_field(end: int) -> bool:
            return end == len(norm) or norm[end] in _FIELD_END

        bracketed = "(" in norm
        for role in _ROLE_RE.finditer(norm):
            bracket = _NAME_THEN_BRACKET_RE.match(norm, role.end()) if bracketed else None
            if bracket is not None and (m := _date_at(norm, bracket.end(), closes_bracket)) is not None:
                found.append(m)
            gap = _NAME_THEN_SPACE_RE.match(norm, role.end())
            if gap is not None and (m := _date_at(norm, gap.end(), ends_field)) is not None and _years_ago(m) >= _LONG_AGO:
                found.append(m)
        for kin in _KIN_BRACKET_RE.finditer(norm) if bracketed else ():
            if (m := _date_at(norm, kin.end(), ends_field)) is not None:
                found.append(m)
        return found
