"""Masking and pseudonymising one text: labels, overlaps, honorifics, counts, literals, failures."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from detectors.model import ENTITY_TYPES, Finding
from gateway.vault import MemoryStore, TransformError, VaultSession, apply, apply_many, mask_for, restore
from gateway.vault.store import Assignment

TEXT = "佐藤花子さんの電話番号は090-1234-5678、住所は東京都千代田区霞が関1-2-3です。"


def f(text: str, entity: str, value: str, score: float = 0.9, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(value, start + 1)
    return Finding(entity, start, start + len(value), value, score, "test")


def session(store: MemoryStore | None = None, cid: str = "c") -> VaultSession:
    return VaultSession(store if store is not None else MemoryStore(), cid)


def test_japanese_request_masked_and_pseudonymised() -> None:
    findings = [f(TEXT, "PERSON", "佐藤花子さん"), f(TEXT, "PHONE_NUMBER", "090-1234-5678"), f(TEXT, "ADDRESS", "東京都千代田区霞が関1-2-3")]
    s = session()
    r = asyncio.run(apply(TEXT, findings, {"PERSON": "pseudonymize", "PHONE_NUMBER": "mask", "ADDRESS": "pseudonymize"}, s))
    assert r.text == "〔氏名1〕さんの電話番号は＜電話番号＞、住所は〔住所1〕です。"
    assert r.counts == {"PERSON": {"pseudonymize": 1}, "PHONE_NUMBER": {"mask": 1}, "ADDRESS": {"pseudonymize": 1}}
    assert s.mapping() == {"〔氏名1〕": "佐藤花子", "〔住所1〕": "東京都千代田区霞が関1-2-3"}
    assert restore(r.text, s.mapping()) == "佐藤花子さんの電話番号は＜電話番号＞、住所は東京都千代田区霞が関1-2-3です。"


def test_keep_and_unlisted_types_are_left_alone() -> None:
    findings = [f(TEXT, "PERSON", "佐藤花子"), f(TEXT, "PHONE_NUMBER", "090-1234-5678")]
    r = asyncio.run(apply(TEXT, findings, {"PERSON": "keep"}, None))
    assert r.text == TEXT
    assert r.counts == {}


@pytest.mark.parametrize("entity", ENTITY_TYPES)
def test_every_entity_type_has_its_own_japanese_mask(entity: str) -> None:
    text = "値はXYZです"
    r = asyncio.run(apply(text, [Finding(entity, 2, 5, "XYZ", 1.0, "t")], {entity: "mask"}, None))
    assert r.text == f"値は{mask_for(entity)}です"
    assert mask_for(entity).startswith("＜") and mask_for(entity).endswith("＞")


def test_masks_are_distinct_and_unknown_types_still_hidden() -> None:
    assert len({mask_for(e) for e in ENTITY_TYPES}) == len(ENTITY_TYPES)
    assert mask_for("PERSON") == "＜氏名＞" and mask_for("ADDRESS") == "＜住所＞"
    assert mask_for("PHONE_NUMBER") == "＜電話番号＞" and mask_for("MY_NUMBER") == "＜個人番号＞"
    r = asyncio.run(apply("IDはQ-1です", [Finding("SOMETHING_NEW", 3, 6, "Q-1", 1.0, "t")], {"SOMETHING_NEW": "mask"}, None))
    assert r.text == "IDは＜個人情報＞です"


def test_partial_overlap_hides_the_union_under_the_longer_type() -> None:
    text = "申請者山田太郎横浜市中区1-1在住"
    findings = [Finding("PERSON", 3, 7, "山田太郎", 0.8, "a"), Finding("ADDRESS", 5, 15, "太郎横浜市中区1-1", 0.6, "b")]
    r = asyncio.run(apply(text, findings, {"PERSON": "mask", "ADDRESS": "mask"}, None))
    assert r.text == "申請者＜住所＞在住"
    assert r.counts == {"ADDRESS": {"mask": 1}}


def test_nested_and_identical_spans() -> None:
    text = "住所は札幌市中央区北1条西2丁目です"
    addr = f(text, "ADDRESS", "札幌市中央区北1条西2丁目")
    loc = f(text, "LOCATION", "札幌市")
    r = asyncio.run(apply(text, [loc, addr], {"ADDRESS": "mask", "LOCATION": "mask"}, None))
    assert r.text == "住所は＜住所＞です"
    same = [Finding("LOCATION", 3, 6, "札幌市", 0.4, "a"), Finding("PERSON", 3, 6, "札幌市", 0.7, "b")]
    r = asyncio.run(apply(text, same, {"PERSON": "mask", "LOCATION": "mask"}, None))
    assert r.text == "住所は＜氏名＞中央区北1条西2丁目です"


def test_only_acting_findings_take_part_in_overlaps() -> None:
    text = "千代田区の佐藤"
    findings = [Finding("LOCATION", 0, 4, "千代田区", 0.9, "a"), Finding("PERSON", 5, 7, "佐藤", 0.9, "b")]
    r = asyncio.run(apply(text, findings, {"LOCATION": "keep", "PERSON": "mask"}, None))
    assert r.text == "千代田区の＜氏名＞"


def test_adjacent_findings_are_replaced_separately() -> None:
    text = "佐藤花子090-1111-2222"
    findings = [Finding("PERSON", 0, 4, "佐藤花子", 0.9, "a"), Finding("PHONE_NUMBER", 4, 17, "090-1111-2222", 1.0, "b")]
    r = asyncio.run(apply(text, findings, {"PERSON": "pseudonymize", "PHONE_NUMBER": "pseudonymize"}, session()))
    assert r.text == "〔氏名1〕〔電話番号1〕"


@pytest.mark.parametrize("honorific", ["さん", "様", "さま", "君", "くん", "ちゃん", "殿", "氏", "先生"])
def test_honorific_is_cut_off_the_value(honorific: str) -> None:
    text = f"佐藤花子{honorific}と佐藤花子"
    findings = [Finding("PERSON", 0, 4 + len(honorific), f"佐藤花子{honorific}", 0.9, "a"), f(text, "PERSON", "佐藤花子", nth=1)]
    s = session()
    r = asyncio.run(apply(text, findings, {"PERSON": "pseudonymize"}, s))
    assert r.text == f"〔氏名1〕{honorific}と〔氏名1〕"
    assert s.mapping() == {"〔氏名1〕": "佐藤花子"}
    assert restore(r.text, s.mapping()) == text


def test_same_value_same_placeholder_different_values_never_share() -> None:
    text = "佐藤花子と佐藤 花子と鈴木一郎と佐藤花子"
    findings = [f(text, "PERSON", "佐藤花子"), f(text, "PERSON", "佐藤 花子"), f(text, "PERSON", "鈴木一郎"), f(text, "PERSON", "佐藤花子", nth=1)]
    s = session()
    r = asyncio.run(apply(text, findings, {"PERSON": "pseudonymize"}, s))
    # Exact text is the identity: 佐藤 花子 restores byte for byte only with a placeholder of its own.
    assert r.text == "〔氏名1〕と〔氏名2〕と〔氏名3〕と〔氏名1〕"
    assert restore(r.text, s.mapping()) == text


@pytest.mark.parametrize(
    "finding",
    [
        Finding("PERSON", 0, 4, "鈴木一郎", 0.9, "bad-offsets"),
        Finding("PERSON", 40, 44, "佐藤花子", 0.9, "out-of-range"),
        Finding("PERSON", 3, 3, "", 0.9, "empty"),
    ],
)
def test_findings_that_do_not_index_the_text_fail_closed(finding: Finding) -> None:
    with pytest.raises(TransformError, match="does not match"):
        asyncio.run(apply("佐藤花子です", [finding], {"PERSON": "mask"}, None))


def test_unknown_action_fails_closed() -> None:
    with pytest.raises(TransformError, match="unknown action"):
        asyncio.run(apply("佐藤花子です", [Finding("PERSON", 0, 4, "佐藤花子", 0.9, "t")], {"PERSON": "encrypt"}, None))


def test_without_a_session_pseudonyms_are_local_to_the_call() -> None:
    texts = ["佐藤花子と鈴木一郎", "鈴木一郎"]
    findings = [[f(texts[0], "PERSON", "佐藤花子"), f(texts[0], "PERSON", "鈴木一郎")], [f(texts[1], "PERSON", "鈴木一郎")]]
    out = asyncio.run(apply_many(texts, findings, {"PERSON": "pseudonymize"}, None))
    assert [r.text for r in out] == ["〔氏名1〕と〔氏名2〕", "〔氏名2〕"]


def test_callers_own_placeholder_like_text_is_reserved_then_kept() -> None:
    text = "【氏名1】欄：佐藤花子、〔氏名2〕は空欄"
    s = session()
    r = asyncio.run(apply(text, [f(text, "PERSON", "佐藤花子")], {"PERSON": "pseudonymize"}, s))
    assert r.text == "【氏名1】欄：〔氏名3〕、〔氏名2〕は空欄"
    assert restore(r.text, s.mapping()) == text
    assert r.counts == {"PERSON": {"pseudonymize": 1}}


def test_callers_text_naming_a_taken_placeholder_is_escaped() -> None:
    store = MemoryStore()
    turn1 = "佐藤花子さんの件"
    s1 = session(store)
    asyncio.run(apply(turn1, [f(turn1, "PERSON", "佐藤花子")], {"PERSON": "pseudonymize"}, s1))
    turn2 = "〔氏名1〕とは誰ですか。佐藤花子さんです。"
    s2 = session(store)
    r = asyncio.run(apply(turn2, [f(turn2, "PERSON", "佐藤花子")], {"PERSON": "pseudonymize"}, s2))
    assert r.text == "〔原文1〕とは誰ですか。〔氏名1〕さんです。"
    assert restore(r.text, s2.mapping()) == turn2
    assert r.counts == {"PERSON": {"pseudonymize": 1}}


class CountingStore:
    """The real MemoryStore, counting round trips."""

    def __init__(self) -> None:
        self.inner = MemoryStore()
        self.calls = 0

    async def assign(self, conversation: str, values: Sequence[tuple[str, str]], literals: Sequence[tuple[str, int]] = ()) -> Assignment:
        self.calls += 1
        return await self.inner.assign(conversation, values, literals)


def test_many_texts_one_round_trip() -> None:
    store = CountingStore()
    s = VaultSession(store, "c")  # type: ignore[arg-type]
    texts = [f"{n}の件" for n in ("佐藤花子", "鈴木一郎", "佐藤花子", "高橋健")]
    findings = [[Finding("PERSON", 0, len(t) - 2, t[:-2], 0.9, "t")] for t in texts]
    out = asyncio.run(apply_many(texts, findings, {"PERSON": "pseudonymize"}, s))
    assert [r.text for r in out] == ["〔氏名1〕の件", "〔氏名2〕の件", "〔氏名1〕の件", "〔氏名3〕の件"]
    assert store.calls == 1
    asyncio.run(apply_many(texts, findings, {"PERSON": "pseudonymize"}, s))
    assert store.calls == 1  # the session remembers what it already asked
