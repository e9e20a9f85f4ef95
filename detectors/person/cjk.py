"""Chinese and Korean names where residents introduce themselves or their family in their own language.

「我叫王 建国，」「丈夫 王 磊 的工作」「孩子（王 子涵，」「저는 박소연(朴 素妍)입니다」: a prompt asking for a
translation carries the resident's own words, and the cue is in that language.
"""

from __future__ import annotations

import re
from typing import Final

from detectors.person.chars import HAN as _HAN

# Self-introductions and family words in Chinese, then a name of two to four characters (a space may
# part family and given name); the name ends at punctuation, a space or a bracket.
_CHINESE_RE: Final = re.compile(
    rf"(?:我叫|我是|我名叫|本人叫|丈夫|妻子|老公|老婆|儿子|女儿|孩子|爸爸|妈妈|父亲|母亲)[ \u3000]*[（(]?[ \u3000]*"
    # not a particle or a verb after the word (孩子的转学, 孩子在学校)
    rf"(?![的是在和也都要把被让给跟对从有没不会能去来])(?P<name>[{_HAN}][ \u3000]?[{_HAN}]{{1,2}}|[{_HAN}]{{2}}[ \u3000][{_HAN}]{{1,2}})"
    r"(?=[ \u3000]*[，,。、；;（(）)]|[ \u3000]+的|\n|$)"
)
# Korean: 저는 NAME입니다 / 제 이름은 NAME / 남편 NAME / 아이 NAME.
_KOREAN_RE: Final = re.compile(
    r"(?:저는|제 이름은|이름은|남편|아내|아들|딸|아이)[ \u3000]*(?P<name>[가-힣]{2,4})"
    r"(?=입니다|이고|이에요|예요|라고|씨|님|[ \u3000]*[(（.,，。\n]|$)"
)
# A Korean name in Hangul beside its Japanese form or under a label (ハングル：김민준, 氏名（ハングル）: 박 서연,
# 이름: 이지은), or standing alone in Japanese text with a common family name's syllable first (金 敏俊（김민준）).
_HANGUL_LABELLED_RE: Final = re.compile(
    r"(?:ハングル(?:表記)?|한글|이름|성명|보낸[ ]?사람|보내는[ ]?사람|작성자|신청자|학부모|氏名|名前|Name)[^\n:：]{0,8}[:：][ \u3000]*"
    r"(?P<name>[가-힣]{1,2}[ \u3000]?[가-힣]{1,3})(?![가-힣])"
)
_HANGUL_WORD_RE: Final = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{3})(?![가-힣])|[（(](?P<bracketed>[가-힣]{2,4})[）)]")
_KOREAN_FAMILY: Final = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 민 진 나 "
    "지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 모 탁 국 어 은 편 용 예 경 봉".split()
)
_HANGUL_RUN_RE: Final = re.compile("[가-힣]+")
# Three-syllable words of a form that open with a family name's syllable (신청자 applicant, 전화번 …).
_HANGUL_NOT_NAMES: Final = frozenset(
    "신청자 신청서 신청인 전화번 주소지 연락처 생년월 이메일 한국어 한국인 일본어 일본인 진료비 정보를 안녕하 감사합 부탁드 "
    "이름은 성명은 주민등 외국인 유학생 세대주 배우자 장남은 장녀는 김치찌 안녕히 이번에 정말로 조금만 한국에".split()
)
# Words the Chinese pattern would otherwise take for a name (我是学生, 孩子（小学生）).
_NOT_NAMES: Final = frozenset("学生 小学生 中学生 高中生 大学生 公司 职员 老师 医生 外国人 中国人 日本人 留学生 一个 本人".split())


def cjk_intro_names(t: str) -> list[tuple[int, int, float]]:
    """(start, end, score) of Chinese and Korean names after a self-introduction or a family word."""
    # Both patterns open with literal words, so sre skips ahead to them; no guard is needed.
    out = [
        (*m.span("name"), 0.8)
        for m in _CHINESE_RE.finditer(t)
        if m.group("name").replace(" ", "").replace("\u3000", "") not in _NOT_NAMES
    ]
    out.extend((*m.span("name"), 0.8) for m in _KOREAN_RE.finditer(t))
    out.extend(hangul_names(t))
    return out


def hangul_names(t: str) -> list[tuple[int, int, float]]:
    """Korean names in Hangul in a Japanese text: labelled, or a lone word of three syllables (or two to
    four in brackets) opening with a family name. Korean prose (more than a few Hangul words) is left to
    the patterns above: its words would be taken for names."""
    hangul_words = len(_HANGUL_RUN_RE.findall(t))
    if not hangul_words:
        return []
    out = [(*m.span("name"), 0.8) for m in _HANGUL_LABELLED_RE.finditer(t)]
    if hangul_words <= 4:
        for m in _HANGUL_WORD_RE.finditer(t):
            g = "name" if m.group("name") else "bracketed"
            # (a word standing alone only where Hangul is a word or two: a Korean sentence is no name)
            if g == "name" and hangul_words > 2:
                continue
            if m.group(g)[0] in _KOREAN_FAMILY and m.group(g) not in _HANGUL_NOT_NAMES:
                out.append((*m.span(g), 0.8))
    return out
