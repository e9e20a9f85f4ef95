"""Names that sign a quoted remark: survey answers, comments and voices collected in a report, each closed
by the name of who said it — 「英語の案内があって助かった」 Marco, 「階段だけなので」（本田）.

The name stands alone after the closing bracket, to the end of the line (or in brackets there), so a
sentence that goes on after a quotation (「…」と言った) is no attribution.
"""

from __future__ import annotations

import re
from typing import Final

# After 」 or 』: a name in brackets, or a name alone, and nothing more on the line.
_ATTRIBUTED_RE: Final = re.compile(
    r"[」』][ \t\u3000]*(?:[（(][ \u3000]*(?P<bracketed>[^（）()\n、,。]{1,24}?)[ \u3000]*[）)]|[—―ー-]?[ \t\u3000]*(?P<alone>[^\s（）()、,。「」]{2,24}(?:[ \u3000][^\s（）()、,。「」]{1,16})?))"
    r"[ \t\u3000]*(?=\n|$)"
)
# A name's shape: Latin words, katakana (with ・), kanji with an optional space, kana.
_NAME_SHAPE_RE: Final = re.compile(
    r"[A-Z][A-Za-z\u00c0-\u024f'\-]+(?:[ ][A-Z][A-Za-z\u00c0-\u024f'\-]+){0,3}"
    r"|[ァ-ヺー]{2,8}(?:[・＝ \u3000][ァ-ヺー]{1,8}){0,3}"
    r"|[一-龥々]{2,4}(?:[ \u3000][一-龥々]{1,3})?"
    r"|[ぁ-ゖ]{2,6}(?:[ \u3000][ぁ-ゖ]{2,5})?"
)
# Who said it, but no one by name.
_NOT_NAMES: Final = frozenset(
    (
        "無記名 匿名 匿名希望 記名なし 不明 同上 複数 多数 参加者 住民 保護者 児童 生徒 職員 市民 区民 町民 村民 回答者 本人 "
        # or what the bracket says about the quotation itself
        "抜粋 原文 要約 再掲 全文 一部 英語 日本語 中国語 韓国語 別紙 参考 原案 仮称 要旨 続き 意訳 直訳 回答 質問 意見 苦情 "
        "要望 感想 自由記述 記述 原稿 案内 通知 例文 文例 見出し 件名 題名 表題 標語 キャッチコピー スローガン"
    ).split()
)
# At least two attributed remarks make a list of voices; one alone may be a title or a source.
_MIN_REMARKS: Final = 2


def attributed_names(t: str) -> list[tuple[int, int, float]]:
    """(start, end, score) of the names that close quoted remarks, where a text has two or more of them."""
    if t.count("」") + t.count("』") < _MIN_REMARKS:
        return []
    out: list[tuple[int, int, float]] = []
    remarks = 0
    for m in _ATTRIBUTED_RE.finditer(t):
        remarks += 1
        g = "bracketed" if m.group("bracketed") is not None else "alone"
        name = m.group(g)
        if name in _NOT_NAMES or _NAME_SHAPE_RE.fullmatch(name) is None:
            continue
        out.append((*m.span(g), 0.75))
    return out if remarks >= _MIN_REMARKS else []
