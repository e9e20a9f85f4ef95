"""Detections of separate texts put together as the detection of their concatenation.

The gateway scans a conversation message by message (each result cached), then needs one detection
of the whole request: offsets shifted into the joined text, and the tags decided over everything,
since a sensitive keyword in one message and the person in another still make 要配慮個人情報.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from detectors.model import PERSONAL_ENTITY_TYPES, Detection, Finding, Marking
from detectors.sensitive import SUBJECT_TYPES, names_a_subject

# A keyword label: everyone the text names acts in office (議事録の委員, 質問する議員, 講師), so its 要配慮
# words are about no one. Set per text by the Scanner; kept by `combine` only if every text naming
# someone carries it.
IN_OFFICE: Final = "context:in_office"
_NAMING: Final = SUBJECT_TYPES | {"PERSON"}


def tags_for(
    findings: Iterable[Finding], keywords: Iterable[str], personal: frozenset[str] = PERSONAL_ENTITY_TYPES
) -> frozenset[str]:
    """personal / sensitive_personal / specific_personal, as `Scanner.detect` decides them; `personal`
    are the types that identify a person (the canonical ones and the policy's personal custom types)."""
    entities = {f.entity for f in findings}
    keywords = frozenset(keywords)
    tags: set[str] = set()
    if entities & personal:
        tags.add("personal")
        if IN_OFFICE not in keywords and any(k.startswith("sensitive:") for k in keywords):
            tags.add("sensitive_personal")
    if "MY_NUMBER" in entities:
        tags.add("specific_personal")
    return frozenset(tags)


def combine(
    parts: Sequence[tuple[int, Detection]], text: str, personal: frozenset[str] = PERSONAL_ENTITY_TYPES
) -> Detection:
    """One detection of `text` from detections of its pieces, each given with its offset in `text`."""
    findings: list[Finding] = []
    markings: list[Marking] = []
    keywords: set[str] = set()
    for base, d in parts:
        findings.extend(
            Finding(f.entity, f.start + base, f.end + base, text[f.start + base : f.end + base], f.score, f.detector)
            for f in d.findings
        )
        markings.extend(Marking(m.label, m.start + base, m.end + base, text[m.start + base : m.end + base]) for m in d.markings)
        keywords |= d.keywords
    naming = [d for _, d in parts if any(f.entity in _NAMING for f in d.findings)]
    if not naming or not all(IN_OFFICE in d.keywords for d in naming) or names_a_subject(text):
        keywords.discard(IN_OFFICE)  # someone the request names may be the one its 要配慮 words are about
    return Detection(tuple(findings), tuple(markings), tags_for(findings, keywords, personal), frozenset(keywords))


def with_spans(d: Detection, spans: Sequence[tuple[int, int, str, str]], text: str) -> Detection:
    """`d` with whole spans (start, end, entity, detector id) made findings, replacing those inside them."""
    if not spans:
        return d
    def inside(f: Finding) -> bool:
        return any(s <= f.start and f.end <= e for s, e, _, _ in spans)

    kept = [f for f in d.findings if not inside(f)]
    kept += [Finding(entity, s, e, text[s:e], 1.0, det) for s, e, entity, det in spans]
    kept.sort(key=lambda f: (f.start, f.end))
    keywords = d.keywords
    if any(entity in _NAMING for _, _, entity, _ in spans):
        keywords = keywords - {IN_OFFICE}  # a field that names someone: not known to act in office
    return Detection(tuple(kept), d.markings, tags_for(kept, keywords), keywords)
