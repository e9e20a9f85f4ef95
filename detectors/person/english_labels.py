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
_WORD: Final = f"(?:[A-Z]\\.[ ]?){{0,2}}[A-Z][{_LETTER}]+(?:-[A-Z][{_LETTER}]+)?|[A-Z]{{2,}}"
_NAME: Final = f"(?:{_WORD})(?:[ ](?:{_WORD}|d[aeo]s?|de la|van|bin|binti)){{0,5}}"
_LABELLED_RE: Final = re.compile(
    # (a colon after the label; only "… by" goes without one: Children Services is no child's name)
    f"(?<![A-Za-z])(?:(?P<label>{_LABELS})[ ]?:[ ]*|(?:Taken|Handled|Received|Reported|Signed) by[ ]+)(?P<name>{_NAME})(?![{_LETTER}A-Z])"
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
