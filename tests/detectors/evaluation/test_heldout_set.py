"""The hand-written held-out sets: reproducible from their sources, and as consistent as the template set."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from detectors.evaluation import GoldExample, load_gold
from tests.detectors.evaluation.gold_checks import (
    assert_every_valid_my_number_is_annotated,
    assert_identifiers_carry_valid_check_digits,
    assert_spans_index_the_text,
    assert_tags_and_levels_follow_the_documented_rules,
    switchboard_mentions,
)
from tests.detectors.evaluation.helpers import ROOT

HELDOUT = ROOT / "eval" / "heldout"
SETS = sorted(p for p in (ROOT / "eval").glob("heldout*") if (p / "prompts.jsonl").exists())


def _build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("heldout_build", HELDOUT / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.fixture(scope="module", params=SETS, ids=lambda p: p.name)
def heldout(request: pytest.FixtureRequest) -> tuple[Path, list[GoldExample]]:
    return request.param, load_gold(request.param / "prompts.jsonl")


def test_the_first_set_exists() -> None:
    assert HELDOUT in SETS


def test_committed_jsonl_is_what_build_writes(heldout: tuple[Path, list[GoldExample]]) -> None:
    where, _ = heldout
    build = _build()
    examples = build.build(sorted(where.glob("*.txt")))
    assert build.render(examples) == (where / "prompts.jsonl").read_text(encoding="utf-8")


def test_size_and_negatives(heldout: tuple[Path, list[GoldExample]]) -> None:
    _, examples = heldout
    assert len(examples) >= 100
    negatives = [ex for ex in examples if not ex.tags]
    assert len(negatives) >= 20
    # (a set written for one division's work, set 38's tax and finance, spans seven of its categories)
    assert len({ex.category for ex in examples}) >= 7


def test_gold_is_consistent(heldout: tuple[Path, list[GoldExample]]) -> None:
    _, examples = heldout
    assert_spans_index_the_text(examples)
    assert_identifiers_carry_valid_check_digits(examples)
    assert_every_valid_my_number_is_annotated(examples)
    assert_tags_and_levels_follow_the_documented_rules(examples)
    switchboard_mentions(examples)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("来庁者 山田様\n", "a.txt:1: expected a '=== id | category | level | tags' header"),
        ("=== x-1 | 窓口 | 機密性9 | -\n本文\n", "a.txt:1: level must be one of"),
        ("=== x-1 | 窓口 | 機密性2 | private\n本文\n", "a.txt:1: tags must be"),
        ("=== x-1 | 窓口 | 機密性2 | personal\n⟦NAME|山田⟧様\n", "a.txt:1: unknown entity type 'NAME'"),
        ("=== x-1 | 窓口 | 機密性2 | personal\n⟦PERSON|山田様\n", "a.txt:1: an unclosed or malformed"),
        ("=== x-1 | 窓口 | 機密性2 | personal\n\n", "a.txt:1: the prompt has no text"),
    ],
)
def test_source_errors_name_the_file_and_line(tmp_path: Path, source: str, message: str) -> None:
    build = _build()
    (tmp_path / "a.txt").write_text(source, encoding="utf-8")
    with pytest.raises(build.SourceError, match="^" + message.replace("(", r"\(").replace("|", r"\|")):
        build.build([tmp_path / "a.txt"])


def test_markup_becomes_offsets(tmp_path: Path) -> None:
    build = _build()
    (tmp_path / "a.txt").write_text(
        "=== x-1 | 窓口 | 機密性2 | personal\n# a note\n\n来庁者 ⟦PERSON|山田 太郎⟧様、⟦PHONE_NUMBER|090-1234-5678⟧\n\n"
        "=== x-2 | 一般 | 機密性1 | -\n制度の概要\n",
        encoding="utf-8",
    )
    (a, b) = build.build([tmp_path / "a.txt"])
    assert a["text"] == "来庁者 山田 太郎様、090-1234-5678" and a["notes"] == "a note"
    assert [(e["type"], e["start"], e["end"]) for e in a["entities"]] == [("PERSON", 4, 9), ("PHONE_NUMBER", 11, 24)]
    assert b["tags"] == [] and b["entities"] == []
