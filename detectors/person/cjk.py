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
    return out
