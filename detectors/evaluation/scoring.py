"""Tally predictions against the gold set into entity P/R/F1, tag and level accuracy, and ranked errors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from detectors.evaluation.dataset import GoldExample, Prediction, level_rank
from detectors.evaluation.matching import MATCH_MODES, MatchMode, covered
from detectors.evaluation.report import Counts, ExampleErrors, Report
from detectors.model import ENTITY_TYPES, PERSONAL_ENTITY_TYPES, TAGS


def evaluate(
    gold: Sequence[GoldExample],
    predictions: Sequence[Prediction] | Mapping[str, Prediction],
    match: MatchMode = "overlap",
) -> Report:
    """Compare predictions with the gold set; every gold id needs exactly one prediction."""
    if match not in MATCH_MODES:
        raise ValueError(f"match must be one of {MATCH_MODES}, not {match!r}")
    by_id = _index(predictions)
    gold_ids = {g.id for g in gold}
    missing = [g.id for g in gold if g.id not in by_id]
    extra = sorted(set(by_id) - gold_ids)
    if missing or extra:
        raise ValueError(f"predictions do not cover the gold set: missing {missing[:5]} extra {extra[:5]}")
    ent: Counter[tuple[str, str]] = Counter()  # (entity type, "tp" | "fp" | "fn")
    tag: Counter[tuple[str, str]] = Counter()
    cat: Counter[tuple[str, str]] = Counter()  # (category, "tp" | "fp" | "fn") over all entity types
    confusion: dict[tuple[str, str], int] = {}
    tag_exact = level_correct = under = over = negatives = dirty_negatives = offset_bad = 0
    personal = in_place = by_value = 0
    errors: list[ExampleErrors] = []
    for ex in gold:
        pred = by_id[ex.id]
        hit_g, hit_p = covered(ex.entities, pred.entities, match)
        for i, s in enumerate(ex.entities):
            ent[(s.type, "tp" if i in hit_g else "fn")] += 1
            cat[(ex.category, "tp" if i in hit_g else "fn")] += 1
        for i, s in enumerate(pred.entities):
            if i not in hit_p:
                ent[(s.type, "fp")] += 1
                cat[(ex.category, "fp")] += 1
            if s.text and ex.text[s.start : s.end] != s.text:
                offset_bad += 1
        p, m, v = _masking(ex, pred)
        personal, in_place, by_value = personal + p, in_place + m, by_value + v
        for t in ex.tags | pred.tags:
            tag[(t, "tp" if t in ex.tags and t in pred.tags else "fp" if t in pred.tags else "fn")] += 1
        tag_exact += ex.tags == pred.tags
        confusion[(ex.level, pred.level)] = confusion.get((ex.level, pred.level), 0) + 1
        level_correct += ex.level == pred.level
        g_rank, p_rank = level_rank(ex.level), level_rank(pred.level)
        if g_rank is not None and p_rank is not None:
            under += p_rank < g_rank
            over += p_rank > g_rank
        # A negative holds no personal entity (a LOCATION alone is allowed); any personal finding on it is a false alarm.
        if not any(s.type in PERSONAL_ENTITY_TYPES for s in ex.entities):
            negatives += 1
            dirty_negatives += any(s.type in PERSONAL_ENTITY_TYPES for s in pred.entities)
        err = ExampleErrors(
            id=ex.id,
            category=ex.category,
            missed=tuple(s for i, s in enumerate(ex.entities) if i not in hit_g),
            spurious=tuple(s for i, s in enumerate(pred.entities) if i not in hit_p),
            gold_tags=ex.tags,
            predicted_tags=pred.tags,
            gold_level=ex.level,
            predicted_level=pred.level,
        )
        if err.severity:
            errors.append(err)
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    types = sorted({t for t, _ in ent}, key=lambda t: (order.get(t, len(order)), t))
    return Report(
        match=match,
        examples=len(gold),
        per_type={t: _counts(ent, t) for t in types},
        micro=Counts(*(sum(n for (_, k), n in ent.items() if k == kind) for kind in ("tp", "fp", "fn"))),
        per_category={c: _counts(cat, c) for c in dict.fromkeys(ex.category for ex in gold)},
        tag_exact=tag_exact,
        per_tag={t: _counts(tag, t) for t in [*TAGS, *sorted({t for t, _ in tag} - set(TAGS))]},
        level_correct=level_correct,
        under_classified=under,
        over_classified=over,
        confusion=confusion,
        negatives=negatives,
        negatives_with_findings=dirty_negatives,
        offset_mismatches=offset_bad,
        errors=tuple(sorted(errors, key=lambda e: (-e.severity, e.id))),
        personal_spans=personal,
        masked_in_place=in_place,
        masked_by_value=by_value,
    )


def _masking(ex: GoldExample, pred: Prediction) -> tuple[int, int, int]:
    """(personal gold spans, covered in place by personal findings, covered only as a value found elsewhere)."""
    found = [s for s in pred.entities if s.type in PERSONAL_ENTITY_TYPES]
    values = {"".join(ex.text[s.start : s.end].split()) for s in found}
    total = in_place = by_value = 0
    for g in ex.entities:
        if g.type not in PERSONAL_ENTITY_TYPES:
            continue
        total += 1
        chars = set(range(g.start, g.end))
        for s in found:
            chars.difference_update(range(s.start, s.end))
        if not any(not ex.text[c].isspace() for c in chars):
            in_place += 1
        elif "".join(ex.text[g.start : g.end].split()) in values:
            by_value += 1
    return total, in_place, by_value


def _counts(tally: Counter[tuple[str, str]], key: str) -> Counts:
    return Counts(tally[(key, "tp")], tally[(key, "fp")], tally[(key, "fn")])


def _index(predictions: Sequence[Prediction] | Mapping[str, Prediction]) -> dict[str, Prediction]:
    if isinstance(predictions, Mapping):
        return dict(predictions)
    out: dict[str, Prediction] = {}
    for p in predictions:
        if p.id in out:
            raise ValueError(f"duplicate prediction for id {p.id!r}")
        out[p.id] = p
    return out
