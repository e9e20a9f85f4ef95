"""Latin-script names after an English form label (detectors/person/english_labels.py)."""

from __future__ import annotations

import pytest

from detectors import scan


def _persons(text: str) -> list[str]:
    return [f.text for f in scan(text).findings if f.entity == "PERSON"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Visitor: Olumide Adeyemi / tel 080-6097-1152", ["Olumide Adeyemi"]),
        ("Next Monday.\nInterpreter: K. Omori", ["K. Omori"]),
        (
            "Head of household: Antônio José Fernandes Neto. Insured persons: Cláudia Regina Fernandes, Beatriz (child).",
            ["Antônio José Fernandes Neto", "Cláudia Regina Fernandes", "Beatriz"],
        ),
        ("Tel. 06 6781 3351. Taken by HAYASHI (Tax Div.).", ["HAYASHI"]),
        # one person after a label of one: the nationality after the comma is no one
        ("Client: Dewi Lestari, Indonesian, 27, living with her husband", ["Dewi Lestari"]),
        # no colon, no name; a placeholder is no one
        ("Children Services and Resident Registration are on the 2nd floor.", []),
        ("Name: N/A\nApplicant: The applicant must sign.", []),
        # a month after a relative's word is a date (my son Lucas is a name)
        ("Date of birth of child: July 28 (expected)\nAddress", []),
        ("my son Lucas goes to school", ["Lucas"]),
    ],
    ids=["visitor", "initials", "household-list", "taken-by", "one-client", "no-colon", "placeholders", "month", "son"],
)
def test_names_after_english_labels(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our trainee Dimas Prasetyo (born 23 October 2001) moved to Sakai-machi.", ["Dimas Prasetyo"]),
        ("Husband Hiroshi (Japanese) arrived at 4 a.m.", ["Hiroshi"]),
        ("We have two children, Angelica (5) and Miguel (2).", ["Angelica", "Miguel"]),
        ("Child 1: Jose, born 2015-03-01\nChild 2: Althea, born (left blank)", ["Jose", "Althea"]),
        ('The director asked us to call him "Bob".', ["Bob"]),
        # an age or a number in brackets without children in the line is a figure, a table, a year
        ("Please see Figure (2) and Table (3). The Ministry (2024) says so.", []),
    ],
    ids=["role-born", "relation", "children-ages", "numbered-label", "called", "no-cue"],
)
def test_names_running_english_marks(text: str, expected: list[str]) -> None:
    assert _persons(text) == expected
