"""The taxonomy file is read like the policy: exact file:line:col errors, hot reload, the last good one kept."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.policy.errors import PolicyError
from gateway.usecase import TaxonomyStore, load_taxonomy
from gateway.usecase.trie import trie_pattern

GOOD = """\
version: 1
name: テスト分類
fallback: other
categories:
  - id: summary
    label: 要約
    minutes_saved: 15
    basis: 読んでまとめる時間
    example: 次の文書を要約して
    strong: [要約]
  - id: other
    label: その他
    minutes_saved: 0
    basis: 数えない
"""


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (GOOD.replace("minutes_saved: 15", "minutes_saved: 十五"), ":7:5: categories[0].minutes_saved:", "valid number"),
        (GOOD.replace("fallback: other", "fallback: misc"), ":3:1: fallback:", "'misc' is not a category id; known: summary, other"),
        (GOOD.replace("    strong: [要約]", "    strong: [要約]\n    patterns: ['(要約']"), ":11:16: categories[0].patterns[0]:", "invalid regular expression"),
        (GOOD.replace("    strong: [要約]", "    strong: [要約]\n    patterns: ['x*']"), ":11:16: categories[0].patterns[0]:", "matches empty text"),
        (GOOD.replace("  - id: other", "  - id: summary"), ":11:5: categories[1].id:", "duplicate category id 'summary'"),
        (GOOD.replace("  - id: other", "  - id: background"), ":11:5: categories[1].id:", "reserved"),
        (GOOD.replace("    basis: 数えない", "    basis: 数えない\n    minutes: 3"), ":15:5: categories[1].minutes:", "unknown key 'minutes'"),
        (GOOD + "fallback: summary\n", ":15:1: fallback:", "duplicate key 'fallback' (first given at line 3)"),
        (GOOD.replace("  - id: summary", "  - id: Summary"), ":5:5: categories[0].id:", "should match pattern"),
        (GOOD + "background:\n  signals:\n    - {pattern: '### task(', weight: 3}\n", ":17:8: background.signals[0].pattern:", "invalid regular expression"),
        (GOOD + "background:\n  signals:\n    - {pattern: '### task', weight: 0}\n", ":17:29: background.signals[0].weight:", "a weight of 0 has no effect"),
        (GOOD.replace("    strong: [要約]", "    strong: [要約]\n    weak_patterns: ['[?']"), ":11:21: categories[0].weak_patterns[0]:", "invalid regular expression"),
    ],
)
def test_errors_name_file_line_column_and_field(tmp_path: Path, text: str, where: str, message: str) -> None:
    path = _write(tmp_path / "usecases.yaml", text)
    with pytest.raises(PolicyError) as err:
        load_taxonomy(path)
    assert f"{path}{where}" in str(err.value)
    assert message in str(err.value)


def test_the_shipped_taxonomy_is_valid_and_explains_every_figure() -> None:
    t = load_taxonomy(None)
    assert [c.id for c in t.categories] == [
        "document", "summary", "minutes", "translation", "inquiry", "proofreading", "ideas", "code", "data", "other",
    ]  # fmt: skip
    assert all(c.basis and c.minutes_saved >= 0 for c in t.categories)
    assert all(c.example for c in t.categories if c.id != "other")
    assert t.assumptions and t.fallback == "other"


def test_reload_swaps_in_a_good_edit_and_keeps_the_last_good_one(tmp_path: Path) -> None:
    path = _write(tmp_path / "usecases.yaml", GOOD)
    store = TaxonomyStore(path, reload_interval_s=0.05)
    first = store.current()
    assert first.minutes() == {"summary": 15, "other": 0}
    _write(path, GOOD.replace("minutes_saved: 15", "minutes_saved: 25"))
    _touch_later(path)
    assert store.poll() is True and store.current().minutes()["summary"] == 25
    _write(path, GOOD.replace("fallback: other", "fallback: nowhere"))
    _touch_later(path)
    assert store.poll() is False
    assert store.current().minutes()["summary"] == 25  # the last good one stays in force
    assert store.last_error is not None and "usecases.yaml:3:1: fallback:" in store.last_error
    assert store.poll() is None  # nothing changed since the refused edit


def test_the_watcher_thread_picks_up_an_edit(tmp_path: Path) -> None:
    path = _write(tmp_path / "usecases.yaml", GOOD)
    store = TaxonomyStore(path, reload_interval_s=0.05)
    store.start()
    try:
        _write(path, GOOD.replace("strong: [要約]", "strong: [要約, まとめて]"))
        _touch_later(path)
        deadline = time.monotonic() + 10
        while store.current().classify_text("これをまとめて") != "summary":
            assert time.monotonic() < deadline, "the edit was not picked up"
            time.sleep(0.05)
    finally:
        store.stop()


def _touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


words = st.lists(st.text(alphabet="あいう議事録ab.*", min_size=1, max_size=5), min_size=1, max_size=12, unique=True)


@given(words, st.text(alphabet="あいう議事録ab.* ", max_size=40))
def test_the_trie_finds_what_a_longest_first_alternation_finds(vocab: list[str], text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(vocab, key=lambda w: (-len(w), w))))
    trie = re.compile(trie_pattern(vocab))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
