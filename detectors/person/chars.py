"""The character classes names are written in, spelt once for every PERSON stage.

HAN is U+4E00–U+9FA5, the range every stage has always used (it leaves out a few name characters
beyond it, such as 﨑 U+FA11; widening it is a detection change, measured on its own).
"""

from __future__ import annotations

import re
from typing import Final

HAN: Final = "一-龥"
# A kanji in a name: HAN with the iteration and abbreviation marks (佐々木, 〆谷, 一ヶ谷).
KANJI: Final = HAN + "々〆ヶ"
HIRAGANA: Final = "ぁ-ゖ"
KATAKANA: Final = "ァ-ヺ"
HANGUL: Final = "가-힣"
SPACES: Final = " \u3000"
# What joins the parts of a foreign name written in katakana (ジョン・スミス, ジャン＝ポール).
JOINERS: Final = frozenset("・＝=")

KANJI_RE: Final = re.compile(f"[{KANJI}]")  # one kanji
KANJI_RUN_RE: Final = re.compile(f"[{KANJI}]+")
HIRAGANA_RUN_RE: Final = re.compile(f"[{HIRAGANA}ー]+")  # with the long-vowel mark
KATAKANA_RUN_RE: Final = re.compile(f"[{KATAKANA}ー]+")
# A katakana name token: the long-vowel mark and the separators foreign names are written with.
KATAKANA_NAME_RE: Final = re.compile(f"[{KATAKANA}ー・＝=]+")
