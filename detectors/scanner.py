"""The Scanner: normalise once, tokenise once, run every detector, resolve overlaps, tag and classify."""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

from detectors.classify import DEFAULT_CLASSIFIER, Classifier
from detectors.combine import IN_OFFICE, tags_for
from detectors.detector import Artifacts, Detector
from detectors.encoded import with_encoded
from detectors.ids.columns import cells
from detectors.keywords import Dictionaries, KeywordMatcher
from detectors.markings import MarkingFinder
from detectors.model import PERSONAL_ENTITY_TYPES, Detection, Finding, Marking, ScanResult
from detectors.morphology import MAX_CHARS, split_points
from detectors.person.districts import districts_beside_people
from detectors.person.filters import mascot_names, not_a_name
from detectors.person.mentioned import mentioned_as_words
from detectors.person.placelists import places_in_lists
from detectors.sensitive import (
    RESULTS,
    SUBJECT_TYPES,
    Officials,
    about_a_vaccine,
    at_a_workplace,
    english_hits,
    english_not_a_fact,
    negated,
)

if TYPE_CHECKING:
    from detectors.normalize import NormalizedText

ALWAYS_MASK_ID: Final = "dictionary.always_mask"
# When two findings overlap and tie on score and length, the more specific type wins.
_SPECIFICITY: Final = {"LOCATION": 0, "PERSON": 1, "ADDRESS": 2}


def default_detectors(dictionaries: Dictionaries) -> list[Detector]:
    """The shipped detector set: identifiers, then PERSON, ADDRESS and LOCATION."""
    from detectors.ids import default_id_detectors
    from detectors.person.called import CalledPersonDetector
    from detectors.person.context import ContextPersonDetector
    from detectors.person.detector import PersonDetector
    from detectors.person.forms import FormsPersonDetector
    from detectors.person.lexicon import LexiconPersonDetector
    from detectors.person.relatives import RelativesPersonDetector
    from detectors.person.signature import SignaturePersonDetector
    from detectors.recognizers.address import AddressDetector
    from detectors.recognizers.location import LocationDetector

    return [
        *default_id_detectors(),
        PersonDetector(dictionaries),
        ContextPersonDetector(dictionaries),
        FormsPersonDetector(dictionaries),
        LexiconPersonDetector(dictionaries),
        CalledPersonDetector(),
        RelativesPersonDetector(),
        SignaturePersonDetector(),
        AddressDetector(),
        LocationDetector(),
    ]


class Scanner:
    """Detects and classifies text; immutable after construction and safe to share between threads."""

    __slots__ = (
        "_classifier",
        "_detectors",
        "_dictionaries",
        "_echo",
        "_keywords",
        "_markings",
        "_never",
        "_never_digits",
        "_not_names",
        "_officials",
        "_personal",
    )  # fmt: skip

    def __init__(
        self,
        dictionaries: Dictionaries | None = None,
        extra_detectors: Sequence[Detector] = (),
        classifier: Classifier = DEFAULT_CLASSIFIER,
        personal_entities: frozenset[str] = PERSONAL_ENTITY_TYPES,
    ) -> None:
        """`personal_entities`: the types that make a text `personal` (the canonical ones and any custom
        types the extra detectors find that identify a person)."""
        d = dictionaries if dictionaries is not None else Dictionaries.defaults()
        self._dictionaries = d
        self._detectors: tuple[Detector, ...] = (*default_detectors(d), *extra_detectors)
        from detectors.person.echo import PersonEcho

        self._echo = PersonEcho(d)
        self._classifier = classifier
        self._personal = personal_entities
        self._keywords = KeywordMatcher(d)
        self._markings = MarkingFinder(d)
        self._officials = Officials(d.official_titles)
        self._not_names = frozenset([*d.person_titles, *d.honorifics])
        self._never = frozenset(_fold(w) for w in d.never_mask)
        # Numbers on the list (the switchboard 0120-000-000) match however they are written.
        self._never_digits = frozenset(dg for w in d.never_mask if len(dg := _digits(w)) >= 6)

    @property
    def detectors(self) -> tuple[Detector, ...]:
        return self._detectors

    @property
    def classifier(self) -> Classifier:
        return self._classifier

    def scan(self, text: str) -> ScanResult:
        """Detect, then classify under this scanner's level scheme."""
        return self._classifier.classify(self.detect(text))

    def detect(self, text: str) -> Detection:
        """Findings (offsets into `text`), markings, tags and matched keyword lists."""
        kept, markings, hits = self._detect(text)
        keywords = self._in_office(text, kept, {label for _, label in hits})
        return Detection(tuple(kept), tuple(markings), tags_for(kept, keywords, self._personal), keywords)

    def detect_many(self, texts: Sequence[str]) -> list[Detection]:
        """The detections of several texts from one pass over them joined by a blank line.

        Many short texts (the messages of a conversation) cost a fraction of one pass each. Each text's
        detection is cut from the joined one, so a neighbour can only add context, as in one request.
        """
        joined = "\n\n".join(texts)
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 2
        kept, markings, hits = self._detect(joined)
        per: list[tuple[list[Finding], list[Marking], set[str]]] = [([], [], set()) for _ in texts]
        for f in kept:
            i = bisect.bisect_right(starts, f.start) - 1
            while i < len(texts) and starts[i] < f.end:  # a finding across a separator goes to both sides
                b = starts[i]
                s, e = max(f.start, b) - b, min(f.end, b + len(texts[i])) - b
                if s < e:
                    per[i][0].append(Finding(f.entity, s, e, texts[i][s:e], f.score, f.detector))
                i += 1
        for m in markings:
            i = max(bisect.bisect_right(starts, m.start) - 1, 0)
            b = starts[i]
            per[i][1].append(Marking(m.label, m.start - b, min(m.end - b, len(texts[i])), texts[i][m.start - b : m.end - b]))
        for at, label in hits:
            per[max(bisect.bisect_right(starts, at) - 1, 0)][2].add(label)
        out: list[Detection] = []
        for t, (found, marks, labels) in zip(texts, per, strict=True):
            keywords = self._in_office(t, found, labels)
            out.append(Detection(tuple(found), tuple(marks), tags_for(found, keywords, self._personal), keywords))
        return out

    def _detect(self, text: str) -> tuple[list[Finding], list[Marking], list[tuple[int, str]]]:
        """Findings and markings of `text`, and each keyword list matched with where it matched."""
        if not isinstance(text, str):
            raise TypeError(f"scan() takes a str, not {type(text).__name__}")
        # Base64, character references, percent-encoding and escapes are read decoded as well; a text of
        # one chunk is normalised once for both.
        normalized: list[NormalizedText] = []
        plain = self._detect_text(text, normalized)
        return with_encoded(text, plain, self._detect_text, normalized[0] if len(normalized) == 1 else None)

    def _in_office(self, text: str, findings: Sequence[Finding], keywords: set[str] | frozenset[str]) -> frozenset[str]:
        """`keywords`, with IN_OFFICE when everyone `text` names acts in office (minutes, a councillor's
        question, a lecturer): its 要配慮 words are then about no one, unless another message names someone."""
        if self._officials.only_officials(text, findings, SUBJECT_TYPES):
            return frozenset({*keywords, IN_OFFICE})
        return frozenset(keywords)

    def _detect_text(
        self, text: str, normalized: list[NormalizedText] | None = None
    ) -> tuple[list[Finding], list[Marking], list[tuple[int, str]]]:
        """The same, over `text` as written; each chunk's normalised text is added to `normalized`."""
        from detectors.normalize import normalize

        kept: list[Finding] = []
        markings: list[Marking] = []
        hits: list[tuple[int, str]] = []
        # Chunks end on a line or sentence boundary, so no entity is cut in two in practice and
        # the morphology pass stays under Sudachi's input limit.
        for base, end in split_points(text, MAX_CHARS):
            chunk = text[base:end]
            art = Artifacts(original=chunk, normalized=normalize(chunk))
            if normalized is not None:
                normalized.append(art.normalized)
            found: list[Finding] = []
            for det in self._detectors:
                found.extend(det.detect(chunk, art))
            # Family and given names alone, where a detector found the full name in the same chunk.
            found.extend(self._echo.find(found, art))
            mascots = mascot_names(chunk, (f.text for f in found if f.entity == "PERSON"))
            found = [
                f
                for f in districts_beside_people(
                    chunk,
                    places_in_lists(
                        chunk,
                        mentioned_as_words(chunk, found),
                        _place_cells(art) if found else frozenset(),
                        self._dictionaries.local_places,
                    ),
                )
                if not not_a_name(f.entity, f.text, self._not_names, chunk[max(0, f.start - 12) : f.start], chunk[f.end : f.end + 12])
                and not (f.entity == "PERSON" and f.text in mascots)
            ]
            found.extend(self._keyword_findings(art, chunk, base, hits))
            # Chunks do not overlap, so overlaps are resolved chunk by chunk, before the shift.
            kept.extend(_shift(f, base, text) for f in _resolve(f for f in found if not self._never_masked(f)))
            markings.extend(_shift_marking(m, base, text) for m in self._markings.find(art))
        return kept, markings, hits

    def _keyword_findings(self, art: Artifacts, text: str, base: int, hits: list[tuple[int, str]]) -> list[Finding]:
        norm = art.normalized
        out: list[Finding] = []
        for hit in self._keywords.hits(norm.text):
            general: bool | None = None
            at = base + norm.to_original(hit.start, hit.end)[0]
            for kind, name in hit.lists:
                if kind == "always_mask":
                    s, e = norm.to_original(hit.start, hit.end)
                    out.append(Finding(name, s, e, text[s:e], 1.0, ALWAYS_MASK_ID))
                elif kind == "sensitive":
                    if general is None:
                        general = (
                            self._keywords.is_general(norm.text, hit.end)
                            or (norm.text[hit.end - 1].isascii() and english_not_a_fact(norm.text, hit.start, hit.end))
                            or at_a_workplace(norm.text, hit.start)
                        )
                    if general or (name == "病歴" and about_a_vaccine(norm.text, hit.start, hit.end)):
                        continue
                    # A finding stated as an absence (有意語なし) is still a result; a status denied is not.
                    if name in RESULTS or not negated(norm.text, hit.start, hit.end, name):
                        hits.append((at, f"sensitive:{name}"))
                else:
                    hits.append((at, f"keyword:{name}"))
        for s, _, name in english_hits(norm.text):
            hits.append((base + norm.to_original(s, s + 1)[0], f"sensitive:{name}"))
        return out

    def _never_masked(self, f: Finding) -> bool:
        if not self._never or f.detector == ALWAYS_MASK_ID:
            return False
        if _fold(f.text) in self._never:
            return True
        return (
            bool(self._never_digits)
            and _NUMBERISH_RE.fullmatch(_fold(f.text)) is not None
            and (_digits(f.text) in self._never_digits)
        )


_SPACES_RE: Final = re.compile(r"\s+")
_NUMBERISH_RE: Final = re.compile(r"[0-9()\-+. ]+")


def _place_cells(art: Artifacts) -> frozenset[tuple[int, int]]:
    """Spans, in the chunk as written, of the table cells under a header naming places (大字, 所在地, 地区)."""
    norm = art.normalized
    return frozenset(norm.to_original(s, e) for s, e in cells(art, "LOCATION", strip=" \t\u3000"))


def _fold(s: str) -> str:
    """NFKC without whitespace: 「山田 太郎」 on the list also covers 「山田太郎」 in the text."""
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", s))


def _digits(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", s) if "0" <= c <= "9")


def _shift(f: Finding, base: int, text: str) -> Finding:
    if base == 0:
        return f
    s, e = f.start + base, f.end + base
    return Finding(f.entity, s, e, text[s:e], f.score, f.detector)


def _shift_marking(m: Marking, base: int, text: str) -> Marking:
    if base == 0:
        return m
    s, e = m.start + base, m.end + base
    return Marking(m.label, s, e, text[s:e])


def _rank(f: Finding) -> tuple[float, int, int, int, str, str]:
    # Identifiers (checksummed, labelled) are the most specific of all.
    spec = _SPECIFICITY.get(f.entity, 3)
    return (-f.score, -(f.end - f.start), -spec, f.start, f.entity, f.detector)


def _resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Non-overlapping findings, best first by score, then length, then specificity; in text order."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Finding] = []
    for f in sorted(findings, key=_rank):
        if f.end <= f.start:
            continue
        i = bisect.bisect_right(starts, f.start)
        if i > 0 and ends[i - 1] > f.start:
            continue
        if i < len(starts) and starts[i] < f.end:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.insert(i, f)
    return kept


_DEFAULT: list[Scanner] = []
_DEFAULT_LOCK: Final = threading.Lock()


def default_scanner() -> Scanner:
    """The module's shared Scanner with the shipped lists and level scheme, built on first use."""
    if not _DEFAULT:
        with _DEFAULT_LOCK:
            if not _DEFAULT:
                _DEFAULT.append(Scanner())
    return _DEFAULT[0]


def scan(text: str) -> ScanResult:
    """Detect and classify `text` under the shipped default lists and level scheme."""
    return default_scanner().scan(text)
