"""Streaming restoration: any split of the answer, one character per chunk included."""

from __future__ import annotations

import random
import time

import pytest

from gateway.vault import StreamRestorer, restore

MAPPING = {
    "〔氏名1〕": "佐藤花子",
    "〔氏名2〕": "鈴木一郎",
    "〔電話番号1〕": "090-1234-5678",
    "〔在留カード番号1〕": "AB12345678CD",
    "〔住所1〕": "大阪府大阪市北区中之島1-3-20",
}

ANSWER = (
    "〔氏名1〕さんの件です。［氏名2］さんから〔電話番号1〕に連絡がありました。"
    "在留カード番号は〔在留カード番号1〕、住所は【住所1】です。"
    "〔氏名 1〕様と[氏名２]は同じ世帯ではありません。〔氏名9〕は不明、〔〔氏名1〕〕と「氏名1」欄。"
    "Dear 〔氏名1〕, call (電話番号1) please.〔氏名"
)
EXPECTED = restore(ANSWER, MAPPING)


def _run(pieces: list[str], mapping: dict[str, str] = MAPPING) -> tuple[str, int]:
    r = StreamRestorer(mapping)
    out, worst = [], 0
    for piece in pieces:
        out.append(r.feed(piece))
        worst = max(worst, r.held)
    out.append(r.flush())
    assert r.held == 0
    return "".join(out), worst


def test_expected_is_what_we_think() -> None:
    assert "佐藤花子さんの件です。鈴木一郎さんから090-1234-5678に連絡" in EXPECTED
    assert EXPECTED.endswith("〔氏名9〕は不明、〔佐藤花子〕と「氏名1」欄。Dear 佐藤花子, call 090-1234-5678 please.〔氏名")


@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_fixed_chunks_at_every_offset(size: int) -> None:
    for offset in range(size):
        pieces = [ANSWER[:offset]] + [ANSWER[i : i + size] for i in range(offset, len(ANSWER), size)]
        out, worst = _run(pieces)
        assert out == EXPECTED
        assert worst <= max(len(p) for p in MAPPING)  # the longest placeholder, never more


def test_random_splits() -> None:
    rng = random.Random(20261126)
    for _ in range(300):
        cuts = sorted(rng.sample(range(1, len(ANSWER)), rng.randint(1, 40)))
        pieces = [ANSWER[a:b] for a, b in zip([0, *cuts], [*cuts, len(ANSWER)], strict=True)]
        assert _run(pieces)[0] == EXPECTED


def test_every_split_into_three_pieces_of_a_short_answer() -> None:
    text = "〔氏名1〕さん［氏名 2］は〔電話番号1〕"
    want = "佐藤花子さん鈴木一郎は090-1234-5678"
    for i in range(len(text) + 1):
        for j in range(i, len(text) + 1):
            assert _run([text[:i], text[i:j], text[j:]])[0] == want


def test_nothing_is_held_without_an_opener() -> None:
    r = StreamRestorer(MAPPING)
    assert r.feed("こんにちは、") == "こんにちは、"
    assert r.feed("〔氏") == ""
    assert r.held == 2
    assert r.feed("名1〕さん") == "佐藤花子さん"
    assert r.feed("〔x") == "〔x"  # cannot become a placeholder: released at once
    assert r.feed("［氏名3") == ""  # unmapped number of a mapped length: held, then released as written
    assert r.feed("4") == "［氏名34"  # more digits than any 氏名 here: cannot be ours
    assert r.feed("〔電話") == ""
    assert r.flush() == "〔電話"


def test_hold_is_bounded_by_the_longest_placeholder() -> None:
    r = StreamRestorer({"〔氏名1〕": "佐藤花子"})
    assert r.max_hold == 5
    assert r.feed("〔氏名 1") == ""
    assert r.held == 5
    assert r.feed("〕") == "佐藤花子"


def test_linear_in_the_length_of_the_stream() -> None:
    unit = "〔氏名1〕さんは［電話番号1］へ。〔住所1 〕〔氏名" * 1 + "ふつうの文章が続きます。" * 3

    def cost(n: int) -> float:
        text = unit * n
        best = float("inf")
        for _ in range(3):
            r = StreamRestorer(MAPPING)
            t0 = time.perf_counter()
            for ch in text:
                r.feed(ch)
            r.flush()
            best = min(best, time.perf_counter() - t0)
        return best

    small, large = cost(200), cost(2000)
    assert large / small < 20  # 10× the text; quadratic behaviour would be ~100×
