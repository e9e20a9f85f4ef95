"""The conversation memo: which later message lists follow a turn, what is handed out, what is evicted."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.memo import Memo, Turn, is_flat, nested
from gateway.vault.transform import Asked

USER = {"role": "user", "content": "佐藤花子さんから電話がありました。"}
PARTS = {"role": "user", "content": [{"type": "text", "text": "鈴木"}, {"type": "text", "text": "一郎さんの件"}]}


def _turn(received: list[Any], text: str = "x") -> Turn:
    return Turn(
        received=tuple(received),
        orders=tuple(map(tuple, received)),
        nested=nested(received),
        sent=tuple(dict(m) for m in received),
        flat=tuple(is_flat(m) for m in received),
        head=(),
        head_sent=(),
        refs=len(received),
        text=text,
        findings=(),
        markings=(),
        keywords=frozenset(),
        naming=0,
        in_office=True,
        actions={},
        session=False,
        conversation=None,
        own={},
        present=frozenset(),
        adding={},
        asked=Asked(),
    )


@pytest.mark.parametrize(
    ("later", "follows"),
    [
        ([USER, PARTS, {"role": "assistant", "content": "承知しました。"}], True),
        ([USER, PARTS], True),  # the same turn again (a retry)
        ([USER], False),  # shorter
        ([{**USER, "content": USER["content"] + "。"}, PARTS], False),  # an earlier message edited
        ([{"content": USER["content"], "role": "user"}, PARTS], False),  # its fields in another order
        ([USER, {"role": "user", "content": [{"text": "鈴木", "type": "text"}, PARTS["content"][1]]}], False),  # nested too
        ([PARTS, USER], False),
    ],
    ids=["new-message", "retry", "shorter", "edited", "key-order", "nested-key-order", "reordered"],
)
def test_a_later_list_follows_only_with_the_same_messages_read_the_same_way(later: list[Any], follows: bool) -> None:
    assert _turn([USER, PARTS]).follows(later) is follows


def test_messages_are_handed_out_as_copies() -> None:
    turn = _turn([USER, PARTS])
    out = turn.handed_out()
    assert out == [USER, PARTS]
    out[0]["content"] = "changed"
    out[1]["content"][0]["text"] = "changed"
    assert turn.sent[0]["content"] == USER["content"] and turn.sent[1]["content"][0]["text"] == "鈴木"


def test_least_recently_used_conversations_go_first_by_count_and_by_length() -> None:
    memo = Memo(max_entries=2, max_chars=3 * 10)
    memo.put(("a",), _turn([USER], "aaaa"))
    memo.put(("b",), _turn([USER], "bbbb"))
    assert memo.get(("a",)) is not None  # a is now the most recently used
    memo.put(("c",), _turn([USER], "cc"))
    assert memo.get(("b",)) is None and memo.get(("a",)) is not None
    memo.put(("d",), _turn([USER], "dddddddd"))  # 8 characters: a (4) must go to stay within 10
    assert memo.get(("a",)) is None and memo.get(("d",)) is not None
    assert memo.stats()["chars"] <= 3 * 10
    memo.forget(("d",))
    assert memo.get(("d",)) is None
