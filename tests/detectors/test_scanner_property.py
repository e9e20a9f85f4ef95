"""Property: whatever the text, scan() returns in-bounds findings whose text is the original slice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import scan

# Pieces that make detectors fire, mixed with arbitrary characters so boundaries land anywhere.
_PIECES = st.sampled_from(
    [
        "山田太郎", "さん", "様", "氏", "ｽｽﾞｷ", "・", "＝", "東京都", "千代田区", "霞が関", "１－２－３", "1-2-3", "丁目", "番地",
        "090-1234-5678", "123456789018", "機密性２", "【機2】", "秘", "部外秘", "糖尿病", "生活保護", "制度", "\n", " ", "　",
        "John", "Smith", "Mr. ", "氏名：", "（", "）", "\u200b", "か\u3099", "😀", "\ud800", "〇", "一二三四", "ー", "－",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_findings_index_the_original(text: str) -> None:
    result = scan(text)
    last_end = 0
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert f.start >= last_end  # sorted, not overlapping
        last_end = f.end
    for m in result.detection.markings:
        assert text[m.start : m.end] == m.text
    assert result.level in ("機密性1", "機密性2", "機密性3")
