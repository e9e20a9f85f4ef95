"""The shipped municipal set: size, coverage, annotation conventions, check digits, and a reproducible build."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import unicodedata
from collections import Counter
from types import ModuleType

import pytest

from detectors.evaluation import GoldExample, load_gold
from detectors.model import ENTITY_TYPES, PERSONAL_ENTITY_TYPES
from gateway.cli.evaluate import SHIPPED_SET
from tests.detectors.evaluation.helpers import SET_DIR

SWITCHBOARD = "099-000-1234"


def _my_number_ok(d: str) -> bool:
    # Written again here from DESIGN.md rather than imported from build.py, so the two can disagree.
    weights = [n + 1 if n <= 6 else n - 5 for n in range(1, 12)]
    s = sum(int(d[11 - n]) * weights[n - 1] for n in range(1, 12))
    return int(d[11]) == (0 if s % 11 <= 1 else 11 - s % 11)


def _corporate_ok(d: str) -> bool:
    s = sum(int(d[13 - n]) * (1 if n % 2 else 2) for n in range(1, 13))
    return int(d[0]) == 9 - s % 9


def _luhn_ok(d: str) -> bool:
    digits = [int(c) for c in reversed(d)]
    return sum(x if i % 2 == 0 else (x * 2 - 9 if x > 4 else x * 2) for i, x in enumerate(digits)) % 10 == 0


def _digits(s: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", s))


@pytest.fixture(scope="module")
def shipped() -> list[GoldExample]:
    return load_gold(SET_DIR / "prompts.jsonl")


def test_check_digit_helpers_agree_with_design_examples() -> None:
    assert _my_number_ok("123456789018") and not _my_number_ok("123456789012")
    assert _corporate_ok("7000012050002") and not _corporate_ok("1000012050002")
    assert _luhn_ok("4111111111111111") and not _luhn_ok("4111111111111112")


def test_shipped_set_size_and_coverage(shipped: list[GoldExample]) -> None:
    assert SHIPPED_SET == SET_DIR / "prompts.jsonl"
    assert len(shipped) >= 180
    strict_negatives = [ex for ex in shipped if not ex.entities]
    assert len(strict_negatives) >= 40
    assert all(ex.tags == frozenset() for ex in strict_negatives)
    categories = Counter(ex.category for ex in shipped)
    for required in ["窓口記録", "相談記録", "通知文", "議事録", "苦情対応", "税", "福祉", "子育て", "戸籍住民", "介護", "国保・年金", "英語混在", "一般質問"]:
        assert categories[required] >= 3, required
    assert set(ENTITY_TYPES) <= {s.type for ex in shipped for s in ex.entities}
    assert sum("\n" in ex.text and len(ex.text) > 250 for ex in shipped) >= 8  # long multi-line prompts
    assert sum(bool(re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", ex.text)) for ex in shipped) >= 10  # English mixed in


def test_shipped_spans_index_the_text(shipped: list[GoldExample]) -> None:
    for ex in shipped:
        for s in ex.entities:
            assert ex.text[s.start : s.end] == s.text, ex.id
            assert s.text == s.text.strip(), ex.id
        ordered = sorted(ex.entities, key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False)), f"{ex.id}: overlapping gold spans"


def test_shipped_annotation_conventions(shipped: list[GoldExample]) -> None:
    spans = [s for ex in shipped for s in ex.entities]
    assert not [s.text for s in spans if s.type == "PERSON" and re.search(r"(様|さん|氏|殿|くん|ちゃん|さま)$", s.text)]
    assert not [s.text for s in spans if s.type == "POSTAL_CODE" and s.text.startswith("〒")]
    assert all(len(_digits(s.text)) == 7 for s in spans if s.type == "POSTAL_CODE")
    phones = [s.text for s in spans if s.type == "PHONE_NUMBER"]
    # the variety the detectors must cope with
    assert any(re.search("[０-９]", p) for p in phones) and any("〇" in p or "一" in p for p in phones)
    assert {"‐", "－", "―", "ー"} <= {ch for p in phones for ch in p} and any(" " in p for p in phones)
    dobs = [s.text for s in spans if s.type == "DATE_OF_BIRTH"]
    joined = "".join(dobs)
    assert all(form in joined for form in ["昭和", "平成", "令和", "/", "-", "年"])


def test_identifiers_carry_valid_check_digits(shipped: list[GoldExample]) -> None:
    by_type: dict[str, list[str]] = {}
    for ex in shipped:
        for s in ex.entities:
            by_type.setdefault(s.type, []).append(_digits(s.text))
    assert by_type["MY_NUMBER"] and all(len(d) == 12 and _my_number_ok(d) for d in by_type["MY_NUMBER"])
    assert all(len(d) == 13 and _corporate_ok(d) for d in by_type["CORPORATE_NUMBER"])
    assert all(len(d) == 16 and _luhn_ok(d) for d in by_type["CREDIT_CARD"])
    assert all(len(d) == 12 and not _my_number_ok(d) for d in by_type["DRIVERS_LICENSE"])


def test_every_valid_my_number_in_the_set_is_annotated(shipped: list[GoldExample]) -> None:
    """A checksum-valid 12-digit run outside a MY_NUMBER span would make the gold wrong; negatives' numbers must fail."""
    # a run of exactly twelve digits: not the head of a card number grouped 4-4-4-4
    twelve = re.compile(r"(?<![0-9])(?<![0-9][ -])[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])(?![ -][0-9])")
    failing_seen = 0
    for ex in shipped:
        norm = unicodedata.normalize("NFKC", ex.text)
        assert len(norm) == len(ex.text), ex.id  # so offsets into `norm` are offsets into the text
        gold_spans = {(s.start, s.end) for s in ex.entities if s.type == "MY_NUMBER"}
        for m in twelve.finditer(norm):
            if _my_number_ok(_digits(m.group())):
                assert (m.start(), m.end()) in gold_spans, f"{ex.id}: unannotated valid 個人番号 at {m.start()}"
            elif not ex.entities:
                failing_seen += 1
    assert failing_seen >= 5  # 伝票番号・物品番号 that look like 個人番号 but fail the check


def test_tags_and_levels_follow_the_documented_rules(shipped: list[GoldExample]) -> None:
    markings3 = re.compile(r"機密性[3３]|極秘|^秘$", re.M)
    markings2 = re.compile(r"機密性[2２]|【機2】|取扱注意|部外秘|関係者限り|取扱制限|複製禁止")
    for ex in shipped:
        types = {s.type for s in ex.entities}
        assert ("personal" in ex.tags) == bool(types & PERSONAL_ENTITY_TYPES), ex.id
        assert ("specific_personal" in ex.tags) == ("MY_NUMBER" in types), ex.id
        assert "sensitive_personal" not in ex.tags or "PERSON" in types, ex.id
        expected = 1
        if markings3.search(ex.text):
            expected = 3
        elif markings2.search(ex.text) or "personal" in ex.tags:
            expected = 2
        if ex.tags & {"sensitive_personal", "specific_personal"}:
            expected = 3
        assert ex.level == f"機密性{expected}", ex.id


def test_switchboard_is_present_and_never_gold(shipped: list[GoldExample]) -> None:
    hits = 0
    for ex in shipped:
        norm = unicodedata.normalize("NFKC", ex.text)
        for m in re.finditer(re.escape(SWITCHBOARD), norm):
            hits += 1
            assert not any(s.start < m.end() and m.start() < s.end for s in ex.entities), ex.id
    assert hits >= 8
    readme = (SET_DIR / "README.md").read_text(encoding="utf-8")
    assert SWITCHBOARD in readme


def _load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("municipal_build", SET_DIR / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_build_script_reproduces_the_committed_set() -> None:
    build = _load_build()
    rows = build.build()
    committed = (SET_DIR / "prompts.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.dumps(r, ensure_ascii=False) for r in rows] == committed
    texts = [t.text for t in [*build.TEMPLATES, *build.NEGATIVES]]
    assert len(set(texts)) == len(texts) >= 60
    assert build.SWITCHBOARD == SWITCHBOARD
    variant = build.build(seed=1)  # held-out style variant: same templates, other people and numbers
    assert [r["id"] for r in variant] == [r["id"] for r in rows]
    assert sum(a["text"] != b["text"] for a, b in zip(variant, rows, strict=True)) > len(rows) // 2
