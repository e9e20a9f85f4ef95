"""`apply_traced` with the asks of earlier texts gives what one call over all the texts gives, and
refuses (Stale) when the vault no longer answers the earlier texts as it did."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.model import Finding
from gateway.vault import MemoryStore, VaultSession
from gateway.vault.transform import Asked, Stale, apply_many, apply_traced

ACTIONS = {"PERSON": "pseudonymize", "PHONE_NUMBER": "pseudonymize", "CREDIT_CARD": "mask"}
VALUES = [("PERSON", "佐藤花子"), ("PERSON", "鈴木一郎"), ("PHONE_NUMBER", "090-1234-5678"), ("CREDIT_CARD", "4111111111111111")]
LITERALS = ["〔氏名1〕", "〔氏名2〕", "［電話番号１］", "〔原文1〕"]


def _text(pieces: list[tuple[int, int]]) -> tuple[str, list[Finding]]:
    """A text of values (found) and placeholder-like literals (the caller's own), with its findings."""
    out, findings = "", []
    for kind, i in pieces:
        if kind == 0:
            entity, value = VALUES[i % len(VALUES)]
            findings.append(Finding(entity, len(out), len(out) + len(value), value, 0.9, "test"))
            out += value
        else:
            out += LITERALS[i % len(LITERALS)]
        out += "さん、"
    return out, findings


TEXTS = st.lists(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 7)), max_size=4), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(TEXTS, TEXTS, st.integers(0, 5))
def test_a_later_call_with_the_earlier_asks_gives_what_one_call_gives(earlier: list, later: list, cut: int) -> None:
    first = [_text(p) for p in earlier]
    rest = [_text(p) for p in later]

    async def run() -> tuple[list[str], list[str], dict[str, str], dict[str, str]]:
        whole_store, split_store = MemoryStore(), MemoryStore()
        # Both conversations have seen the earlier texts once (the turn before).
        await apply_many([t for t, _ in first], [f for _, f in first], ACTIONS, VaultSession(whole_store, "c"))
        _, asked = await apply_traced([t for t, _ in first], [f for _, f in first], ACTIONS, VaultSession(split_store, "c"))
        one = VaultSession(whole_store, "c")
        whole = await apply_many([t for t, _ in first + rest], [f for _, f in first + rest], ACTIONS, one)
        two = VaultSession(split_store, "c")
        later_only, _ = await apply_traced([t for t, _ in rest], [f for _, f in rest], ACTIONS, two, asked.unique())
        return [r.text for r in whole[len(first) :]], [r.text for r in later_only], one.mapping(), two.mapping()

    whole, split, one, two = asyncio.run(run())
    assert split == whole and two == one


def test_a_vault_that_answers_otherwise_is_stale() -> None:
    text, findings = _text([(0, 0), (1, 0)])  # 佐藤花子さん、〔氏名1〕さん、

    async def run() -> None:
        store = MemoryStore()
        _, asked = await apply_traced([text], [findings], ACTIONS, VaultSession(store, "c"))
        assert asked.names == ("〔氏名2〕",) and asked.reserved == (True,)  # the literal keeps 1 for itself
        await apply_traced(["次の方"], [[]], ACTIONS, VaultSession(store, "c"), asked)  # still the same
        other = MemoryStore()
        await other.assign("c", [("氏名", "山田太郎")])
        with pytest.raises(Stale):
            await apply_traced(["次の方"], [[]], ACTIONS, VaultSession(other, "c"), asked)

    asyncio.run(run())


def test_asks_cut_after_the_first_texts_and_joined() -> None:
    a = Asked((("PERSON", "x"), ("PERSON", "y")), ("〔氏名1〕", "〔氏名2〕"), (("氏名", 3),), (True,), (), (), ((1, 1, 0), (1, 0, 0)))
    assert a.first(1) == Asked((("PERSON", "x"),), ("〔氏名1〕",), (("氏名", 3),), (True,))
    twice = a.first(2).then(a.first(1))
    assert twice.unique() == a.first(2)
