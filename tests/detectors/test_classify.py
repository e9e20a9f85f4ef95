"""Classification under the shipped default and under a custom scheme."""

from __future__ import annotations

import pytest

from detectors.classify import DEFAULT_CLASSIFIER, Classifier, ClassRule, Level
from detectors.model import Detection, Finding, Marking


def _det(
    entities: tuple[str, ...] = (),
    markings: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
) -> Detection:
    return Detection(
        findings=tuple(Finding(e, 0, 1, "x", 0.9, "test") for e in entities),
        markings=tuple(Marking(m, 0, 1, m) for m in markings),
        tags=frozenset(tags),
        keywords=frozenset(keywords),
    )


@pytest.mark.parametrize(
    ("detection", "level", "rank"),
    [
        (_det(tags=("personal",)), "機密性2", 2),
        (_det(tags=("personal", "sensitive_personal")), "機密性3", 3),
        (_det(tags=("personal", "specific_personal")), "機密性3", 3),
        (_det(markings=("機密性2",)), "機密性2", 2),
        (_det(markings=("機密性3",)), "機密性3", 3),
        (_det(markings=("極秘",)), "機密性3", 3),
        (_det(markings=("秘",)), "機密性3", 3),
        (_det(markings=("部外秘",)), "機密性2", 2),
        (_det(markings=("関係者限り",)), "機密性2", 2),
        (_det(markings=("機密性1",)), "機密性1", 1),
        (_det(markings=("機密性2",), tags=("personal", "sensitive_personal")), "機密性3", 3),
        (_det(entities=("LOCATION",)), "機密性1", 1),
        (_det(), "機密性1", 1),
    ],
)
def test_default_scheme(detection: Detection, level: str, rank: int) -> None:
    result = DEFAULT_CLASSIFIER.classify(detection)
    assert (result.level, result.rank) == (level, rank)


def test_reasons_name_every_matching_rule() -> None:
    result = DEFAULT_CLASSIFIER.classify(_det(markings=("部外秘",), tags=("personal",)))
    assert result.reasons == ("personal", "marking:機密性2")
    assert DEFAULT_CLASSIFIER.classify(_det()).reasons == ()


FIVE = Classifier(
    levels=tuple(
        Level(lb, r)
        for r, lb in enumerate(
            ["自治体機密性1", "自治体機密性2", "自治体機密性3C", "自治体機密性3B", "自治体機密性3A"], 1
        )
    ),
    rules=(
        ClassRule(level="自治体機密性2", entities=frozenset({"PERSON"}), id="person"),
        ClassRule(level="自治体機密性3B", keywords=frozenset({"sensitive:病歴"}), id="disease"),
        ClassRule(level="自治体機密性3A", markings=frozenset({"機密性3A"}), id="3a"),
    ),
)


@pytest.mark.parametrize(
    ("detection", "level"),
    [
        (_det(entities=("PERSON",)), "自治体機密性2"),
        (_det(entities=("PERSON",), keywords=("sensitive:病歴",)), "自治体機密性3B"),
        (_det(keywords=("sensitive:障害",)), "自治体機密性1"),
        (_det(markings=("機密性3A",), keywords=("sensitive:病歴",)), "自治体機密性3A"),
    ],
)
def test_custom_scheme_takes_the_highest_matching_rule(detection: Detection, level: str) -> None:
    assert FIVE.classify(detection).level == level


@pytest.mark.parametrize(
    ("levels", "rules", "message"),
    [
        ((), (), "at least one level"),
        ((Level("a", 1), Level("a", 2)), (), "duplicate"),
        ((Level("a", 2), Level("b", 1)), (), "low → high"),
        ((Level("a", 1),), (ClassRule(level="z", tags=frozenset({"personal"}), id="r"),), "unknown level 'z'"),
        ((Level("a", 1),), (ClassRule(level="a", id="empty"),), "names no marking"),
    ],
)
def test_invalid_schemes_are_refused(levels: tuple[Level, ...], rules: tuple[ClassRule, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Classifier(levels=levels, rules=rules)
