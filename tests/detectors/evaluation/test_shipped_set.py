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
from detectors.model import ENTITY_TYPES
from gateway.cli.evaluate import SHIPPED_SET
from tests.detectors.evaluation.gold_checks import (
    SWITCHBOARD,
    assert_every_valid_my_number_is_annotated,
    assert_identifiers_carry_valid_check_digits,
    assert_spans_index_the_text,
    assert_tags_and_levels_follow_the_documented_rules,
    switchboard_mentions,
)
from tests.detectors.evaluation.helpers import (
    SET_DIR,
    corporate_ok,
    digits,
    luhn_ok,
    my_number_ok,
)


@pytest.fixture(scope="module")
def shipped() -> list[GoldExample]:
    return load_gold(SET_DIR / "prompts.jsonl")


def test_check_digit_helpers_agree_with_design_examples() -> None:
    assert my_number_ok("123456789018") and not my_number_ok("123456789012")
    assert corporate_ok("7000012050002") and not corporate_ok("1000012050002")
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


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
    assert_spans_index_the_text(shipped)


def test_shipped_annotation_conventions(shipped: list[GoldExample]) -> None:
    spans = [s for ex in shipped for s in ex.entities]
    assert not [s.text for s in spans if s.type == "PERSON" and re.search(r"(様|さん|氏|殿|くん|ちゃん|さま)$", s.text)]
    assert not [s.text for s in spans if s.type == "POSTAL_CODE" and s.text.startswith("〒")]
    assert all(len(digits(s.text)) == 7 for s in spans if s.type == "POSTAL_CODE")
    phones = [s.text for s in spans if s.type == "PHONE_NUMBER"]
    # the variety the detectors must cope with
    assert any(re.search("[０-９]", p) for p in phones) and any("〇" in p or "一" in p for p in phones)
    assert {"‐", "－", "―", "ー"} <= {ch for p in phones for ch in p} and any(" " in p for p in phones)
    dobs = [s.text for s in spans if s.type == "DATE_OF_BIRTH"]
    joined = "".join(dobs)
    assert all(form in joined for form in ["昭和", "平成", "令和", "/", "-", "年"])


def test_identifiers_carry_valid_check_digits(shipped: list[GoldExample]) -> None:
    assert assert_identifiers_carry_valid_check_digits(shipped)["MY_NUMBER"]


def test_every_valid_my_number_in_the_set_is_annotated(shipped: list[GoldExample]) -> None:
    """A checksum-valid 12-digit run outside a MY_NUMBER span would make the gold wrong; negatives' numbers must fail."""
    assert all(len(unicodedata.normalize("NFKC", ex.text)) == len(ex.text) for ex in shipped)
    assert assert_every_valid_my_number_is_annotated(shipped) >= 5  # 伝票番号・物品番号 that fail the check


def test_tags_and_levels_follow_the_documented_rules(shipped: list[GoldExample]) -> None:
    assert_tags_and_levels_follow_the_documented_rules(shipped)


def test_switchboard_is_present_and_never_gold(shipped: list[GoldExample]) -> None:
    assert switchboard_mentions(shipped) >= 8
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
