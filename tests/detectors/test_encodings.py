"""The encodings' run finders try their patterns only where a match can open; the matches are those of
a plain `finditer` over the whole text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import encodings

# Letters, digits, hex pairs, separators and the characters that open each kind of run, among Japanese text.
_PIECES = st.sampled_from(
    ["5bGx", "55Sw", "MDkw", "LTEy", "==", "=", " ", "\n", "\t", ":", "-", "_", "+", "/", "&", "&amp;", "#x5C71;",
     "&#23665;", "&nbsp;", "%", "%E5", "%B1", "%u5C71", "\\", "\\\\u5c71", "\\x41", "\\101", "e5", "b1", "ff",
     "e5b1b1e7", "e5 b1 b1 e7", "0123", "ab", "Z", "山田", "電話", "。", "\u200b"]
)  # fmt: skip
_ASCII = st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=6)
_TEXT = st.lists(st.one_of(_PIECES, _ASCII), max_size=24).map("".join)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_base64_runs_are_looked_for_where_a_run_of_letters_starts(text: str) -> None:
    assert _spans(encodings._base64_matches(text)) == _spans(encodings._BASE64_RE.finditer(text))


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_references_escapes_and_percent_runs_are_looked_for_at_their_opening_character(text: str) -> None:
    for pattern, char in ((encodings._HTML_RE, "&"), (encodings._PERCENT_RE, "%"), (encodings._ESCAPE_RE, "\\")):
        assert _spans(encodings._opening_with(pattern, text, char)) == _spans(pattern.finditer(text))


def _hex_everywhere(text: str) -> list[tuple[int, int, str]]:
    """What `_hex` finds, with both patterns run over the whole text."""
    out = []
    for m in [*encodings._HEX_RUN_RE.finditer(text), *encodings._HEX_DUMP_RE.finditer(text)]:
        try:
            decoded = bytes.fromhex(m.group().replace(":", " ")).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if decoded.isdigit() or not m.group().isdigit():
            out.append((m.start(), m.end(), decoded))
    return out


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_hex_is_looked_for_from_the_first_place_with_its_shape(text: str) -> None:
    assert list(encodings._hex(text)) == _hex_everywhere(text)
    fast = encodings._HEX_ANY_RE.search(text)
    at = fast.start() if fast is not None else len(text) + 1
    runs = [*encodings._HEX_RUN_RE.finditer(text), *encodings._HEX_DUMP_RE.finditer(text)]
    assert all(m.start() >= at for m in runs)


def test_every_opening_character_is_what_the_patterns_start_with() -> None:
    # The finders rely on it: each pattern's every match opens with that character.
    for pattern, char in ((encodings._HTML_RE, "&"), (encodings._PERCENT_RE, "%"), (encodings._ESCAPE_RE, "\\")):
        for sample in ("&#23665;", "&amp;#x5C71;", "&nbsp;", "%E5%B1%B1", "%u5C71", "\\u5c71", "\\\\x41", "\\101"):
            m = pattern.search(sample)
            assert m is None or sample[m.start()] == char, (pattern.pattern, sample)
    assert re.fullmatch(encodings._B64_RUN_RE, "MDkw-_+/")
