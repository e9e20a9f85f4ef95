"""Answers that repeat the prompt: long copies are not read again, and screening stays what it was."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectors import default_scanner
from detectors.model import Detection, Finding
from gateway import copied, vault
from gateway.output import OutputGuard
from gateway.policy.engine import output_actions

ACTIONS = {t: a for t, a in output_actions("mask", {}).items() if a != "keep"}

# A pasted counter record: its own people, numbers and address, which screening lets back through.
PROMPT = (
    "次の相談記録を、課内回覧用の文章に整えてください。\n"
    "受付: 令和6年11月12日　市民課 高橋健一が受付\n"
    "相談者: 佐藤花子さん（携帯 090-1234-5678）、住所は東京都千代田区霞が関1-2-3 霞が関ハイツ205号室\n"
    "内容: 夜10時を過ぎても上の階の田中誠さん（自宅 03-3581-4321）の部屋から大きな音楽が聞こえ、眠れない日が"
    "続いているとのこと。佐藤花子さんは直接伝えるのは気が引けるので、市から管理会社に話してほしいと希望しています。"
    "環境課の山本美咲が管理会社の伊藤大輔さん（携帯 080-9876-5432）に連絡したところ、掲示板での注意喚起と"
    "各戸へのお知らせの配布を今週中に行うとの回答でした。田中誠さんには管理会社から個別に伝えるそうです。\n"
    "今後: 高橋健一が佐藤花子さんに経過を伝え、二週間後に山本美咲が改めて状況を確認します。\n"
    "追記（5日）: 小林由美さん（連絡先 090-2345-6789）から、東京都千代田区霞が関1-3-5の前の道路に放置自転車が"
    "並んでいて通行しにくいとの相談が寄せられました。担当の道路課 中村翔が現地を確認し、所有者が分からない自転車には"
    "警告札を付けています。小林由美さんには一週間後に撤去の予定を電話で伝え、結果を記録に残してください。\n"
    "追記（9日）: 加藤浩二さん（連絡先 080-3456-7890）から、同じ道路の街灯が切れているとの連絡がありました。"
    "道路課 吉田葵が電気設備の業者に修理を依頼し、来週の火曜日に交換する予定です。加藤浩二さんへは吉田葵から"
    "修理の日程を伝えてください。"
)
KEPT = [
    "高橋健一",
    "佐藤花子",
    "田中誠",
    "山本美咲",
    "伊藤大輔",
    "小林由美",
    "中村翔",
    "加藤浩二",
    "吉田葵",
    "090-1234-5678",
    "03-3581-4321",
    "080-9876-5432",
    "東京都千代田区霞が関1-3-5",
]

# What a model might add between the copied stretches: none of it is in the prompt.
ADDED = [
    ("なお、担当は鈴木一郎さんです。", "鈴木一郎"),
    ("折り返しは090-2222-3333へお願いします。", "090-2222-3333"),
    ("現地は埼玉県さいたま市浦和区高砂3-15-1です。", "埼玉県さいたま市浦和区高砂3-15-1"),
    ("渡辺大輔様にも共有しました。", "渡辺大輔"),
    ("承知しました。", None),
]


async def _mask(text: str, findings: list[Finding]) -> str:
    return str((await vault.transform.apply(text, findings, ACTIONS, None)).text)


class Counted:
    """The scan a guard is given, keeping the texts it is asked to read."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    @property
    def read(self) -> int:
        return sum(map(len, self.texts))

    async def __call__(self, texts: Sequence[str]) -> list[Detection]:
        self.texts.extend(texts)
        return default_scanner().detect_many(texts)


def screened(answer: str, scan: Counted | None = None) -> str:
    return asyncio.run(OutputGuard(None, scan or Counted(), ACTIONS, PROMPT, _mask).whole(answer))


def read_everything(answer: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """What screening gave before copies were skipped: the whole answer read."""
    with monkeypatch.context() as m:
        m.setattr(copied, "MIN_COPY", 10**9)
        return screened(answer)


# --- where the copies are -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (PROMPT, [(0, len(PROMPT))]),
        ("承知しました。\n" + PROMPT[40:], [(8, 8 + len(PROMPT) - 40)]),
        (PROMPT[:200] + "（中略）" + PROMPT[210:], [(0, 200), (204, 204 + len(PROMPT) - 210)]),
        (PROMPT[:100] + "／" + PROMPT[200:290], []),  # each copy shorter than MIN_COPY: read as it is
        ("まったく別の文章です。" * 40, []),
        ("", []),
    ],
)
def test_copies_found(answer: str, expected: list[tuple[int, int]]) -> None:
    assert copied.copies(answer, PROMPT) == expected


# An answer drawn as stretches of the prompt (at any offsets) and other text.
stretches = st.tuples(st.integers(0, len(PROMPT)), st.integers(0, 400)).map(lambda t: PROMPT[t[0] : t[0] + t[1]])
others = st.one_of(
    st.sampled_from([a for a, _ in ADDED]), st.text(alphabet="あいうアイウ山田一。、 \n0-9", max_size=30)
)
answers = st.lists(st.one_of(stretches, others), min_size=1, max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(answer=answers)
def test_every_copy_is_in_the_prompt_and_every_other_character_is_read(answer: str) -> None:
    spans = copied.copies(answer, PROMPT)
    for (s, e), nxt in zip(spans, [*spans[1:], (len(answer), len(answer))], strict=False):
        assert e - s >= copied.MIN_COPY and answer[s:e] in PROMPT
        assert e <= nxt[0]
    parts = copied.windows(len(answer), spans)
    inside = {i for s, e in spans for i in range(s, e)}
    read = {i for lo, hi in parts for i in range(lo, hi)}
    assert set(range(len(answer))) - inside <= read
    for (_, hi), (lo, _) in itertools.pairwise(parts):
        assert hi < lo  # merged when they touch


@settings(max_examples=200, deadline=None)
@given(answer=answers)
def test_what_is_read_is_the_windows_in_one_pass(answer: str) -> None:
    scan = Counted()
    screened(answer, scan)
    spans = copied.copies(answer, PROMPT)
    expected = [answer[lo:hi] for lo, hi in copied.windows(len(answer), spans)] if spans else [answer]
    assert scan.texts == ([] if not answer.strip() or answer in PROMPT else expected)


# --- screening ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "invented"), ADDED)
@pytest.mark.parametrize("where", [0, 250, 480, len(PROMPT) - 250, len(PROMPT)])
def test_what_the_model_added_is_masked_and_the_callers_own_values_kept(
    sentence: str, invented: str | None, where: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = PROMPT[:where] + sentence + PROMPT[where:]
    scan = Counted()
    out = screened(answer, scan)
    if invented is not None:
        assert invented not in out
    for value in KEPT:
        assert out.count(value) == answer.count(value)
    assert out == read_everything(answer, monkeypatch)
    assert scan.read < len(answer) / 2  # most of it was not read again


@pytest.mark.parametrize(
    "answer",
    [
        PROMPT,
        "佐藤花子さん（携帯 090-1234-5678）",  # shorter than MIN_COPY: the caller's own values, let through unread
        "住所は東京都千代田区霞が関1-2-3 霞が関ハイツ205号室",
        "高橋健一",
        PROMPT[100:150],
    ],
)
def test_an_answer_wholly_from_the_prompt_is_not_read_at_all(answer: str, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = Counted()
    assert screened(answer, scan) == answer == read_everything(answer, monkeypatch)
    assert scan.read == 0


@pytest.mark.parametrize(
    ("answer", "invented"),
    [
        ("佐藤良子さん", "佐藤良子"),  # one character off the prompt's 佐藤花子: read, and masked
        ("携帯 090-1234-5679", "090-1234-5679"),
        ("高橋健一と鈴木一郎", "鈴木一郎"),
    ],
)
def test_a_short_answer_not_wholly_from_the_prompt_is_read(answer: str, invented: str) -> None:
    scan = Counted()
    out = screened(answer, scan)
    assert invented not in out
    assert scan.read == len(answer)


def test_a_value_across_the_border_of_a_copy_is_masked() -> None:
    # The model copies up to 佐藤 and goes on with a given name of its own: 佐藤良子 is not the caller's.
    cut = PROMPT.index("佐藤花子さん（携帯") + 2
    answer = PROMPT[:cut] + "良子さん（携帯 090-5555-6666）" + PROMPT[cut + 4 :]
    out = screened(answer)
    assert "佐藤良子" not in out and "090-5555-6666" not in out
    assert "高橋健一" in out


def test_a_name_the_model_repeats_far_apart_is_masked_both_times(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = "担当の鈴木一郎さんから説明します。\n" + PROMPT + "\n以上、鈴木一郎が承ります。"
    out = screened(answer)
    assert "鈴木一郎" not in out
    assert out == read_everything(answer, monkeypatch)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers)
def test_no_invented_value_gets_through(answer: str) -> None:
    out = screened(answer)
    for _, invented in ADDED:
        if invented is not None and invented not in PROMPT:
            assert invented not in out
