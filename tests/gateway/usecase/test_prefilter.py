"""The classifier's pattern prefilter never rules out a text a pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.usecase import default_taxonomy_path, load_taxonomy
from gateway.usecase.prefilter import needed_chars

SHIPPED = [p for p, _, _ in load_taxonomy(default_taxonomy_path()).patterns]


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        ("(案|アイデア|候補)を?(出して|挙げて)", "出挙"),  # the smallest mandatory item's set
        ("(?<![文答])案[。?]?$", "案"),  # lookbehinds and anchors need nothing
        ("(\\d+|[一二三])つ?(案|候補)", "案候"),
        ("[a-c]列", "列"),
        ("(?:x|y)+z?", "xy"),
        ("ab*", "a"),
        ("\\d+", None),  # a category: no set
        ("[^。]+です", "で"),  # of equal sets, the first
        ("(?:い|)です", "で"),
        ("(?:い|\\w)", None),  # an alternative without a set: the branch has none
        ("(?i)abc", None),  # case-insensitive: none
        ("x?y*", None),  # nothing mandatory
    ],
)
def test_needed_characters_of_a_pattern(pattern: str, needed: str | None) -> None:
    found = needed_chars(re.compile(pattern))
    if needed is None:
        assert found is None
    else:
        assert found == frozenset(needed)


@pytest.mark.parametrize("pattern", SHIPPED, ids=[p.pattern[:30] for p in SHIPPED])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_text_a_shipped_pattern_matches_has_one_of_its_needed_characters(pattern: re.Pattern[str], data: st.DataObject) -> None:
    needed = needed_chars(pattern)
    text = data.draw(st.from_regex(pattern))
    assert pattern.search(text) is not None
    if needed is not None:
        assert not needed.isdisjoint(text), (pattern.pattern, text, sorted(needed))
