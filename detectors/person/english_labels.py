"""Latin-script names after an English form label: `Visitor: Olumide Adeyemi`, `Head of household: Antônio
José Fernandes Neto`, `Insured persons: A, B, Beatriz (child)`, `Interpreter: K. Omori`, `Taken by HAYASHI`.

The label says a person stands there, so one capitalised word is enough, and so are names in capitals
(passport order) and names with initials; the names listed after the first with commas are people too.
"""

from __future__ import annotations

import re
from typing import Final

from detectors.openings import Opening

_LABELS: Final = (
    "Visitor|Visitors|Applicant|Applicants|Interpreter|Translator|Head of household|Householder|Insured persons?|"
    "Patient|Client|Resident|Caller|Contact person|Guardian|Parent|Parents|Child|Children|Spouse|Tenant|Owner|"
    "Full name|Name|Staff|Signed|Sender|Account holder|Beneficiary"
)
_LETTER: Final = "a-z\u00c0-\u024f\u1e00-\u1eff"
_WORD: Final = f"(?:[A-Z]\\.[ ]?){{0,2}}(?:[OD]['’])?[A-Z][{_LETTER}]+(?:-[A-Z][{_LETTER}]+)?|[A-Z]{{2,}}"  # (O'Connor)
_NAME: Final = f"(?:{_WORD})(?:[ ](?:{_WORD}|d[aeo]s?|de la|van|bin|binti)){{0,5}}"
_LABELLED_RE: Final = re.compile(
    # (a colon after the label; only "… by" goes without one: Children Services is no child's name)
    # (a child counted in a list: Child 2: Althea)
    f"(?<![A-Za-z])(?:(?P<label>{_LABELS})(?:[ ]?[0-9]{{1,2}})?[ ]?:[ ]*|(?:Taken|Handled|Received|Reported|Signed) by[ ]+)(?P<name>{_NAME})(?![{_LETTER}A-Z])"
)
_LABELLED_AT: Final = Opening(_LABELLED_RE)  # tried only at its labels' capitals
_MORE_RE: Final = re.compile(f",[ ](?P<name>{_NAME})(?![{_LETTER}A-Z])")
# Words a label may be followed by that are no one's name.
_NOT_NAMES: Final = frozenset(
    "The A An None N/A Not See Please Yes No Unknown TBD Same Staff City Office Division Section Desk".split()
)


def english_labelled_names(t: str) -> list[tuple[int, int, float]]:
    """(start, end, score) of names after an English form label in `t`, the normalised text."""
    if ":" not in t and "by " not in t:
        return []
    out: list[tuple[int, int, float]] = []
    for m in _LABELLED_AT.finditer(t):
        if m.group("name").split(" ")[0] in _NOT_NAMES:
            continue
        s, e = m.span("name")
        out.append((s, e, 0.8))
        # (a list only after a label of many: Insured persons: A, B; not Client: Dewi Lestari, Indonesian)
        many = (m.group("label") or "").endswith(("s", "Children"))
        while many and (more := _MORE_RE.match(t, e)) is not None and more.group("name").split(" ")[0] not in _NOT_NAMES:
            s, e = more.span("name")
            out.append((s, e, 0.8))
    return out


# A relation or a role in running English, then a name and a bracket (our trainee Dimas Prasetyo (born …),
# Husband Hiroshi (Japanese)); a name with its birth in brackets (Maria Santos (born 2019)); a child's name
# with an age in a line about children (children, Angelica (5) and Miguel (2)); what someone asks to be called.
_ROLE_WORDS: Final = (
    "[Hh]usband|[Ww]ife|[Ss]on|[Dd]aughter|[Ff]ather|[Mm]other|[Bb]rother|[Ss]ister|[Tt]rainee|[Ee]mployee|[Cc]olleague|"
    "[Ww]orker|[Ss]tudent|[Bb]aby|[Pp]artner|[Ff]iance|[Ff]iancee|[Nn]ephew|[Nn]iece|[Gg]randson|[Gg]randdaughter"
)
_ROLE_THEN_NAME_RE: Final = re.compile(f"(?<![A-Za-z])(?:{_ROLE_WORDS})[ ,]+(?P<name>{_NAME})(?=[ ]?\\()")
_BORN_RE: Final = re.compile(f"(?<![{_LETTER}A-Z'’])(?P<name>{_NAME})(?=[ ]?\\((?:born|b\\.|n\\.|nascid[oa]|née)[ ])")
_AGED_RE: Final = re.compile(f"(?<![{_LETTER}A-Z'’])(?P<name>{_WORD})(?=[ ]?\\([0-9]{{1,2}}\\))")
_CHILDREN_RE: Final = re.compile(r"\b(?:children|child|kids|sons?|daughters?|twins|baby|babies)\b", re.IGNORECASE)
_CALLED_RE: Final = re.compile(f"\\bcall(?:s|ed)? (?:him|her|me|them|us)[ ]+[\"“']?(?P<name>{_WORD})[\"”']?")


def english_cued_names(t: str) -> list[tuple[int, int, float]]:
    """(start, end, score) of Latin-script names that running English marks as someone's, in `t` (normalised)."""
    if "(" not in t and "call" not in t:
        return []
    out = [(*m.span("name"), 0.8) for rx in (_ROLE_THEN_NAME_RE, _BORN_RE, _CALLED_RE) for m in rx.finditer(t)]
    for m in _AGED_RE.finditer(t):
        line_start = t.rfind("\n", 0, m.start()) + 1
        line_end = t.find("\n", m.end())
        if _CHILDREN_RE.search(t, line_start, line_end if line_end >= 0 else len(t)):
            out.append((*m.span("name"), 0.8))
    return [x for x in out if t[x[0] : x[1]].split(" ")[0] not in _NOT_NAMES]
