"""Restoration against the rewrites models make: Japanese first, then English, then what must stay."""

from __future__ import annotations

import json

import pytest

from gateway.vault import StreamRestorer, restore

MAPPING = {
    "〔氏名1〕": "佐藤花子",
    "〔氏名2〕": "鈴木一郎",
    "〔氏名12〕": "高橋健",
    "〔電話番号1〕": "090-1234-5678",
    "〔住所1〕": "東京都千代田区霞が関1-2-3",
    "〔IPアドレス1〕": "192.0.2.1",
}

REWRITES = [
    ("〔氏名1〕さんの件について", "佐藤花子さんの件について"),  # honorific added
    ("〔氏名1〕様へのご案内", "佐藤花子様へのご案内"),
    ("〔氏名1〕は窓口に来ました", "佐藤花子は窓口に来ました"),  # trailing particle
    ("〔氏名1〕に、〔氏名2〕から連絡", "佐藤花子に、鈴木一郎から連絡"),
    ("〔氏名1〕〔氏名2〕", "佐藤花子鈴木一郎"),
    ("［氏名1］さん", "佐藤花子さん"),  # full-width square brackets
    ("[氏名1]さんは", "佐藤花子さんは"),  # width-normalised to ASCII
    ("[氏名1］", "佐藤花子"),  # one side only
    ("【氏名1】", "佐藤花子"),
    ("（氏名1）", "佐藤花子"),
    ("(氏名1)", "佐藤花子"),
    ("＜氏名1＞", "佐藤花子"),
    ("<氏名1>", "佐藤花子"),
    ("〈氏名1〉", "佐藤花子"),
    ("〔氏名１〕", "佐藤花子"),  # full-width digit
    ("〔氏名 1〕さん", "佐藤花子さん"),  # a space inside
    ("〔氏名\u30001〕", "佐藤花子"),  # an ideographic space inside
    ("〔 氏名1〕", "佐藤花子"),
    ("〔氏名1 〕", "佐藤花子"),
    ("〔氏名12〕と〔氏名1〕", "高橋健と佐藤花子"),  # no prefix confusion
    ("電話は〔電話番号1〕です。", "電話は090-1234-5678です。"),
    ("住所：〔住所1〕", "住所：東京都千代田区霞が関1-2-3"),
    ("接続元〔ＩＰアドレス１〕", "接続元192.0.2.1"),  # full-width letters in the label
    ("Dear 〔氏名1〕, we called 〔電話番号1〕.", "Dear 佐藤花子, we called 090-1234-5678."),
    ("Mr. [氏名2] lives at [住所1].", "Mr. 鈴木一郎 lives at 東京都千代田区霞が関1-2-3."),
    ("〔住所1〕〔", "東京都千代田区霞が関1-2-3〔"),  # an opener at the very end is released by flush
    ("〔〔氏名1〕〕", "〔佐藤花子〕"),
]

UNTOUCHED = [
    "〔氏名3〕さん",  # not in this conversation's mapping
    "〔氏名01〕",  # leading zero: not a number we hand out
    "〔 氏名 1〕",  # two spaces
    "氏名1さん",  # bare: form fields are written like this
    "「氏名1」欄に記入",  # quotes are not brackets
    "〔氏名〕",
    "＜氏名＞",  # a mask is irreversible
    "〔氏名1",  # never closed
    "",
]


@pytest.mark.parametrize(("answer", "expected"), REWRITES)
def test_rewritten_placeholder_is_restored(answer: str, expected: str) -> None:
    assert restore(answer, MAPPING) == expected


@pytest.mark.parametrize("answer", UNTOUCHED)
def test_what_is_not_a_mapped_placeholder_is_left_as_written(answer: str) -> None:
    assert restore(answer, MAPPING) == answer


@pytest.mark.parametrize(("answer", "expected"), REWRITES + [(u, u) for u in UNTOUCHED])
@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_stream_matches_whole_restore(answer: str, expected: str, size: int) -> None:
    r = StreamRestorer(MAPPING)
    out = "".join(r.feed(answer[i : i + size]) for i in range(0, len(answer), size)) + r.flush()
    assert out == expected


def test_empty_mapping_changes_nothing() -> None:
    assert restore("〔氏名1〕さん", {}) == "〔氏名1〕さん"
    r = StreamRestorer({})
    assert r.feed("〔氏名") == "〔氏名"
    assert r.max_hold == 0


def test_tool_call_arguments_stay_valid_json() -> None:
    mapping = {"〔氏名1〕": '山田"太郎\\', "〔住所1〕": "横浜市\n中区"}
    args = json.dumps({"name": "〔氏名1〕", "address": "［住所1］"}, ensure_ascii=False)
    restored = restore(args, mapping, json_escape=True)
    assert json.loads(restored) == {"name": '山田"太郎\\', "address": "横浜市\n中区"}
    r = StreamRestorer(mapping, json_escape=True)
    streamed = "".join(r.feed(ch) for ch in args) + r.flush()
    assert streamed == restored


def test_mapping_keys_must_be_canonical() -> None:
    with pytest.raises(ValueError, match="canonical"):
        StreamRestorer({"[氏名1]": "佐藤花子"})


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 1000])
def test_tool_call_arguments_written_with_ascii_escapes(size: int) -> None:
    # litellm's Anthropic adapter serialises tool input with json.dumps: every kanji becomes \uXXXX.
    args = json.dumps({"name": "〔氏名1〕さん", "tel": "［電話番号１］", "note": 'a\\u3014"b', "emoji": "🙂"})
    assert "\\u3014\\u6c0f\\u540d1\\u3015" in args
    want = {"name": "佐藤花子さん", "tel": "090-1234-5678", "note": 'a\\u3014"b', "emoji": "🙂"}
    assert json.loads(restore(args, MAPPING, json_escape=True)) == want
    r = StreamRestorer(MAPPING, json_escape=True)
    streamed = "".join(r.feed(args[i : i + size]) for i in range(0, len(args), size)) + r.flush()
    assert json.loads(streamed) == want


def test_a_cut_escape_at_the_end_is_released_as_written() -> None:
    r = StreamRestorer(MAPPING, json_escape=True)
    assert r.feed('{"a": "x\\u30') == '{"a": "x'
    assert r.flush() == "\\u30"
