"""The lines of a user message that say what staff ask, as opposed to a template or a pasted chat.

`request_lines` gives what the `only_in: request` signals (staff's own cues) are read in; `fold` is the
normalisation every keyword, pattern and signal is matched against.
"""

from __future__ import annotations

import re

from detectors.nfkc import nfkc

# A pasted document can be long; the request itself is written at its start or end.
HEAD, TAIL = 1000, 500
# A closing line of a request is short (「以上をまとめてください」).
SHORT_CLOSING = 120
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """NFKC, case-folded, whitespace runs made one space: what keywords and patterns are matched against."""
    return _SPACE.sub(" ", nfkc(text).casefold())


# A line a UI starts with a role label is a rendered turn of the chat, not a request typed around it.
_ROLE_LINE = re.compile(r"[#>*\s]*(?:user|human|assistant|ai|bot|system|response|ユーザー|アシスタント) ?:")
_FIELD_LINE = re.compile(r"[#>*\s]*(?:prompt|query|input|user input|text|message|question|current question) ?:")
_LATE_COLON = re.compile(r"(?<=.{20})[:：]")
# What is quoted in a request line is someone's text (MoA's "{{prompt}}"), not the request's own words.
_QUOTED_PART = re.compile(r'"[^"]*"|“[^”]*”|<([a-z_]+)>.*?</\1>')


# A closing line that points back at what was pasted above it (「上のやり取りを報告書に…」): staff asking
# after their paste. Any other last line may be a turn's content (an answer that says 「説明してください」).
_POINTS_BACK = re.compile(r"(?:上の|上記の?|以上の|ここまでの)(?:やり取り|会話|チャット|ログ|内容|プロンプト|テンプレート|文)|\bthe above (?:chat|conversation|log|prompt|template|text)\b")


def request_lines(text: str) -> str:
    """The lines of a user message that say what staff ask, folded, without their quoted parts.

    The first line, unless a UI starts it with a role label (a rendered turn of the chat); and the
    last one when it points back at the text above it. "" when neither is a request's line.
    """
    head = [raw for raw in text[:HEAD].splitlines() if raw.strip()]
    if not head:
        return ""
    first = _QUOTED_PART.sub(" ", fold(head[0]).strip())
    # A UI may fill its input in after a colon on the template's first line (Open WebUI's early "… as a
    # header for the following query: {{prompt}}"): what follows a late colon is not the request.
    colon = _LATE_COLON.search(first)
    if colon is not None:
        first = first[: colon.start()]
    asked = [] if _ROLE_LINE.match(first) else [first]
    # The request may go on for one short line in the same paragraph (「…付けて。\n報告書に使います。」),
    # unless the first line is a template's scaffold (a heading, a tag, a bracket).
    raw_lines = text[:HEAD].lstrip().splitlines()
    if asked and len(raw_lines) > 1 and raw_lines[1].strip() and not first.startswith(("#", "<", "[", "{", "|")):
        second = fold(raw_lines[1]).strip()
        if (
            len(second) <= SHORT_CLOSING
            and not first.endswith(":")
            and not _ROLE_LINE.match(second)
            and not _FIELD_LINE.match(second)
        ):
            asked.append(_QUOTED_PART.sub(" ", second))
    tail = [raw for raw in text[-TAIL:].splitlines() if raw.strip()] if len(text) > HEAD else head
    if len(tail) > 1:
        last, before = fold(tail[-1]).strip(), fold(tail[-2]).strip()
        # Not a line a UI fills in after a field's label (Dify's "User Input:\n{query}", "Prompt: {{prompt}}").
        if (
            not before.endswith(":")
            and not _ROLE_LINE.match(last)
            and not _FIELD_LINE.match(last)
            and _POINTS_BACK.search(last)
        ):
            asked.append(last)
    return _QUOTED_PART.sub(" ", "\x01".join(asked))
