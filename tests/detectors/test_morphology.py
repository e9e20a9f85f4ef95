"""The morphology pass: windows under Sudachi's limit, one tokenisation per text."""

from __future__ import annotations

import pytest

from detectors.detector import Artifacts
from detectors.morphology import MAX_CHARS, MEI, PIECE_CHARS, SEI, split_points, tokenize, tokens
from detectors.normalize import normalize


@pytest.mark.parametrize(
    "text",
    ["短い文。", "一行目。\n" * 5000, "あ" * 30_001, ("文。" * 7000), "😀" * 20_000],
)
def test_windows_cover_the_text_and_stay_under_the_limit(text: str) -> None:
    spans = split_points(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 < e - s <= MAX_CHARS and len(text[s:e].encode("utf-8", "surrogatepass")) < 49_149 for s, e in spans)


def test_windows_end_after_a_line_break() -> None:
    text = "一行目の文章です。\n" * 3000
    for _, e in split_points(text)[:-1]:
        assert text[e - 1] == "\n"


def test_family_and_given_names_are_tagged() -> None:
    t = tokenize("山田太郎さん")
    assert [t.surface(i) for i in range(len(t))][:2] == ["山田", "太郎"]
    assert t.kinds[:2] == [SEI, MEI]


def test_long_text_tokenises_window_by_window() -> None:
    text = "山田太郎さん。" * 10_000  # 70,000 characters
    t = tokenize(text)
    assert t.begins[-1] < len(text) and t.ends[-1] == len(text)
    assert sum(1 for i in range(len(t)) if t.surface(i) == "山田") == 10_000


def test_tokens_are_computed_once_per_text() -> None:
    art = Artifacts(original="山田太郎", normalized=normalize("山田太郎"))
    assert tokens(art) is tokens(art)


def test_pieces_tile_the_text_and_cut_only_between_sentences() -> None:
    sentence = "市民課の山田太郎さんが、転居届の書き方について窓口で相談した。\n"
    text = sentence * 300  # ~10,000 characters: several PIECE_CHARS pieces, one scanner window
    assert len(text) > 5 * PIECE_CHARS
    t = tokenize(text)
    assert t.begins[0] == 0 and t.ends[-1] == len(text)
    assert all(t.begins[i + 1] == t.ends[i] for i in range(len(t) - 1))
    assert t.kind_codes == bytes(t.kinds)
    one = tokenize(sentence)
    words = [one.surface(i) for i in range(len(one))]
    assert [t.surface(i) for i in range(len(t))] == words * 300


def test_a_long_sentence_with_no_end_is_cut_between_clauses_and_loses_no_name() -> None:
    from detectors import scan

    clause = "担当は山田太郎さん、"
    text = clause * 200  # 2,000 characters and not one 。 or line break
    assert len(text) > 4 * PIECE_CHARS
    t = tokenize(text)
    assert all(t.begins[i + 1] == t.ends[i] for i in range(len(t) - 1))
    names = [f.text for f in scan(text).findings if f.entity == "PERSON"]
    assert names == ["山田太郎"] * 200
