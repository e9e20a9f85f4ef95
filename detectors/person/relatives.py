"""PERSON: given names after a word for a relative or a self-introduction, in the languages residents
write to the city in (my son, Yuto / our baby Sofia / O filho Lucas / anak saya Rizky / ako si …, 남편 이준호,
딸 서윤이는, 丈夫孙浩, 我叫王雪梅), and a signature before 드림 or 敬上.

A given name alone is rarely known to any list; what marks it is the word before it, which only a person
follows. The name is taken in the script it is written in, only as long as a name of that script runs.
"""

from __future__ import annotations

import re
from typing import Final

from detectors.detector import Artifacts, findings
from detectors.model import Finding
from detectors.names_common import common_names
from detectors.openings import Opening
from detectors.person.latin import ORG_WORDS
from detectors.person.words import CIRCUMSTANCES, NOT_IN_NAME_SLOTS, NOT_NAMES, RELATIVES, SLOT_WORDS, ZH_FAMILY

_LATIN_NAME: Final = r"(?P<name>[A-Z][a-zà-ÿ]+(?:[ \-][A-Z][a-zà-ÿ]+){0,2})(?![A-Za-z])"
# English, Portuguese, Spanish, Indonesian and Tagalog words for a relative, or an introduction.
_LATIN_CUE_RE: Final = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?:[Mm]y|[Oo]ur|[Yy]our|[Hh]is|[Hh]er|[Tt]heir|[Aa]|[Tt]he)(?: (?:first|second|third|eldest|youngest|little|new|newborn))? "
    r"(?:son|daughter|baby|child|kid|wife|husband|partner|mother|father|brother|sister|grandson|granddaughter|boy|girl)"
    r"|(?:[Mm]y name is|I am|I'm|[Tt]his is)"
    r"|(?:son|daughter|wife|husband|partner)"
    r"|(?:[Ii]nterpreter|[Ss]taff|[Cc]aseworker|[Tt]eacher|[Nn]urse)"
    r"|(?:filho|filha|esposa|marido|beb[êe]|hijo|hija|esposo)"
    r"|(?:[Aa]nak saya|[Ss]uami(?: saya)?|[Ii]stri(?: saya)?|[Aa]nak ko(?:ng)? si|[Aa]ko si|[Aa]sawa ko(?:ng)? si)"
    r")(?:,|:|'s)?[ \u3000]*(?:\(|（)?" + _LATIN_NAME
)
# Japanese words for a relative or a child right before a name in Latin letters (娘Juliana, 児童：Lucas);
# looked for before each capitalised word, so the text is not scanned at every position.
_JA_KIN_BEFORE_RE: Final = re.compile(
    r"(?:娘|息子|長男|長女|次男|次女|妻|夫|子|子ども|子供|お子さま|お子さん|児童|乳児|幼児|配偶者|パートナー|母|父|兄|姉|弟|妹)の?[：:（(、 \u3000]?\Z"
)
_LATIN_START_RE: Final = re.compile(r"(?<![A-Za-z])[A-Z][a-zà-ÿ]+(?:[ \-][A-Z][a-zà-ÿ]+){0,2}(?![A-Za-z])")
_LATIN_START_AT: Final = Opening(_LATIN_START_RE)  # tried only at capitals, not at every character
# Words that follow such a cue but name no one (my son, He …; I am Very …).
_NOT_NAMES: Final = frozenset(
    "He She It They We The This That His Her My Our Your And But So If When Please Thank Thanks Sorry "
    "Japanese English Japan City Ward Office Hello Dear Yes No Not Also Now Today Ms Mr Mrs Miss Dr Mx Sir Madam".split()
)

_HANGUL_CUE_RE: Final = re.compile(
    r"(?:남편|아내|부인|딸|아들|아이|손자|손녀|엄마|아빠|어머니|아버지|저는|제 이름은|이름[:：]|발신[:：]|성명[:：])[ \u3000]*"
    r"(?P<run>[가-힣]{2,6})"
)
# Words after 저는 that are no name (저는 작년 4월부터, 저는 지금).
_NOT_HANGUL: Final = frozenset(
    "작년 올해 지금 현재 이번 오늘 내일 어제 일본 한국 아직 항상 매일 혼자 작년에 올해는".split()
)
# Syllables that open a Korean family name (김, 이, 박 … and the two-syllable 남궁, 선우 …).
_KO_FAMILY: Final = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 "
    "민 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 은 편 "
    "용 예 경 봉 라 리 림".split()
)
# A Korean name beside its hanja or Japanese form: 「朴 志勲（박지훈）」「イ・ソジン(이서진)」「김민준(金 珉俊)입니다」,
# and a Hangul name standing alone in Japanese text (「ハングルでは박준호」と).
_HANGUL_PAREN_RE: Final = re.compile(
    r"(?<=[一-龥ァ-ヺー])[ \u3000]?[（(][ \u3000]*(?P<run>[가-힣]{2,4})[ \u3000]*[）)]"
)
_HANGUL_HANJA_RE: Final = re.compile(
    r"(?<![가-힣])(?P<run>[가-힣]{2,4})[ \u3000]?[（(](?P<hanja>[一-龥][ \u3000]?[一-龥]{1,2})[）)、,／/]"
)
# A Japanese word for a relative, then a Korean name in Hangul (母 이수진, 夫：김민준).
_JA_KIN_HANGUL_RE: Final = re.compile(
    r"(?:母|父|夫|妻|長男|長女|次男|次女|子|祖母|祖父|保護者|相談者|申請者|請求対象|対象者|氏名)[ \u3000]*[:：]?[ \u3000]*(?P<run>[가-힣]{2,4})(?![가-힣])"
)
_HANGUL_ROMAN_RE: Final = re.compile(
    r"(?<![가-힣])(?P<run>[가-힣]{2,4})[ \u3000]?[（(][A-Z]{2,}(?:[ \-][A-Z]{2,}){1,2}[）)]"
)
_HANGUL_IN_JA_RE: Final = re.compile(
    r"(?<=[ぁ-ゖァ-ヺ一-龥「『：:、。は])(?P<run>[가-힣]{3})(?=[」』、。）)\n]|[ぁ-ゖ]|$)"
)
# A Korean writer introducing themself by the hanja of their name: 「저는 朴 志勲（박지훈）です」.
_HANGUL_HANJA_CUE_RE: Final = re.compile(r"(?:저는|제 이름은|남편|아내|이름[:：])[ \u3000]*(?=[一-龥])")
# A child's or relative's given name right after the word for the relation, set off by ・, a colon or a
# bracket (長男・湊は, 上の子（凛、小学2年）, 子：王 子涵（1歳）): a given name alone, in kanji or hiragana.
_JA_KIN_GIVEN_RE: Final = re.compile(
    r"(?<![一-龥々ァ-ヺ])(?:長男|長女|次男|次女|三男|三女|四男|四女|息子|娘|上の子|下の子|真ん中の子|末っ子|末子|孫|弟|妹|兄|姉|子|"
    r"祖母|祖父|義母|義父|母|父|夫|妻)"
    r"[ \u3000]?[・：:（(][ \u3000]?"
    r"(?P<given>[一-龥々]{1,2}(?:[ \u3000](?:[一-龥々]{1,2}|[ァ-ヺー]{2,4}))?|[ぁ-ゖ]{2,4})"
    r"(?=[、，,はがのもをにと（(）)]|くん|ちゃん|君)"
)
_JA_KIN_GIVEN_AT: Final = Opening(_JA_KIN_GIVEN_RE)  # tried only where a relation word opens
# ... or set off by a space alone, after は・の・が too (子どもは ひなの、, 娘の さな の, 子ども ジユ): then the
# name must be one the name lists hold.
_JA_KIN_SPACED_RE: Final = re.compile(
    r"(?:子ども|子供|こども|お子さん|お子さま|娘|息子|長男|長女|次男|次女|孫|同級生|友人|友達|友だち|先輩|後輩)(?:は|の|が)?[ \u3000]"
    r"(?P<given>[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,5})(?=[ \u3000、，,。はがのもをにと（(）)]|くん|ちゃん|$)"
)
_JA_KIN_SPACED_AT: Final = Opening(_JA_KIN_SPACED_RE)
# ... or after の, as a relative is spoken of (夫の翼が, うちの孫のそうたが): a given name the lists hold, before a particle.
_JA_KIN_NO_RE: Final = re.compile(
    r"(?:夫|妻|息子|娘|孫|長男|長女|次男|次女|二男|二女|弟|妹|兄|姉|主人|旦那)の"
    r"(?P<given>[一-龥々]{1,2}|[ぁ-ゖ]{2,4}|[ァ-ヺー]{2,5})(?=が|は|を|に|と|も|、|。|くん|ちゃん)"
)
_JA_KIN_NO_AT: Final = Opening(_JA_KIN_NO_RE)
# A day's line of a roster of children (月曜 そうた ゆい リク): the given names the lists hold on it.
_DAY_LINE_RE: Final = re.compile(r"(?m)^[ \u3000]*[月火水木金土日](?:曜日?)?[ \u3000:：]+(?P<items>[^\n]{2,60})$")
_DAY_ITEM_RE: Final = re.compile(r"[ぁ-ゖー]{2,4}|[ァ-ヺー]{2,5}|[一-龥々]{1,2}")
_ITEM_EDGE_RE: Final = re.compile(r"\Z|[ \u3000、,（(）)\n]")
_YEAR_BRACKET_RE: Final = re.compile(r"[（(][1-6１-６][）)]")
# Children listed with their school year in brackets, three or more on a line (ひかりクラブ：湊斗(1) 紬(2) 一花(2)).
_YEAR_LISTED_RE: Final = re.compile(
    r"(?:^|(?<=[：:\s、,]))(?P<given>[ぁ-ゖ]{2,4}|[一-龥々]{1,2}|[ァ-ヺー]{2,5})[（(][1-6１-６][）)](?=[\s、,]|$)", re.MULTILINE
)
# What the relation's bracket or colon holds instead of a name (長男（同居）, 長女（県外）, 子：なし).
_NOT_GIVEN: Final = frozenset(
    "当時 県外 市外 町外 県内 市内 町内 同居 別居 故人 不明 在宅 入院 死亡 離婚 就労 就学 独身 既婚 成人 健在 実子 養子 "
    "未成年 未就学 社会人 義務 各自 双方 全員 両方 一人 二人 三人 長子 年長 年中 年少 未満 以上 乳児 幼児 児童 生徒 予定 旧姓 仮 "
    "なし あり いる いない".split()
)
# A child's given name with a school year or an age in brackets, after a colon or in a list
# (停留所「北山橋」：りこ（1年）, Nicolas（3年）、湊（6年）, 12/2 つむぎ（1歳）).
_GRADED_NAME_RE: Final = re.compile(
    r"(?:^|(?<=[：:、,・\s]))(?P<given>[ぁ-ゖ]{2,4}|[一-龥々]{1,2}|[A-Z][a-z]{2,12})"
    r"(?=[（(](?:[0-9０-９]{1,2}(?:歳|才|か月)|[小中高][1-6１-６]|[1-6１-６]年生?|年[長中少])[）)])",
    re.MULTILINE,
)
_GRADE_BRACKET_RE: Final = re.compile(
    r"[（(](?:[0-9０-９]{1,2}(?:歳|才|か月)|[小中高][1-6１-６]|[1-6１-６]年生?|年[長中少])[）)]"
)
_NEXT_CHILD_RE: Final = re.compile(
    r"[（(][^）)\n]{1,10}[）)][ \u3000]*[、,・][ \u3000]*(?P<given>[一-龥々]{1,2}|[ぁ-ゖ]{2,4})"
    r"(?=[（(](?:[0-9０-９]{1,2}(?:歳|才|か月|ヶ月)|[小中高][1-6１-６]|年[長中少]|[0-9０-９]年))"
)
_NOT_GIVEN_ENDS: Final = frozenset("歳才生外内中人者年月日校園級所院課係部性")
_NOT_GIVEN_ALONE: Final = frozenset("小中高大幼乳未無有同別他前後上下")
_HANGUL_SIGN_RE: Final = re.compile(r"(?m)^[ \u3000]*(?P<run>[가-힣]{2,4})[ \u3000]*(?:드림|올림)[ \u3000]*$")
# Particles and endings that may follow a Korean name in the same run (서윤이는, 이준호가, 박서연의).
_HANGUL_TAILS: Final = frozenset(
    "이 가 는 은 의 를 을 이는 이가 이의 도 에게 와 과 씨 님 입니다 이에요 예요 이고 랑 이랑 한테 께서".split()
)

# Characters that end a Chinese name because they start the next word (孙浩下个月, 李子涵是, 刘丽也).
_ZH_STOPS: Final = frozenset(
    "下也的是在和一要今已说去来很都不还会能吗呢了着过就才又再没被把给跟同与及或让从到对向往为因所以而但如若即便虽然并且等这那每各有个上中"
    "今年月日的时候先生女士同学，。、：:）)（( \u3000\n"
)
_ZH_CUE_RE: Final = re.compile(
    r"(?:丈夫|妻子|孩子|儿子|女儿|兒子|女兒|爱人|愛人|老公|老婆|太太|我叫|我是|名叫)[ \u3000]?"
)
_ZH_SIGN_RE: Final = re.compile(r"(?m)^[ \u3000]*(?P<name>[一-龥]{2,3})[ \u3000]*(?:敬上|谨上|謹上)")
_SCORE: Final = 0.8
_UPPER_RE: Final = re.compile("[A-Z]")
_HANGUL_RE: Final = re.compile("[가-힣]")
# The words a cue pattern holds: looked up among the Latin words of a text, the patterns tried only
# around them (they open with a look-behind and an alternation, slow at every position of a long text).
_CUE_WORDS: Final = frozenset(
    "son daughter baby child kid wife husband partner mother father brother sister grandson granddaughter boy girl "
    "name am m this interpreter staff caseworker teacher nurse filho filha esposa marido bebê bebe hijo hija esposo "
    "anak suami istri si".split()
)
_LATIN_WORD_RE: Final = re.compile("[A-Za-zà-ÿ]+")
# Characters of Chinese written in simplified script (or as mainland residents write), absent from Japanese.
_ZH_HINT_RE: Final = re.compile("[我们这叫孩儿爱吗请谢您丈妻]")


def _hangul_name(run: str) -> int:
    """The length of the name at the start of a Hangul run, or 0: two to four syllables and a particle."""
    for k in (2, 3, 4):
        if k <= len(run) and (run[k:] == "" or run[k:] in _HANGUL_TAILS):
            return k
    return 0


def _ja_kin_given(t: str) -> list[tuple[int, int, float]]:
    """Given names right after a Japanese word for a child or relative and ・, a colon or a bracket, and
    children's names with a school year or an age after them."""
    out: list[tuple[int, int, float]] = []
    if "（" in t or "(" in t:
        given_names = common_names().given
        # The pattern opens with a look-behind: tried only in the few characters before each year or age.
        graded: dict[int, re.Match[str]] = {}
        for b in _GRADE_BRACKET_RE.finditer(t):
            for m in _GRADED_NAME_RE.finditer(t, max(0, b.start() - 16), b.end()):
                graded.setdefault(m.start(), m)
        for m in graded.values():
            g = m.group("given")
            if (
                (g in given_names or g[0].isascii())
                and g not in _NOT_GIVEN
                and g not in RELATIVES
                and g not in NOT_NAMES
            ):
                out.append((*m.span("given"), _SCORE))
    if " " in t or "\u3000" in t:
        given_names = common_names().given
        for m in _JA_KIN_SPACED_AT.finditer(t):
            if m.group("given") in given_names and m.group("given") not in NOT_NAMES:
                out.append((*m.span("given"), _SCORE))
    if "曜" in t:
        given_names = common_names().given
        for day in _DAY_LINE_RE.finditer(t):
            items = [m for m in _DAY_ITEM_RE.finditer(t, *day.span("items")) if _ITEM_EDGE_RE.match(t, m.end())]
            named = [m for m in items if m.group() in given_names and m.group() not in NOT_NAMES]
            if len(named) >= 2:
                out.extend((*m.span(), _SCORE) for m in named)
    if _YEAR_BRACKET_RE.search(t) is not None:
        given_names = common_names().given
        at = 0
        for line in t.split("\n") if len(_YEAR_LISTED_RE.findall(t)) >= 3 else ():
            listed = list(_YEAR_LISTED_RE.finditer(line))
            if len(listed) >= 3 and sum(m.group("given") in given_names for m in listed) >= 2:
                out.extend((at + m.start("given"), at + m.end("given"), _SCORE) for m in listed if m.group("given") not in NOT_NAMES)
            at += len(line) + 1
    if "の" in t:
        given_names = common_names().given
        for m in _JA_KIN_NO_AT.finditer(t):
            g = m.group("given")
            if g in given_names and g not in NOT_NAMES and g not in _NOT_GIVEN and g not in RELATIVES and g not in CIRCUMSTANCES:
                out.append((*m.span("given"), _SCORE))
    for m in _JA_KIN_GIVEN_AT.finditer(t):
        given = m.group("given")
        if (
            given in _NOT_GIVEN
            or given in RELATIVES
            or given in NOT_NAMES
            or given in NOT_IN_NAME_SLOTS
            or given in SLOT_WORDS
            or given in CIRCUMSTANCES
            or given[-1] in _NOT_GIVEN_ENDS
            or given in _NOT_GIVEN_ALONE
        ):
            continue
        out.append((*m.span("given"), _SCORE))
        # and the brothers and sisters listed after it, each with an age (子：蓮（小2）、心愛（4歳）)
        at = m.end("given")
        while (n := _NEXT_CHILD_RE.match(t, at)) is not None and n.group("given") not in _NOT_GIVEN:
            out.append((*n.span("given"), _SCORE))
            at = n.end("given")
    return out


def _korean_beside(t: str) -> list[tuple[int, int, float]]:
    """Korean names beside their other form, standing alone in Japanese text, or introduced in hanja."""
    out: list[tuple[int, int, float]] = []
    for m in (
        *_HANGUL_PAREN_RE.finditer(t),
        *_HANGUL_IN_JA_RE.finditer(t),
        *_HANGUL_ROMAN_RE.finditer(t),
        *_JA_KIN_HANGUL_RE.finditer(t),
    ):
        run = m.group("run")
        if run[0] in _KO_FAMILY and run not in _NOT_HANGUL:
            out.append((*m.span("run"), _SCORE))
    for m in _HANGUL_HANJA_RE.finditer(t):
        run = m.group("run")
        if run[0] in _KO_FAMILY and m.group("hanja")[0] in ZH_FAMILY:
            out.append((*m.span("run"), _SCORE))
            out.append((*m.span("hanja"), _SCORE))
    for m in _HANGUL_HANJA_CUE_RE.finditer(t):
        e = _zh_name(t, m.end())
        if e > 0:
            out.append((m.end(), e, _SCORE))
    return out


def _zh_name(text: str, s: int) -> int:
    """The end of a Chinese name starting at `s` (a common family name, maybe a space, one or two characters)."""
    if s >= len(text) or text[s] not in ZH_FAMILY:
        return -1
    p = s + 1
    if p < len(text) and text[p] in " \u3000":
        p += 1
    e = p
    while e < len(text) and e - p < 2 and "一" <= text[e] <= "龥" and text[e] not in _ZH_STOPS:
        e += 1
    return e if e > p else -1


class RelativesPersonDetector:
    """Given names after a relative or an introduction, in Latin, Hangul and Chinese script."""

    id = "relatives.person"
    entities = ("PERSON",)

    def detect(self, text: str, artifacts: Artifacts) -> list[Finding]:
        t = artifacts.normalized.text
        spans: list[tuple[int, int, float]] = []
        if _UPPER_RE.search(t) is not None:
            seen: set[int] = set()
            for cue in _LATIN_WORD_RE.finditer(t):
                if cue.group().lower() not in _CUE_WORDS:
                    continue
                for m in _LATIN_CUE_RE.finditer(t, max(0, cue.start() - 24), min(len(t), cue.end() + 80)):
                    if m.start() <= cue.start() < m.start("name") and m.start("name") not in seen:
                        seen.add(m.start("name"))
                        first = m.group("name").split(" ")[0].split("-")[0]
                        if first not in _NOT_NAMES and first.lower() not in ORG_WORDS:  # (Interpreter (Tagalog))
                            spans.append((*m.span("name"), _SCORE))
        if _UPPER_RE.search(t) is not None:
            for m in _LATIN_START_AT.finditer(t):
                p = m.start()
                if (
                    p > 0
                    and _JA_KIN_BEFORE_RE.search(t, max(0, p - 6), p)
                    and m.group().split(" ")[0] not in _NOT_NAMES
                ):
                    spans.append((*m.span(), _SCORE))
        if _HANGUL_RE.search(t) is not None:
            for m in (*_HANGUL_CUE_RE.finditer(t), *_HANGUL_SIGN_RE.finditer(t)):
                k = _hangul_name(m.group("run"))
                if k and m.group("run")[:k] not in _NOT_HANGUL and m.group("run") not in _NOT_HANGUL:
                    spans.append((m.start("run"), m.start("run") + k, _SCORE))
        if _HANGUL_RE.search(t) is not None:
            spans.extend(_korean_beside(t))
        spans.extend(_ja_kin_given(t))
        if _ZH_HINT_RE.search(t) is not None:
            for m in _ZH_CUE_RE.finditer(t):
                e = _zh_name(t, m.end())
                if e > 0:
                    spans.append((m.end(), e, _SCORE))
        if "敬上" in t or "谨上" in t or "謹上" in t:
            for m in _ZH_SIGN_RE.finditer(t):
                if m.group("name")[0] in ZH_FAMILY:
                    spans.append((*m.span("name"), _SCORE))
        return findings(artifacts, "PERSON", spans, self.id)
