"""Consistency checks every labelled set must pass: spans, check digits, tags and levels, the switchboard.

Shared by the tests of the shipped (template) set and of the hand-written held-out set.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from detectors.evaluation import GoldExample
from detectors.model import PERSONAL_ENTITY_TYPES
from tests.detectors.evaluation.helpers import (
    corporate_ok,
    digits,
    luhn_ok,
    my_number_ok,
)

SWITCHBOARD = "099-000-1234"
# A run of exactly twelve digits: not the head of a card number grouped 4-4-4-4.
_TWELVE = re.compile(r"(?<![0-9])(?<![0-9][ -])[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])(?![ -][0-9])")
# 「機密性２」以上の情報は… is the guideline talked about, not a marking (eval/municipal/README.md).
_MARKINGS_3 = re.compile(r"機密性[3３](?![」』]?以[上下])|極秘|^[（(［\[]?秘[）)］\]]?$|【秘】", re.M)  # 「秘」 stamped, bracketed or not
_MARKINGS_2 = re.compile(r"機密性[2２](?![」』]?以[上下])|【機2】|取扱注意|部外秘|関係者限り|取扱制限|複製禁止")


def assert_spans_index_the_text(examples: Sequence[GoldExample]) -> None:
    for ex in examples:
        for s in ex.entities:
            assert ex.text[s.start : s.end] == s.text, ex.id
            assert s.text == s.text.strip(), ex.id
        ordered = sorted(ex.entities, key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False)), f"{ex.id}: overlapping gold spans"


def assert_identifiers_carry_valid_check_digits(examples: Sequence[GoldExample]) -> dict[str, list[str]]:
    """The digits of every identifier span by type, after checking those with a check digit."""
    by_type: dict[str, list[str]] = {}
    for ex in examples:
        for s in ex.entities:
            by_type.setdefault(s.type, []).append(digits(s.text))
    assert all(len(d) == 12 and my_number_ok(d) for d in by_type.get("MY_NUMBER", []))
    assert all(len(d) == 13 and corporate_ok(d) for d in by_type.get("CORPORATE_NUMBER", []))
    assert all(len(d) == 16 and luhn_ok(d) for d in by_type.get("CREDIT_CARD", []))
    assert all(len(d) == 12 and not my_number_ok(d) for d in by_type.get("DRIVERS_LICENSE", []))
    return by_type


def assert_every_valid_my_number_is_annotated(examples: Sequence[GoldExample]) -> int:
    """A checksum-valid 12-digit run outside a MY_NUMBER span would make the gold wrong.

    Returns how many failing 12-digit runs the negatives hold (伝票番号 that look like 個人番号).
    """
    failing_in_negatives = 0
    for ex in examples:
        norm = unicodedata.normalize("NFKC", ex.text)
        if len(norm) != len(ex.text):
            continue  # offsets into `norm` would not be offsets into the text
        gold_spans = {(s.start, s.end) for s in ex.entities if s.type == "MY_NUMBER"}
        for m in _TWELVE.finditer(norm):
            if my_number_ok(digits(m.group())):
                assert (m.start(), m.end()) in gold_spans, f"{ex.id}: unannotated valid 個人番号 at {m.start()}"
            elif not ex.entities:
                failing_in_negatives += 1
    return failing_in_negatives


def assert_tags_and_levels_follow_the_documented_rules(examples: Sequence[GoldExample]) -> None:
    """eval/municipal/README.md's rules: tags from the spans, the level from tags and markings."""
    for ex in examples:
        types = {s.type for s in ex.entities}
        assert ("personal" in ex.tags) == bool(types & PERSONAL_ENTITY_TYPES), ex.id
        assert ("specific_personal" in ex.tags) == ("MY_NUMBER" in types), ex.id
        # 要配慮 content is about a person identified in the text: by name, or by an address or a number
        # alone (a visit list of addresses with care levels, set 90).
        assert "sensitive_personal" not in ex.tags or "personal" in ex.tags, ex.id
        expected = 1
        # The writer says 機密性 is named as a topic, in English or Japanese.
        marked = not any(p in ex.notes for p in ("not a marking", "not markings", "表示（marking）ではない", "表示ではない", "マーキングではない"))
        if marked and _MARKINGS_3.search(ex.text):
            expected = 3
        elif (marked and _MARKINGS_2.search(ex.text)) or "personal" in ex.tags:
            expected = 2
        if ex.tags & {"sensitive_personal", "specific_personal"}:
            expected = 3
        assert ex.level == f"機密性{expected}", ex.id


def switchboard_mentions(examples: Sequence[GoldExample]) -> int:
    """How often the city's switchboard appears; it must never be inside a gold span."""
    hits = 0
    for ex in examples:
        norm = unicodedata.normalize("NFKC", ex.text)
        for m in re.finditer(re.escape(SWITCHBOARD), norm):
            hits += 1
            assert not any(s.start < m.end() and m.start() < s.end for s in ex.entities), ex.id
    return hits
