"""Answer screening in a stream: released as soon as it cannot change, and equal to screening the whole answer."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectors import default_scanner
from detectors.model import Detection, Finding
from gateway import vault
from gateway.output import OutputGuard
from gateway.policy.engine import output_actions

ACTIONS = {t: a for t, a in output_actions("mask", {}).items() if a != "keep"}
PROMPT_NAME = "佐藤花子"
MAPPING = {"〔氏名1〕": PROMPT_NAME, "〔電話番号1〕": "090-1111-2222"}
PROMPT = f"{PROMPT_NAME}さん（090-1111-2222）への回答案"

# Invented by the model: none is in the prompt, so every one must come out masked.
NAMES = ["佐々木健一", "鈴木一郎", "高橋美咲", "田中花子", "渡辺大輔", "伊藤さくら", "山本 翔太"]
PHONES = ["090-1234-5678", "03-5253-2111", "080 9876 5432", "０６－６２０８－８１８１", "048-829-1111"]
ADDRESSES = ["埼玉県さいたま市浦和区高砂3-15-1", "東京都千代田区霞が関1-2-3", "大阪府大阪市北区中之島1丁目3番20号", "茨城県つくば市千現1-2-1"]
# The same people and numbers as the scanner reads them through a disguise: radicals and compatibility
# forms it folds (⼭⽥ is 山田), invisibles and marks it drops, typographic spaces, ideographs beyond the BMP.
DISGUISED = ["⼭⽥太郎", "渡辺\u200b一郎", "葛\U000e0100城太郎", "鈴\u0301木一郎", "山田\u2002太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "𠮷田一郎"]
# Written encoded, as the scanner decodes it: character references, percent-encoding, \\u escapes, quoted-printable, base64.
ENCODED = [
    "&#37428;&#26408;&#19968;&#37070;",
    "%E9%88%B4%E6%9C%A8%E4%B8%80%E9%83%8E",
    "\\u9234\\u6728\\u4e00\\u90ce",
    "=E9=88=B4=E6=9C=A8=E4=B8=80=E9=83=8E",
    "6Yi05pyo5LiA6YOO",
    "6Yi05pyo 5LiA6YOO",
    "E9 88 B4 E6 9C A8 E4 B8 80 E9 83 8E ",
    "e9:88:b4:e6:9c:a8:e4:b8:80:e9:83:8e",
    "&#48;&#57;&#48;-1234-5678",
]
# base64 wrapped over lines, as mail and PEM write it; the scanner joins the lines into one run.
_B64 = base64.b64encode("担当は鈴木一郎さん、電話は090-1234-5678です。".encode()).decode()
WRAPPED = "\n".join(_B64[i : i + 16] for i in range(0, len(_B64), 16))
DISGUISED_PHONES = ["090\u200b1234\u200b5678", "０９０－１２３４－５６７８", "03\u20095253\u20092111"]
HONORIFICS = ["さん", "様", "氏", "ちゃん", "先生", ""]
FILLER = ["承知しました。", "ご相談の件、", "以下のとおりご案内します。", "窓口は平日の9時から17時までです。", "なお、", "手続きには本人確認書類が必要です。\n", "よろしくお願いします。", "担当："]


async def _scan(texts: Sequence[str]) -> list[Detection]:
    return default_scanner().detect_many(texts)


async def _mask(text: str, findings: list[Finding]) -> str:
    return str((await vault.transform.apply(text, findings, ACTIONS, None)).text)


def guard(mapping: dict[str, str] | None = None) -> OutputGuard:
    restorer = vault.StreamRestorer(mapping) if mapping else None
    return OutputGuard(restorer, _scan, ACTIONS, PROMPT, _mask)


async def streamed(answer: str, sizes: list[int], mapping: dict[str, str] | None = MAPPING) -> tuple[str, OutputGuard]:
    g, out, i, k = guard(mapping), [], 0, 0
    while i < len(answer):
        size = sizes[k % len(sizes)]
        out.append(await g.feed(answer[i : i + size]))
        i, k = i + size, k + 1
    out.append(await g.flush())
    return "".join(out), g


async def whole(answer: str, mapping: dict[str, str] | None = MAPPING) -> str:
    return await guard(mapping).whole(answer)


pieces = st.one_of(
    st.sampled_from(FILLER),
    st.builds(lambda n, h: n + h + "に連絡してください。", st.sampled_from(NAMES), st.sampled_from(HONORIFICS)),
    st.builds(lambda p: f"電話は{p}までお願いします。", st.sampled_from(PHONES)),
    st.builds(lambda p: f"連絡先 {p}\n", st.sampled_from(PHONES)),
    st.builds(lambda a: f"住所は{a}です。", st.sampled_from(ADDRESSES)),
    st.sampled_from(["〔氏名1〕さんへの回答です。", "〔電話番号1〕へ折り返します。", "〔 氏名１〕様、", "（氏名1）さん。"]),
    st.builds(lambda n, h: f"担当の{n}{h}にご連絡ください。", st.sampled_from(DISGUISED), st.sampled_from(HONORIFICS)),
    st.builds(lambda p: f"電話は{p}です🙇", st.sampled_from(DISGUISED_PHONES)),
    st.builds(lambda e: f"担当は{e}さんです。", st.sampled_from(ENCODED)),
    st.just(f"記録:\n{WRAPPED}\n以上です。"),
)
answers = st.lists(pieces, min_size=1, max_size=6).map("".join)
chunkings = st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=8)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers, sizes=chunkings)
def test_any_chunking_equals_screening_the_whole_answer(answer: str, sizes: list[int]) -> None:
    out, g = asyncio.run(streamed(answer, sizes))
    assert out == asyncio.run(whole(answer)), (answer, sizes)
    for value in NAMES + PHONES + ADDRESSES:
        assert value not in out
    if "氏名" in answer:
        assert PROMPT_NAME in out and "〔" not in out
    assert g.held == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=answers, data=st.data())
def test_cut_anywhere_equals_screening_the_whole_answer(answer: str, data: st.DataObject) -> None:
    """Chunk boundaries at any characters: inside placeholders, inside names and numbers, between a
    character and the mark or selector after it."""
    cuts = sorted(data.draw(st.sets(st.integers(min_value=1, max_value=max(len(answer) - 1, 1)), max_size=len(answer))))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, len(answer)], strict=True) if b > a]
    out, g = asyncio.run(streamed(answer, sizes))
    assert out == asyncio.run(whole(answer)), (answer, cuts)
    assert g.held == 0


def _masked_whole(text: str) -> str:
    return asyncio.run(whole(text, None))


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("担当の⼭⽥太郎さんに連絡してください。", "担当の＜氏名＞さんに連絡してください。"),
        ("担当の葛\U000e0100城太郎さんに連絡してください。", "担当の＜氏名＞さんに連絡してください。"),
        ("担当の鈴\u0301木一郎さんに連絡してください。", "担当の＜氏名＞さんに連絡してください。"),
        ("電話は090\u200b1234\u200b5678までお願いします。", "電話は＜電話番号＞までお願いします。"),
        ("担当のﾔﾏﾀﾞ ﾀﾛｳ様に連絡してください。", "担当の＜氏名＞様に連絡してください。"),
        *((f"担当は{e}さんです。", "担当は＜氏名＞さんです。") for e in ENCODED[:6] + ENCODED[7:8]),
        (f"担当は{ENCODED[6]}さんです。", "担当は＜氏名＞ さんです。"),
        ("電話は MDkw LTEy MzQt NTY3OA== です。", "電話は ＜電話番号＞ です。"),
        ("電話は&#48;&#57;&#48;-1234-5678です。", "電話は＜電話番号＞です。"),
        (f"記録:\n{WRAPPED}\n以上です。", "記録:\n＜氏名＞\n以上です。"),
    ],
)
@pytest.mark.parametrize("size", [1, 2, 3])
def test_a_disguised_value_is_held_whole(answer: str, expected: str, size: int) -> None:
    # Released a character at a time, ⼭⽥ or 090 (before the zero width) went out before the scanner
    # could read the whole value.
    out, _ = asyncio.run(streamed(answer, [size], mapping=None))
    assert out == expected == _masked_whole(answer)


@pytest.mark.parametrize(
    ("answer", "size"),
    [
        ("承知しました。ご担当の佐々木健一さんにご連絡ください。", 1),
        ("住所は埼玉県さいたま市浦和区高砂3-15-1です。", 1),
        ("電話は090-1234-5678まで。", 1),
        ("回答：ヤマダ タロウ様への回答です。", 1),
        ("〔氏名1〕さんに、鈴木一郎様からの伝言です。", 2),
    ],
)
def test_one_character_at_a_time(answer: str, size: int) -> None:
    out, _ = asyncio.run(streamed(answer, [size]))
    assert out == asyncio.run(whole(answer))


def test_text_before_a_run_is_released_at_once() -> None:
    async def run() -> list[str]:
        g = guard()
        return [await g.feed(p) for p in ["承知", "しました。", "ご担当の", "佐々", "木健一", "さんに", "ご連絡"]]

    released = asyncio.run(run())
    # Text goes out with the chunk that settles it; a run (担当, 佐々木健一) waits for its right context.
    assert released[:3] == ["", "承知しました。", "ご"]
    assert released[3] == released[4] == ""
    assert released[5] == "担当の＜氏名＞さんに"  # さんに: no longer an honorific in the making
    assert released[6] == "ご"


def test_held_back_is_bounded_by_the_run_not_the_sentence() -> None:
    answer = "本日は" + "ご案内のとおりお手続きいただけますとありがたいです" * 8 + "。"
    out, g = asyncio.run(streamed(answer, [1]))
    assert out == answer
    assert g.max_held <= 8


def test_a_long_run_without_break_is_released_in_windows() -> None:
    answer = "ABCDEFGHIJ" * 60 + " 090-1234-5678"
    out, g = asyncio.run(streamed(answer, [3], mapping=None))
    assert "090-1234-5678" not in out
    assert g.max_held <= 120


def test_a_name_followed_by_a_long_run_is_not_held_to_its_end() -> None:
    answer = "担当：鈴木一郎" + "ABCDEFGHIJ" * 40 + "。"
    out, g = asyncio.run(streamed(answer, [2], mapping=None))
    assert "鈴木一郎" not in out and "＜氏名＞" in out
    assert g.max_held <= 120


arguments = st.builds(
    lambda who, name, phone, ascii_: json.dumps({"to": who, "cc": name, "tel": phone, "note": "折り返しお願いします"}, ensure_ascii=ascii_),
    st.sampled_from(["〔氏名1〕", "〔氏名1〕様", PROMPT_NAME]),
    st.sampled_from(NAMES + DISGUISED),
    st.sampled_from(PHONES + DISGUISED_PHONES),
    st.booleans(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=arguments, data=st.data())
def test_tool_arguments_cut_anywhere_equal_the_whole_and_stay_json(args: str, data: st.DataObject) -> None:
    """Tool-call arguments are JSON text, placeholders possibly \\u-escaped: cut anywhere (inside an escape
    too), restored and screened like the whole, and still JSON."""
    cuts = sorted(data.draw(st.sets(st.integers(min_value=1, max_value=len(args) - 1), max_size=len(args))))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, len(args)], strict=True)]

    def json_guard() -> OutputGuard:
        return OutputGuard(vault.StreamRestorer(MAPPING, json_escape=True), _scan, ACTIONS, PROMPT, _mask)

    async def run() -> tuple[str, str]:
        g, out, i = json_guard(), [], 0
        for size in sizes:
            out.append(await g.feed(args[i : i + size]))
            i += size
        return "".join(out) + await g.flush(), await json_guard().whole(args)

    streamed_args, whole_args = asyncio.run(run())
    assert streamed_args == whole_args
    value = json.loads(streamed_args)
    assert PROMPT_NAME in value["to"] and "〔" not in streamed_args and "\\u3014" not in streamed_args
    for invented in NAMES + PHONES:
        assert invented not in json.dumps(value, ensure_ascii=False)
