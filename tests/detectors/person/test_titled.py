"""A family name glued to a section's title (detectors/person/titled.py): the pattern is tried only before
each 長, with the matches of a plain scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.person import titled

_PIECES = st.sampled_from(
    ["伊集院", "久住", "教育", "こども未来", "総務", "山田", "部", "課", "局", "室", "係", "次", "長", "部長", "次長", "室長",
     "千葉県", "市", "の", "が", "と", "、", "。", " ", "\u3000", "\n", "ア", "ー", "々", "ヶ", "1", "a", "野", "保険年金"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(_PIECES, max_size=24).map("".join))
def test_the_same_matches_as_a_plain_scan(text: str) -> None:
    assert [m.span() for m in titled._titled(text)] == [m.span() for m in titled._TITLED_RE.finditer(text)]


def test_a_long_section_is_within_reach() -> None:
    text = "ああ伊集院こども未来保険年金部長と"
    assert [m.span() for m in titled._titled(text)] == [m.span() for m in titled._TITLED_RE.finditer(text)] != []
